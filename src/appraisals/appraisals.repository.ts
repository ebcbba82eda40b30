import { Injectable } from '@nestjs/common';
import type { AppraisalInput, AppraisalResult } from './core';
import { Sql, type On, type Tx } from '../database/sql';

/** The inputs as saved: the core's inputs and whether the status quo cost came from the members' baselines. */
export interface SavedInputs extends AppraisalInput {
  statusQuoFromBaselines: boolean;
}

export interface AppraisalRecord {
  id: string;
  consortiumId: string;
  name: string;
  inputs: SavedInputs;
  result: AppraisalResult;
  createdBy: string | null;
  createdAt: Date;
}

export type AppraisalSummaryRecord = Pick<AppraisalRecord, 'id' | 'consortiumId' | 'name' | 'createdBy' | 'createdAt'> & {
  preferred: string;
  years: number;
  discountRatePercent: string;
};

const COLUMNS = `id, consortium_id AS "consortiumId", name, inputs, result, created_by AS "createdBy", created_at AS "createdAt"`;

/** appraisals: saved options appraisals of a consortium (domain.md §15), never changed once saved. */
@Injectable()
export class AppraisalsRepository {
  constructor(private readonly sql: Sql) {}

  async insert(tx: Tx, a: { consortiumId: string; name: string; inputs: SavedInputs; result: AppraisalResult; createdBy: string }): Promise<AppraisalRecord> {
    const row = await this.sql.one<AppraisalRecord>(
      tx,
      `INSERT INTO appraisals (consortium_id, name, inputs, result, created_by) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5) RETURNING ${COLUMNS}`,
      [a.consortiumId, a.name, JSON.stringify(a.inputs), JSON.stringify(a.result), a.createdBy],
    );
    if (!row) throw new Error('appraisal insert returned no row');
    return row;
  }

  /** Newest first, without the figures. */
  list(on: On, consortiumId: string): Promise<AppraisalSummaryRecord[]> {
    return this.sql.rows<AppraisalSummaryRecord>(
      on,
      `SELECT id, consortium_id AS "consortiumId", name, created_by AS "createdBy", created_at AS "createdAt", result->>'preferred' AS preferred,
              (result->>'years')::int AS years, result->>'discountRatePercent' AS "discountRatePercent"
         FROM appraisals WHERE consortium_id = $1 ORDER BY created_at DESC, id`,
      [consortiumId],
    );
  }

  /** One appraisal of the consortium, or null (another consortium's is null too). */
  find(on: On, consortiumId: string, id: string): Promise<AppraisalRecord | null> {
    return this.sql.one<AppraisalRecord>(on, `SELECT ${COLUMNS} FROM appraisals WHERE consortium_id = $1 AND id = $2`, [consortiumId, id]);
  }
}
