/**
 * Test databases. globalSetup finds a PostgreSQL server (DATABASE_URL's, or an embedded one started
 * for the run), builds a template database with every migration applied, and each test file clones
 * it (CREATE DATABASE … TEMPLATE) so files run in parallel on real, isolated databases.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEMPLATE_DB = 'cp_test_template';

export function adminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url) throw new Error('TEST_PG_ADMIN_URL is not set: run the tests through jest (globalSetup sets it)');
  return url;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(sql: string, params: unknown[] = []): Promise<void> {
  const c = new Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    await c.query(sql, params);
  } finally {
    await c.end();
  }
}

/** A fresh database cloned from the migrated template; returns its URL. */
export async function createTestDatabase(): Promise<{ name: string; url: string }> {
  const name = `cp_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`);
  return { name, url: withDatabase(adminUrl(), name) };
}

export async function dropTestDatabase(name: string): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** A fresh empty database (no template: no migration applied), for start-up tests; returns its URL. */
export async function createEmptyDatabase(): Promise<{ name: string; url: string }> {
  const name = `cp_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE template0`);
  return { name, url: withDatabase(adminUrl(), name) };
}
