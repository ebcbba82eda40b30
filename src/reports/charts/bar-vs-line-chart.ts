/**
 * Cost against baseline by month: hatched bars for the charge, a solid line with square markers
 * for the baseline. Greyscale-safe (pattern + marker shape, not colour), labels on the bars.
 */
import {
  brokenPathD,
  A4_CHART_WIDTH,
  type Plot,
  SVG_CLOSE,
  chartId,
  emptyChart,
  esc,
  formatMoneyLabel,
  formatTick,
  hatchPattern,
  legendRow,
  px,
  r2,
  safeId,
  svgOpen,
  xLabelSpace,
  xLabels,
  yAxis,
  yScale,
} from './svg';

export interface BarVsLineInput {
  title: string;
  /** One entry per month, in order. Amounts are money strings ("12345.67"). */
  months: Array<{ label: string; charge: string | null; baseline: string | null }>;
  currency?: string;
  barLabel?: string;
  lineLabel?: string;
  /** Value labels above the bars. Default true. */
  showValues?: boolean;
  /**
   * Join the baseline markers with a line. Default true (a series over months); false when the
   * entries are categories (e.g. members), where a line between them would mean nothing.
   */
  joinBaseline?: boolean;
  width?: number;
  height?: number;
  id?: string;
}

export function barVsLineChart(input: BarVsLineInput): string {
  const width = input.width ?? A4_CHART_WIDTH;
  const height = input.height ?? 300;
  const currency = input.currency ?? '£';
  const barLabel = input.barLabel ?? 'Charge';
  const lineLabel = input.lineLabel ?? 'Baseline';
  const id = safeId(input.id ?? chartId('barline', input));
  const months = input.months ?? [];
  const money = (v: string | null, compact = false): string => (v === null ? 'no data' : formatMoneyLabel(v, currency, compact));
  const desc = months.map((m) => `${m.label}: ${barLabel.toLowerCase()} ${money(m.charge)}, ${lineLabel.toLowerCase()} ${money(m.baseline)}`).join('; ');
  const frame = { width, height, title: input.title, desc, id };
  const charges = months.map((m, i) => (m.charge === null ? null : px(m.charge, `months[${i}].charge`)));
  const baselines = months.map((m, i) => (m.baseline === null ? null : px(m.baseline, `months[${i}].baseline`)));
  const all = [...charges, ...baselines].filter((v): v is number => v !== null);
  if (!all.length) return emptyChart(frame);

  const left = 66;
  const plotWidth = width - left - 16;
  const slot = plotWidth / months.length;
  const labelSpace = xLabelSpace(
    months.map((m) => m.label),
    slot,
  );
  const plot: Plot = { left, top: 40, width: plotWidth, height: height - 40 - 30 - labelSpace.height };
  const scale = yScale(all, plot, { includeZero: true });
  const xs = months.map((_, i) => plot.left + (i + 0.5) * slot);
  const barW = Math.max(2, Math.min(48, slot * 0.62));
  const zeroY = scale.y(0);
  const hatch = `${id}-hatch`;
  const compact = slot < 60;

  let out = svgOpen(frame);
  out += `<defs>${hatchPattern(hatch, 'diagonal', '#000000', '#ffffff')}</defs>`;
  out += yAxis(scale, plot, (v) => formatTick(v, scale.step, '', currency));

  charges.forEach((v, i) => {
    if (v === null) return;
    const y = scale.y(v);
    const top = Math.min(y, zeroY);
    const h = Math.max(0.5, Math.abs(zeroY - y));
    out += `<rect class="bar" x="${r2(xs[i] - barW / 2)}" y="${r2(top)}" width="${r2(barW)}" height="${r2(h)}" ` + `fill="url(#${hatch})" stroke="#000000" stroke-width="1"/>`;
  });
  out += `<line x1="${r2(plot.left)}" y1="${r2(zeroY)}" x2="${r2(plot.left + plot.width)}" y2="${r2(zeroY)}" stroke="#000000" stroke-width="1"/>`;

  // baseline line, broken at gaps (markers only for categories)
  const joined = input.joinBaseline ?? true;
  if (joined) out += `<path class="baseline" d="${brokenPathD(baselines, xs, (v) => scale.y(v))}" fill="none" stroke="#000000" stroke-width="2.4" stroke-linejoin="round"/>`;
  baselines.forEach((v, i) => {
    if (v === null) return;
    const y = scale.y(v);
    out += `<rect class="baseline-marker" x="${r2(xs[i] - 3.5)}" y="${r2(y - 3.5)}" width="7" height="7" fill="#ffffff" stroke="#000000" stroke-width="1.8"/>`;
  });

  if (input.showValues ?? true) {
    charges.forEach((v, i) => {
      if (v === null) return;
      const y = scale.y(v);
      let ty = v >= 0 ? Math.min(y, zeroY) - 5 : Math.max(y, zeroY) + 12;
      const b = baselines[i];
      if (b !== null && v >= 0 && Math.abs(ty - 3 - scale.y(b)) < 10) ty = Math.min(ty, scale.y(b) - 7); // clear the marker
      out +=
        `<text class="value" x="${r2(xs[i])}" y="${r2(ty)}" text-anchor="middle" font-size="9" fill="#000000" ` +
        `stroke="#ffffff" stroke-width="2.5" paint-order="stroke">${esc(money(months[i].charge, compact))}</text>`;
    });
  }

  out += xLabels(
    months.map((m) => m.label),
    xs,
    plot.top + plot.height + 12,
    slot,
  );
  out += legendRow(
    [
      { sample: `<rect x="4" y="0" width="16" height="12" fill="url(#${hatch})" stroke="#000000" stroke-width="1"/>`, text: barLabel },
      {
        sample:
          (joined ? '<line x1="0" y1="6" x2="24" y2="6" stroke="#000000" stroke-width="2.4"/>' : '') +
          '<rect x="8.5" y="2.5" width="7" height="7" fill="#ffffff" stroke="#000000" stroke-width="1.8"/>',
        text: lineLabel,
      },
    ],
    plot.left,
    height - 10,
  );
  return out + SVG_CLOSE;
}
