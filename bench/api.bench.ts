/**
 * HTTP bench of the built app (issue 6): `npx ts-node --transpile-only bench/api.bench.ts`
 * (or `BENCH=api npm run bench`; build first with `npm run build`).
 *
 * Data: a co-operative consortium of 30 members × 20 service lines × 12 months (2024-04..2025-03),
 * inserted with SQL into the app's own database after it has migrated: members, lines (turnover,
 * headcount, equal and activity bases), an approved agreement, an operating cost for every line
 * and month plus investment and risk costs, activity for the activity lines, baselines, and five
 * monthly SLAs with a measurement for every member and month (some breached, so credits are priced).
 *
 *  - api.statement_vs_raw: requests per second of GET /consortia/:id/statements/:organisationId
 *    (admin token) against a raw-pg handler — a plain node:http server in a child process that on
 *    each request runs the same SQL reads as the statements service (consortium, then in one
 *    REPEATABLE READ transaction: agreement, closed months, members, service lines, costs, activity,
 *    baselines, and the SLA inputs: consortium, SLAs with targets, KPIs, members, lines, measurements)
 *    with `pg` (pool of 20, like the app) and answers them as JSON without computing anything. The
 *    database work alone. Same autocannon settings for both (connections × seconds after a warm-up).
 *    ratio = app / raw (goal ≥ 0.6).
 *    The app memoises ledgers by the content of their input, so after the first request this
 *    measures reads of unchanged data (the common case: boards re-read the same statements).
 *  - api.statement_after_change_vs_raw: the read after a write (issue 13): one client, and before
 *    each read a new £1 operating cost inserted with SQL (untimed) in the next month and line, so no
 *    read finds its ledger memoised; the app reuses the months the entry did not touch (a memo per
 *    month, keyed by that month's inputs) and computes the entry's month again. Against the raw
 *    handler after the same inserts. ratio = raw ms / app ms (goal ≥ 0.5).
 *  - api.statement_uncached_vs_raw: the same as statement_vs_raw against an app started with
 *    STATEMENT_CACHE_MB=0, which computes the whole consortium's ledger on every request (context).
 *  - api.statement_p99_fixed_rate: p99 latency of both at the same fixed arrival rate (autocannon
 *    overallRate, half of the app's measured maximum). ratio = app / raw.
 *  - api.read_p99_under_pdf_load: p99 of GET /consortia/:id at a fixed rate while PDF_LOAD_CLIENTS
 *    clients (more than PDF_POOL_PAGES) request statement.pdf back to back (200 or 429 accepted),
 *    against the same read at the same rate without PDF load (goal ratio ≤ 3).
 *
 * Knobs: API_BENCH_SECONDS (10), API_BENCH_CONNECTIONS (10), API_BENCH_READ_RATE (100 req/s),
 * API_BENCH_PDF_CLIENTS (6); API_BENCH_ONLY=statement skips the PDF part; API_BENCH_APP_ENV='{"KEY":"value"}'
 * adds to the app's environment; BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';
import autocannon, { type CannonResult } from 'autocannon';
import { Client, Pool } from 'pg';
import { BenchResult, freePort, freshDatabase, login, startApp, stopBenchServer } from './support';

const MEMBERS = 30;
const LINES = 20;
const FROM = '2024-04';
const TO = '2025-03';
const SECONDS = Number(process.env.API_BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.API_BENCH_CONNECTIONS ?? 10);
const READ_RATE = Number(process.env.API_BENCH_READ_RATE ?? 100);
const PDF_CLIENTS = Number(process.env.API_BENCH_PDF_CLIENTS ?? 6);
const PDF_POOL_PAGES = 2;

const log = (s: string) => console.log(`  ${s}`);

function months(): string[] {
  const out: string[] = [];
  let [y, m] = FROM.split('-').map(Number);
  for (;;) {
    const s = `${y}-${String(m).padStart(2, '0')}`;
    out.push(s);
    if (s === TO) return out;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Seeded {
  consortiumId: string;
  organisationId: string;
}

/** The consortium, inserted with SQL into the app's (migrated) database. */
async function seed(url: string): Promise<Seeded> {
  const r = rng(6);
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('BEGIN');
    const orgs = (
      await db.query<{ id: string }>(
        `INSERT INTO organisations (name, type, annual_turnover, headcount) SELECT n, 'acute_trust', t::numeric, h::numeric FROM unnest($1::text[], $2::text[], $3::text[]) AS k(n, t, h) RETURNING id`,
        [
          Array.from({ length: MEMBERS }, (_, i) => `API Bench Trust ${i}`),
          Array.from({ length: MEMBERS }, () => `${100_000_000 + Math.floor(r() * 400_000_000)}.00`),
          Array.from({ length: MEMBERS }, () => String(500 + Math.floor(r() * 6000))),
        ],
      )
    ).rows.map((x) => x.id);
    const c = (
      await db.query<{ id: string }>(
        `INSERT INTO consortia (name, delivery_model, host_organisation_id, start_date) VALUES ('API bench partnership', 'cooperative', $1, $2) RETURNING id`,
        [orgs[0], `${FROM}-01`],
      )
    ).rows[0].id;
    await db.query(`INSERT INTO members (consortium_id, organisation_id, joined_on) SELECT $1, o, $3::date FROM unnest($2::uuid[]) AS k(o)`, [c, orgs, `${FROM}-01`]);
    const lines = (
      await db.query<{ id: string }>(
        `INSERT INTO service_lines (consortium_id, code, name, function, classification, go_live) SELECT $1, code, 'Line ' || code, 'finance', 'transactional', (SELECT to_char(start_date, 'YYYY-MM') FROM consortia WHERE id = $1) FROM unnest($2::text[]) AS k(code) RETURNING id`,
        [c, Array.from({ length: LINES }, (_, j) => `L${String(j).padStart(2, '0')}`)],
      )
    ).rows.map((x) => x.id);
    const bases = ['turnover', 'headcount', 'equal', 'activity'] as const;
    const basisOf = (j: number) => bases[j % bases.length];
    const terms = {
      model: 'cooperative',
      basis: 'turnover',
      serviceLineBases: Object.fromEntries(lines.map((id, j) => [id, basisOf(j)])),
      fixedShares: {},
      managementFeePercent: '2.5',
      exit: { minimumTermMonths: 36, noticeMonths: 6, earlyTerminationPercent: '25', strandedCostMonths: 12, fixedCostPercent: '40', amortisationMonths: 60 },
    };
    await db.query(
      `INSERT INTO agreement_versions (consortium_id, version, status, model, terms, effective_from, decision_rule, approved_at, decided_at)
       VALUES ($1, 1, 'approved', 'cooperative', $2::jsonb, (SELECT to_char(start_date, 'YYYY-MM') FROM consortia WHERE id = $1), 'unanimous', now(), now())`,
      [c, JSON.stringify(terms)],
    );
    const ms = months();
    const cost = { m: [] as string[], cat: [] as string[], a: [] as string[], s: [] as (string | null)[], o: [] as (string | null)[] };
    const addCost = (m: string, cat: string, a: string, s: string | null, o: string | null) => {
      cost.m.push(m);
      cost.cat.push(cat);
      cost.a.push(a);
      cost.s.push(s);
      cost.o.push(o);
    };
    for (const [i, m] of ms.entries()) {
      for (const s of lines) addCost(m, 'operating', `${10_000 + Math.floor(r() * 90_000)}.${String(Math.floor(r() * 100)).padStart(2, '0')}`, s, null);
      addCost(m, 'investment', '25000.00', null, null);
      addCost(m, 'risk', '4500.00', null, orgs[1 + (i % (MEMBERS - 1))]);
    }
    await db.query(
      `INSERT INTO cost_entries (consortium_id, month, category, amount, service_line_id, attributable_to, description)
       SELECT $1, m, cat, a::numeric, s, o, 'bench' FROM unnest($2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[]) AS k(m, cat, a, s, o)`,
      [c, cost.m, cost.cat, cost.a, cost.s, cost.o],
    );
    const act = { s: [] as string[], o: [] as string[], m: [] as string[], v: [] as string[] };
    for (const m of ms)
      lines.forEach((s, j) => {
        if (basisOf(j) !== 'activity') return;
        for (const o of orgs) {
          act.s.push(s);
          act.o.push(o);
          act.m.push(m);
          act.v.push(String(100 + Math.floor(r() * 5000)));
        }
      });
    await db.query(
      `INSERT INTO activity_volumes (consortium_id, service_line_id, organisation_id, month, volume) SELECT $1, s, o, m, v::numeric FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS k(s, o, m, v)`,
      [c, act.s, act.o, act.m, act.v],
    );
    const bl = orgs.flatMap((o) => lines.map((s) => [o, s, `${50_000 + Math.floor(r() * 500_000)}.00`]));
    await db.query(
      `INSERT INTO baselines (consortium_id, organisation_id, service_line_id, annual_amount, effective_from)
       SELECT $1, o, s, a::numeric, (SELECT to_char(start_date, 'YYYY-MM') FROM consortia WHERE id = $1) FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS k(o, s, a)`,
      [c, bl.map((x) => x[0]), bl.map((x) => x[1]), bl.map((x) => x[2])],
    );
    // Five monthly SLAs (every fourth line), one target each, a measurement per member and month.
    const kpi = (await db.query<{ code: string; direction: string }>(`SELECT code, direction FROM kpis ORDER BY code LIMIT 1`)).rows[0];
    const up = kpi.direction === 'higher_is_better';
    const meas = { s: [] as string[], o: [] as string[], m: [] as string[], v: [] as string[] };
    for (let j = 0; j < LINES; j += 4) {
      const sla = (
        await db.query<{ id: string }>(
          `INSERT INTO slas (consortium_id, service_line_id, name, kind, frequency, credit_cap_percent, effective_from) VALUES ($1, $2, $3, 'SLA', 'monthly', 10, $4) RETURNING id`,
          [c, lines[j], `SLA ${j}`, FROM],
        )
      ).rows[0].id;
      await db.query(`INSERT INTO sla_targets (sla_id, position, kpi_code, target, threshold, credit_percent) VALUES ($1, 0, $2, $3, $4, 2)`, [
        sla,
        kpi.code,
        up ? 95 : 5,
        up ? 90 : 10,
      ]);
      for (const o of orgs)
        for (const m of ms) {
          meas.s.push(lines[j]);
          meas.o.push(o);
          meas.m.push(m);
          const bad = r() < 0.05;
          meas.v.push(String(up ? (bad ? 85 : 97) : bad ? 12 : 3));
        }
    }
    await db.query(
      `INSERT INTO measurements (consortium_id, service_line_id, kpi_code, organisation_id, month, value) SELECT $1, s, $2, o, m, v::numeric FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[]) AS k(s, o, m, v)`,
      [c, kpi.code, meas.s, meas.o, meas.m, meas.v],
    );
    await db.query('COMMIT');
    await db.query('ANALYZE');
    return { consortiumId: c, organisationId: orgs[5] };
  } finally {
    await db.end();
  }
}

