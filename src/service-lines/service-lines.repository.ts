import { Injectable } from '@nestjs/common';
import { Sql, type On, type Tx } from '../database/sql';
import type { ServiceLine } from './service-line.model';

const COLUMNS = `id, consortium_id AS "consortiumId", code, name, function, classification, recipient_ids AS "recipientIds", go_live AS "goLive", created_at AS "createdAt"`;

/** service_lines: what a consortium delivers, function by function. */
@Injectable()
export class ServiceLinesRepository {
  constructor(private readonly sql: Sql) {}

  /** A service line of the consortium, or null. */
  find(on: On, consortiumId: string, id: string): Promise<ServiceLine | null> {
    return this.sql.one<ServiceLine>(on, `SELECT ${COLUMNS} FROM service_lines WHERE id = $1 AND consortium_id = $2`, [id, consortiumId]);
  }

  /** The service lines of a consortium by code. */
  list(on: On, consortiumId: string): Promise<ServiceLine[]> {
    return this.sql.rows<ServiceLine>(on, `SELECT ${COLUMNS} FROM service_lines WHERE consortium_id = $1 ORDER BY code`, [consortiumId]);
  }

  async codeTaken(on: On, consortiumId: string, code: string): Promise<boolean> {
    return (await this.sql.one(on, `SELECT 1 FROM service_lines WHERE consortium_id = $1 AND code = $2`, [consortiumId, code])) !== null;
  }

  async insert(tx: Tx, s: Omit<ServiceLine, 'id' | 'createdAt'>): Promise<ServiceLine> {
    const row = await this.sql.one<ServiceLine>(
      tx,
      `INSERT INTO service_lines (consortium_id, code, name, function, classification, recipient_ids, go_live)
       VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7) RETURNING ${COLUMNS}`,
      [s.consortiumId, s.code, s.name, s.function, s.classification, s.recipientIds, s.goLive],
    );
    return row!;
  }

  /** One service line of the consortium, locked FOR UPDATE until the transaction ends, or null. */
  findForUpdate(tx: Tx, consortiumId: string, id: string): Promise<ServiceLine | null> {
    return this.sql.one<ServiceLine>(tx, `SELECT ${COLUMNS} FROM service_lines WHERE id = $1 AND consortium_id = $2 FOR UPDATE`, [id, consortiumId]);
  }

  /** Writes name, recipients and go-live; resolves with the row as stored. */
  async update(tx: Tx, id: string, s: Pick<ServiceLine, 'name' | 'recipientIds' | 'goLive'>): Promise<ServiceLine> {
    const row = await this.sql.one<ServiceLine>(tx, `UPDATE service_lines SET name = $2, recipient_ids = $3::uuid[], go_live = $4 WHERE id = $1 RETURNING ${COLUMNS}`, [
      id,
      s.name,
      s.recipientIds,
      s.goLive,
    ]);
    return row!;
  }
}
