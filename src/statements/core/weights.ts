/**
 * Allocation weights per basis (domain.md §4) for one month, over the members receiving a service
 * line (or over all members, for investments and risks without a service line). Pure.
 *
 * | basis      | weight (domain.md)            | weight returned here                  |
 * |------------|-------------------------------|---------------------------------------|
 * | equal      | f                             | days                                  |
 * | turnover   | annual turnover × f           | annual turnover × days (drivers.ts)   |
 * | headcount  | headcount × f                 | headcount × days                      |
 * | fixed      | fixed share × f               | fixed share × days                    |
 * | activity   | volume (not scaled by f)      | volume                                |
 *
 * where days = days of the month inside the membership = f × daysInMonth(month). Every weight of
 * one allocation is for the same month, so multiplying them all by daysInMonth changes no share
 * (allocation is scale-invariant) and keeps every weight an exact decimal (16/31 is not one).
 *
 * Only members with at least one day of membership in the month get a weight; that includes the
 * activity basis: volume recorded for an organisation that is not a member that month is ignored.
 * A member with no fixed share in `fixedShares` has weight 0 on the fixed basis.
 */
import type { Dec } from '../../common/money';
import { D, dec } from '../../common/money';
import type { AllocationWeight } from './allocate';
import { driversAt } from './drivers';
import { membershipDays } from './membership';
import type { Basis, MemberInput, ServiceLineInput } from './types';

export interface WeightOptions {
  /** Agreement `fixedShares`, keyed by organisation id (percent strings). */
  fixedShares?: Record<string, string>;
  /** Activity volume of an organisation for the service line and month; missing = 0. */
  volumeOf?: (organisationId: string) => Dec | undefined;
  /** Days of membership in the month (default: membershipDays); lets a caller memoise it. */
  daysOf?: (member: MemberInput, month: string) => number;
}

/** The members receiving a service line (all members when recipientIds is null), in input order. */
export function recipientsOf(line: ServiceLineInput, members: readonly MemberInput[]): MemberInput[] {
  if (line.recipientIds === null) return [...members];
  const ids = new Set(line.recipientIds);
  return members.filter((m) => ids.has(m.organisationId));
}

/** Weights of `candidates` for `month` on `basis` (see the table above). */
export function basisWeights(basis: Basis, candidates: readonly MemberInput[], month: string, options: WeightOptions = {}): AllocationWeight[] {
  const out: AllocationWeight[] = [];
  const daysOf = options.daysOf ?? membershipDays;
  for (const m of candidates) {
    const days = daysOf(m, month);
    if (days === 0) continue;
    let weight: Dec;
    switch (basis) {
      case 'equal':
        weight = new D(days);
        break;
      case 'turnover':
        weight = dec(driversAt(m, month).annualTurnover).times(days);
        break;
      case 'headcount':
        weight = dec(driversAt(m, month).headcount).times(days);
        break;
      case 'fixed': {
        const share = options.fixedShares?.[m.organisationId];
        weight = share === undefined ? new D(0) : dec(share).times(days);
        break;
      }
      case 'activity':
        weight = options.volumeOf?.(m.organisationId) ?? new D(0);
        break;
      default: {
        const never: never = basis;
        throw new Error(`unknown basis ${String(never)}`);
      }
    }
    out.push({ id: m.organisationId, name: m.name, weight });
  }
  return out;
}

/** Σ of the weights. */
export function totalWeight(weights: readonly AllocationWeight[]): Dec {
  let t = new D(0);
  for (const w of weights) t = t.plus(w.weight);
  return t;
}
