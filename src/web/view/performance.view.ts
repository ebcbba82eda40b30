/**
 * The service performance page: a month's scorecard (the caller's organisation, or every member's
 * for the partnership board and the host), the month's service credits, a month picker and a
 * 12-month trend per target (a line chart with the same figures in a table beside it). Pure: the
 * figures are PerformanceService's answers, formatted with the PDFs' formatting and drawn with the
 * PDFs' chart.
 */
import Handlebars from 'handlebars';
import { addMonths } from '../../common/months';
import { lineChart } from '../../reports/charts';
import { safeId } from '../../reports/charts/svg';
import { absMoney, formatKpiValue, formatMonthLong, formatMonthRange, formatMonthShort, formatPercent, formatReduction, sumMoney } from '../../reports/view/format';

export type StatusCode = 'met' | 'at_risk' | 'breached' | 'missing' | null;

export interface Tag {
  text: string;
  colour: 'green' | 'yellow' | 'red' | 'orange' | 'grey' | 'white';
}

/**
 * The statuses in words, coloured as in the performance report (green met, amber at risk, red
 * breached or missing, grey not yet due); the word always carries the meaning, never colour alone.
 */
export const STATUS_TAGS: Record<'met' | 'at_risk' | 'breached' | 'missing' | 'pending', Tag> = {
  met: { text: 'Met', colour: 'green' },
  at_risk: { text: 'At risk', colour: 'yellow' },
  breached: { text: 'Breached', colour: 'red' },
  missing: { text: 'Missing', colour: 'red' },
  pending: { text: 'Not yet due', colour: 'grey' },
};

/** Three or more failed periods in a row. */
export const CRITICAL_TAG: Tag = { text: 'Critical', colour: 'red' };

export function statusTag(s: StatusCode): Tag {
  return STATUS_TAGS[s ?? 'pending'];
}

/** What the statuses mean, in the report's words (for the page's key). */
export const STATUS_KEY = [
  { tag: STATUS_TAGS.met, text: 'the target was reached' },
  { tag: STATUS_TAGS.at_risk, text: 'short of the target, but within the limit' },
  { tag: STATUS_TAGS.breached, text: 'beyond the limit: a service credit is due on a service level agreement' },
  { tag: STATUS_TAGS.missing, text: 'no figure once the period ended: treated as breached' },
  { tag: STATUS_TAGS.pending, text: 'the period has not ended and there is no figure yet' },
  { tag: CRITICAL_TAG, text: 'breached or missing for three or more periods in a row: for the board’s attention' },
];

export interface PerformanceSla {
  id: string;
  name: string;
  targets: { kpiCode: string; kpiName: string; unit: string; direction: string }[];
}

export interface PerformanceItemInput {
  slaId: string;
  slaName: string;
  kind: 'SLA' | 'OLA';
  frequency: string;
  serviceLineId: string;
  serviceLineCode: string;
  serviceLineName: string;
  kpiCode: string;
  organisationId: string;
  organisationName: string;
  value: string | null;
  target: string;
  threshold: string;
  status: string | null;
  consecutiveBreaches: number;
  critical: boolean;
  periodStart: string;
  periodEnd: string;
}

export interface PerformanceCreditInput {
  slaId: string;
  organisationId: string;
  organisationName?: string;
  serviceLineCode?: string;
  serviceLineName?: string;
  periodMonths: string[];
  creditPercent: string;
  amount: string | null;
}

export interface PerformanceHistoryInput {
  slaId: string;
  slaName: string;
  kpiCode: string;
  organisationId: string;
  target: string;
  threshold: string;
  points: { periodStart: string; periodEnd: string; value: string | null; status: string | null; applicable: boolean }[];
}

export interface PerformancePageInput {
  consortiumId: string;
  month: string;
  /** The months the picker offers, oldest first (the month shown among them). */
  months: string[];
  /** The partnership board or the host: every member's rows, grouped by organisation. */
  wholeConsortium: boolean;
  organisationId: string | null;
  performance: {
    items: PerformanceItemInput[];
    credits: PerformanceCreditInput[];
    summary: { met: number; atRisk: number; breached: number; missing: number; pending: number; critical: number };
  };
  history: PerformanceHistoryInput[];
  slas: PerformanceSla[];
  /** Organisation names by id (the members). */
  organisationNames: ReadonlyMap<string, string>;
  /** Whether the caller may submit measurements (a link to the form). */
  canSubmit: boolean;
}

