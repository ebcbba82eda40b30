import { Injectable } from '@nestjs/common';
import { Sql, type Tx } from '../database/sql';

/** A stored Idempotency-Key: the request's hash and, once the write committed, its response. */
export interface IdempotencyRecord {
  requestHash: string;
  statusCode: number | null;
  response: string | null;
}

export interface IdempotencyKeyId {
  consortiumId: string;
  scope: string;
  key: string;
}

/** idempotency_keys: one row per (consortium, scope, key). */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Inserts the key (ON CONFLICT DO NOTHING); true when this call inserted it. A concurrent insert of
   * the same key blocks here until the other transaction ends.
   */
  async claim(tx: Tx, k: IdempotencyKeyId, requestHash: string, userId: string | null): Promise<boolean> {
    const inserted = await this.sql.rows(
      tx,
      `INSERT INTO idempotency_keys (consortium_id, scope, key, request_hash, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING key`,
      [k.consortiumId, k.scope, k.key, requestHash, userId],
    );
    return inserted.length > 0;
  }

  find(tx: Tx, k: IdempotencyKeyId): Promise<IdempotencyRecord | null> {
    return this.sql.one<IdempotencyRecord>(
      tx,
      `SELECT request_hash AS "requestHash", status_code AS "statusCode", response FROM idempotency_keys WHERE consortium_id = $1 AND scope = $2 AND key = $3`,
      [k.consortiumId, k.scope, k.key],
    );
  }

  /** Stores the response of the first request. */
  async complete(tx: Tx, k: IdempotencyKeyId, status: number, response: string): Promise<void> {
    await this.sql.exec(tx, `UPDATE idempotency_keys SET status_code = $1, response = $2 WHERE consortium_id = $3 AND scope = $4 AND key = $5`, [
      status,
      response,
      k.consortiumId,
      k.scope,
      k.key,
    ]);
  }
}