// ------------------------------------------------------------------ raw-pg baseline server

/**
 * The raw baseline: the SQL the statements service runs for GET /statements/:organisationId (an
 * admin caller, no closed months), with `pg` directly, rows answered as JSON, nothing computed.
 * Runs in a child process (`--raw-server`) so it has an event loop of its own, like the app.
 */
async function rawServer(databaseUrl: string, port: number): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  const reads = async (consortiumId: string, from: string, to: string) => {
    const out: Record<string, unknown[]> = {};
    // AccessService.consortium
    out.consortium = (
      await pool.query(`SELECT id, name, delivery_model, host_organisation_id, start_date, created_at, updated_at FROM consortia WHERE id = $1 LIMIT 1`, [consortiumId])
    ).rows;
    const c = await pool.connect();
    try {
      await c.query('START TRANSACTION');
      await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      out.agreement = (
        await c.query(`SELECT version, effective_from, terms FROM agreement_versions WHERE consortium_id = $1 AND status = 'approved' ORDER BY effective_from`, [consortiumId])
      ).rows;
      out.closed = (await c.query(`SELECT month FROM closed_months WHERE consortium_id = $1 ORDER BY month`, [consortiumId])).rows;
      // the loader reads costs and activity from two months before `from` (quarterly credits)
      const [y, m] = from.split('-').map(Number);
      const d = new Date(Date.UTC(y, m - 1 - 2, 1));
      const monthsFrom = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
      out.members = (
        await c.query(
          `SELECT mm.organisation_id, to_char(mm.joined_on, 'YYYY-MM-DD') AS joined_on, to_char(mm.left_on, 'YYYY-MM-DD') AS left_on,
                  o.name, o.annual_turnover::text AS annual_turnover, o.headcount::text AS headcount
             FROM members mm JOIN organisations o ON o.id = mm.organisation_id
            WHERE mm.consortium_id = $1 ORDER BY mm.joined_on, o.name, o.id`,
          [consortiumId],
        )
      ).rows;
      out.serviceLines = (await c.query(`SELECT id, code, recipient_ids FROM service_lines WHERE consortium_id = $1 ORDER BY code, id`, [consortiumId])).rows;
      out.costs = (
        await c.query(
          `SELECT id, month, category, amount::text AS amount, service_line_id, attributable_to FROM cost_entries x WHERE x.consortium_id = $1 AND x.month >= $2 AND x.month <= $3 ORDER BY month, created_at, id`,
          [consortiumId, monthsFrom, to],
        )
      ).rows;
      out.activity = (
        await c.query(
          `SELECT service_line_id, organisation_id, month, volume::text AS volume FROM activity_volumes x WHERE x.consortium_id = $1 AND x.month >= $2 AND x.month <= $3`,
          [consortiumId, monthsFrom, to],
        )
      ).rows;
      out.baselines = (
        await c.query(`SELECT organisation_id, service_line_id, annual_amount::text AS annual_amount, effective_from FROM baselines WHERE consortium_id = $1`, [consortiumId])
      ).rows;
      // SlaInputsService.load
      out.slaConsortium = (
        await c.query(`SELECT id, name, delivery_model, host_organisation_id, start_date, created_at, updated_at FROM consortia WHERE id = $1 LIMIT 1`, [consortiumId])
      ).rows;
      out.slas = (
        await c.query(
          `SELECT s.*, t.id AS t_id, t.position, t.kpi_code, t.target, t.threshold, t.credit_percent
             FROM slas s LEFT JOIN sla_targets t ON t.sla_id = s.id WHERE s.consortium_id = $1 ORDER BY s.created_at, s.id`,
          [consortiumId],
        )
      ).rows;
      out.kpis = (await c.query(`SELECT * FROM kpis`)).rows;
      out.slaMembers = (await c.query(`SELECT * FROM members WHERE consortium_id = $1`, [consortiumId])).rows;
      out.slaLines = (await c.query(`SELECT * FROM service_lines WHERE consortium_id = $1`, [consortiumId])).rows;
      out.measurements = (
        await c.query(`SELECT kpi_code, service_line_id, organisation_id, month, value FROM measurements x WHERE x.consortium_id = $1 AND x.month <= $2`, [consortiumId, to])
      ).rows;
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
    return out;
  };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const m = u.pathname.match(/^\/consortia\/([^/]+)\/statements\/([^/]+)$/);
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    reads(m[1], u.searchParams.get('from') ?? FROM, u.searchParams.get('to') ?? TO).then(
      (out) => {
        const body = JSON.stringify(out);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
      },
      (e) => res.writeHead(500).end(String(e)),
    );
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  process.send?.('ready');
  process.on('SIGTERM', () => {
    server.close();
    void pool.end().then(() => process.exit(0));
  });
}

