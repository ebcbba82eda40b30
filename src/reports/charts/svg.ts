/**
 * Small helpers for server-side SVG charts. Pure functions, no I/O, no external assets.
 *
 * Values arrive as decimal strings. Labels are formatted from the strings exactly (decimal.js);
 * `Number()` is used only to place things on the canvas.
 */
import { D } from '../../common/money';

/** Width that fits an A4 portrait page with ~15 mm margins (180 mm at 96 px/in ≈ 680 px). */
export const A4_CHART_WIDTH = 680;
export const FONT_FAMILY = 'Liberation Sans, Arial, Helvetica, sans-serif';

/** Escapes text for XML text nodes and double-quoted attribute values. */
export function esc(value: unknown): string {
  return withoutXmlForbidden(String(value)).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Drops the characters not allowed in XML 1.0 at all: C0 controls other than tab, LF and CR, and U+FFFE, U+FFFF. */
function withoutXmlForbidden(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff) continue;
    out += s[i];
  }
  return out;
}

const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

/** Checks a decimal string and returns it as a number for geometry only. */
export function px(value: string, what = 'value'): number {
  if (typeof value !== 'string' || !DECIMAL_RE.test(value.trim())) {
    throw new TypeError(`chart ${what} must be a decimal string, got ${JSON.stringify(value)}`);
  }
  const n = Number(value);
  if (!Number.isFinite(n)) throw new RangeError(`chart ${what} is out of range: ${value}`);
  return n;
}

/** Rounds for SVG coordinates (2 decimals, no "-0"). */
export function r2(n: number): string {
  const v = Math.round(n * 100) / 100;
  return Object.is(v, -0) ? '0' : String(v);
}

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Formats a decimal string with `dp` decimals (half-even) and thousands separators. */
export function formatDecimalString(value: string, dp: number): string {
  px(value);
  const r = new D(value.trim()).toDecimalPlaces(dp, D.ROUND_HALF_EVEN);
  const fixed = (r.isZero() ? new D(0) : r).toFixed(dp);
  const neg = fixed.startsWith('-');
  const [i, f] = (neg ? fixed.slice(1) : fixed).split('.');
  return `${neg ? '-' : ''}${group(i)}${f !== undefined ? `.${f}` : ''}`;
}

/** Formats a value with an optional unit suffix, e.g. "97.5%", "12.0 days". */
export function formatValue(value: string, dp: number, unit = ''): string {
  const s = formatDecimalString(value, dp);
  if (!unit) return s;
  return unit === '%' ? `${s}%` : `${s} ${unit}`;
}

/** Money for chart labels: "£12,346" (whole pounds) or compact "£12.3k", "£1.23m". */
export function formatMoneyLabel(value: string, currency = '£', compact = false): string {
  px(value, 'amount');
  const d = new D(value.trim());
  const neg = d.isNegative() && !d.isZero();
  const a = d.abs();
  let body: string;
  if (compact && a.gte(1_000_000)) body = `${a.div(1_000_000).toSignificantDigits(3, D.ROUND_HALF_EVEN).toString()}m`;
  else if (compact && a.gte(10_000)) body = `${a.div(1000).toDecimalPlaces(1, D.ROUND_HALF_EVEN).toFixed(1).replace(/\.0$/, '')}k`;
  else body = group(a.toDecimalPlaces(0, D.ROUND_HALF_EVEN).toFixed(0));
  return `${neg ? '-' : ''}${currency}${body}`;
}

/** "Nice" axis ticks covering [min, max] (geometry, so numbers are fine here). */
export function niceTicks(min: number, max: number, maxTicks = 6): { ticks: number[]; min: number; max: number; step: number } {
  if (!(max > min)) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    min -= pad;
    max += pad;
  }
  const rough = (max - min) / Math.max(1, maxTicks - 1);
  const mag = Math.pow(10, Math.floor(Math.log10(rough)));
  const norm = rough / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Math.round(v / step) * step);
  return { ticks, min: lo, max: hi, step };
}

