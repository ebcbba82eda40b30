/**
 * The one pg-boss of a process: queues, workers and cron schedules of every module (reports,
 * notifications, webhooks, schedules) share it. pg-boss keeps everything in PostgreSQL (schema
 * `pgboss` of the application's database), so any number of API and worker processes agree on what
 * is queued, running, retried and scheduled.
 *
 * Modules declare their queues (and, for workers, their handlers) when they are constructed; when
 * the application boots, pg-boss starts, every declared queue is created, and a process that runs
 * jobs (REPORT_WORKER, true by default; `npm run worker` always) starts working them and keeps the
 * cron schedules. A process with REPORT_WORKER=false only sends jobs.
 *
 * `send(…, { on: tx })` queues a job inside the caller's transaction: it exists if and only if the
 * write that caused it commits (no lost event when a process dies between the two, no job about a
 * write that rolled back).
 */
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DATABASE_CONFIG, JOBS_CONFIG, type DatabaseConfig, type JobsConfig } from '../config/slices';
import { Sql, type Tx, UnitOfWork } from '../database/sql';
import { JobLocksRepository } from './job-locks.repository';
import { Metrics } from '../metrics/metrics.service';

export const PG_BOSS_SCHEMA = 'pgboss';

export interface QueueSpec {
  name: string;
  /** Attempts after the first (pg-boss retries a job whose handler throws). */
  retryLimit: number;
  retryDelaySeconds: number;
  /** Doubles the delay at each retry. */
  retryBackoff?: boolean;
  /** A job running longer than this is failed (and retried). */
  expireInSeconds?: number;
  /**
   * Where pg-boss copies a job that has failed for good (its last attempt threw, or ran past
   * expireInSeconds and was failed by maintenance, which no handler sees): a queue declared here too.
   */
  deadLetter?: string;
  /** Jobs of this queue one worker process runs at once (default 1). */
  concurrency?: number;
}

export interface JobMeta {
  id: string;
  retryCount: number;
  /** True on the last attempt pg-boss will make. */
  lastAttempt: boolean;
}

export type JobHandler<T> = (data: T, meta: JobMeta) => Promise<void>;

export interface SendOptions {
  /** Queue inside this transaction. */
  on?: Tx | null;
  /** At most one queued job with this key at a time (pg-boss singletonKey). */
  singletonKey?: string;
  /** Not before this many seconds from now. */
  startAfterSeconds?: number;
}

interface Declared {
  spec: QueueSpec;
  handler?: JobHandler<unknown>;
  cron?: string;
}

