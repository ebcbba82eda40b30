import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { typeormOptions } from '../../src/database/typeorm-options';
import { TEMPLATE_DB, withDatabase } from './db';
import { CONFORMANCE_DIR } from './openapi';

/**
 * Once per `jest` run: a PostgreSQL server (DATABASE_URL's server, or the embedded one in
 * data/test-pg), and a template database migrated with the real migrations.
 */
export default async function globalSetup(): Promise<void> {
  fs.rmSync(CONFORMANCE_DIR, { recursive: true, force: true });
  let admin: string;
  if (process.env.DATABASE_URL) {
    admin = process.env.DATABASE_URL;
  } else {
    const port = Number(process.env.TEST_PG_PORT ?? 54339);
    const server = await startEmbeddedPostgres({ dataDir: path.resolve(__dirname, '../../data/test'), port });
    (globalThis as { __EMBEDDED_PG__?: unknown }).__EMBEDDED_PG__ = server;
    admin = server.url('postgres');
    process.env.TEST_PG_DATA_DIR = path.resolve(__dirname, '../../data/test');
  }
  process.env.TEST_PG_ADMIN_URL = admin;
  const c = new Client({ connectionString: admin });
  await c.connect();
  try {
    // Leftovers of an interrupted earlier run.
    const old = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'cp_test_%'`);
    for (const r of old.rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  } finally {
    await c.end();
  }
  const ds = new DataSource({ ...typeormOptions(withDatabase(admin, TEMPLATE_DB)), migrationsRun: false });
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();
}
