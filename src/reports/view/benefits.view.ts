/**
 * Benefits against plan (domain.md §16) in the board reports: a member's planned saving, actual
 * saving, gap, guaranteed saving and shortfall, as the statements service answers them. Pure.
 */
import { row, type Row } from './money-rows';
import { formatGbp, isNegative, isZero } from './format';

type Money = string;

/** The plan figures of a statement (StatementView) or of the consolidated totals. */
export interface BenefitsFigures {
  savings: Money;
  plannedSavings: Money;
  savingsGap: Money;
  guaranteed: Money | null;
  shortfall: Money | null;
}

/** The plan figures of a statement or the totals, when present. */
export function benefitsOf(x: { savings: Money; plannedSavings?: Money; savingsGap?: Money; guaranteed?: Money | null; shortfall?: Money | null }): BenefitsFigures | null {
  if (x.plannedSavings === undefined || x.savingsGap === undefined) return null;
  return { savings: x.savings, plannedSavings: x.plannedSavings, savingsGap: x.savingsGap, guaranteed: x.guaranteed ?? null, shortfall: x.shortfall ?? null };
}

export interface BenefitsMemberInput extends BenefitsFigures {
  organisationId: string;
  organisationName: string;
}

export interface BenefitsRow {
  name: string;
  planned: string;
  actual: string;
  gap: string;
  /** "ahead", "behind" or "on plan", for a reader who does not read signs. */
  against: string;
  guaranteed: string;
  shortfall: string;
  /** A shortfall against the guarantee (the row is marked). */
  short: boolean;
}

const DASH = '\u2013';
const orDash = (x: Money | null) => (x === null ? DASH : formatGbp(x));
const against = (gap: Money) => (isZero(gap) ? 'on plan' : isNegative(gap) ? 'behind plan' : 'ahead of plan');

function benefitsRow(name: string, b: BenefitsFigures): BenefitsRow {
  return {
    name,
    planned: formatGbp(b.plannedSavings),
    actual: formatGbp(b.savings),
    gap: formatGbp(b.savingsGap),
    against: against(b.savingsGap),
    guaranteed: orDash(b.guaranteed),
    shortfall: orDash(b.shortfall),
    short: b.shortfall !== null && !isZero(b.shortfall),
  };
}

/** A statement's rows against the plan: planned, actual, gap, and (when a saving is guaranteed) guaranteed and shortfall. */
export function planRows(b: BenefitsFigures): Row[] {
  const rows = [
    row('Planned savings', formatGbp(b.plannedSavings), 'the benefits plan’s saving for the year, pro rata for the months of membership'),
    row('Actual savings', formatGbp(b.savings), 'baseline less charge'),
    row(isNegative(b.savingsGap) ? 'Behind plan by' : 'Ahead of plan by', formatGbp(b.savingsGap), 'actual less planned savings', 'total'),
  ];
  if (b.guaranteed !== null) {
    rows.push(row('Guaranteed savings', formatGbp(b.guaranteed), 'the guaranteed percentage of the baseline'));
    rows.push(row('Shortfall against the guarantee', formatGbp(b.shortfall ?? '0.00'), 'guaranteed less actual savings, when more than nothing', 'total'));
  }
  return rows;
}

export interface BenefitsTableView {
  rows: BenefitsRow[];
  total: BenefitsRow;
  /** Plain-English sentences about the plan (behind plan, shortfalls). */
  summary: string[];
  hasRows: boolean;
}

/** Every member's benefits against plan, with the consolidated totals as the total row. */
export function benefitsTable(items: readonly BenefitsMemberInput[], totals: BenefitsFigures, hostOrganisationId: string): BenefitsTableView {
  const name = (m: BenefitsMemberInput) => `${m.organisationName || 'Unknown organisation'}${m.organisationId === hostOrganisationId ? ' (host)' : ''}`;
  const summary: string[] = [];
  if (isZero(totals.plannedSavings) && totals.guaranteed === null) summary.push('No benefits plan has been recorded for this period.');
  else {
    summary.push(
      isNegative(totals.savingsGap)
        ? `Together the members saved ${formatGbp(totals.savings)} against a plan of ${formatGbp(totals.plannedSavings)}: ${formatGbp(totals.savingsGap.replace('-', ''))} behind plan.`
        : `Together the members saved ${formatGbp(totals.savings)} against a plan of ${formatGbp(totals.plannedSavings)}: ${formatGbp(totals.savingsGap)} ahead of plan.`,
    );
    const short = items.filter((m) => m.shortfall !== null && !isZero(m.shortfall));
    if (short.length) summary.push(`Short of the guaranteed saving: ${short.map((m) => `${m.organisationName} by ${formatGbp(m.shortfall!)}`).join('; ')}.`);
    else if (totals.guaranteed !== null) summary.push('Every member with a guaranteed saving reached it.');
  }
  return { rows: items.map((m) => benefitsRow(name(m), m)), total: benefitsRow('All members', totals), summary, hasRows: items.length > 0 };
}
