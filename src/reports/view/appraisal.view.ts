/**
 * View model of an options appraisal report (domain.md §15) from the API's answer
 * (GET /consortia/:id/appraisals/:appraisalId): the inputs, the ranking with the preferred option,
 * each option's cost stream by year with discount factors, present values and cumulative cost, and a
 * chart of cumulative cost by option. Every figure is the API's (per-year figures are its
 * display-rounded values; npc and savings its exact values rounded once). Pure.
 */
import { multiLineChart } from '../charts';
import { ReportTemplates } from '../templates';
import { type Chart, frame, plural, type ReportFrame, type Tile } from './frame';
import { formatGbp, formatNumber, isNegative } from './format';

type Money = string;

/** The fields of the API's AppraisalView that the report uses. */
export interface AppraisalReportData {
  name: string | null;
  createdAt: Date | string | null;
  years: number;
  discountRatePercent: string;
  statusQuoAnnualCost: Money;
  statusQuoFromBaselines: boolean;
  discountFactors: string[];
  statusQuo: { npc: Money; costs: Money[]; presentValues: Money[]; cumulativeCosts: Money[] };
  options: Array<{
    name: string;
    deliveryModel: string;
    startYear: number;
    annualRunningCost: Money;
    optimismBiasPercent: string;
    oneOffCosts: Array<{ year: number; amount: Money }>;
    npc: Money;
    savingVsStatusQuo: Money;
    paybackYear: number | null;
    costs: Money[];
    presentValues: Money[];
    cumulativeCosts: Money[];
    rank: number;
  }>;
  preferred: string;
}

/** Short names of the delivery models for tables. */
export const OPTION_MODEL_LABELS: Record<string, string> = {
  in_house: 'In-house',
  cooperative: 'Co-operative',
  shared_services_company: 'Shared services company',
  joint_venture: 'Joint venture',
  outsourcing: 'Outsourcing',
};

interface YearRow {
  year: number;
  factor: string;
  cost: string;
  presentValue: string;
  cumulative: string;
}

interface OptionBlock {
  name: string;
  model: string;
  rank: number;
  preferred: boolean;
  startYear: number;
  runningCost: string;
  optimismBias: string;
  oneOffs: string;
  npc: string;
  saving: string;
  payback: string;
  years: YearRow[];
}

export interface AppraisalReportView {
  frame: ReportFrame;
  tiles: Tile[];
  inputs: Array<{ label: string; value: string }>;
  ranking: Array<{ rank: number; name: string; model: string; npc: string; saving: string; payback: string; preferred: boolean }>;
  statusQuo: { npc: string; years: YearRow[] };
  options: OptionBlock[];
  chart: Chart;
  chartRows: Array<{ year: number; cells: string[] }>;
  chartHeads: string[];
}

export const paybackText = (y: number | null): string => (y === null ? 'Not within the period' : `Year ${y}`);

function yearRows(d: AppraisalReportData, s: { costs: Money[]; presentValues: Money[]; cumulativeCosts: Money[] }): YearRow[] {
  return s.costs.map((c, t) => ({
    year: t,
    factor: d.discountFactors[t],
    cost: formatGbp(c),
    presentValue: formatGbp(s.presentValues[t]),
    cumulative: formatGbp(s.cumulativeCosts[t]),
  }));
}

