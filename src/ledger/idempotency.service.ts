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
import { Injectable } from '@nestjs/common';
import { canonicalJson, sha256Hex } from '../common/canonical-json';
import { ConflictError } from '../common/errors/domain-error';
import type { Tx } from '../database/sql';
import type { IdempotentResult } from './idempotency';
import { IdempotencyRepository } from './idempotency.repository';

@Injectable()
export class IdempotencyService {
  constructor(private readonly repo: IdempotencyRepository) {}

  /**
   * Runs `create` at most once per (consortium, scope, key). Call inside the write's transaction,
   * before any other write. `request` is hashed as canonical JSON.
   */
  async once<T>(
    tx: Tx,
    k: { consortiumId: string; scope: string; key: string | undefined; userId: string | null; request: unknown },
    status: number,
    create: () => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    if (k.key === undefined) return { status, body: await create(), replayed: false };
    const id = { consortiumId: k.consortiumId, scope: k.scope, key: k.key };
    const hash = sha256Hex(canonicalJson({ scope: k.scope, request: k.request }));
    if (!(await this.repo.claim(tx, id, hash, k.userId))) {
      const row = await this.repo.find(tx, id);
      if (!row || row.requestHash !== hash) {
        throw new ConflictError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request body', [
          { field: 'Idempotency-Key', message: 'already used with another body; use a new key for a new request' },
        ]);
      }
      if (row.statusCode === null || row.response === null) {
        throw new ConflictError('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed; retry shortly');
      }
      return { status: row.statusCode, body: JSON.parse(row.response) as T, replayed: true };
    }
    const body = await create();
    await this.repo.complete(tx, id, status, JSON.stringify(body));
    return { status, body, replayed: false };
  }
}
