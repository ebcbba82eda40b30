/**
 * Months and dates (domain.md §3). A month is a `YYYY-MM` string, a date `YYYY-MM-DD`. Pure.
 * All arithmetic is on calendar fields: no time zones, no Date objects leaking out.
 */
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE_RE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isMonth(s: unknown): s is string {
  return typeof s === 'string' && MONTH_RE.test(s);
}

export function isDate(s: unknown): s is string {
  if (typeof s !== 'string' || !DATE_RE.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  return d <= daysInMonth(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`);
}

export function parseMonth(month: string): { year: number; month: number } {
  if (!isMonth(month)) throw new Error(`not a month: ${JSON.stringify(month)}`);
  const [y, m] = month.split('-').map(Number);
  return { year: y, month: m };
}

export function formatMonth(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function daysInMonth(month: string): number {
  const { year, month: m } = parseMonth(month);
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

/** month + n months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const { year, month: m } = parseMonth(month);
  const idx = year * 12 + (m - 1) + n;
  return formatMonth(Math.floor(idx / 12), (idx % 12) + 1);
}

/** Number of months from a to b (b − a); 0 when equal. */
export function monthDiff(a: string, b: string): number {
  const pa = parseMonth(a);
  const pb = parseMonth(b);
  return pb.year * 12 + pb.month - (pa.year * 12 + pa.month);
}

/** Inclusive list of months from..to; empty when to < from. */
export function monthRange(from: string, to: string): string[] {
  const n = monthDiff(from, to);
  const out: string[] = [];
  for (let i = 0; i <= n; i++) out.push(addMonths(from, i));
  return out;
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function firstDay(month: string): string {
  return `${month}-01`;
}

export function lastDay(month: string): string {
  return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}

/** Compares two YYYY-MM or YYYY-MM-DD strings of the same shape. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** First month of the UK financial-year quarter containing `month` (April, July, October, January). */
export function quarterStart(month: string): string {
  const { year, month: m } = parseMonth(month);
  const startMonth = m - ((m - 1) % 3); // 1,4,7,10
  return formatMonth(year, startMonth);
}

/** Financial year label of a month, e.g. 2025-04 → "2025/26", 2026-03 → "2025/26". */
export function financialYear(month: string): string {
  const { year, month: m } = parseMonth(month);
  const start = m >= 4 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

const FINANCIAL_YEAR_RE = /^(\d{4})\/(\d{2})$/;

/** A UK financial year written `"2024/25"`: the second part must be the year after the first. */
export function isFinancialYear(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = FINANCIAL_YEAR_RE.exec(s);
  if (!m) return false;
  return (Number(m[1]) + 1) % 100 === Number(m[2]);
}

/** The first month of a financial year: "2025/26" → "2025-04". */
export function financialYearStart(fy: string): string {
  return `${fy.slice(0, 4)}-04`;
}

/** Days between two dates inclusive (a ≤ b), computed on UTC calendar days. */
export function daysInclusive(a: string, b: string): number {
  const ta = Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10));
  const tb = Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10));
  return Math.round((tb - ta) / 86400000) + 1;
}
