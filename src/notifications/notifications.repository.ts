import { Injectable } from '@nestjs/common';
import { Sql, type On, type Tx } from '../database/sql';
import type { EventKind } from '../events/event-kinds';
import type { PlannedDelivery, Preference } from './core/recipients';

export type DeliveryStatus = 'pending' | 'sending' | 'retrying' | 'sent' | 'failed' | 'skipped' | 'unknown' | 'pending_digest' | 'digested';
export type DigestStatus = 'pending' | 'sending' | 'retrying' | 'sent' | 'failed' | 'skipped' | 'unknown';

export interface Delivery {
  id: string;
  eventId: string;
  consortiumId: string;
  userId: string;
  kind: EventKind;
  email: string;
  attachPdf: boolean;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  digestId: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** A row of the host's delivery log. */
export interface DeliveryLogItem {
  id: string;
  eventId: string;
  kind: EventKind;
  email: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface Digest {
  id: string;
  userId: string;
  status: DigestStatus;
  attempts: number;
}

const DELIVERY = `id, event_id AS "eventId", consortium_id AS "consortiumId", user_id AS "userId", kind, email, attach_pdf AS "attachPdf", status, attempts,
  last_error AS "lastError", digest_id AS "digestId", created_at AS "createdAt", sent_at AS "sentAt"`;
const DIGEST = `id, user_id AS "userId", status, attempts`;

/**
 * The two tables whose rows are claimed, sent and settled the same way, with the columns each
 * returns. The table name put into SQL is always one of these keys, never input.
 */
const SENT_COLUMNS = { notification_deliveries: DELIVERY, notification_digests: DIGEST } as const;
type SentTable = keyof typeof SENT_COLUMNS;
const SENT_TABLES = Object.keys(SENT_COLUMNS) as SentTable[];
function sentTable(table: SentTable): SentTable {
  if (!Object.hasOwn(SENT_COLUMNS, table)) throw new Error(`not a notification table: ${String(table)}`);
  return table;
}

/** How an attempt ends. */
export type SettledStatus = 'sent' | 'retrying' | 'failed' | 'skipped';

/** A row stuck in `sending` this long is marked `unknown` (never re-sent: at most once). */
export const STUCK_AFTER_MINUTES = 15;

/** notification_deliveries, notification_digests, notification_preferences. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly sql: Sql) {}

  /** One row per recipient; a recipient already recorded for the event is left as it is (a retried fan-out adds nobody twice). Returns the rows inserted now. */
  async insertDeliveries(tx: Tx, e: { eventId: string; consortiumId: string; kind: EventKind }, planned: readonly PlannedDelivery[]): Promise<Delivery[]> {
    if (!planned.length) return [];
    return this.sql.rows<Delivery>(
      tx,
      `INSERT INTO notification_deliveries (event_id, consortium_id, user_id, kind, email, attach_pdf, status)
       SELECT $1, $2, u.user_id, $3, u.email, u.attach_pdf, u.status
         FROM unnest($4::uuid[], $5::text[], $6::boolean[], $7::text[]) AS u(user_id, email, attach_pdf, status)
       ON CONFLICT (event_id, user_id) DO NOTHING
       RETURNING ${DELIVERY}`,
      [e.eventId, e.consortiumId, e.kind, planned.map((d) => d.userId), planned.map((d) => d.email), planned.map((d) => d.attachPdf), planned.map((d) => d.status)],
    );
  }

  /** Rows of an event still waiting to be sent immediately (a fan-out retried after its jobs were queued queues them again: the claim keeps it to one send). */
  pendingOfEvent(on: On, eventId: string): Promise<Delivery[]> {
    return this.sql.rows<Delivery>(on, `SELECT ${DELIVERY} FROM notification_deliveries WHERE event_id = $1 AND status = 'pending' ORDER BY email, id`, [eventId]);
  }

  find(on: On, id: string): Promise<Delivery | null> {
    return this.sql.one<Delivery>(on, `SELECT ${DELIVERY} FROM notification_deliveries WHERE id = $1`, [id]);
  }

  /** Takes the row for one attempt: only from pending or retrying, so two workers (or a replayed job) never both send it. */
  claim(on: On, id: string): Promise<Delivery | null> {
    return this.claimIn<Delivery>(on, 'notification_deliveries', id);
  }

  settle(on: On, id: string, status: SettledStatus, error: string | null = null): Promise<void> {
    return this.settleIn(on, 'notification_deliveries', id, status, error);
  }

  /** Users with deliveries waiting for their digest. */
  async usersWithDigest(on: On): Promise<string[]> {
    const rows = await this.sql.rows<{ userId: string }>(on, `SELECT DISTINCT user_id AS "userId" FROM notification_deliveries WHERE status = 'pending_digest' ORDER BY 1`);
    return rows.map((r) => r.userId);
  }

  /**
   * Makes one digest of the user's waiting deliveries: the digest row and, in one UPDATE … RETURNING,
   * every waiting row moved into it (a row is in one digest at most). Null when nothing was waiting.
   */
  async makeDigest(tx: Tx, userId: string): Promise<{ digest: Digest; deliveries: Delivery[] } | null> {
    const digest = (await this.sql.one<Digest>(tx, `INSERT INTO notification_digests (user_id, status) VALUES ($1, 'pending') RETURNING ${DIGEST}`, [userId]))!;
    const deliveries = await this.sql.rows<Delivery>(
      tx,
      `UPDATE notification_deliveries SET status = 'digested', digest_id = $2 WHERE user_id = $1 AND status = 'pending_digest' RETURNING ${DELIVERY}`,
      [userId, digest.id],
    );
    if (!deliveries.length) {
      await this.sql.exec(tx, `DELETE FROM notification_digests WHERE id = $1`, [digest.id]);
      return null;
    }
    return { digest, deliveries };
  }