interface KpiInfo {
  name: string;
  unit: string;
  direction: 'higher_is_better' | 'lower_is_better';
}

function kpiOf(slas: PerformanceSla[], slaId: string, kpiCode: string): KpiInfo {
  const t = slas.find((s) => s.id === slaId)?.targets.find((x) => x.kpiCode === kpiCode);
  return t
    ? { name: t.kpiName, unit: t.unit, direction: t.direction === 'lower_is_better' ? 'lower_is_better' : 'higher_is_better' }
    : { name: kpiCode, unit: '', direction: 'higher_is_better' };
}

/** "≥ 99.5%" or "≤ 5 days": the target with the side that meets it. */
export function targetText(target: string, k: Pick<KpiInfo, 'unit' | 'direction'>): string {
  return `${k.direction === 'lower_is_better' ? '≤' : '≥'}\u00a0${formatKpiValue(target, k.unit)}`;
}

/** A KPI result as the reports print it; '–' when there is none. */
export function resultText(value: string | null, unit: string): string {
  return value === null ? '\u2013' : formatKpiValue(value, unit);
}

function periodText(start: string, end: string): string {
  return formatMonthRange(start, end);
}

function monthLink(consortiumId: string, month: string): string {
  return `/consortium/${consortiumId}/performance?month=${month}`;
}

export interface TrendChart {
  id: string;
  /** The organisation, when the page shows every member's. */
  heading: string | null;
  chart: Handlebars.SafeString;
  caption: string;
  slaId: string;
  kpiCode: string;
  organisationId: string;
  rows: { periodStart: string; period: string; result: string; status: Tag | null; notApplicable: boolean }[];
}

export interface TrendSection {
  id: string;
  heading: string;
  /** "≥ 99.5%" and "99%": the target's, the same for every organisation. */
  target: string;
  limit: string;
  charts: TrendChart[];
}

/** "Sep 2024"; a quarter "Apr 2025 to Jun 2025" (the history table's periods, short enough to sit beside the chart). */
export function shortPeriod(start: string, end: string): string {
  const short = (m: string) => `${formatMonthLong(m).slice(0, 3)} ${m.slice(0, 4)}`;
  return start === end ? short(start) : `${short(start)} to ${short(end)}`;
}

