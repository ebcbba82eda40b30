import { Injectable } from '@nestjs/common';
import { Conditions } from '../database/conditions';
import { Sql, type On, type Tx } from '../database/sql';
import type { Role } from '../common/enums';
import type { Principal } from './principal';
import type { User, UserRecord } from './user.model';

const COLUMNS = `id, email, role, organisation_id AS "organisationId", disabled_at AS "disabledAt", created_at AS "createdAt", password_temporary AS "passwordTemporary"`;
const PRINCIPAL = `id AS "userId", email, role, organisation_id AS "organisationId"`;

/** users: accounts and their password hashes (read only to sign in and to change a password). */
@Injectable()
export class UsersRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * The accounts with this (lower-case) email that may sign in, with their password hashes, oldest
   * first. An email is unique within an organisation, so a person may hold accounts in two.
   */
  findForLogin(on: On, email: string): Promise<User[]> {
    return this.sql.rows<User>(on, `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM users WHERE email = $1 AND disabled_at IS NULL ORDER BY created_at, id LIMIT 5`, [
      email,
    ]);
  }

  /** One user with its password hash (a password change checks the current one). */
  findWithHash(on: On, id: string): Promise<User | null> {
    return this.sql.one<User>(on, `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM users WHERE id = $1`, [id]);
  }

  find(on: On, id: string, forUpdate = false): Promise<UserRecord | null> {
    return this.sql.one<UserRecord>(on, `SELECT ${COLUMNS} FROM users WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  }

  /** Whether the organisation (null: the platform admins) already has an account with this email. */
  async emailTakenIn(on: On, organisationId: string | null, email: string): Promise<boolean> {
    return (await this.sql.one(on, `SELECT 1 FROM users WHERE email = $1 AND organisation_id IS NOT DISTINCT FROM $2::uuid`, [email, organisationId])) !== null;
  }

  /** `temporaryPassword`: the password was given by an administrator; the user must change it before anything else. */
  async insert(tx: Tx, u: Omit<User, 'id' | 'createdAt' | 'disabledAt' | 'passwordTemporary'>, temporaryPassword = false): Promise<UserRecord> {
    const row = await this.sql.one<UserRecord>(
      tx,
      `INSERT INTO users (email, password_hash, role, organisation_id, password_temporary) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [u.email, u.passwordHash, u.role, u.organisationId, temporaryPassword],
    );
    return row!;
  }

  async update(tx: Tx, id: string, changes: { role?: Role; disabled?: boolean }): Promise<UserRecord> {
    const row = await this.sql.one<UserRecord>(
      tx,
      `UPDATE users SET role = COALESCE($2, role),
              disabled_at = CASE WHEN $3::boolean IS NULL THEN disabled_at WHEN $3 THEN COALESCE(disabled_at, now()) ELSE NULL END
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, changes.role ?? null, changes.disabled ?? null],
    );
    return row!;
  }

  /**
   * The user's own new password in place of the one they proved (`was`, its hash as read): false,
   * nothing changed, when the password changed in between (an administrator's reset committed first).
   */
  async replacePasswordHash(tx: Tx, id: string, was: string, passwordHash: string): Promise<boolean> {
    const row = await this.sql.one<{ id: string }>(tx, `UPDATE users SET password_hash = $3, password_temporary = false WHERE id = $1 AND password_hash = $2 RETURNING id`, [
      id,
      was,
      passwordHash,
    ]);
    return row !== null;
  }

  /** A new password: `temporary` when an administrator gave it (a reset), not when the user chose it. */
  async setPasswordHash(tx: Tx, id: string, passwordHash: string, temporary = false): Promise<void> {
    await this.sql.exec(tx, `UPDATE users SET password_hash = $2, password_temporary = $3 WHERE id = $1`, [id, passwordHash, temporary]);
  }

  /** A page of users by email: all of them, or those of one organisation. */
  async page(on: On, scope: { organisationId: string } | 'all', limit: number, offset: number): Promise<{ items: UserRecord[]; total: number }> {
    const w = new Conditions();
    if (scope !== 'all') w.add('organisation_id = ?', scope.organisationId);
    const pg = w.page({ limit, offset });
    const items = await this.sql.rows<UserRecord>(on, `SELECT ${COLUMNS} FROM users WHERE ${w.where} ORDER BY email, id ${pg.sql}`, pg.params);
    const [{ total }] = await this.sql.rows<{ total: number }>(on, `SELECT count(*)::int AS total FROM users WHERE ${w.where}`, w.params);
    return { items, total };
  }

  async count(on: On): Promise<number> {
    const row = await this.sql.one<{ n: number }>(on, `SELECT count(*)::int AS n FROM users`);
    return row?.n ?? 0;
  }

  /** The first platform admin, as the principal it acts as, or null. */
  firstAdmin(on: On): Promise<Principal | null> {
    return this.sql.one<Principal>(on, `SELECT ${PRINCIPAL} FROM users WHERE role = 'admin' ORDER BY created_at, id LIMIT 1`);
  }

  /** The user of `organisationId` with this (lower-case) email as the principal it acts as, or null. */
  principalByEmail(on: On, email: string, organisationId: string): Promise<Principal | null> {
    return this.sql.one<Principal>(on, `SELECT ${PRINCIPAL} FROM users WHERE email = $1 AND organisation_id = $2`, [email, organisationId]);
  }

  /** The user as the principal it acts as, unless it is disabled or gone. */
  activePrincipal(on: On, id: string): Promise<Principal | null> {
    return this.sql.one<Principal>(on, `SELECT ${PRINCIPAL} FROM users WHERE id = $1 AND disabled_at IS NULL`, [id]);
  }

  /** Active users of these organisations, and these users by id if active (who may be sent mail about a consortium), by email. */
  activeOf(on: On, organisationIds: readonly string[], userIds: readonly string[] = []): Promise<UserRecord[]> {
    if (!organisationIds.length && !userIds.length) return Promise.resolve([]);
    return this.sql.rows<UserRecord>(
      on,
      `SELECT ${COLUMNS} FROM users WHERE disabled_at IS NULL AND (organisation_id = ANY($1::uuid[]) OR id = ANY($2::uuid[])) ORDER BY email, id`,
      [organisationIds, userIds],
    );
  }
}
