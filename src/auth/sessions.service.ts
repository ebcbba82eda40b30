/**
 * Sessions that can end (issue 12, finding 7). Every token names a session; the guard asks here, on
 * every request, whether the session is live and who its user is now. Answers are kept for at most
 * SESSION_CHECK_CACHE_MS (default 2 s) so that a busy client does not cost a query per request; any
 * change this process makes (logout, password change, disabling, a role change) empties the cache at
 * once, and another process sees it within that time.
 */
import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CONFIG, type AuthConfig } from '../config/slices';
import type { On, Tx } from '../database/sql';
import type { Principal } from './principal';
import { SessionsRepository } from './sessions.repository';

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
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  /** Opens a session for a user that has just proved who it is; resolves with its id. */
  async open(userId: string): Promise<string> {
    if (++this.opened % PRUNE_EVERY === 0) await this.repo.prune(null);
    return this.repo.insert(null, userId, new Date(Date.now() + this.config.jwtExpiresInSeconds * 1000));
  }

  /** The principal of a live session, or null (revoked, expired, user disabled or gone). */
  async principal(sessionId: string): Promise<Principal | null> {
    const now = Date.now();
    const hit = this.cache.get(sessionId);
    if (hit && now - hit.at < this.config.sessionCacheMs) return hit.principal;
    const generation = this.generation;
    const state = await this.repo.state(null, sessionId);
    const principal = state?.live ? state.principal : null;
    if (this.config.sessionCacheMs > 0 && generation === this.generation) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(sessionId, { principal, at: now });
    }
    return principal;
  }

  /** Ends one session (logout). */
  async end(on: On, sessionId: string): Promise<void> {
    await this.repo.revoke(on, sessionId);
    this.generation++;
    this.cache.delete(sessionId);
  }

  /** Ends every session of a user but `except`, inside the caller's transaction: call `forget()` once it has committed. */
  async endAllOf(tx: Tx, userId: string, except: string | null = null): Promise<void> {
    await this.repo.revokeAllOf(tx, userId, except);
  }

  /** Drops every cached answer (a user changed: its role, organisation or whether it may sign in). */
  forget(): void {
    this.generation++;
    this.cache.clear();
  }
}
