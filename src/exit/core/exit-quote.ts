/**
 * Exit quote (domain.md §8) for a member p giving notice on date d. Pure.
 *
 * - exitMonth = month of d + noticeMonths (membership ends on its last day);
 * - minimumTermEndMonth = month of joinedOn + minimumTermMonths − 1;
 * - earlyMonths = months after exitMonth up to minimumTermEndMonth (0 if none);
 * - chargingMonths = the complete months of membership (f = 1) before d's month, the last 12 at
 *   most; none → CalculationError `no_charging_history` (422). Checked for both models: the rule is
 *   stated for every exit quote, even though only the co-operative quote uses the average;
 * - averageMonthlyCharge = mean of p's operating + fee shares over chargingMonths (credits,
 *   investment and risk excluded).
 *
 * Co-operative: earlyTermination = avg × earlyMonths × earlyTerminationPercent / 100; strandedCosts =
 * avg × strandedCostMonths × fixedCostPercent / 100; unrecoveredInvestment = Σ over p's investment
 * shares (entries up to exitMonth) of share × max(0, amortisationMonths − e) / amortisationMonths,
 * e = months from the entry's month to exitMonth, both counted; redundancyCosts as given. Each is
 * computed from the exact (unrounded) average and rounded once; total = Σ of the rounded four.
 *
 * remainingMembers — our reading of "how much each remaining member's average monthly charge would
 * rise if p's operating and fee shares of the same months were re-allocated among them by the same
 * bases": for every charging month m and service line s on which p has weight, p's share and the
 * remaining members' shares of the line's operating, and of its fee, are allocated again (largest
 * remainder, once) over the remaining members' weights of s in m (same basis, recipients, f and
 * volumes); a member's increase is its share then less its share now, summed over the charging
 * months, divided by their number and rounded once. The increases sum to p's operating + fee
 * exactly. When no other member has gone by d this is each line re-priced without p, so a what-if
 * scenario in which p leaves before those months (domain.md §14) gives the same rises. Remaining
 * members = every other member whose membership has not ended before d (leftOn null or ≥ d), in
 * input order; a member gone by d keeps what it was charged; a remaining member that received
 * nothing (not a recipient, or not yet a member in those months) is listed with 0.00. When no
 * remaining member has weight on (s, m), p's share cannot be re-allocated and is left out (nobody's
 * charge rises by it).
 *
 * Commercial: contractYear = (months from joinedOn's month to exitMonth, i.e. exitMonth − joined
 * month) div 12 + 1; exitCharge = the schedule's amount for that year (0 if none); total = exitCharge.
 */
import type { Dec } from '../../common/money';
import { D, dec, formatMoney, money, roundPenny, ZERO } from '../../common/money';
import { addMonths, cmp, isDate, monthDiff, monthOf } from '../../common/months';
import { allocate } from '../../statements/core/allocate';
import { ChargeContext, createChargeContext } from '../../statements/core/charge-context';
import { CalculationError } from '../../statements/core/errors';
import { isCompleteMonth } from '../../statements/core/membership';
import type { CommercialExitTerms, CooperativeExitTerms, ExitQuoteRequest, ExitTerms, LedgerInput, MemberInput } from '../../statements/core/types';
import { totalWeight } from '../../statements/core/weights';

export interface RemainingMemberIncrease {
  organisationId: string;
  averageMonthlyIncrease: Dec;
}

export interface CooperativeExitQuote {
  model: 'cooperative';
  organisationId: string;
  noticeDate: string;
  exitMonth: string;
  minimumTermEndMonth: string;
  earlyMonths: number;
  /** The months averaged (ascending). */
  chargingMonths: string[];
  averageMonthlyCharge: Dec;
  earlyTermination: Dec;
  strandedCosts: Dec;
  unrecoveredInvestment: Dec;
  redundancyCosts: Dec;
  total: Dec;
  remainingMembers: RemainingMemberIncrease[];
}

export interface CommercialExitQuote {
  model: 'commercial';
  organisationId: string;
  noticeDate: string;
  exitMonth: string;
  contractYear: number;
  exitCharge: Dec;
  total: Dec;
}

export type ExitQuote = CooperativeExitQuote | CommercialExitQuote;

export interface CooperativeExitQuoteDto {
  model: 'cooperative';
  exitMonth: string;
  minimumTermEndMonth: string;
  earlyMonths: number;
  averageMonthlyCharge: string;
  earlyTermination: string;
  strandedCosts: string;
  unrecoveredInvestment: string;
  redundancyCosts: string;
  total: string;
  remainingMembers: { organisationId: string; averageMonthlyIncrease: string }[];
}

