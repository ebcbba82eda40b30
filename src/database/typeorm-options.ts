import { types } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';

// `date` columns stay 'YYYY-MM-DD' strings: a JS Date would shift them across time zones.
types.setTypeParser(1082, (v: string) => v);

/** The one place TypeORM is configured: the app, the migration CLI and the tests all use it (none runs migrations on initialize). */
export function typeormOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    // No entities: repositories write SQL (see sql.ts); TypeORM is the pool, transactions and migrations.
    entities: [],
    migrations: MIGRATIONS,
    // The app runs them itself at start, under an advisory lock (see migrate.ts): several processes
    // starting at once on one database must not race to apply the same migration.
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Fail fast instead of hanging when the database is away; the pool reconnects when it is back.
    extra: { max: 20, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000 },
    ...extra,
  } as DataSourceOptions;
}
