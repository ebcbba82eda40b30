/**
 * SIGTERM during in-flight requests: they complete, then the process exits 0. Runs the real entry
 * point (src/main.ts) as a child process on its own test database.
 */
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase } from '../support/db';

jest.setTimeout(120000);

const ROOT = path.resolve(__dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe('graceful shutdown (resilience)', () => {
  it('finishes in-flight requests after SIGTERM, then exits 0', async () => {
    const db = await createTestDatabase();
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        PORT: String(port),
        NODE_ENV: 'test',
        DEMO_MODE: 'false',
        ADMIN_EMAIL: 'admin@sigterm.example',
        ADMIN_PASSWORD: 'admin-password-123',
        JWT_SECRET: 'sigterm-secret-sigterm-secret-sigterm-secret',
        LOG_LEVEL: 'silent',
        // Three imports of one user at once (the default cap is 2).
        IMPORT_CONCURRENCY_PER_USER: '3',
        DATA_DIR: path.join(ROOT, 'data', 'test-sigterm'),
        // three 15,000-row imports with one month per key run far past the default window's 2100
        DATE_WINDOW_END: '9999-12-31',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}/api/v1`;
    try {
      for (let i = 0; i < 600; i++) {
        if (child.exitCode !== null) throw new Error(`app exited early:\n${output}`);
        const ok = await fetch(`${base}/health`)
          .then((r) => r.ok)
          .catch(() => false);
        if (ok) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const login = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@sigterm.example', password: 'admin-password-123' }),
      });
      const token = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
      const post = (p: string, body: unknown) =>
        fetch(`${base}${p}`, { method: 'POST', headers: { authorization: token, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const host = (await (await post('/organisations', { name: 'Host', odsCode: 'SGH', type: 'acute_trust', annualTurnover: '1.00', headcount: '1' })).json()) as { id: string };
      const c = (await (await post('/consortia', { name: 'Shutdown', deliveryModel: 'cooperative', hostOrganisationId: host.id, startDate: '2025-04-01' })).json()) as {
        id: string;
      };
      await post(`/consortia/${c.id}/service-lines`, { code: 'PAY', name: 'Payroll', function: 'payroll', classification: 'transactional' });

      // Three imports of 15,000 rows each take about a second: SIGTERM arrives while they run.
      const csv = (k: number) => {
        const lines = ['kpiCode,serviceLine,organisation,month,value'];
        for (let i = 0; i < 15000; i++) lines.push(`PAY_COST_PER_PAYSLIP,PAY,SGH,${2026 + k * 1300 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')},5.${i % 100}`);
        return lines.join('\n');
      };
      const inflight = [0, 1, 2].map((k) =>
        fetch(`${base}/consortia/${c.id}/measurements/import`, { method: 'POST', headers: { authorization: token, 'content-type': 'text/csv' }, body: csv(k) }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { accepted?: number },
          at: Date.now(),
        })),
      );
      await new Promise((r) => setTimeout(r, 250));
      const signalledAt = Date.now();
      child.kill('SIGTERM');
      const results = await Promise.all(inflight);
      const code = await exited;
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(results.every((r) => r.body.accepted === 15000)).toBe(true);
      expect(code).toBe(0);
      // the signal really arrived while requests were running
      expect(results.filter((r) => r.at > signalledAt).length).toBeGreaterThan(0);
      expect(output).toMatch(/SIGTERM received/);
      const pg = new Client({ connectionString: db.url });
      await pg.connect();
      const n = await pg.query(`SELECT count(*)::int AS n FROM measurements`);
      await pg.end();
      expect(n.rows[0].n).toBe(45000);
      // and it no longer listens
      await expect(fetch(`${base}/health`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await dropTestDatabase(db.name);
    }
  });
});
