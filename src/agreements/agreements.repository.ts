import { Injectable } from '@nestjs/common';
import { Sql, type On, type Tx } from '../database/sql';
import type { StoredTerms } from './agreement-terms';
import type { ActiveTerms, AgreementVersion, Vote } from './agreement-version.model';
import type { DecisionRule } from './dto';

const COLUMNS = `consortium_id AS "consortiumId", version, status, model, terms, effective_from AS "effectiveFrom", decision_rule AS "decisionRule", revision,
  created_at AS "createdAt", updated_at AS "updatedAt", approved_at AS "approvedAt", approved_by AS "approvedBy", proposed_at AS "proposedAt", decided_at AS "decidedAt"`;

/** agreement_versions and agreement_votes: the versions of each consortium's agreement and the members' votes on them. */
@Injectable()
export class AgreementsRepository {
  constructor(private readonly sql: Sql) {}

  /** The draft, if any; `forUpdate` locks it. */
  draft(on: On, consortiumId: string, forUpdate = false): Promise<AgreementVersion | null> {
    return this.sql.one<AgreementVersion>(on, `SELECT ${COLUMNS} FROM agreement_versions WHERE consortium_id = $1 AND status = 'draft'${forUpdate ? ' FOR UPDATE' : ''}`, [
      consortiumId,
    ]);
  }

  /** The version the members are voting on, if any; `forUpdate` locks it. */
  proposed(on: On, consortiumId: string, forUpdate = false): Promise<AgreementVersion | null> {
    return this.sql.one<AgreementVersion>(on, `SELECT ${COLUMNS} FROM agreement_versions WHERE consortium_id = $1 AND status = 'proposed'${forUpdate ? ' FOR UPDATE' : ''}`, [
      consortiumId,
    ]);
  }

  /** Approved versions, oldest effectiveFrom first. */
  approved(on: On, consortiumId: string): Promise<AgreementVersion[]> {
    return this.sql.rows<AgreementVersion>(on, `SELECT ${COLUMNS} FROM agreement_versions WHERE consortium_id = $1 AND status = 'approved' ORDER BY effective_from`, [
      consortiumId,
    ]);
  }

  byVersion(on: On, consortiumId: string, version: number, forUpdate = false): Promise<AgreementVersion | null> {
    return this.sql.one<AgreementVersion>(on, `SELECT ${COLUMNS} FROM agreement_versions WHERE consortium_id = $1 AND version = $2${forUpdate ? ' FOR UPDATE' : ''}`, [
      consortiumId,
      version,
    ]);
  }

  /** Every version, oldest first. */
  list(on: On, consortiumId: string): Promise<AgreementVersion[]> {
    return this.sql.rows<AgreementVersion>(on, `SELECT ${COLUMNS} FROM agreement_versions WHERE consortium_id = $1 ORDER BY version`, [consortiumId]);
  }

  /** Replaces the draft's terms when it is still at `revision`; null when it is not (stale). */
  updateDraft(tx: Tx, consortiumId: string, revision: number, d: DraftFields, userId: string | null): Promise<AgreementVersion | null> {
    return this.sql.one<AgreementVersion>(
      tx,
      `UPDATE agreement_versions SET terms = $1::jsonb, model = $2, effective_from = $3, decision_rule = $4, revision = revision + 1, updated_at = now(), updated_by = $5
        WHERE consortium_id = $6 AND status = 'draft' AND revision = $7 RETURNING ${COLUMNS}`,
      [JSON.stringify(d.terms), d.terms.model, d.effectiveFrom, d.decisionRule, userId, consortiumId, revision],
    );
  }

