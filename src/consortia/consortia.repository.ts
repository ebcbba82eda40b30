import { Injectable } from '@nestjs/common';
import { updateSet } from '../database/update-set';
import { Sql, type On, type Tx } from '../database/sql';
import type { Consortium } from './consortium.model';
import type { Member } from './member.model';

/** The fields an update of a consortium may change. */
export type ConsortiumChanges = Partial<Pick<Consortium, 'name' | 'deliveryModel'>>;

/** Which consortia a listing covers: all, or those an organisation hosts or is (or was) a member of. */
export type ConsortiumScope = 'all' | { organisationId: string | null };

const CONSORTIUM = `id, name, delivery_model AS "deliveryModel", host_organisation_id AS "hostOrganisationId", start_date AS "startDate",
  archived_at AS "archivedAt", archive_note AS "archiveNote", created_at AS "createdAt", updated_at AS "updatedAt"`;

const MEMBER = `id, consortium_id AS "consortiumId", organisation_id AS "organisationId", joined_on AS "joinedOn", left_on AS "leftOn", created_at AS "createdAt"`;

const CHANGEABLE: Record<keyof ConsortiumChanges, string> = { name: 'name', deliveryModel: 'delivery_model' };

/** The consortium aggregate: consortia and their membership periods (members). */
@Injectable()
export class ConsortiaRepository {
  constructor(private readonly sql: Sql) {}

  // ---------------------------------------------------------------- consortia

