/**
 * Statements bench: every member's statement for a consortium of 50 members × 25 service lines × 36
 * months (costs, activity, baselines, service credits), computed by the calculation core the way the
 * statements service does (ledger → month parts → statements), at 1× and 2× the data (72 months).
 * Linear scaling gives a ratio near 2.
 *
 *   npx ts-node bench/statements.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { D } from '../src/common/money';
import { addMonths, monthRange } from '../src/common/months';
import { buildStatements, computeLedger, formatStatement, monthParts, statementFromParts } from '../src/statements/core';
import type { Basis, LedgerInput } from '../src/statements/core/types';
import type { BenchResult } from './support';

export type { BenchResult };

const MEMBERS = 50;
const LINES = 25;
const MONTHS = 36;

/** A deterministic pseudo-random generator (so runs compare). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function benchInput(members: number, lines: number, months: number): { input: LedgerInput; from: string; to: string } {
  const r = rng(20251123);
  const from = '2023-04';
  const to = addMonths(from, months - 1);
  const range = monthRange(from, to);
  const bases: Basis[] = ['turnover', 'headcount', 'equal', 'activity', 'fixed'];
  const ms = Array.from({ length: members }, (_, i) => ({
    organisationId: `org-${String(i).padStart(3, '0')}`,
    name: `Trust ${i}`,
    annualTurnover: `${100_000_000 + Math.floor(r() * 400_000_000)}.00`,
    headcount: String(500 + Math.floor(r() * 6000)),
    // a few join late and a few leave early, so membership factors are exercised
    joinedOn: i % 10 === 9 ? `${addMonths(from, 5)}-16` : `${from}-01`,
    leftOn: i % 17 === 16 ? `${addMonths(from, months - 4)}-10` : null,
    isHost: i === 0,
  }));
  const fixedShares: Record<string, string> = {};
  ms.forEach((m) => (fixedShares[m.organisationId] = '2'));
  const sl = Array.from({ length: lines }, (_, j) => ({ id: `line-${String(j).padStart(2, '0')}`, code: `L${String(j).padStart(2, '0')}`, recipientIds: null }));
  const costs: LedgerInput['costs'] = [];
  const activity: LedgerInput['activity'] = [];
  let k = 0;
  for (const month of range) {
    for (const s of sl)
      costs.push({
        id: `c${k++}`,
        month,
        category: 'operating',
        amount: `${10_000 + Math.floor(r() * 90_000)}.${String(Math.floor(r() * 100)).padStart(2, '0')}`,
        serviceLineId: s.id,
        attributableTo: null,
      });
    costs.push({ id: `c${k++}`, month, category: 'investment', amount: '25000.00', serviceLineId: null, attributableTo: null });
    costs.push({ id: `c${k++}`, month, category: 'risk', amount: '4500.00', serviceLineId: null, attributableTo: ms[1 + (k % (members - 1))].organisationId });
    costs.push({ id: `c${k++}`, month, category: 'risk', amount: '1200.00', serviceLineId: sl[k % lines].id, attributableTo: null });
    sl.forEach((s, j) => {
      if (bases[j % bases.length] !== 'activity') return;
      for (const m of ms) activity.push({ serviceLineId: s.id, organisationId: m.organisationId, month, volume: String(100 + Math.floor(r() * 5000)) });
    });
  }
  const credits: LedgerInput['credits'] = [];
  for (const month of range.filter((_, i) => i % 3 === 2)) {
    for (let i = 1; i < members; i += 7) credits.push({ organisationId: ms[i].organisationId, serviceLineId: sl[i % lines].id, periodMonths: [month], creditPercent: '5' });
  }
  const input: LedgerInput = {
    members: ms,
    serviceLines: sl,
    terms: {
      model: 'cooperative',
      basis: 'turnover',
      serviceLineBases: Object.fromEntries(sl.map((s, j) => [s.id, bases[j % bases.length]])),
      fixedShares,
      managementFeePercent: '2.5',
    },
    costs,
    activity,
    baselines: ms.flatMap((m) => sl.map((s) => ({ organisationId: m.organisationId, serviceLineId: s.id, annualAmount: `${50_000 + Math.floor(r() * 500_000)}.00` }))),
    credits,
  };
  return { input, from, to };
}

/** Every member's statement over the whole range, as the service computes it (ledger → month parts → statements). */
function computeAll(input: LedgerInput, from: string, to: string): number {
  const ledger = computeLedger(input, from, to);
  let n = 0;
  for (const m of input.members) {
    const s = statementFromParts(m.organisationId, from, to, monthParts(ledger, m.organisationId), { model: 'cooperative', isHost: m.isHost });
    n += formatStatement(s).serviceLines.length;
  }
  return n;
}

