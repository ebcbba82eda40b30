import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Baselines carry `effective_from` (domain.md §12): month m uses the row of (member, line) with the
 * latest effective_from ≤ m, so a member joining after a close gets its own baseline from its joining
 * month, and a baseline can change from an open month without repricing closed ones. Existing rows
 * applied to every month: they take the consortium's start month.
 */
export class DatedBaselines1763900001612 implements MigrationInterface {
  name = 'DatedBaselines1763900001612';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE baselines ADD COLUMN effective_from char(7)`);
    await q.query(`UPDATE baselines b SET effective_from = to_char(c.start_date, 'YYYY-MM') FROM consortia c WHERE c.id = b.consortium_id`);
    await q.query(`ALTER TABLE baselines ALTER COLUMN effective_from SET NOT NULL,
      ADD CONSTRAINT baselines_effective_from_check CHECK (effective_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      DROP CONSTRAINT baselines_pkey, ADD PRIMARY KEY (consortium_id, organisation_id, service_line_id, effective_from)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM baselines b WHERE EXISTS (SELECT 1 FROM baselines n WHERE n.consortium_id = b.consortium_id AND n.organisation_id = b.organisation_id
      AND n.service_line_id = b.service_line_id AND n.effective_from > b.effective_from)`);
    await q.query(`ALTER TABLE baselines DROP CONSTRAINT baselines_pkey, ADD PRIMARY KEY (consortium_id, organisation_id, service_line_id),
      DROP CONSTRAINT baselines_effective_from_check, DROP COLUMN effective_from`);
  }
}
