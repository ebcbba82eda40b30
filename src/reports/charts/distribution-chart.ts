/**
 * Benchmark distribution: one bar per peer sorted by the KPI, the average (dashed) and the
 * quartiles (dotted; median dash-dot) as labelled horizontal lines, and the organisation's own
 * bar cross-hatched with a heavy outline and a callout ("Your organisation 97.2%, 3rd of 24").
 *
 * Average and quartiles are computed exactly from the strings (decimal.js; quartiles by linear
 * interpolation, as Excel's QUARTILE.INC) unless the caller passes its own `stats`.
 */
import { D } from '../../common/money';
import {
  A4_CHART_WIDTH,
  type Plot,
  SVG_CLOSE,
  chartId,
  clip,
  emptyChart,
  esc,
  formatTick,
  formatValue,
  hatchPattern,
  legendRow,
  px,
  r2,
  safeId,
  spreadLabels,
  svgOpen,
  xLabelSpace,
  xLabels,
  yAxis,
  yScale,
} from './svg';

export interface DistributionPeer {
  name: string;
  value: string;
  /** The organisation the report is for. */
  self?: boolean;
}

export interface DistributionStats {
  average: string;
  q1: string;
  median: string;
  q3: string;
}

export interface DistributionInput {
  title: string;
  peers: DistributionPeer[];
  unit?: string;
  decimals?: number;
  /** Used for the rank in the callout. Default true. */
  higherIsBetter?: boolean;
  /**
   * The organisation's rank and the size of its whole peer group, when the caller knows them better
   * than the bars do: e.g. the benchmarking service's rank over every return when only some peers
   * may be plotted (a peer the caller may not name has no value to draw). Default: worked out from
   * the bars, tied values sharing the better rank.
   */
  position?: { rank: number; of: number };
  /** Pre-computed statistics (e.g. from the benchmarking service); computed here when absent. */
  stats?: DistributionStats;
  /** Text of the callout; default "Your organisation". */
  selfLabel?: string;
  /** Peer names under the bars; default when there are at most 30 peers. */
  showPeerNames?: boolean;
  /** Start the value axis at zero. Default false (the spread is what matters). */
  includeZero?: boolean;
  width?: number;
  height?: number;
  id?: string;
}

