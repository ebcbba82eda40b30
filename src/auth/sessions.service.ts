/**
 * Sessions that can end (issue 12, finding 7). Every token names a session; the guard asks here, on
 * every request, whether the session is live and who its user is now. Answers are kept for at most
 * SESSION_CHECK_CACHE_MS (default 2 s) so that a busy client does not cost a query per request.
 *
 * Many processes, one database: every change (logout, password change or reset, disabling, a role
 * change) sends `NOTIFY session_changed` in its own transaction, with `sid:<session id>` or
 * `user:<user id>`; every process listens (PgNotifications) and drops the answers it kept, so a token
 * ended on one API process is refused by all of them at once, not after the cache window. While a
 * process's LISTEN connection is down it keeps no answers (it could not hear a change).
 */
import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CONFIG, type AuthConfig } from '../config/slices';
import { PgNotifications } from '../database/pg-notifications';
import type { On, Tx } from '../database/sql';
import type { Principal } from './principal';
import { SESSION_CHANNEL, SessionsRepository } from './sessions.repository';

const PRUNE_EVERY = 500;
/** Enough for every client of a busy process; past it the oldest answers are dropped. */
const CACHE_LIMIT = 10_000;

@Injectable()
export class SessionsService {
  private readonly cache = new Map<string, { principal: Principal | null; at: number }>();
  /** Bumped by every change: an answer read from the database before a change is not cached after it. */
  private generation = 0;
  private opened = 0;

  constructor(
    private readonly repo: SessionsRepository,
    private readonly notifications: PgNotifications,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {
    notifications.listen(SESSION_CHANNEL, {
      message: (payload) => (payload.startsWith('sid:') ? this.forgetSession(payload.slice(4)) : this.forget()),
      reset: () => this.forget(),
    });
  }

  /** Opens a session for a user that has just proved who it is; resolves with its id. */
  async open(userId: string): Promise<string> {
    if (++this.opened % PRUNE_EVERY === 0) await this.repo.prune(null);
    return this.repo.insert(null, userId, new Date(Date.now() + this.config.jwtExpiresInSeconds * 1000));
  }

  /** The principal of a live session, or null (revoked, expired, user disabled or gone). */
  async principal(sessionId: string): Promise<Principal | null> {
    const now = Date.now();
    const caching = this.config.sessionCacheMs > 0 && this.notifications.listening;
    const hit = caching ? this.cache.get(sessionId) : undefined;
    if (hit && now - hit.at < this.config.sessionCacheMs) return hit.principal;
    const generation = this.generation;
    const state = await this.repo.state(null, sessionId);
    const principal = state?.live ? state.principal : null;
    if (caching && generation === this.generation) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(sessionId, { principal, at: now });
    }
    return principal;
  }

  /** Ends one session (logout), and tells every process. */
  async end(on: On, sessionId: string): Promise<void> {
    await this.repo.revoke(on, sessionId);
    this.forgetSession(sessionId);
  }

  /**
   * Ends every session of a user but `except`, inside the caller's transaction (every process hears
   * of it when it commits): call `forget()` once it has committed.
   */
  async endAllOf(tx: Tx, userId: string, except: string | null = null): Promise<void> {
    await this.repo.revokeAllOf(tx, userId, except);
    await this.repo.notifyUser(tx, userId);
  }

  /** The user's role, organisation or whether it may sign in changes in `tx`: every process forgets its answers when it commits. */
  async userChanged(tx: Tx, userId: string): Promise<void> {
    await this.repo.notifyUser(tx, userId);
  }

  /** Drops every cached answer (a user changed: its role, organisation or whether it may sign in). */
  forget(): void {
    this.generation++;
    this.cache.clear();
  }

  private forgetSession(sessionId: string): void {
    this.generation++;
    this.cache.delete(sessionId);
  }
}
