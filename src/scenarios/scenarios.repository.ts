import { Injectable } from '@nestjs/common';
import { Sql, type On, type Tx } from '../database/sql';
import type { ScenarioChange, ScenarioResult } from './core';

/** A saved scenario: the request and the answer as computed when saved. */
export interface SavedScenarioRow {
  id: string;
  consortiumId: string;
  name: string;
  from: string;
  to: string;
  changes: ScenarioChange[];
  result: ScenarioResult;
  createdBy: string | null;
  createdByOrganisationId: string | null;
  createdByLabel: string;
  createdAt: Date;
}

const COLUMNS = `id, consortium_id AS "consortiumId", name, from_month AS "from", to_month AS "to", changes, result, created_by AS "createdBy",
  created_by_organisation_id AS "createdByOrganisationId", created_by_label AS "createdByLabel", created_at AS "createdAt"`;

/** scenarios: saved what-if scenarios (domain.md §14), written once, deleted by their author or the host. */
@Injectable()
export class ScenariosRepository {
  constructor(private readonly sql: Sql) {}

  async insert(tx: Tx, r: Omit<SavedScenarioRow, 'id' | 'createdAt'>): Promise<SavedScenarioRow> {
    const row = await this.sql.one<SavedScenarioRow>(
      tx,
      `INSERT INTO scenarios (consortium_id, name, from_month, to_month, changes, result, created_by, created_by_organisation_id, created_by_label)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9) RETURNING ${COLUMNS}`,
      [r.consortiumId, r.name, r.from, r.to, JSON.stringify(r.changes), JSON.stringify(r.result), r.createdBy, r.createdByOrganisationId, r.createdByLabel],
    );
    return row!;
  }

  /** Newest first, without the stored answers. */
  list(on: On, consortiumId: string): Promise<Omit<SavedScenarioRow, 'changes' | 'result'>[]> {
    return this.sql.rows(
      on,
      `SELECT id, consortium_id AS "consortiumId", name, from_month AS "from", to_month AS "to", created_by AS "createdBy",
         created_by_organisation_id AS "createdByOrganisationId", created_by_label AS "createdByLabel", created_at AS "createdAt"
       FROM scenarios WHERE consortium_id = $1 ORDER BY created_at DESC, id`,
      [consortiumId],
    );
  }

  find(on: On, consortiumId: string, id: string): Promise<SavedScenarioRow | null> {
    return this.sql.one<SavedScenarioRow>(on, `SELECT ${COLUMNS} FROM scenarios WHERE consortium_id = $1 AND id = $2`, [consortiumId, id]);
  }

  async delete(tx: Tx, consortiumId: string, id: string): Promise<void> {
    await this.sql.exec(tx, `DELETE FROM scenarios WHERE consortium_id = $1 AND id = $2`, [consortiumId, id]);
  }
}