export function buildAppraisalView(input: { consortiumName: string; appraisal: AppraisalReportData; at: Date }): AppraisalReportView {
  const d = input.appraisal;
  const name = d.name ?? 'Options appraisal';
  const rate = `${formatNumber(d.discountRatePercent, (d.discountRatePercent.split('.')[1] ?? '').length)}%`;
  const period = `${plural(d.years, 'year')} (year 0 to year ${d.years - 1})`;
  const best = d.options.find((o) => o.rank === 1) ?? d.options[0];
  const sq = formatGbp(d.statusQuo.npc);

  const summary: string[] = [];
  if (isNegative(best.savingVsStatusQuo)) {
    summary.push(
      `The preferred option is ${best.name}, the cheapest of the ${plural(d.options.length, 'option')} over ${plural(d.years, 'year')} at a discount rate of ${rate}, with a net present cost of ${formatGbp(best.npc)}. It still costs ${formatGbp(best.savingVsStatusQuo.replace('-', ''))} more than keeping the current arrangement (${sq}).`,
    );
  } else {
    summary.push(
      `The preferred option is ${best.name}, the cheapest of the ${plural(d.options.length, 'option')} over ${plural(d.years, 'year')} at a discount rate of ${rate}: a net present cost of ${formatGbp(best.npc)} against ${sq} for the current arrangement, a saving of ${formatGbp(best.savingVsStatusQuo)}.`,
    );
  }
  summary.push(
    best.paybackYear === null
      ? `Its cumulative cost does not fall to the current arrangement's within the period.`
      : `Its cumulative cost (not discounted) is at or below the current arrangement's from year ${best.paybackYear}.`,
  );
  summary.push(
    `Net present cost is the sum of each year's cost divided by (1 + ${rate})^year, the HM Treasury Green Book method; it is computed exactly and rounded once. The yearly figures below are rounded for display, so they may not add up to it to the penny.`,
  );

  const f = frame({
    kicker: 'Options appraisal',
    title: `Options appraisal: ${name}`,
    subtitle: `${period} at ${rate}`,
    consortiumName: input.consortiumName,
    facts: [
      { label: 'Consortium', value: input.consortiumName },
      { label: 'Appraisal period', value: period },
      { label: 'Discount rate', value: rate },
      { label: 'Prepared for', value: 'The partnership board' },
    ],
    summary,
    classification: 'OFFICIAL-SENSITIVE: COMMERCIAL',
    draft: false,
    at: input.at,
  });

  const tiles: Tile[] = [
    { label: 'Preferred option', value: best.name, note: OPTION_MODEL_LABELS[best.deliveryModel] ?? best.deliveryModel },
    { label: 'Net present cost', value: formatGbp(best.npc), note: `status quo ${sq}` },
    { label: 'Saving against the status quo', value: formatGbp(best.savingVsStatusQuo), note: 'in present value' },
    { label: 'Payback', value: paybackText(best.paybackYear), note: null },
  ];

  const inputs = [
    { label: 'Appraisal period', value: period },
    { label: 'Discount rate', value: rate },
    { label: 'Status quo annual cost', value: `${formatGbp(d.statusQuoAnnualCost)}${d.statusQuoFromBaselines ? ' (the members’ current annual baselines)' : ''}` },
    { label: 'Options', value: String(d.options.length) },
  ];

  const options: OptionBlock[] = d.options.map((o) => ({
    name: o.name,
    model: OPTION_MODEL_LABELS[o.deliveryModel] ?? o.deliveryModel,
    rank: o.rank,
    preferred: o.rank === 1,
    startYear: o.startYear,
    runningCost: formatGbp(o.annualRunningCost),
    optimismBias: `${o.optimismBiasPercent}%`,
    oneOffs: o.oneOffCosts.length ? o.oneOffCosts.map((c) => `${formatGbp(c.amount)} in year ${c.year}`).join('; ') : 'None',
    npc: formatGbp(o.npc),
    saving: formatGbp(o.savingVsStatusQuo),
    payback: paybackText(o.paybackYear),
    years: yearRows(d, o),
  }));

  const labels = Array.from({ length: d.years }, (_, t) => `Year ${t}`);
  const chart = ReportTemplates.trusted(
    multiLineChart({
      title: `Cumulative cost by option – ${name}`,
      labels,
      series: [{ name: 'Status quo', values: d.statusQuo.cumulativeCosts }, ...d.options.map((o) => ({ name: o.name, values: o.cumulativeCosts }))],
    }),
  );

  return {
    frame: f,
    tiles,
    inputs,
    ranking: d.options.map((o) => ({
      rank: o.rank,
      name: o.name,
      model: OPTION_MODEL_LABELS[o.deliveryModel] ?? o.deliveryModel,
      npc: formatGbp(o.npc),
      saving: formatGbp(o.savingVsStatusQuo),
      payback: paybackText(o.paybackYear),
      preferred: o.rank === 1,
    })),
    statusQuo: { npc: sq, years: yearRows(d, d.statusQuo) },
    options,
    chart,
    chartHeads: ['Status quo', ...d.options.map((o) => o.name)],
    chartRows: labels.map((_, t) => ({ year: t, cells: [d.statusQuo.cumulativeCosts[t], ...d.options.map((o) => o.cumulativeCosts[t])].map((v) => formatGbp(v)) })),
  };
}
