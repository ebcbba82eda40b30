import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../common/errors/domain-error';
import type { Role } from '../common/enums';
import { IS_PUBLIC, Principal, ROLES_KEY } from './principal';

interface TokenPayload {
  sub: string;
  email: string;
  role: Role;
  org: string | null;
}

/** Global guard: a valid bearer token on every route not marked @Public, then the route's @Roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: Principal }>();
    const header: string | undefined = req.headers?.authorization;
    const m = header?.match(/^Bearer\s+(\S+)$/i);
    if (!m) throw new UnauthenticatedError('A bearer token is required');
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(m[1], { algorithms: ['HS256'] });
    } catch {
      throw new UnauthenticatedError('The token is invalid or has expired');
    }
    const principal: Principal = { userId: payload.sub, email: payload.email, role: payload.role, organisationId: payload.org ?? null };
    req.user = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) throw new ForbiddenError(`This action is not open to the ${principal.role} role`);
    return true;
  }
}