export function performancePageView(input: PerformancePageInput) {
  const { consortiumId, month, slas } = input;
  const monthText = formatMonthLong(month);
  const orgName = (id: string) => input.organisationNames.get(id) ?? input.performance.items.find((i) => i.organisationId === id)?.organisationName ?? '';

  // ---- the month picker: a select of months (newest first) and previous / next month links
  const first = input.months[0];
  const last = input.months[input.months.length - 1];
  const prev = addMonths(month, -1);
  const next = addMonths(month, 1);
  const picker = {
    action: `/consortium/${consortiumId}/performance`,
    options: [...input.months].reverse().map((m) => ({ value: m, text: formatMonthLong(m), selected: m === month })),
    previous: first !== undefined && prev >= first ? { href: monthLink(consortiumId, prev), text: formatMonthLong(prev) } : null,
    next: last !== undefined && next <= last ? { href: monthLink(consortiumId, next), text: formatMonthLong(next) } : null,
  };

  // ---- the scorecard: one table per organisation (own first), rows in the service's order
  const orgOrder: string[] = [];
  if (input.organisationId && input.performance.items.some((i) => i.organisationId === input.organisationId)) orgOrder.push(input.organisationId);
  for (const i of input.performance.items) if (!orgOrder.includes(i.organisationId)) orgOrder.push(i.organisationId);
  const groups = orgOrder.map((orgId, gi) => {
    const items = input.performance.items.filter((i) => i.organisationId === orgId);
    const name = orgName(orgId);
    const own = orgId === input.organisationId;
    return {
      id: `scorecard-${gi + 1}`,
      organisationId: orgId,
      caption: input.wholeConsortium ? `${name}${own ? ' (your organisation)' : ''}: ${monthText}` : `${name}: ${monthText}`,
      rows: items.map((i) => {
        const k = kpiOf(slas, i.slaId, i.kpiCode);
        const status = statusTag(i.status as StatusCode);
        return {
          slaId: i.slaId,
          kpiCode: i.kpiCode,
          organisationId: i.organisationId,
          service: `${i.serviceLineName} (${i.serviceLineCode})`,
          measure: k.name,
          sla: `${i.slaName}${i.periodStart === i.periodEnd ? '' : `, ${periodText(i.periodStart, i.periodEnd)}`}`,
          target: targetText(i.target, k),
          limit: formatKpiValue(i.threshold, k.unit),
          result: resultText(i.value, k.unit),
          status,
          critical: i.critical ? CRITICAL_TAG : null,
          streak: i.consecutiveBreaches > 1 ? `${i.consecutiveBreaches} periods in a row` : null,
        };
      }),
    };
  });

  const s = input.performance.summary;
  const summary = [
    { key: 'Met', figure: 'met', value: String(s.met) },
    { key: 'At risk', figure: 'at_risk', value: String(s.atRisk) },
    { key: 'Breached', figure: 'breached', value: String(s.breached) },
    { key: 'Missing', figure: 'missing', value: String(s.missing) },
    { key: 'Not yet due', figure: 'pending', value: String(s.pending) },
    { key: 'Critical (3 or more in a row)', figure: 'critical', value: String(s.critical) },
  ];

  // ---- the service credits booked in the month
  const slaName = (id: string) => slas.find((x) => x.id === id)?.name ?? input.performance.items.find((i) => i.slaId === id)?.slaName ?? '';
  const credits = input.performance.credits.map((c) => ({
    organisation: c.organisationName ?? orgName(c.organisationId),
    service: c.serviceLineName ? `${c.serviceLineName} (${c.serviceLineCode ?? ''})` : '',
    sla: slaName(c.slaId),
    period: periodText(c.periodMonths[0], c.periodMonths[c.periodMonths.length - 1]),
    percent: formatPercent(c.creditPercent),
    amount: c.amount === null ? 'To be priced' : formatReduction(c.amount),
  }));
  const priced = input.performance.credits.every((c) => c.amount !== null);
  const creditsTotal = priced ? formatReduction(sumMoney(input.performance.credits.map((c) => absMoney(c.amount!)))) : 'To be priced';

  // ---- the trends: one section per target (SLA × KPI), one chart and table per organisation
  const trends: TrendSection[] = [];
  let n = 0;
  for (const h of input.history) {
    const k = kpiOf(slas, h.slaId, h.kpiCode);
    const heading = `${k.name}: ${h.slaName}`;
    let t = trends.find((x) => x.heading === heading);
    if (!t) trends.push((t = { id: `trend-${trends.length + 1}`, heading, target: targetText(h.target, k), limit: formatKpiValue(h.threshold, k.unit), charts: [] }));
    n++;
    const org = orgName(h.organisationId);
    const firstPoint = h.points[0];
    const lastPoint = h.points[h.points.length - 1];
    const span = firstPoint && lastPoint ? periodText(firstPoint.periodStart, lastPoint.periodEnd) : monthText;
    const title = input.wholeConsortium ? `${k.name}, ${org}` : k.name;
    t.charts.push({
      id: `trend-${trends.length}-${t.charts.length + 1}`,
      heading: input.wholeConsortium ? org : null,
      chart: new Handlebars.SafeString(
        lineChart({
          id: safeId(`trend-chart-${n}`),
          title: `${title}: ${span}`,
          seriesLabel: 'Result',
          points: h.points.map((p) => ({ label: formatMonthShort(p.periodStart), value: p.applicable ? p.value : null })),
          target: { value: h.target },
          threshold: { value: h.threshold, label: 'Limit' },
          unit: k.unit === 'percent' ? '%' : '',
          higherIsBetter: k.direction !== 'lower_is_better',
          width: 600,
          height: 280,
          decimals: 1,
        }),
      ),
      caption: `${title}, ${span}`,
      slaId: h.slaId,
      kpiCode: h.kpiCode,
      organisationId: h.organisationId,
      rows: h.points.map((p) => ({
        periodStart: p.periodStart,
        period: shortPeriod(p.periodStart, p.periodEnd),
        result: p.applicable ? resultText(p.value, k.unit) : '\u2013',
        status: p.applicable ? statusTag(p.status as StatusCode) : null,
        notApplicable: !p.applicable,
      })),
    });
  }

  return {
    monthText,
    month,
    picker,
    statusKey: STATUS_KEY,
    summary,
    groups,
    hasItems: groups.length > 0,
    credits,
    hasCredits: credits.length > 0,
    creditsTotal,
    trends,
    hasTrends: trends.length > 0,
    measurementsHref: input.canSubmit ? `/consortium/${consortiumId}/measurements` : null,
  };
}
