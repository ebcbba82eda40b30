import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Archiving a consortium (issue 13): an archived consortium stays readable and refuses every write.
 * `archived_at` is when it was archived (null while it is live), `archive_note` why.
 */
export class ConsortiumArchive1763900001630 implements MigrationInterface {
  name = 'ConsortiumArchive1763900001630';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consortia ADD COLUMN archived_at timestamptz, ADD COLUMN archive_note text`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consortia DROP COLUMN archived_at, DROP COLUMN archive_note`);
  }
}
