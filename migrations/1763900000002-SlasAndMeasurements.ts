import { MigrationInterface, QueryRunner } from 'typeorm';

/** SLAs/OLAs with their targets, and KPI measurements (one row per key, NULLS NOT DISTINCT). */
export class SlasAndMeasurements1763900000002 implements MigrationInterface {
  name = 'SlasAndMeasurements1763900000002';

  public async up(q: QueryRunner): Promise<void> {
    const month = (col: string) => `CHECK (${col} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')`;
    await q.query(`
      CREATE TABLE slas (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
        service_line_id uuid NOT NULL REFERENCES service_lines(id) ON DELETE CASCADE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('SLA','OLA')),
        frequency text NOT NULL CHECK (frequency IN ('monthly','quarterly')),
        credit_cap_percent numeric(7,4) NOT NULL CHECK (credit_cap_percent >= 0 AND credit_cap_percent <= 100),
        effective_from text NOT NULL ${month('effective_from')},
        effective_to text ${month('effective_to')},
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (effective_to IS NULL OR effective_to >= effective_from)
      )`);
    await q.query(`CREATE INDEX ix_slas_consortium ON slas (consortium_id, service_line_id)`);
    await q.query(`
      CREATE TABLE sla_targets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sla_id uuid NOT NULL REFERENCES slas(id) ON DELETE CASCADE,
        position int NOT NULL,
        kpi_code text NOT NULL REFERENCES kpis(code),
        target numeric(18,4) NOT NULL,
        threshold numeric(18,4) NOT NULL,
        credit_percent numeric(7,4) NOT NULL CHECK (credit_percent >= 0 AND credit_percent <= 100),
        UNIQUE (sla_id, kpi_code)
      )`);
    await q.query(`
      CREATE TABLE measurements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
        service_line_id uuid NOT NULL REFERENCES service_lines(id) ON DELETE CASCADE,
        kpi_code text NOT NULL REFERENCES kpis(code),
        organisation_id uuid REFERENCES organisations(id),
        month text NOT NULL ${month('month')},
        value numeric(18,4) NOT NULL,
        submitted_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_measurement_key UNIQUE NULLS NOT DISTINCT (consortium_id, service_line_id, kpi_code, organisation_id, month)
      )`);
    await q.query(`CREATE INDEX ix_measurements_month ON measurements (consortium_id, month)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS measurements`);
    await q.query(`DROP TABLE IF EXISTS sla_targets`);
    await q.query(`DROP TABLE IF EXISTS slas`);
  }
}
