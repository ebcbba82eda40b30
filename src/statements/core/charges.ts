/**
 * The ledger: every member's charges per month and service line over a range of months, for the
 * co-operative model (domain.md §5) and the commercial models (§6), service credits included (§7).
 * Compute it once for a range and derive every member's statement from it (statement.ts).
 *
 * Credits come in as percentages already evaluated by the SLA core (`CreditPercentInput`):
 *   credit = round(creditPercent / 100 × the member's charge for the service line over the period)
 * where the charge is operating share + fee share (co-operative) or the monthly prices (commercial)
 * summed over the period's months; rounded once; booked as a negative amount on the service line in
 * the period's last month. The host earns no credits (host entries are ignored); a computed credit
 * below zero (a period with a net negative charge after corrections) is booked as 0, so credits are
 * always ≤ 0. Months of a period outside the ledger's range are computed as needed.
 */
import type { Dec } from '../../common/money';
import { D, dec, roundPenny, ZERO } from '../../common/money';
import { cmp, isMonth, monthRange } from '../../common/months';
import { ChargeContext, createChargeContext, type MonthMemo } from './charge-context';
import { CalculationError } from './errors';
import type { LedgerInput } from './types';

export interface LineCharge {
  /** Co-operative: operating share; commercial: the month's price. */
  operating: Dec;
  /** Co-operative: management-fee share; commercial: 0. */
  fee: Dec;
  /** ≤ 0 */
  credits: Dec;
}

export interface MemberMonth {
  organisationId: string;
  /** Keyed by service line id; only lines with something charged or credited that month. */
  lines: Map<string, LineCharge>;
  investment: Dec;
  sharedRisk: Dec;
  attributedRisk: Dec;
}

export interface LedgerMonth {
  month: string;
  /** Every member of the input, keyed by organisation id (zero rows included). */
  members: Map<string, MemberMonth>;
  /** Co-operative: Σ management fees of the month (all of it is the host's income). */
  feeIncome: Dec;
  /** Σ credits of the month's non-host members, as a positive amount (funded by the host). */
  creditsFunded: Dec;
  /** Σ of the month's cost entries (commercial: the host's own costs). */
  costs: Dec;
  /** Commercial: Σ charges less credits of the month's non-host members (the host's income). */
  memberIncome: Dec;
}

export interface Ledger {
  model: 'cooperative' | 'commercial';
  from: string;
  to: string;
  /** from..to */
  months: string[];
  byMonth: Map<string, LedgerMonth>;
  hostId: string | null;
  input: LedgerInput;
  context: ChargeContext;
}

const zeroLine = (): LineCharge => ({ operating: ZERO, fee: ZERO, credits: ZERO });

/** The member's credit for one SLA period, as a positive amount (0 when there is nothing to credit). */
export function creditAmount(context: ChargeContext, organisationId: string, serviceLineId: string, periodMonths: readonly string[], creditPercent: Dec): Dec {
  let charge = new D(0);
  for (const m of periodMonths) charge = charge.plus(context.lineCharge(organisationId, serviceLineId, m));
  const credit = roundPenny(creditPercent.times(charge).div(100));
  return credit.isNegative() ? ZERO : credit;
}

/**
 * Computes the ledger for the months from..to (inclusive). Throws CalculationError for input the
 * rules cannot share (see errors.ts). With `monthMemo`, each month's charges before credits are
 * taken from it when their inputs are unchanged (the same figures: the memo is keyed by content).
 */
export function computeLedger(input: LedgerInput, from: string, to: string, options: { monthMemo?: MonthMemo } = {}): Ledger {
  if (!isMonth(from) || !isMonth(to)) throw new CalculationError('invalid_input', `bad month range ${from}..${to}`);
  const context = createChargeContext(input, options);
  const months = monthRange(from, to);
  const hostId = context.host?.organisationId ?? null;

  // Credits by the month they are booked in (the period's last month), for months in range.
  const creditsByMonth = new Map<string, { organisationId: string; serviceLineId: string; amount: Dec }[]>();
  for (const c of input.credits) {
    if (c.periodMonths.length === 0 || !c.periodMonths.every(isMonth)) {
      throw new CalculationError('invalid_input', `credit for ${c.organisationId} on ${c.serviceLineId}: bad period`, {
        organisationId: c.organisationId,
        serviceLineId: c.serviceLineId,
      });
    }
    if (c.organisationId === hostId) continue; // the host earns no credits
    const booked = [...c.periodMonths].sort(cmp)[c.periodMonths.length - 1];
    if (cmp(booked, from) < 0 || cmp(booked, to) > 0) continue;
    context.member(c.organisationId);
    context.line(c.serviceLineId);
    const percent = dec(c.creditPercent);
    if (percent.isZero()) continue;
    const amount = creditAmount(context, c.organisationId, c.serviceLineId, c.periodMonths, percent);
    if (amount.isZero()) continue;
    const list = creditsByMonth.get(booked) ?? [];
    list.push({ organisationId: c.organisationId, serviceLineId: c.serviceLineId, amount });
    creditsByMonth.set(booked, list);
  }

  const byMonth = new Map<string, LedgerMonth>();
  for (const month of months) {
    const base = context.baseMonth(month);
    const members = new Map<string, MemberMonth>();
    for (const m of input.members) {
      members.set(m.organisationId, {
        organisationId: m.organisationId,
        lines: new Map(),
        investment: base.investment.get(m.organisationId) ?? ZERO,
        sharedRisk: base.sharedRisk.get(m.organisationId) ?? ZERO,
        attributedRisk: base.attributedRisk.get(m.organisationId) ?? ZERO,
      });
    }
    let feeIncome = new D(0);
    for (const [lineId, l] of base.lines) {
      feeIncome = feeIncome.plus(l.feeTotal);
      // (0 + v is v: Decimals are immutable, so the share itself is kept instead of a sum with zero)
      for (const [org, v] of l.operating) {
        const mm = members.get(org)!;
        const lc = mm.lines.get(lineId) ?? zeroLine();
        lc.operating = lc.operating.isZero() ? v : lc.operating.plus(v);
        mm.lines.set(lineId, lc);
      }
      for (const [org, v] of l.fee) {
        const mm = members.get(org)!;
        const lc = mm.lines.get(lineId) ?? zeroLine();
        lc.fee = lc.fee.isZero() ? v : lc.fee.plus(v);
        mm.lines.set(lineId, lc);
      }
    }
    let creditsFunded = new D(0);
    for (const c of creditsByMonth.get(month) ?? []) {
      const mm = members.get(c.organisationId)!;
      const lc = mm.lines.get(c.serviceLineId) ?? zeroLine();
      lc.credits = lc.credits.minus(c.amount);
      mm.lines.set(c.serviceLineId, lc);
      creditsFunded = creditsFunded.plus(c.amount);
    }
    let memberIncome = new D(0);
    if (context.model === 'commercial') {
      for (const [org, mm] of members) {
        if (org === hostId) continue;
        for (const lc of mm.lines.values()) memberIncome = memberIncome.plus(lc.operating).plus(lc.fee).plus(lc.credits);
      }
    }
    byMonth.set(month, {
      month,
      members,
      feeIncome: context.model === 'cooperative' ? feeIncome : ZERO,
      creditsFunded,
      costs: base.costs,
      memberIncome,
    });
  }
  return { model: context.model, from, to, months, byMonth, hostId, input, context };
}
