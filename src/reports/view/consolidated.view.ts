/**
 * View model of the partnership's consolidated statement for the partnership board, from the
 * statements service's answer (GET /consortia/:id/statements/consolidated): the consortium's totals,
 * every member's charge against its baseline (the total row is the answer's totals, which are the
 * sum of the members' lines), the service lines summed over the members, and a chart of charge
 * against baseline per member. Pure.
 */
import { barVsLineChart } from '../charts';
import { ReportTemplates } from '../templates';
import { row, savingsRow, serviceLineTable, type Row, type ServiceLineCells } from './money-rows';
import { benefitsOf, benefitsTable, type BenefitsTableView } from './benefits.view';
import { type Chart, frame, listText, plural, type ReportFrame, type Tile } from './frame';
import { absMoney, DELIVERY_MODEL_LABELS, formatGbp, formatMonthRange, formatPercent, formatReduction, isNegative, isZero, sumMoney } from './format';

type Money = string;

/** The fields of a member's statement (StatementView) that the report uses. */
export interface ConsolidatedMemberInput {
  organisationId: string;
  organisationName: string;
  charge: Money;
  baseline: Money;
  savings: Money;
  savingsPercent: string | null;
  serviceLines: Array<{ serviceLineId: string; code: string; serviceLineName: string; operating: Money; fee: Money; credits: Money; baseline: Money }>;
  /** Benefits against plan (domain.md §16); absent in older callers. */
  plannedSavings?: Money;
  savingsGap?: Money;
  guaranteed?: Money | null;
  shortfall?: Money | null;
}

/** The API's consolidated statement (ConsolidatedStatementView). */
export interface ConsolidatedInput {
  from: string;
  to: string;
  totals: {
    operating: Money;
    fee: Money;
    investment: Money;
    sharedRisk: Money;
    attributedRisk: Money;
    credits: Money;
    charge: Money;
    baseline: Money;
    savings: Money;
    savingsPercent: string | null;
    plannedSavings?: Money;
    savingsGap?: Money;
    guaranteed?: Money | null;
    shortfall?: Money | null;
  };
  items: ConsolidatedMemberInput[];
}

export interface ConsolidatedReportInput {
  consortiumName: string;
  deliveryModel: string;
  hostOrganisationId: string;
  consolidated: ConsolidatedInput;
  /** A short label for a member on the chart's axis (its ODS code), or null to use its name. */
  shortLabel(organisationId: string): string | null;
  at: Date;
}

interface MemberRow {
  name: string;
  /** The label of the member on the chart (its ODS code), when it is not the name. */
  code: string | null;
  charge: string;
  baseline: string;
  savings: string;
  savingsPercent: string;
}

interface ServiceLineRow extends ServiceLineCells {
  code: string;
  name: string;
}

export interface ConsolidatedReportView {
  frame: ReportFrame;
  tiles: Tile[];
  lines: Row[];
  total: Row;
  comparison: Row[];
  members: MemberRow[];
  memberTotal: MemberRow;
  hasMembers: boolean;
  serviceLines: ServiceLineRow[];
  serviceLinesOmitted: number;
  serviceLineTotal: ServiceLineCells;
  baselineRoundingNote: string;
  chart: Chart | null;
  /** Every member against the benefits plan, when the answer carries the plan figures. */
  benefits: BenefitsTableView | null;
}

/** A service line's amounts summed over the members, exactly. */
export interface ServiceLineSum {
  serviceLineId: string;
  code: string;
  name: string;
  operating: Money;
  fee: Money;
  credits: Money;
  baseline: Money;
}

