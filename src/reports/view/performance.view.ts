/**
 * View model of the SLA performance report (a month's scorecard) from PerformanceService's answers.
 * Pure: names are passed in, charts are drawn by ../charts, text is formatted here.
 */
import { lineChart } from '../charts';
import { ReportTemplates } from '../templates';
import { type Chart, frame, listText, pairs, plural, type ReportFrame, type Tile } from './frame';
import { absMoney, formatGbp, formatKpiValue, formatReduction, formatMonthLong, formatMonthShort, formatPercent, sumMoney, withUnit } from './format';

export type StatusCode = 'met' | 'at_risk' | 'breached' | 'missing' | null;

export interface PerfItemInput {
  slaId: string;
  slaName: string;
  kind: 'SLA' | 'OLA';
  frequency: string;
  serviceLineId: string;
  kpiCode: string;
  organisationId: string;
  value: string | null;
  target: string;
  threshold: string;
  status: StatusCode;
  consecutiveBreaches: number;
  critical: boolean;
  periodStart: string;
  periodEnd: string;
}

export interface PerfCreditInput {
  slaId: string;
  organisationId: string;
  serviceLineId: string;
  periodMonths: string[];
  creditPercent: string;
  amount: string | null;
}

export interface PerfHistoryInput {
  slaId: string;
  slaName: string;
  kpiCode: string;
  organisationId: string;
  target: string;
  threshold: string;
  points: Array<{ periodStart: string; periodEnd: string; value: string | null; status: StatusCode; applicable: boolean }>;
}

export interface Names {
  organisation(id: string): string;
  serviceLine(id: string): { code: string; name: string };
  kpi(code: string): { name: string; unit: string; direction: 'higher_is_better' | 'lower_is_better' };
}

export interface PerformanceReportInput {
  consortiumName: string;
  /** The organisation the report is for (a partner or board viewer); null = the whole consortium. */
  audience: string | null;
  month: string;
  at: Date;
  items: PerfItemInput[];
  credits: PerfCreditInput[];
  history: PerfHistoryInput[];
  names: Names;
}

export interface StatusView {
  css: string;
  label: string;
}

export const STATUS_LABELS: Record<string, StatusView> = {
  met: { css: 'met', label: 'MET' },
  at_risk: { css: 'at_risk', label: 'AT RISK' },
  breached: { css: 'breached', label: 'BREACHED' },
  missing: { css: 'missing', label: 'MISSING' },
  pending: { css: 'pending', label: 'PENDING' },
};

export function statusView(s: StatusCode): StatusView {
  return STATUS_LABELS[s ?? 'pending'];
}

export interface PerformanceReportView {
  frame: ReportFrame;
  tiles: Tile[];
  hasItems: boolean;
  slas: Array<{
    name: string;
    heading: string;
    rows: Array<{
      organisation: string;
      measure: string;
      target: string;
      threshold: string;
      value: string;
      status: StatusView;
      streak: string;
      critical: boolean;
    }>;
  }>;
  critical: Array<{ organisation: string; measure: string; sla: string; text: string }>;
  hasCritical: boolean;
  credits: Array<{ organisation: string; serviceLine: string; sla: string; period: string; percent: string; amount: string }>;
  hasCredits: boolean;
  creditsTotal: string;
  creditsPriced: boolean;
  trendGroups: Array<{ heading: string; rows: Array<{ left: { title: string; chart: Chart }; right: { title: string; chart: Chart } | null }> }>;
  hasTrends: boolean;
}

function measureName(names: Names, kpiCode: string): string {
  return names.kpi(kpiCode).name || kpiCode;
}

function unitOf(names: Names, kpiCode: string): string {
  return names.kpi(kpiCode).unit;
}