/** A full collection when the process runs with --expose-gc (npm run bench does): no run pays for the garbage of the one before. */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Median wall time in ms of each job over `runs` interleaved rounds, after one warm-up round (same JIT state for all). */
export function timeAll(jobs: (() => unknown)[], runs: number): number[] {
  for (const j of jobs) j();
  const xs: number[][] = jobs.map(() => []);
  for (let i = 0; i < runs; i++) {
    jobs.forEach((j, k) => {
      collect();
      const t0 = performance.now();
      j();
      xs[k].push(performance.now() - t0);
    });
  }
  return xs.map((x) => x.sort((a, b) => a - b)[Math.floor(x.length / 2)]);
}

/**
 * Inserts `data` (from benchInput) with SQL into a migrated database: organisations, a co-operative
 * consortium with its members, service lines, an approved agreement, costs, activity and baselines.
 */
export async function insertBenchConsortium(
  query: (text: string, params: unknown[]) => Promise<any[]>, // eslint-disable-line @typescript-eslint/no-explicit-any
  data: ReturnType<typeof benchInput>,
): Promise<{ id: string }> {
  const db = { query };
  const ids = new Map<string, string>();
  const orgs: { id: string }[] = await db.query(
    `INSERT INTO organisations (name, type, annual_turnover, headcount) SELECT n, 'acute_trust', t::numeric, h::numeric FROM unnest($1::text[], $2::text[], $3::text[]) AS k(n, t, h) RETURNING id`,
    [data.input.members.map((m) => `${m.name} ${Date.now()}`), data.input.members.map((m) => m.annualTurnover), data.input.members.map((m) => m.headcount)],
  );
  data.input.members.forEach((m, i) => ids.set(m.organisationId, orgs[i].id));
  const [c]: { id: string }[] = await db.query(
    `INSERT INTO consortia (name, delivery_model, host_organisation_id, start_date) VALUES ('Bench', 'cooperative', $1, $2) RETURNING id`,
    [ids.get(data.input.members[0].organisationId), `${data.from}-01`],
  );
  await db.query(
    `INSERT INTO members (consortium_id, organisation_id, joined_on, left_on) SELECT $1, o, j::date, l::date FROM unnest($2::uuid[], $3::text[], $4::text[]) AS k(o, j, l)`,
    [c.id, data.input.members.map((m) => ids.get(m.organisationId)), data.input.members.map((m) => m.joinedOn), data.input.members.map((m) => m.leftOn)],
  );
  const lines: { id: string }[] = await db.query(
    `INSERT INTO service_lines (consortium_id, code, name, function, classification, go_live) SELECT $1, code, code, 'finance', 'transactional', (SELECT to_char(start_date, 'YYYY-MM') FROM consortia WHERE id = $1) FROM unnest($2::text[]) AS k(code) RETURNING id`,
    [c.id, data.input.serviceLines.map((l) => l.code)],
  );
  data.input.serviceLines.forEach((l, i) => ids.set(l.id, lines[i].id));
  const id = (x: string | null) => (x === null ? null : ids.get(x)!);
  const terms = data.input.terms as Extract<LedgerInput['terms'], { model: 'cooperative' }>;
  const stored = {
    model: 'cooperative',
    basis: terms.basis,
    serviceLineBases: Object.fromEntries(Object.entries(terms.serviceLineBases).map(([k, v]) => [id(k), v])),
    fixedShares: Object.fromEntries(Object.entries(terms.fixedShares).map(([k, v]) => [id(k), v])),
    managementFeePercent: terms.managementFeePercent,
    exit: { minimumTermMonths: 36, noticeMonths: 6, earlyTerminationPercent: '25', strandedCostMonths: 12, fixedCostPercent: '40', amortisationMonths: 60 },
  };
  await db.query(
    `INSERT INTO agreement_versions (consortium_id, version, status, model, terms, effective_from, decision_rule, approved_at, decided_at)
     VALUES ($1, 1, 'approved', 'cooperative', $2::jsonb, (SELECT to_char(start_date, 'YYYY-MM') FROM consortia WHERE id = $1), 'unanimous', now(), now())`,
    [c.id, JSON.stringify(stored)],
  );
  const cs = data.input.costs;
  await db.query(
    `INSERT INTO cost_entries (consortium_id, month, category, amount, service_line_id, attributable_to, description)
     SELECT $1, m, cat, a::numeric, s, o, 'bench' FROM unnest($2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[]) AS k(m, cat, a, s, o)`,
    [c.id, cs.map((x) => x.month), cs.map((x) => x.category), cs.map((x) => x.amount), cs.map((x) => id(x.serviceLineId)), cs.map((x) => id(x.attributableTo))],
  );
  const act = data.input.activity;
  await db.query(
    `INSERT INTO activity_volumes (consortium_id, service_line_id, organisation_id, month, volume) SELECT $1, s, o, m, v::numeric FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS k(s, o, m, v)`,
    [c.id, act.map((x) => id(x.serviceLineId)), act.map((x) => id(x.organisationId)), act.map((x) => x.month), act.map((x) => x.volume)],
  );
  const bl = data.input.baselines;
  await db.query(
    `INSERT INTO baselines (consortium_id, organisation_id, service_line_id, annual_amount, effective_from)
     SELECT $1, o, s, a::numeric, (SELECT to_char(start_date, 'YYYY-MM') FROM consortia WHERE id = $1) FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS k(o, s, a)`,
    [c.id, bl.map((x) => id(x.organisationId)), bl.map((x) => id(x.serviceLineId)), bl.map((x) => x.annualAmount)],
  );
  return c;
}

