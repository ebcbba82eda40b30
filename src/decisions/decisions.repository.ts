import { Injectable } from '@nestjs/common';
import { Conditions } from '../database/conditions';
import { Sql, type On, type Tx } from '../database/sql';

/** One entry of a consortium's decisions log (domain.md §13). */
export interface DecisionEntry {
  id: string;
  consortiumId: string;
  at: Date;
  /** e.g. `agreement_proposed`, `vote_cast`, `agreement_approved`, `agreement_rejected`, `member_joined`, `month_closed`. */
  kind: string;
  /** The entry in plain English, as a board paper would minute it. */
  summary: string;
  actorUserId: string | null;
  /** The organisation that acted (votes are an organisation's, not a person's). */
  actorOrganisationId: string | null;
  actorRole: string | null;
  /** What the entry is about: `{ version?, organisationId?, month?, vote?, … }`. */
  subject: Record<string, unknown>;
}

export interface NewDecision {
  consortiumId: string;
  kind: string;
  summary: string;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  actorRole: string | null;
  subject: Record<string, unknown>;
}

/** The filters of the decisions log (GET …/decisions). */
export interface DecisionFilters {
  kind?: string;
  from?: string;
  to?: string;
  q?: string;
}

const COLUMNS = `id, consortium_id AS "consortiumId", at, kind, summary, actor_user_id AS "actorUserId", actor_organisation_id AS "actorOrganisationId",
  actor_role AS "actorRole", subject`;

/** consortium_decisions: written in the transaction of what it records, never changed. */
@Injectable()
export class DecisionsRepository {
  constructor(private readonly sql: Sql) {}

  async insert(tx: Tx, d: NewDecision): Promise<void> {
    await this.sql.exec(
      tx,
      `INSERT INTO consortium_decisions (consortium_id, kind, summary, actor_user_id, actor_organisation_id, actor_role, subject) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
      [d.consortiumId, d.kind, d.summary, d.actorUserId, d.actorOrganisationId, d.actorRole, JSON.stringify(d.subject)],
    );
  }

  /** Newest first; each filter when given (days are UTC days; `q`: words in the summary, case-insensitive). */
  async list(on: On, consortiumId: string, q: DecisionFilters & { limit: number; offset: number }): Promise<{ items: DecisionEntry[]; total: number }> {
    const w = new Conditions()
      .add('consortium_id = ?', consortiumId)
      .opt('kind = ?', q.kind)
      .opt(`at >= (?::date)::timestamp AT TIME ZONE 'UTC'`, q.from)
      .opt(`at < (?::date + 1)::timestamp AT TIME ZONE 'UTC'`, q.to)
      .opt(`summary ILIKE ? ESCAPE '\\'`, q.q?.trim() ? `%${q.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined);
    const page = w.page(q);
    const items = await this.sql.rows<DecisionEntry>(on, `SELECT ${COLUMNS} FROM consortium_decisions WHERE ${w.where} ORDER BY id DESC ${page.sql}`, page.params);
    const [{ total }] = await this.sql.rows<{ total: number }>(on, `SELECT count(*)::int AS total FROM consortium_decisions WHERE ${w.where}`, w.params);
    return { items: items.map((r) => ({ ...r, id: String(r.id) })), total };
  }
}
