import type { INestApplication } from '@nestjs/common';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import { loadConfig, type AppConfig } from '../../src/config/configuration';
import { SeedService } from '../../src/seed/seed.service';
import { createTestDatabase, dropTestDatabase } from './db';
import { CONFORMANCE_DIR, ConformanceChecker, watchResponses, type OpenApiDoc } from './openapi';

export const ADMIN = { email: 'admin@test.example', password: 'admin-password-123' };

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  config: AppConfig;
  databaseUrl: string;
  /** Signs in and returns an Authorization header value. */
  login(email: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/** The real application on its own fresh database (migrations applied), admin created. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const t = await createAppOn(db.url, env);
  return {
    ...t,
    close: async () => {
      await t.close();
      await dropTestDatabase(db.name);
    },
  };
}

/**
 * A new app on the database of an earlier one (a restart): close the earlier one with
 * `app.close()` (not `close()`, which drops the database); this one's close() drops it.
 */
export async function reopenTestApp(databaseUrl: string, env: Record<string, string> = {}): Promise<TestApp> {
  const t = await createAppOn(databaseUrl, env);
  return {
    ...t,
    close: async () => {
      await t.close();
      await dropTestDatabase(new URL(databaseUrl).pathname.slice(1));
    },
  };
}

/** Builds the app on an existing database URL (no new database): for restart and outage tests. */
export async function createAppOn(databaseUrl: string, env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    DEMO_MODE: 'false',
    LOGIN_RATE_LIMIT: '10000',
    LOGIN_ADDRESS_RATE_LIMIT: '100000',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await createApp(config, databaseUrl, { logger: false });
  await app.get(SeedService).run();
  await watchConformance(app);
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    databaseUrl,
    login: async (email, password) => {
      const res = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return `Bearer ${res.body.accessToken}`;
    },
    close: async () => {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---- OpenAPI conformance (test/support/openapi.ts) ----

/** One checker per test file (jest gives every file its own module registry), built from the first app's document. */
let checker: ConformanceChecker | null = null;

async function watchConformance(app: INestApplication): Promise<void> {
  const server = app.getHttpServer();
  if (!checker) {
    const res = await request(server).get('/api/docs-json');
    if (res.status !== 200) throw new Error(`GET /api/docs-json: ${res.status}`);
    checker = new ConformanceChecker(res.body as OpenApiDoc);
  }
  const c = checker;
  watchResponses(server, (x) => c.check(x));
}

/**
 * Why a mismatch fails the run: this hook is registered at the top level of every test file that
 * imports this module (all e2e files that build an app), so it runs once after all of that file's
 * tests, in the jest worker that ran them. A hook that throws fails its test file, and jest exits
 * non-zero; the message lists every mismatch. Checking per file needs nothing shared between the
 * two workers; the summary files are only for the overall count printed by the global teardown.
 */
if (typeof afterAll === 'function') {
  afterAll(() => {
    if (!checker) return;
    const testPath = expect.getState().testPath ?? 'unknown';
    const summary = {
      file: path.relative(path.resolve(__dirname, '../..'), testPath),
      responses: [...checker.checked.values()].reduce((a, b) => a + b, 0),
      operations: Object.fromEntries(checker.checked),
      mismatches: checker.mismatches,
    };
    fs.mkdirSync(CONFORMANCE_DIR, { recursive: true });
    fs.writeFileSync(path.join(CONFORMANCE_DIR, `${summary.file.replace(/[^\w.-]+/g, '_')}.json`), JSON.stringify(summary, null, 2));
    const m = checker.mismatches;
    if (m.length) {
      // One line per operation, status and problem, with how often it happened and one request.
      const groups = new Map<string, { n: number; example: string }>();
      for (const x of m) {
        const key = `${x.operation ?? 'no operation'} → ${x.status}: ${x.problem}`;
        const g = groups.get(key) ?? { n: 0, example: x.request };
        g.n++;
        groups.set(key, g);
      }
      const lines = [...groups].map(([key, g]) => `  ${key} (×${g.n}, e.g. ${g.example})`);
      throw new Error(`${m.length} response(s) do not match the OpenAPI document:\n${lines.join('\n')}`);
    }
  });
}
