/**
 * The migration lock on its own (src/database/migrate.ts): three data sources (three processes'
 * pools) apply the migrations of one empty database at the same instant. Without the lock each sees
 * every migration pending and all but one fail on the first CREATE TABLE.
 */
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { runMigrationsLocked } from '../../src/database/migrate';
import { typeormOptions } from '../../src/database/typeorm-options';
import { createEmptyDatabase, dropTestDatabase } from '../support/db';

describe('migrations under the advisory lock (medium)', () => {
  it('three pools migrating one empty database at once: all succeed, each migration applied exactly once', async () => {
    const db = await createEmptyDatabase();
    const sources = [0, 1, 2].map(() => new DataSource({ ...typeormOptions(db.url), extra: { max: 3 } }));
    try {
      await Promise.all(sources.map((s) => s.initialize()));
      const results = await Promise.allSettled(sources.map((s) => runMigrationsLocked(s)));
      expect(results.map((r) => (r.status === 'fulfilled' ? 'ok' : String(r.reason)))).toEqual(['ok', 'ok', 'ok']);
      const applied = results.map((r) => (r.status === 'fulfilled' ? r.value.length : -1)).sort((a, b) => a - b);
      expect(applied).toEqual([0, 0, MIGRATIONS.length]);
      const rows = await sources[0].query<{ name: string; n: number }[]>(`SELECT name, count(*)::int AS n FROM migrations GROUP BY name`);
      expect(rows.length).toBe(MIGRATIONS.length);
      expect(rows.filter((r) => r.n !== 1)).toEqual([]);
      expect(await sources[0].showMigrations()).toBe(false);
    } finally {
      for (const s of sources) if (s.isInitialized) await s.destroy();
      await dropTestDatabase(db.name);
    }
  });
});
