/**
 * Input limits shared by every route (issue 12, finding 8 and 9): the window of months and dates
 * the API accepts, JSON nesting depth, and NUL characters. Pure functions plus the date window,
 * which is set once at boot from the configuration (DATE_WINDOW_START / DATE_WINDOW_END) because
 * class-validator decorators are evaluated outside Nest's injector.
 */
import type { FieldError } from '../errors/domain-error';

export interface DateWindow {
  /** First accepted date, YYYY-MM-DD (its month is the first accepted month). */
  start: string;
  /** Last accepted date, YYYY-MM-DD (its month is the last accepted month). */
  end: string;
}

export const DEFAULT_DATE_WINDOW: DateWindow = { start: '2000-01-01', end: '2100-12-31' };

let window: DateWindow = DEFAULT_DATE_WINDOW;

/** Sets the window (bootstrap, from the validated configuration). */
export function setDateWindow(w: DateWindow): void {
  window = { ...w };
}

export function dateWindow(): DateWindow {
  return window;
}

/** A well-formed month (YYYY-MM) inside the window. */
export function monthInWindow(month: string): boolean {
  return month >= window.start.slice(0, 7) && month <= window.end.slice(0, 7);
}

/** A well-formed date (YYYY-MM-DD) inside the window. */
export function dateInWindow(date: string): boolean {
  return date >= window.start && date <= window.end;
}

export function monthWindowMessage(field: string): string {
  return `${field} must be a month between ${window.start.slice(0, 7)} and ${window.end.slice(0, 7)}`;
}

export function dateWindowMessage(field: string): string {
  return `${field} must be a date between ${window.start} and ${window.end}`;
}

/**
 * True when the JSON text in `buf` opens more than `max` arrays/objects inside one another. Scans
 * the raw bytes once (brackets inside strings do not count), so it runs before JSON.parse and
 * before anything that walks the parsed value recursively.
 */
export function jsonDeeperThan(buf: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * Every string (value or key) in a parsed body or query that holds a NUL character (PostgreSQL
 * text cannot store one), as `{ field: 'items.0.description' }`. The value's depth is already
 * bounded (jsonDeeperThan for bodies, the query parser's own depth for queries).
 */
export function nulFields(value: unknown, prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  const visit = (v: unknown, path: string): void => {
    if (typeof v === 'string') {
      if (v.includes('\u0000')) out.push({ field: path || 'body', message: `${path || 'body'} must not contain a NUL character (\\u0000)` });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, path ? `${path}.${i}` : String(i)));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const p = path ? `${path}.${k}` : k;
        if (k.includes('\u0000')) out.push({ field: p.split('\u0000').join('\\u0000'), message: 'a field name must not contain a NUL character (\\u0000)' });
        else visit(x, p);
      }
    }
  };
  visit(value, prefix);
  return out;
}
