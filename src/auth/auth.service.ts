import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { AuditService } from '../audit/audit.service';
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../common/errors/domain-error';
import type { Page } from '../common/http/pagination';
import { AUTH_CONFIG, type AuthConfig } from '../config/slices';
import { UnitOfWork, type On, type Tx } from '../database/sql';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { AccessService } from '../consortia/access.service';
import type { CreateUserDto, TokenResponse, UserView } from './dto';
import type { Principal } from './principal';
import type { UserRecord } from './user.model';
import { LoginThrottleService } from './login-throttle.service';
import { UsersRepository } from './users.repository';

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
    private readonly access: AccessService,
    private readonly audit: AuditService,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  static hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async login(email: string, password: string, address = 'unknown'): Promise<TokenResponse> {
    const normalised = email.trim().toLowerCase();
    await this.throttle.attempt(address, normalised);
    const user = await this.users.findForLogin(null, normalised);
    dummyHash ??= AuthService.hash('not-a-real-password-000');
    const ok = await argon2.verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
    if (!user || !ok) throw new UnauthenticatedError('The email or password is wrong');
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, email: user.email, role: user.role, org: user.organisationId },
      { expiresIn: this.config.jwtExpiresInSeconds, algorithm: 'HS256' },
    );
    return { accessToken, expiresIn: this.config.jwtExpiresInSeconds, tokenType: 'Bearer' };
  }

  async me(p: Principal): Promise<UserView> {
    const u = await this.users.find(null, p.userId);
    if (!u) throw new UnauthenticatedError('The user no longer exists');
    return view(u);
  }

  async createUser(p: Principal, dto: CreateUserDto): Promise<UserView> {
    if (dto.role === 'admin') {
      if (p.role !== 'admin') throw new ForbiddenError('Only an admin may create admins');
      if (dto.organisationId) throw new ValidationError([{ field: 'organisationId', message: 'admins belong to no organisation' }]);
    } else {
      if (!dto.organisationId) throw new ValidationError([{ field: 'organisationId', message: 'organisationId is required for this role' }]);
      const managed = await this.access.managedOrganisationIds(p);
      if (managed !== 'all' && !managed.includes(dto.organisationId)) throw new NotFoundError('Organisation');
      if (!(await this.organisations.exists(null, dto.organisationId))) {
        throw new ValidationError([{ field: 'organisationId', message: 'no such organisation' }]);
      }
    }
    const email = dto.email.trim().toLowerCase();
    const passwordHash = await AuthService.hash(dto.password);
    return this.uow.run(async (tx) => {
      if (await this.users.emailTaken(tx, email)) throw new ValidationError([{ field: 'email', message: 'a user with this email already exists' }]);
      const saved = await this.users.insert(tx, { email, passwordHash, role: dto.role, organisationId: dto.organisationId ?? null });
      const v = view(saved);
      await this.audit.record(tx, p, { action: 'create', entity: 'user', entityId: saved.id, after: v });
      return v;
    });
  }

  async listUsers(p: Principal, limit: number, offset: number): Promise<Page<UserView>> {
    const managed = await this.access.managedOrganisationIds(p);
    const { items, total } = await this.users.page(null, managed, limit, offset);
    return { items: items.map(view), total };
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

  emailTaken(email: string): Promise<boolean> {
    return this.users.emailTaken(null, email.trim().toLowerCase());
  }

  /** The principal of the first platform admin (the seed acts as it), or null. */
  firstAdmin(on: On = null): Promise<Principal | null> {
    return this.users.firstAdmin(on);
  }

  /** The principal of the user with this email, or null (the demo activity is entered as the demo host admin). */
  principalByEmail(email: string): Promise<Principal | null> {
    return this.users.principalByEmail(null, email.trim().toLowerCase());
  }
}

function view(u: UserRecord): UserView {
  return { id: u.id, email: u.email, role: u.role, organisationId: u.organisationId, createdAt: u.createdAt };
}
