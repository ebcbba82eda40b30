/**
 * Attacks on the defaults (issue 12, findings 4, 6 and 14), each tried as an attacker would.
 * Finding 4: the compose file's secret signed admin tokens in production. Finding 6: the embedded
 * server's superuser password was `embedded` for everyone. Finding 14: docs open in production, the
 * server bound to every address, Chromium never sandboxed.
 */
import { JwtService } from '@nestjs/jwt';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { ConfigError, loadConfig } from '../../../src/config/configuration';
import { startEmbeddedPostgres } from '../../../src/database/embedded-postgres';
import { POOL_CHROMIUM_ARGS } from '../../../src/reports/pdf';
import { resolvePoolOptions } from '../../../src/reports/pdf/options';
import { createTestApp, type TestApp } from '../../support/app';

/** What docker-compose.yml shipped before this issue. */
const COMPOSE_SECRET = 'change-me-to-a-long-random-secret-of-32+-chars';
const STRONG_SECRET = 'q8ZrT3vN1xLw0pYcK5mB7hJ2dG9sF4aE6uR1tV3nX8yW';

describe('attacks on production defaults (e2e)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attacks-'));
  const prod = (env: Record<string, string>) => () =>
    loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, DATABASE_URL: 'postgres://u:p@db.example/consortium', JWT_SECRET: STRONG_SECRET, ...env });

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  describe('finding 4: default secrets work in production', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('production refuses to start with the compose secret, so a token forged with it is refused', async () => {
      expect(prod({ JWT_SECRET: COMPOSE_SECRET })).toThrow(/JWT_SECRET: a published example or default value/);
      // An app that did start has a secret of its own: the forged admin token is a 401.
      const forged = new JwtService({ secret: COMPOSE_SECRET }).sign({ sub: '00000000-0000-4000-8000-000000000000', role: 'admin', email: 'x@y.z', organisationId: null });
      const res = await t.http.get('/api/v1/consortia').set('Authorization', `Bearer ${forged}`);
      expect(res.status).toBe(401);
    });

    it('refuses low-entropy secrets, published admin passwords and demo mode in production', () => {
      expect(prod({ JWT_SECRET: 'x'.repeat(40) })).toThrow(/JWT_SECRET: too predictable/);
      expect(prod({ JWT_SECRET: 'abababababababababababababababababab' })).toThrow(/too predictable/);
      expect(prod({ ADMIN_EMAIL: 'a@b.c', ADMIN_PASSWORD: 'change-me-please' })).toThrow(/ADMIN_PASSWORD: a published example/);
      expect(prod({ DEMO_MODE: 'true' })).toThrow(/DEMO_MODE: not allowed in production/);
      expect(prod({})).not.toThrow();
    });

    it('lists every problem at once', () => {
      try {
        prod({ JWT_SECRET: COMPOSE_SECRET, DEMO_MODE: 'true', ADMIN_EMAIL: 'a@b.c', ADMIN_PASSWORD: 'change-me-please' })();
        throw new Error('started');
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        expect((e as Error).message).toMatch(/JWT_SECRET[\s\S]*ADMIN_PASSWORD[\s\S]*DEMO_MODE/);
      }
    });

    it('docker-compose.yml has no working secret defaults and no demo mode', () => {
      const compose = fs.readFileSync(path.resolve(__dirname, '../../../docker-compose.yml'), 'utf8');
      expect(compose).not.toContain(COMPOSE_SECRET);
      expect(compose).not.toMatch(/change-me/);
      for (const name of ['JWT_SECRET', 'ADMIN_PASSWORD', 'POSTGRES_PASSWORD']) expect(compose).toMatch(new RegExp(`\\$\\{${name}:\\?`));
      expect(compose).toMatch(/DEMO_MODE: 'false'/);
    });
  });

  describe('finding 6: the embedded database superuser password', () => {
    it('production refuses the embedded database unless it is allowed explicitly', () => {
      expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, JWT_SECRET: STRONG_SECRET })).toThrow(/DATABASE_URL: required in production/);
      expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, JWT_SECRET: STRONG_SECRET, ALLOW_EMBEDDED_DB: 'true' })).not.toThrow();
    });

    it('a new cluster gets a random password kept 0600; the old published one is refused, and an old cluster is rotated', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attacks-pg-'));
      const port = 54390 + (process.pid % 8);
      const tryConnect = async (password: string) => {
        const c = new Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres` });
        try {
          await c.connect();
          return true;
        } catch {
          return false;
        } finally {
          await c.end().catch(() => undefined);
        }
      };
      let server = await startEmbeddedPostgres({ dataDir: dir, port });
      try {
        const file = path.join(dir, 'pg-password');
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        const password = fs.readFileSync(file, 'utf8').trim();
        expect(password.length).toBeGreaterThanOrEqual(40);
        expect(await tryConnect('embedded')).toBe(false);
        expect(await tryConnect(password)).toBe(true);
        expect(server.url()).toContain(encodeURIComponent(password));

        // A cluster made before this change: the published password, no password file.
        const c = new Client({ connectionString: server.url() });
        await c.connect();
        await c.query(`ALTER ROLE postgres PASSWORD 'embedded'`);
        await c.end();
        await server.stop();
        fs.rmSync(file);
        server = await startEmbeddedPostgres({ dataDir: dir, port });
        const rotated = fs.readFileSync(file, 'utf8').trim();
        expect(rotated).not.toBe(password);
        expect(await tryConnect('embedded')).toBe(false);
        expect(await tryConnect(rotated)).toBe(true);
      } finally {
        await server.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a first start that fails after initdb (its port taken) leaves a cluster the next start still opens', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attacks-pg-'));
      const port = 54380 + (process.pid % 8);
      const blocker = net.createServer();
      await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
      try {
        await expect(startEmbeddedPostgres({ dataDir: dir, port })).rejects.toThrow(/is taken/);
      } finally {
        await new Promise<void>((resolve) => blocker.close(() => resolve()));
      }
      expect(fs.existsSync(path.join(dir, 'pg-password'))).toBe(false);
      const server = await startEmbeddedPostgres({ dataDir: dir, port });
      try {
        const password = fs.readFileSync(path.join(dir, 'pg-password'), 'utf8').trim();
        expect(fs.existsSync(path.join(dir, 'pg-password.new'))).toBe(false);
        const c = new Client({ connectionString: server.url() });
        await c.connect();
        expect((await c.query<{ one: number }>('SELECT 1 AS one')).rows[0].one).toBe(1);
        await c.end();
        expect(server.url()).toContain(encodeURIComponent(password));
      } finally {
        await server.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('finding 14: docs, bind address and the Chromium sandbox', () => {
    let normal: TestApp;
    let production: TestApp;
    beforeAll(async () => {
      normal = await createTestApp();
      production = await createTestApp({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET, ADMIN_PASSWORD: 'Vq3-unlisted-admin-pass', ALLOW_EMBEDDED_DB: 'true' });
    });
    afterAll(async () => {
      await production.close();
      await normal.close();
    });

    it('production serves no API docs unless asked; other environments do', async () => {
      expect((await production.http.get('/api/docs-json')).status).toBe(404);
      expect((await production.http.get('/api/docs')).status).toBe(404);
      expect((await normal.http.get('/api/docs-json')).status).toBe(200);
      expect(loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, DATABASE_URL: 'postgres://u:p@h/d', JWT_SECRET: STRONG_SECRET, API_DOCS: 'true' }).apiDocs).toBe(true);
    });

    it('binds to loopback by default outside production, and where told to', () => {
      expect(loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir }).bindAddress).toBe('127.0.0.1');
      expect(prod({})().bindAddress).toBe('0.0.0.0');
      expect(prod({ BIND_ADDRESS: '10.1.2.3' })().bindAddress).toBe('10.1.2.3');
    });

    it('Chromium keeps its sandbox unless the process is root or it is turned off', () => {
      expect(POOL_CHROMIUM_ARGS).not.toContain('--no-sandbox');
      expect(resolvePoolOptions({ executablePath: '/x', sandbox: true }).sandbox).toBe(true);
      expect(resolvePoolOptions({ executablePath: '/x' }).sandbox).toBe(process.getuid?.() !== 0);
      expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, PDF_CHROMIUM_SANDBOX: 'false' }).chromiumSandbox).toBe(false);
    });
  });
});
