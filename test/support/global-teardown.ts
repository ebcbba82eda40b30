import { Client } from 'pg';
import { TEMPLATE_DB } from './db';
import { summariseConformance } from './openapi';

export default async function globalTeardown(): Promise<void> {
  const admin = process.env.TEST_PG_ADMIN_URL;
  if (admin) {
    const c = new Client({ connectionString: admin });
    await c.connect();
    try {
      const rows = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'cp_test_%'`);
      for (const r of rows.rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
      await c.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
    } finally {
      await c.end();
    }
  }
  const server = (globalThis as { __EMBEDDED_PG__?: { stop(): Promise<void> } }).__EMBEDDED_PG__;
  if (server) await server.stop();
  // Each test file already failed on its own mismatches (test/support/app.ts); this is the total.
  const conformance = summariseConformance();
  if (conformance) console.log(`\n${conformance.text}`);
}