/** Exact average and quartiles (linear interpolation between closest ranks) of decimal strings. */
export function distributionStats(values: string[]): DistributionStats {
  if (!values.length) throw new RangeError('distributionStats: no values');
  const xs = values.map((v) => {
    px(v);
    return new D(v.trim());
  });
  xs.sort((a, b) => a.cmp(b));
  const q = (p: number): string => {
    const h = new D(xs.length - 1).times(p);
    const lo = h.floor().toNumber();
    const frac = h.minus(lo);
    const a = xs[lo];
    const b = xs[Math.min(lo + 1, xs.length - 1)];
    return a.plus(b.minus(a).times(frac)).toString();
  };
  const sum = xs.reduce((t, x) => t.plus(x), new D(0));
  return { average: sum.div(xs.length).toString(), q1: q(0.25), median: q(0.5), q3: q(0.75) };
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${s}`;
}

export function distributionChart(input: DistributionInput): string {
  const width = input.width ?? A4_CHART_WIDTH;
  const height = input.height ?? 320;
  const dp = input.decimals ?? 1;
  const unit = input.unit ?? '';
  const higherIsBetter = input.higherIsBetter ?? true;
  const selfLabel = input.selfLabel ?? 'Your organisation';
  const id = safeId(input.id ?? chartId('dist', input));
  const fmt = (v: string): string => formatValue(v, dp, unit);

  const peers = (input.peers ?? []).map((p, i) => ({ ...p, n: px(p.value, `peers[${i}].value`), d: new D(p.value.trim()) }));
  peers.sort((a, b) => a.d.cmp(b.d) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const self = peers.find((p) => p.self);
  const stats = peers.length ? (input.stats ?? distributionStats(peers.map((p) => p.value))) : null;
  const rank = self ? (input.position?.rank ?? 1 + peers.filter((p) => (higherIsBetter ? p.d.gt(self.d) : p.d.lt(self.d))).length) : null;
  const groupSize = input.position?.of ?? peers.length;
  const callout = self && rank !== null ? `${selfLabel}: ${fmt(self.value)} (${ordinal(rank)} of ${groupSize})` : '';
  const statLines = stats
    ? [
        { key: 'average', text: `Average ${fmt(stats.average)}`, value: stats.average, dash: '7 4', w: 1.6 },
        { key: 'q3', text: `Q3 ${fmt(stats.q3)}`, value: stats.q3, dash: '2 3', w: 1.2 },
        { key: 'median', text: `Median ${fmt(stats.median)}`, value: stats.median, dash: '8 3 2 3', w: 1.2 },
        { key: 'q1', text: `Q1 ${fmt(stats.q1)}`, value: stats.q1, dash: '2 3', w: 1.2 },
      ]
    : [];
  const plotted = `${peers.length} organisation${peers.length === 1 ? '' : 's'}${groupSize > peers.length ? ` of ${groupSize}` : ''}`;
  const desc = `${plotted}, lowest to highest. ` + `${statLines.map((s) => s.text).join(', ')}${callout ? `. ${callout}` : ''}.`;
  const frame = { width, height, title: input.title, desc, id };
  if (!peers.length) return emptyChart(frame);

  const showNames = input.showPeerNames ?? peers.length <= 30;
  const left = 56;
  const rightLabel = Math.max(...statLines.map((s) => s.text.length)) * 5.6 + 14;
  const plotWidth = width - left - rightLabel;
  const slot = plotWidth / peers.length;
  const labelSpace = showNames
    ? xLabelSpace(
        peers.map((p) => p.name),
        slot,
        18,
        8,
      )
    : { rotate: false, height: 8 };
  const top = 34 + (callout ? 22 : 0);
  const plot: Plot = { left, top, width: plotWidth, height: height - top - 30 - labelSpace.height };
  const values = [...peers.map((p) => p.n), ...statLines.map((s) => px(s.value, s.key))];
  // Room below the lowest peer so that its bar stays visible when the axis does not start at zero.
  const lowest = Math.min(...values);
  const spread = Math.max(...values) - lowest || Math.abs(lowest) || 1;
  if (!(input.includeZero ?? false)) values.push(lowest - spread * 0.1);
  const scale = yScale(values, plot, { includeZero: input.includeZero ?? false });
  // Bars grow from the bottom of the axis (or from zero when it is on the axis).
  const base = scale.y(scale.min <= 0 && scale.max >= 0 ? 0 : scale.min);
  const xs = peers.map((_, i) => plot.left + (i + 0.5) * slot);
  const barW = Math.max(1.5, Math.min(40, slot * 0.72));
  const selfPattern = `${id}-self`;

  let out = svgOpen(frame);
  out += `<defs>${hatchPattern(selfPattern, 'cross', '#000000', '#ffffff')}</defs>`;
  out += yAxis(scale, plot, (v) => formatTick(v, scale.step, unit));

  peers.forEach((p, i) => {
    const y = scale.y(p.n);
    const h = Math.max(0.5, Math.abs(base - y));
    const yTop = Math.min(base, y);
    out += p.self
      ? `<rect class="bar self" x="${r2(xs[i] - barW / 2)}" y="${r2(yTop)}" width="${r2(barW)}" height="${r2(h)}" fill="url(#${selfPattern})" stroke="#000000" stroke-width="2"/>`
      : `<rect class="bar" x="${r2(xs[i] - barW / 2)}" y="${r2(yTop)}" width="${r2(barW)}" height="${r2(h)}" fill="#c8c8c8" stroke="#555555" stroke-width="0.6"/>`;
  });
  out += `<line x1="${r2(plot.left)}" y1="${r2(base)}" x2="${r2(plot.left + plot.width)}" y2="${r2(base)}" stroke="#000000" stroke-width="1"/>`;

  const lineYs = statLines.map((s) => scale.y(px(s.value, s.key)));
  const labelYs = spreadLabels(lineYs, 12, plot.top + 4, plot.top + plot.height);
  statLines.forEach((s, i) => {
    out +=
      `<line class="stat ${s.key}" x1="${r2(plot.left)}" y1="${r2(lineYs[i])}" x2="${r2(plot.left + plot.width)}" y2="${r2(lineYs[i])}" ` +
      `stroke="#000000" stroke-width="${s.w}" stroke-dasharray="${s.dash}"/>` +
      `<text x="${r2(plot.left + plot.width + 6)}" y="${r2(labelYs[i])}" dy="3.5" font-size="10" fill="#000000">${esc(s.text)}</text>`;
  });

  if (self) {
    const i = peers.indexOf(self);
    const x = xs[i];
    const yBar = Math.min(base, scale.y(self.n));
    const yText = top - 8;
    const anchor = x < plot.left + plot.width * 0.3 ? 'start' : x > plot.left + plot.width * 0.7 ? 'end' : 'middle';
    const tx = anchor === 'start' ? x - 4 : anchor === 'end' ? x + 4 : x;
    out +=
      `<line class="callout" x1="${r2(x)}" y1="${r2(yText + 3)}" x2="${r2(x)}" y2="${r2(yBar - 2)}" stroke="#000000" stroke-width="1"/>` +
      `<text class="self-label" x="${r2(tx)}" y="${r2(yText)}" text-anchor="${anchor}" font-size="11" font-weight="bold" fill="#000000">${esc(callout)}</text>`;
  }

  if (showNames) {
    out += xLabels(
      peers.map((p) => p.name),
      xs,
      plot.top + plot.height + 10,
      slot,
      18,
      8,
    );
  }

  out += legendRow(
    [
      { sample: '<rect x="4" y="0" width="16" height="12" fill="#c8c8c8" stroke="#555555" stroke-width="0.6"/>', text: 'Peer' },
      { sample: `<rect x="4" y="0" width="16" height="12" fill="url(#${selfPattern})" stroke="#000000" stroke-width="2"/>`, text: clip(selfLabel, 40) },
      { sample: '<line x1="0" y1="6" x2="24" y2="6" stroke="#000000" stroke-width="1.6" stroke-dasharray="7 4"/>', text: 'Average' },
      { sample: '<line x1="0" y1="6" x2="24" y2="6" stroke="#000000" stroke-width="1.2" stroke-dasharray="2 3"/>', text: 'Quartiles' },
      { sample: '<line x1="0" y1="6" x2="24" y2="6" stroke="#000000" stroke-width="1.2" stroke-dasharray="8 3 2 3"/>', text: 'Median' },
    ],
    plot.left,
    height - 10,
  );
  return out + SVG_CLOSE;
}
