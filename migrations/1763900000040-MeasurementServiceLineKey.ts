import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A measurement's service line must belong to the measurement's consortium: one composite foreign
 * key (service_line_id, consortium_id) → service_lines (id, consortium_id) replaces the two single
 * ones. Stronger (a row can no longer pair one consortium with another's service line) and cheaper:
 * one foreign-key check per row instead of two, which is about a tenth of a 100,000-row import.
 * Deleting a consortium still removes its measurements (through its service lines).
 */
export class MeasurementServiceLineKey1763900000040 implements MigrationInterface {
  name = 'MeasurementServiceLineKey1763900000040';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service_lines ADD CONSTRAINT uq_service_lines_id_consortium UNIQUE (id, consortium_id)`);
    await q.query(`
      ALTER TABLE measurements
        DROP CONSTRAINT measurements_consortium_id_fkey,
        DROP CONSTRAINT measurements_service_line_id_fkey,
        ADD CONSTRAINT fk_measurements_service_line FOREIGN KEY (service_line_id, consortium_id)
          REFERENCES service_lines (id, consortium_id) ON DELETE CASCADE`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE measurements
        DROP CONSTRAINT fk_measurements_service_line,
        ADD CONSTRAINT measurements_consortium_id_fkey FOREIGN KEY (consortium_id) REFERENCES consortia(id) ON DELETE CASCADE,
        ADD CONSTRAINT measurements_service_line_id_fkey FOREIGN KEY (service_line_id) REFERENCES service_lines(id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE service_lines DROP CONSTRAINT uq_service_lines_id_consortium`);
  }
}
