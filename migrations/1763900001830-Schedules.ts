import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schedules (issue 17): each consortium's board pack day and measurements reminder, and one row per
 * run that fired. The run's primary key makes a schedule fire once per period however many worker
 * processes tick at the same moment (docs/schedules.md).
 */
export class Schedules1763900001830 implements MigrationInterface {
  name = 'Schedules1763900001830';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consortium_schedules (
        consortium_id uuid PRIMARY KEY REFERENCES consortia(id) ON DELETE CASCADE,
        board_pack_working_day int CHECK (board_pack_working_day BETWEEN 1 AND 20),
        reminder_working_days_before int CHECK (reminder_working_days_before BETWEEN 0 AND 10),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE schedule_runs (
        consortium_id uuid NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('board_pack', 'measurements_reminder')),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        scheduled_for date NOT NULL,
        fired_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        outcome text NOT NULL CHECK (outcome IN ('published', 'nothing_missing')),
        event_id uuid REFERENCES domain_events(id) ON DELETE SET NULL,
        PRIMARY KEY (consortium_id, kind, period)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE schedule_runs`);
    await q.query(`DROP TABLE consortium_schedules`);
  }
}
