import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Allocation drivers belong to the consortium (domain.md §12, issue 13): per member and financial
 * year, the turnover and headcount of the `turnover` and `headcount` bases. Month m uses the member's
 * row with the latest financial year ≤ FY(m). A member gets a row for its joining year, taken from its
 * organisation's profile as it is then; existing members get one now, for the year of their first
 * joining, from the profile as it stands (what priced them until now).
 */
export class ConsortiumDrivers1763900001500 implements MigrationInterface {
  name = 'ConsortiumDrivers1763900001500';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consortium_drivers (
        consortium_id uuid NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        financial_year text NOT NULL CHECK (financial_year ~ '^[0-9]{4}/[0-9]{2}$'),
        annual_turnover numeric(16,2) NOT NULL CHECK (annual_turnover >= 0),
        headcount numeric(12,2) NOT NULL CHECK (headcount >= 0),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consortium_id, organisation_id, financial_year)
      )`);
    await q.query(`
      INSERT INTO consortium_drivers (consortium_id, organisation_id, financial_year, annual_turnover, headcount)
      SELECT f.consortium_id, f.organisation_id,
             f.fy::text || '/' || lpad(((f.fy + 1) % 100)::text, 2, '0'),
             o.annual_turnover, o.headcount
        FROM (SELECT consortium_id, organisation_id,
                     (extract(year FROM min(joined_on)) - CASE WHEN extract(month FROM min(joined_on)) < 4 THEN 1 ELSE 0 END)::int AS fy
                FROM members GROUP BY consortium_id, organisation_id) f
        JOIN organisations o ON o.id = f.organisation_id`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE consortium_drivers`);
  }
}
