import { Injectable } from '@nestjs/common';
import { Sql, type On, type Tx } from '../database/sql';

/** closed_months and the consortium row lock that serialises month-touching writes with a close. */
@Injectable()
export class MonthsRepository {
  constructor(private readonly sql: Sql) {}

  /** The closed months of a consortium, oldest first. */
  async closedMonths(on: On, consortiumId: string): Promise<string[]> {
    const rows = await this.sql.rows<{ month: string }>(on, `SELECT month FROM closed_months WHERE consortium_id = $1 ORDER BY month`, [consortiumId]);
    return rows.map((r) => r.month);
  }

  /** Which of `months` are closed, oldest first. */
  async closedAmong(on: On, consortiumId: string, months: readonly string[]): Promise<string[]> {
    const rows = await this.sql.rows<{ month: string }>(on, `SELECT month FROM closed_months WHERE consortium_id = $1 AND month = ANY($2::text[]) ORDER BY month`, [
      consortiumId,
      [...new Set(months)],
    ]);
    return rows.map((r) => r.month);
  }

  /** FOR SHARE on the consortium row: month-touching writes run side by side, but not during a close. */
  async lockForWrite(tx: Tx, consortiumId: string): Promise<void> {
    await this.sql.exec(tx, `SELECT 1 FROM consortia WHERE id = $1 FOR SHARE`, [consortiumId]);
  }

  /** FOR UPDATE on the consortium row: waits for in-flight writes and blocks new ones. */
  async lockForClose(tx: Tx, consortiumId: string): Promise<void> {
    await this.sql.exec(tx, `SELECT 1 FROM consortia WHERE id = $1 FOR UPDATE`, [consortiumId]);
  }
}
