/**
 * Allocation drivers as they stood (domain.md §12): the turnover and headcount of the `turnover` and
 * `headcount` bases belong to the consortium, per member and financial year. Month m uses the
 * member's row with the latest financial year ≤ FY(m); a month before every row (a member has a row
 * from the year it joined, so only a month it was not yet a member) uses the earliest. A member
 * with no rows (a what-if newcomer, older callers) uses its own `annualTurnover` and `headcount`.
 * Pure.
 */
import { financialYear } from '../../common/months';
import type { DriverRow, MemberInput } from './types';

export interface Drivers {
  annualTurnover: string;
  headcount: string;
}

/** The member's drivers for `month`. `drivers` must be in financial-year order (as the input is built). */
export function driversAt(member: MemberInput, month: string): Drivers {
  const rows = member.drivers;
  if (!rows || rows.length === 0) return { annualTurnover: member.annualTurnover, headcount: member.headcount };
  const fy = financialYear(month);
  let chosen: DriverRow = rows[0];
  for (const r of rows) {
    if (r.financialYear <= fy) chosen = r;
    else break;
  }
  return { annualTurnover: chosen.annualTurnover, headcount: chosen.headcount };
}
