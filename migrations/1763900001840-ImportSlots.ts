import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Import slots (issue 17, many processes): the per-user cap on CSV imports running at once
 * (IMPORT_CONCURRENCY_PER_USER) holds across every API process. A slot is a row, claimed for a
 * lease that the holding process renews while the import runs and deletes at the end; a process
 * that dies leaves a row whose lease runs out.
 */
export class ImportSlots1763900001840 implements MigrationInterface {
  name = 'ImportSlots1763900001840';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_slots (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        slot integer NOT NULL CHECK (slot >= 1),
        holder uuid NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, slot)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_slots`);
  }
}
