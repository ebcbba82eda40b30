/**
 * View model of the board pack for a period: the consolidated statement (./consolidated.view),
 * every member against the benefits plan (./benefits.view), a performance summary (each SLA target's
 * status per month, from the same PerformanceService answers as the performance report, critical
 * failures called out) and the decisions taken in the period (the decisions log). Pure.
 */
import { buildConsolidatedView, type ConsolidatedInput, type ConsolidatedReportView } from './consolidated.view';
import type { BenefitsTableView } from './benefits.view';
import { frame, plural, type ReportFrame, type Tile } from './frame';
import { DELIVERY_MODEL_LABELS, formatGbp, formatKpiValue, formatMonthRange, formatMonthShort, humanise, isNegative, withUnit } from './format';
import { monthRange } from '../../common/months';
import { statusView, type Names, type PerfItemInput, type StatusView } from './performance.view';

export interface BoardPackDecisionInput {
  at: Date;
  kind: string;
  summary: string;
  actorOrganisationName: string | null;
}

export interface BoardPackInput {
  consortiumName: string;
  deliveryModel: string;
  hostOrganisationId: string;
  consolidated: ConsolidatedInput;
  shortLabel(organisationId: string): string | null;
  /** PerformanceService.month's items for each month of the period (at most its last 12), in month order. */
  performance: Array<{ month: string; items: PerfItemInput[] }>;
  names: Names;
  decisions: BoardPackDecisionInput[];
  /** How many decisions the period holds (more than listed when the list was cut). */
  decisionsTotal: number;
  at: Date;
}

export interface PerformanceSummaryRow {
  sla: string;
  measure: string;
  organisation: string;
  target: string;
  /** null where the target did not apply that month (shown as a dash). */
  cells: Array<{ status: StatusView | null }>;
  critical: boolean;
}