  /** One consortium, or null; `forUpdate` locks its row until the transaction ends. */
  find(on: On, id: string, forUpdate = false): Promise<Consortium | null> {
    return this.sql.one<Consortium>(on, `SELECT ${CONSORTIUM} FROM consortia WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  }

  /** A page of consortia by name (then id), restricted to `scope`. */
  async page(on: On, scope: ConsortiumScope, limit: number, offset: number): Promise<{ items: Consortium[]; total: number }> {
    const where = scope === 'all' ? '' : 'WHERE (c.host_organisation_id = $1 OR EXISTS (SELECT 1 FROM members sm WHERE sm.consortium_id = c.id AND sm.organisation_id = $1))';
    const params: unknown[] = scope === 'all' ? [] : [scope.organisationId];
    const n = params.length;
    const items = await this.sql.rows<Consortium>(on, `SELECT ${CONSORTIUM} FROM consortia c ${where} ORDER BY c.name, c.id LIMIT $${n + 1} OFFSET $${n + 2}`, [
      ...params,
      limit,
      offset,
    ]);
    const [{ total }] = await this.sql.rows<{ total: number }>(on, `SELECT count(*)::int AS total FROM consortia c ${where}`, params);
    return { items, total };
  }

  async insert(tx: Tx, c: Pick<Consortium, 'name' | 'deliveryModel' | 'hostOrganisationId' | 'startDate'>): Promise<Consortium> {
    const row = await this.sql.one<Consortium>(
      tx,
      `INSERT INTO consortia (name, delivery_model, host_organisation_id, start_date) VALUES ($1, $2, $3, $4) RETURNING ${CONSORTIUM}`,
      [c.name, c.deliveryModel, c.hostOrganisationId, c.startDate],
    );
    return row!;
  }

  /** Writes the changed fields and stamps updated_at; resolves with the row as stored. */
  async update(tx: Tx, id: string, changes: ConsortiumChanges): Promise<Consortium> {
    const { set, params } = updateSet(CHANGEABLE, changes, 2);
    const row = await this.sql.one<Consortium>(tx, `UPDATE consortia SET ${set} WHERE id = $1 RETURNING ${CONSORTIUM}`, [id, ...params]);
    return row!;
  }

  /** Marks the consortium archived now (with an optional note); resolves with the row as stored. */
  async archive(tx: Tx, id: string, note: string | null): Promise<Consortium> {
    const row = await this.sql.one<Consortium>(tx, `UPDATE consortia SET archived_at = now(), archive_note = $2, updated_at = now() WHERE id = $1 RETURNING ${CONSORTIUM}`, [
      id,
      note,
    ]);
    return row!;
  }

  // ---------------------------------------------------------------- members

  /** Every membership period of a consortium, oldest first. */
  members(on: On, consortiumId: string): Promise<Member[]> {
    return this.sql.rows<Member>(on, `SELECT ${MEMBER} FROM members WHERE consortium_id = $1 ORDER BY joined_on, id`, [consortiumId]);
  }

  /** The membership periods of one organisation in a consortium, oldest first. */
  periods(on: On, consortiumId: string, organisationId: string): Promise<Member[]> {
    return this.sql.rows<Member>(on, `SELECT ${MEMBER} FROM members WHERE consortium_id = $1 AND organisation_id = $2 ORDER BY joined_on`, [consortiumId, organisationId]);
  }

  /** Whether the organisation is, was or will be a member of the consortium (any period). */
  /** Whether the organisation's membership covers today (the database's date). */
  async isMemberToday(on: On, consortiumId: string, organisationId: string): Promise<boolean> {
    const row = await this.sql.one(
      on,
      `SELECT 1 FROM members WHERE consortium_id = $1 AND organisation_id = $2 AND joined_on <= CURRENT_DATE AND (left_on IS NULL OR left_on >= CURRENT_DATE) LIMIT 1`,
      [consortiumId, organisationId],
    );
    return row !== null;
  }

  async hasMember(on: On, consortiumId: string, organisationId: string): Promise<boolean> {
    return (await this.sql.one(on, `SELECT 1 FROM members WHERE consortium_id = $1 AND organisation_id = $2 LIMIT 1`, [consortiumId, organisationId])) !== null;
  }

  /** Which of `organisationIds` have a membership period in the consortium. */
  async memberOrganisationIds(on: On, consortiumId: string, organisationIds: readonly string[]): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(on, `SELECT DISTINCT organisation_id AS id FROM members WHERE consortium_id = $1 AND organisation_id = ANY($2::uuid[])`, [
      consortiumId,
      [...organisationIds],
    ]);
    return rows.map((r) => r.id);
  }

  /** The number of membership periods of organisations other than `organisationId`. */
  async countMembersOtherThan(on: On, consortiumId: string, organisationId: string): Promise<number> {
    const [{ n }] = await this.sql.rows<{ n: number }>(on, `SELECT count(*)::int AS n FROM members WHERE consortium_id = $1 AND organisation_id <> $2`, [
      consortiumId,
      organisationId,
    ]);
    return n;
  }

  async insertMember(tx: Tx, m: Pick<Member, 'consortiumId' | 'organisationId' | 'joinedOn' | 'leftOn'>): Promise<Member> {
    const row = await this.sql.one<Member>(tx, `INSERT INTO members (consortium_id, organisation_id, joined_on, left_on) VALUES ($1, $2, $3, $4) RETURNING ${MEMBER}`, [
      m.consortiumId,
      m.organisationId,
      m.joinedOn,
      m.leftOn,
    ]);
    return row!;
  }

  /** Deletes one membership period (a member added in error). */
  async deleteMember(tx: Tx, memberId: string): Promise<void> {
    await this.sql.exec(tx, `DELETE FROM members WHERE id = $1`, [memberId]);
  }

  async setLeftOn(tx: Tx, memberId: string, leftOn: string | null): Promise<Member> {
    const row = await this.sql.one<Member>(tx, `UPDATE members SET left_on = $2 WHERE id = $1 RETURNING ${MEMBER}`, [memberId, leftOn]);
    return row!;
  }

  // ---------------------------------------------------------------- tenancy

  /** Organisations that are (or were) members of a consortium `organisationId` hosts or is (or was) a member of. */
  async fellowMemberIds(on: On, organisationId: string): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      on,
      `SELECT DISTINCT m.organisation_id AS id FROM members m
         JOIN consortia c ON c.id = m.consortium_id
        WHERE c.host_organisation_id = $1
           OR EXISTS (SELECT 1 FROM members x WHERE x.consortium_id = c.id AND x.organisation_id = $1)`,
      [organisationId],
    );
    return rows.map((r) => r.id);
  }

  /** Every organisation whose membership overlaps firstDay..lastDay, host first, then by first joining. */
  async memberIdsDuring(on: On, consortiumId: string, firstDay: string, lastDay: string): Promise<string[]> {
    const rows = await this.sql.rows<{ organisationId: string }>(
      on,
      `SELECT m.organisation_id AS "organisationId" FROM members m JOIN consortia c ON c.id = m.consortium_id
        WHERE m.consortium_id = $1 AND m.joined_on <= $3 AND (m.left_on IS NULL OR m.left_on >= $2)
        GROUP BY m.organisation_id, c.host_organisation_id
        ORDER BY (m.organisation_id = c.host_organisation_id) DESC, min(m.joined_on), m.organisation_id`,
      [consortiumId, firstDay, lastDay],
    );
    return rows.map((r) => r.organisationId);
  }

  /** Every membership period of a consortium, by joining date, then organisation id. */
  memberPeriods(on: On, consortiumId: string): Promise<Member[]> {
    return this.sql.rows<Member>(on, `SELECT ${MEMBER} FROM members WHERE consortium_id = $1 ORDER BY joined_on, organisation_id, id`, [consortiumId]);
  }

  /** Locks the consortium row FOR SHARE until the transaction ends (nothing happens when there is no such row). */
  async lockForShare(tx: Tx, id: string): Promise<void> {
    await this.sql.exec(tx, `SELECT 1 FROM consortia WHERE id = $1 FOR SHARE`, [id]);
  }
}
