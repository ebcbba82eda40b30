import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statements issued when a month is closed (domain.md §9): the statement document as canonical JSON
 * text with its SHA-256, and the exact month parts a statement over a longer range is summed from.
 * Rows are immutable (a trigger refuses UPDATE); they go only with their closed month or consortium.
 */
export class IssuedStatements1763900000012 implements MigrationInterface {
  name = 'IssuedStatements1763900000012';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE issued_statements (
        consortium_id uuid NOT NULL,
        month text NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
        document text NOT NULL,
        content_hash char(64) NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
        parts jsonb NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consortium_id, month, organisation_id),
        CONSTRAINT fk_issued_statements_closed_month FOREIGN KEY (consortium_id, month) REFERENCES closed_months (consortium_id, month) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE FUNCTION issued_statements_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'issued statements never change' USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`CREATE TRIGGER tr_issued_statements_immutable BEFORE UPDATE ON issued_statements FOR EACH ROW EXECUTE FUNCTION issued_statements_immutable()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS issued_statements`);
    await q.query(`DROP FUNCTION IF EXISTS issued_statements_immutable()`);
  }
}