/** Decimals needed to print ticks of this step without noise (1 → 0, 2.5 → 1, 0.25 → 2). */
export function stepDecimals(step: number): number {
  let dp = Math.max(0, -Math.floor(Math.log10(step)));
  while (dp < 6 && Math.abs(step * 10 ** dp - Math.round(step * 10 ** dp)) > 1e-9) dp++;
  return dp;
}

/** Formats an axis tick (a geometric value, not data). */
export function formatTick(v: number, step: number, unit = '', currency = ''): string {
  const dp = currency ? 0 : stepDecimals(step);
  const fixed = (Object.is(v, -0) ? 0 : v).toFixed(dp);
  if (currency) return formatMoneyLabel(fixed, currency, Math.abs(v) >= 10_000);
  return formatValue(fixed, dp, unit);
}

/** A short deterministic id prefix so that several charts can share one HTML document. */
export function chartId(prefix: string, seed: unknown): string {
  const s = JSON.stringify(seed);
  let h = 5381;
  for (let i = 0; i < s.length; i++) h = ((h << 5) + h + s.charCodeAt(i)) | 0;
  return `${prefix}-${(h >>> 0).toString(36)}`;
}

/** Valid XML id token from a caller-supplied id. */
export function safeId(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `c_${cleaned}`;
}

/**
 * Moves labels (y positions, sorted or not) apart so that they are at least `gap` px from each
 * other, staying within [top, bottom]. Returns new y values in the input order.
 */
export function spreadLabels(ys: number[], gap: number, top: number, bottom: number): number[] {
  const idx = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < idx.length; k++) if (idx[k].y - idx[k - 1].y < gap) idx[k].y = idx[k - 1].y + gap;
  const overflow = idx.length ? idx[idx.length - 1].y - bottom : 0;
  if (overflow > 0) for (const e of idx) e.y -= overflow;
  for (let k = 0; k < idx.length; k++) if (idx[k].y < top + k * gap) idx[k].y = top + k * gap;
  const out = new Array<number>(ys.length);
  for (const e of idx) out[e.i] = e.y;
  return out;
}

/** Truncates a label to at most `max` characters (before escaping). */
export function clip(text: string, max: number): string {
  const s = String(text);
  return s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1))}…`;
}

export interface SvgFrame {
  width: number;
  height: number;
  title: string;
  desc?: string;
  id: string;
}

/** Opening <svg> with title/desc for accessibility and a white background (prints the same in greyscale). */
export function svgOpen(f: SvgFrame): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}" ` +
    `role="img" aria-labelledby="${f.id}-title" font-family="${esc(FONT_FAMILY)}" font-size="11">` +
    `<title id="${f.id}-title">${esc(f.title)}</title>` +
    (f.desc ? `<desc>${esc(f.desc)}</desc>` : '') +
    `<rect x="0" y="0" width="${f.width}" height="${f.height}" fill="#ffffff"/>` +
    `<text x="8" y="18" font-size="13" font-weight="bold" fill="#000000">${esc(f.title)}</text>`
  );
}

export const SVG_CLOSE = '</svg>';

/** Pattern definitions that keep series distinguishable without colour. */
export function hatchPattern(id: string, kind: 'diagonal' | 'cross' | 'dots', ink = '#000000', bg = '#ffffff'): string {
  const body =
    kind === 'diagonal'
      ? `<path d="M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5" stroke="${ink}" stroke-width="1.2"/>`
      : kind === 'cross'
        ? `<path d="M0,6 L6,0 M0,0 L6,6" stroke="${ink}" stroke-width="1.1"/>`
        : `<circle cx="3" cy="3" r="1.1" fill="${ink}"/>`;
  return `<pattern id="${id}" patternUnits="userSpaceOnUse" width="6" height="6"><rect width="6" height="6" fill="${bg}"/>${body}</pattern>`;
}

