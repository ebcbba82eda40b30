/**
 * Entry point: validate config, find the database (DATABASE_URL, or start the embedded PostgreSQL),
 * build the app (migrations applied on start under a lock, so several processes may start at once),
 * seed (under its own lock), listen, and shut down cleanly on SIGTERM/SIGINT.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { createApp } from './bootstrap';
import { ReadinessService } from './health/readiness.service';
import { ConfigError, loadConfig } from './config/configuration';
import { EmbeddedServer, startEmbeddedPostgres } from './database/embedded-postgres';
import { ensureDatabase } from './database/ensure-database';
import { seedDemoActivity } from './seed/demo-activity';
import { seedDemoBenchmarks } from './seed/demo-benchmarks';
import { DEMO } from './seed/demo-data';
import { SeedService } from './seed/seed.service';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    throw e;
  }

  let embedded: EmbeddedServer | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    console.log(`No DATABASE_URL: starting the embedded PostgreSQL in ${config.dataDir}/pg on 127.0.0.1:${config.embeddedPgPort} …`);
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
    const admin = embedded.url('postgres');
    await ensureDatabase(admin, 'consortium');
    databaseUrl = embedded.url('consortium');
  }

  // Filled in once the app is built; a signal during start-up stops only what exists.
  const started: { app?: INestApplication } = {};
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing in-flight requests, then stopping.`);
    try {
      started.app?.get(ReadinessService).drain(); // /health/ready answers 503 from now: the proxy stops sending traffic
      await started.app?.close(); // stops accepting, waits for in-flight requests, closes the pool
      await embedded?.stop();
      process.exit(0);
    } catch (e) {
      console.error('Error while shutting down', e);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const app = await createApp(config, databaseUrl);
  started.app = app;
  const seed = await app.get(SeedService).run();
  if (seed.demoSeeded && seed.consortiumId) {
    await seedDemoActivity(app, seed.consortiumId);
    await seedDemoBenchmarks(app);
  }
  await app.listen(config.port, config.bindAddress);
  const base = `http://localhost:${config.port}`;
  const lines = [
    '',
    `Consortium platform listening on ${base}`,
    `  Web:      ${base}/   (sign in with a demo user below)`,
    `  API:      ${base}/api/v1   (health: ${base}/api/v1/health)`,
    config.apiDocs ? `  Docs:     ${base}/api/docs  (OpenAPI JSON: ${base}/api/docs-json)` : '  Docs:     off (API_DOCS=true serves them)',
    `  Database: ${embedded ? `embedded PostgreSQL, data in ${config.dataDir}/pg` : 'DATABASE_URL'}`,
  ];
  if (seed.adminEmail) lines.push(`  Admin created: ${seed.adminEmail}${seed.adminPassword ? ` / ${seed.adminPassword}  (demo default; set ADMIN_EMAIL and ADMIN_PASSWORD)` : ''}`);
  if (seed.demoSeeded) {
    lines.push(`  Demo consortium seeded (id ${seed.consortiumId}) with six months of costs, SLAs and measurements (April–September 2025). Demo users:`);
    for (const u of seed.demoUsers) lines.push(`    ${u.role.padEnd(13)} ${u.email} / ${u.password}  (${u.organisation})`);
  } else if (config.demoMode) {
    lines.push('  Demo data already present (seeded on an earlier start). Demo users sign in with demo-password-2025:');
    for (const u of DEMO.users) lines.push(`    ${u.role.padEnd(13)} ${u.email}`);
  }
  if (config.demoMode) {
    lines.push(
      `  Web sign-ins to try: a partner trust's user ${DEMO.users.find((u) => u.role === 'partner_user')!.email}, its board member ${DEMO.users.find((u) => u.role === 'board_viewer' && u.org !== 'host')!.email} (the partnership board), password demo-password-2025`,
    );
  }
  if (seed.consortiumId) {
    lines.push(`  Board pack: ${base}/api/v1/consortia/${seed.consortiumId}/reports/statement.pdf?organisationId=<member id>&from=2025-04&to=2025-09 (sign in first)`);
    lines.push(`  Partnership board: ${base}/api/v1/consortia/${seed.consortiumId}/reports/consolidated.pdf?from=2025-04&to=2025-09 (host or a member's board viewer)`);
  }
  lines.push(`  Try: curl -s ${base}/api/v1/auth/login -H 'content-type: application/json' -d '{"email":"host.admin@demo.nhs.example","password":"demo-password-2025"}'`, '');
  console.log(lines.join('\n'));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
