/**
 * Many processes, one database (issue 17): several app instances on one PostgreSQL must agree.
 * Each "process" here is a whole app (its own pool, pg-boss, LISTEN connection and caches) on the
 * same database; nothing is shared between them but PostgreSQL.
 */
import type { AddressInfo } from 'node:net';
import * as net from 'node:net';
import { Client } from 'pg';
import { MIGRATIONS } from '../../migrations';
import { ADMIN, createAppOn, createTestApp, type TestApp } from '../support/app';
import { createEmptyDatabase, dropTestDatabase } from '../support/db';

/** Polls `check` until it holds or `ms` pass; resolves with whether it held. */
async function eventually(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function query<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

describe('many processes, one database (e2e)', () => {
  // The whole start path (migrations, seed, pg-boss's schema) of three apps begun together. Apps built in
  // one jest process start partly one after another (module scanning is synchronous), so the race of
  // the migration lock itself is proven in test/medium/migration-lock.medium-spec.ts.
  it('three processes starting at once on an empty database: all start, each migration applied once, one admin', async () => {
    const db = await createEmptyDatabase();
    const apps: TestApp[] = [];
    try {
      const started = await Promise.allSettled([createAppOn(db.url), createAppOn(db.url), createAppOn(db.url)]);
      for (const s of started) if (s.status === 'fulfilled') apps.push(s.value);
      for (const s of started) if (s.status === 'rejected') console.log((s.reason as Error).stack, JSON.stringify(s.reason));
      expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'started'))).toEqual(['started', 'started', 'started']);
      const applied = await query<{ name: string; n: number }>(db.url, `SELECT name, count(*)::int AS n FROM migrations GROUP BY name`);
      expect(applied.length).toBe(MIGRATIONS.length);
      expect(applied.filter((m) => m.n !== 1)).toEqual([]);
      expect(await query(db.url, `SELECT email, role FROM users`)).toEqual([{ email: ADMIN.email, role: 'admin' }]);
      for (const a of apps) await a.http.get('/api/v1/health/ready').expect(200);
    } finally {
      for (const a of apps) await a.close();
      await dropTestDatabase(db.name);
    }
  });

  describe('two API processes', () => {
    let a: TestApp;
    let b: TestApp;
    const env = { SESSION_CHECK_CACHE_MS: '10000', IMPORT_CONCURRENCY_PER_USER: '1' };
    beforeAll(async () => {
      a = await createTestApp(env);
      b = await createAppOn(a.databaseUrl, env);
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
    });

    /** Whether process `t` accepts the token now. */
    const accepted = async (t: TestApp, token: string) => (await t.http.get('/api/v1/auth/me').set('Authorization', token)).status === 200;

    it('a logout on one process is refused by the other at once, not after its session cache (10 s here)', async () => {
      const token = await a.login(ADMIN.email, ADMIN.password);
      expect(await accepted(b, token)).toBe(true); // b now holds "live" in its cache for 10 s
      await a.http.post('/api/v1/auth/logout').set('Authorization', token).expect(204);
      expect(await eventually(3000, async () => !(await accepted(b, token)))).toBe(true);
    });

    it('disabling a user on one process ends its sessions on the other at once', async () => {
      const admin = await a.login(ADMIN.email, ADMIN.password);
      const created = await a.http
        .post('/api/v1/users')
        .set('Authorization', admin)
        .send({ email: 'second.admin@test.example', password: 'second-admin-password', role: 'admin' })
        .expect(201);
      const token = await a.login('second.admin@test.example', 'second-admin-password');
      expect(await accepted(b, token)).toBe(true);
      await a.http
        .patch(`/api/v1/users/${created.body.id as string}`)
        .set('Authorization', admin)
        .send({ disabled: true })
        .expect(200);
      expect(await eventually(3000, async () => !(await accepted(b, token)))).toBe(true);
    });

    it('while its LISTEN connection is down a process keeps no session answers, and it reconnects', async () => {
      const token = await a.login(ADMIN.email, ADMIN.password);
      expect(await accepted(b, token)).toBe(true);
      await query(a.databaseUrl, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'consortium-listen' AND datname = current_database()`);
      // Revoked behind every process's back (no NOTIFY): only a process that asks the database sees it.
      await query(a.databaseUrl, `UPDATE sessions SET revoked_at = now() WHERE revoked_at IS NULL`);
      expect(await eventually(3000, async () => !(await accepted(b, token)))).toBe(true);
      expect(
        await eventually(
          5000,
          async () => (await query(a.databaseUrl, `SELECT 1 FROM pg_stat_activity WHERE application_name = 'consortium-listen' AND datname = current_database()`)).length === 2,
        ),
      ).toBe(true);
      // Listening again: a logout on b reaches a at once.
      const again = await b.login(ADMIN.email, ADMIN.password);
      expect(await accepted(a, again)).toBe(true);
      await b.http.post('/api/v1/auth/logout').set('Authorization', again).expect(204);
      expect(await eventually(3000, async () => !(await accepted(a, again)))).toBe(true);
    });

    it('IMPORT_CONCURRENCY_PER_USER holds across processes: an import running on one makes the other answer 429', async () => {
      const admin = await a.login(ADMIN.email, ADMIN.password);
      const server = a.app.getHttpServer() as import('node:http').Server;
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      const port = (server.address() as AddressInfo).port;
      const path = '/api/v1/benchmarks/returns/import';
      const first = 'organisation,financialYear,function,cost,turnover\n';
      const s = net.connect(port, '127.0.0.1');
      const got: Buffer[] = [];
      s.on('error', () => undefined);
      s.on('data', (d: Buffer) => got.push(d));
      try {
        s.write(
          `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${admin}\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n` +
            `${Buffer.byteLength(first).toString(16)}\r\n${first}\r\n`,
        );
        expect(await eventually(5000, async () => (await query(a.databaseUrl, `SELECT 1 FROM import_slots`)).length === 1)).toBe(true);
        const refused = await b.http.post(path).set('Authorization', admin).set('Content-Type', 'text/csv').send('x\n');
        expect({ status: refused.status, code: (refused.body as { code?: string }).code, retryAfter: refused.headers['retry-after'] }).toEqual({
          status: 429,
          code: 'too_many_imports',
          retryAfter: '5',
        });
        s.write('0\r\n\r\n'); // the upload ends: the import runs and frees its slot
        expect(await eventually(5000, async () => Buffer.concat(got).toString('utf8').startsWith('HTTP/1.1 '))).toBe(true);
        expect(await eventually(5000, async () => (await query(a.databaseUrl, `SELECT 1 FROM import_slots`)).length === 0)).toBe(true);
        const after = await b.http.post(path).set('Authorization', admin).set('Content-Type', 'text/csv').send('x\n');
        expect(after.status).not.toBe(429);
      } finally {
        s.destroy();
        await new Promise<void>((r) => server.close(() => r()));
      }
    });

    it('a slot whose holder died (its lease run out) is taken over; one still leased is not', async () => {
      const admin = await a.login(ADMIN.email, ADMIN.password);
      const [{ id }] = await query<{ id: string }>(a.databaseUrl, `SELECT id FROM users WHERE email = $1`, [ADMIN.email]);
      const path = '/api/v1/benchmarks/returns/import';
      await query(a.databaseUrl, `INSERT INTO import_slots (user_id, slot, holder, expires_at) VALUES ($1, 1, gen_random_uuid(), now() + interval '1 minute')`, [id]);
      expect((await b.http.post(path).set('Authorization', admin).set('Content-Type', 'text/csv').send('x\n')).status).toBe(429);
      await query(a.databaseUrl, `UPDATE import_slots SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [id]);
      expect((await b.http.post(path).set('Authorization', admin).set('Content-Type', 'text/csv').send('x\n')).status).not.toBe(429);
      expect(await query(a.databaseUrl, `SELECT 1 FROM import_slots`)).toEqual([]);
    });
  });
});
