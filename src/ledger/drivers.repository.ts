import { Injectable } from '@nestjs/common';
import { Sql, type On, type Tx } from '../database/sql';

/** One financial year's allocation drivers of a member, as the consortium holds them. */
export interface DriverRecord {
  organisationId: string;
  financialYear: string;
  annualTurnover: string;
  headcount: string;
  updatedAt: Date;
}

const COLUMNS = `organisation_id AS "organisationId", financial_year AS "financialYear", annual_turnover::text AS "annualTurnover", headcount::text AS "headcount", updated_at AS "updatedAt"`;

/** consortium_drivers: the consortium's turnover and headcount per member and financial year. */
@Injectable()
export class DriversRepository {
  constructor(private readonly sql: Sql) {}

  /** Every row of the consortium (or of one member), by organisation, then financial year. */
  list(on: On, consortiumId: string, organisationId?: string): Promise<DriverRecord[]> {
    return this.sql.rows<DriverRecord>(
      on,
      `SELECT ${COLUMNS} FROM consortium_drivers WHERE consortium_id = $1 AND ($2::uuid IS NULL OR organisation_id = $2::uuid) ORDER BY organisation_id, financial_year`,
      [consortiumId, organisationId ?? null],
    );
  }

  /** Inserts a row unless the member has one for that year (the snapshot taken on joining). */
  async insertIfAbsent(tx: Tx, consortiumId: string, r: { organisationId: string; financialYear: string; annualTurnover: string; headcount: string }): Promise<void> {
    await this.sql.exec(
      tx,
      `INSERT INTO consortium_drivers (consortium_id, organisation_id, financial_year, annual_turnover, headcount)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (consortium_id, organisation_id, financial_year) DO NOTHING`,
      [consortiumId, r.organisationId, r.financialYear, r.annualTurnover, r.headcount],
    );
  }

  /** Writes rows, replacing those of the same member and year. */
  async upsert(tx: Tx, consortiumId: string, rows: { organisationId: string; financialYear: string; annualTurnover: string; headcount: string }[], userId: string): Promise<void> {
    await this.sql.exec(
      tx,
      `INSERT INTO consortium_drivers (consortium_id, organisation_id, financial_year, annual_turnover, headcount, updated_by, updated_at)
       SELECT $1, r.organisation_id, r.financial_year, r.annual_turnover, r.headcount, $6, now()
         FROM unnest($2::uuid[], $3::text[], $4::numeric[], $5::numeric[]) AS r(organisation_id, financial_year, annual_turnover, headcount)
       ON CONFLICT (consortium_id, organisation_id, financial_year)
       DO UPDATE SET annual_turnover = EXCLUDED.annual_turnover, headcount = EXCLUDED.headcount, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [consortiumId, rows.map((r) => r.organisationId), rows.map((r) => r.financialYear), rows.map((r) => r.annualTurnover), rows.map((r) => r.headcount), userId],
    );
  }
}
