/**
 * The benchmarking page: an organisation against its peers (the organisations of the same type) for
 * a financial year, function by function: its cost as a percentage of turnover, its position (rank
 * and quarter, in words), the peers' average, median and quartiles, and its savings potential. Each
 * function has the distribution chart of the benchmarking PDF (the same view model, so page and PDF
 * agree) with its data table beside it. The figures are BenchmarkingService's answers to
 * `GET /benchmarks/organisations/:organisationId` and `GET /benchmarks`, with their privacy: a peer
 * group below the minimum size shows no peer figures, and peers the caller may not name show their
 * rank only. Pure.
 */
import type { BenchmarkFunction } from '../../benchmarking/core';
import { buildBenchmarkView, type PeerGroupInput } from '../../reports/view/benchmark.view';
import { compareDecimal, formatGbp, formatNumber, humanise } from '../../reports/view/format';
import { BENCHMARK_FUNCTION_LABELS } from './reports.view';

/** One function of the organisation's peer view (the API's PeerViewRowView). */
export interface PeerViewRowInput {
  function: BenchmarkFunction;
  submitted: boolean;
  n: number;
  trimmed: number;
  kpi: string | null;
  rank: number | null;
  average: string | null;
  median: string | null;
  lowerQuartile: string | null;
  upperQuartile: string | null;
  hackett: { median: string; bestInClass: string } | null;
  savingsPotential: string | null;
  savingsToLowerQuartile: string | null;
  suppressed: string | null;
}

export interface PeerViewInput {
  organisationId: string;
  organisationName: string;
  organisationType: string;
  financialYear: string;
  functions: PeerViewRowInput[];
  totalSavingsPotential: string;
  totalSavingsToLowerQuartile: string;
}

export interface BenchmarkingPageInput {
  consortiumId: string;
  /** The organisation shown (null: a platform administrator with no member to show). */
  organisation: { id: string; name: string; type: string } | null;
  /** The caller's own organisation (its benchmarking PDF is linked). */
  own: boolean;
  /** Members the caller may pick (a platform administrator reads any organisation's returns); empty: no picker. */
  members: { organisationId: string; organisationName: string; isHost: boolean }[];
  /** The financial years the organisation made returns for, newest first. */
  years: string[];
  financialYear: string;
  /** The API's peer view for the organisation and year, or null when it made no return at all. */
  peerView: PeerViewInput | null;
  /** The API's peer group answer for each function the organisation made a return for. */
  groups: Partial<Record<BenchmarkFunction, PeerGroupInput>>;
  /** The caller sees the whole partnership but may read only its own organisation's returns (the host, the board): say so. */
  ownReturnsOnly: boolean;
  at: Date;
}

/** "1.1000%": the KPIs as the API gives them (four decimals) and as the PDF prints them. */
export const kpiText = (v: string | null): string => (v === null ? '\u2013' : `${formatNumber(v, 4)}%`);
const gbpOrDash = (v: string | null): string => (v === null ? '\u2013' : formatGbp(v));

export function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${s}`;
}

/** "4th of 6 (1st is the lowest cost)"; a group of one: "the only return". */
export function rankText(rank: number, n: number): string {
  if (n === 1) return 'The only return in its peer group';
  return `${ordinal(rank)} of ${n} (1st is the lowest cost)`;
}

/**
 * Which quarter of the peer group the KPI is in, lower cost being better: at or below the lower
 * quartile is the lowest-cost quarter; above the upper quartile the highest-cost quarter.
 */
export function quarterText(kpi: string, q: { lowerQuartile: string; median: string; upperQuartile: string }): string {
  if (compareDecimal(kpi, q.lowerQuartile) <= 0) return 'In the lowest-cost quarter of its peers';
  if (compareDecimal(kpi, q.median) < 0) return 'In the second quarter: below the median, above the lower quartile';
  if (compareDecimal(kpi, q.median) === 0) return 'At the median of its peers';
  if (compareDecimal(kpi, q.upperQuartile) <= 0) return 'In the third quarter: above the median, at or below the upper quartile';
  return 'In the highest-cost quarter of its peers';
}

export function benchmarkingHref(consortiumId: string, q: { financialYear?: string; organisationId?: string | null }): string {
  const params = new URLSearchParams();
  if (q.organisationId) params.set('organisationId', q.organisationId);
  if (q.financialYear) params.set('financialYear', q.financialYear);
  const s = params.toString();
  return `/consortium/${consortiumId}/benchmarking${s ? `?${s}` : ''}`;
}

export function benchmarkingView(i: BenchmarkingPageInput) {
  const name = i.organisation?.name ?? 'No organisation';
  const type = i.organisation ? humanise(i.organisation.type).toLowerCase() : '';
  const form = {
    action: `/consortium/${i.consortiumId}/benchmarking`,
    members: i.members.length
      ? i.members.map((m) => ({ value: m.organisationId, text: `${m.organisationName}${m.isHost ? ' (host)' : ''}`, selected: m.organisationId === i.organisation?.id }))
      : null,
    years: i.years.length > 1 || (i.years.length === 1 && i.years[0] !== i.financialYear) ? i.years.map((y) => ({ value: y, text: y, selected: y === i.financialYear })) : null,
  };

  let empty: string | null = null;
  if (!i.organisation) empty = 'Choose a member organisation to see its benchmarks.';
  else if (!i.years.length)
    empty = `${name} has not made any benchmark returns yet, so there is nothing to compare. A benchmark return is the cost of one back-office function for a financial year with that year's turnover; once it is sent, this page compares it with other ${type}s.`;
  else if (!i.peerView || !i.peerView.functions.some((f) => f.submitted)) empty = `${name} made no benchmark return for ${i.financialYear}.`;

  const submitted = empty ? [] : i.peerView!.functions.filter((f) => f.submitted);
  const rows = submitted.map((f) => {
    const label = BENCHMARK_FUNCTION_LABELS[f.function];
    const shown = f.suppressed === null;
    return {
      function: f.function,
      label,
      kpi: kpiText(f.kpi),
      position: shown && f.rank !== null ? rankText(f.rank, f.n) : 'Not shown',
      average: kpiText(f.average),
      median: kpiText(f.median),
      savings: shown ? gbpOrDash(f.savingsPotential) : '\u2013',
      toLowerQuartile: shown ? gbpOrDash(f.savingsToLowerQuartile) : '\u2013',
    };
  });

  const sections = submitted.map((f) => functionSection(i, f, name));

  return {
    organisationName: name,
    financialYear: i.financialYear,
    form,
    empty,
    ownReturnsOnly: i.ownReturnsOnly
      ? `Each organisation's benchmark returns are its own to share, so this page shows ${name}'s. The other members see their own on this page.`
      : null,
    intro: empty
      ? null
      : `${name} against ${type}s that sent benchmark returns for ${i.financialYear}: the cost of each back-office function as a percentage of turnover. Lower is better.`,
    rows,
    hasRows: rows.length > 0,
    totals: empty
      ? null
      : {
          savings: formatGbp(i.peerView!.totalSavingsPotential),
          toLowerQuartile: formatGbp(i.peerView!.totalSavingsToLowerQuartile),
        },
    notSubmitted: empty
      ? null
      : (() => {
          const missing = i.peerView!.functions.filter((f) => !f.submitted).map((f) => BENCHMARK_FUNCTION_LABELS[f.function].toLowerCase());
          return missing.length ? `No return for ${i.financialYear} for ${missing.join(', ')}.` : null;
        })(),
    sections,
  };
}

