import { Injectable } from '@nestjs/common';
import { Sql } from '../../database/sql';

/** import_slots: the CSV imports each user is running now, across every process (see CsvUploads). */
@Injectable()
export class ImportSlotsRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Claims one of `userId`'s slots 1..`slots` for `holder` (free, or its lease run out) for `leaseMs`;
   * resolves with the slot, or null when every one is held. Each slot is one row claimed by one
   * statement (INSERT … ON CONFLICT DO UPDATE … WHERE expired), so two processes never hold the same.
   */
  async claim(userId: string, holder: string, slots: number, leaseMs: number): Promise<number | null> {
    for (let slot = 1; slot <= slots; slot++) {
      const row = await this.sql.one<{ slot: number }>(
        null,
        `INSERT INTO import_slots (user_id, slot, holder, expires_at) VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond')
         ON CONFLICT (user_id, slot) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
          WHERE import_slots.expires_at < now()
         RETURNING slot`,
        [userId, slot, holder, leaseMs],
      );
      if (row) return row.slot;
    }
    return null;
  }

  /** Extends a held slot's lease; false when it is no longer held by `holder`. */
  async renew(userId: string, slot: number, holder: string, leaseMs: number): Promise<boolean> {
    const n = await this.sql.exec(null, `UPDATE import_slots SET expires_at = now() + $4 * interval '1 millisecond' WHERE user_id = $1 AND slot = $2 AND holder = $3`, [
      userId,
      slot,
      holder,
      leaseMs,
    ]);
    return n > 0;
  }

  async release(userId: string, slot: number, holder: string): Promise<void> {
    await this.sql.exec(null, `DELETE FROM import_slots WHERE user_id = $1 AND slot = $2 AND holder = $3`, [userId, slot, holder]);
  }
}
