/**
 * Building blocks of the OpenAPI document: the wire formats of the API (api.md Conventions) as
 * `@ApiProperty` options, so that every DTO describes a uuid, a month or an amount the same way.
 *
 *   @ApiProperty(UUID) id: string;
 *   @ApiProperty({ ...MONEY, example: '1200.00' }) amount: string;
 *   @ApiProperty({ ...MONTH, nullable: true }) effectiveTo: string | null;
 *
 * The e2e suite validates every response it receives against the document (test/support/openapi.ts),
 * so these patterns are checked against what the API really sends.
 */
import type { Type } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

/** Amounts on the wire: exactly two decimals, optional minus ("1234.56", "-0.50"). */
export const MONEY_PATTERN = '^-?\\d+\\.\\d{2}$';
/** Decimals that are not money (percentages, KPI values, volumes): plain notation, no exponent. */
export const DECIMAL_PATTERN = '^-?\\d+(\\.\\d+)?$';
export const MONTH_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])$';
export const FINANCIAL_YEAR_PATTERN = '^\\d{4}/\\d{2}$';

export const UUID = { type: String, format: 'uuid' } satisfies ApiPropertyOptions;
export const MONEY = { type: String, pattern: MONEY_PATTERN, example: '1234.56' } satisfies ApiPropertyOptions;
export const DECIMAL = { type: String, pattern: DECIMAL_PATTERN, example: '99.5' } satisfies ApiPropertyOptions;
/** Amounts as a client may send them (`IsMoney`): at most two decimals ("1234", "1234.5"). */
export const MONEY_INPUT = { type: String, pattern: '^-?\\d{1,14}(\\.\\d{1,2})?$', example: '1234.50' } satisfies ApiPropertyOptions;
/** `IsNonNegativeMoney`. */
export const NON_NEGATIVE_MONEY_INPUT = { type: String, pattern: '^\\d{1,14}(\\.\\d{1,2})?$', example: '1234.50' } satisfies ApiPropertyOptions;
export const MONTH = { type: String, pattern: MONTH_PATTERN, example: '2025-05' } satisfies ApiPropertyOptions;
/** A calendar date `YYYY-MM-DD`. */
export const DATE = { type: String, format: 'date', example: '2025-04-01' } satisfies ApiPropertyOptions;
/** A timestamp (ISO 8601 with time zone, as JSON.stringify writes a Date). */
export const TIMESTAMP = { type: String, format: 'date-time' } satisfies ApiPropertyOptions;
export const FINANCIAL_YEAR = { type: String, pattern: FINANCIAL_YEAR_PATTERN, example: '2024/25' } satisfies ApiPropertyOptions;
export const INTEGER = { type: 'integer' } satisfies ApiPropertyOptions;
export const COUNT = { type: 'integer', minimum: 0 } satisfies ApiPropertyOptions;

/**
 * A request field that takes a decimal as a string or a JSON number (`IsDecimalLike`,
 * `IsQuantity`): documented as either, never as `object` (what TypeScript's `string | number`
 * reflects as).
 */
export function decimalInput(opts: Omit<ApiPropertyOptions, 'type' | 'oneOf'> = {}): ApiPropertyOptions {
  return { ...opts, oneOf: [{ type: 'string', pattern: DECIMAL_PATTERN }, { type: 'number' }] } as ApiPropertyOptions;
}

const pages = new Map<Type<unknown>, Type<unknown>>();

/**
 * The schema of a list response `{ items: [...], total }` for one item class: a named class
 * (`<Item>Page`) so that the document shows it once under components.
 */
export function PageOf<T>(item: Type<T>): Type<{ items: T[]; total: number }> {
  let page = pages.get(item);
  if (!page) {
    class Page {
      @ApiProperty({ type: [item] }) items: T[];
      @ApiProperty({ ...COUNT, description: 'How many match (all pages)' }) total: number;
    }
    Object.defineProperty(Page, 'name', { value: `${item.name.replace(/View$/, '')}Page` });
    page = Page;
    pages.set(item, page);
  }
  return page as Type<{ items: T[]; total: number }>;
}
