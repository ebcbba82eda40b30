import { Injectable } from '@nestjs/common';
import { Conditions } from '../database/conditions';
import { Sql, type On, type Tx } from '../database/sql';
import type { AuditFilters } from './dto';

/** One row of audit_log as the API shows it. */
export interface AuditEntry {
  id: string;
  at: Date;
  actorUserId: string | null;
  actorEmail: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  consortiumId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditRow {
  actorUserId: string | null;
  actorEmail: string;
  action: string;
  entity: string;
  entityId: string | null;
  consortiumId: string | null;
  before: unknown;
  after: unknown;
}

const COLUMNS = `id, at, actor_user_id AS "actorUserId", actor_email AS "actorEmail", action, entity, entity_id AS "entityId",
  consortium_id AS "consortiumId", before, after`;

/** audit_log: written in the transaction of the change it records; read by admins. */
@Injectable()
export class AuditRepository {
  constructor(private readonly sql: Sql) {}

  async insert(tx: Tx, r: AuditRow): Promise<void> {
    await this.sql.exec(
      tx,
      `INSERT INTO audit_log (actor_user_id, actor_email, action, entity, entity_id, consortium_id, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)`,
      [r.actorUserId, r.actorEmail, r.action, r.entity, r.entityId, r.consortiumId, json(r.before), json(r.after)],
    );
  }

  /**
   * Audit rows for a whole set of changes at once (bulk imports): `select` yields the columns
   * action, entity, entity_id, consortium_id, before, after; its parameters are numbered from $1.
   * Resolves with the number of rows written.
   */
  async insertSelected(tx: Tx, actor: { userId: string | null; email: string }, select: { text: string; params: readonly unknown[] }): Promise<number> {
    const n = select.params.length;
    return this.sql.exec(
      tx,
      `INSERT INTO audit_log (actor_user_id, actor_email, action, entity, entity_id, consortium_id, before, after)
       SELECT $${n + 1}::uuid, $${n + 2}, s.action, s.entity, s.entity_id, s.consortium_id, s.before, s.after FROM (${select.text}) s`,
      [...select.params, actor.userId, actor.email],
    );
  }

  async list(on: On, q: AuditFilters & { consortiumId?: string; limit: number; offset: number }): Promise<{ items: AuditEntry[]; total: number }> {
    // An absent or empty filter is no filter. Days are UTC days; words match case-insensitively, as typed.
    const w = new Conditions()
      .opt('entity = ?', q.entity)
      .opt('entity_id = ?', q.entityId)
      .opt('consortium_id = ?', q.consortiumId)
      .opt('action = ?', q.action)
      .opt(`actor_email ILIKE ? ESCAPE '\\'`, like(q.actor))
      .opt(`at >= (?::date)::timestamp AT TIME ZONE 'UTC'`, q.from)
      .opt(`at < (?::date + 1)::timestamp AT TIME ZONE 'UTC'`, q.to)
      .opt(`concat_ws(' ', entity, entity_id, action, actor_email, before::text, after::text) ILIKE ? ESCAPE '\\'`, like(q.q));
    const page = w.page(q);
    const items = await this.sql.rows<AuditEntry>(on, `SELECT ${COLUMNS} FROM audit_log WHERE ${w.where} ORDER BY id DESC ${page.sql}`, page.params);
    const [{ total }] = await this.sql.rows<{ total: number }>(on, `SELECT count(*)::int AS total FROM audit_log WHERE ${w.where}`, w.params);
    return { items, total };
  }
}

/** `%words%` for ILIKE, its wildcards escaped; undefined for no words. */
function like(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
}

function json(v: unknown): string | null {
  return v === null || v === undefined ? null : JSON.stringify(v);
}
