import { ArgumentMetadata, BadRequestException, ValidationError as CvError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { isDecimalString, isMoneyString } from '../money';
import { financialYearStart, isDate, isFinancialYear, isMonth } from '../months';
import type { FieldError } from '../errors/domain-error';
import { dateInWindow, dateWindow, dateWindowMessage, monthInWindow, monthWindowMessage } from './input-limits';
import { collectsFieldErrorsTogether, setFormatErrors, withoutPaths } from './together';

/** Flattens class-validator's tree into `{ field: 'items.0.month', message }` entries. */
export function flattenValidationErrors(errors: CvError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) out.push({ field, message });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/**
 * The global pipe: strip nothing silently, refuse unknown fields, transform to DTO classes. A body DTO marked `@FieldErrorsTogether()` with format errors is passed on
 * without its malformed values, its errors kept beside it, so that its service adds its own errors
 * to the same answer (see together.ts); every other DTO with a format error is refused here.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (e) {
      if (metadata.type !== 'body' || !collectsFieldErrorsTogether(metadata.metatype) || !(e instanceof BadRequestException)) throw e;
      const errors = (e.getResponse() as { errors?: FieldError[] }).errors;
      const rest = errors?.length ? withoutPaths(value, [...new Set(errors.map((x) => x.field))]) : null;
      if (!errors || !rest) throw e;
      const dto = plainToInstance(metadata.metatype as new () => object, rest, { enableImplicitConversion: false });
      setFormatErrors(dto, errors);
      return dto;
    }
  }
}

export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new BadRequestException({
        code: 'validation_error',
        message: 'The request has invalid fields',
        errors: flattenValidationErrors(errors),
      }),
  });
}

function make(name: string, test: (v: unknown) => boolean, message: (a: ValidationArguments) => string) {
  return (options?: ValidationOptions) => (object: object, propertyName: string) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options,
      validator: { validate: test, defaultMessage: message },
    });
}

/** Money: a string with at most two decimals ("1234.50"); numbers are refused (precision). */
export const IsMoney = make('isMoney', isMoneyString, (a) => `${a.property} must be an amount as a string with at most two decimals, e.g. "1234.50"`);

/** Non-negative money. */
export const IsNonNegativeMoney = make(
  'isNonNegativeMoney',
  (v) => isMoneyString(v) && !String(v).startsWith('-'),
  (a) => `${a.property} must be a non-negative amount as a string with at most two decimals, e.g. "1234.50"`,
);

/** A decimal given as a string or a JSON number with at most four decimals. */
export const IsDecimalLike = make(
  'isDecimalLike',
  (v) => (typeof v === 'number' && Number.isFinite(v) && isDecimalString(String(v))) || isDecimalString(v),
  (a) => `${a.property} must be a decimal (string or number) with at most four decimals`,
);

/** A UK financial year `"2024/25"` whose April is inside the date window (as every month field). */
export const IsFinancialYear = make(
  'isFinancialYear',
  (v) => isFinancialYear(v) && monthInWindow(financialYearStart(v)),
  (a) => `${a.property} must be a financial year like "2024/25" starting between ${dateWindow().start.slice(0, 7)} and ${dateWindow().end.slice(0, 7)}`,
);

/**
 * Every month and date field of every DTO goes through these two: well-formed and inside the
 * configured window (DATE_WINDOW_START..DATE_WINDOW_END), so `9999-12` or `0001-01-01` is a 400
 * naming the field rather than a calculation that runs for millennia or overflows a date.
 */
export const IsMonth = make(
  'isMonth',
  (v) => isMonth(v) && monthInWindow(v),
  (a) => (isMonth(a.value) ? monthWindowMessage(a.property) : `${a.property} must be a month YYYY-MM`),
);
export const IsIsoDate = make(
  'isIsoDate',
  (v) => isDate(v) && dateInWindow(v),
  (a) => (isDate(a.value) ? dateWindowMessage(a.property) : `${a.property} must be a date YYYY-MM-DD`),
);

/** A path parameter or CSV cell month: the same rule as IsMonth, as a message or null when fine. */
export function monthProblem(v: unknown, field: string): string | null {
  if (!isMonth(v)) return `${field} must be a month YYYY-MM`;
  return monthInWindow(v) ? null : monthWindowMessage(field);
}

/** Normalises a decimal-like input (string or number) to a string for storage. */
export function decimalString(v: string | number): string {
  return typeof v === 'number' ? String(v) : v;
}

/** A non-negative quantity (headcount FTE, volumes) as a string or number with at most two decimals. */
export const IsQuantity = make(
  'isQuantity',
  (v) => {
    const s = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
    return typeof s === 'string' && /^\d{1,10}(\.\d{1,2})?$/.test(s);
  },
  (a) => `${a.property} must be a non-negative number with at most two decimals`,
);