  /** A new draft version after the last one; null when a concurrent creation won (unique indexes). */
  insertDraft(tx: Tx, consortiumId: string, d: DraftFields, userId: string | null): Promise<AgreementVersion | null> {
    return this.sql.one<AgreementVersion>(
      tx,
      `INSERT INTO agreement_versions (consortium_id, version, status, model, terms, effective_from, decision_rule, revision, created_by, updated_by)
       SELECT $1, COALESCE(MAX(version), 0) + 1, 'draft', $2, $3::jsonb, $4, $5, 1, $6, $6 FROM agreement_versions WHERE consortium_id = $1
       ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [consortiumId, d.terms.model, JSON.stringify(d.terms), d.effectiveFrom, d.decisionRule, userId],
    );
  }

  /** The draft becomes the proposal; null when there is no draft or one is already proposed (unique index). */
  propose(tx: Tx, consortiumId: string, userId: string | null): Promise<AgreementVersion | null> {
    return this.sql.one<AgreementVersion>(
      tx,
      `UPDATE agreement_versions SET status = 'proposed', proposed_at = now(), proposed_by = $1, updated_at = now()
        WHERE consortium_id = $2 AND status = 'draft' RETURNING ${COLUMNS}`,
      [userId, consortiumId],
    );
  }

  /** The approved version of `effectiveFrom`, if any, becomes superseded (a new version from the same month replaces it). */
  async supersede(tx: Tx, consortiumId: string, effectiveFrom: string): Promise<number | null> {
    const row = await this.sql.one<{ version: number }>(
      tx,
      `UPDATE agreement_versions SET status = 'superseded', updated_at = now() WHERE consortium_id = $1 AND status = 'approved' AND effective_from = $2 RETURNING version`,
      [consortiumId, effectiveFrom],
    );
    return row?.version ?? null;
  }

  /** A draft or proposed version is decided: approved (by `userId`) or rejected. */
  async decide(tx: Tx, consortiumId: string, version: number, outcome: 'approved' | 'rejected', userId: string | null): Promise<AgreementVersion> {
    const row = await this.sql.one<AgreementVersion>(
      tx,
      `UPDATE agreement_versions SET status = $1, decided_at = now(), updated_at = now(),
              approved_at = CASE WHEN $1 = 'approved' THEN now() END, approved_by = CASE WHEN $1 = 'approved' THEN $2::uuid END
        WHERE consortium_id = $3 AND version = $4 AND status IN ('draft', 'proposed') RETURNING ${COLUMNS}`,
      [outcome, userId, consortiumId, version],
    );
    return row!;
  }

  /** Approved versions' numbers, first months and terms, oldest first. */
  approvedTerms(on: On, consortiumId: string): Promise<ActiveTerms[]> {
    return this.sql.rows<ActiveTerms>(
      on,
      `SELECT version, effective_from AS "effectiveFrom", terms FROM agreement_versions WHERE consortium_id = $1 AND status = 'approved' ORDER BY effective_from`,
      [consortiumId],
    );
  }

  /** Records (or replaces) an organisation's vote on a version. */
  async castVote(tx: Tx, consortiumId: string, version: number, v: { organisationId: string; vote: 'approve' | 'object'; comment: string | null; castBy: string }): Promise<void> {
    await this.sql.exec(
      tx,
      `INSERT INTO agreement_votes (consortium_id, version, organisation_id, vote, comment, cast_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (consortium_id, version, organisation_id) DO UPDATE SET vote = EXCLUDED.vote, comment = EXCLUDED.comment, cast_by = EXCLUDED.cast_by, cast_at = now()`,
      [consortiumId, version, v.organisationId, v.vote, v.comment, v.castBy],
    );
  }

  /** The votes on `versions`, keyed by version. */
  async votes(on: On, consortiumId: string, versions: readonly number[]): Promise<Map<number, Vote[]>> {
    const out = new Map<number, Vote[]>();
    if (!versions.length) return out;
    const rows = await this.sql.rows<Vote & { version: number }>(
      on,
      `SELECT version, organisation_id AS "organisationId", vote, comment, cast_by AS "castBy", cast_at AS "castAt"
         FROM agreement_votes WHERE consortium_id = $1 AND version = ANY($2::int[]) ORDER BY cast_at, organisation_id`,
      [consortiumId, versions],
    );
    for (const { version, ...v } of rows) out.set(version, [...(out.get(version) ?? []), v]);
    return out;
  }

  /** The approved versions' models (a delivery-model change must keep them usable). */
  async approvedModels(on: On, consortiumId: string): Promise<string[]> {
    const rows = await this.sql.rows<{ model: string }>(on, `SELECT DISTINCT model FROM agreement_versions WHERE consortium_id = $1 AND status = 'approved'`, [consortiumId]);
    return rows.map((r) => r.model);
  }
}

export interface DraftFields {
  terms: StoredTerms;
  effectiveFrom: string;
  decisionRule: DecisionRule;
}
