/**
 * Working days in England and Wales (docs/schedules.md). Pure: dates are 'YYYY-MM-DD' strings,
 * months 'YYYY-MM'; Date objects are used only inside, in UTC.
 *
 * A working day is Monday to Friday and not a bank holiday. The bank holidays of a year are computed
 * by rule (the Banking and Financial Dealings Act 1971 and the usual royal proclamations):
 * - New Year's Day (1 January; the next Monday when on a weekend);
 * - Good Friday and Easter Monday (Easter by the anonymous Gregorian algorithm);
 * - the early May bank holiday (first Monday of May);
 * - the spring bank holiday (last Monday of May);
 * - the summer bank holiday (last Monday of August);
 * - Christmas Day and Boxing Day, with substitute days (the next weekdays not already a holiday)
 *   when either falls on a weekend.
 * One-off changes by proclamation (a holiday moved, or an extra one) are in `ONE_OFF_CHANGES`; add
 * to it when a new one is announced.
 */

export interface OneOffChange {
  /** The rule-based date that does not apply that year (a moved holiday), if any. */
  instead?: string;
  /** The date that is a bank holiday. */
  date: string;
  name: string;
}

/** Known one-off changes to the England and Wales bank holidays (gov.uk/bank-holidays). */
export const ONE_OFF_CHANGES: readonly OneOffChange[] = [
  { instead: '2020-05-04', date: '2020-05-08', name: 'Early May bank holiday (VE day)' },
  { instead: '2022-05-30', date: '2022-06-02', name: 'Spring bank holiday' },
  { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
  { date: '2022-09-19', name: 'Bank holiday for the State Funeral of Queen Elizabeth II' },
  { date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' },
];

const DAY_MS = 86_400_000;

function toDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function ymd(y: number, m: number, d: number): string {
  return iso(new Date(Date.UTC(y, m - 1, d)));
}

/** date + n calendar days. */
export function addDays(date: string, n: number): string {
  return iso(new Date(toDate(date).getTime() + n * DAY_MS));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return toDate(date).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const d = weekday(date);
  return d === 0 || d === 6;
}

/** Easter Sunday of a year (anonymous Gregorian algorithm, "Meeus/Jones/Butcher"). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

/** The first Monday on or after a date. */
function mondayOnOrAfter(date: string): string {
  return addDays(date, (8 - weekday(date)) % 7);
}

/** The date itself on a weekday, else the Monday after. */
function weekdayOnOrAfter(date: string): string {
  return isWeekend(date) ? mondayOnOrAfter(date) : date;
}

/** The last Monday on or before a date. */
function mondayOnOrBefore(date: string): string {
  return addDays(date, -((weekday(date) + 6) % 7));
}

/** The England and Wales bank holidays of a year by rule alone (no one-off changes), in date order. */
export function ruleBankHolidays(year: number): string[] {
  const easter = easterSunday(year);
  const out = [
    weekdayOnOrAfter(ymd(year, 1, 1)),
    addDays(easter, -2),
    addDays(easter, 1),
    mondayOnOrAfter(ymd(year, 5, 1)),
    mondayOnOrBefore(ymd(year, 5, 31)),
    mondayOnOrBefore(ymd(year, 8, 31)),
  ];
  // Christmas Day, then Boxing Day: each on its day, or the next weekday not already taken.
  const taken = new Set<string>();
  for (const day of [ymd(year, 12, 25), ymd(year, 12, 26)]) {
    let d = day;
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    out.push(d);
  }
  return out;
}

/**
 * The England and Wales bank holidays of a year: the rule's, with the one-off changes applied
 * (`changes` defaults to the known ones; `extra` adds dates, e.g. a holiday announced after this
 * code was written), sorted and without duplicates.
 */
export function bankHolidays(year: number, opts: { changes?: readonly OneOffChange[]; extra?: readonly string[] } = {}): string[] {
  const changes = (opts.changes ?? ONE_OFF_CHANGES).filter((c) => c.date.startsWith(`${year}-`) || c.instead?.startsWith(`${year}-`));
  const removed = new Set(changes.map((c) => c.instead).filter((d): d is string => !!d));
  const days = new Set(ruleBankHolidays(year).filter((d) => !removed.has(d)));
  for (const c of changes) if (c.date.startsWith(`${year}-`)) days.add(c.date);
  for (const d of opts.extra ?? []) if (d.startsWith(`${year}-`)) days.add(d);
  return [...days].sort();
}

const holidayCache = new Map<number, Set<string>>();

function holidaySet(year: number): Set<string> {
  let s = holidayCache.get(year);
  if (!s) {
    s = new Set(bankHolidays(year));
    holidayCache.set(year, s);
  }
  return s;
}

export function isBankHoliday(date: string): boolean {
  return holidaySet(Number(date.slice(0, 4))).has(date);
}

export function isWorkingDay(date: string): boolean {
  return !isWeekend(date) && !isBankHoliday(date);
}

/** The working days of a month, in order. */
export function workingDaysOf(month: string): string[] {
  const [y, m] = month.split('-').map(Number);
  const out: string[] = [];
  for (let d = ymd(y, m, 1); d.startsWith(month); d = addDays(d, 1)) if (isWorkingDay(d)) out.push(d);
  return out;
}

/**
 * The n-th working day (1-based) of a month, or its last working day when it has fewer than n (a
 * month has at least 18: an April with Easter in it can have 18, so "the 20th" is then the 18th).
 */
export function nthWorkingDay(month: string, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new Error(`n must be a whole number from 1: ${n}`);
  const days = workingDaysOf(month);
  return days[Math.min(n, days.length) - 1];
}

/** The last working day of a month. */
export function lastWorkingDay(month: string): string {
  return workingDaysOf(month).at(-1)!;
}

/** The working day n working days before `date` (n = 0: `date` itself, or the working day before it when it is not one). */
export function workingDaysBefore(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new Error(`n must be a whole number from 0: ${n}`);
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, -1);
  for (let left = n; left > 0;) {
    d = addDays(d, -1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}