export interface CommercialExitQuoteDto {
  model: 'commercial';
  exitMonth: string;
  contractYear: number;
  exitCharge: string;
  total: string;
}

export type ExitQuoteDto = CooperativeExitQuoteDto | CommercialExitQuoteDto;

const MAX_AVERAGED_MONTHS = 12;

/** Complete months of membership before `beforeMonth`, the last `max` at most, ascending. */
export function chargingMonths(member: MemberInput, beforeMonth: string, max = MAX_AVERAGED_MONTHS): string[] {
  const joined = monthOf(member.joinedOn);
  const out: string[] = [];
  for (let m = addMonths(beforeMonth, -1); cmp(m, joined) >= 0 && out.length < max; m = addMonths(m, -1)) {
    if (isCompleteMonth(member, m)) out.push(m);
  }
  return out.reverse();
}

function requireMonths(n: unknown, field: string): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new CalculationError('invalid_input', `exit terms: ${field} must be a whole number of months ≥ 0`);
  }
  return n;
}

function cooperativeQuote(
  ctx: ChargeContext,
  exit: CooperativeExitTerms,
  member: MemberInput,
  request: ExitQuoteRequest,
  months: string[],
  exitMonth: string,
): CooperativeExitQuote {
  const p = member.organisationId;
  const minimumTermEndMonth = addMonths(monthOf(member.joinedOn), requireMonths(exit.minimumTermMonths, 'minimumTermMonths') - 1);
  const earlyMonths = Math.max(0, monthDiff(exitMonth, minimumTermEndMonth));
  const n = months.length;

  // p's operating + fee over the charging months, and each line re-priced among the members who
  // stay: p's share and theirs, allocated over their weights (same basis, recipients, f and volumes).
  // A member gone by the notice date keeps what it was charged. With nobody gone this is the line
  // shared as a statement would share it had p not been a member (a what-if leave, domain.md §14,
  // gives the same rises). A member's increase is its share then less its share now.
  const remaining = ctx.members.filter((m) => m.organisationId !== p && (m.leftOn === null || cmp(m.leftOn, request.noticeDate) >= 0));
  const remainingIds = new Set(remaining.map((m) => m.organisationId));
  const increases = new Map<string, Dec>(remaining.map((m) => [m.organisationId, ZERO]));
  let chargeSum = new D(0);
  for (const month of months) {
    const base = ctx.baseMonth(month);
    for (const [lineId, l] of base.lines) {
      chargeSum = chargeSum.plus(l.operating.get(p) ?? ZERO).plus(l.fee.get(p) ?? ZERO);
      const weights = ctx.lineWeights(lineId, month).weights;
      // p had no weight on (s, m): nothing of it to share
      if (!weights.some((w) => w.id === p && !w.weight.isZero())) continue;
      const stay = weights.filter((w) => remainingIds.has(w.id));
      // nobody who stays has weight on (s, m): p's share cannot be re-allocated (nobody's charge rises by it)
      if (totalWeight(stay).isZero()) continue;
      for (const shares of [l.operating, l.fee]) {
        let total = shares.get(p) ?? ZERO;
        for (const w of stay) total = total.plus(shares.get(w.id) ?? ZERO);
        const next = allocate(total, stay);
        for (const w of stay)
          increases.set(
            w.id,
            increases
              .get(w.id)!
              .plus(next.get(w.id) ?? ZERO)
              .minus(shares.get(w.id) ?? ZERO),
          );
      }
    }
  }

  // Exact average: every figure below divides by n once, at the end.
  const average = roundPenny(chargeSum.div(n));
  const earlyTermination = roundPenny(chargeSum.times(earlyMonths).times(dec(exit.earlyTerminationPercent)).div(new D(n).times(100)));
  const strandedCosts = roundPenny(chargeSum.times(requireMonths(exit.strandedCostMonths, 'strandedCostMonths')).times(dec(exit.fixedCostPercent)).div(new D(n).times(100)));

  const amortisation = requireMonths(exit.amortisationMonths, 'amortisationMonths');
  let unrecovered = new D(0);
  if (amortisation > 0) {
    for (const entry of ctx.input.costs) {
      if (entry.category !== 'investment' || cmp(entry.month, exitMonth) > 0) continue;
      const share = ctx.entryShares(entry).get(p);
      if (share === undefined || share.isZero()) continue;
      const e = monthDiff(entry.month, exitMonth) + 1;
      const left = Math.max(0, amortisation - e);
      unrecovered = unrecovered.plus(share.times(left));
    }
    unrecovered = roundPenny(unrecovered.div(amortisation));
  }

  const redundancyCosts = money(request.redundancyCosts ?? '0.00');
  const total = earlyTermination.plus(strandedCosts).plus(unrecovered).plus(redundancyCosts);

  return {
    model: 'cooperative',
    organisationId: p,
    noticeDate: request.noticeDate,
    exitMonth,
    minimumTermEndMonth,
    earlyMonths,
    chargingMonths: months,
    averageMonthlyCharge: average,
    earlyTermination,
    strandedCosts,
    unrecoveredInvestment: unrecovered,
    redundancyCosts,
    total,
    remainingMembers: remaining.map((m) => ({
      organisationId: m.organisationId,
      averageMonthlyIncrease: roundPenny(increases.get(m.organisationId)!.div(n)),
    })),
  };
}

