/**
 * The worker side: an event becomes one delivery per subscribed endpoint (queue `event.webhooks`),
 * and each delivery one job (queue `webhook.deliver`) that POSTs it, signed, and is retried by
 * pg-boss with a doubling delay until it succeeds, the retries run out (failed) or the endpoint is
 * disabled (cancelled). The status row, checked before every attempt, makes a delivery go out at
 * most once after it succeeded, however often its job runs.
 */
import { Metrics } from '../metrics/metrics.service';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { WEBHOOKS_CONFIG, type WebhooksConfig } from '../config/slices';
import { UnitOfWork } from '../database/sql';
import type { DomainEvent } from '../events/event-kinds';
import { EventsService } from '../events/events.service';
import { JobQueue, type JobMeta } from '../jobs/job-queue.service';
import { signatureHeader } from './core/signature';
import { WebhookSender } from './webhook-sender';
import { WebhooksRepository } from './webhooks.repository';

export const DELIVER_QUEUE = 'webhook.deliver';
/** Stored errors are cut to this many characters. */
const MAX_ERROR_LENGTH = 500;

/** The JSON body of a delivery (docs/webhooks.md). */
export function deliveryBody(deliveryId: string, event: DomainEvent): string {
  return JSON.stringify({ id: deliveryId, type: event.kind, createdAt: event.occurredAt.toISOString(), consortiumId: event.consortiumId, data: event.payload });
}

@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
    private readonly repo: WebhooksRepository,
    private readonly events: EventsService,
    private readonly jobs: JobQueue,
    private readonly uow: UnitOfWork,
    private readonly sender: WebhookSender,
    private readonly metrics: Metrics,
  ) {
    jobs.define<{ deliveryId: string }>(
      {
        name: DELIVER_QUEUE,
        retryLimit: config.retryLimit,
        retryDelaySeconds: config.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: Math.ceil(config.timeoutMs / 1000) + 60,
        concurrency: 4,
      },
      (data, meta) => this.deliver(data.deliveryId, meta),
    );
    events.subscribe('webhooks', (event) => this.fanOut(event));
  }

  /** One delivery (and one job) per enabled endpoint subscribed to the event's kind; idempotent. */
  async fanOut(event: DomainEvent): Promise<void> {
    await this.uow.run(async (tx) => {
      const ids = await this.repo.fanOut(tx, event);
      for (const deliveryId of ids) await this.jobs.send(DELIVER_QUEUE, { deliveryId }, { on: tx });
    });
  }

  /** One attempt at one delivery. Throws (so that pg-boss retries) when the attempt failed and another may follow. */
  async deliver(deliveryId: string, meta: JobMeta): Promise<void> {
    const found = await this.repo.delivery(null, deliveryId);
    if (!found || found.delivery.status !== 'pending') return; // delivered, failed or cancelled: never sent again
    const { delivery, endpoint } = found;
    if (!endpoint.enabled) return this.repo.cancel(null, delivery.id);
    const event = await this.events.find(null, delivery.eventId);
    if (!event) return this.repo.cancel(null, delivery.id);

    const body = deliveryBody(delivery.id, event);
    // the wire timestamp is real time (not the injectable Clock): receivers compare it with theirs
    const timestamp = Math.floor(Date.now() / 1000);
    const result = await this.sender.post(
      endpoint.url,
      body,
      {
        'Content-Type': 'application/json',
        'Webhook-Id': delivery.id,
        'Webhook-Timestamp': String(timestamp),
        'Webhook-Signature': signatureHeader(endpoint.secret, timestamp, body),
      },
      { timeoutMs: this.config.timeoutMs, allowLoopback: this.config.allowLoopback },
    );

    if (result.ok) {
      await this.repo.markDelivered(null, delivery.id, result.statusCode!, result.durationMs);
      await this.repo.resetFailures(null, endpoint.id);
      this.metrics.webhookDeliveries.inc({ status: 'delivered' });
      return;
    }
    const error = (result.error ?? 'failed').slice(0, MAX_ERROR_LENGTH);
    const final = meta.lastAttempt;
    const { disabledNow } = await this.uow.run(async (tx) => {
      await this.repo.recordFailure(tx, delivery.id, { statusCode: result.statusCode, error, durationMs: result.durationMs, final });
      const r = await this.repo.addFailure(
        tx,
        endpoint.id,
        this.config.disableAfter,
        `Disabled after ${this.config.disableAfter} failed attempts in a row (last: ${error})`.slice(0, MAX_ERROR_LENGTH),
      );
      if (r.disabledNow) await this.repo.cancelPending(tx, endpoint.id);
      return r;
    });
    this.metrics.webhookDeliveries.inc({ status: disabledNow ? 'disabled' : final ? 'failed' : 'retrying' });
    if (disabledNow) {
      this.logger.warn({ endpointId: endpoint.id, consortiumId: endpoint.consortiumId }, 'webhook endpoint disabled after repeated failures');
      return;
    }
    if (final) return;
    throw new Error(`webhook delivery ${delivery.id} attempt ${delivery.attempts + 1} failed: ${error}`);
  }
}