export interface Plot {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface YScale {
  min: number;
  max: number;
  step: number;
  ticks: number[];
  y: (v: number) => number;
}

export function yScale(values: number[], plot: Plot, opts: { includeZero?: boolean; min?: number; max?: number } = {}): YScale {
  let lo = opts.min ?? Math.min(...values);
  let hi = opts.max ?? Math.max(...values);
  if (opts.includeZero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (!values.length) {
    lo = 0;
    hi = 1;
  }
  const t = niceTicks(lo, hi, Math.max(3, Math.min(7, Math.floor(plot.height / 40) + 1)));
  const min = opts.min ?? t.min;
  const max = opts.max ?? t.max;
  const span = max - min || 1;
  const ticks = t.ticks.filter((v) => v >= min - 1e-9 && v <= max + 1e-9);
  return { min, max, step: t.step, ticks, y: (v: number) => plot.top + plot.height - ((Math.min(Math.max(v, min), max) - min) / span) * plot.height };
}

/** Horizontal grid lines with tick labels on the left. */
export function yAxis(scale: YScale, plot: Plot, label: (v: number) => string): string {
  let out = '<g class="y-axis">';
  for (const v of scale.ticks) {
    const y = r2(scale.y(v));
    out += `<line x1="${r2(plot.left)}" y1="${y}" x2="${r2(plot.left + plot.width)}" y2="${y}" stroke="#d0d0d0" stroke-width="0.8"/>`;
    out += `<text x="${r2(plot.left - 6)}" y="${y}" dy="3.5" text-anchor="end" font-size="10" fill="#000000">${esc(label(v))}</text>`;
  }
  out += `<line x1="${r2(plot.left)}" y1="${r2(plot.top)}" x2="${r2(plot.left)}" y2="${r2(plot.top + plot.height)}" stroke="#000000" stroke-width="1"/>`;
  return `${out}</g>`;
}

/** Whether category labels must be rotated to fit, and the height they then need below the plot. */
export function xLabelSpace(labels: string[], slot: number, maxChars = 14, fontSize = 10): { rotate: boolean; height: number } {
  const longest = Math.max(0, ...labels.map((l) => Math.min(l.length, maxChars)));
  const rotate = longest * fontSize * 0.55 > slot - 2;
  return { rotate, height: rotate ? Math.ceil(longest * fontSize * 0.55 * 0.71 + fontSize + 8) : fontSize + 10 };
}

/** Category labels under the plot, rotated when they do not fit. */
export function xLabels(labels: string[], xs: number[], y: number, slot: number, maxChars = 14, fontSize = 10): string {
  const { rotate } = xLabelSpace(labels, slot, maxChars, fontSize);
  let out = '<g class="x-axis">';
  labels.forEach((l, i) => {
    const text = esc(clip(l, maxChars));
    const x = r2(xs[i]);
    out += rotate
      ? `<text x="${x}" y="${r2(y)}" font-size="${fontSize}" text-anchor="end" transform="rotate(-45 ${x} ${r2(y)})" fill="#000000">${text}</text>`
      : `<text x="${x}" y="${r2(y + 4)}" font-size="${fontSize}" text-anchor="middle" fill="#000000">${text}</text>`;
  });
  return `${out}</g>`;
}

/** Sample + text for a legend; `sample` is drawn in a 24×12 box at (x, y-9). */
export function legendItem(x: number, y: number, sample: string, text: string): { svg: string; width: number } {
  const width = 30 + text.length * 6 + 14;
  return {
    svg: `<g transform="translate(${r2(x)} ${r2(y - 9)})">${sample}<text x="30" y="10" font-size="10" fill="#000000">${esc(text)}</text></g>`,
    width,
  };
}

export function legendRow(items: Array<{ sample: string; text: string }>, x: number, y: number): string {
  let out = '<g class="legend">';
  let cx = x;
  for (const it of items) {
    const li = legendItem(cx, y, it.sample, it.text);
    out += li.svg;
    cx += li.width;
  }
  return `${out}</g>`;
}

/** "No data" panel for an empty series. */
export function emptyChart(f: SvgFrame): string {
  return `${svgOpen(f)}<text x="${r2(f.width / 2)}" y="${r2(f.height / 2)}" text-anchor="middle" font-size="12" fill="#000000">No data</text>${SVG_CLOSE}`;
}

/** The `d` of a polyline through (xs[i], y(values[i])), broken (a new M) at every null. */
export function brokenPathD(values: readonly (number | null)[], xs: readonly number[], y: (v: number) => number): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${r2(xs[i])},${r2(y(v))} `;
    pen = true;
  });
  return d.trim();
}
