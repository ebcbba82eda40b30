/**
 * The statement periods a page offers: the last closed financial quarter and the financial year to
 * date (to the last closed month), from the consortium's closed months. Pure.
 *
 * Financial quarters run April–June, July–September, October–December and January–March; the
 * financial year starts in April. A quarter counts as closed when every month of it from the
 * consortium's start month on is closed (a consortium that started mid-quarter closes a short first
 * quarter).
 */
import { addMonths, cmp, financialYear, financialYearStart, isMonth, monthRange, quarterStart } from '../../common/months';
import { monthInWindow } from '../../common/validation/input-limits';
import { formatMonthLong, formatMonthRange } from '../../reports/view/format';

export interface Period {
  from: string;
  to: string;
}

export interface NamedPeriod extends Period {
  /** "April to June 2025" */
  text: string;
}

export interface StatementPeriods {
  /** The latest financial quarter whose months are all closed, or null when none is. */
  lastClosedQuarter: NamedPeriod | null;
  /** The financial year of the last closed month, from its April (or the start month) to that month; null when nothing is closed. */
  financialYearToDate: (NamedPeriod & { financialYear: string }) | null;
  /** What a page shows when no period is asked for: the last closed quarter, else `fallback`. */
  default: NamedPeriod;
  /** With no quarter closed: the latest financial quarter that has ended (from the start month), else the start month to this month. */
  fallback: NamedPeriod;
}

const later = (a: string, b: string) => (cmp(a, b) >= 0 ? a : b);

function named(p: Period): NamedPeriod {
  return { ...p, text: formatMonthRange(p.from, p.to) };
}

/**
 * @param startMonth the consortium's first month
 * @param currentMonth this month (the clock's)
 * @param closed the closed months (months close in order from the start month, so a prefix)
 */
export function statementPeriods(o: { startMonth: string; currentMonth: string; closed: readonly string[] }): StatementPeriods {
  const closed = new Set(o.closed);
  const lastClosed = [...o.closed].sort().at(-1) ?? null;

  let lastClosedQuarter: NamedPeriod | null = null;
  if (lastClosed) {
    // the quarter the last closed month is in if it ends there, else the quarter before it
    for (let qs = quarterStart(lastClosed); cmp(addMonths(qs, 2), o.startMonth) >= 0; qs = addMonths(qs, -3)) {
      const from = later(qs, o.startMonth);
      const to = addMonths(qs, 2);
      if (monthRange(from, to).every((m) => closed.has(m))) {
        lastClosedQuarter = named({ from, to });
        break;
      }
    }
  }

  let financialYearToDate: StatementPeriods['financialYearToDate'] = null;
  if (lastClosed) {
    const fy = financialYear(lastClosed);
    financialYearToDate = { ...named({ from: later(financialYearStart(fy), o.startMonth), to: lastClosed }), financialYear: fy };
  }

  // the latest quarter that has ended before this month
  const endedQuarter = addMonths(quarterStart(o.currentMonth), -3);
  const fallback =
    cmp(addMonths(endedQuarter, 2), o.startMonth) >= 0
      ? named({ from: later(endedQuarter, o.startMonth), to: addMonths(endedQuarter, 2) })
      : named({ from: o.startMonth, to: later(o.currentMonth, o.startMonth) });

  return { lastClosedQuarter, financialYearToDate, default: lastClosedQuarter ?? fallback, fallback };
}

/** The months a period form offers: the start month to this month, newest last. */
export function monthChoices(startMonth: string, currentMonth: string): { value: string; text: string }[] {
  if (cmp(currentMonth, startMonth) < 0) return [{ value: startMonth, text: formatMonthLong(startMonth) }];
  return monthRange(startMonth, currentMonth).map((m) => ({ value: m, text: formatMonthLong(m) }));
}

/** A query value as one string: absent → undefined; repeated (an array) → '' (never valid). */
export function queryValue(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v.trim() : '';
}

export interface PeriodField {
  id: 'from' | 'to';
  message: string;
}

/**
 * Reads `from` and `to` of a period form. Neither given → the default period; otherwise each must
 * be one of the months offered (the start month to this month) and from ≤ to. Errors name the field.
 */
export function readPeriod(
  q: { from?: unknown; to?: unknown },
  o: { startMonth: string; currentMonth: string; default: Period },
): { period: Period | null; asked: boolean; errors: PeriodField[]; from: string; to: string } {
  const from = queryValue(q.from);
  const to = queryValue(q.to);
  if (from === undefined && to === undefined) return { period: o.default, asked: false, errors: [], from: o.default.from, to: o.default.to };
  const last = later(o.currentMonth, o.startMonth);
  const range = `${formatMonthLong(o.startMonth)} and ${formatMonthLong(last)}`;
  const errors: PeriodField[] = [];
  const check = (v: string | undefined, id: 'from' | 'to', what: string) => {
    if (!v) errors.push({ id, message: `Select the ${what} month` });
    else if (!isMonth(v) || !monthInWindow(v) || cmp(v, o.startMonth) < 0 || cmp(v, last) > 0) errors.push({ id, message: `Select a ${what} month between ${range}` });
  };
  check(from, 'from', 'first');
  check(to, 'to', 'last');
  if (!errors.length && cmp(from!, to!) > 0) errors.push({ id: 'to', message: 'The last month must be the same as the first month or after it' });
  return { period: errors.length ? null : { from: from!, to: to! }, asked: true, errors, from: from ?? '', to: to ?? '' };
}
