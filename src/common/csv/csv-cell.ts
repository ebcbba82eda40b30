/**
 * CSV output that a spreadsheet cannot turn into a formula (CSV/formula injection, OWASP): a cell
 * starting with = + - @, a tab or a carriage return is prefixed with a single quote, and every cell
 * that needs it is quoted per RFC 4180. Pure.
 */
const DANGEROUS_FIRST = /^[=+\-@\t\r]/;

/** A value a CSV cell can hold: text, a number, or nothing (empty). */
export type CsvValue = string | number | bigint | boolean | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  // Numbers we produce (money, KPI values) may be negative: only free text is neutralised.
  const numeric = typeof value === 'number' || /^-?\d+(\.\d+)?$/.test(s);
  if (!numeric && DANGEROUS_FIRST.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}