export function buildPerformanceView(input: PerformanceReportInput): PerformanceReportView {
  const { names, items, credits } = input;
  const monthText = formatMonthLong(input.month);
  const count = (s: StatusCode) => items.filter((i) => i.status === s).length;
  const met = count('met');
  const atRisk = count('at_risk');
  const breached = count('breached');
  const missing = count('missing');
  const pending = count(null);
  const due = items.length - pending;
  const critical = items.filter((i) => i.critical);
  const priced = credits.every((c) => c.amount !== null);
  const creditsTotal = priced ? sumMoney(credits.map((c) => absMoney(c.amount!))) : null;

  const failing = items.filter((i) => i.status === 'breached' || i.status === 'missing');
  const summary: string[] = [];
  if (!items.length) {
    summary.push(`No SLA targets applied ${input.audience ? `to ${input.audience} ` : ''}in ${monthText}.`);
  } else {
    if (due === 0) summary.push(`None of the ${plural(items.length, 'target')} for ${monthText} is due yet: figures are reported after the period ends.`);
    else
      summary.push(
        `${met + atRisk} of ${plural(due, 'target')} due in ${monthText} ${met + atRisk === 1 ? 'was' : 'were'} met or within tolerance (${met} met, ${atRisk} at risk).`,
      );
    if (failing.length) {
      summary.push(
        `${failing.length} ${failing.length === 1 ? 'was' : 'were'} breached or had no figure: ${listText(failing.map((f) => `${names.organisation(f.organisationId)} – ${measureName(names, f.kpiCode)}`))}.`,
      );
    } else if (due > 0) {
      summary.push('No target was breached.');
    }
    if (credits.length) {
      summary.push(
        creditsTotal !== null
          ? `Service credits of ${formatGbp(creditsTotal)} reduce the charges of ${listText([...new Set(credits.map((c) => names.organisation(c.organisationId)))])} this month.`
          : `Service credits are due to ${listText([...new Set(credits.map((c) => names.organisation(c.organisationId)))])}; they are priced when the month's charges are calculated.`,
      );
    } else if (due > 0) {
      summary.push('No service credits are due this month.');
    }
    summary.push(
      critical.length
        ? `${plural(critical.length, 'target has', 'targets have')} failed three or more periods in a row and need${critical.length === 1 ? 's' : ''} the board's attention.`
        : 'No target has failed three periods in a row.',
    );
    if (pending && due) summary.push(`${plural(pending, 'target is', 'targets are')} not yet due.`);
  }

  const f = frame({
    kicker: 'SLA performance report',
    title: `Service performance: ${monthText}`,
    subtitle: input.audience ? `Scorecard for ${input.audience}` : 'Scorecard for all members of the consortium',
    consortiumName: input.consortiumName,
    facts: [
      { label: 'Consortium', value: input.consortiumName },
      { label: 'Prepared for', value: input.audience ?? 'The consortium board (all members)' },
      { label: 'Month', value: monthText },
    ],
    summary,
    classification: 'OFFICIAL',
    draft: false,
    at: input.at,
  });

  const tiles: Tile[] = [
    { label: 'Targets due', value: String(due), note: pending ? `${pending} not yet due` : null },
    { label: 'Met', value: String(met), note: atRisk ? `${atRisk} more at risk` : null },
    { label: 'Breached or missing', value: String(breached + missing), note: missing ? `${missing} with no figure` : null },
    { label: 'Critical (3+ in a row)', value: String(critical.length), note: null },
    {
      label: 'Service credits',
      value: creditsTotal !== null ? formatGbp(creditsTotal) : credits.length ? 'To be priced' : formatGbp('0'),
      note: credits.length ? plural(credits.length, 'credit') : null,
    },
  ];

  // one table per SLA, in the service's order
  const slaOrder: string[] = [];
  for (const i of items) if (!slaOrder.includes(i.slaId)) slaOrder.push(i.slaId);
  const slas = slaOrder.map((slaId) => {
    const rows = items.filter((i) => i.slaId === slaId);
    const first = rows[0];
    const line = names.serviceLine(first.serviceLineId);
    const period = first.periodStart === first.periodEnd ? formatMonthLong(first.periodStart) : `${formatMonthLong(first.periodStart)} to ${formatMonthLong(first.periodEnd)}`;
    return {
      name: first.slaName,
      heading: `${first.kind} · ${line.name} (${line.code}) · ${first.frequency} · period ${period}`,
      rows: rows.map((r) => {
        const unit = unitOf(names, r.kpiCode);
        return {
          organisation: names.organisation(r.organisationId),
          measure: measureName(names, r.kpiCode),
          target: `${names.kpi(r.kpiCode).direction === 'lower_is_better' ? '≤ ' : '≥ '}${formatKpiValue(r.target, unit)}`,
          threshold: formatKpiValue(r.threshold, unit),
          value: r.value === null ? '–' : formatKpiValue(r.value, unit),
          status: statusView(r.status),
          streak: r.consecutiveBreaches > 0 ? `${r.consecutiveBreaches}${r.critical ? ' – CRITICAL' : ''}` : '–',
          critical: r.critical,
        };
      }),
    };
  });

  const slaName = (id: string) => items.find((i) => i.slaId === id)?.slaName ?? input.history.find((h) => h.slaId === id)?.slaName ?? '';
  const creditRows = credits.map((c) => {
    const line = names.serviceLine(c.serviceLineId);
    return {
      organisation: names.organisation(c.organisationId),
      serviceLine: `${line.name} (${line.code})`,
      sla: slaName(c.slaId),
      period:
        c.periodMonths.length === 1 ? formatMonthLong(c.periodMonths[0]) : `${formatMonthLong(c.periodMonths[0])} to ${formatMonthLong(c.periodMonths[c.periodMonths.length - 1])}`,
      percent: formatPercent(c.creditPercent),
      amount: c.amount === null ? 'to be priced' : formatReduction(c.amount),
    };
  });

  // one group per target (SLA × KPI), one small chart per organisation
  const groups: Array<{ heading: string; charts: Array<{ title: string; chart: Chart }> }> = [];
  for (const h of input.history.filter((x) => x.points.some((p) => p.applicable && p.value !== null))) {
    const k = names.kpi(h.kpiCode);
    const heading = `${k.name || h.kpiCode} – ${h.slaName}`;
    let g = groups.find((x) => x.heading === heading);
    if (!g) groups.push((g = { heading, charts: [] }));
    const org = names.organisation(h.organisationId);
    g.charts.push({
      title: org,
      chart: ReportTemplates.trusted(
        lineChart({
          title: org,
          seriesLabel: 'Result',
          points: h.points.map((p) => ({ label: formatMonthShort(p.periodStart), value: p.applicable ? p.value : null })),
          target: { value: h.target },
          threshold: { value: h.threshold, label: 'Limit' },
          unit: k.unit === 'percent' ? '%' : '',
          higherIsBetter: k.direction !== 'lower_is_better',
          width: 340,
          height: 210,
          decimals: 1,
        }),
      ),
    });
  }

  return {
    frame: f,
    tiles,
    hasItems: items.length > 0,
    slas,
    critical: critical.map((c) => ({
      organisation: names.organisation(c.organisationId),
      measure: measureName(names, c.kpiCode),
      sla: c.slaName,
      text: `${c.status === 'missing' ? 'no figure' : 'breached'} for ${plural(c.consecutiveBreaches, 'period')} in a row (target ${withUnit(formatKpiValue(c.target), unitOf(names, c.kpiCode))})`,
    })),
    hasCritical: critical.length > 0,
    credits: creditRows,
    hasCredits: creditRows.length > 0,
    creditsTotal: creditsTotal !== null ? formatReduction(creditsTotal) : 'to be priced',
    creditsPriced: priced,
    trendGroups: groups.map((g) => ({ heading: g.heading, rows: pairs(g.charts) })),
    hasTrends: groups.length > 0,
  };
}
