/**
 * Idempotency-Key for writes that create money records (api.md): the header's validation and the
 * result of a write made once per key (see IdempotencyService).
 */
import { ValidationError } from '../common/errors/domain-error';

const KEY_RE = /^[\x21-\x7e]{1,255}$/;

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** Validates the header value; undefined when absent. */
export function idempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const v = Array.isArray(header) ? header.join(',') : header;
  if (!KEY_RE.test(v)) throw new ValidationError([{ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good key)' }]);
  return v;
}
