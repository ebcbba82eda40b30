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
 * see weights.ts, which scales f by the month's day count instead of dividing).
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
  let S = new D(0);
  for (const w of weights) {
    if (seen.has(w.id)) throw new CalculationError('invalid_input', `allocate(): duplicate id ${w.id}`);
    seen.add(w.id);
    if (w.weight.isNegative() && !w.weight.isZero()) {
      throw new CalculationError('negative_weight', `allocate(): negative weight for ${w.name} (${w.id})`, {
        organisationId: w.id,
      });
    }
    S = S.plus(w.weight);
  }
  if (S.isZero()) throw new CalculationError('zero_weights', 'allocate(): the weights sum to zero');

  if (T.isNegative()) {
    const mirrored = allocate(T.negated(), weights);
    const out = new Map<string, Dec>();
    for (const [id, v] of mirrored) out.set(id, v.isZero() ? ZERO : v.negated());
    return out;
  }

  const P = T.times(100); // integer pennies ≥ 0
  interface Row {
    w: AllocationWeight;
    q: Dec;
    r: Dec;
  }
  const rows: Row[] = [];
  let given = new D(0);
  for (const w of weights) {
    if (w.weight.isZero()) continue;
    const n = P.times(w.weight);
    const q = n.divToInt(S); // truncation; n, S ≥ 0 so this is the floor
    rows.push({ w, q, r: n.minus(q.times(S)) });
    given = given.plus(q);
  }
  let left = P.minus(given).toNumber(); // a small integer: 0 ≤ left < rows.length
  if (left > 0) {
    const order = [...rows].sort(
      (a, b) =>
        b.r.comparedTo(a.r) ||
        b.w.weight.comparedTo(a.w.weight) ||
        compareStrings(a.w.name, b.w.name) ||
        compareStrings(a.w.id, b.w.id),
    );
    for (const row of order) {
      if (left === 0) break;
      row.q = row.q.plus(1);
      left--;
    }
  }
  const byId = new Map<string, Dec>();
  for (const row of rows) byId.set(row.w.id, row.q.div(100));
  const out = new Map<string, Dec>();
  for (const w of weights) out.set(w.id, byId.get(w.id) ?? ZERO);
  return out;
}
