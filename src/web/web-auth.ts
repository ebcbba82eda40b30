import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { PasswordChangeRequiredError, TokenVerifier } from '../auth/auth.guard';
import { ALLOWS_TEMPORARY_PASSWORD, mustChangePassword, type Principal } from '../auth/principal';
import { UnauthenticatedError } from '../common/errors/domain-error';
import { SESSION_COOKIE, WEB_CONFIG, type WebConfig } from './web-config';

/**
 * The web session: the cookie carries the same token the API's sign-in returns, so it names a
 * session on the server and is checked on every request (TokenVerifier): signing out, a disabled
 * account or a changed password ends it at once. HttpOnly (no script reads it), SameSite=Lax (sent
 * on top-level navigation from a link, never on a cross-site POST), Secure and `__Host-` in
 * production.
 */
@Injectable()
export class WebSession {
  constructor(
    private readonly tokens: TokenVerifier,
    @Inject(WEB_CONFIG) private readonly config: WebConfig,
  ) {}

  get cookieName(): string {
    return SESSION_COOKIE(this.config.secureCookies);
  }

  async principal(req: Request): Promise<Principal | null> {
    const token = (req.cookies as Record<string, unknown> | undefined)?.[this.cookieName];
    return typeof token === 'string' && token ? this.tokens.principal(token) : null;
  }

  start(res: Response, token: string): void {
    res.cookie(this.cookieName, token, { httpOnly: true, sameSite: 'lax', secure: this.config.secureCookies, path: '/', maxAge: this.config.sessionSeconds * 1000 });
  }

  end(res: Response): void {
    res.clearCookie(this.cookieName, { httpOnly: true, sameSite: 'lax', secure: this.config.secureCookies, path: '/' });
  }
}

/**
 * Web pages that need a signed-in user: the principal on `req.user`, or the sign-in page (via the
 * web error filter). Someone signed in with a temporary password is sent to choose their own
 * (/account/password, the one page marked @AllowsTemporaryPassword) from every other page.
 */
@Injectable()
export class WebSignedInGuard implements CanActivate {
  constructor(
    private readonly session: WebSession,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request & { user?: Principal }>();
    const p = await this.session.principal(req);
    if (!p) throw new UnauthenticatedError('Sign in to continue');
    req.user = p;
    if (mustChangePassword(p, this.reflector.getAllAndOverride<boolean | undefined>(ALLOWS_TEMPORARY_PASSWORD, [ctx.getHandler(), ctx.getClass()]))) {
      throw new PasswordChangeRequiredError();
    }
    return true;
  }
}