@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private readonly declared = new Map<string, Declared>();
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;
  private stopped = false;

  constructor(
    @Inject(DATABASE_CONFIG) private readonly database: DatabaseConfig,
    @Inject(JOBS_CONFIG) private readonly config: JobsConfig,
    private readonly sql: Sql,
    private readonly uow: UnitOfWork,
    private readonly locks: JobLocksRepository,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  /** Whether this process works the queues. */
  get worker(): boolean {
    return this.config.worker;
  }

  /** Declares a queue and, optionally, its handler (run only in processes that work jobs). Call from a constructor. */
  define<T>(spec: QueueSpec, handler?: JobHandler<T>): void {
    if (this.declared.has(spec.name)) throw new Error(`queue ${spec.name} declared twice`);
    this.declared.set(spec.name, { spec, handler: handler as JobHandler<unknown> | undefined });
  }

  /**
   * Declares a cron schedule (UTC) whose runs are jobs of the queue `name`. pg-boss keeps one
   * schedule per name in the database and queues one job per due time, however many worker
   * processes keep the schedule.
   */
  cron(spec: QueueSpec, cron: string, handler: JobHandler<Record<string, never>>): void {
    this.define(spec, handler);
    this.declared.get(spec.name)!.cron = cron;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ready();
  }

  /** Queues a job; resolves with its id (null when a singleton of the same key is already queued). */
  async send(queue: string, data: object, opts: SendOptions = {}): Promise<string | null> {
    const spec = this.declared.get(queue)?.spec;
    if (!spec) throw new Error(`queue ${queue} is not declared`);
    const boss = await this.ready();
    const db = opts.on ? { executeSql: async (text: string, values: unknown[]) => ({ rows: await this.sql.rows<unknown>(opts.on!, text, values) }) } : undefined;
    return boss.send(queue, data, {
      retryLimit: spec.retryLimit,
      retryDelay: spec.retryDelaySeconds,
      retryBackoff: spec.retryBackoff ?? false,
      expireInSeconds: spec.expireInSeconds ?? 15 * 60,
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
      ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
      ...(db ? { db } : {}),
    });
  }

  /** Jobs waiting in each declared queue (for /metrics). */
  async queueSizes(): Promise<{ queue: string; queued: number }[]> {
    const boss = await this.ready();
    const out: { queue: string; queued: number }[] = [];
    for (const name of this.declared.keys()) out.push({ queue: name, queued: await boss.getQueueSize(name) });
    return out;
  }

  /** pg-boss, started (schema installed or migrated) and every declared queue created; workers working. */
  ready(): Promise<PgBoss> {
    if (this.boss) return Promise.resolve(this.boss);
    if (this.stopped) return Promise.reject(new Error('the job queue has stopped'));
    this.starting ??= this.start();
    this.starting.catch(() => (this.starting = null));
    return this.starting;
  }

  private async start(): Promise<PgBoss> {
    const worker = this.config.worker;
    const boss = new PgBoss({
      connectionString: this.database.url,
      schema: PG_BOSS_SCHEMA,
      max: 4,
      application_name: worker ? 'consortium-worker' : 'consortium-api',
      // maintenance and cron only where jobs are worked; pg-boss makes them safe to run in many processes
      schedule: worker,
      supervise: worker,
      maintenanceIntervalSeconds: this.config.maintenanceSeconds,
      migrate: true,
    });
    boss.on('error', (err) => this.logger.error({ err }, 'pg-boss error'));
    await boss.start();
    // pg-boss's create_queue inserts the queue's row and attaches a partition with a foreign key to
    // the queue table: two processes creating queues at once (a fresh database, several processes
    // starting together) deadlock. One process at a time creates them, under an advisory lock held
    // by a transaction of the app's pool while pg-boss's own connections do the work.
    await this.uow.run(async (tx) => {
      await this.locks.lockQueueSetup(tx);
      // dead-letter queues first: a queue names its dead-letter queue by a foreign key
      const specs = [...this.declared.values()].map((d) => d.spec).sort((a, b) => Number(!!a.deadLetter) - Number(!!b.deadLetter));
      for (const spec of specs) {
        const options = {
          name: spec.name,
          retryLimit: spec.retryLimit,
          retryDelay: spec.retryDelaySeconds,
          retryBackoff: spec.retryBackoff ?? false,
          expireInSeconds: spec.expireInSeconds ?? 15 * 60,
          ...(spec.deadLetter ? { deadLetter: spec.deadLetter } : {}),
        };
        await boss.createQueue(spec.name, options);
        // a queue created by an earlier version keeps its old options unless updated
        if (spec.deadLetter) await boss.updateQueue(spec.name, options);
      }
    });
    if (worker) {
      for (const [name, d] of this.declared) {
        if (!d.handler) continue;
        const handler = d.handler;
        for (let i = 0; i < (d.spec.concurrency ?? 1); i++) {
          await boss.work<object>(name, { batchSize: 1, pollingIntervalSeconds: this.config.pollSeconds, includeMetadata: true }, async ([job]) => {
            try {
              await handler(job.data, { id: job.id, retryCount: job.retryCount, lastAttempt: job.retryCount >= job.retryLimit });
              this.metrics?.jobsProcessed.inc({ queue: name, outcome: 'completed' });
            } catch (e) {
              this.metrics?.jobsProcessed.inc({ queue: name, outcome: 'failed' });
              throw e;
            }
          });
        }
        if (d.cron) await boss.schedule(name, d.cron, {}, { tz: 'UTC' });
      }
    }
    this.boss = boss;
    return boss;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    const boss = this.boss ?? (this.starting ? await this.starting.catch(() => null) : null);
    this.boss = null;
    this.starting = null;
    // graceful: running jobs finish (or fail and are retried by another process)
    if (boss) await boss.stop({ graceful: true, timeout: 15_000, wait: true, close: true });
  }
}
