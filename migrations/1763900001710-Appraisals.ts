import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved options appraisals (domain.md §15, issue 16): the inputs as given (with the status quo cost
 * filled in) and the result as computed when saved, so that a board paper citing one keeps its figures
 * when the baselines change later.
 */
export class Appraisals1763900001710 implements MigrationInterface {
  name = 'Appraisals1763900001710';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE appraisals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      consortium_id uuid NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
      name text NOT NULL,
      inputs jsonb NOT NULL,
      result jsonb NOT NULL,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX appraisals_by_consortium ON appraisals (consortium_id, created_at DESC)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE appraisals`);
  }
}
