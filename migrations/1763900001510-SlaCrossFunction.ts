import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An SLA whose KPIs measure another function than its service line's (an HR KPI on accounts payable)
 * is refused unless it says so (issue 13): `cross_function` records that it is intended.
 */
export class SlaCrossFunction1763900001510 implements MigrationInterface {
  name = 'SlaCrossFunction1763900001510';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE slas ADD COLUMN cross_function boolean NOT NULL DEFAULT false`);
    // existing SLAs that already measure another function: they were accepted as they are, so they say so
    await q.query(`
      UPDATE slas s SET cross_function = true
       WHERE EXISTS (SELECT 1 FROM sla_targets t JOIN kpis k ON k.code = t.kpi_code JOIN service_lines l ON l.id = s.service_line_id
                      WHERE t.sla_id = s.id AND k.function <> l.function)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE slas DROP COLUMN cross_function`);
  }
}
