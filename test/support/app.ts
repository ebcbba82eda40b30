import type { INestApplication } from '@nestjs/common';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import { loadConfig, type AppConfig } from '../../src/config/configuration';
import { SeedService } from '../../src/seed/seed.service';
import { createTestDatabase, dropTestDatabase } from './db';

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
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await createApp(config, databaseUrl, { logger: false });
  await app.get(SeedService).run();
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
