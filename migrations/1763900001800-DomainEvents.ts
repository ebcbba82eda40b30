import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Domain events (issue 17): what happened in a consortium, stored in the transaction that caused it
 * and handed to notifications and webhooks through pg-boss.
 */
export class DomainEvents1763900001800 implements MigrationInterface {
  name = 'DomainEvents1763900001800';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE domain_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
        kind text NOT NULL,
        payload jsonb NOT NULL,
        actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX domain_events_consortium ON domain_events (consortium_id, occurred_at DESC)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE domain_events`);
  }
}
