import { Injectable } from '@nestjs/common';
import { Sql, type On, type Tx } from '../database/sql';

/** What the start-up seed reads and writes itself: its lock and its mark in app_meta. */
@Injectable()
export class SeedRepository {
  constructor(private readonly sql: Sql) {}

  /** One seeder at a time, even with several app instances on one database (held until `tx` ends). */
  async lock(tx: Tx): Promise<void> {
    await this.sql.exec(tx, `SELECT pg_advisory_xact_lock(727001)`);
  }

  async demoSeeded(on: On): Promise<boolean> {
    return (await this.sql.one(on, `SELECT 1 FROM app_meta WHERE key = 'demo_seeded'`)) !== null;
  }

  async markDemoSeeded(tx: Tx, value: { consortiumId: string; at: string }): Promise<void> {
    await this.sql.exec(tx, `INSERT INTO app_meta (key, value) VALUES ('demo_seeded', $1)`, [JSON.stringify(value)]);
  }
}