export interface BoardPackView {
  frame: ReportFrame;
  tiles: Tile[];
  consolidated: ConsolidatedReportView;
  benefits: BenefitsTableView | null;
  months: string[];
  performance: PerformanceSummaryRow[];
  hasPerformance: boolean;
  /** Says so when the summary shows only the period's last months. */
  performanceNote: string | null;
  critical: Array<{ organisation: string; measure: string; sla: string; text: string }>;
  hasCritical: boolean;
  decisions: Array<{ date: string; kind: string; summary: string; by: string }>;
  hasDecisions: boolean;
  decisionsNote: string | null;
}

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function buildBoardPackView(input: BoardPackInput): BoardPackView {
  const c = input.consolidated;
  const name = input.consortiumName;
  const period = formatMonthRange(c.from, c.to);
  const consolidated = buildConsolidatedView({
    consortiumName: name,
    deliveryModel: input.deliveryModel,
    hostOrganisationId: input.hostOrganisationId,
    consolidated: c,
    shortLabel: (id) => input.shortLabel(id),
    at: input.at,
  });
  const names = input.names;

  // one row per SLA target, organisation and measure; one cell per month (pending where it did not apply)
  const rows = new Map<string, PerformanceSummaryRow & { byMonth: Map<string, PerfItemInput> }>();
  for (const { month, items } of input.performance) {
    for (const i of items) {
      const key = `${i.slaId}/${i.kpiCode}/${i.organisationId}`;
      const r = rows.get(key) ?? {
        sla: i.slaName,
        measure: names.kpi(i.kpiCode).name || i.kpiCode,
        organisation: names.organisation(i.organisationId),
        target: withUnit(formatKpiValue(i.target), names.kpi(i.kpiCode).unit),
        cells: [],
        critical: false,
        byMonth: new Map(),
      };
      r.byMonth.set(month, i);
      rows.set(key, r);
    }
  }
  const months = input.performance.map((p) => p.month);
  const performance: PerformanceSummaryRow[] = [...rows.values()]
    .map(({ byMonth, ...r }) => ({
      ...r,
      cells: months.map((m) => ({ status: byMonth.has(m) ? statusView(byMonth.get(m)!.status) : null })),
      critical: [...byMonth.values()].some((i) => i.critical),
    }))
    .sort((a, b) => a.sla.localeCompare(b.sla) || a.measure.localeCompare(b.measure) || a.organisation.localeCompare(b.organisation));

  // critical failures: the latest month each target was critical in
  const latest = new Map<string, PerfItemInput & { month: string }>();
  for (const { month, items } of input.performance) for (const i of items) if (i.critical) latest.set(`${i.slaId}/${i.kpiCode}/${i.organisationId}`, { ...i, month });
  const critical = [...latest.values()].map((i) => ({
    organisation: names.organisation(i.organisationId),
    measure: names.kpi(i.kpiCode).name || i.kpiCode,
    sla: i.slaName,
    text: `${i.status === 'missing' ? 'no figure' : 'breached'} for ${plural(i.consecutiveBreaches, 'period')} in a row to ${formatMonthShort(i.month)} (target ${withUnit(formatKpiValue(i.target), names.kpi(i.kpiCode).unit)})`,
  }));

  const decisions = input.decisions.map((d) => ({ date: dateFmt.format(d.at), kind: humanise(d.kind), summary: d.summary, by: d.actorOrganisationName ?? 'The platform' }));

  const t = c.totals;
  const summary: string[] = [...consolidated.frame.summary.slice(0, 1)];
  if (consolidated.benefits) summary.push(...consolidated.benefits.summary);
  summary.push(
    critical.length
      ? `${plural(critical.length, 'service level target has', 'service level targets have')} failed three or more periods in a row and need${critical.length === 1 ? 's' : ''} the board’s attention.`
      : 'No service level target failed three or more periods in a row.',
  );
  summary.push(input.decisionsTotal ? `${plural(input.decisionsTotal, 'decision was', 'decisions were')} recorded in the period.` : 'No decisions were recorded in the period.');

  const f = frame({
    kicker: 'Board pack',
    title: `Board pack for ${name}`,
    subtitle: period,
    consortiumName: name,
    facts: [
      { label: 'Consortium', value: name },
      { label: 'Period', value: period },
      { label: 'Members', value: String(c.items.length) },
      { label: 'Delivery model', value: DELIVERY_MODEL_LABELS[input.deliveryModel] ?? input.deliveryModel },
      { label: 'Prepared for', value: 'The partnership board' },
    ],
    summary,
    classification: 'OFFICIAL-SENSITIVE: COMMERCIAL',
    draft: false,
    at: input.at,
  });

  const tiles: Tile[] = [
    { label: 'Total charge', value: formatGbp(t.charge), note: `to ${plural(c.items.length, 'member')}` },
    { label: 'Savings', value: formatGbp(t.savings), note: 'against the combined baseline' },
    t.plannedSavings !== undefined && t.savingsGap !== undefined
      ? {
          label: 'Against plan',
          value: formatGbp(t.savingsGap),
          note: isNegative(t.savingsGap) ? `behind a plan of ${formatGbp(t.plannedSavings)}` : `ahead of a plan of ${formatGbp(t.plannedSavings)}`,
        }
      : { label: 'Against plan', value: '–', note: 'no plan' },
    { label: 'Critical failures', value: String(critical.length), note: '3 or more periods in a row' },
  ];

  return {
    frame: f,
    tiles,
    // the benefits table is its own section of the pack, not repeated inside the consolidated statement
    consolidated: { ...consolidated, benefits: null },
    benefits: consolidated.benefits,
    months: months.map(formatMonthShort),
    performance,
    hasPerformance: performance.length > 0,
    performanceNote:
      monthRange(c.from, c.to).length > months.length && months.length > 0
        ? `The last ${plural(months.length, 'month')} of the period are shown (${formatMonthRange(months[0], months[months.length - 1])}).`
        : null,
    critical,
    hasCritical: critical.length > 0,
    decisions,
    hasDecisions: decisions.length > 0,
    decisionsNote:
      input.decisionsTotal > decisions.length ? `The first ${decisions.length} of ${input.decisionsTotal} decisions are listed; the decisions log holds them all.` : null,
  };
}