async function startRawServer(databaseUrl: string): Promise<{ base: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, '--raw-server', databaseUrl, String(port)], {
    cwd: path.resolve(__dirname, '..'),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`raw server exited ${code}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// ------------------------------------------------------------------ measuring

async function cannon(url: string, headers: Record<string, string>, duration: number, overallRate?: number): Promise<CannonResult> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration, headers, ...(overallRate ? { overallRate } : {}) });
  if (r.non2xx || r.errors || r.timeouts) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts of ${r.requests.total}`);
  return r;
}

/**
 * The path after a change: one client, one request at a time. Before each request a new operating
 * cost of £1.00 is inserted with SQL (not timed) on the next line and month in turn, so every read
 * sees a ledger it has never priced; the inserted rows are deleted afterwards, so the app and the raw
 * handler are measured on the same data. Mean milliseconds of the timed reads.
 */
async function readsAfterChange(databaseUrl: string, url: string, headers: Record<string, string>, seconds: number): Promise<{ meanMs: number; n: number }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const c = new URL(url).pathname.split('/').find((_, i, a) => a[i - 1] === 'consortia')!;
    const lines = (await db.query<{ id: string }>(`SELECT id FROM service_lines WHERE consortium_id = $1 ORDER BY code`, [c])).rows.map((x) => x.id);
    const ms = months();
    let total = 0;
    let n = 0;
    const until = performance.now() + seconds * 1000;
    while (performance.now() < until) {
      await db.query(`INSERT INTO cost_entries (consortium_id, month, category, amount, service_line_id, description) VALUES ($1, $2, 'operating', 1.00, $3, 'bench-change')`, [
        c,
        ms[n % ms.length],
        lines[n % lines.length],
      ]);
      const t0 = performance.now();
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      total += performance.now() - t0;
      if (res.status !== 200) throw new Error(`${url}: ${res.status} after a change`);
      n++;
    }
    await db.query(`DELETE FROM cost_entries WHERE consortium_id = $1 AND description = 'bench-change'`, [c]);
    return { meanMs: total / n, n };
  } finally {
    await db.end();
  }
}

