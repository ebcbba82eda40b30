/**
 * What a change of terms does to a member's charge (domain.md §13): the period it is shown over and
 * the difference of two statements, line by line. Pure.
 */
import { formatMoney, storedMoney } from '../../common/money';
import { addMonths } from '../../common/months';
import type { StatementDto } from './statement';

/** The last complete financial quarter (April–June, July–September, October–December, January–March) before `month`. */
export function lastCompleteQuarter(month: string): { from: string; to: string } {
  const m = Number(month.slice(5, 7));
  // the first month of the quarter `month` is in, then the quarter before it
  const start = addMonths(month, -((m - 1) % 3));
  return { from: addMonths(start, -3), to: addMonths(start, -1) };
}

const LINES = ['operating', 'fee', 'investment', 'sharedRisk', 'attributedRisk', 'credits', 'charge', 'savings'] as const;
export type ImpactLine = (typeof LINES)[number];

/** proposed − current for each money line (exact: both are whole pennies). */
export function impactDifference(current: StatementDto, proposed: StatementDto): Record<ImpactLine, string> {
  const out = {} as Record<ImpactLine, string>;
  for (const k of LINES) out[k] = formatMoney(storedMoney(proposed[k]).minus(storedMoney(current[k])));
  return out;
}
