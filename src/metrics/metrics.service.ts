/**
 * Prometheus metrics of one application instance (GET /metrics, outside /api/v1; see bootstrap.ts).
 * Each app has its own registry (tests build several apps in one process; prom-client's global
 * default registry would refuse the second set of names).
 *
 * Other modules count their own events here:
 * - `notifications_sent_total{kind,status}`: a notification (mail) attempted; kind = the event kind
 *   or `digest`, status = `sent` | `failed` | `skipped`.
 * - `webhook_deliveries_total{status}`: a webhook delivery attempt; status = `delivered` | `failed`
 *   | `disabled` (the endpoint was turned off after this failure).
 * Gauges read at scrape time (PDF pool, job queues, database pool) are in metrics.collectors.ts.
 */
import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Seconds: from fast JSON reads to a slow PDF. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, matched route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly notificationsSent = new Counter({
    name: 'notifications_sent_total',
    help: 'Mail attempts by event kind and outcome (sent; retrying: refused, will be tried again; failed: refused for the last time)',
    labelNames: ['kind', 'status'] as const,
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome (delivered; retrying; failed: the last attempt; disabled: the attempt that disabled its endpoint)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  readonly jobsProcessed = new Counter({
    name: 'jobs_processed_total',
    help: 'Background jobs this process ran, by queue and outcome (completed, failed: retried or given up)',
    labelNames: ['queue', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The exposition text (Prometheus text format) and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
