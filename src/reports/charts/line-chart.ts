/**
 * Line chart for a KPI trend (e.g. SLA over 12 months): the values with point labels, a target
 * line and a threshold line. Readable in greyscale: the value line is solid with round markers,
 * the target dashed, the threshold dotted, and months that breach the threshold get a hollow
 * square marker; every line is labelled with its value.
 */
import {
  brokenPathD,
  A4_CHART_WIDTH,
  type Plot,
  SVG_CLOSE,
  chartId,
  emptyChart,
  esc,
  formatTick,
  formatValue,
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

export interface LineChartInput {
  title: string;
  /** One point per period, in order; `value: null` leaves a gap (no data that month). */
  points: Array<{ label: string; value: string | null }>;
  target?: { value: string; label?: string };
  threshold?: { value: string; label?: string };
  /** '%' or a short unit ("days"); appended to labels. */
  unit?: string;
  /** Decimals in point and line labels. Default 1. */
  decimals?: number;
  /** Whether higher values are better (decides which side of the threshold is a breach). Default true. */
  higherIsBetter?: boolean;
  seriesLabel?: string;
  yMin?: string;
  yMax?: string;
  width?: number;
  height?: number;
  /** Prefix for element ids; default derived from the data. */
  id?: string;
}

export function lineChart(input: LineChartInput): string {
  const width = input.width ?? A4_CHART_WIDTH;
  const height = input.height ?? 300;
  const dp = input.decimals ?? 1;
  const unit = input.unit ?? '';
  const higherIsBetter = input.higherIsBetter ?? true;
  const id = safeId(input.id ?? chartId('line', input));
  const points = input.points ?? [];
  const fmt = (v: string): string => formatValue(v, dp, unit);
  const targetLabel = input.target ? `${input.target.label ?? 'Target'} ${fmt(input.target.value)}` : '';
  const thresholdLabel = input.threshold ? `${input.threshold.label ?? 'Threshold'} ${fmt(input.threshold.value)}` : '';
  const desc =
    `${points.map((p) => `${p.label}: ${p.value === null ? 'no data' : fmt(p.value)}`).join('; ')}` +
    `${targetLabel ? `. ${targetLabel}` : ''}${thresholdLabel ? `. ${thresholdLabel}` : ''}`;
  const frame = { width, height, title: input.title, desc, id };
  const values = points.map((p, i) => (p.value === null ? null : px(p.value, `points[${i}].value`)));
  const present = values.filter((v): v is number => v !== null);
  if (!present.length) return emptyChart(frame);

  const target = input.target ? px(input.target.value, 'target') : null;
  const threshold = input.threshold ? px(input.threshold.value, 'threshold') : null;
  const rightLabelWidth = Math.max(targetLabel.length, thresholdLabel.length) * 5.6;
  const plotWidth = width - 56 - Math.max(16, rightLabelWidth + 12);
  const slot = plotWidth / points.length;
  const labelSpace = xLabelSpace(
    points.map((p) => p.label),
    slot,
  );
  const plot: Plot = { left: 56, top: 34, width: plotWidth, height: height - 34 - 30 - labelSpace.height };
  const scale = yScale([...present, ...(target !== null ? [target] : []), ...(threshold !== null ? [threshold] : [])], plot, {
    min: input.yMin !== undefined ? px(input.yMin, 'yMin') : undefined,
    max: input.yMax !== undefined ? px(input.yMax, 'yMax') : undefined,
  });
  const xs = points.map((_, i) => plot.left + (i + 0.5) * slot);
  const breach = (v: number): boolean => threshold !== null && (higherIsBetter ? v < threshold : v > threshold);

  let out = svgOpen(frame);
  out += yAxis(scale, plot, (v) => formatTick(v, scale.step, unit));

  // reference lines, labelled at the right end (labels pushed apart if close)
  const refs: Array<{ y: number; text: string; dash: string; width: number }> = [];
  if (target !== null) refs.push({ y: scale.y(target), text: targetLabel, dash: '7 4', width: 1.6 });
  if (threshold !== null) refs.push({ y: scale.y(threshold), text: thresholdLabel, dash: '2 3', width: 1.6 });
  const labelYs = spreadLabels(
    refs.map((r) => r.y),
    12,
    plot.top + 4,
    plot.top + plot.height,
  );
  refs.forEach((r, i) => {
    out +=
      `<line class="ref" x1="${r2(plot.left)}" y1="${r2(r.y)}" x2="${r2(plot.left + plot.width)}" y2="${r2(r.y)}" ` +
      `stroke="#000000" stroke-width="${r.width}" stroke-dasharray="${r.dash}"/>` +
      `<text x="${r2(plot.left + plot.width + 6)}" y="${r2(labelYs[i])}" dy="3.5" font-size="10" fill="#000000">${esc(r.text)}</text>`;
  });

  // the series: a path broken at gaps
  out += `<path class="series" d="${brokenPathD(values, xs, (v) => scale.y(v))}" fill="none" stroke="#000000" stroke-width="2.2" stroke-linejoin="round"/>`;

  // markers and point labels
  let anyBreach = false;
  values.forEach((v, i) => {
    if (v === null) return;
    const x = xs[i];
    const y = scale.y(v);
    if (breach(v)) {
      anyBreach = true;
      out += `<rect class="breach" x="${r2(x - 4)}" y="${r2(y - 4)}" width="8" height="8" fill="#ffffff" stroke="#000000" stroke-width="1.6"/>`;
    } else {
      out += `<circle cx="${r2(x)}" cy="${r2(y)}" r="3.5" fill="#000000"/>`;
    }
    const above = y - plot.top > 16;
    out +=
      `<text class="point-label" x="${r2(x)}" y="${r2(above ? y - 8 : y + 16)}" text-anchor="middle" font-size="9" ` +
      `fill="#000000" stroke="#ffffff" stroke-width="2.5" paint-order="stroke">${esc(fmt(points[i].value as string))}</text>`;
  });

  out += xLabels(
    points.map((p) => p.label),
    xs,
    plot.top + plot.height + 12,
    slot,
  );

  const legend = [
    {
      sample: '<line x1="0" y1="6" x2="24" y2="6" stroke="#000000" stroke-width="2.2"/><circle cx="12" cy="6" r="3.5" fill="#000000"/>',
      text: input.seriesLabel ?? 'Monthly value',
    },
  ];
  if (target !== null)
    legend.push({ sample: '<line x1="0" y1="6" x2="24" y2="6" stroke="#000000" stroke-width="1.6" stroke-dasharray="7 4"/>', text: input.target?.label ?? 'Target' });
  if (threshold !== null)
    legend.push({ sample: '<line x1="0" y1="6" x2="24" y2="6" stroke="#000000" stroke-width="1.6" stroke-dasharray="2 3"/>', text: input.threshold?.label ?? 'Threshold' });
  if (anyBreach)
    legend.push({
      sample: '<rect x="8" y="2" width="8" height="8" fill="#ffffff" stroke="#000000" stroke-width="1.6"/>',
      text: higherIsBetter ? 'Below threshold' : 'Above threshold',
    });
  out += legendRow(legend, plot.left, height - 10);
  return out + SVG_CLOSE;
}
