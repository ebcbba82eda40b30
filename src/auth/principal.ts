import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ORGANISATION_ADMIN_ROLES, type Role } from '../common/enums';

/** The signed-in caller, taken from a verified JWT. */
export interface Principal {
  userId: string;
  email: string;
  role: Role;
  organisationId: string | null;
  /** The session the caller's token names (absent for work the app does on its own, e.g. the seed). */
  sessionId?: string;
  /**
   * Signed in with a password an administrator gave (a reset, or a user added on the web page): the
   * session opens only what changes it (@AllowsTemporaryPassword) until the user chooses their own.
   */
  temporaryPassword?: boolean;
}

/** The organisation the caller administers (host_admin, org_admin: its own), or null (domain.md §13). */
export function administeredOrganisationOf(p: Principal): string | null {
  return p.organisationId && ORGANISATION_ADMIN_ROLES.includes(p.role) ? p.organisationId : null;
}

export const IS_PUBLIC = 'isPublic';
/** Marks a route as open to anonymous callers (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const ALLOWS_TEMPORARY_PASSWORD = 'allowsTemporaryPassword';
/** Marks a route a user signed in with a temporary password may use (who am I, change my password, sign out). */
export const AllowsTemporaryPassword = () => SetMetadata(ALLOWS_TEMPORARY_PASSWORD, true);

/** The refusal of every other route to such a user (403 `password_change_required`). */
export function mustChangePassword(p: Principal, allowed: boolean | undefined): boolean {
  return p.temporaryPassword === true && allowed !== true;
}

export const ROLES_KEY = 'roles';
/** Roles allowed on a route; others get 403. Tenant scoping is then done by the service (404). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ user: Principal }>().user;
});
