/**
 * Largest-remainder allocation (domain.md §2). Pure and exact.
 *
 * For T ≥ 0 over weights w (Σw > 0):
 *   1. exact share e_i = T · w_i / Σw; weight 0 gets nothing;
 *   2. each member first gets e_i truncated to the penny (toward zero);
 *   3. the pennies left over go one each to the largest truncated remainders; ties go to the larger
 *      weight, then organisation name ascending, then organisation id ascending;
 *   4. a negative T is allocated as −allocate(−T).
 *
 * Exactness: the work is done in integer pennies. With P = 100·T, n_i = P · w_i and S = Σw, the
 * truncated share is q_i = ⌊n_i / S⌋ pennies and the remainder is r_i = n_i − q_i·S (the remainder
 * e_i − trunc(e_i) scaled by 100·S, the same factor for everyone), so remainders compare exactly,
 * with no rounding of recurring decimals, as long as the weights are exact decimals (they are:
 * see weights.ts, which scales f by the month's day count instead of dividing). The weights are
 * scaled to integers and the integer steps run on BigInt (exact, unbounded); money comes in and
 * goes out as Decimal.
 *
 * Names compare by UTF-16 code units (plain `<`), not by locale, so the result never depends on the
 * machine's locale.
 */
import type { Dec } from '../../common/money';
import { D, ZERO } from '../../common/money';
import { CalculationError } from './errors';

export interface AllocationWeight {
  id: string;
  name: string;
  weight: Dec;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole pennies (≥ 0) as a Decimal of pounds, built from the digits (no division). */
function fromPennies(q: bigint): Dec {
  const s = q.toString().padStart(3, '0');
  return new D(`${s.slice(0, -2)}.${s.slice(-2)}`);
}

/**
 * Allocates `total` (whole pennies) over `weights`. Returns a share for every id given (0 for weight
 * 0), in the order given. Throws CalculationError `zero_weights` when Σw = 0, `negative_weight` for a
 * negative weight, `invalid_input` for duplicate ids or a total that is not whole pennies.
 */
export function allocate(total: Dec, weights: readonly AllocationWeight[]): Map<string, Dec> {
  const T = new D(total);
  if (!T.times(100).isInteger()) {
    throw new CalculationError('invalid_input', `allocate(): total ${T.toString()} is not a whole number of pennies`);
  }
  const seen = new Set<string>();
  let anyWeight = false;
  for (const w of weights) {
    if (seen.has(w.id)) throw new CalculationError('invalid_input', `allocate(): duplicate id ${w.id}`);
    seen.add(w.id);
    if (w.weight.isNegative() && !w.weight.isZero()) {
      throw new CalculationError('negative_weight', `allocate(): negative weight for ${w.name} (${w.id})`, {
        organisationId: w.id,
      });
    }
    if (!w.weight.isZero()) anyWeight = true;
  }
  if (!anyWeight) throw new CalculationError('zero_weights', 'allocate(): the weights sum to zero');

  if (T.isNegative()) {
    const mirrored = allocate(T.negated(), weights);
    const out = new Map<string, Dec>();
    for (const [id, v] of mirrored) out.set(id, v.isZero() ? ZERO : v.negated());
    return out;
  }

  // Integer arithmetic: every weight scaled by 10^dp (dp = the most decimals of any weight) becomes
  // an exact integer; BigInt keeps n_i, q_i and r_i exact at any size and is far faster than Decimal.
  let dp = 0;
  for (const w of weights) dp = Math.max(dp, w.weight.decimalPlaces());
  const P = BigInt(T.times(100).toFixed(0)); // integer pennies ≥ 0
  interface Row {
    w: AllocationWeight;
    W: bigint;
    q: bigint;
    r: bigint;
  }
  const rows: Row[] = [];
  let Sb = 0n;
  for (const w of weights) {
    if (w.weight.isZero()) continue;
    // w × 10^dp exactly: the digits of w with dp decimals, without the point (w > 0, no exponent).
    const W = BigInt(w.weight.toFixed(dp).replace('.', ''));
    rows.push({ w, W, q: 0n, r: 0n });
    Sb += W;
  }
  let given = 0n;
  for (const row of rows) {
    const n = P * row.W;
    row.q = n / Sb; // truncation; n, Sb ≥ 0 so this is the floor
    row.r = n - row.q * Sb;
    given += row.q;
  }
  let left = P - given; // 0 ≤ left < rows.length
  if (left > 0n) {
    const order = [...rows].sort(
      (a, b) => (a.r < b.r ? 1 : a.r > b.r ? -1 : 0) || (a.W < b.W ? 1 : a.W > b.W ? -1 : 0) || compareStrings(a.w.name, b.w.name) || compareStrings(a.w.id, b.w.id),
    );
    for (const row of order) {
      if (left === 0n) break;
      row.q += 1n;
      left -= 1n;
    }
  }
  const byId = new Map<string, Dec>();
  for (const row of rows) byId.set(row.w.id, fromPennies(row.q));
  const out = new Map<string, Dec>();
  for (const w of weights) out.set(w.id, byId.get(w.id) ?? ZERO);
  return out;
}
