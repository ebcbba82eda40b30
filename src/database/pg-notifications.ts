/**
 * LISTEN/NOTIFY between processes. A writer sends `SELECT pg_notify(channel, payload)` inside its
 * transaction (PostgreSQL delivers it on commit, never on rollback); every process of the
 * application listens here, on one dedicated connection (not a pooled one: a pooled connection is
 * handed to other work between statements and would miss notifications).
 *
 * While that connection is down, nothing is heard: a subscriber's `reset` is called when it drops
 * and again once it is back (anything may have changed meanwhile), and `listening` is false in
 * between, so a cache that relies on notifications must not answer from memory then. Reconnects
 * with a backoff (0.5 s doubling to 15 s) until the application closes.
 */
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';

/** The URL of the database DatabaseModule.forRoot was built for (provided by that module). */
export const DATABASE_URL = Symbol('DATABASE_URL');

export interface PgSubscriber {
  /** A notification on the channel (payload as sent). */
  message(payload: string): void;
  /** The connection dropped or came back: anything may have changed unheard. */
  reset(): void;
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

@Injectable()
export class PgNotifications implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PgNotifications');
  private readonly subscribers = new Map<string, PgSubscriber[]>();
  private client: Client | null = null;
  private connected = false;
  private closed = false;
  private backoffMs = 500;
  private timer: NodeJS.Timeout | null = null;

  constructor(@Inject(DATABASE_URL) private readonly url: string) {}

  /** Whether notifications are being received now. */
  get listening(): boolean {
    return this.connected;
  }

  /** Subscribes to a channel (lower-case identifier); call from a constructor. */
  listen(channel: string, subscriber: PgSubscriber): void {
    if (!CHANNEL.test(channel)) throw new Error(`bad channel name ${channel}`);
    const list = this.subscribers.get(channel) ?? [];
    list.push(subscriber);
    this.subscribers.set(channel, list);
    if (this.connected && list.length === 1) void this.client?.query(`LISTEN ${channel}`).catch(() => undefined);
  }

  async onModuleInit(): Promise<void> {
    // The first connection is awaited: a process that cannot listen does not start half-deaf.
    await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const c = this.client;
    this.client = null;
    this.connected = false;
    await c?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed || !this.url) return;
    // keepAlive: a connection dropped silently (a NAT or firewall timing out an idle one) is noticed.
    const c = new Client({ connectionString: this.url, application_name: 'consortium-listen', keepAlive: true });
    c.on('error', (err) => this.lost(c, err));
    c.on('end', () => this.lost(c));
    c.on('notification', (n) => {
      for (const s of this.subscribers.get(n.channel) ?? []) s.message(n.payload ?? '');
    });
    this.client = c;
    await c.connect();
    for (const channel of this.subscribers.keys()) await c.query(`LISTEN ${channel}`);
    if (this.client !== c) return;
    this.connected = true;
    this.backoffMs = 500;
    this.resetAll();
  }

  private lost(c: Client, err?: Error): void {
    if (this.client !== c) return;
    this.client = null;
    this.connected = false;
    this.resetAll();
    void c.end().catch(() => undefined);
    if (this.closed) return;
    this.logger.warn(`LISTEN connection lost${err ? ` (${err.message})` : ''}; reconnecting in ${this.backoffMs} ms`);
    this.retryLater();
  }

  private retryLater(): void {
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, 15_000);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect().catch((err: Error) => {
        const c = this.client;
        if (c) this.lost(c, err);
        else if (!this.closed && !this.timer) this.retryLater();
      });
    }, delay);
    this.timer.unref();
  }

  private resetAll(): void {
    for (const list of this.subscribers.values()) for (const s of list) s.reset();
  }
}
