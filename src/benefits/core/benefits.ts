/**
 * Benefits against plan (domain.md §16). Pure: no framework imports.
 *
 * Per member and financial year the partnership records `plannedSavings` (money per year) and, where
 * offered, `guaranteedPercent` (a percentage of the baseline). Over a range of months:
 * - planned = Σ over the months of annual plannedSavings(FY(m)) × f(member, m) / 12, exact, rounded
 *   once (f is the membership factor of §3; a month whose financial year has no row plans 0);
 * - savingsGap = savings − planned (negative: behind plan);
 * - guaranteed = Σ over the months of the month's exact baseline × guaranteedPercent(FY(m)) / 100,
 *   rounded once. Within one financial year this is baseline × percent / 100 (the exact baseline, not
 *   the rounded one: one rounding). A month whose year has no percentage contributes 0; guaranteed is
 *   null when no month of the range has one;
 * - shortfall = max(0, guaranteed − savings), null when guaranteed is null.
 *
 * The exact monthly baseline is the statement core's numerator (annual baseline × f × DAYS_LCM, the
 * `baselineScaled` of a month part, summed over the member's lines): exact however the range is
 * split, and the same for months computed from the ledger and months issued at close.
 */
import type { Dec } from '../../common/money';
import { D, dec, formatMoney, roundPenny, ZERO } from '../../common/money';
import { financialYear } from '../../common/months';
import { DAYS_LCM, scaledFactor, type MembershipDates } from '../../statements/core/membership';
import type { MonthPart } from '../../statements/core/month-parts';

/** One row of the plan: a member's planned saving (per year) and guaranteed percentage for a financial year. */
export interface PlanRow {
  financialYear: string;
  plannedSavings: string;
  /** Percent of the baseline, up to 4 decimals; null when no saving is guaranteed that year. */
  guaranteedPercent: string | null;
}

export interface BenefitsInput {
  member: MembershipDates;
  /** The member's plan rows (any order; at most one per financial year). */
  plan: readonly PlanRow[];
  /** Every month of the range with its exact baseline numerator (Σ annual baseline × f × DAYS_LCM over the lines received). */
  months: readonly { month: string; baselineScaled: Dec }[];
  /** The statement's savings over the range (baseline − charge, already whole pennies). */
  savings: Dec;
}

export interface Benefits {
  plannedSavings: Dec;
  savingsGap: Dec;
  guaranteed: Dec | null;
  shortfall: Dec | null;
}

export interface BenefitsDto {
  plannedSavings: string;
  savingsGap: string;
  guaranteed: string | null;
  shortfall: string | null;
}

const TWELVE_LCM = new D(DAYS_LCM).times(12);

/** A member's exact monthly baselines (numerators over 12 × DAYS_LCM) from its month parts, in month order. */
export function exactMonthlyBaselines(parts: readonly Pick<MonthPart, 'month' | 'lines'>[]): { month: string; baselineScaled: Dec }[] {
  return [...parts]
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))
    .map((p) => ({ month: p.month, baselineScaled: p.lines.reduce<Dec>((acc, l) => acc.plus(l.baselineScaled), ZERO) }));
}

/** The plan's rows by financial year. */
function byYear(plan: readonly PlanRow[]): Map<string, PlanRow> {
  return new Map(plan.map((r) => [r.financialYear, r]));
}

/** planned over the months: Σ annual planned × f / 12, exact, rounded once. */
export function plannedSavings(member: MembershipDates, plan: readonly PlanRow[], months: readonly string[]): Dec {
  const rows = byYear(plan);
  let scaled = new D(0);
  for (const m of months) {
    const row = rows.get(financialYear(m));
    if (!row) continue;
    scaled = scaled.plus(dec(row.plannedSavings).times(scaledFactor(member, m)));
  }
  return roundPenny(scaled.div(TWELVE_LCM));
}

/** guaranteed over the months: Σ exact monthly baseline × percent(FY(m)) / 100, rounded once; null when no month's year has a percentage. */
export function guaranteedSavings(plan: readonly PlanRow[], months: readonly { month: string; baselineScaled: Dec }[]): Dec | null {
  const rows = byYear(plan);
  let any = false;
  let scaled = new D(0);
  for (const { month, baselineScaled } of months) {
    const pct = rows.get(financialYear(month))?.guaranteedPercent ?? null;
    if (pct === null) continue;
    any = true;
    scaled = scaled.plus(baselineScaled.times(dec(pct)));
  }
  return any ? roundPenny(scaled.div(TWELVE_LCM).div(100)) : null;
}

/** shortfall = max(0, guaranteed − savings); null when nothing is guaranteed. */
export function shortfall(guaranteed: Dec | null, savings: Dec): Dec | null {
  if (guaranteed === null) return null;
  const d = guaranteed.minus(savings);
  return d.isNegative() ? new D(0) : d;
}

/** A member's benefits against plan over a range (domain.md §16). */
export function benefits(input: BenefitsInput): Benefits {
  const planned = plannedSavings(
    input.member,
    input.plan,
    input.months.map((m) => m.month),
  );
  const guaranteed = guaranteedSavings(input.plan, input.months);
  return { plannedSavings: planned, savingsGap: input.savings.minus(planned), guaranteed, shortfall: shortfall(guaranteed, input.savings) };
}

export function formatBenefits(b: Benefits): BenefitsDto {
  return {
    plannedSavings: formatMoney(b.plannedSavings),
    savingsGap: formatMoney(b.savingsGap),
    guaranteed: b.guaranteed === null ? null : formatMoney(b.guaranteed),
    shortfall: b.shortfall === null ? null : formatMoney(b.shortfall),
  };
}

/**
 * The consolidated statement's totals (decisions where §16 is silent): plannedSavings and
 * savingsGap are sums of the members' figures (so the total gap = total savings − total planned);
 * guaranteed is the sum of the members' non-null figures, null when every member's is null;
 * shortfall is the sum of the members' shortfalls (one member's surplus does not cover another's
 * shortfall), null when every member's is null.
 */
export function consolidateBenefits(items: readonly BenefitsDto[]): BenefitsDto {
  const total = (xs: (string | null)[]) => xs.reduce<Dec>((acc, x) => (x === null ? acc : acc.plus(dec(x))), ZERO);
  const someOf = (xs: (string | null)[]) => (xs.some((x) => x !== null) ? formatMoney(total(xs)) : null);
  return {
    plannedSavings: formatMoney(total(items.map((i) => i.plannedSavings))),
    savingsGap: formatMoney(total(items.map((i) => i.savingsGap))),
    guaranteed: someOf(items.map((i) => i.guaranteed)),
    shortfall: someOf(items.map((i) => i.shortfall)),
  };
}
