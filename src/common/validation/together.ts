/**
 * Every field error of a request in one answer (issue 13): format errors (the DTO's decorators) and
 * the errors only the service can find (a recipient that is not a member, a service line of another
 * consortium) together, not in two rounds.
 *
 * A body DTO marked `@FieldErrorsTogether()` is not refused by the global pipe when its format is
 * wrong: the pipe removes the malformed values, keeps their errors beside the DTO
 * (`formatErrorsOf`), and the handler runs. The service calls `throwWithFormatErrors(dto, errors)`
 * before its first refusal (and so before any write): when the request had format errors, that
 * throws one 400 holding them and the service's own errors. The controller wraps the call in
 * `fieldErrorsTogether(dto, …)`: any other failure of a request with format errors (a 404, a 409, a
 * calculation on a removed value) is answered as before, a 400 naming the format errors.
 */
import { ValidationError, type FieldError } from '../errors/domain-error';

const TOGETHER = new WeakSet<object>();
const FORMAT_ERRORS = new WeakMap<object, FieldError[]>();

/** Class decorator: the DTO's format errors are answered with the service's errors. */
export function FieldErrorsTogether(): ClassDecorator {
  return (target) => {
    TOGETHER.add(target);
  };
}

export function collectsFieldErrorsTogether(metatype: unknown): boolean {
  return typeof metatype === 'function' && TOGETHER.has(metatype);
}

/** The format errors the pipe found in `dto` (none for a valid one, or one built in code). */
export function formatErrorsOf(dto: object): FieldError[] {
  return FORMAT_ERRORS.get(dto) ?? [];
}

export function setFormatErrors(dto: object, errors: FieldError[]): void {
  FORMAT_ERRORS.set(dto, errors);
}

/**
 * A copy of a JSON body without the values at `paths` (`items.1.annualTurnover`, `goLive`); null
 * when a path does not lead into the body (the caller then refuses the request as before).
 */
export function withoutPaths(body: unknown, paths: string[]): Record<string, unknown> | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const copy = structuredClone(body) as Record<string, unknown>;
  for (const path of paths) {
    const parts = path.split('.');
    let at: unknown = copy;
    for (const part of parts.slice(0, -1)) {
      at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined;
    }
    if (at === null || typeof at !== 'object') return null;
    const last = parts[parts.length - 1];
    if (Array.isArray(at)) at[Number(last)] = undefined;
    else delete (at as Record<string, unknown>)[last];
  }
  return copy;
}

/** Whether one of the two fields is the other or contains it (`items.1` and `items.1.month`). */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/**
 * The request's format errors with the service's `errors`; a service error about a field whose
 * value was malformed (and so removed) is left out: the format error says what is wrong with it.
 */
export function togetherWith(dto: object, errors: FieldError[]): FieldError[] {
  const format = formatErrorsOf(dto);
  return [...format, ...errors.filter((e) => !format.some((f) => overlaps(f.field, e.field)))];
}

/** Throws one 400 with the format errors and `errors` when the request had format errors; otherwise returns. */
export function throwWithFormatErrors(dto: object, errors: FieldError[], message?: string): void {
  if (formatErrorsOf(dto).length) throw new ValidationError(togetherWith(dto, errors), message);
}

/**
 * Runs the service call of a request whose DTO collects its errors together. With format errors,
 * the call must fail (`throwWithFormatErrors` runs before every write): a 400 of the service keeps
 * its errors beside the format ones; any other failure answers the format errors alone, as the
 * pipe did before the service ran.
 */
export async function fieldErrorsTogether<T>(dto: object, call: () => Promise<T>): Promise<T> {
  const format = formatErrorsOf(dto);
  if (!format.length) return call();
  try {
    await call();
  } catch (e) {
    if (e instanceof ValidationError) throw new ValidationError(togetherWith(dto, e.errors), e.message);
    throw new ValidationError(format);
  }
  throw new Error('A request with format errors was not refused by its service (throwWithFormatErrors missing)');
}
