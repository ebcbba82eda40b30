/**
 * Reading the host's set-up forms (issue 15): text fields, the design system's date input (day,
 * month and year boxes) and its month-and-year variant, and the service's field errors turned into
 * a page's error links. Pure.
 */
import { isDate, isMonth } from '../../common/months';
import { dateInWindow, monthInWindow } from '../../common/validation/input-limits';
import type { FieldErrorLink } from '../web-pages';

/** A form value as a string ('' when absent; the first of repeated values). */
export function str(v: unknown): string {
  if (Array.isArray(v)) return str(v[0]);
  return typeof v === 'string' ? v : '';
}

/** Every value of a repeated field (checkboxes), as strings. */
export function strs(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export interface MonthParts {
  month: string;
  year: string;
}

const pad = (s: string) => s.trim().padStart(2, '0');

/**
 * A date from the day, month and year boxes: the ISO date, or what is wrong in plain English
 * (`what`: "the start date").
 */
export function readDate(p: DateParts, what: string): { date: string | null; error: string | null } {
  const [d, m, y] = [p.day.trim(), p.month.trim(), p.year.trim()];
  if (!d && !m && !y) return { date: null, error: `Enter ${what}` };
  const missing = [!d && 'a day', !m && 'a month', !y && 'a year'].filter(Boolean);
  if (missing.length) return { date: null, error: `${capitalise(what)} must include ${missing.join(' and ')}` };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return { date: null, error: `${capitalise(what)} must be a real date, for example 1 4 2026` };
  const date = `${y}-${pad(m)}-${pad(d)}`;
  if (!isDate(date)) return { date: null, error: `${capitalise(what)} must be a real date, for example 1 4 2026` };
  if (!dateInWindow(date)) return { date: null, error: `${capitalise(what)} must be a date this service covers` };
  return { date, error: null };
}

/** A month from the month and year boxes ('YYYY-MM'), or what is wrong; both empty is `null` without an error when `optional`. */
export function readMonth(p: MonthParts, what: string, optional = false): { month: string | null; error: string | null } {
  const [m, y] = [p.month.trim(), p.year.trim()];
  if (!m && !y) return { month: null, error: optional ? null : `Enter ${what}` };
  if (!m || !y) return { month: null, error: `${capitalise(what)} must include a ${m ? 'year' : 'month'}` };
  if (!/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return { month: null, error: `${capitalise(what)} must be a real month, for example 4 2026` };
  const month = `${y}-${pad(m)}`;
  if (!isMonth(month)) return { month: null, error: `${capitalise(what)} must be a real month, for example 4 2026` };
  if (!monthInWindow(month)) return { month: null, error: `${capitalise(what)} must be a month this service covers` };
  return { month, error: null };
}

/** 'YYYY-MM-DD' → the boxes. */
export function dateParts(date: string | null): DateParts {
  if (!date) return { day: '', month: '', year: '' };
  const [y, m, d] = date.split('-');
  return { day: String(Number(d)), month: String(Number(m)), year: y };
}

/** 'YYYY-MM' → the boxes. */
export function monthParts(month: string | null): MonthParts {
  if (!month) return { month: '', year: '' };
  const [y, m] = month.split('-');
  return { month: String(Number(m)), year: y };
}

export function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** A sentence: capitalised, ending with a full stop. */
export function sentence(s: string): string {
  const t = capitalise(s.trim());
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** Errors by field id (`{ name: 'Enter a name' }`) as the error summary's links, in the order of `order`. */
export function errorLinks(errors: Record<string, string | null>, order: readonly string[], hrefs: Record<string, string> = {}): FieldErrorLink[] {
  const keys = [...order, ...Object.keys(errors).filter((k) => !order.includes(k))];
  return keys.filter((k) => errors[k]).map((k) => ({ text: errors[k]!, href: `#${hrefs[k] ?? k}` }));
}

/** Replaces organisation and other ids in a service message by their names. */
export function withNames(message: string, names: Record<string, string>): string {
  return message.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (id) => names[id] ?? 'an organisation');
}
