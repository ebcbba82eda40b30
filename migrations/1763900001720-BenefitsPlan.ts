import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The benefits plan (domain.md §16): per consortium, member and financial year, the planned saving
 * (money per year) and, where offered, the guaranteed saving as a percentage of the baseline.
 */
export class BenefitsPlan1763900001720 implements MigrationInterface {
  name = 'BenefitsPlan1763900001720';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE benefits_plan (
        consortium_id uuid NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        financial_year text NOT NULL CHECK (financial_year ~ '^[0-9]{4}/[0-9]{2}$'),
        planned_savings numeric(16,2) NOT NULL,
        guaranteed_percent numeric(7,4) CHECK (guaranteed_percent IS NULL OR (guaranteed_percent >= 0 AND guaranteed_percent <= 100)),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consortium_id, organisation_id, financial_year)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE benefits_plan`);
  }
}
