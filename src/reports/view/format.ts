/**
 * Formatting for board documents. Pure; no floats for money: amounts arrive as decimal strings
 * (the API's wire format) and are formatted digit by digit with decimal.js.
 */
import { D } from '../../common/money';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function parse(value: string, what: string) {
  if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value.trim())) throw new RangeError(`${what}: not a decimal string: ${JSON.stringify(value)}`);
  return new D(value.trim());
}

/**
 * "£1,234.50"; negatives as "−£543.45" (a true minus sign, which reads better than a hyphen in
 * print), or "(£543.45)" with `style: 'accounting'`. Rounds half-even to the penny if given more.
 */
export function formatGbp(value: string, opts: { style?: 'minus' | 'accounting'; pence?: boolean } = {}): string {
  const d = parse(value, 'formatGbp');
  const dp = opts.pence === false ? 0 : 2;
  const r = d.toDecimalPlaces(dp, D.ROUND_HALF_EVEN);
  const neg = r.isNegative() && !r.isZero();
  const [i, f] = r.abs().toFixed(dp).split('.');
  const body = `£${group(i)}${f !== undefined ? `.${f}` : ''}`;
  if (!neg) return body;
  return opts.style === 'accounting' ? `(${body})` : `\u2212${body}`;
}

/** A decimal string with `dp` decimals (half-even) and thousands separators: "1,234.5". */
export function formatNumber(value: string, dp: number): string {
  const r = parse(value, 'formatNumber').toDecimalPlaces(dp, D.ROUND_HALF_EVEN);
  const neg = r.isNegative() && !r.isZero();
  const [i, f] = r.abs().toFixed(dp).split('.');
  return `${neg ? '\u2212' : ''}${group(i)}${f !== undefined ? `.${f}` : ''}`;
}

/** A KPI value as given, trimmed of trailing zeros but at least `minDp` decimals: "99.50" → "99.5". */
export function formatKpiValue(value: string, unit?: string | null, minDp = 0): string {
  const d = parse(value, 'formatKpiValue');
  let s = d.toFixed();
  const dpNow = s.includes('.') ? s.split('.')[1].length : 0;
  if (dpNow < minDp) s = d.toFixed(minDp);
  const [i, f] = s.replace(/^-/, '').split('.');
  const out = `${d.isNegative() && !d.isZero() ? '\u2212' : ''}${group(i)}${f ? `.${f}` : ''}`;
  return withUnit(out, unit);
}

export function withUnit(s: string, unit?: string | null): string {
  switch (unit) {
    case 'percent':
    case '%':
      return `${s}%`;
    case 'days':
      return `${s} days`;
    case 'working_days':
      return `${s} working days`;
    case 'hours':
      return `${s} hours`;
    case 'gbp':
      return `£${s}`;
    default:
      return s;
  }
}

/** "5" → "5%", "2.5" → "2.5%", null → "–". */
export function formatPercent(value: string | null | undefined, dp?: number): string {
  if (value === null || value === undefined) return '\u2013';
  const d = parse(value, 'formatPercent');
  const s = dp === undefined ? formatKpiValue(d.toFixed()) : formatNumber(value, dp);
  return `${s}%`;
}

/** "2025-05" → "May 2025". */
export function formatMonthLong(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  return `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** "2025-05" → "May 25" (chart axis). */
export function formatMonthShort(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  return `${MONTHS[Number(m[2]) - 1].slice(0, 3)} ${m[1].slice(2)}`;
}

/** "2025-05-16" → "16 May 2025". */
export function formatDateLong(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** "2025-04".."2025-05" → "April to May 2025"; the same month → "May 2025". */
export function formatMonthRange(from: string, to: string): string {
  if (from === to) return formatMonthLong(from);
  const [fy, fm] = from.split('-');
  const [ty] = to.split('-');
  const fromText = fy === ty ? MONTHS[Number(fm) - 1] : formatMonthLong(from);
  return `${fromText} to ${formatMonthLong(to)}`;
}

const GENERATED_AT: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZoneName: 'short',
};

/** One formatter per time zone, built once: constructing an Intl.DateTimeFormat costs far more than using one. */
const generatedAtFormats = new Map<string, Intl.DateTimeFormat>();
const generatedAtFormat = (timeZone: string): Intl.DateTimeFormat => {
  let f = generatedAtFormats.get(timeZone);
  if (!f) generatedAtFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-GB', { timeZone, ...GENERATED_AT })));
  return f;
};

/** Generation time in UK local time: "3 June 2025 at 14:05 BST". */
export function formatGeneratedAt(at: Date, timeZone = 'Europe/London'): string {
  const parts = generatedAtFormat(timeZone).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')} ${get('month')} ${get('year')} at ${get('hour')}:${get('minute')} ${get('timeZoneName')}`;
}

/** Sum of decimal strings, as a two-decimal string (exact). */
export function sumMoney(values: Iterable<string>): string {
  let t = new D(0);
  for (const v of values) t = t.plus(parse(v, 'sumMoney'));
  const r = t.toDecimalPlaces(2, D.ROUND_HALF_EVEN);
  return (r.isZero() ? new D(0) : r).toFixed(2);
}

/** a − b for decimal strings, two decimals. */
export function minusMoney(a: string, b: string): string {
  const r = parse(a, 'minusMoney').minus(parse(b, 'minusMoney')).toDecimalPlaces(2, D.ROUND_HALF_EVEN);
  return (r.isZero() ? new D(0) : r).toFixed(2);
}

export function isNegative(value: string): boolean {
  const d = parse(value, 'isNegative');
  return d.isNegative() && !d.isZero();
}

export function isZero(value: string): boolean {
  return parse(value, 'isZero').isZero();
}

export function compareDecimal(a: string, b: string): number {
  return parse(a, 'compareDecimal').comparedTo(parse(b, 'compareDecimal'));
}

/** "shared_services_company" → "Shared services company". */
export function humanise(code: string): string {
  const s = code.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const DELIVERY_MODEL_LABELS: Record<string, string> = {
  in_house: 'In-house',
  cooperative: 'Co-operative (costs shared between members)',
  shared_services_company: 'Shared services company (agreed prices)',
  joint_venture: 'Joint venture (agreed prices)',
  outsourcing: 'Outsourcing (agreed prices)',
};

/** |a| as a two-decimal string. */
export function absMoney(a: string): string {
  const r = parse(a, 'absMoney').abs().toDecimalPlaces(2, D.ROUND_HALF_EVEN);
  return r.toFixed(2);
}

/** An amount shown as a reduction ("−£543.45"), whatever sign it is stored with; zero as "£0.00". */
export function formatReduction(a: string): string {
  const abs = absMoney(a);
  return isZero(abs) ? formatGbp('0') : formatGbp(`-${abs}`);
}