  digestDeliveries(on: On, digestId: string): Promise<Delivery[]> {
    return this.sql.rows<Delivery>(on, `SELECT ${DELIVERY} FROM notification_deliveries WHERE digest_id = $1 ORDER BY created_at, id`, [digestId]);
  }

  /** As claim, for a digest. */
  claimDigest(on: On, id: string): Promise<Digest | null> {
    return this.claimIn<Digest>(on, 'notification_digests', id);
  }

  settleDigest(on: On, id: string, status: SettledStatus, error: string | null = null): Promise<void> {
    return this.settleIn(on, 'notification_digests', id, status, error);
  }

  /** Rows left in `sending` (the process died mid-send) become `unknown`; returns how many. */
  async sweepStuck(on: On, minutes = STUCK_AFTER_MINUTES): Promise<number> {
    let swept = 0;
    for (const table of SENT_TABLES) {
      const rows = await this.sql.rows<{ id: string }>(
        on,
        `UPDATE ${sentTable(table)} SET status = 'unknown', last_error = 'the sender stopped mid-send; not sent again (at most once)'
          WHERE status = 'sending' AND claimed_at < clock_timestamp() - make_interval(mins => $1) RETURNING id`,
        [minutes],
      );
      swept += rows.length;
    }
    return swept;
  }

  /** The claim of claim and claimDigest: pending or retrying becomes sending, one attempt more. */
  private async claimIn<T>(on: On, table: SentTable, id: string): Promise<T | null> {
    return this.sql.one<T>(
      on,
      `UPDATE ${sentTable(table)} SET status = 'sending', attempts = attempts + 1, claimed_at = clock_timestamp()
        WHERE id = $1 AND status IN ('pending', 'retrying') RETURNING ${SENT_COLUMNS[table]}`,
      [id],
    );
  }

  /** The end of an attempt (settle, settleDigest): only a row still in sending changes. */
  private async settleIn(on: On, table: SentTable, id: string, status: SettledStatus, error: string | null): Promise<void> {
    await this.sql.exec(
      on,
      `UPDATE ${sentTable(table)} SET status = $2, last_error = $3, sent_at = CASE WHEN $2 = 'sent' THEN clock_timestamp() ELSE sent_at END
        WHERE id = $1 AND status = 'sending'`,
      [id, status, error],
    );
  }

  /**
   * The delivery log of a consortium, newest first. A delivery sent in a digest shows the digest's
   * status, attempts and time (`digest_sent`, …).
   */
  async log(on: On, consortiumId: string, limit: number, offset: number): Promise<{ items: DeliveryLogItem[]; total: number }> {
    const rows = await this.sql.rows<DeliveryLogItem & { total: string }>(
      on,
      `SELECT d.id, d.event_id AS "eventId", d.kind, d.email,
              CASE WHEN g.id IS NULL THEN d.status ELSE 'digest_' || g.status END AS status,
              COALESCE(g.attempts, d.attempts) AS attempts, COALESCE(g.last_error, d.last_error) AS "lastError",
              d.created_at AS "createdAt", COALESCE(g.sent_at, d.sent_at) AS "sentAt", count(*) OVER () AS total
         FROM notification_deliveries d LEFT JOIN notification_digests g ON g.id = d.digest_id
        WHERE d.consortium_id = $1 ORDER BY d.created_at DESC, d.email, d.id LIMIT $2 OFFSET $3`,
      [consortiumId, limit, offset],
    );
    return { items: rows.map(({ total: _total, ...d }) => d), total: rows.length ? Number(rows[0].total) : 0 };
  }

  // ------------------------------------------------------------------ preferences

  preferencesOf(on: On, userIds: readonly string[]): Promise<(Preference & { userId: string })[]> {
    if (!userIds.length) return Promise.resolve([]);
    return this.sql.rows<Preference & { userId: string }>(
      on,
      `SELECT user_id AS "userId", kind, enabled, mode, attach_pdf AS "attachPdf" FROM notification_preferences WHERE user_id = ANY($1::uuid[]) ORDER BY user_id, kind`,
      [userIds],
    );
  }

  /** Replaces the user's preferences with these (one row per kind). */
  async savePreferences(tx: Tx, userId: string, prefs: readonly Preference[]): Promise<void> {
    await this.sql.exec(tx, `DELETE FROM notification_preferences WHERE user_id = $1`, [userId]);
    if (!prefs.length) return;
    await this.sql.exec(
      tx,
      `INSERT INTO notification_preferences (user_id, kind, enabled, mode, attach_pdf)
       SELECT $1, p.kind, p.enabled, p.mode, p.attach_pdf FROM unnest($2::text[], $3::boolean[], $4::text[], $5::boolean[]) AS p(kind, enabled, mode, attach_pdf)`,
      [userId, prefs.map((p) => p.kind), prefs.map((p) => p.enabled), prefs.map((p) => p.mode), prefs.map((p) => p.attachPdf)],
    );
  }
}
