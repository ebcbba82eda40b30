import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login attempts counted in PostgreSQL (issue 12, finding 11): one row per throttled key
 * (`account:<email>` or `address:<ip>`) with the start of its current window and the attempts in
 * it, so every app process shares the counts and a restart keeps them.
 */
export class LoginThrottle1763900001300 implements MigrationInterface {
  name = 'LoginThrottle1763900001300';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_throttle (
        key text PRIMARY KEY CHECK (length(key) <= 400),
        window_start timestamptz NOT NULL,
        attempts integer NOT NULL CHECK (attempts > 0)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_throttle`);
  }
}
