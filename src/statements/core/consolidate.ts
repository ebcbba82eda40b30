/**
 * The partnership board's consolidated statement (domain.md §13): the members' statement lines over
 * a range summed exactly (each member's line is already rounded, so the total is the sum of what
 * the members are told), with savingsPercent of the totals as a statement has it: savings / baseline
 * × 100 to 2 decimals, null when the baseline is 0. Pure.
 */
import { D, dec, formatDecimal, formatMoney } from '../../common/money';
import type { StatementDto } from './statement';

export const CONSOLIDATED_LINES = ['operating', 'fee', 'investment', 'sharedRisk', 'attributedRisk', 'credits', 'charge', 'baseline', 'savings'] as const;
export type ConsolidatedLine = (typeof CONSOLIDATED_LINES)[number];

export type ConsolidatedTotals = Record<ConsolidatedLine, string> & { savingsPercent: string | null };

export function consolidate(statements: readonly Pick<StatementDto, ConsolidatedLine>[]): ConsolidatedTotals {
  const sums = Object.fromEntries(CONSOLIDATED_LINES.map((l) => [l, statements.reduce((acc, s) => acc.plus(dec(s[l])), new D(0))])) as Record<
    ConsolidatedLine,
    InstanceType<typeof D>
  >;
  const totals = Object.fromEntries(CONSOLIDATED_LINES.map((l) => [l, formatMoney(sums[l])])) as Record<ConsolidatedLine, string>;
  const savingsPercent = sums.baseline.isZero() ? null : formatDecimal(sums.savings.div(sums.baseline).times(100), 2);
  return { ...totals, savingsPercent };
}
