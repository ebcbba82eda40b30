import { Injectable } from '@nestjs/common';
import { Sql, type On, type Tx } from '../database/sql';
import type { StoredTerms } from './agreement-terms';
import type { ActiveTerms, AgreementVersion } from './agreement-version.model';

const COLUMNS = `consortium_id AS "consortiumId", version, status, model, terms, revision, created_at AS "createdAt", updated_at AS "updatedAt",
  approved_at AS "approvedAt", approved_by AS "approvedBy"`;

/** agreement_versions: the versions of each consortium's risk-sharing agreement. */
@Injectable()
export class AgreementsRepository {
  constructor(private readonly sql: Sql) {}

  /** The draft, if any; `forUpdate` locks it. */
  draft(on: On, consortiumId: string, forUpdate = false): Promise<AgreementVersion | null> {
    return this.sql.one<AgreementVersion>(on, `SELECT ${COLUMNS} FROM agreement_versions WHERE consortium_id = $1 AND status = 'draft'${forUpdate ? ' FOR UPDATE' : ''}`, [
      consortiumId,
    ]);
  }

  /** The approved version in force, if any; `forUpdate` locks it. */
  active(on: On, consortiumId: string, forUpdate = false): Promise<AgreementVersion | null> {
    return this.sql.one<AgreementVersion>(on, `SELECT ${COLUMNS} FROM agreement_versions WHERE consortium_id = $1 AND status = 'active'${forUpdate ? ' FOR UPDATE' : ''}`, [
      consortiumId,
    ]);
  }

  byVersion(on: On, consortiumId: string, version: number): Promise<AgreementVersion | null> {
    return this.sql.one<AgreementVersion>(on, `SELECT ${COLUMNS} FROM agreement_versions WHERE consortium_id = $1 AND version = $2`, [consortiumId, version]);
  }

  /** Every version, oldest first. */
  list(on: On, consortiumId: string): Promise<AgreementVersion[]> {
    return this.sql.rows<AgreementVersion>(on, `SELECT ${COLUMNS} FROM agreement_versions WHERE consortium_id = $1 ORDER BY version`, [consortiumId]);
  }

  /** Replaces the draft's terms when it is still at `revision`; null when it is not (stale). */
  updateDraft(tx: Tx, consortiumId: string, revision: number, terms: StoredTerms, userId: string | null): Promise<AgreementVersion | null> {
    return this.sql.one<AgreementVersion>(
      tx,
      `UPDATE agreement_versions SET terms = $1::jsonb, model = $2, revision = revision + 1, updated_at = now(), updated_by = $3
        WHERE consortium_id = $4 AND status = 'draft' AND revision = $5 RETURNING ${COLUMNS}`,
      [JSON.stringify(terms), terms.model, userId, consortiumId, revision],
    );
  }

  /** A new draft version after the last one; null when a concurrent creation won (unique indexes). */
  insertDraft(tx: Tx, consortiumId: string, terms: StoredTerms, userId: string | null): Promise<AgreementVersion | null> {
    return this.sql.one<AgreementVersion>(
      tx,
      `INSERT INTO agreement_versions (consortium_id, version, status, model, terms, revision, created_by, updated_by)
       SELECT $1, COALESCE(MAX(version), 0) + 1, 'draft', $2, $3::jsonb, 1, $4, $4 FROM agreement_versions WHERE consortium_id = $1
       ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [consortiumId, terms.model, JSON.stringify(terms), userId],
    );
  }

  /** The active version becomes superseded. */
  async supersedeActive(tx: Tx, consortiumId: string): Promise<void> {
    await this.sql.exec(tx, `UPDATE agreement_versions SET status = 'superseded', updated_at = now() WHERE consortium_id = $1 AND status = 'active'`, [consortiumId]);
  }

  /** The draft becomes the active version, approved by `userId`. */
  async activateDraft(tx: Tx, consortiumId: string, userId: string | null): Promise<AgreementVersion> {
    const row = await this.sql.one<AgreementVersion>(
      tx,
      `UPDATE agreement_versions SET status = 'active', approved_at = now(), approved_by = $1, updated_at = now()
        WHERE consortium_id = $2 AND status = 'draft' RETURNING ${COLUMNS}`,
      [userId, consortiumId],
    );
    return row!;
  }

  /** The active version's number and terms, or null. */
  activeTerms(on: On, consortiumId: string): Promise<ActiveTerms | null> {
    return this.sql.one<ActiveTerms>(on, `SELECT version, terms FROM agreement_versions WHERE consortium_id = $1 AND status = 'active'`, [consortiumId]);
  }
}
