/**
 * Jobs bench: one quarter-end statement batch of a 30-member consortium rendered by ONE worker
 * process, then by TWO (separate processes, `dist/src/worker.js`, one database), timed from the
 * enqueue (POST …/reports/statements to an API-only process) to the batch's `completed`.
 *
 * Each configuration renders a warm-up batch first (Chromium launched, statement ledger memoised in
 * every worker), then the same batch `RUNS` times; the slowest is reported (each run is printed). The ratio two/one below 1
 * means the second process helps. Needs `npm run build` first (`npm run bench` builds).
 *
 *   BENCH=jobs npm run bench
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { benchInput, insertBenchConsortium } from './statements.bench';
import { BenchResult, dropDatabase, freshDatabase, login, ROOT, startApp, stopBenchServer } from './support';

const MEMBERS = 30;
const LINES = 10;
const MONTHS = 12;
const RUNS = 2;
const ADMIN = { email: 'admin@bench.example', password: 'admin-password-123' };

interface Worker {
  child: ChildProcess;
  exited: Promise<number | null>;
}

async function startWorker(env: Record<string, string>): Promise<Worker> {
  const entry = path.join(ROOT, 'dist', 'src', 'worker.js');
  if (!fs.existsSync(entry)) throw new Error('Build first: npm run build');
  const child = spawn(process.execPath, [entry], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => {
    out += d;
    if (process.env.BENCH_VERBOSE) process.stderr.write(d);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const end = Date.now() + 120_000;
  while (!out.includes('Worker started')) {
    if (child.exitCode !== null) throw new Error(`worker exited:\n${out}`);
    if (Date.now() > end) throw new Error(`worker did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, exited };
}

async function stopWorker(w: Worker): Promise<void> {
  if (w.child.exitCode === null) w.child.kill('SIGTERM');
  await w.exited;
}

export async function runJobsBench(): Promise<BenchResult[]> {
  const name = 'cp_bench_jobs';
  const url = await freshDatabase(name);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-bench-jobs-'));
  const env = {
    DATABASE_URL: url,
    DEMO_MODE: 'false',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    JOB_POLL_SECONDS: '1',
    DATA_DIR: dataDir,
  };
  // API only: it migrates, seeds the admin and queues; the workers render
  const api = await startApp(url, { ...env, REPORT_WORKER: 'false' });
  const db = new Client({ connectionString: url });
  await db.connect();
  const workers: Worker[] = [];
  try {
    const data = benchInput(MEMBERS, LINES, MONTHS);
    const c = await insertBenchConsortium(async (text, params) => (await db.query(text, params)).rows, data);
    const token = await login(api.base, ADMIN.email, ADMIN.password);

    /** One batch, enqueue to completed, in ms. */
    const batch = async (): Promise<number> => {
      const t0 = performance.now();
      const r = await fetch(`${api.base}/api/v1/consortia/${c.id}/reports/statements`, {
        method: 'POST',
        headers: { authorization: token, 'content-type': 'application/json' },
        body: JSON.stringify({ from: data.from, to: data.to }),
      });
      if (r.status !== 202) throw new Error(`enqueue: ${r.status} ${await r.text()}`);
      const { id } = (await r.json()) as { id: string };
      const end = Date.now() + 10 * 60_000;
      for (;;) {
        const { rows } = await db.query<{ status: string; done: number; total: number }>(
          `SELECT status, done, cardinality(organisation_ids) AS total FROM report_jobs WHERE id = $1`,
          [id],
        );
        if (rows[0].status === 'completed') {
          if (rows[0].done !== MEMBERS || rows[0].total !== MEMBERS) throw new Error(`batch ${id}: ${JSON.stringify(rows[0])}`);
          return performance.now() - t0;
        }
        if (rows[0].status === 'failed') throw new Error(`batch ${id} failed`);
        if (Date.now() > end) throw new Error(`batch ${id} did not finish`);
        await new Promise((res) => setTimeout(res, 50));
      }
    };
    const measure = async (processes: number): Promise<number> => {
      while (workers.length < processes) workers.push(await startWorker(env));
      await batch(); // warm-up: Chromium launched, ledger memoised, in every worker
      const xs: number[] = [];
      for (let i = 0; i < RUNS; i++) xs.push(await batch());
      console.log(`  ${processes} worker process${processes > 1 ? 'es' : ''}: ${xs.map((x) => `${(x / 1000).toFixed(2)} s`).join(', ')}`);
      return Math.max(...xs);
    };
    const one = await measure(1);
    const two = await measure(2);
    const note = `${MEMBERS} members × ${LINES} lines × ${MONTHS} months, enqueue to completed, the slowest of ${RUNS} after a warm-up; ${os.cpus().length} CPUs`;
    return [
      { name: 'jobs.batch_one_worker', value: one, unit: 'ms', baseline: null, ratio: null, note },
      {
        name: 'jobs.batch_two_workers_vs_one',
        value: two,
        unit: 'ms',
        baseline: one,
        ratio: two / one,
        goal: '< 1 (two processes faster)',
        note: 'the same batch with a second worker process (one member at a time in each)',
      },
    ];
  } finally {
    for (const w of workers) await stopWorker(w);
    await db.end();
    await api.stop();
    await dropDatabase(name);
    fs.rmSync(dataDir, { recursive: true, force: true });
    await stopBenchServer();
  }
}

if (require.main === module) {
  runJobsBench()
    .then((results) => {
      for (const r of results) console.log(`${r.name.padEnd(32)} ${r.value.toFixed(0).padStart(8)} ${r.unit}  ratio ${r.ratio === null ? '–' : r.ratio.toFixed(3)}`);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
