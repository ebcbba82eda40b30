/**
 * Shared bench plumbing: a PostgreSQL server (DATABASE_URL's, or an embedded one under data/bench),
 * fresh databases, a child app process, and the result format of `npm run bench`.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedServer } from '../src/database/embedded-postgres';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  goal?: string;
  note?: string;
}

export const ROOT = path.resolve(__dirname, '..');

let embedded: EmbeddedServer | undefined;

/** Admin URL of the bench PostgreSQL server. */
export async function benchServer(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  embedded ??= await startEmbeddedPostgres({ dataDir: path.join(ROOT, 'data', 'bench'), port: Number(process.env.BENCH_PG_PORT ?? 54349) });
  return embedded.url('postgres');
}

export async function stopBenchServer(): Promise<void> {
  await embedded?.stop();
  embedded = undefined;
}

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Runs statements one after another on the bench server's admin database. */
async function onServer(...sql: string[]): Promise<string> {
  const admin = await benchServer();
  const c = new Client({ connectionString: admin });
  await c.connect();
  try {
    for (const q of sql) await c.query(q);
  } finally {
    await c.end();
  }
  return admin;
}

export async function freshDatabase(name: string): Promise<string> {
  return withDatabase(await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, `CREATE DATABASE "${name}"`), name);
}

/** Drops a bench database, so that its autovacuum and checkpoints do not run under the next bench. */
export async function dropDatabase(name: string): Promise<void> {
  await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, 'CHECKPOINT');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface AppProcess {
  base: string;
  child: ChildProcess;
  stop(): Promise<number | null>;
}

/** Starts the built app (dist/) as a child process on its own port and database. */
export async function startApp(databaseUrl: string, env: Record<string, string> = {}): Promise<AppProcess> {
  const port = await freePort();
  const main = path.join(ROOT, 'dist', 'src', 'main.js');
  if (!fs.existsSync(main)) throw new Error('Build first: npm run build');
  // BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the app (flags NODE_OPTIONS refuses).
  const nodeArgs = process.env.BENCH_APP_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, main], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'warn', DEMO_MODE: 'true', DATA_DIR: path.join(ROOT, 'data', 'bench-app'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => {
    out += d;
    if (process.env.BENCH_VERBOSE) process.stderr.write(d);
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`app exited early:\n${out}`);
    try {
      const r = await fetch(`${base}/api/v1/health`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

/** Peak resident set (VmHWM) of a process, in MB (Linux). */
export function peakRssMb(pid: number): number | null {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export async function login(base: string, email: string, password: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!r.ok) throw new Error(`login failed ${r.status}`);
  return `Bearer ${((await r.json()) as { accessToken: string }).accessToken}`;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function printTable(results: BenchResult[]): void {
  const rows = results.map((r) => [r.name, fmt(r.value), r.unit, r.baseline === null ? '' : fmt(r.baseline), r.ratio === null ? '' : fmt(r.ratio), r.goal ?? '']);
  const head = ['name', 'value', 'unit', 'baseline', 'ratio', 'goal'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(w[i])).join('  ');
  console.log(line(head));
  console.log(w.map((n) => '-'.repeat(n)).join('  '));
  for (const r of rows) console.log(line(r));
}

function fmt(n: number): string {
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toFixed(3);
}
