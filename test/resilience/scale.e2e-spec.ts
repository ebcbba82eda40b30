/**
 * Many processes, one database (issue 17): two API processes (REPORT_WORKER=false) and two worker
 * processes (src/worker.ts), real child processes on one test database. Mixed load through both APIs
 * (bounded: 8 requests in flight, loopback), statement batches queued, and half-way one API process
 * and one worker are killed with SIGKILL. Then:
 *  - every write that was acknowledged (2xx) is in the database, once;
 *  - every queued batch completes with exactly one PDF per member and one `batch.finished`, and each
 *    member's pg-boss job ended completed (a job the killed worker held is retried by the other);
 *  - login throttling is shared: wrong passwords alternated between the two APIs lock the account on
 *    both after LOGIN_RATE_LIMIT attempts in total;
 *  - a schedule fires once (written against the schedules module's `schedule_runs`).
 * Every process is killed in afterAll whatever happened.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase } from '../support/db';

jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '../..');
const ADMIN = { email: 'admin@scale.example', password: 'admin-password-123' };
const PW = 'password-1234567';
const LOGIN_RATE_LIMIT = 5;
const MEMBERS = 10; // the host and nine partners
const IN_FLIGHT = 8;
const BATCHES: [string, string][] = [
  ['2025-04', '2025-04'],
  ['2025-05', '2025-05'],
  ['2025-04', '2025-06'],
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value (not undefined) or the deadline passes. */
async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>, every = 250): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out: ${what}${last ? ` (last error: ${last instanceof Error ? last.message : JSON.stringify(last)})` : ''}`);
    await sleep(every);
  }
}

interface Proc {
  name: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

interface Api extends Proc {
  base: string;
}

interface Res {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One HTTP call; a connection that fails (e.g. the process was killed) is status 0. */
async function call(base: string, method: string, p: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Res> {
  try {
    const r = await fetch(`${base}/api/v1${p}`, {
      method,
      headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(opts.token ? { authorization: opts.token } : {}), ...opts.headers },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await r.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: r.status, body };
  } catch {
    return { status: 0, body: null };
  }
}

async function must(res: Promise<Res>, what: string): Promise<Res['body']> {
  const r = await res;
  if (r.status < 200 || r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

describe('scale: two API processes and two workers on one database (resilience)', () => {
  let db: { name: string; url: string };
  let pg: Client;
  let dataDir: string;
  const procs: Proc[] = [];
  let api1: Api;
  let api2: Api;

  function start(name: string, entry: string, env: Record<string, string>): Proc {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', entry], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        NODE_ENV: 'test',
        JWT_SECRET: 'scale-secret-scale-secret-scale-secret-0123',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        DEMO_MODE: 'false',
        LOG_LEVEL: 'warn',
        LOGIN_RATE_LIMIT: String(LOGIN_RATE_LIMIT),
        LOGIN_ADDRESS_RATE_LIMIT: '100000',
        JOB_POLL_SECONDS: '1',
        // a member job whose worker was killed is retried soon after (the defaults are minutes)
        REPORT_MEMBER_TIMEOUT_SECONDS: '20',
        JOB_MAINTENANCE_SECONDS: '5',
        SCHEDULE_TICK_CRON: '* * * * *',
        DATA_DIR: path.join(dataDir, name),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const proc = { name, child, output: () => out, exited };
    procs.push(proc);
    return proc;
  }

  async function startApi(name: string): Promise<Api> {
    const port = await freePort();
    const proc = start(name, 'src/main.ts', { REPORT_WORKER: 'false', PORT: String(port) });
    const base = `http://127.0.0.1:${port}`;
    await until(`${name} healthy`, 150_000, async () => {
      if (proc.child.exitCode !== null) throw new Error(`${name} exited:\n${proc.output()}`);
      return (await call(base, 'GET', '/health')).status === 200 ? true : undefined;
    });
    return { ...proc, base };
  }

  async function startWorker(name: string): Promise<Proc> {
    const proc = start(name, 'src/worker.ts', {});
    await until(`${name} started`, 150_000, () => {
      if (proc.child.exitCode !== null) throw new Error(`${name} exited:\n${proc.output()}`);
      return Promise.resolve(proc.output().includes('Worker started') ? true : undefined);
    });
    return proc;
  }

  async function login(base: string, email: string, password: string): Promise<string> {
    const body = await must(call(base, 'POST', '/auth/login', { body: { email, password } }), `login ${email}`);
    return `Bearer ${body.accessToken}`;
  }

  // the consortium, built through API 1
  let consortiumId: string;
  let orgIds: string[];
  let lineId: string;
  let host: { email: string; token1: string; token2: string };
  let admin1: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-scale-'));
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    // the first API applies migrations and seeds the admin alone; the others then start together
    api1 = await startApi('api1');
    [api2] = await Promise.all([startApi('api2'), startWorker('worker1'), startWorker('worker2')]);

    admin1 = await login(api1.base, ADMIN.email, ADMIN.password);
    orgIds = [];
    for (let i = 0; i < MEMBERS; i++) {
      const o = await must(
        call(api1.base, 'POST', '/organisations', {
          token: admin1,
          body: { name: `Scale trust ${i} ${Date.now()}`, type: i === 0 ? 'acute_trust' : 'community_trust', annualTurnover: `${100 + i}000000.00`, headcount: `${1000 + i}` },
        }),
        `organisation ${i}`,
      );
      orgIds.push(o.id);
    }
    const c = await must(
      call(api1.base, 'POST', '/consortia', {
        token: admin1,
        body: { name: `Scale ${Date.now()}`, deliveryModel: 'cooperative', hostOrganisationId: orgIds[0], startDate: '2025-04-01' },
      }),
      'consortium',
    );
    consortiumId = c.id;
    for (const o of orgIds.slice(1)) {
      await must(call(api1.base, 'POST', `/consortia/${consortiumId}/members`, { token: admin1, body: { organisationId: o, joinedOn: '2025-04-01' } }), 'member');
    }
    const line = await must(
      call(api1.base, 'POST', `/consortia/${consortiumId}/service-lines`, {
        token: admin1,
        body: { code: 'PAY', name: 'Payroll', function: 'payroll', classification: 'transactional' },
      }),
      'service line',
    );
    lineId = line.id;
    const exit = { minimumTermMonths: 36, noticeMonths: 6, earlyTerminationPercent: '25', strandedCostMonths: 12, fixedCostPercent: '40', amortisationMonths: 60 };
    await must(
      call(api1.base, 'PUT', `/consortia/${consortiumId}/agreement`, { token: admin1, body: { model: 'cooperative', basis: 'equal', managementFeePercent: '2.5', exit } }),
      'agreement',
    );
    await must(call(api1.base, 'POST', `/consortia/${consortiumId}/agreement/approve`, { token: admin1 }), 'approve');
    const email = `host-${Date.now()}@scale.example`;
    await must(call(api1.base, 'POST', '/users', { token: admin1, body: { email, password: PW, role: 'host_admin', organisationId: orgIds[0] } }), 'host user');
    host = { email, token1: await login(api1.base, email, PW), token2: await login(api2.base, email, PW) };
    // Schedules due whatever today is: the board pack from the first working day of the month on
    // (caught up until the month ends), and before that day the reminder about last month (counted
    // back 10 working days from this month's first working day). Every worker ticks each minute.
    await must(
      call(api2.base, 'PUT', `/consortia/${consortiumId}/schedules`, { token: host.token2, body: { boardPackWorkingDay: 1, reminderWorkingDaysBefore: 10 } }),
      'schedules',
    );
  });

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(procs.map((p) => p.exited));
    await pg?.end().catch(() => undefined);
    if (db) await dropTestDatabase(db.name);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('login throttling holds across both APIs: wrong passwords alternated between them lock the account on both', async () => {
    const email = `throttled-${Date.now()}@scale.example`;
    await must(call(api1.base, 'POST', '/users', { token: admin1, body: { email, password: PW, role: 'partner_user', organisationId: orgIds[1] } }), 'user');
    const apis = [api1, api2];
    for (let i = 0; i < LOGIN_RATE_LIMIT; i++) {
      const r = await call(apis[i % 2].base, 'POST', '/auth/login', { body: { email, password: `wrong-password-${i}` } });
      expect(r.status).toBe(401);
    }
    // the limit is reached in total, not per process: both refuse now, even the right password
    for (const a of apis) {
      expect((await call(a.base, 'POST', '/auth/login', { body: { email, password: 'wrong-password-x' } })).status).toBe(429);
      expect((await call(a.base, 'POST', '/auth/login', { body: { email, password: PW } })).status).toBe(429);
    }
  });

  // what the load did, for the assertions after it
  const acknowledged = {
    costs: [] as { key: string; id: string; description: string }[],
    measurements: [] as { organisationId: string; month: string; value: string }[],
    lines: [] as { code: string; id: string }[],
  };
  const batchIds: string[] = [];
  let killedAt = 0;
  let pendingAtKill = 0;

  it('takes mixed load through both APIs while one API process and one worker are killed, and loses no acknowledged write', async () => {
    const months = ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09'];
    type Op = (base: string, token: string) => Promise<void>;
    const ops: Op[] = [];
    // statement batches first: their member jobs are being rendered when the worker is killed
    for (const [from, to] of BATCHES) {
      ops.push(async (base, token) => {
        const r = await call(base, 'POST', `/consortia/${consortiumId}/reports/statements`, { token, body: { from, to } });
        if (r.status === 202 || r.status === 200) batchIds.push(r.body.id);
      });
    }
    for (let i = 0; i < 300; i++) {
      const kind = i % 6;
      if (kind === 0 || kind === 3) {
        ops.push(async (base, token) => {
          const key = `scale-cost-${i}`;
          const description = `scale load cost ${i}`;
          const r = await call(base, 'POST', `/consortia/${consortiumId}/costs`, {
            token,
            headers: { 'Idempotency-Key': key },
            body: { month: months[i % months.length], category: 'operating', amount: `${100 + i}.25`, serviceLineId: lineId, description },
          });
          if (r.status === 201) acknowledged.costs.push({ key, id: r.body.id, description });
        });
      } else if (kind === 1) {
        ops.push(async (base, token) => {
          // one measurement per (member, month): a later write never replaces an earlier one
          const n = Math.floor(i / 6);
          const m = { organisationId: orgIds[n % MEMBERS], month: months[Math.floor(n / MEMBERS) % months.length], value: `${(n % 50) + 1}.5` };
          const r = await call(base, 'POST', `/consortia/${consortiumId}/measurements`, {
            token,
            body: { items: [{ kpiCode: 'PAY_COST_PER_PAYSLIP', serviceLineId: lineId, ...m }] },
          });
          if (r.status === 200) acknowledged.measurements.push(m);
        });
      } else if (kind === 2 && i % 12 === 2) {
        ops.push(async (base, token) => {
          const code = `L${i}`;
          const r = await call(base, 'POST', `/consortia/${consortiumId}/service-lines`, {
            token,
            body: { code, name: `Line ${i}`, function: 'payroll', classification: 'transactional' },
          });
          if (r.status === 201) acknowledged.lines.push({ code, id: r.body.id });
        });
      } else {
        ops.push(async (base, token) => {
          const reads = [
            `/consortia/${consortiumId}/costs?limit=20`,
            `/consortia/${consortiumId}/statements?from=2025-04&to=2025-06`,
            `/consortia/${consortiumId}/measurements?limit=20`,
            `/consortia/${consortiumId}/service-lines`,
          ];
          await call(base, 'GET', reads[i % reads.length], { token });
        });
      }
    }

    let next = 0;
    let finished = 0;
    const half = Math.floor(ops.length / 2);
    const apis = [
      { api: api1, token: host.token1 },
      { api: api2, token: host.token2 },
    ];
    const runner = async () => {
      while (next < ops.length) {
        const i = next++;
        // through both APIs; after the kill, the one left
        const target = killedAt ? apis[0] : apis[i % 2];
        await ops[i](target.api.base, target.token);
        finished += 1;
        if (finished === half && !killedAt) {
          killedAt = Date.now();
          const pending = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM report_jobs WHERE id = ANY($1::uuid[]) AND status IN ('queued', 'running')`, [batchIds]);
          pendingAtKill = pending.rows[0].n;
          api2.child.kill('SIGKILL');
          procs.find((p) => p.name === 'worker1')!.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, runner));
    expect(killedAt).toBeGreaterThan(0);
    // the kill landed while batches were being rendered (a worker slot takes at most one member job per
    // JOB_POLL_SECONDS, so 30 member jobs take longer than half the load)
    expect(pendingAtKill).toBeGreaterThan(0);
    expect(await api2.exited).toBeNull(); // killed by the signal

    // the load did write: most writes were acknowledged (the ones in flight to the killed API were not)
    expect(batchIds).toHaveLength(BATCHES.length);
    expect(acknowledged.costs.length).toBeGreaterThan(80);
    expect(acknowledged.measurements.length).toBeGreaterThan(30);
    expect(acknowledged.lines.length).toBeGreaterThan(10);

    // every acknowledged write is in the database, once
    const costs = await pg.query<{ id: string; description: string }>(
      `SELECT id, description FROM cost_entries WHERE consortium_id = $1 AND description LIKE 'scale load cost %'`,
      [consortiumId],
    );
    const byDescription = new Map<string, string[]>();
    for (const r of costs.rows) byDescription.set(r.description, [...(byDescription.get(r.description) ?? []), r.id]);
    for (const c of acknowledged.costs) expect(byDescription.get(c.description)).toEqual([c.id]);
    const ms = await pg.query<{ organisation_id: string; month: string; value: string }>(
      `SELECT organisation_id, month, value::text FROM measurements WHERE service_line_id = $1 AND kpi_code = 'PAY_COST_PER_PAYSLIP'`,
      [lineId],
    );
    const stored = new Set(ms.rows.map((r) => `${r.organisation_id}/${r.month}/${Number(r.value)}`));
    for (const m of acknowledged.measurements) expect(stored.has(`${m.organisationId}/${m.month}/${Number(m.value)}`)).toBe(true);
    const lines = await pg.query<{ id: string; code: string }>(`SELECT id, code FROM service_lines WHERE consortium_id = $1`, [consortiumId]);
    const lineIds = new Map(lines.rows.map((r) => [r.code, r.id]));
    for (const l of acknowledged.lines) expect(lineIds.get(l.code)).toBe(l.id);

    // a client that retries an acknowledged cost with its key, through the API left, gets the same entry and no new row
    for (const c of acknowledged.costs.slice(0, 5)) {
      const i = Number(c.key.replace('scale-cost-', ''));
      const again = await call(api1.base, 'POST', `/consortia/${consortiumId}/costs`, {
        token: host.token1,
        headers: { 'Idempotency-Key': c.key },
        body: { month: months[i % months.length], category: 'operating', amount: `${100 + i}.25`, serviceLineId: lineId, description: c.description },
      });
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(c.id);
    }
    const after = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM cost_entries WHERE consortium_id = $1 AND description LIKE 'scale load cost %'`, [consortiumId]);
    expect(after.rows[0].n).toBe(costs.rows.length);
  });

  it('completes every queued batch exactly once: one PDF per member, one batch.finished, each member job done once', async () => {
    expect(batchIds).toHaveLength(BATCHES.length);
    const jobs = await until(
      'every batch finished',
      150_000,
      async () => {
        const r = await pg.query<{ id: string; status: string; total: number; done: number; failed: number }>(
          `SELECT id, status, cardinality(organisation_ids) AS total, done, jsonb_array_length(errors) AS failed FROM report_jobs WHERE id = ANY($1::uuid[])`,
          [batchIds],
        );
        return r.rows.length === batchIds.length && r.rows.every((j) => j.status !== 'queued' && j.status !== 'running') ? r.rows : undefined;
      },
      1000,
    );
    for (const j of jobs) expect(j).toMatchObject({ status: 'completed', total: MEMBERS, done: MEMBERS, failed: 0 });
    for (const id of batchIds) {
      const files = await pg.query<{ organisation_id: string }>(`SELECT organisation_id FROM report_files WHERE job_id = $1`, [id]);
      expect(files.rows.map((f) => f.organisation_id).sort()).toEqual([...orgIds].sort());
      const events = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM domain_events WHERE kind = 'batch.finished' AND payload->>'jobId' = $1`, [id]);
      expect(events.rows[0].n).toBe(1);
      // one pg-boss job per member, each completed in the end (a retried job is the same job, retried;
      // one the killed worker held after storing its PDF completes once its time limit has passed)
      const queued = await until(
        `the member jobs of ${id} completed`,
        90_000,
        async () => {
          const r = await pg.query<{ organisation_id: string; state: string }>(
            `SELECT data->>'organisationId' AS organisation_id, state FROM pgboss.job WHERE name = 'report-statements' AND data->>'reportJobId' = $1`,
            [id],
          );
          return r.rows.every((q) => q.state === 'completed') ? r.rows : undefined;
        },
        1000,
      );
      expect(queued.map((q) => q.organisation_id).sort()).toEqual([...orgIds].sort());
    }
    // the surviving processes are still up
    expect(api1.child.exitCode).toBeNull();
    expect(procs.find((p) => p.name === 'worker2')!.child.exitCode).toBeNull();
  });

  // Both workers (one of them killed mid-way) kept the same pg-boss cron (SCHEDULE_TICK_CRON every
  // minute here) and ticked once more when they started. A run is claimed by its row in
  // schedule_runs and publishes its event in the same transaction: after further ticks, each run
  // still has exactly one event.
  it('a schedule fires once, whatever the number of worker processes', async () => {
    const runs = await until(
      'a schedule run recorded',
      100_000,
      async () => {
        const r = await pg.query<{ kind: string; period: string; outcome: string; fired_at: Date }>(
          `SELECT kind, period, outcome, fired_at FROM schedule_runs WHERE consortium_id = $1`,
          [consortiumId],
        );
        return r.rows.length ? r.rows : undefined;
      },
      2000,
    );
    const firstFired = new Date(Math.min(...runs.map((r) => r.fired_at.getTime())));
    // at least one more tick after the first run (the cron fires every minute)
    await until(
      'a later tick completed',
      100_000,
      async () => {
        const r = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'schedules.tick' AND state = 'completed' AND started_on > $1`, [
          firstFired,
        ]);
        return r.rows[0].n > 0 ? true : undefined;
      },
      2000,
    );
    const after = await pg.query<{ kind: string; period: string; outcome: string }>(
      `SELECT kind, period, outcome FROM schedule_runs WHERE consortium_id = $1 ORDER BY kind, period`,
      [consortiumId],
    );
    expect(after.rows.length).toBe(runs.length);
    const published = after.rows.filter((r) => r.outcome === 'published');
    const events = await pg.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM domain_events WHERE consortium_id = $1 AND kind IN ('board_pack.due', 'measurements.reminder') GROUP BY kind`,
      [consortiumId],
    );
    const byKind = Object.fromEntries(events.rows.map((e) => [e.kind, e.n]));
    expect(byKind['board_pack.due'] ?? 0).toBe(published.filter((r) => r.kind === 'board_pack').length);
    expect(byKind['measurements.reminder'] ?? 0).toBe(published.filter((r) => r.kind === 'measurements_reminder').length);
  });
});
