import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql';

/** login_throttle: login attempts per key in fixed windows, shared by every process. */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Counts one attempt for each key in one statement (atomic under concurrent logins): a key whose
   * window has ended starts a new one. Resolves with each key's attempts in its window and the
   * seconds until that window ends.
   */
  async hit(keys: readonly string[], windowMs: number): Promise<{ key: string; attempts: number; retryAfterSeconds: number }[]> {
    return this.sql.rows(
      null,
      `INSERT INTO login_throttle AS t (key, window_start, attempts)
       SELECT k, now(), 1 FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         attempts = CASE WHEN t.window_start <= now() - make_interval(secs => $2::double precision / 1000) THEN 1 ELSE t.attempts + 1 END,
         window_start = CASE WHEN t.window_start <= now() - make_interval(secs => $2::double precision / 1000) THEN now() ELSE t.window_start END
       RETURNING key, attempts,
         greatest(1, ceil(extract(epoch FROM (window_start + make_interval(secs => $2::double precision / 1000) - now()))))::int AS "retryAfterSeconds"`,
      [[...keys], windowMs],
    );
  }

  /** Forgets windows that ended long ago (keeps the table small). */
  async prune(windowMs: number): Promise<void> {
    await this.sql.exec(null, `DELETE FROM login_throttle WHERE window_start < now() - make_interval(secs => $1::double precision / 1000) * 2`, [windowMs]);
  }
}