/**
 * The same through the statements service on a real database (embedded PostgreSQL of bench/support,
 * or DATABASE_URL): 50 members × 25 lines × 72 months of data inserted with SQL, then every member's
 * statement for the first 36 months and for all 72 (load + compute + format). BENCH_DB=0 skips it.
 */
async function serviceBench(): Promise<BenchResult[]> {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { freshDatabase, stopBenchServer } = await import('./support');
  const { createApp } = await import('../src/bootstrap');
  const { loadConfig } = await import('../src/config/configuration');
  const { StatementsService } = await import('../src/statements/statements.service');
  const { DataSource } = await import('typeorm');
  const data = benchInput(MEMBERS, LINES, MONTHS * 2);
  const url = await freshDatabase('cp_bench_statements');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-bench-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, JWT_SECRET: 'bench-secret-bench-secret-bench-secret-01', DEMO_MODE: 'false', LOG_LEVEL: 'silent' });
  const app = await createApp(config, url, { logger: false });
  try {
    const db = app.get(DataSource);
    const c = await insertBenchConsortium((text, params) => db.query(text, params), data);
    const service = app.get(StatementsService);
    const admin = { userId: '00000000-0000-4000-8000-000000000000', email: 'bench@x', role: 'admin' as const, organisationId: null };
    const half = addMonths(data.from, MONTHS - 1);
    // warm-up, then interleaved rounds, median (as timeAll, for async calls). The service memoises
    // ledgers by their input; the scaling is measured computing from scratch (cache emptied before
    // every call), and the same request again with the ledger memoised is reported beside it.
    const cold = (from: string, to: string) => async () => {
      service.forgetComputedLedgers();
      await service.list(admin, c.id, from, to);
    };
    const warm = () => service.list(admin, c.id, data.from, half);
    const jobs = [cold(data.from, half), warm, cold(data.from, data.to)]; // warm right after its own cold run
    for (const j of jobs) await j();
    const xs: number[][] = jobs.map(() => []);
    for (let i = 0; i < 3; i++) {
      for (const [k, j] of jobs.entries()) {
        const t0 = performance.now();
        await j();
        xs[k].push(performance.now() - t0);
      }
    }
    const [s1, s1warm, s2] = xs.map((x) => x.sort((a, b) => a - b)[1]);
    return [
      {
        name: 'service.statements_1x',
        value: s1,
        unit: 'ms',
        baseline: null,
        ratio: null,
        note: `GET /statements on PostgreSQL, ${MEMBERS} members × ${LINES} lines × ${MONTHS} months, ledger computed`,
      },
      { name: 'service.statements_1x_memoised', value: s1warm, unit: 'ms', baseline: s1, ratio: s1warm / s1, note: 'the same request again, ledger memoised' },
      {
        name: 'service.statement_scaling',
        value: s2 / s1,
        unit: 'ratio',
        baseline: 2,
        ratio: s2 / s1 / 2,
        goal: '≤ 2.2 (linear in months)',
        note: `${MONTHS * 2} months: ${s2.toFixed(1)} ms vs ${s1.toFixed(1)} ms`,
      },
    ];
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await stopBenchServer();
  }
}