function functionSection(i: BenchmarkingPageInput, f: PeerViewRowInput, name: string) {
  const label = BENCHMARK_FUNCTION_LABELS[f.function];
  const group = i.groups[f.function] ?? null;
  const pdf = group ? buildBenchmarkView({ organisationName: name, group, at: i.at }) : null;
  const shown = f.suppressed === null;
  const facts: { key: string; value: string; figure: string; hint: string | null }[] = [
    { key: `${name}'s cost`, value: kpiText(f.kpi), figure: 'kpi', hint: 'as a percentage of turnover' },
  ];
  if (shown && f.rank !== null) {
    facts.push({ key: 'Position', value: rankText(f.rank, f.n), figure: 'rank', hint: null });
    if (f.kpi !== null && f.lowerQuartile !== null && f.median !== null && f.upperQuartile !== null)
      facts.push({
        key: 'Quarter',
        value: quarterText(f.kpi, { lowerQuartile: f.lowerQuartile, median: f.median, upperQuartile: f.upperQuartile }),
        figure: 'quarter',
        hint: null,
      });
  }
  if (shown) {
    facts.push(
      { key: 'Peers’ average', value: kpiText(f.average), figure: 'average', hint: f.n > 2 * f.trimmed ? `leaving out the ${f.trimmed} highest and ${f.trimmed} lowest` : null },
      { key: 'Peers’ median', value: kpiText(f.median), figure: 'median', hint: null },
      { key: 'Lower quartile', value: kpiText(f.lowerQuartile), figure: 'lowerQuartile', hint: null },
      { key: 'Upper quartile', value: kpiText(f.upperQuartile), figure: 'upperQuartile', hint: null },
      { key: 'Savings potential', value: gbpOrDash(f.savingsPotential), figure: 'savings', hint: 'a year, by coming down to the average' },
      { key: 'Savings to the lower quartile', value: gbpOrDash(f.savingsToLowerQuartile), figure: 'toLowerQuartile', hint: 'a year, by coming down to the lower quartile' },
    );
  }
  if (f.hackett)
    facts.push({
      key: 'Hackett comparators',
      value: `median ${kpiText(f.hackett.median)}, best in class ${kpiText(f.hackett.bestInClass)}`,
      figure: 'hackett',
      hint: null,
    });
  return {
    id: `benchmark-${f.function}`,
    function: f.function,
    heading: label,
    peerGroup: `${f.n} ${humanise(i.peerView!.organisationType).toLowerCase()}${f.n === 1 ? '' : 's'} sent a ${label.toLowerCase()} return for ${i.financialYear}.`,
    suppressed: shown
      ? null
      : `The peers' figures are not shown: the peer group has ${f.n} return${f.n === 1 ? '' : 's'} (${f.suppressed}), too few to keep each organisation's figures private.`,
    summary: pdf && shown ? pdf.frame.summary : [],
    facts,
    chart: pdf?.chart ?? null,
    tableCaption: `${label}: the chart's figures, lowest cost first`,
    peers: pdf && shown ? pdf.peers.map((p) => ({ ...p, self: p.css === 'subtotal' })) : [],
    unnamedNote:
      pdf && shown && group!.items.some((it) => it.kpi === null)
        ? 'Other organisations are shown by their rank only: their figures are theirs to share. The chart shows the bars you may see, with the peer group’s average and quartiles.'
        : null,
    pdfHref:
      i.own && i.organisation
        ? `/consortium/${i.consortiumId}/reports/benchmark.pdf?${new URLSearchParams({ financialYear: i.financialYear, function: f.function, organisationType: i.organisation.type }).toString()}`
        : null,
  };
}
