import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Temporary passwords: a password an administrator gave (a reset, or a user added on the web page)
 * is known to someone other than its user, so it opens nothing but the page, or the API route, that
 * changes it. Set by a reset or a web-added user; cleared when the user chooses their own.
 */
export class TemporaryPasswords1763900001850 implements MigrationInterface {
  name = 'TemporaryPasswords1763900001850';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN password_temporary boolean NOT NULL DEFAULT false`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN password_temporary`);
  }
}
