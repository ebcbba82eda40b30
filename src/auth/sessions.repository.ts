import { Injectable } from '@nestjs/common';
import { Sql, type On, type Tx } from '../database/sql';
import type { Principal } from './principal';

/** The NOTIFY channel of session changes (payload `sid:<session id>` or `user:<user id>`; see SessionsService). */
export const SESSION_CHANNEL = 'session_changed';

/** What the guard needs to know of a session: whether it is live, and who its user is now. */
export interface SessionState {
  principal: Principal;
  live: boolean;
}

/** sessions: one row per sign-in; a token names its session (`sid`). */
@Injectable()
export class SessionsRepository {
  constructor(private readonly sql: Sql) {}

  async insert(on: On, userId: string, expiresAt: Date): Promise<string> {
    const row = await this.sql.one<{ id: string }>(on, `INSERT INTO sessions (user_id, expires_at) VALUES ($1, $2) RETURNING id`, [userId, expiresAt]);
    return row!.id;
  }

  /**
   * The session and its user as they are now (role and organisation read from the user, not the
   * token, so a demotion takes effect at once), or null when there is no such session or user.
   * Live: not revoked, not expired, its user not disabled.
   */
  state(on: On, sessionId: string): Promise<SessionState | null> {
    return this.sql
      .one<Principal & { live: boolean }>(
        on,
        `SELECT u.id AS "userId", u.email, u.role, u.organisation_id AS "organisationId", u.password_temporary AS "temporaryPassword",
                (s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL) AS live
           FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.id = $1`,
        [sessionId],
      )
      .then((r) =>
        r
          ? {
              principal: {
                userId: r.userId,
                email: r.email,
                role: r.role,
                organisationId: r.organisationId,
                sessionId,
                ...(r.temporaryPassword ? { temporaryPassword: true } : {}),
              },
              live: r.live,
            }
          : null,
      );
  }

  /**
   * Ends one session and tells every process, in one statement (so also atomically when `on` is
   * null): the NOTIFY is delivered when the revocation commits, never without it.
   */
  async revoke(on: On, sessionId: string): Promise<void> {
    await this.sql.exec(
      on,
      `WITH revoked AS (UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id)
       SELECT pg_notify($2, $3)`,
      [sessionId, SESSION_CHANNEL, `sid:${sessionId}`],
    );
  }

  /** Ends every live session of a user but `except` (the caller's own, on a password change). */
  revokeAllOf(tx: Tx, userId: string, except: string | null = null): Promise<number> {
    return this.sql.exec(tx, `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid)`, [userId, except]);
  }

  /** Tells every process (on commit of `on`) that a user's sessions or standing changed. */
  async notifyUser(on: On, userId: string): Promise<void> {
    await this.sql.exec(on, `SELECT pg_notify($1, $2)`, [SESSION_CHANNEL, `user:${userId}`]);
  }

  /** Deletes sessions that expired more than a day ago (nothing can use them). */
  prune(on: On): Promise<number> {
    return this.sql.exec(on, `DELETE FROM sessions WHERE expires_at < now() - interval '1 day'`);
  }
}
