/**
 * View model of a member's risk-sharing statement for its board, from the statements service's
 * answer (the API's statement shape) and, when one can be given, the exit quote. Pure.
 */
import { barVsLineChart } from '../charts';
import { ReportTemplates } from '../templates';
import { row, savingsRow, serviceLineTable, type Row, type ServiceLineCells } from './money-rows';
import { type Chart, frame, type ReportFrame, type Tile } from './frame';
import {
  absMoney,
  DELIVERY_MODEL_LABELS,
  formatDateLong,
  formatGbp,
  formatMonthLong,
  formatMonthRange,
  formatMonthShort,
  formatPercent,
  formatReduction,
  isNegative,
  isZero,
  minusMoney,
  sumMoney,
} from './format';
import type { StatementDto } from '../../statements/core';
import { benefitsOf, planRows } from './benefits.view';

/** The API's statement (GET /consortia/:id/statements/:organisationId), with the benefits plan's figures when given. */
export type StatementInput = StatementDto & { plannedSavings?: string; savingsGap?: string; guaranteed?: string | null; shortfall?: string | null };

/** The API's exit quote (either model). */
export interface ExitQuoteInput {
  noticeDate: string;
  model: 'cooperative' | 'commercial';
  exitMonth: string;
  minimumTermEndMonth?: string;
  earlyMonths?: number;
  averageMonthlyCharge?: string;
  earlyTermination?: string;
  strandedCosts?: string;
  unrecoveredInvestment?: string;
  redundancyCosts?: string;
  contractYear?: number;
  exitCharge?: string;
  total: string;
}

export interface StatementReportInput {
  consortiumName: string;
  deliveryModel: string;
  organisationName: string;
  isHost: boolean;
  statement: StatementInput;
  serviceLineName(id: string): string;
  /** The quote, or why there is none (e.g. no complete month of charges yet). */
  exit: { quote: ExitQuoteInput } | { unavailable: string };
  at: Date;
}

export interface StatementReportView {
  frame: ReportFrame;
  tiles: Tile[];
  lines: Row[];
  total: Row;
  comparison: Row[];
  hostLines: Row[];
  hasHostLines: boolean;
  serviceLines: Array<{ name: string } & ServiceLineCells>;
  /** Service lines with nothing to show (no charge, credit or baseline) left out of the table. */
  serviceLinesOmitted: number;
  baselineRoundingNote: string;
  serviceLineTotal: ServiceLineCells;
  months: Array<{ month: string; charge: string; baseline: string; savings: string }>;
  hasMonths: boolean;
  chart: Chart | null;
  exit: { rows: Row[]; total: string; intro: string; note: string } | null;
  exitUnavailable: string | null;
  /** Against the benefits plan (domain.md §16): planned, actual, gap, guaranteed and shortfall; empty without the plan's figures. */
  plan: Row[];
  hasPlan: boolean;
}

