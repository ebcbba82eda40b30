import { Injectable } from '@nestjs/common';
import { Sql, type On, type Tx } from '../database/sql';
import type { DomainEvent, EventKind, EventPayloads } from './event-kinds';

interface EventRow {
  id: string;
  consortium_id: string;
  kind: EventKind;
  payload: unknown;
  actor_user_id: string | null;
  occurred_at: Date;
}

function toEvent(r: EventRow): DomainEvent {
  return { id: r.id, consortiumId: r.consortium_id, kind: r.kind, payload: r.payload as DomainEvent['payload'], actorUserId: r.actor_user_id, occurredAt: r.occurred_at };
}

/** `domain_events`: every event published, kept as the record subscribers work from. */
@Injectable()
export class EventsRepository {
  constructor(private readonly sql: Sql) {}

  async insert<K extends EventKind>(tx: Tx, e: { consortiumId: string; kind: K; payload: EventPayloads[K]; actorUserId: string | null }): Promise<DomainEvent<K>> {
    const row = await this.sql.one<EventRow>(
      tx,
      `INSERT INTO domain_events (consortium_id, kind, payload, actor_user_id) VALUES ($1, $2, $3::jsonb, $4)
       RETURNING id, consortium_id, kind, payload, actor_user_id, occurred_at`,
      [e.consortiumId, e.kind, JSON.stringify(e.payload), e.actorUserId],
    );
    return toEvent(row!) as DomainEvent<K>;
  }

  async find(on: On, id: string): Promise<DomainEvent | null> {
    const row = await this.sql.one<EventRow>(on, `SELECT id, consortium_id, kind, payload, actor_user_id, occurred_at FROM domain_events WHERE id = $1`, [id]);
    return row ? toEvent(row) : null;
  }

  /** A consortium's events, newest first. */
  async list(on: On, consortiumId: string, limit: number, offset: number): Promise<{ items: DomainEvent[]; total: number }> {
    const rows = await this.sql.rows<EventRow & { total: string }>(
      on,
      `SELECT id, consortium_id, kind, payload, actor_user_id, occurred_at, count(*) OVER () AS total
         FROM domain_events WHERE consortium_id = $1 ORDER BY occurred_at DESC, id LIMIT $2 OFFSET $3`,
      [consortiumId, limit, offset],
    );
    return { items: rows.map(toEvent), total: rows.length ? Number(rows[0].total) : 0 };
  }
}
