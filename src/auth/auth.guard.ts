import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { DomainError, ForbiddenError, UnauthenticatedError } from '../common/errors/domain-error';
import type { Role } from '../common/enums';
import { ALLOWS_TEMPORARY_PASSWORD, IS_PUBLIC, mustChangePassword, Principal, ROLES_KEY } from './principal';
import { SessionsService } from './sessions.service';

/** What a token carries: its user and its session. Role and organisation are read from the user on each request. */
export interface TokenPayload {
  sub: string;
  sid: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The caller a token names: its signature and expiry checked, then its session, which must be live
 * (so signing out, a disabled account or a changed password ends it at once). Shared by the API's
 * bearer tokens and the web's session cookie, which carries the same token.
 */
@Injectable()
export class TokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: SessionsService,
  ) {}

  /** The principal, or null when the token is invalid, expired, or its session has ended. */
  async principal(token: string): Promise<Principal | null> {
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token, { algorithms: ['HS256'] });
    } catch {
      return null;
    }
    const principal = typeof payload.sid === 'string' && UUID.test(payload.sid) ? await this.sessions.principal(payload.sid) : null;
    return principal && principal.userId === payload.sub ? principal : null;
  }
}

/** 403 `password_change_required`: the caller signed in with a temporary password and has not chosen their own yet. */
export class PasswordChangeRequiredError extends DomainError {
  constructor() {
    super('password_change_required', 403, 'You signed in with a temporary password an administrator gave you: choose your own first (POST /api/v1/auth/password)');
  }
}

/**
 * Global guard: a valid bearer token naming a live session on every route not marked @Public, then
 * the route's @Roles. A caller signed in with a temporary password gets only the routes marked
 * @AllowsTemporaryPassword (403 `password_change_required` elsewhere). The caller's role and organisation are the user's as they are now (a demoted,
 * disabled or deleted user's token stops at once: src/auth/sessions.service.ts).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: Principal }>();
    const header: string | undefined = req.headers?.authorization;
    const m = header?.match(/^Bearer\s+(\S+)$/i);
    if (!m) throw new UnauthenticatedError('A bearer token is required');
    const principal = await this.tokens.principal(m[1]);
    if (!principal) throw new UnauthenticatedError('The token is invalid or has expired, or its session has ended; sign in again');
    req.user = principal;
    if (mustChangePassword(principal, this.reflector.getAllAndOverride<boolean | undefined>(ALLOWS_TEMPORARY_PASSWORD, targets))) throw new PasswordChangeRequiredError();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) throw new ForbiddenError(`This action is not open to the ${principal.role} role`);
    return true;
  }
}