export function buildStatementView(input: StatementReportInput): StatementReportView {
  const s = input.statement;
  const org = input.organisationName;
  const period = formatMonthRange(s.from, s.to);
  const commercial = s.income !== undefined || input.deliveryModel !== 'cooperative';

  const summary: string[] = [];
  if (isZero(s.baseline)) {
    summary.push(`Over ${period}, ${org} was charged ${formatGbp(s.charge)} for shared services. No baseline has been recorded, so savings cannot be shown.`);
  } else if (isNegative(s.savings)) {
    summary.push(
      `Over ${period}, ${org} was charged ${formatGbp(s.charge)}, which is ${formatGbp(absMoney(s.savings))} (${formatPercent(absMoney(s.savingsPercent ?? '0'), 2)}) more than its baseline of ${formatGbp(s.baseline)} for running the same services itself.`,
    );
  } else {
    summary.push(
      `Over ${period}, ${org} was charged ${formatGbp(s.charge)} against a baseline of ${formatGbp(s.baseline)} for running the same services itself: a saving of ${formatGbp(s.savings)}${s.savingsPercent !== null ? ` (${formatPercent(s.savingsPercent, 2)})` : ''}.`,
    );
  }
  if (!isZero(s.credits)) summary.push(`Service credits of ${formatGbp(absMoney(s.credits))} were deducted because agreed service levels were missed.`);
  if (!isZero(s.attributedRisk)) summary.push(`${formatGbp(s.attributedRisk)} of risk costs arose from ${org}'s own decisions and is charged to it alone.`);
  if (s.feeIncome !== undefined)
    summary.push(`As host, ${org} received ${formatGbp(s.feeIncome)} in management fees and funded ${formatGbp(s.creditsFunded ?? '0')} of service credits.`);
  if (s.margin !== undefined)
    summary.push(`As provider, ${org}'s income from members was ${formatGbp(s.income ?? '0')} against costs of ${formatGbp(s.costs ?? '0')}: a margin of ${formatGbp(s.margin)}.`);
  if ('quote' in input.exit) {
    const q = input.exit.quote;
    summary.push(
      `If ${org} gave notice on ${formatDateLong(q.noticeDate)}, it would leave at the end of ${formatMonthLong(q.exitMonth)} and the exit charge would be ${formatGbp(q.total)}.`,
    );
  }

  const f = frame({
    kicker: 'Risk-sharing statement',
    title: `Statement for ${org}`,
    subtitle: period,
    consortiumName: input.consortiumName,
    facts: [
      { label: 'Consortium', value: input.consortiumName },
      { label: 'Member', value: `${org}${input.isHost ? ' (host)' : ''}` },
      { label: 'Period', value: period },
      { label: 'Delivery model', value: DELIVERY_MODEL_LABELS[input.deliveryModel] ?? input.deliveryModel },
    ],
    summary,
    classification: 'OFFICIAL-SENSITIVE: COMMERCIAL',
    draft: false,
    at: input.at,
  });

  const tiles: Tile[] = [
    { label: 'Charge for the period', value: formatGbp(s.charge), note: null },
    { label: 'Baseline', value: formatGbp(s.baseline), note: 'cost of running the services alone' },
    { label: 'Savings', value: formatGbp(s.savings), note: s.savingsPercent !== null ? `${formatPercent(s.savingsPercent, 2)} of baseline` : null },
    { label: 'Service credits', value: formatReduction(s.credits), note: null },
  ];

  const lines: Row[] = commercial
    ? [
        row('Agreed price', formatGbp(sumMoney([s.operating, s.fee])), 'the annual prices of the agreement, by month'),
        ...(isZero(s.investment) ? [] : [row('Investment', formatGbp(s.investment))]),
        ...(isZero(s.sharedRisk) ? [] : [row('Shared risk', formatGbp(s.sharedRisk))]),
        ...(isZero(s.attributedRisk) ? [] : [row('Attributed risk', formatGbp(s.attributedRisk))]),
        row('Service credits', formatReduction(s.credits), 'missed service levels'),
      ]
    : [
        row('Operating costs (share)', formatGbp(s.operating), 'running costs of the service lines, shared by the agreed bases'),
        row('Management fee', formatGbp(s.fee), "the host's fee on operating costs"),
        row('Investment (share)', formatGbp(s.investment), 'shared investment in systems and change'),
        row('Shared risk', formatGbp(s.sharedRisk), 'risk costs shared by all members'),
        row('Attributed risk', formatGbp(s.attributedRisk), 'risk costs caused by this member alone'),
        row('Service credits', formatReduction(s.credits), 'reductions for missed service levels'),
      ];

  const comparison: Row[] = [
    row('Charge for the period', formatGbp(s.charge)),
    row('Baseline', formatGbp(s.baseline), 'annual baseline of each service line received, pro rata for membership'),
    savingsRow(s.savings, s.savingsPercent),
  ];

  const planFigures = benefitsOf(s);
  const plan = planFigures ? planRows(planFigures) : [];

  const hostLines: Row[] = [];
  if (s.feeIncome !== undefined) hostLines.push(row('Management fee income', formatGbp(s.feeIncome), 'fees paid by all members, including the host'));
  if (s.creditsFunded !== undefined) hostLines.push(row('Service credits funded', formatReduction(s.creditsFunded), 'credits given to other members'));
  if (s.income !== undefined) hostLines.push(row('Income from members', formatGbp(s.income), 'charges less credits of the other members'));
  if (s.costs !== undefined) hostLines.push(row('Costs of the service', formatGbp(s.costs)));
  if (s.margin !== undefined) hostLines.push(row('Margin', formatGbp(s.margin), '', 'total'));

  const table = serviceLineTable(s.serviceLines, s.baseline, 'the statement’s baseline, computed exactly and rounded once');
  const slRows = table.rows.map(({ line, cells }) => ({ name: `${input.serviceLineName(line.serviceLineId)} (${line.code})`, ...cells }));

  const months = (s.months ?? []).map((m) => ({
    month: formatMonthLong(m.month),
    charge: formatGbp(m.charge),
    baseline: formatGbp(m.baseline),
    savings: formatGbp(minusMoney(m.baseline, m.charge)),
  }));
  const chart =
    s.months && s.months.length
      ? ReportTemplates.trusted(
          barVsLineChart({
            title: `Charge against baseline by month – ${org}`,
            months: s.months.map((m) => ({ label: formatMonthShort(m.month), charge: m.charge, baseline: m.baseline })),
            barLabel: 'Charge',
            lineLabel: 'Baseline',
            height: 260,
          }),
        )
      : null;

  let exit: StatementReportView['exit'] = null;
  if ('quote' in input.exit) {
    const q = input.exit.quote;
    const rows: Row[] =
      q.model === 'commercial'
        ? [row(`Exit charge for contract year ${q.contractYear}`, formatGbp(q.exitCharge ?? '0'), 'from the agreed exit charge schedule')]
        : [
            row('Average monthly charge', formatGbp(q.averageMonthlyCharge ?? '0'), 'operating share and fee, last 12 complete months at most', 'muted'),
            row(
              'Early termination',
              formatGbp(q.earlyTermination ?? '0'),
              `${q.earlyMonths ?? 0} months before the minimum term ends (${q.minimumTermEndMonth ? formatMonthLong(q.minimumTermEndMonth) : '–'})`,
            ),
            row('Stranded costs', formatGbp(q.strandedCosts ?? '0'), 'fixed costs left with the remaining members'),
            row('Unrecovered investment', formatGbp(q.unrecoveredInvestment ?? '0'), 'investment not yet written off'),
            row('Redundancy costs', formatGbp(q.redundancyCosts ?? '0'), 'none assumed unless given'),
          ];
    exit = {
      rows,
      total: formatGbp(q.total),
      intro: `If notice were given on ${formatDateLong(q.noticeDate)}, membership would end on the last day of ${formatMonthLong(q.exitMonth)}.`,
      note: 'An indicative quote under the exit terms of the approved agreement, on the charges known today; the quote at the time of notice may differ.',
    };
  }

  return {
    frame: f,
    tiles,
    lines,
    total: row('Total charge', formatGbp(s.charge), '', 'total'),
    comparison,
    hostLines,
    hasHostLines: hostLines.length > 0,
    serviceLines: slRows,
    serviceLinesOmitted: table.omitted,
    // the statement's baseline (computed exactly, rounded once), which can differ by pennies from the sum of the rounded lines
    serviceLineTotal: table.total,
    baselineRoundingNote: table.roundingNote,
    months,
    hasMonths: months.length > 0,
    chart,
    exit,
    exitUnavailable: 'unavailable' in input.exit ? input.exit.unavailable : null,
    plan,
    hasPlan: plan.length > 0,
  };
}