function commercialQuote(exit: CommercialExitTerms, member: MemberInput, request: ExitQuoteRequest, exitMonth: string): CommercialExitQuote {
  const contractYear = Math.floor(monthDiff(monthOf(member.joinedOn), exitMonth) / 12) + 1;
  let exitCharge = new D(0);
  for (const row of exit.exitChargeSchedule) if (row.contractYear === contractYear) exitCharge = exitCharge.plus(money(row.amount));
  return {
    model: 'commercial',
    organisationId: member.organisationId,
    noticeDate: request.noticeDate,
    exitMonth,
    contractYear,
    exitCharge,
    total: exitCharge,
  };
}

/**
 * The exit quote for `request.organisationId` giving notice on `request.noticeDate`. `exit.model`
 * must match `input.terms.model`. Throws CalculationError (`no_charging_history`, `invalid_input`,
 * or the allocation errors of the charging months).
 */
export function exitQuote(input: LedgerInput, exit: ExitTerms, request: ExitQuoteRequest): ExitQuote {
  if (!isDate(request.noticeDate)) throw new CalculationError('invalid_input', `not a date: ${String(request.noticeDate)}`);
  if (exit.model !== input.terms.model) {
    throw new CalculationError('invalid_input', `${exit.model} exit terms on a ${input.terms.model} agreement`);
  }
  const ctx = createChargeContext(input);
  const member = ctx.member(request.organisationId);
  const noticeMonth = monthOf(request.noticeDate);
  const months = chargingMonths(member, noticeMonth);
  if (months.length === 0) {
    throw new CalculationError('no_charging_history', `${member.name} has no complete month of membership before ${noticeMonth}, so there is no charge to base an exit quote on`, {
      organisationId: member.organisationId,
      month: noticeMonth,
    });
  }
  const noticeMonths = requireMonths(exit.model === 'cooperative' ? exit.noticeMonths : (exit.noticeMonths ?? 0), 'noticeMonths');
  const exitMonth = addMonths(noticeMonth, noticeMonths);
  return exit.model === 'cooperative' ? cooperativeQuote(ctx, exit, member, request, months, exitMonth) : commercialQuote(exit, member, request, exitMonth);
}

/** Decimals to the API's strings (api.md `GET .../exit-quote`). */
export function formatExitQuote(q: ExitQuote): ExitQuoteDto {
  if (q.model === 'commercial') {
    return {
      model: 'commercial',
      exitMonth: q.exitMonth,
      contractYear: q.contractYear,
      exitCharge: formatMoney(q.exitCharge),
      total: formatMoney(q.total),
    };
  }
  return {
    model: 'cooperative',
    exitMonth: q.exitMonth,
    minimumTermEndMonth: q.minimumTermEndMonth,
    earlyMonths: q.earlyMonths,
    averageMonthlyCharge: formatMoney(q.averageMonthlyCharge),
    earlyTermination: formatMoney(q.earlyTermination),
    strandedCosts: formatMoney(q.strandedCosts),
    unrecoveredInvestment: formatMoney(q.unrecoveredInvestment),
    redundancyCosts: formatMoney(q.redundancyCosts),
    total: formatMoney(q.total),
    remainingMembers: q.remainingMembers.map((r) => ({
      organisationId: r.organisationId,
      averageMonthlyIncrease: formatMoney(r.averageMonthlyIncrease),
    })),
  };
}
