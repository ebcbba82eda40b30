/**
 * Median and quartiles by the inclusive method, as spreadsheet PERCENTILE.INC / QUARTILE.INC /
 * MEDIAN (domain.md §10):
 *   sort the n values ascending x[0] ≤ … ≤ x[n−1]; for p in [0, 1] let h = (n − 1) · p,
 *   j = floor(h); the p-th percentile is x[j] + (h − j) · (x[j+1] − x[j])  (x[j] when j = n − 1).
 * QUARTILE.INC(values, q) is the percentile p = q / 4 for q = 0..4; q = 2 is the median.
 * Exact: computed on fractions (rational.ts), so interpolation never rounds.
 */
import { D, type Dec } from '../../common/money';
import { Rational } from './rational';
import { BenchmarkError } from './types';

export type Quart = 0 | 1 | 2 | 3 | 4;

function checkP(p: Rational): void {
  if (p.lt(Rational.ZERO) || p.gt(Rational.ONE)) {
    throw new BenchmarkError('invalid_percentile', `percentile must lie in [0, 1], got ${p.toDecimal().toString()}`);
  }
}

/**
 * PERCENTILE.INC of values ALREADY SORTED ascending (precondition, not checked: the benchmark has
 * sorted them once). Throws 'empty_peer_group' for no values, 'invalid_percentile' outside [0, 1].
 */
export function percentileIncSorted(sorted: readonly Rational[], p: Rational): Rational {
  if (sorted.length === 0) throw new BenchmarkError('empty_peer_group', 'no values to take a percentile of');
  checkP(p);
  const h = Rational.of(BigInt(sorted.length - 1)).mul(p);
  const j = h.floor();
  const lo = sorted[Number(j)];
  if (j === BigInt(sorted.length - 1)) return lo;
  const frac = h.sub(Rational.of(j));
  if (frac.isZero()) return lo;
  const hi = sorted[Number(j) + 1];
  return lo.add(frac.mul(hi.sub(lo)));
}

/** Sorts fractions ascending (a new array). */
export function sortRationals(values: readonly Rational[]): Rational[] {
  return [...values].sort((a, b) => a.cmp(b));
}

function toRationals(values: readonly (Dec | string)[]): Rational[] {
  return sortRationals(values.map((v) => Rational.fromDecimal(v)));
}

function quartToP(q: Quart): Rational {
  if (!Number.isInteger(q) || q < 0 || q > 4) {
    throw new BenchmarkError('invalid_percentile', `quart must be 0, 1, 2, 3 or 4, got ${String(q)}`);
  }
  return Rational.of(BigInt(q), 4n);
}

/** PERCENTILE.INC(values, p): values in any order; p a decimal in [0, 1] such as "0.3". */
export function percentileInc(values: readonly (Dec | string)[], p: Dec | string): Dec {
  return percentileIncSorted(toRationals(values), Rational.fromDecimal(new D(p))).toDecimal();
}

/** QUARTILE.INC(values, quart) for quart 0 (min), 1, 2 (median), 3, 4 (max). */
export function quartileInc(values: readonly (Dec | string)[], quart: Quart): Dec {
  return percentileIncSorted(toRationals(values), quartToP(quart)).toDecimal();
}

/** MEDIAN(values): the mean of the two middle values when n is even. */
export function median(values: readonly (Dec | string)[]): Dec {
  return quartileInc(values, 2);
}

export interface FiveNumberSummary<T> {
  min: T;
  lowerQuartile: T;
  median: T;
  upperQuartile: T;
  max: T;
}

/** min, QUARTILE.INC 1, 2, 3 and max of values ALREADY SORTED ascending, as fractions. */
export function quartilesSorted(sorted: readonly Rational[]): FiveNumberSummary<Rational> {
  return {
    min: percentileIncSorted(sorted, quartToP(0)),
    lowerQuartile: percentileIncSorted(sorted, quartToP(1)),
    median: percentileIncSorted(sorted, quartToP(2)),
    upperQuartile: percentileIncSorted(sorted, quartToP(3)),
    max: percentileIncSorted(sorted, quartToP(4)),
  };
}

/** min, lower quartile, median, upper quartile and max of values in any order. */
export function quartiles(values: readonly (Dec | string)[]): FiveNumberSummary<Dec> {
  const q = quartilesSorted(toRationals(values));
  return {
    min: q.min.toDecimal(),
    lowerQuartile: q.lowerQuartile.toDecimal(),
    median: q.median.toDecimal(),
    upperQuartile: q.upperQuartile.toDecimal(),
    max: q.max.toDecimal(),
  };
}
