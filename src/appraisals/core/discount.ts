/**
 * Green Book discounting with exact fractions (domain.md §15). Pure.
 *
 * The growth factor of one year is g = 1 + r/100 with r a decimal string of at most four decimals,
 * so g is the exact fraction (10^6 + r·10^4) / 10^6 and g^t is exact too. A present value is
 * cost / g^t, an exact fraction: nothing is rounded until a figure is shown (money half to even to
 * the penny, discount factors half to even to four decimals). The fraction type is the project's
 * BigInt `Rational` (src/benchmarking/core/rational.ts), reused rather than copied.
 */
import { D, type Dec } from '../../common/money';
import { Rational } from '../../benchmarking/core/rational';

export { Rational, sumRational } from '../../benchmarking/core/rational';

/** 1 + r/100 exactly, for a percentage given as a decimal string (e.g. "3.5"). */
export function growthFactor(ratePercent: string): Rational {
  return Rational.ONE.add(Rational.fromDecimal(ratePercent).div(Rational.HUNDRED));
}

/** x^n for a whole n ≥ 0, exactly. */
export function power(x: Rational, n: number): Rational {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`power: exponent must be a whole number ≥ 0, got ${n}`);
  return Rational.of(x.num ** BigInt(n), x.den ** BigInt(n));
}

/** The discount factor of year t: 1 / (1 + r/100)^t, exactly (year 0: 1). */
export function discountFactor(ratePercent: string, t: number): Rational {
  return Rational.ONE.div(power(growthFactor(ratePercent), t));
}

/** x rounded once to `dp` decimals, half to even, from the exact fraction. */
export function roundRational(x: Rational, dp: number): Dec {
  const scale = 10n ** BigInt(dp);
  const t = x.num * scale;
  const neg = t < 0n;
  const a = neg ? -t : t;
  let q = a / x.den;
  const twiceRem = (a % x.den) * 2n;
  if (twiceRem > x.den || (twiceRem === x.den && q % 2n === 1n)) q += 1n;
  if (q === 0n) return new D(0);
  return new D((neg ? -q : q).toString()).div(new D(scale.toString()));
}

/** `x` rounded half to even and written with exactly `dp` decimals ("0.9662"). */
export function formatRational(x: Rational, dp: number): string {
  return roundRational(x, dp).toFixed(dp);
}