/** Each service line's operating, fee, credits and baseline summed over the members' statements, ordered by code. */
export function sumServiceLines(items: readonly ConsolidatedMemberInput[]): ServiceLineSum[] {
  const byId = new Map<string, { code: string; name: string; parts: Record<'operating' | 'fee' | 'credits' | 'baseline', Money[]> }>();
  for (const m of items) {
    for (const l of m.serviceLines) {
      const e = byId.get(l.serviceLineId) ?? { code: l.code, name: l.serviceLineName, parts: { operating: [], fee: [], credits: [], baseline: [] } };
      e.parts.operating.push(l.operating);
      e.parts.fee.push(l.fee);
      e.parts.credits.push(l.credits);
      e.parts.baseline.push(l.baseline);
      byId.set(l.serviceLineId, e);
    }
  }
  return [...byId]
    .map(([serviceLineId, e]) => ({
      serviceLineId,
      code: e.code,
      name: e.name,
      operating: sumMoney(e.parts.operating),
      fee: sumMoney(e.parts.fee),
      credits: sumMoney(e.parts.credits),
      baseline: sumMoney(e.parts.baseline),
    }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

const percentOrDash = (p: string | null): string => (p === null ? '\u2013' : formatPercent(p, 2));

export function buildConsolidatedView(input: ConsolidatedReportInput): ConsolidatedReportView {
  const { totals: t, items } = input.consolidated;
  const name = input.consortiumName;
  const period = formatMonthRange(input.consolidated.from, input.consolidated.to);
  const commercial = input.deliveryModel !== 'cooperative';
  const orgName = (m: ConsolidatedMemberInput) => `${m.organisationName || 'Unknown organisation'}${m.organisationId === input.hostOrganisationId ? ' (host)' : ''}`;

  const summary: string[] = [];
  const one = items.length === 1;
  const who = `${one ? 'the only member' : `the ${items.length} members`} of ${name}`;
  const was = one ? 'was' : 'were';
  const their = one ? 'its' : 'their combined';
  const themselves = one ? 'itself' : 'themselves';
  if (isZero(t.baseline)) {
    summary.push(`Over ${period}, ${who} ${was} charged ${formatGbp(t.charge)} in total for shared services. No baseline has been recorded, so savings cannot be shown.`);
  } else if (isNegative(t.savings)) {
    summary.push(
      `Over ${period}, ${who} ${was} charged ${formatGbp(t.charge)} in total, which is ${formatGbp(absMoney(t.savings))}${t.savingsPercent !== null ? ` (${formatPercent(absMoney(t.savingsPercent), 2)})` : ''} more than ${their} baseline of ${formatGbp(t.baseline)} for running the same services ${themselves}.`,
    );
  } else {
    summary.push(
      `Over ${period}, ${who} ${was} charged ${formatGbp(t.charge)} in total against ${their} baseline of ${formatGbp(t.baseline)} for running the same services ${themselves}: a saving of ${formatGbp(t.savings)}${t.savingsPercent !== null ? ` (${formatPercent(t.savingsPercent, 2)})` : ''}.`,
    );
  }
  const worse = items.filter((m) => isNegative(m.savings));
  if (items.length && !isZero(t.baseline)) {
    summary.push(
      worse.length === 0
        ? `${one ? 'It' : 'Every member'} paid less than its own baseline.`
        : `${plural(worse.length, 'member')} paid more than ${worse.length === 1 ? 'its' : 'their'} own baseline: ${listText(
            worse.map((m) => m.organisationName),
            worse.length,
          )}.`,
    );
  }
  if (!isZero(t.credits)) summary.push(`Service credits of ${formatGbp(absMoney(t.credits))} were deducted from members' charges because agreed service levels were missed.`);
  summary.push('Each member’s figures are those of its own statement; the consortium’s totals are their sums, to the penny.');

  const f = frame({
    kicker: 'Consolidated statement',
    title: `Consolidated statement for ${name}`,
    subtitle: period,
    consortiumName: name,
    facts: [
      { label: 'Consortium', value: name },
      { label: 'Period', value: period },
      { label: 'Members', value: String(items.length) },
      { label: 'Delivery model', value: DELIVERY_MODEL_LABELS[input.deliveryModel] ?? input.deliveryModel },
      { label: 'Prepared for', value: 'The partnership board' },
    ],
    summary,
    classification: 'OFFICIAL-SENSITIVE: COMMERCIAL',
    draft: false,
    at: input.at,
  });

  const tiles: Tile[] = [
    { label: 'Total charge', value: formatGbp(t.charge), note: `to ${plural(items.length, 'member')}` },
    { label: 'Combined baseline', value: formatGbp(t.baseline), note: 'cost of running the services alone' },
    { label: 'Savings', value: formatGbp(t.savings), note: t.savingsPercent !== null ? `${formatPercent(t.savingsPercent, 2)} of baseline` : null },
    { label: 'Service credits', value: formatReduction(t.credits), note: null },
  ];

  const lines: Row[] = [
    row(
      commercial ? 'Agreed prices' : 'Operating costs',
      formatGbp(t.operating),
      commercial ? 'the annual prices of the agreement, by month' : 'running costs of the service lines',
    ),
    row('Management fee', formatGbp(t.fee), "the host's fee on operating costs"),
    row('Investment', formatGbp(t.investment), 'shared investment in systems and change'),
    row('Shared risk', formatGbp(t.sharedRisk), 'risk costs shared by all members'),
    row('Attributed risk', formatGbp(t.attributedRisk), 'risk costs caused by a single member'),
    row('Service credits', formatReduction(t.credits), 'reductions for missed service levels'),
  ];

  const comparison: Row[] = [
    row('Total charge', formatGbp(t.charge)),
    row('Combined baseline', formatGbp(t.baseline), "the sum of the members' baselines"),
    savingsRow(t.savings, t.savingsPercent),
  ];

  const members: MemberRow[] = items.map((m) => ({
    name: orgName(m),
    code: input.shortLabel(m.organisationId),
    charge: formatGbp(m.charge),
    baseline: formatGbp(m.baseline),
    savings: formatGbp(m.savings),
    savingsPercent: percentOrDash(m.savingsPercent),
  }));
  const memberTotal: MemberRow = {
    name: 'All members',
    code: null,
    charge: formatGbp(t.charge),
    baseline: formatGbp(t.baseline),
    savings: formatGbp(t.savings),
    savingsPercent: percentOrDash(t.savingsPercent),
  };

  // Lines with no charge, credit or baseline for any member are left out (and counted in the caption).
  const sums = sumServiceLines(items);
  const table = serviceLineTable(sums, t.baseline, 'the sum of the members’ baselines, each computed exactly and rounded once');
  const serviceLines: ServiceLineRow[] = table.rows.map(({ line, cells }) => ({ code: line.code, name: line.name, ...cells }));

  const chart = items.length
    ? ReportTemplates.trusted(
        barVsLineChart({
          title: `Charge against baseline by member – ${name}`,
          months: items.map((m) => ({ label: input.shortLabel(m.organisationId) ?? m.organisationName, charge: m.charge, baseline: m.baseline })),
          barLabel: 'Charge',
          lineLabel: 'Baseline',
          joinBaseline: false,
          height: 260,
        }),
      )
    : null;

  const totalPlan = benefitsOf(t);
  const memberPlans = items.map((m) => ({ m, b: benefitsOf(m) }));
  const benefits =
    totalPlan && memberPlans.every((x) => x.b !== null)
      ? benefitsTable(
          memberPlans.map(({ m, b }) => ({ organisationId: m.organisationId, organisationName: m.organisationName, ...b! })),
          totalPlan,
          input.hostOrganisationId,
        )
      : null;

  return {
    frame: f,
    tiles,
    lines,
    total: row('Total charge', formatGbp(t.charge), '', 'total'),
    comparison,
    members,
    memberTotal,
    hasMembers: members.length > 0,
    serviceLines,
    serviceLinesOmitted: table.omitted,
    // the total baseline is the sum of the members' baselines (each computed exactly and rounded once), which can differ by pennies from the sum of the rounded lines
    serviceLineTotal: table.total,
    baselineRoundingNote: table.roundingNote,
    chart,
    benefits,
  };
}
