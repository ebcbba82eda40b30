import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Benchmark returns (domain.md §10, seeds §5.7): an organisation's cost of one back-office function
 * for one financial year ("2024/25") with that year's turnover. One row per organisation, year and
 * function: a later return replaces the earlier one (the change is audited).
 */
export class Benchmarking1763900000020 implements MigrationInterface {
  name = 'Benchmarking1763900000020';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE benchmark_returns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        financial_year text NOT NULL
          CHECK (financial_year ~ '^[0-9]{4}/[0-9]{2}$'
                 AND (substr(financial_year, 1, 4)::int + 1) % 100 = substr(financial_year, 6, 2)::int),
        function text NOT NULL
          CHECK (function IN ('finance','hr','imt','procurement','estates','payroll','governance_risk')),
        cost numeric(16,2) NOT NULL CHECK (cost >= 0),
        turnover numeric(16,2) NOT NULL CHECK (turnover > 0),
        submitted_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_benchmark_return_key UNIQUE (organisation_id, financial_year, function)
      )`);
    await q.query(`CREATE INDEX ix_benchmark_returns_year_function ON benchmark_returns (financial_year, function)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS benchmark_returns`);
  }
}
