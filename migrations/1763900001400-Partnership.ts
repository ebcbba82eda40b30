import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The partnership model of access (issue 12, findings 1 and 7; domain.md §13):
 * - role `org_admin`: administers its own organisation (profile, users, invitations it receives);
 * - users can be disabled (`disabled_at`): their sessions stop at once;
 * - sessions: every token names one (`sid`); logout and a password change revoke sessions, and the
 *   guard checks the session (and its user) on every request;
 * - invitations: a host invites an organisation, which becomes a member only when its administrator
 *   accepts;
 * - an email is unique within an organisation, not across the platform (issue 12, finding 12): an
 *   administrator creating a user learns nothing of other organisations' accounts. Signing in tries
 *   the password against each account of the email (src/auth/auth.service.ts).
 */
export class Partnership1763900001400 implements MigrationInterface {
  name = 'Partnership1763900001400';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin','host_admin','org_admin','partner_user','board_viewer'))`);
    await q.query(`ALTER TABLE users ADD COLUMN disabled_at timestamptz`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_email_key`);
    await q.query(`CREATE UNIQUE INDEX ux_users_organisation_email ON users (COALESCE(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid), email)`);
    await q.query(`CREATE INDEX ix_users_email ON users (email)`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_sessions_user ON sessions (user_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX ix_sessions_expires ON sessions (expires_at)`);
    await q.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        joined_on date NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','declined','withdrawn')),
        invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
        decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz
      )`);
    // One open invitation per organisation and consortium.
    await q.query(`CREATE UNIQUE INDEX ux_invitations_pending ON invitations (consortium_id, organisation_id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX ix_invitations_organisation ON invitations (organisation_id, created_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invitations`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP INDEX ix_users_email`);
    await q.query(`DROP INDEX ux_users_organisation_email`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)`);
    await q.query(`ALTER TABLE users DROP COLUMN disabled_at`);
    await q.query(`UPDATE users SET role = 'partner_user' WHERE role = 'org_admin'`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_role_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin','host_admin','partner_user','board_viewer'))`);
  }
}
