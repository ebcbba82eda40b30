import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved what-if scenarios (domain.md §14): the request (range and changes) and the answer as it was
 * computed when saved, so that a board paper can cite its figures. `created_by_label` is how the
 * author is shown (organisation and role, never an email address).
 */
export class Scenarios1763900001700 implements MigrationInterface {
  name = 'Scenarios1763900001700';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scenarios (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        from_month text NOT NULL CHECK (from_month ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        to_month text NOT NULL CHECK (to_month ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        changes jsonb NOT NULL,
        result jsonb NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_by_organisation_id uuid,
        created_by_label text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX scenarios_consortium ON scenarios (consortium_id, created_at DESC)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scenarios`);
  }
}
