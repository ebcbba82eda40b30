import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { ForbiddenError, NotFoundError, RuleError, UnauthenticatedError, ValidationError } from '../common/errors/domain-error';
import type { Page } from '../common/http/pagination';
import { AUTH_CONFIG, type AuthConfig } from '../config/slices';
import { UnitOfWork, type On, type Tx } from '../database/sql';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import type { ChangePasswordDto, CreateUserDto, TokenResponse, UpdateUserDto, UserView } from './dto';
import type { TokenPayload } from './auth.guard';
import { SessionsService } from './sessions.service';
import type { Role } from '../common/enums';
import { administeredOrganisationOf, type Principal } from './principal';
import type { UserRecord } from './user.model';
import { LoginThrottleService } from './login-throttle.service';
import { UsersRepository } from './users.repository';
import { temporaryPassword, TEMPORARY_PASSWORD_BYTES } from './core/temporary-password';

// A fixed hash to verify against when the email is unknown, so timing does not reveal accounts.
let dummyHash: Promise<string> | null = null;

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly throttle: LoginThrottleService,
    private readonly uow: UnitOfWork,
    private readonly organisations: OrganisationDirectoryService,
    private readonly jwt: JwtService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  static hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  /**
   * Signs in: the password is tried against every account of the email (an email is unique within an
   * organisation, so a person may hold accounts in two; the oldest that matches wins), all at once so
   * that the time taken does not say how many there are. Opens a session that the token names.
   */
  async login(email: string, password: string, address = 'unknown'): Promise<TokenResponse> {
    const normalised = email.trim().toLowerCase();
    await this.throttle.attempt(address, normalised);
    const candidates = await this.users.findForLogin(null, normalised);
    dummyHash ??= AuthService.hash('not-a-real-password-000');
    const hashes = candidates.length ? candidates.map((u) => u.passwordHash) : [await dummyHash];
    const matches = await Promise.all(hashes.map((h) => argon2.verify(h, password).catch(() => false)));
    const user = candidates.find((_, i) => matches[i]);
    if (!user) throw new UnauthenticatedError('The email or password is wrong');
    const sid = await this.sessions.open(user.id);
    const payload: TokenPayload = { sub: user.id, sid };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.jwtExpiresInSeconds, algorithm: 'HS256' });
    return { accessToken, expiresIn: this.config.jwtExpiresInSeconds, tokenType: 'Bearer' };
  }

  /** Ends the caller's session: its token stops working at once. */
  async logout(p: Principal): Promise<void> {
    if (p.sessionId) await this.sessions.end(null, p.sessionId);
  }

  /**
   * Changes the caller's password after checking the current one (counted like a sign-in attempt, so
   * a stolen token cannot be used to guess it); every other session of the user ends. A temporary
   * password stops being one: the session (kept) opens everything the role allows again.
   */
  async changePassword(p: Principal, dto: Pick<ChangePasswordDto, 'currentPassword' | 'newPassword'>, address = 'unknown'): Promise<void> {
    await this.throttle.attempt(address, p.email);
    const u = await this.users.findWithHash(null, p.userId);
    if (!u || !(await argon2.verify(u.passwordHash, dto.currentPassword).catch(() => false))) {
      throw new ValidationError([{ field: 'currentPassword', message: 'currentPassword is not your current password' }]);
    }
    if (dto.newPassword === dto.currentPassword) throw new ValidationError([{ field: 'newPassword', message: 'newPassword must differ from the current password' }]);
    const passwordHash = await AuthService.hash(dto.newPassword);
    await this.uow.run(async (tx) => {
      // the password proved above, or nothing: a reset that committed in between stands
      if (!(await this.users.replacePasswordHash(tx, u.id, u.passwordHash, passwordHash))) {
        throw new ValidationError([{ field: 'currentPassword', message: 'currentPassword is not your current password' }]);
      }
      await this.sessions.endAllOf(tx, u.id, p.sessionId ?? null);
      await this.audit.record(tx, p, { action: 'update', entity: 'user', entityId: u.id, after: { passwordChanged: true, otherSessionsEnded: true } });
    });
    this.sessions.forget();
  }

  async me(p: Principal): Promise<UserView> {
    const u = await this.users.find(null, p.userId);
    if (!u) throw new UnauthenticatedError('The user no longer exists');
    return view(u);
  }

  /**
   * Each organisation administers its own users (domain.md §13): an organisation's administrators
   * (host_admin, org_admin) create users in their own organisation only; a platform admin anywhere.
   * Another organisation is a 404, as if it did not exist. Only an admin creates admins.
   */
  async createUser(p: Principal, dto: CreateUserDto): Promise<UserView> {
    let organisationId: string | null;
    if (dto.role === 'admin') {
      if (p.role !== 'admin') throw new ForbiddenError('Only an admin may create admins');
      if (dto.organisationId) throw new ValidationError([{ field: 'organisationId', message: 'admins belong to no organisation' }]);
      organisationId = null;
    } else if (p.role === 'admin') {
      if (!dto.organisationId) throw new ValidationError([{ field: 'organisationId', message: 'organisationId is required for this role' }]);
      if (!(await this.organisations.exists(null, dto.organisationId))) throw new ValidationError([{ field: 'organisationId', message: 'no such organisation' }]);
      organisationId = dto.organisationId;
    } else {
      organisationId = administeredOrganisation(p);
      if (dto.organisationId && dto.organisationId !== organisationId) throw new NotFoundError('Organisation');
      assertMayGrant(p, dto.role);
    }
    const email = dto.email.trim().toLowerCase();
    const passwordHash = await AuthService.hash(dto.password);
    return this.uow.run(async (tx) => {
      // Unique within the organisation only: the answer says nothing about other organisations' accounts.
      if (await this.users.emailTakenIn(tx, organisationId, email)) {
        throw new ValidationError([{ field: 'email', message: 'your organisation already has a user with this email' }]);
      }
      const saved = await this.users.insert(tx, { email, passwordHash, role: dto.role, organisationId }, dto.mustChangePassword === true);
      const v = view(saved);
      await this.audit.record(tx, p, { action: 'create', entity: 'user', entityId: saved.id, after: v });
      return v;
    });
  }

  /** The users of the caller's own organisation (admins: every user). */
  async listUsers(p: Principal, limit: number, offset: number): Promise<Page<UserView>> {
    const scope = p.role === 'admin' ? 'all' : { organisationId: administeredOrganisation(p) };
    const { items, total } = await this.users.page(null, scope, limit, offset);
    return { items: items.map(view), total };
  }

  /**
   * Disables or re-enables a user, or changes its role: the organisation's administrators for its own
   * users, an admin for anyone. A disabled user's sessions end at once; a role change applies to the
   * user's next request. Nobody disables or re-roles itself (an organisation cannot lock itself out by
   * a slip); another organisation's user is a 404.
   */
  async updateUser(p: Principal, id: string, dto: UpdateUserDto): Promise<UserView> {
    const fresh = await this.uow.run(async (tx) => {
      const u = await this.users.find(tx, id, true);
      if (!u || (p.role !== 'admin' && u.organisationId !== administeredOrganisation(p))) throw new NotFoundError('User');
      if (u.id === p.userId && (dto.disabled !== undefined || (dto.role !== undefined && dto.role !== u.role))) {
        throw new RuleError('own_account', 'You cannot disable yourself or change your own role; ask another administrator', [
          { field: dto.disabled !== undefined ? 'disabled' : 'role', message: 'not on your own account' },
        ]);
      }
      if (dto.role === 'admin' && u.role !== 'admin') {
        if (p.role !== 'admin') throw new ForbiddenError('Only an admin may make admins');
        throw new ValidationError([{ field: 'role', message: 'an admin belongs to no organisation; create a new admin user instead' }]);
      }
      if (dto.role !== undefined && dto.role !== 'admin' && u.role === 'admin') {
        throw new ValidationError([{ field: 'role', message: 'an admin belongs to no organisation; create a user in the organisation instead' }]);
      }
      if (p.role !== 'admin') {
        // an administrator deals with users of its own rank or below, and grants no higher rank than its own
        assertMayGrant(p, u.role, 'a user of a higher role than yours');
        if (dto.role !== undefined) assertMayGrant(p, dto.role);
      }
      const before = view(u);
      const after = await this.users.update(tx, id, { role: dto.role, disabled: dto.disabled });
      if (dto.disabled === true) await this.sessions.endAllOf(tx, id);
      else await this.sessions.userChanged(tx, id);
      await this.audit.record(tx, p, { action: 'update', entity: 'user', entityId: id, before, after: view(after) });
      return after;
    });
    this.sessions.forget();
    return view(fresh);
  }

  /**
   * Resets a user's password to a new temporary one, given once in the answer for the administrator
   * to hand over (nothing keeps it but its hash): the organisation's administrators for its own users
   * of their rank or below, an admin for anyone. Every session of the user ends; the user signs in
   * with it and changes it (POST /auth/password). Not on oneself (change your own password instead);
   * another organisation's user is a 404. Audited without the password.
   */
  async resetPassword(p: Principal, id: string): Promise<{ user: UserView; temporaryPassword: string }> {
    const password = temporaryPassword(randomBytes(TEMPORARY_PASSWORD_BYTES * 2));
    const passwordHash = await AuthService.hash(password);
    const fresh = await this.uow.run(async (tx) => {
      const u = await this.users.find(tx, id, true);
      if (!u || (p.role !== 'admin' && u.organisationId !== administeredOrganisation(p))) throw new NotFoundError('User');
      if (u.id === p.userId) {
        throw new RuleError('own_account', 'You cannot reset your own password here; change it with your current password instead', [
          { field: 'id', message: 'not on your own account' },
        ]);
      }
      if (p.role !== 'admin') assertMayGrant(p, u.role, 'a user of a higher role than yours');
      await this.users.setPasswordHash(tx, id, passwordHash, true);
      await this.sessions.endAllOf(tx, id);
      await this.audit.record(tx, p, { action: 'update', entity: 'user', entityId: id, after: { passwordReset: true, sessionsEnded: true } });
      return u;
    });
    this.sessions.forget();
    return { user: view(fresh), temporaryPassword: password };
  }

  // ---------------------------------------------------------------- start-up (seed)

  /** How many users exist (the start-up seed creates the first admin when none does). */
  countUsers(on: On = null): Promise<number> {
    return this.users.count(on);
  }

  /** The first platform admin: the seed creates it before anyone can act, so no principal authorises it. */
  async createFirstAdmin(tx: Tx, email: string, password: string): Promise<void> {
    await this.users.insert(tx, { email: email.trim().toLowerCase(), passwordHash: await AuthService.hash(password), role: 'admin', organisationId: null });
  }

  /** Whether the organisation (null: the platform admins) has a user with this email (the seed creates its users once). */
  emailTaken(email: string, organisationId: string | null): Promise<boolean> {
    return this.users.emailTakenIn(null, organisationId, email.trim().toLowerCase());
  }

  /** The principal of the first platform admin (the seed acts as it), or null. */
  firstAdmin(on: On = null): Promise<Principal | null> {
    return this.users.firstAdmin(on);
  }

  /** The principal of the user of `organisationId` with this email, or null (the demo activity is entered as the demo host admin). */
  principalByEmail(email: string, organisationId: string): Promise<Principal | null> {
    return this.users.principalByEmail(null, email.trim().toLowerCase(), organisationId);
  }

  /** The user as it is now, as the principal it acts as, or null when it is disabled or gone (work queued by a user runs as it is when it runs). */
  activePrincipal(userId: string): Promise<Principal | null> {
    return this.users.activePrincipal(null, userId);
  }

  /** Active users of these organisations and these users (when active): the people notifications may reach. No access check: the caller is the system. */
  activeUsers(organisationIds: readonly string[], userIds: readonly string[] = []): Promise<UserRecord[]> {
    return this.users.activeOf(null, organisationIds, userIds);
  }
}

function view(u: UserRecord): UserView {
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    organisationId: u.organisationId,
    disabled: u.disabledAt !== null,
    mustChangePassword: u.passwordTemporary,
    createdAt: u.createdAt,
  };
}

/**
 * Ranks of the roles an organisation's administrators hand out: an administrator grants (and
 * manages users of) its own rank or below. An org_admin cannot make a host_admin, which would run
 * every consortium its organisation hosts; only a host_admin (or an admin) can.
 */
const RANK: Record<Role, number> = { board_viewer: 1, partner_user: 1, org_admin: 2, host_admin: 3, admin: 4 };

function assertMayGrant(p: Principal, role: Role, what = `the ${role} role`): void {
  if (RANK[role] > RANK[p.role]) throw new ForbiddenError(`Your role (${p.role}) cannot manage ${what}`);
}

/** The organisation an organisation administrator administers (the route's @Roles let only admins and them in). */
function administeredOrganisation(p: Principal): string {
  const own = administeredOrganisationOf(p);
  if (!own) throw new ForbiddenError('Only an organisation administrator manages users');
  return own;
}
