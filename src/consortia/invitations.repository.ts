import { Injectable } from '@nestjs/common';
import { Conditions } from '../database/conditions';
import { Sql, type On, type Tx } from '../database/sql';
import type { Invitation, InvitationStatus } from './invitation.model';

const COLUMNS = `id, consortium_id AS "consortiumId", organisation_id AS "organisationId", to_char(joined_on, 'YYYY-MM-DD') AS "joinedOn", status,
  invited_by AS "invitedBy", decided_by AS "decidedBy", created_at AS "createdAt", decided_at AS "decidedAt"`;

/** invitations: who was asked to join which consortium, and the answer. */
@Injectable()
export class InvitationsRepository {
  constructor(private readonly sql: Sql) {}

  find(on: On, id: string, forUpdate = false): Promise<Invitation | null> {
    return this.sql.one<Invitation>(on, `SELECT ${COLUMNS} FROM invitations WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  }

  async pendingExists(on: On, consortiumId: string, organisationId: string): Promise<boolean> {
    return (await this.sql.one(on, `SELECT 1 FROM invitations WHERE consortium_id = $1 AND organisation_id = $2 AND status = 'pending'`, [consortiumId, organisationId])) !== null;
  }

  async insert(tx: Tx, i: Pick<Invitation, 'consortiumId' | 'organisationId' | 'joinedOn' | 'invitedBy'>): Promise<Invitation> {
    const row = await this.sql.one<Invitation>(tx, `INSERT INTO invitations (consortium_id, organisation_id, joined_on, invited_by) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`, [
      i.consortiumId,
      i.organisationId,
      i.joinedOn,
      i.invitedBy,
    ]);
    return row!;
  }

  async decide(tx: Tx, id: string, status: Exclude<InvitationStatus, 'pending'>, decidedBy: string): Promise<Invitation> {
    const row = await this.sql.one<Invitation>(tx, `UPDATE invitations SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [
      id,
      status,
      decidedBy,
    ]);
    return row!;
  }

  /** Withdraws every pending invitation of a consortium (it is archived); resolves with them as stored. */
  withdrawPending(tx: Tx, consortiumId: string, userId: string): Promise<Invitation[]> {
    return this.sql.rows<Invitation>(
      tx,
      `UPDATE invitations SET status = 'withdrawn', decided_by = $2, decided_at = now() WHERE consortium_id = $1 AND status = 'pending' RETURNING ${COLUMNS}`,
      [consortiumId, userId],
    );
  }

  /** A page of invitations, newest first: of one consortium, to one organisation, or all (admins). */
  async page(
    on: On,
    scope: { consortiumId: string } | { organisationId: string } | 'all',
    status: InvitationStatus | undefined,
    limit: number,
    offset: number,
  ): Promise<{ items: Invitation[]; total: number }> {
    const w = new Conditions();
    if (scope !== 'all' && 'consortiumId' in scope) w.add('consortium_id = ?', scope.consortiumId);
    if (scope !== 'all' && 'organisationId' in scope) w.add('organisation_id = ?', scope.organisationId);
    w.opt('status = ?', status);
    const pg = w.page({ limit, offset });
    const items = await this.sql.rows<Invitation>(on, `SELECT ${COLUMNS} FROM invitations WHERE ${w.where} ORDER BY created_at DESC, id ${pg.sql}`, pg.params);
    const [{ total }] = await this.sql.rows<{ total: number }>(on, `SELECT count(*)::int AS total FROM invitations WHERE ${w.where}`, w.params);
    return { items, total };
  }
}
