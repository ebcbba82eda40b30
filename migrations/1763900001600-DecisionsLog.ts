import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The decisions log of a partnership (domain.md §13): proposals, votes, decisions, membership changes
 * and month closes, readable by every member.
 */
export class DecisionsLog1763900001600 implements MigrationInterface {
  name = 'DecisionsLog1763900001600';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE consortium_decisions (
      id bigserial PRIMARY KEY,
      consortium_id uuid NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
      at timestamptz NOT NULL DEFAULT now(),
      kind text NOT NULL,
      summary text NOT NULL,
      actor_user_id uuid,
      actor_organisation_id uuid,
      actor_role text,
      subject jsonb NOT NULL DEFAULT '{}'::jsonb
    )`);
    await q.query(`CREATE INDEX consortium_decisions_by_consortium ON consortium_decisions (consortium_id, id DESC)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE consortium_decisions`);
  }
}
