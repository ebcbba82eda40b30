import type { PeerItemFigures } from '../../benchmarking/core';
/**
 * View model of the benchmarking report: one organisation against its peers (same type, function
 * and year), the distribution chart with the organisation marked, and its savings potential, from
 * the benchmarking service's answer to GET /benchmarks. Pure.
 *
 * The same privacy as the API (benchmarking/core/privacy.ts), since the answer is the API's: a peer
 * group withheld for its size (`suppressed`) shows no figures, only why; unnamed peers show their
 * rank only (no KPI, no savings) and are left out of the chart.
 */
import { distributionChart } from '../charts';
import { ReportTemplates } from '../templates';
import { type Chart, frame, type ReportFrame, type Tile } from './frame';
import { compareDecimal, formatGbp, formatNumber, humanise } from './format';

export interface PeerGroupInput {
  financialYear: string;
  function: string;
  organisationType: string;
  n: number;
  trimmed: number;
  average: string | null;
  median: string | null;
  lowerQuartile: string | null;
  upperQuartile: string | null;
  hackett: { median: string; bestInClass: string } | null;
  totalSavingsPotential: string | null;
  items: PeerItemFigures[];
  position: { organisationId: string | null; rank: number; kpi: string | null; savingsPotential: string | null; savingsToLowerQuartile: string | null } | null;
  /** Why the statistics are withheld (a peer group below the minimum size), or null. */
  suppressed: string | null;
}

export interface BenchmarkReportInput {
  organisationName: string | null;
  group: PeerGroupInput;
  at: Date;
}

export interface BenchmarkReportView {
  frame: ReportFrame;
  tiles: Tile[];
  hasPeers: boolean;
  /** Why no figures are shown (peer group too small), or null. */
  suppressed: string | null;
  chart: Chart | null;
  peers: { rank: string; name: string; kpi: string; savings: string; toLowerQuartile: string; css: string; note: string }[];
  stats: { label: string; value: string }[];
  hackett: { label: string; value: string }[];
  hasHackett: boolean;
}

const pct = (v: string | null) => (v === null ? '–' : `${formatNumber(v, 4)}%`);
const gbp = (v: string | null) => (v === null ? '–' : formatGbp(v));

/** Functions whose names are acronyms (not "Hr", "hr"). */
const ACRONYMS: Record<string, string> = { hr: 'HR', imt: 'IMT' };

