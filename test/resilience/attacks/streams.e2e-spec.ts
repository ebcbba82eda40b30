/**
 * Attacks of issue 12 on the streamed routes, over real sockets against a listening app (127.0.0.1
 * only): clients that stop reading an export and reset the connection (finding 2), and clients that
 * send a CSV import a byte at a time (finding 3). Both used to hold pooled database connections (and,
 * for imports, the consortium's row lock) for as long as the client liked.
 */
import type { AddressInfo } from 'node:net';
import * as net from 'node:net';
import { Client } from 'pg';
import { ADMIN, createTestApp, type TestApp } from '../../support/app';
import { buildWorkedExample } from '../../support/worked-example';
import { org } from '../../support/world';

jest.setTimeout(120000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Resolves with `value` after `ms`, without keeping the process alive (a bound raced against an event). */
const after = <T>(ms: number, value: T) => new Promise<T>((r) => setTimeout(() => r(value), ms).unref());

/** A test app listening on 127.0.0.1, its base URL, and the admin's token. */
async function listening(env: Record<string, string> = {}): Promise<{ t: TestApp; base: string; port: number; admin: string }> {
  const t = await createTestApp(env);
  await t.app.listen(0, '127.0.0.1');
  const port = (t.app.getHttpServer().address() as AddressInfo).port;
  return { t, port, base: `http://127.0.0.1:${port}/api/v1`, admin: await t.login(ADMIN.email, ADMIN.password) };
}

/** Closes an app; one that cannot close (its pool held by a stuck request, as before the fix) is left behind after 10 s. */
async function closeBounded(t: TestApp): Promise<void> {
  await Promise.race([t.close(), after(10000, undefined)]);
}

async function call(base: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15000),
  }).catch((e: Error) => ({ status: 0, json: () => Promise.resolve({ error: e.message }) }));
  return { status: res.status, body: await res.json().catch(() => null) };
}

async function consortium(base: string, admin: string, hostOrgId: string): Promise<string> {
  const c = await call(base, admin, 'POST', '/consortia', { name: `Streams ${Date.now()}`, deliveryModel: 'cooperative', hostOrganisationId: hostOrgId, startDate: '2025-04-01' });
  if (c.status !== 201) throw new Error(`consortium: ${c.status} ${JSON.stringify(c.body)}`);
  const id = (c.body as { id: string }).id;
  const sl = await call(base, admin, 'POST', `/consortia/${id}/service-lines`, { code: 'PAY', name: 'Payroll', function: 'payroll', classification: 'transactional' });
  if (sl.status !== 201) throw new Error(`service line: ${sl.status} ${JSON.stringify(sl.body)}`);
  return id;
}

/** Sessions of the app's database running (not idle) a statement that contains `text`. */
async function busyWith(pg: Client, text: string): Promise<number> {
  const r = await pg.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle' AND query LIKE $1`,
    [`%${text}%`],
  );
  return r.rows[0].n;
}

/** Polls `check` every 100 ms until it holds or `ms` have passed; returns whether it held and when. */
async function within(ms: number, check: () => Promise<boolean>): Promise<{ ok: boolean; after: number }> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (await check()) return { ok: true, after: Date.now() - start };
    await sleep(100);
  }
  return { ok: false, after: Date.now() - start };
}

