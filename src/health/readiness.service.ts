/**
 * Readiness: whether this process should be sent traffic now. Checks the database (a ping), that no
 * migration is pending, that the job queue has started, and that the process is not shutting down
 * (from the first shutdown step, so a proxy stops sending it requests while in-flight ones finish).
 */
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { DatabaseHealth } from '../database/database-health';
import { JobQueue } from '../jobs/job-queue.service';

export type CheckState = 'up' | 'down';

export interface Readiness {
  status: 'ok' | 'error';
  checks: { db: CheckState; migrations: CheckState; jobs: CheckState; shutdown: CheckState };
}

@Injectable()
export class ReadinessService implements OnModuleDestroy {
  private draining = false;
  /** Once none is pending, none becomes pending while this process runs (it knows no newer ones). */
  private migrated = false;

  constructor(
    private readonly db: DatabaseHealth,
    private readonly jobs: JobQueue,
  ) {}

  /** From now on the process is not ready (shutdown has begun). main.ts calls it on SIGTERM; app.close() calls onModuleDestroy. */
  drain(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  onModuleDestroy(): void {
    this.drain();
  }

  async check(): Promise<Readiness> {
    const shutdown: CheckState = this.draining ? 'down' : 'up';
    const state = (ok: boolean): CheckState => (ok ? 'up' : 'down');
    const [db, migrations, jobs] = await Promise.all([
      this.db.ping().then(state),
      this.migrated ? Promise.resolve(state(true)) : this.db.migrationsPending().then((pending) => state((this.migrated = !pending))),
      Promise.race([this.jobs.ready().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 1500).unref())]).then(state, () => state(false)),
    ]);
    const checks = { db, migrations, jobs, shutdown };
    return { status: Object.values(checks).every((c) => c === 'up') ? 'ok' : 'error', checks };
  }
}
