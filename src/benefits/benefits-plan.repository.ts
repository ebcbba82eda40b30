import { Injectable } from '@nestjs/common';
import { Sql, type On, type Tx } from '../database/sql';

/** One financial year of a member's benefits plan (domain.md §16). */
export interface BenefitsPlanRecord {
  organisationId: string;
  financialYear: string;
  plannedSavings: string;
  guaranteedPercent: string | null;
  updatedAt: Date;
}

export interface BenefitsPlanWrite {
  organisationId: string;
  financialYear: string;
  plannedSavings: string;
  guaranteedPercent: string | null;
}

const COLUMNS = `organisation_id AS "organisationId", financial_year AS "financialYear", planned_savings::text AS "plannedSavings", guaranteed_percent::text AS "guaranteedPercent", updated_at AS "updatedAt"`;

/** benefits_plan: the partnership's planned and guaranteed savings per member and financial year. */
@Injectable()
export class BenefitsPlanRepository {
  constructor(private readonly sql: Sql) {}

  /** Every row of the consortium (or of one member), by organisation, then financial year. */
  list(on: On, consortiumId: string, organisationId?: string): Promise<BenefitsPlanRecord[]> {
    return this.sql.rows<BenefitsPlanRecord>(
      on,
      `SELECT ${COLUMNS} FROM benefits_plan WHERE consortium_id = $1 AND ($2::uuid IS NULL OR organisation_id = $2::uuid) ORDER BY organisation_id, financial_year`,
      [consortiumId, organisationId ?? null],
    );
  }

  /** Writes rows, replacing those of the same member and year; other rows stay as they are. */
  async upsert(tx: Tx, consortiumId: string, rows: BenefitsPlanWrite[], userId: string): Promise<void> {
    await this.sql.exec(
      tx,
      `INSERT INTO benefits_plan (consortium_id, organisation_id, financial_year, planned_savings, guaranteed_percent, updated_by, updated_at)
       SELECT $1, r.organisation_id, r.financial_year, r.planned_savings, r.guaranteed_percent, $6, now()
         FROM unnest($2::uuid[], $3::text[], $4::numeric[], $5::numeric[]) AS r(organisation_id, financial_year, planned_savings, guaranteed_percent)
       ON CONFLICT (consortium_id, organisation_id, financial_year)
       DO UPDATE SET planned_savings = EXCLUDED.planned_savings, guaranteed_percent = EXCLUDED.guaranteed_percent, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [consortiumId, rows.map((r) => r.organisationId), rows.map((r) => r.financialYear), rows.map((r) => r.plannedSavings), rows.map((r) => r.guaranteedPercent), userId],
    );
  }
}