/** PDF clients requesting statement.pdf back to back until stopped; 200 and 429 accepted. */
function pdfLoad(url: string, auth: string, clients: number): { stop(): Promise<{ ok: number; busy: number; other: number }> } {
  let running = true;
  const counts = { ok: 0, busy: 0, other: 0 };
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      try {
        const r = await fetch(url, { headers: { authorization: auth } });
        await r.arrayBuffer();
        if (r.status === 200) counts.ok++;
        else if (r.status === 429) {
          counts.busy++;
          await new Promise((res) => setTimeout(res, 100));
        } else counts.other++;
      } catch {
        counts.other++;
      }
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return counts;
    },
  };
}

export async function runApiBench(): Promise<BenchResult[]> {
  const url = await freshDatabase('cp_bench_api');
  const app = await startApp(url, {
    PDF_POOL_PAGES: String(PDF_POOL_PAGES),
    PUPPETEER_EXECUTABLE_PATH: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium',
    ...(process.env.API_BENCH_APP_ENV ? JSON.parse(process.env.API_BENCH_APP_ENV) : {}),
  });
  let raw: Awaited<ReturnType<typeof startRawServer>> | undefined;
  try {
    const s = await seed(url);
    const auth = await login(app.base, 'admin@demo.nhs.example', 'admin-password-2025');
    const headers = { authorization: auth };
    const q = `from=${FROM}&to=${TO}`;
    const appUrl = `${app.base}/api/v1/consortia/${s.consortiumId}/statements/${s.organisationId}?${q}`;
    raw = await startRawServer(url);
    const rawUrl = `${raw.base}/consortia/${s.consortiumId}/statements/${s.organisationId}?${q}`;

    // The statement must come out 200 (and have the whole consortium behind it) before measuring.
    const check = await fetch(appUrl, { headers });
    const body = (await check.json()) as { serviceLines?: unknown[]; charge?: string };
    if (check.status !== 200) throw new Error(`statement ${check.status}: ${JSON.stringify(body)}`);
    const rawCheck = (await (await fetch(rawUrl)).json()) as Record<string, unknown[]>;
    log(
      `statement 200: ${body.serviceLines?.length} service lines, charge ${body.charge}; raw rows: ${Object.entries(rawCheck)
        .map(([k, v]) => `${k} ${v.length}`)
        .join(', ')}`,
    );

    // Warm-up both, then measure both with the same settings.
    await cannon(appUrl, headers, 3);
    await cannon(rawUrl, headers, 3);
    const appMax = await cannon(appUrl, headers, SECONDS);
    const rawMax = await cannon(rawUrl, headers, SECONDS);
    log(`max: app ${appMax.requests.average.toFixed(1)} req/s (p99 ${appMax.latency.p99} ms), raw ${rawMax.requests.average.toFixed(1)} req/s (p99 ${rawMax.latency.p99} ms)`);
    const rate = Math.max(1, Math.floor(appMax.requests.average / 2));
    const appFixed = await cannon(appUrl, headers, SECONDS, rate);
    const rawFixed = await cannon(rawUrl, headers, SECONDS, rate);
    log(`at ${rate} req/s: app p99 ${appFixed.latency.p99} ms (p50 ${appFixed.latency.p50}), raw p99 ${rawFixed.latency.p99} ms (p50 ${rawFixed.latency.p50})`);
    // A read after each new cost entry, one at a time (the memoised months of the ledger are reused;
    // the entry's own month is computed again), against the raw handler reading the same rows.
    await readsAfterChange(url, appUrl, headers, 2);
    const appChanged = await readsAfterChange(url, appUrl, headers, SECONDS);
    const rawChanged = await readsAfterChange(url, rawUrl, {}, SECONDS);
    log(`read after a change: app ${appChanged.meanMs.toFixed(1)} ms (${appChanged.n} reads), raw ${rawChanged.meanMs.toFixed(1)} ms (${rawChanged.n} reads)`);
    // Context: the same app with STATEMENT_CACHE_MB=0, computing the ledger on every request (what
    // the first read after any change costs), against the same raw baseline.
    const uncachedApp = await startApp(url, { STATEMENT_CACHE_MB: '0' });
    let uncached: CannonResult;
    try {
      const uncachedUrl = appUrl.replace(app.base, uncachedApp.base);
      await cannon(uncachedUrl, headers, 3);
      uncached = await cannon(uncachedUrl, headers, SECONDS);
    } finally {
      await uncachedApp.stop();
    }
    log(`computing every request (STATEMENT_CACHE_MB=0): ${uncached.requests.average.toFixed(1)} req/s (p99 ${uncached.latency.p99} ms)`);
    await raw.stop();
    raw = undefined;
    const statementResults: BenchResult[] = [
      {
        name: 'api.statement_vs_raw',
        value: appMax.requests.average,
        unit: 'req/s',
        baseline: rawMax.requests.average,
        ratio: appMax.requests.average / rawMax.requests.average,
        goal: '≥ 0.6',
        note: `GET /statements/:org, ${MEMBERS} members × ${LINES} lines × 12 months, ${CONNECTIONS} connections × ${SECONDS} s; baseline: the same SQL reads with pg, rows as JSON`,
      },
      {
        name: 'api.statement_after_change_vs_raw',
        value: 1000 / appChanged.meanMs,
        unit: 'req/s',
        baseline: 1000 / rawChanged.meanMs,
        ratio: rawChanged.meanMs / appChanged.meanMs,
        goal: '≥ 0.5',
        note: 'one client; before each read a new £1 operating cost (SQL, not timed) in the next month and line; reads per second, app vs raw',
      },
      {
        name: 'api.statement_uncached_vs_raw',
        value: uncached.requests.average,
        unit: 'req/s',
        baseline: rawMax.requests.average,
        ratio: uncached.requests.average / rawMax.requests.average,
        note: 'context: the same with STATEMENT_CACHE_MB=0 (the ledger computed on every request)',
      },
      {
        name: 'api.statement_p99_fixed_rate',
        value: appFixed.latency.p99,
        unit: 'ms',
        baseline: rawFixed.latency.p99,
        ratio: appFixed.latency.p99 / rawFixed.latency.p99,
        note: `p99 at ${rate} req/s (half the app's max), app vs raw`,
      },
    ];
    if (process.env.API_BENCH_ONLY === 'statement') return statementResults;

    // A cheap authenticated read at a fixed rate, without and with the PDF pool saturated.
    const readUrl = `${app.base}/api/v1/consortia/${s.consortiumId}`;
    const pdfUrl = `${app.base}/api/v1/consortia/${s.consortiumId}/reports/statement.pdf?organisationId=${s.organisationId}&${q}`;
    const first = await fetch(pdfUrl, { headers });
    if (first.status !== 200) throw new Error(`statement.pdf ${first.status}: ${await first.text()}`);
    await first.arrayBuffer();
    await cannon(readUrl, headers, 2, READ_RATE);
    const quiet = await cannon(readUrl, headers, SECONDS, READ_RATE);
    const load = pdfLoad(pdfUrl, auth, PDF_CLIENTS);
    await new Promise((r) => setTimeout(r, 2000)); // let the pool fill and the queue form
    const loaded = await cannon(readUrl, headers, SECONDS, READ_RATE);
    const pdfs = await load.stop();
    log(
      `read at ${READ_RATE} req/s: p99 ${quiet.latency.p99} ms quiet, ${loaded.latency.p99} ms with ${PDF_CLIENTS} PDF clients (${pdfs.ok} PDFs, ${pdfs.busy} × 429, ${pdfs.other} other)`,
    );
    if (pdfs.other) throw new Error(`${pdfs.other} PDF requests failed with something other than 200/429`);

    return [
      ...statementResults,
      {
        name: 'api.read_p99_under_pdf_load',
        value: loaded.latency.p99,
        unit: 'ms',
        baseline: quiet.latency.p99,
        ratio: loaded.latency.p99 / quiet.latency.p99,
        goal: '≤ 3',
        note: `GET /consortia/:id at ${READ_RATE} req/s with ${PDF_CLIENTS} clients on statement.pdf (pool ${PDF_POOL_PAGES} pages; ${pdfs.ok} × 200, ${pdfs.busy} × 429) vs without`,
      },
    ];
  } finally {
    await raw?.stop();
    await app.stop();
  }
}

if (require.main === module) {
  if (process.argv[2] === '--raw-server') {
    void rawServer(process.argv[3], Number(process.argv[4]));
  } else {
    runApiBench()
      .then(async (results) => {
        await stopBenchServer();
        for (const r of results) {
          console.log(
            `${r.name.padEnd(30)} ${r.value.toFixed(2).padStart(10)} ${r.unit.padEnd(5)} baseline ${r.baseline === null ? '–' : r.baseline.toFixed(2)}  ratio ${r.ratio === null ? '–' : r.ratio.toFixed(3)}${r.note ? `  (${r.note})` : ''}`,
          );
        }
      })
      .catch(async (e) => {
        console.error(e);
        await stopBenchServer();
        process.exit(1);
      });
  }
}
