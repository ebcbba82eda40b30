import { Injectable } from '@nestjs/common';
import { Sql, type On, type Tx } from '../database/sql';
import type { Principal } from './principal';
import type { User, UserRecord } from './user.model';

const COLUMNS = `id, email, role, organisation_id AS "organisationId", created_at AS "createdAt"`;

/** users: accounts and their password hashes (read only to sign in). */
@Injectable()
export class UsersRepository {
  constructor(private readonly sql: Sql) {}

  /** The user with this (lower-case) email, with its password hash, or null. */
  findForLogin(on: On, email: string): Promise<User | null> {
    return this.sql.one<User>(on, `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM users WHERE email = $1`, [email]);
  }

  find(on: On, id: string): Promise<UserRecord | null> {
    return this.sql.one<UserRecord>(on, `SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  }

  async emailTaken(on: On, email: string): Promise<boolean> {
    return (await this.sql.one(on, `SELECT 1 FROM users WHERE email = $1`, [email])) !== null;
  }

  async insert(tx: Tx, u: Omit<User, 'id' | 'createdAt'>): Promise<UserRecord> {
    const row = await this.sql.one<UserRecord>(tx, `INSERT INTO users (email, password_hash, role, organisation_id) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`, [
      u.email,
      u.passwordHash,
      u.role,
      u.organisationId,
    ]);
    return row!;
  }

  /** A page of users by email: all of them, or those of the given organisations. */
  async page(on: On, organisationIds: readonly string[] | 'all', limit: number, offset: number): Promise<{ items: UserRecord[]; total: number }> {
    const where = organisationIds === 'all' ? '' : 'WHERE organisation_id = ANY($1::uuid[])';
    const params: unknown[] = organisationIds === 'all' ? [] : [[...organisationIds]];
    const n = params.length;
    const items = await this.sql.rows<UserRecord>(on, `SELECT ${COLUMNS} FROM users ${where} ORDER BY email LIMIT $${n + 1} OFFSET $${n + 2}`, [...params, limit, offset]);
    const [{ total }] = await this.sql.rows<{ total: number }>(on, `SELECT count(*)::int AS total FROM users ${where}`, params);
    return { items, total };
  }

  async count(on: On): Promise<number> {
    const row = await this.sql.one<{ n: number }>(on, `SELECT count(*)::int AS n FROM users`);
    return row?.n ?? 0;
  }

  /** The first platform admin, as the principal it acts as, or null. */
  firstAdmin(on: On): Promise<Principal | null> {
    return this.sql.one<Principal>(on, `SELECT id AS "userId", email, role, organisation_id AS "organisationId" FROM users WHERE role = 'admin' ORDER BY created_at, id LIMIT 1`);
  }

  /** The user with this (lower-case) email as the principal it acts as, or null. */
  principalByEmail(on: On, email: string): Promise<Principal | null> {
    return this.sql.one<Principal>(on, `SELECT id AS "userId", email, role, organisation_id AS "organisationId" FROM users WHERE email = $1`, [email]);
  }
}
