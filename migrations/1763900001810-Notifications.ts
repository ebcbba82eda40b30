import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications by email (issue 17): one delivery per event and recipient (the unique key makes a
 * retried fan-out add nobody twice), the users' preferences, and the digests that batch deliveries.
 */
export class Notifications1763900001810 implements MigrationInterface {
  name = 'Notifications1763900001810';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        mode text NOT NULL DEFAULT 'immediate' CHECK (mode IN ('immediate', 'digest')),
        attach_pdf boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind)
      )`);
    await q.query(`
      CREATE TABLE notification_digests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'retrying', 'sent', 'failed', 'skipped', 'unknown')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        claimed_at timestamptz,
        sent_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE notification_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES domain_events(id) ON DELETE CASCADE,
        consortium_id uuid NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL,
        email text NOT NULL,
        attach_pdf boolean NOT NULL DEFAULT false,
        status text NOT NULL CHECK (status IN ('pending', 'sending', 'retrying', 'sent', 'failed', 'skipped', 'unknown', 'pending_digest', 'digested')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        digest_id uuid REFERENCES notification_digests(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        claimed_at timestamptz,
        sent_at timestamptz,
        UNIQUE (event_id, user_id)
      )`);
    await q.query(`CREATE INDEX notification_deliveries_consortium ON notification_deliveries (consortium_id, created_at DESC)`);
    await q.query(`CREATE INDEX notification_deliveries_digest ON notification_deliveries (user_id) WHERE status = 'pending_digest'`);
    await q.query(`CREATE INDEX notification_deliveries_sending ON notification_deliveries (claimed_at) WHERE status = 'sending'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_deliveries`);
    await q.query(`DROP TABLE notification_digests`);
    await q.query(`DROP TABLE notification_preferences`);
  }
}
