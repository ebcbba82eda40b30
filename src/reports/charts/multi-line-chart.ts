/**
 * Line chart of several series over the same periods (e.g. cumulative cost by option over the years
 * of an appraisal). Readable in greyscale: each series has its own dash pattern and marker shape,
 * and the legend (wrapped over rows) names them. Money on the y axis. Pure: SVG text out.
 */
import {
  A4_CHART_WIDTH,
  type Plot,
  SVG_CLOSE,
  brokenPathD,
  chartId,
  emptyChart,
  formatMoneyLabel,
  formatTick,
  legendItem,
  px,
  r2,
  safeId,
  svgOpen,
  xLabelSpace,
  xLabels,
  yAxis,
  yScale,
} from './svg';

export interface MultiLineChartInput {
  title: string;
  /** The period labels, in order ("Year 0", …). */
  labels: string[];
  /** Each series has one value (a decimal string) per label. */
  series: Array<{ name: string; values: string[] }>;
  width?: number;
  height?: number;
  id?: string;
}

const DASHES = ['', '7 4', '2 3', '10 3 2 3', '4 4', '12 4', '1 2', '6 2 1 2 1 2', '3 6', '9 2', '5 3 1 3'];

/** A marker of kind `k` centred on (x, y). */
function marker(k: number, x: number, y: number): string {
  switch (k % 4) {
    case 0:
      return `<circle cx="${r2(x)}" cy="${r2(y)}" r="3.2" fill="#000000"/>`;
    case 1:
      return `<rect x="${r2(x - 3.5)}" y="${r2(y - 3.5)}" width="7" height="7" fill="#ffffff" stroke="#000000" stroke-width="1.4"/>`;
    case 2:
      return `<path d="M${r2(x)} ${r2(y - 4.5)}L${r2(x + 4.2)} ${r2(y + 3)}L${r2(x - 4.2)} ${r2(y + 3)}Z" fill="#000000"/>`;
    default:
      return `<circle cx="${r2(x)}" cy="${r2(y)}" r="3.5" fill="#ffffff" stroke="#000000" stroke-width="1.4"/>`;
  }
}

export function multiLineChart(input: MultiLineChartInput): string {
  const width = input.width ?? A4_CHART_WIDTH;
  const series = input.series ?? [];
  const legendRows = Math.ceil(series.length / 3);
  const height = (input.height ?? 300) + Math.max(0, legendRows - 1) * 16;
  const id = safeId(input.id ?? chartId('lines', input));
  const desc = series.map((s) => `${s.name}: ${s.values.map((v, i) => `${input.labels[i]} ${formatMoneyLabel(v)}`).join(', ')}`).join('. ');
  const frame = { width, height, title: input.title, desc, id };
  const all = series.flatMap((s) => s.values.map((v, i) => px(v, `series ${s.name} value ${i}`)));
  if (!all.length || !input.labels.length) return emptyChart(frame);

  const plotWidth = width - 70 - 16;
  const slot = plotWidth / input.labels.length;
  const labelSpace = xLabelSpace(input.labels, slot);
  const plot: Plot = { left: 70, top: 34, width: plotWidth, height: height - 34 - 14 - labelSpace.height - legendRows * 16 };
  const scale = yScale(all, plot, { includeZero: true });
  const xs = input.labels.map((_, i) => plot.left + (i + 0.5) * slot);

  let out = svgOpen(frame);
  out += yAxis(scale, plot, (v) => formatTick(v, scale.step, '', '£'));
  series.forEach((s, k) => {
    const values = s.values.map((v, i) => px(v, `series ${s.name} value ${i}`));
    const dash = DASHES[k % DASHES.length];
    out += `<path class="series" d="${brokenPathD(values, xs, (v) => scale.y(v))}" fill="none" stroke="#000000" stroke-width="1.8" stroke-linejoin="round"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
    values.forEach((v, i) => (out += marker(k, xs[i], scale.y(v))));
  });
  out += xLabels(input.labels, xs, plot.top + plot.height + 12, slot);

  let legend = '<g class="legend">';
  series.forEach((s, k) => {
    const dash = DASHES[k % DASHES.length];
    const sample = `<line x1="0" y1="6" x2="24" y2="6" stroke="#000000" stroke-width="1.8"${dash ? ` stroke-dasharray="${dash}"` : ''}/>${marker(k, 12, 6)}`;
    const row = Math.floor(k / 3);
    const col = k % 3;
    legend += legendItem(
      plot.left + col * ((width - plot.left) / 3),
      height - 10 - (legendRows - 1 - row) * 16,
      sample,
      s.name.length > 28 ? `${s.name.slice(0, 27)}…` : s.name,
    ).svg;
  });
  out += `${legend}</g>`;
  return out + SVG_CLOSE;
}