describe('attacks of issue 12: streams that hold connections hostage (resilience)', () => {
  it('finding 2: 25 abandoned exports, then a healthy API within 5 s', async () => {
    const { t, base, port, admin } = await listening();
    const pg = new Client({ connectionString: t.databaseUrl });
    await pg.connect();
    const sockets: net.Socket[] = [];
    try {
      // About 7 MB of CSV per export (long organisation names), far more than the socket buffers
      // between a server and a client that reads nothing hold.
      const long = (s: string) => `${s} ${'x'.repeat(180)}`;
      const host = await org(t, admin, { name: long('Export host'), odsCode: `EXH${process.pid % 1000}` });
      const member = await org(t, admin, { name: long('Export member'), odsCode: `EXM${process.pid % 1000}` });
      const id = await consortium(base, admin, host);
      expect((await call(base, admin, 'POST', `/consortia/${id}/members`, { organisationId: member, joinedOn: '2025-04-01' })).status).toBe(201);
      await pg.query(
        `INSERT INTO measurements (consortium_id, service_line_id, kpi_code, organisation_id, month, value)
         SELECT $1, sl.id, k.code, o.id, to_char(date '1900-01-01' + make_interval(months => m), 'YYYY-MM'), 1.5
           FROM service_lines sl
           CROSS JOIN (SELECT code FROM kpis ORDER BY code LIMIT 4) k
           CROSS JOIN (VALUES ($2::uuid), ($3::uuid), (NULL::uuid)) AS o(id)
           CROSS JOIN generate_series(0, 2999) m
          WHERE sl.consortium_id = $1`,
        [id, host, member],
      );

      // 25 exports whose clients read nothing (more than the pool's 20 connections).
      for (let i = 0; i < 25; i++) {
        const s = net.connect(port, '127.0.0.1');
        s.on('error', () => undefined);
        s.pause();
        s.write(`GET /api/v1/consortia/${id}/measurements/export HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${admin}\r\n\r\n`);
        sockets.push(s);
      }
      // The exports hold their connections while their clients do not read.
      const held = await within(15000, async () => (await busyWith(pg, 'FROM measurements x')) >= 20);
      expect(held.ok).toBe(true);
      await sleep(500);

      // The clients reset their connections.
      for (const s of sockets) s.resetAndDestroy();
      const healthy = await within(5000, async () => {
        const [health, list] = await Promise.all([call(base, '', 'GET', '/health'), call(base, admin, 'GET', `/consortia/${id}/measurements?limit=1`)]);
        return health.status === 200 && list.status === 200;
      });
      expect(healthy).toMatchObject({ ok: true });
      // And every export's connection is back in the pool.
      expect((await within(5000, async () => (await busyWith(pg, 'FROM measurements x')) === 0)).ok).toBe(true);
    } finally {
      for (const s of sockets) s.destroy();
      await pg.end();
      await closeBounded(t);
    }
  });

  it('finding 3: 20 slow uploads while health and a month close answer', async () => {
    // The per-user cap is raised so that all 20 uploads are taken: the spool, not the cap, is tested here.
    const { t, base, port, admin } = await listening({ IMPORT_CONCURRENCY_PER_USER: '25' });
    const sockets: net.Socket[] = [];
    const answered: string[] = [];
    let trickle: NodeJS.Timeout | undefined;
    try {
      // The worked example: a consortium with an approved agreement whose first month has ended.
      const id = (await buildWorkedExample(t, admin)).consortiumId;

      // 20 chunked CSV uploads sending the header, then one byte a second.
      for (let i = 0; i < 20; i++) {
        const s = net.connect(port, '127.0.0.1');
        s.on('error', () => undefined);
        s.on('data', (d: Buffer) => answered.push(d.toString('latin1').split('\r\n')[0]));
        const head = 'kpiCode,serviceLine,organisation,month,value\n';
        s.write(
          `POST /api/v1/consortia/${id}/measurements/import HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${admin}\r\n` +
            `Content-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n${head.length.toString(16)}\r\n${head}\r\n`,
        );
        sockets.push(s);
      }
      const row = 'PAY_ACCURACY,PAY,,2025-04,99.1\n';
      let sent = 0;
      trickle = setInterval(() => {
        const c = row[sent++ % row.length];
        for (const s of sockets) if (!s.destroyed) s.write(`1\r\n${c}\r\n`);
      }, 1000);
      await sleep(2000);

      // Health and a month close answer while the uploads are still trickling.
      const health = await call(base, '', 'GET', '/health');
      expect(health).toEqual({ status: 200, body: { status: 'ok', db: 'up' } });
      const started = Date.now();
      const close = await call(base, admin, 'POST', `/consortia/${id}/months/2025-04/close`);
      expect({ status: close.status, fast: Date.now() - started < 10000 }).toEqual({ status: 201, fast: true });
      expect(answered).toEqual([]);
      expect(sockets.filter((s) => s.destroyed)).toHaveLength(0);
    } finally {
      clearInterval(trickle);
      for (const s of sockets) s.destroy();
      await closeBounded(t);
    }
  });

  describe('the bounds behind the fixes', () => {
    let app: { t: TestApp; base: string; port: number; admin: string };
    let id: string;
    beforeAll(async () => {
      app = await listening({ EXPORT_STALL_TIMEOUT_MS: '1000', IMPORT_UPLOAD_TIMEOUT_MS: '1500' });
      id = await consortium(app.base, app.admin, await org(app.t, app.admin, { odsCode: `BND${process.pid % 1000}` }));
    });
    afterAll(() => closeBounded(app.t));

    /** A chunked text/csv POST that sends its first chunk and then nothing; collects what comes back. */
    const slowUpload = (path: string, first: string) => {
      const s = net.connect(app.port, '127.0.0.1');
      const got: Buffer[] = [];
      s.on('error', () => undefined);
      s.on('data', (d: Buffer) => got.push(d));
      s.write(
        `POST /api/v1${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${app.admin}\r\n` +
          `Content-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n${Buffer.byteLength(first).toString(16)}\r\n${first}\r\n`,
      );
      return { socket: s, text: () => Buffer.concat(got).toString('utf8') };
    };

    it('an export whose client stops reading (without leaving) is cut after EXPORT_STALL_TIMEOUT_MS and its connection freed', async () => {
      const pg = new Client({ connectionString: app.t.databaseUrl });
      await pg.connect();
      const s = net.connect(app.port, '127.0.0.1');
      try {
        await pg.query(
          `INSERT INTO measurements (consortium_id, service_line_id, kpi_code, organisation_id, month, value)
           SELECT $1, sl.id, k.code, NULL, to_char(date '1900-01-01' + make_interval(months => m), 'YYYY-MM'), 1.5
             FROM service_lines sl CROSS JOIN (SELECT code FROM kpis ORDER BY code LIMIT 20) k CROSS JOIN generate_series(0, 7999) m
            WHERE sl.consortium_id = $1`,
          [id],
        );
        s.on('error', () => undefined);
        s.pause();
        const closed = new Promise<number>((r) => s.once('close', () => r(Date.now())));
        const sent = Date.now();
        s.write(`GET /api/v1/consortia/${id}/measurements/export HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${app.admin}\r\n\r\n`);
        expect((await within(5000, async () => (await busyWith(pg, 'FROM measurements x')) === 1)).ok).toBe(true);
        // The server gives up on the silent client: the export's connection is released and the socket closed.
        expect((await within(8000, async () => (await busyWith(pg, 'FROM measurements x')) === 0)).ok).toBe(true);
        s.resume(); // read what was buffered, so that the server's close arrives
        expect((await Promise.race([closed, after(15000, Infinity)])) - sent).toBeLessThan(15000);
      } finally {
        s.destroy();
        await pg.end();
      }
    });

    it('an upload that has not arrived within IMPORT_UPLOAD_TIMEOUT_MS is 408 naming the file, and its connection is closed', async () => {
      const u = slowUpload(`/consortia/${id}/measurements/import`, 'kpiCode,serviceLine,organisation,month,value\n');
      const closed = new Promise<void>((r) => u.socket.once('close', () => r()));
      await Promise.race([closed, after(10000, undefined)]);
      const text = u.text();
      expect(text.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
      expect(text).toMatch(/connection: close/i);
      const body = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as { code: string; errors: unknown[] };
      expect(body).toMatchObject({ code: 'upload_timeout', errors: [{ field: 'file' }] });
    });

    it('a user runs at most IMPORT_CONCURRENCY_PER_USER (2) imports at once: the third is 429 with Retry-After, measurements and benchmark returns alike', async () => {
      const a = slowUpload(`/consortia/${id}/measurements/import`, 'kpiCode,serviceLine,organisation,month,value\n');
      const b = slowUpload('/benchmarks/returns/import', 'organisation,financialYear,function,cost,turnover\n');
      try {
        await sleep(300);
        for (const path of [`/consortia/${id}/measurements/import`, '/benchmarks/returns/import']) {
          const res = await fetch(`${app.base}${path}`, { method: 'POST', headers: { authorization: app.admin, 'content-type': 'text/csv' }, body: 'x\n' });
          expect({ status: res.status, retryAfter: res.headers.get('retry-after'), code: ((await res.json()) as { code: string }).code }).toEqual({
            status: 429,
            retryAfter: '5',
            code: 'too_many_imports',
          });
        }
      } finally {
        a.socket.destroy();
        b.socket.destroy();
      }
      // Their slots are free again once they have ended (here: timed out or gone).
      const freed = await within(5000, async () => {
        const res = await fetch(`${app.base}/consortia/${id}/measurements/import`, { method: 'POST', headers: { authorization: app.admin, 'content-type': 'text/csv' }, body: '' });
        return res.status === 400;
      });
      expect(freed.ok).toBe(true);
    });
  });
});
