/**
 * Migrations at start-up, one process at a time. Any number of API and worker processes may start
 * together on one database (a fresh one included): each takes a session-level advisory lock on a
 * connection of its own, applies what is pending (nothing, for every process but the first), and
 * releases the lock. TypeORM's own `migrationsRun` has no lock: two processes would both see a
 * migration pending and both try it.
 */
import type { DataSource } from 'typeorm';

/** pg_advisory_lock key of the migration lock (the seed's is 727001; see seed.repository.ts). */
export const MIGRATION_LOCK_KEY = 727000;

/** Applies pending migrations while holding the migration lock; resolves with the names applied. */
export async function runMigrationsLocked(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
