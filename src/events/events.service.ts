/**
 * Events, published inside the transaction of the write that causes them (a transactional outbox).
 *
 * `publish(tx, …)` stores the event in `domain_events` and queues one pg-boss job per subscriber
 * (queue `event.<subscriber>`) in the same transaction: the event exists, and reaches every
 * subscriber, if and only if the write commits. Each subscriber (notifications, webhooks) works its
 * own queue, so one that fails and retries does not hold up or repeat another. Subscribers make
 * their work idempotent (a unique row per event and recipient), since a job may run more than once.
 */
import { Injectable } from '@nestjs/common';
import type { On, Tx } from '../database/sql';
import { JobQueue, type QueueSpec } from '../jobs/job-queue.service';
import type { DomainEvent, EventKind, EventPayloads } from './event-kinds';
import { EventsRepository } from './events.repository';

export type EventHandler = (event: DomainEvent) => Promise<void>;

@Injectable()
export class EventsService {
  private readonly queues: string[] = [];

  constructor(
    private readonly repo: EventsRepository,
    private readonly jobs: JobQueue,
  ) {}

  /** Registers a subscriber (call from its constructor): every event published from then on is handed to `handler` in a worker. */
  subscribe(subscriber: string, handler: EventHandler, spec: Partial<Omit<QueueSpec, 'name'>> = {}): void {
    const name = `event.${subscriber}`;
    this.jobs.define<{ eventId: string }>({ name, retryLimit: 10, retryDelaySeconds: 5, retryBackoff: true, ...spec }, async ({ eventId }) => {
      const event = await this.repo.find(null, eventId);
      if (event) await handler(event);
    });
    this.queues.push(name);
  }

  /** Stores the event and queues it for every subscriber, in the caller's transaction. */
  async publish<K extends EventKind>(tx: Tx, consortiumId: string, kind: K, payload: EventPayloads[K], actorUserId: string | null): Promise<DomainEvent<K>> {
    const event = await this.repo.insert(tx, { consortiumId, kind, payload, actorUserId });
    for (const q of this.queues) await this.jobs.send(q, { eventId: event.id }, { on: tx });
    return event;
  }

  find(on: On, id: string): Promise<DomainEvent | null> {
    return this.repo.find(on, id);
  }

  list(on: On, consortiumId: string, limit: number, offset: number): Promise<{ items: DomainEvent[]; total: number }> {
    return this.repo.list(on, consortiumId, limit, offset);
  }
}
