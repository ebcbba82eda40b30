/**
 * View model of the benchmarking report: one organisation against its peers (same type, function
 * and year), the distribution chart with the organisation marked, and its savings potential, from
 * the benchmarking service's answer to GET /benchmarks. Pure.
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
  totalSavingsPotential: string;
  items: {
    organisationId: string | null;
    organisationName: string | null;
    peer: string;
    rank: number;
    excluded: boolean;
    kpi: string;
    savingsPotential: string;
    savingsToLowerQuartile: string;
  }[];
  position: { organisationId: string | null; rank: number; kpi: string; savingsPotential: string; savingsToLowerQuartile: string } | null;
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
  chart: Chart | null;
  peers: { rank: string; name: string; kpi: string; savings: string; toLowerQuartile: string; css: string; note: string }[];
  stats: { label: string; value: string }[];
  hackett: { label: string; value: string }[];
  hasHackett: boolean;
}

const pct = (v: string | null) => (v === null ? '–' : `${formatNumber(v, 4)}%`);

export function buildBenchmarkView(input: BenchmarkReportInput): BenchmarkReportView {
  const g = input.group;
  const fn = humanise(g.function);
  const type = humanise(g.organisationType).toLowerCase();
  const who = input.organisationName ?? 'The peer group';
  const pos = g.position;
  const summary: string[] = [];
  if (g.n === 0) {
    summary.push(`No ${type} has made a ${fn.toLowerCase()} return for ${g.financialYear}, so there is nothing to compare yet.`);
  } else if (!pos) {
    summary.push(
      `${input.organisationName ? `${input.organisationName} made no ${fn.toLowerCase()} return for ${g.financialYear}. ` : ''}The peer group of ${g.n} ${type}s spends on average ${pct(g.average)} of turnover on ${fn.toLowerCase()}.`,
    );
  } else {
    const cmp = g.average === null ? 0 : compareDecimal(pos.kpi, g.average);
    summary.push(
      `${who} spends ${pct(pos.kpi)} of its turnover on ${fn.toLowerCase()}, ${cmp > 0 ? 'above' : cmp < 0 ? 'below' : 'equal to'} the average of ${pct(g.average)} for ${g.n} ${type}s in ${g.financialYear} (ranked ${pos.rank} of ${g.n}, 1 = lowest cost).`,
    );
    summary.push(
      compareDecimal(pos.savingsPotential, '0') > 0
        ? `Bringing costs down to the average would save about ${formatGbp(pos.savingsPotential)} a year; to the lower quartile, ${formatGbp(pos.savingsToLowerQuartile)}.`
        : compareDecimal(pos.savingsToLowerQuartile, '0') > 0
          ? `Costs are at or below the average: no savings potential against it; moving to the lower quartile would save ${formatGbp(pos.savingsToLowerQuartile)} a year.`
          : 'Costs are already in the lowest quarter of the peer group.',
    );
  }
  if (g.n > 0) summary.push(`The average leaves out the ${g.trimmed} highest and ${g.trimmed} lowest returns (a trimmed mean), so one unusual trust does not move it.`);

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
    { label: 'Peer average', value: pct(g.average), note: g.n ? `trimmed mean of ${g.n - 2 * g.trimmed}` : null },
    { label: 'Rank', value: pos ? `${pos.rank} of ${g.n}` : '–', note: '1 = lowest cost' },
    { label: 'Savings potential', value: pos ? formatGbp(pos.savingsPotential) : '–', note: pos ? `${formatGbp(pos.savingsToLowerQuartile)} to lower quartile` : null },
  ];

  const chart =
    g.n > 0
      ? ReportTemplates.trusted(
          distributionChart({
            title: `${fn}: cost as % of turnover, ${humanise(g.organisationType).toLowerCase()}s ${g.financialYear}`,
            peers: g.items.map((it) => ({ name: it.organisationName ?? it.peer, value: it.kpi, self: !!pos && it.rank === pos.rank && it.organisationId === pos.organisationId })),
            unit: '%',
            decimals: 2,
            higherIsBetter: false,
            selfLabel: input.organisationName ?? 'Your organisation',
            stats: g.average && g.median && g.lowerQuartile && g.upperQuartile ? { average: g.average, median: g.median, q1: g.lowerQuartile, q3: g.upperQuartile } : undefined,
            showPeerNames: g.n <= 12,
            height: 300,
          }),
        )
      : null;

  return {
    frame: f,
    tiles,
    hasPeers: g.n > 0,
    chart,
    peers: g.items.map((it) => {
      const self = !!pos && it.rank === pos.rank && it.organisationId === pos.organisationId;
      return {
        rank: String(it.rank),
        name: `${it.organisationName ?? it.peer}${self ? ' (this organisation)' : ''}`,
        kpi: pct(it.kpi),
        savings: formatGbp(it.savingsPotential),
        toLowerQuartile: formatGbp(it.savingsToLowerQuartile),
        css: self ? 'subtotal' : '',
        note: it.excluded ? 'outside the trimmed mean' : '',
      };
    }),
    stats: [
      { label: 'Average (trimmed mean)', value: pct(g.average) },
      { label: 'Lower quartile', value: pct(g.lowerQuartile) },
      { label: 'Median', value: pct(g.median) },
      { label: 'Upper quartile', value: pct(g.upperQuartile) },
      { label: 'Savings potential of the whole group', value: formatGbp(g.totalSavingsPotential) },
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
