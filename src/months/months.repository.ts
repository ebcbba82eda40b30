import { Injectable } from '@nestjs/common';
import { Sql, type On, type Tx } from '../database/sql';
import type { ClosedMonth, IssuedHash, IssuedPart, IssuedStatement } from './months.model';

/** closed_months and issued_statements. */
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

  /** The closed months with who closed them and when, oldest first. */
  closedMonthList(on: On, consortiumId: string): Promise<ClosedMonth[]> {
    return this.sql.rows<ClosedMonth>(on, `SELECT month, closed_at AS "closedAt", closed_by AS "closedBy" FROM closed_months WHERE consortium_id = $1 ORDER BY month`, [
      consortiumId,
    ]);
  }

  /** When `month` was closed; null when it is open. */
  async closedAt(on: On, consortiumId: string, month: string): Promise<Date | null> {
    const row = await this.sql.one<{ closedAt: Date }>(on, `SELECT closed_at AS "closedAt" FROM closed_months WHERE consortium_id = $1 AND month = $2`, [consortiumId, month]);
    return row?.closedAt ?? null;
  }

  /** Records `month` as closed; resolves with its closing time. */
  async insertClosed(tx: Tx, consortiumId: string, month: string, userId: string | null): Promise<Date> {
    const row = await this.sql.one<{ closedAt: Date }>(tx, `INSERT INTO closed_months (consortium_id, month, closed_by) VALUES ($1, $2, $3) RETURNING closed_at AS "closedAt"`, [
      consortiumId,
      month,
      userId,
    ]);
    return row!.closedAt;
  }

  /** Stores the issued statements of `month`; resolves with when each was issued. */
  issue(
    tx: Tx,
    consortiumId: string,
    month: string,
    rows: readonly { organisationId: string; document: string; hash: string; part: unknown }[],
  ): Promise<{ organisationId: string; issuedAt: Date }[]> {
    return this.sql.rows(
      tx,
      `INSERT INTO issued_statements (consortium_id, month, organisation_id, document, content_hash, parts)
       SELECT $1, $2, o, d, h, pt FROM unnest($3::uuid[], $4::text[], $5::text[], $6::jsonb[]) AS k(o, d, h, pt)
       RETURNING organisation_id AS "organisationId", issued_at AS "issuedAt"`,
      [consortiumId, month, rows.map((x) => x.organisationId), rows.map((x) => x.document), rows.map((x) => x.hash), rows.map((x) => JSON.stringify(x.part))],
    );
  }

  /** The statements issued for `month` (in no particular order); only `organisationId`'s when it is given (null matches nothing). */
  issued(on: On, consortiumId: string, month: string, organisationId?: string | null): Promise<IssuedStatement[]> {
    const own = organisationId !== undefined;
    return this.sql.rows<IssuedStatement>(
      on,
      `SELECT organisation_id AS "organisationId", document, content_hash AS "contentHash", issued_at AS "issuedAt"
         FROM issued_statements WHERE consortium_id = $1 AND month = $2 ${own ? 'AND organisation_id = $3' : ''}`,
      own ? [consortiumId, month, organisationId] : [consortiumId, month],
    );
  }

  /** One member's issued statements of from..to, month by month: hash and time only (no document). */
  issuedHashes(on: On, consortiumId: string, organisationId: string, from: string, to: string): Promise<IssuedHash[]> {
    return this.sql.rows<IssuedHash>(
      on,
      `SELECT month, content_hash AS "contentHash", issued_at AS "issuedAt" FROM issued_statements
        WHERE consortium_id = $1 AND organisation_id = $2 AND month >= $3 AND month <= $4 ORDER BY month`,
      [consortiumId, organisationId, from, to],
    );
  }

  /** The stored month parts of from..to (only `organisationId`'s when given). */
  issuedParts<P>(on: On, consortiumId: string, from: string, to: string, organisationId?: string): Promise<IssuedPart<P>[]> {
    const one = organisationId !== undefined;
    return this.sql.rows<IssuedPart<P>>(
      on,
      `SELECT organisation_id AS "organisationId", month, parts FROM issued_statements
        WHERE consortium_id = $1 AND month >= $2 AND month <= $3 ${one ? 'AND organisation_id = $4' : ''}`,
      one ? [consortiumId, from, to, organisationId] : [consortiumId, from, to],
    );
  }
}
