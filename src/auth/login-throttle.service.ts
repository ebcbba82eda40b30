/**
 * Login throttling (issue 12, finding 11): attempts are counted per account (LOGIN_RATE_LIMIT per
 * LOGIN_RATE_WINDOW_MS) and per address (LOGIN_ADDRESS_RATE_LIMIT), in PostgreSQL, so every app
 * process shares the counts and a restart keeps them. Every attempt counts, right or wrong, before
 * the password is checked: an attacker learns nothing from the timing of a refusal. Past either
 * limit the answer is 429 with a standard Retry-After.
 */
import { Inject, Injectable } from '@nestjs/common';
import { TooManyRequestsError } from '../common/errors/domain-error';
import { AUTH_CONFIG, type AuthConfig } from '../config/slices';
import { LoginThrottleRepository } from './login-throttle.repository';

const PRUNE_EVERY = 500;

@Injectable()
export class LoginThrottleService {
  private hits = 0;

  constructor(
    private readonly repo: LoginThrottleRepository,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  /** Counts a login attempt for `email` from `address`; throws TooManyRequestsError past either limit. */
  async attempt(address: string, email: string): Promise<void> {
    const account = `account:${email.slice(0, 320)}`;
    const from = `address:${address.slice(0, 64)}`;
    const counts = await this.repo.hit([account, from], this.config.loginRateWindowMs);
    const over = counts.filter((c) => c.attempts > (c.key === account ? this.config.loginRateLimit : this.config.loginAddressRateLimit));
    if (++this.hits % PRUNE_EVERY === 0) await this.repo.prune(this.config.loginRateWindowMs);
    if (over.length) {
      const wait = Math.max(...over.map((c) => c.retryAfterSeconds));
      throw new TooManyRequestsError('too_many_login_attempts', `Too many sign-in attempts; try again in ${wait} seconds`, wait);
    }
  }
}
