/**
 * Measurement periods of an SLA (domain.md §3, §7). Pure.
 * - monthly: the month itself;
 * - quarterly: the UK financial-year quarter (April–June, July–September, October–December,
 *   January–March); a quarterly measurement is stored against the quarter's first month.
 */
import { addMonths, cmp, firstDay, lastDay, monthRange, parseMonth, quarterStart } from '../../common/months';
import type { Frequency } from './types';

export interface Period {
  /** First month, `YYYY-MM` (the month a quarterly measurement is stored against). */
  start: string;
  /** Last month, `YYYY-MM` (the month a credit for the period is booked in). */
  end: string;
  /** All months start..end. */
  months: string[];
}

function length(frequency: Frequency): number {
  if (frequency === 'monthly') return 1;
  if (frequency === 'quarterly') return 3;
  throw new Error(`unknown frequency: ${JSON.stringify(frequency)}`);
}

function periodStarting(start: string, frequency: Frequency): Period {
  const end = addMonths(start, length(frequency) - 1);
  return { start, end, months: monthRange(start, end) };
}

/** The period of `frequency` containing `month`. */
export function periodOf(month: string, frequency: Frequency): Period {
  parseMonth(month);
  if (frequency === 'monthly') return periodStarting(month, frequency);
  if (frequency === 'quarterly') return periodStarting(quarterStart(month), frequency);
  throw new Error(`unknown frequency: ${JSON.stringify(frequency)}`);
}

/** The period just before `period`. */
export function previousPeriod(period: Period, frequency: Frequency): Period {
  return periodStarting(addMonths(period.start, -length(frequency)), frequency);
}

/** The period just after `period`. */
export function nextPeriod(period: Period, frequency: Frequency): Period {
  return periodStarting(addMonths(period.start, length(frequency)), frequency);
}

/** Every period whose LAST month lies within from..to (inclusive), oldest first. */
export function periodsEndingIn(from: string, to: string, frequency: Frequency): Period[] {
  const out: Period[] = [];
  if (cmp(to, from) < 0) return out;
  for (let p = periodOf(from, frequency); cmp(p.end, to) <= 0; p = nextPeriod(p, frequency)) {
    if (cmp(p.end, from) >= 0) out.push(p);
  }
  return out;
}

/** Every period with at least one month inside from..to, oldest first. */
export function periodsOverlapping(from: string, to: string, frequency: Frequency): Period[] {
  const out: Period[] = [];
  if (cmp(to, from) < 0) return out;
  for (let p = periodOf(from, frequency); cmp(p.start, to) <= 0; p = nextPeriod(p, frequency)) out.push(p);
  return out;
}

/** True once the whole period is over on `asOf` (a `YYYY-MM-DD` date after the period's last day). */
export function periodEnded(period: Period, asOf: string): boolean {
  return cmp(asOf, lastDay(period.end)) > 0;
}

/** First and last day of the period, `YYYY-MM-DD`. */
export function periodDays(period: Period): { first: string; last: string } {
  return { first: firstDay(period.start), last: lastDay(period.end) };
}
