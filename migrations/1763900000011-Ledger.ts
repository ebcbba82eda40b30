import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger (domain.md §1, §5, §6): cost entries, activity volumes, annual baselines, and the
 * idempotency keys of money-creating POSTs (one row per consortium, route and key).
 */
export class Ledger1763900000011 implements MigrationInterface {
  name = 'Ledger1763900000011';

  public async up(q: QueryRunner): Promise<void> {
    const month = (col: string) => `CHECK (${col} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')`;
    await q.query(`
      CREATE TABLE cost_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
        month text NOT NULL ${month('month')},
        category text NOT NULL CHECK (category IN ('operating','investment','risk')),
        amount numeric(16,2) NOT NULL CHECK (amount <> 0),
        service_line_id uuid REFERENCES service_lines(id) ON DELETE RESTRICT,
        attributable_to uuid REFERENCES organisations(id) ON DELETE RESTRICT,
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_cost_entries_operating_line CHECK (category <> 'operating' OR service_line_id IS NOT NULL),
        CONSTRAINT ck_cost_entries_attributable_risk CHECK (attributable_to IS NULL OR category = 'risk')
      )`);
    await q.query(`CREATE INDEX ix_cost_entries_month ON cost_entries (consortium_id, month, created_at)`);
    await q.query(`
      CREATE TABLE activity_volumes (
        consortium_id uuid NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
        service_line_id uuid NOT NULL REFERENCES service_lines(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
        month text NOT NULL ${month('month')},
        volume numeric(14,2) NOT NULL CHECK (volume >= 0),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consortium_id, service_line_id, organisation_id, month)
      )`);
    await q.query(`CREATE INDEX ix_activity_volumes_month ON activity_volumes (consortium_id, month)`);
    await q.query(`
      CREATE TABLE baselines (
        consortium_id uuid NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
        service_line_id uuid NOT NULL REFERENCES service_lines(id) ON DELETE CASCADE,
        annual_amount numeric(16,2) NOT NULL CHECK (annual_amount >= 0),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consortium_id, organisation_id, service_line_id)
      )`);
    await q.query(`
      CREATE TABLE idempotency_keys (
        consortium_id uuid NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
        scope text NOT NULL,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        request_hash char(64) NOT NULL,
        status_code int,
        response text,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_idempotency_keys PRIMARY KEY (consortium_id, scope, key),
        CONSTRAINT ck_idempotency_keys_response CHECK ((status_code IS NULL) = (response IS NULL))
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of ['idempotency_keys', 'baselines', 'activity_volumes', 'cost_entries']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
