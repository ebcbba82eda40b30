import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

function within<T>(ms: number, p: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timed out')), ms);
    p.then(resolve, reject).finally(() => clearTimeout(t));
  });
}

/** What readiness and /metrics need to know of the database: does it answer, is a migration pending, how busy is the pool. */
@Injectable()
export class DatabaseHealth {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The database answers within `timeoutMs`. */
  ping(timeoutMs = 1500): Promise<boolean> {
    return within(timeoutMs, this.ds.query('SELECT 1')).then(
      () => true,
      () => false,
    );
  }

  /** A migration this code knows is not applied (or the database cannot say within `timeoutMs`). */
  migrationsPending(timeoutMs = 1500): Promise<boolean> {
    return within(timeoutMs, this.ds.showMigrations()).catch(() => true);
  }

  /** The pg pool under TypeORM: connections open, idle, and queries waiting for one. */
  pool(): { total: number; idle: number; waiting: number } {
    const pool = this.ds.isInitialized ? (this.ds.driver as unknown as { master?: Pool }).master : undefined;
    return { total: pool?.totalCount ?? 0, idle: pool?.idleCount ?? 0, waiting: pool?.waitingCount ?? 0 };
  }
}
