import { Injectable } from '@nestjs/common';
import { Sql, type On, type Tx } from '../database/sql';
import type { EventKind } from '../events/event-kinds';
import type { DeliveryStatus, EndpointEvents, WebhookDelivery, WebhookEndpoint } from './webhook.model';

interface EndpointRow {
  id: string;
  consortium_id: string;
  url: string;
  description: string | null;
  events: EndpointEvents;
  secret: string;
  enabled: boolean;
  consecutive_failures: number;
  disabled_at: Date | null;
  disabled_reason: string | null;
  created_by: string | null;
  created_at: Date;
}

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_kind: EventKind;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: Date | null;
  duration_ms: number | null;
  delivered_at: Date | null;
  created_at: Date;
}

const ENDPOINT_COLS = 'id, consortium_id, url, description, events, secret, enabled, consecutive_failures, disabled_at, disabled_reason, created_by, created_at';
const DELIVERY_COLS = 'id, endpoint_id, event_id, event_kind, status, attempts, last_status_code, last_error, last_attempt_at, duration_ms, delivered_at, created_at';

function toEndpoint(r: EndpointRow): WebhookEndpoint {
  return {
    id: r.id,
    consortiumId: r.consortium_id,
    url: r.url,
    description: r.description,
    events: r.events,
    secret: r.secret,
    enabled: r.enabled,
    consecutiveFailures: r.consecutive_failures,
    disabledAt: r.disabled_at,
    disabledReason: r.disabled_reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

function toDelivery(r: DeliveryRow): WebhookDelivery {
  return {
    id: r.id,
    endpointId: r.endpoint_id,
    eventId: r.event_id,
    eventKind: r.event_kind,
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    lastAttemptAt: r.last_attempt_at,
    durationMs: r.duration_ms,
    deliveredAt: r.delivered_at,
    createdAt: r.created_at,
  };
}

/** `webhook_endpoints` and their `webhook_deliveries` (one aggregate: a delivery lives and dies with its endpoint). */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly sql: Sql) {}

  async insert(tx: Tx, e: { consortiumId: string; url: string; description: string | null; events: EndpointEvents; secret: string; createdBy: string }): Promise<WebhookEndpoint> {
    const row = await this.sql.one<EndpointRow>(
      tx,
      `INSERT INTO webhook_endpoints (consortium_id, url, description, events, secret, created_by) VALUES ($1, $2, $3, $4::text[], $5, $6) RETURNING ${ENDPOINT_COLS}`,
      [e.consortiumId, e.url, e.description, e.events, e.secret, e.createdBy],
    );
    return toEndpoint(row!);
  }

  async list(on: On, consortiumId: string): Promise<WebhookEndpoint[]> {
    const rows = await this.sql.rows<EndpointRow>(on, `SELECT ${ENDPOINT_COLS} FROM webhook_endpoints WHERE consortium_id = $1 ORDER BY created_at, id`, [consortiumId]);
    return rows.map(toEndpoint);
  }

  /** One endpoint of the consortium (null when it is another consortium's). `lock`: FOR UPDATE. */
  async find(on: On, consortiumId: string, id: string, lock = false): Promise<WebhookEndpoint | null> {
    const row = await this.sql.one<EndpointRow>(on, `SELECT ${ENDPOINT_COLS} FROM webhook_endpoints WHERE consortium_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [
      consortiumId,
      id,
    ]);
    return row ? toEndpoint(row) : null;
  }

  async update(
    tx: Tx,
    id: string,
    e: Pick<WebhookEndpoint, 'url' | 'description' | 'events' | 'enabled' | 'consecutiveFailures' | 'disabledAt' | 'disabledReason' | 'secret'>,
  ): Promise<WebhookEndpoint> {
    const row = await this.sql.one<EndpointRow>(
      tx,
      `UPDATE webhook_endpoints SET url = $2, description = $3, events = $4::text[], enabled = $5, consecutive_failures = $6, disabled_at = $7, disabled_reason = $8, secret = $9
        WHERE id = $1 RETURNING ${ENDPOINT_COLS}`,
      [id, e.url, e.description, e.events, e.enabled, e.consecutiveFailures, e.disabledAt, e.disabledReason, e.secret],
    );
    return toEndpoint(row!);
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await this.sql.exec(tx, `DELETE FROM webhook_endpoints WHERE id = $1`, [id]);
  }

  /**
   * One pending delivery per enabled endpoint of the consortium subscribed to `kind` (or to every
   * kind); an endpoint that already has one for this event gets none. Resolves with the new ones' ids.
   */
  async fanOut(tx: Tx, event: { id: string; consortiumId: string; kind: EventKind }): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      tx,
      `INSERT INTO webhook_deliveries (endpoint_id, event_id, event_kind)
       SELECT e.id, $2, $3 FROM webhook_endpoints e
        WHERE e.consortium_id = $1 AND e.enabled AND ($3 = ANY (e.events) OR '*' = ANY (e.events))
       ON CONFLICT (endpoint_id, event_id) DO NOTHING
       RETURNING id`,
      [event.consortiumId, event.id, event.kind],
    );
    return rows.map((r) => r.id);
  }

  /** A delivery with its endpoint (for the worker). */
  async delivery(on: On, id: string): Promise<{ delivery: WebhookDelivery; endpoint: WebhookEndpoint } | null> {
    const d = await this.sql.one<DeliveryRow>(on, `SELECT ${DELIVERY_COLS} FROM webhook_deliveries WHERE id = $1`, [id]);
    if (!d) return null;
    const e = await this.sql.one<EndpointRow>(on, `SELECT ${ENDPOINT_COLS} FROM webhook_endpoints WHERE id = $1`, [d.endpoint_id]);
    return e ? { delivery: toDelivery(d), endpoint: toEndpoint(e) } : null;
  }

  /** The endpoint's deliveries, newest first. */
  async deliveries(on: On, endpointId: string, limit: number, offset: number): Promise<{ items: WebhookDelivery[]; total: number }> {
    const rows = await this.sql.rows<DeliveryRow & { total: string }>(
      on,
      `SELECT ${DELIVERY_COLS}, count(*) OVER () AS total FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [endpointId, limit, offset],
    );
    return { items: rows.map(toDelivery), total: rows.length ? Number(rows[0].total) : 0 };
  }

  /** A successful attempt: delivered (only from pending: a delivery is delivered once). */
  async markDelivered(on: On, id: string, statusCode: number, durationMs: number): Promise<boolean> {
    const n = await this.sql.exec(
      on,
      `UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, last_status_code = $2, last_error = NULL, duration_ms = $3,
              last_attempt_at = clock_timestamp(), delivered_at = clock_timestamp()
        WHERE id = $1 AND status = 'pending'`,
      [id, statusCode, durationMs],
    );
    return n > 0;
  }

  /** A failed attempt; `final`: no attempt follows (status failed). */
  async recordFailure(on: On, id: string, f: { statusCode: number | null; error: string; durationMs: number; final: boolean }): Promise<void> {
    await this.sql.exec(
      on,
      `UPDATE webhook_deliveries SET attempts = attempts + 1, last_status_code = $2, last_error = $3, duration_ms = $4, last_attempt_at = clock_timestamp(),
              status = CASE WHEN $5 THEN 'failed' ELSE status END
        WHERE id = $1 AND status = 'pending'`,
      [id, f.statusCode, f.error, f.durationMs, f.final],
    );
  }

  /** Cancels one pending delivery (its endpoint was disabled or deleted). */
  async cancel(on: On, id: string): Promise<void> {
    await this.sql.exec(on, `UPDATE webhook_deliveries SET status = 'cancelled' WHERE id = $1 AND status = 'pending'`, [id]);
  }

  async cancelPending(on: On, endpointId: string): Promise<number> {
    return this.sql.exec(on, `UPDATE webhook_deliveries SET status = 'cancelled' WHERE endpoint_id = $1 AND status = 'pending'`, [endpointId]);
  }

  /** Any success: the endpoint's run of failures is over. */
  async resetFailures(on: On, endpointId: string): Promise<void> {
    await this.sql.exec(on, `UPDATE webhook_endpoints SET consecutive_failures = 0 WHERE id = $1 AND consecutive_failures <> 0`, [endpointId]);
  }

  /**
   * One more failure in a row; at `disableAfter` the endpoint is disabled with `reason`. Resolves
   * with whether this failure disabled it.
   */
  async addFailure(tx: Tx, endpointId: string, disableAfter: number, reason: string): Promise<{ disabledNow: boolean }> {
    const before = await this.sql.one<{ enabled: boolean }>(tx, `SELECT enabled FROM webhook_endpoints WHERE id = $1 FOR UPDATE`, [endpointId]);
    if (!before) return { disabledNow: false };
    const row = await this.sql.one<{ enabled: boolean }>(
      tx,
      `UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1,
              enabled = enabled AND consecutive_failures + 1 < $2,
              disabled_at = CASE WHEN enabled AND consecutive_failures + 1 >= $2 THEN clock_timestamp() ELSE disabled_at END,
              disabled_reason = CASE WHEN enabled AND consecutive_failures + 1 >= $2 THEN $3 ELSE disabled_reason END
        WHERE id = $1 RETURNING enabled`,
      [endpointId, disableAfter, reason],
    );
    return { disabledNow: before.enabled && !row!.enabled };
  }
}
