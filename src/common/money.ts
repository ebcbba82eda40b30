/**
 * Exact money and percentage arithmetic (domain.md §2). Pure: no framework imports.
 *
 * One rounding rule for the whole product: a computed amount is rounded once, at the end, to the
 * penny, half to even (banker's rounding). Amounts are `Decimal` in code, `numeric` in the database
 * and two-decimal strings on the wire. JavaScript `number` is never used for money.
 */
import Decimal from 'decimal.js';

/** A private Decimal constructor so that other code changing the global config cannot affect us. */
export const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 60 });
export type Dec = Decimal;

export const ZERO = new D(0);

const MONEY_RE = /^-?\d{1,14}(\.\d{1,2})?$/;
const DECIMAL_RE = /^-?\d{1,14}(\.\d{1,4})?$/;

/** True when `s` is a money string: optional minus, digits, at most two decimals. */
export function isMoneyString(s: unknown): s is string {
  return typeof s === 'string' && MONEY_RE.test(s);
}

/** True when `s` is a decimal string with at most four decimals (percentages, KPI values). */
export function isDecimalString(s: unknown, maxDecimals = 4): boolean {
  if (typeof s !== 'string') return false;
  if (maxDecimals === 4) return DECIMAL_RE.test(s);
  return new RegExp(`^-?\\d{1,14}(\\.\\d{1,${maxDecimals}})?$`).test(s);
}

/** Parses a money string or a Decimal; throws on anything that is not exact money. */
export function money(value: string | Decimal | number): Decimal {
  if (value instanceof Decimal) return new D(value);
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`money(): non-integer number ${value}; pass a string`);
    return new D(value);
  }
  if (!isMoneyString(value)) throw new Error(`not a money amount: ${JSON.stringify(value)}`);
  return new D(value);
}

/**
 * Parses a stored amount or a sum of stored amounts (PostgreSQL `sum(numeric)`, a statement part
 * summed over many entries): two decimals, any number of digits. Input amounts are limited to 14
 * digits (`numeric(16,2)`, `isMoneyString`), but sums of them are computed in the wider type
 * (PostgreSQL's unbounded `numeric`, Decimal here) and are never parsed back with the input rule,
 * so no number of stored amounts can make a list or a statement fail (issue 12, finding 9).
 */
export function storedMoney(value: string): Decimal {
  if (!/^-?\d+(\.\d{1,2})?$/.test(value)) throw new Error(`not a stored amount: ${JSON.stringify(value)}`);
  return new D(value);
}

/** Parses any decimal string (KPI values, percentages, volumes) exactly. */
export function dec(value: string | Decimal | number): Decimal {
  return new D(value);
}

/** Rounds to the penny, half to even: the only rounding of money in the product. */
export function roundPenny(x: Decimal): Decimal {
  return x.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
}

/** Formats an amount already on whole pennies as a two-decimal string; rounds half-even if not. */
export function formatMoney(x: Decimal): string {
  const r = roundPenny(x);
  // avoid "-0.00"
  return (r.isZero() ? new D(0) : r).toFixed(2);
}

/** Formats a decimal (percentages, KPI values) with at most `dp` decimals, trailing zeros kept. */
export function formatDecimal(x: Decimal, dp = 4): string {
  const r = x.toDecimalPlaces(dp, Decimal.ROUND_HALF_EVEN);
  return (r.isZero() ? new D(0) : r).toFixed(dp);
}

/** Sum of decimals. */
export function sum(xs: Iterable<Decimal>): Decimal {
  let t = new D(0);
  for (const x of xs) t = t.plus(x);
  return t;
}
