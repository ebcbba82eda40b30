import { MigrationInterface, QueryRunner } from 'typeorm';

/** Months a host has closed (domain.md §9): figures final, later writes touching them refused. */
export class ClosedMonths1763900000003 implements MigrationInterface {
  name = 'ClosedMonths1763900000003';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE closed_months (
        consortium_id uuid NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        closed_at timestamptz NOT NULL DEFAULT now(),
        closed_by uuid,
        PRIMARY KEY (consortium_id, month)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS closed_months`);
  }
}
