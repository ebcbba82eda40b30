/**
 * `npm run worker`: a process that runs background jobs only (statement batches, notifications,
 * webhooks, schedules) and serves no HTTP. Any number of workers and of API processes
 * (REPORT_WORKER=false) share one PostgreSQL: pg-boss hands each job to one of them.
 *
 * It builds the same application as the API (the same modules, the same migrations under the same
 * lock) without listening, and stops cleanly on SIGTERM/SIGINT: a running job finishes or is failed
 * and retried by another process.
 */
import 'reflect-metadata';
import { createApp } from './bootstrap';
import { ReadinessService } from './health/readiness.service';
import { workerHttp } from './worker-http';
import { ConfigError, loadConfig } from './config/configuration';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig({ ...process.env, REPORT_WORKER: 'true' });
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    throw e;
  }
  if (!config.databaseUrl) {
    console.error('DATABASE_URL: a worker shares the database of the API processes; set it (the embedded PostgreSQL is for a single process)');
    process.exit(78);
  }
  const app = await createApp(config, config.databaseUrl);
  const http = config.workerPort ? workerHttp(app, config.metricsToken).listen(config.workerPort, config.bindAddress) : null;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing running jobs, then stopping.`);
    try {
      app.get(ReadinessService).drain();
      await app.close();
      await new Promise((resolve) => (http ? http.close(resolve) : resolve(undefined)));
      process.exit(0);
    } catch (e) {
      console.error('Error while shutting down', e);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  console.log(`Worker started: running statement batches, notifications, webhooks and schedules.${config.workerPort ? ` Metrics and health on port ${config.workerPort}.` : ''}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
