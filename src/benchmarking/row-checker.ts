/**
 * Checks one benchmark return row of a CSV import. Pure apart from the context it is given (loaded
 * once per request): every field is checked, so a bad row lists every fault, not just the first.
 */
import { headerColumns as csvHeaderColumns } from '../common/csv/csv-import';
import type { FieldError } from '../common/errors/domain-error';
import { D, isMoneyString } from '../common/money';
import { BENCHMARK_FUNCTIONS, isBenchmarkFunction, isFinancialYear, type BenchmarkFunction } from './core';

export const CSV_HEADER = ['organisation', 'financialYear', 'function', 'cost', 'turnover'] as const;

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ReturnRow {
  organisationId: string;
  financialYear: string;
  function: BenchmarkFunction;
  cost: string;
  turnover: string;
}

export interface RowContext {
  /** lower-case id → id, upper-case ODS code → id, of every organisation named in the file that exists */
  resolve: (key: string) => string | null;
  /** organisations the caller may see (others are reported exactly like unknown ones) */
  visible: (organisationId: string) => boolean;
  /** organisations the caller may submit returns for */
  writable: (organisationId: string) => boolean;
}

export type RawRow = Record<(typeof CSV_HEADER)[number], string>;

export function checkReturnRow(raw: RawRow, ctx: RowContext): { row?: ReturnRow; errors: FieldError[] } {
  const errors: FieldError[] = [];

  const orgKey = raw.organisation.trim();
  let organisationId: string | null = null;
  if (!orgKey) {
    errors.push({ field: 'organisation', message: 'organisation is required (an ODS code or an organisation id)' });
  } else {
    const id = ctx.resolve(orgKey);
    if (!id || !ctx.visible(id)) {
      errors.push({ field: 'organisation', message: `no organisation with ODS code or id ${orgKey}` });
    } else if (!ctx.writable(id)) {
      errors.push({ field: 'organisation', message: `you may not submit benchmark returns for ${orgKey}` });
    } else {
      organisationId = id;
    }
  }

  const financialYear = raw.financialYear.trim();
  if (!isFinancialYear(financialYear)) errors.push({ field: 'financialYear', message: 'financialYear must be a financial year like 2024/25' });

  const fn = raw.function.trim();
  if (!isBenchmarkFunction(fn)) errors.push({ field: 'function', message: `function must be one of ${BENCHMARK_FUNCTIONS.join(', ')}` });

  const cost = raw.cost.trim();
  if (!isMoneyString(cost)) errors.push({ field: 'cost', message: 'cost must be an amount in pounds with at most two decimals, e.g. 1650000.00' });
  else if (new D(cost).isNegative()) errors.push({ field: 'cost', message: 'cost must not be negative' });

  const turnover = raw.turnover.trim();
  if (!isMoneyString(turnover)) errors.push({ field: 'turnover', message: 'turnover must be an amount in pounds with at most two decimals, e.g. 150000000.00' });
  else if (!new D(turnover).gt(0)) errors.push({ field: 'turnover', message: 'turnover must be greater than zero' });

  if (errors.length || !organisationId) return { errors };
  return { row: { organisationId, financialYear, function: fn as BenchmarkFunction, cost: canonical(cost), turnover: canonical(turnover) }, errors };
}

/** "1650000" → "1650000.00" (the value is already known to be money). */
function canonical(s: string): string {
  return new D(s).toFixed(2);
}

/** Column positions of the header, or every missing, unknown and repeated column. */
export function headerColumns(record: string[]): { columns?: number[]; errors: FieldError[] } {
  return csvHeaderColumns(CSV_HEADER, record);
}
