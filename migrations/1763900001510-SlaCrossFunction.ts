import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An SLA whose KPIs measure another function than its service line's (an HR KPI on accounts payable)
 * is refused unless it says so (issue 13): `cross_function` records that it is intended.
 */
export class SlaCrossFunction1763900001510 implements MigrationInterface {
  name = 'SlaCrossFunction1763900001510';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE slas ADD COLUMN cross_function boolean NOT NULL DEFAULT false`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE slas DROP COLUMN cross_function`);
  }
}
