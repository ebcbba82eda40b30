import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { Role } from '../common/enums';
import { Sql, type On, type Tx } from '../database/sql';

/** What the start-up seed reads and writes itself: its lock and its mark in app_meta; and, for now, a few user and organisation reads. */
@Injectable()
export class SeedRepository {
  constructor(private readonly sql: Sql) {}

  /** One seeder at a time, even with several app instances on one database (held until `tx` ends). */
  async lock(tx: Tx): Promise<void> {
    await this.sql.exec(tx, `SELECT pg_advisory_xact_lock(727001)`);
  }

  async demoSeeded(on: On): Promise<boolean> {
    return (await this.sql.one(on, `SELECT 1 FROM app_meta WHERE key = 'demo_seeded'`)) !== null;
  }

  async markDemoSeeded(tx: Tx, value: { consortiumId: string; at: string }): Promise<void> {
    await this.sql.exec(tx, `INSERT INTO app_meta (key, value) VALUES ('demo_seeded', $1)`, [JSON.stringify(value)]);
  }

  // INTEGRATOR: belongs to auth — wants UsersService.count() (or UsersRepository.count).
  async userCount(on: On): Promise<number> {
    const row = await this.sql.one<{ n: number }>(on, `SELECT count(*)::int AS n FROM users`);
    return row?.n ?? 0;
  }

  // INTEGRATOR: belongs to auth — wants UsersRepository.insert(tx, user): the first admin, created before anyone can act.
  async insertUser(tx: Tx, u: { email: string; passwordHash: string; role: Role; organisationId: string | null }): Promise<void> {
    await this.sql.exec(tx, `INSERT INTO users (email, password_hash, role, organisation_id) VALUES ($1, $2, $3, $4)`, [u.email, u.passwordHash, u.role, u.organisationId]);
  }

  // INTEGRATOR: belongs to auth — wants UsersService.exists(email).
  async userExists(on: On, email: string): Promise<boolean> {
    return (await this.sql.one(on, `SELECT 1 FROM users WHERE email = $1`, [email])) !== null;
  }

  // INTEGRATOR: belongs to auth — wants UsersService.firstAdmin(): the platform admin the seed acts as.
  firstAdmin(on: On): Promise<Principal | null> {
    return this.sql.one<Principal>(on, `SELECT id AS "userId", email, role, organisation_id AS "organisationId" FROM users WHERE role = 'admin' ORDER BY created_at, id LIMIT 1`);
  }

  // INTEGRATOR: belongs to auth — wants UsersService.principalByEmail(email): the demo host admin the demo activity is entered as.
  principalByEmail(on: On, email: string): Promise<Principal | null> {
    return this.sql.one<Principal>(on, `SELECT id AS "userId", email, role, organisation_id AS "organisationId" FROM users WHERE email = $1`, [email]);
  }

  // INTEGRATOR: belongs to organisations — wants OrganisationsService.idByOdsCode(odsCode).
  async organisationIdByOdsCode(on: On, odsCode: string): Promise<string | null> {
    const row = await this.sql.one<{ id: string }>(on, `SELECT id FROM organisations WHERE ods_code = $1`, [odsCode]);
    return row?.id ?? null;
  }
}
