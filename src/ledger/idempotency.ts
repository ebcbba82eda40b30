/**
 * Idempotency-Key for writes that create money records (api.md): the same key with the same body
 * returns the first response and creates nothing; with a different body, 409.
 *
 * The key row is inserted first, inside the write's transaction (`INSERT … ON CONFLICT DO NOTHING`
 * on the primary key consortium/scope/key). A concurrent request with the same key blocks on that
 * insert until the first transaction ends: if it committed, the second finds the stored response;
 * if it rolled back (a 4xx), the second proceeds as if it were first. So N concurrent requests with
 * one key create exactly one record. Failed requests store nothing and may be retried with the key.
 */
import type { EntityManager } from 'typeorm';
import { canonicalJson, sha256Hex } from '../common/canonical-json';
import { ConflictError, ValidationError } from '../common/errors/domain-error';

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

/**
 * Runs `create` at most once per (consortium, scope, key). Call inside the write's transaction,
 * before any other write. `request` is hashed as canonical JSON.
 */
export async function once<T>(
  m: EntityManager,
  k: { consortiumId: string; scope: string; key: string | undefined; userId: string | null; request: unknown },
  status: number,
  create: () => Promise<T>,
): Promise<IdempotentResult<T>> {
  if (k.key === undefined) return { status, body: await create(), replayed: false };
  const hash = sha256Hex(canonicalJson({ scope: k.scope, request: k.request }));
  const inserted: unknown[] = await m.query(
    `INSERT INTO idempotency_keys (consortium_id, scope, key, request_hash, created_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING key`,
    [k.consortiumId, k.scope, k.key, hash, k.userId],
  );
  if (!inserted.length) {
    const [row]: { request_hash: string; status_code: number | null; response: string | null }[] = await m.query(
      `SELECT request_hash, status_code, response FROM idempotency_keys WHERE consortium_id = $1 AND scope = $2 AND key = $3`,
      [k.consortiumId, k.scope, k.key],
    );
    if (!row || row.request_hash !== hash) {
      throw new ConflictError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request body', [
        { field: 'Idempotency-Key', message: 'already used with another body; use a new key for a new request' },
      ]);
    }
    if (row.status_code === null || row.response === null) {
      throw new ConflictError('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed; retry shortly');
    }
    return { status: row.status_code, body: JSON.parse(row.response) as T, replayed: true };
  }
  const body = await create();
  await m.query(`UPDATE idempotency_keys SET status_code = $1, response = $2 WHERE consortium_id = $3 AND scope = $4 AND key = $5`, [
    status,
    JSON.stringify(body),
    k.consortiumId,
    k.scope,
    k.key,
  ]);
  return { status, body, replayed: false };
}