export function buildBenchmarkView(input: BenchmarkReportInput): BenchmarkReportView {
  const g = input.group;
  const fn = ACRONYMS[g.function] ?? humanise(g.function);
  // in running text: "finance", but "HR" and "IMT" stay capitals
  const fnText = ACRONYMS[g.function] ?? fn.toLowerCase();
  const type = humanise(g.organisationType).toLowerCase();
  const who = input.organisationName ?? 'The peer group';
  const pos = g.position;
  const summary: string[] = [];
  const suppressed = g.suppressed
    ? `No peer figures are shown: the ${fnText} peer group of ${type}s for ${g.financialYear} has ${g.n} return${g.n === 1 ? '' : 's'} (${g.suppressed}), too few to keep each organisation's figures private.`
    : null;
  if (suppressed) {
    summary.push(suppressed);
  } else if (g.n === 0) {
    summary.push(`No ${type} has made a ${fnText} return for ${g.financialYear}, so there is nothing to compare yet.`);
  } else if (!pos) {
    summary.push(
      `${input.organisationName ? `${input.organisationName} made no ${fnText} return for ${g.financialYear}. ` : ''}The peer group of ${g.n} ${type}s spends on average ${pct(g.average)} of turnover on ${fnText}.`,
    );
  } else {
    const cmp = g.average === null || pos.kpi === null ? 0 : compareDecimal(pos.kpi, g.average);
    summary.push(
      `${who} spends ${pct(pos.kpi)} of its turnover on ${fnText}, ${cmp > 0 ? 'above' : cmp < 0 ? 'below' : 'equal to'} the average of ${pct(g.average)} for ${g.n} ${type}s in ${g.financialYear} (ranked ${pos.rank} of ${g.n}, 1 = lowest cost).`,
    );
    const toAverage = pos.savingsPotential ?? '0';
    const toQuartile = pos.savingsToLowerQuartile ?? '0';
    summary.push(
      compareDecimal(toAverage, '0') > 0
        ? `Bringing costs down to the average would save about ${formatGbp(toAverage)} a year; to the lower quartile, ${formatGbp(toQuartile)}.`
        : compareDecimal(toQuartile, '0') > 0
          ? `Costs are at or below the average: no savings potential against it; moving to the lower quartile would save ${formatGbp(toQuartile)} a year.`
          : 'Costs are already in the lowest quarter of the peer group.',
    );
  }
  if (g.n > 0 && !suppressed)
    summary.push(`The average leaves out the ${g.trimmed} highest and ${g.trimmed} lowest returns (a trimmed mean), so one unusual trust does not move it.`);

  const f = frame({
    kicker: 'Benchmarking report',
    title: `${fn} costs against peers, ${g.financialYear}`,
    subtitle: input.organisationName ? `${input.organisationName} compared with ${g.n} ${type}s` : `Peer group of ${g.n} ${type}s`,
    consortiumName: input.organisationName ?? 'NHS back-office benchmarking',
    facts: [
      { label: 'Organisation', value: input.organisationName ?? '–' },
      { label: 'Peer group', value: `${humanise(g.organisationType)}s (${g.n} returns)` },
      { label: 'Function', value: fn },
      { label: 'Financial year', value: g.financialYear },
    ],
    summary,
    classification: 'OFFICIAL',
    draft: false,
    at: input.at,
  });

  const tiles: Tile[] = [
    { label: 'Cost as % of turnover', value: pos ? pct(pos.kpi) : '–', note: input.organisationName ? null : 'no organisation chosen' },
    { label: 'Peer average', value: pct(g.average), note: suppressed ? g.suppressed : g.n ? `trimmed mean of ${g.n - 2 * g.trimmed}` : null },
    { label: 'Rank', value: pos ? `${pos.rank} of ${g.n}` : '–', note: '1 = lowest cost' },
    { label: 'Savings potential', value: pos ? gbp(pos.savingsPotential) : '–', note: pos ? `${gbp(pos.savingsToLowerQuartile)} to lower quartile` : null },
  ];

  // only the peers whose KPI the caller may see: an unnamed peer is not plotted
  const plotted = g.items.filter((it) => it.kpi !== null);
  const chart =
    g.n > 0 && !suppressed && plotted.length > 0
      ? ReportTemplates.trusted(
          distributionChart({
            title: `${fn}: cost as % of turnover, ${humanise(g.organisationType).toLowerCase()}s ${g.financialYear}`,
            peers: plotted.map((it) => ({ name: it.organisationName ?? it.peer, value: it.kpi!, self: !!pos && it.rank === pos.rank && it.organisationId === pos.organisationId })),
            unit: '%',
            decimals: 2,
            higherIsBetter: false,
            // the service's rank over the whole group: the bars may be only the peers the caller may see
            position: pos ? { rank: pos.rank, of: g.n } : undefined,
            selfLabel: input.organisationName ?? 'Your organisation',
            stats: g.average && g.median && g.lowerQuartile && g.upperQuartile ? { average: g.average, median: g.median, q1: g.lowerQuartile, q3: g.upperQuartile } : undefined,
            showPeerNames: plotted.length <= 12,
            height: 300,
          }),
        )
      : null;

  return {
    frame: f,
    tiles,
    hasPeers: g.n > 0 && !suppressed,
    suppressed,
    chart,
    peers: g.items.map((it) => {
      const self = !!pos && it.rank === pos.rank && it.organisationId === pos.organisationId;
      return {
        rank: String(it.rank),
        name: `${it.organisationName ?? it.peer}${self ? ' (this organisation)' : ''}`,
        kpi: pct(it.kpi),
        savings: gbp(it.savingsPotential),
        toLowerQuartile: gbp(it.savingsToLowerQuartile),
        css: self ? 'subtotal' : '',
        note: it.excluded ? 'outside the trimmed mean' : '',
      };
    }),
    stats: [
      { label: 'Average (trimmed mean)', value: pct(g.average) },
      { label: 'Lower quartile', value: pct(g.lowerQuartile) },
      { label: 'Median', value: pct(g.median) },
      { label: 'Upper quartile', value: pct(g.upperQuartile) },
      { label: 'Savings potential of the whole group', value: gbp(g.totalSavingsPotential) },
    ],
    hackett: g.hackett
      ? [
          { label: 'Hackett median', value: pct(g.hackett.median) },
          { label: 'Hackett best in class', value: pct(g.hackett.bestInClass) },
        ]
      : [],
    hasHackett: !!g.hackett,
  };
}
