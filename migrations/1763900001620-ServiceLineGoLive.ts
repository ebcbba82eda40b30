import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A service line's go-live month (domain.md §12): before it the line has no operating costs, no
 * charges, no baseline and no SLA credits. Existing lines go live in their consortium's start month
 * (the default), so nothing already charged or issued changes.
 */
export class ServiceLineGoLive1763900001620 implements MigrationInterface {
  name = 'ServiceLineGoLive1763900001620';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service_lines ADD COLUMN go_live text`);
    await q.query(`UPDATE service_lines l SET go_live = to_char(c.start_date, 'YYYY-MM') FROM consortia c WHERE c.id = l.consortium_id`);
    await q.query(`ALTER TABLE service_lines ALTER COLUMN go_live SET NOT NULL`);
    await q.query(`ALTER TABLE service_lines ADD CONSTRAINT ck_service_lines_go_live CHECK (go_live ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service_lines DROP COLUMN go_live`);
  }
}