export async function runStatementsBench(): Promise<BenchResult[]> {
  const one = benchInput(MEMBERS, LINES, MONTHS);
  const two = benchInput(MEMBERS, LINES, MONTHS * 2);
  const twoMembers = benchInput(MEMBERS * 2, LINES, MONTHS);
  // sanity: the service path and the core's own statements agree
  const ledger = computeLedger(one.input, one.from, one.to);
  const direct = buildStatements(ledger).map(formatStatement);
  const viaParts = one.input.members.map((m) =>
    formatStatement(statementFromParts(m.organisationId, one.from, one.to, monthParts(ledger, m.organisationId), { model: 'cooperative', isHost: m.isHost })),
  );
  if (JSON.stringify(direct) !== JSON.stringify(viaParts)) throw new Error('month parts and buildStatements disagree');
  const total = direct.reduce((a, s) => a.plus(s.charge), new D(0));

  const runs = 11;
  const [t1, t2, t2m] = timeAll(
    [() => computeAll(one.input, one.from, one.to), () => computeAll(two.input, two.from, two.to), () => computeAll(twoMembers.input, twoMembers.from, twoMembers.to)],
    runs,
  );
  const note = `${MEMBERS} members × ${LINES} service lines × ${MONTHS} months, ${one.input.costs.length} cost entries, ${one.input.activity.length} activity rows; Σ charges ${total.toFixed(2)}`;
  const service = process.env.BENCH_DB === '0' ? [] : await serviceBench();
  return [
    ...service,
    { name: 'compute.statements_1x', value: t1, unit: 'ms', baseline: null, ratio: null, note },
    { name: 'compute.statements_2x_months', value: t2, unit: 'ms', baseline: t1, ratio: t2 / t1, note: `${MONTHS * 2} months` },
    { name: 'compute.statements_2x_members', value: t2m, unit: 'ms', baseline: t1, ratio: t2m / t1, note: `${MEMBERS * 2} members` },
    {
      name: 'compute.statement_scaling',
      value: t2 / t1,
      unit: 'ratio',
      baseline: 2,
      ratio: t2 / t1 / 2,
      goal: '≤ 2.2 (linear in months)',
      note: `2× the months: ${t2.toFixed(1)} ms vs ${t1.toFixed(1)} ms`,
    },
  ];
}

if (require.main === module) {
  runStatementsBench()
    .then((results) => {
      for (const r of results) {
        console.log(
          `${r.name.padEnd(32)} ${r.value.toFixed(3).padStart(10)} ${r.unit.padEnd(5)} baseline ${r.baseline === null ? '–' : r.baseline.toFixed(3)}  ratio ${r.ratio === null ? '–' : r.ratio.toFixed(3)}${r.note ? `  (${r.note})` : ''}`,
        );
      }
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
