/**
 * A worker's own small HTTP server (WORKER_PORT): its metrics (the jobs it ran, the PDF pool that
 * renders statement batches) and its health, for Prometheus and the container's health check. It
 * serves nothing of the API: a worker takes no requests.
 */
import type { INestApplication } from '@nestjs/common';
import express from 'express';
import { ReadinessService } from './health/readiness.service';
import { serveMetrics } from './metrics/metrics-http';
import { Metrics } from './metrics/metrics.service';

export function workerHttp(app: INestApplication, metricsToken: string | undefined): express.Express {
  const server = express();
  server.disable('x-powered-by');
  const readiness = app.get(ReadinessService);
  server.get('/metrics', serveMetrics(app.get(Metrics), metricsToken));
  server.get('/api/v1/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  server.get('/api/v1/health/ready', (_req, res, next) => {
    readiness
      .check()
      .then((r) => res.status(r.status === 'ok' ? 200 : 503).json(r))
      .catch(next);
  });
  server.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found: a worker serves /metrics and /api/v1/health/{live,ready} only\n');
  });
  return server;
}
