import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AuthService } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import type { Role } from '../common/enums';
import { SEED_CONFIG, type SeedConfig } from '../config/slices';
import { ConsortiaService } from '../consortia/consortia.service';
import { type Tx, UnitOfWork } from '../database/sql';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import { DEMO } from './demo-data';
import { SeedRepository } from './seed.repository';

export interface SeedReport {
  adminEmail?: string;
  adminPassword?: string;
  demoSeeded: boolean;
  demoUsers: { email: string; password: string; role: Role; organisation: string }[];
  consortiumId?: string;
}

/**
 * Start-up data: the platform admin from ADMIN_EMAIL/ADMIN_PASSWORD when no user exists, and in demo
 * mode a demo consortium, once (marked in app_meta so a restart or a deleted row does not re-seed).
 *
 * The demo is entered as the platform admin through the same services (and so the same validation
 * and audit) as the API. Each service commits its own change; the seed's own transaction holds the
 * seed lock (one seeder at a time, even with several app instances) and writes the mark last, so a
 * seed that fails part-way is tried again on the next start: organisations (by ODS code) and users
 * (by email) already there are reused.
 */
@Injectable()
export class SeedService {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly repo: SeedRepository,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly auth: AuthService,
    private readonly organisations: OrganisationsService,
    private readonly directory: OrganisationDirectoryService,
    private readonly consortia: ConsortiaService,
    private readonly serviceLines: ServiceLinesService,
    @Inject(SEED_CONFIG) private readonly config: SeedConfig,
  ) {}

  async run(): Promise<SeedReport> {
    const report: SeedReport = { demoSeeded: false, demoUsers: [] };
    await this.uow.run(async (tx) => {
      await this.repo.lock(tx);
      await this.ensureAdmin(tx, report);
    });
    if (this.config.demoMode) {
      await this.uow.run(async (tx) => {
        await this.repo.lock(tx);
        if (await this.repo.demoSeeded(tx)) return;
        const admin = await this.auth.firstAdmin(tx);
        if (!admin) {
          this.logger.warn('Users exist but none is an admin: the demo consortium is not seeded.');
          return;
        }
        // Each service commits its own change: a seed interrupted part-way left a demo consortium but
        // no mark. Then mark it seeded rather than enter a second consortium beside the first.
        const left = await this.interruptedDemo(admin);
        if (left) {
          this.logger.warn(`A demo consortium from an interrupted first start exists (${left}); it is kept as it is. Delete the data folder to seed afresh.`);
          await this.repo.markDemoSeeded(tx, { consortiumId: left, at: this.clock.now().toISOString() });
          return;
        }
        const consortiumId = await this.seedDemo(admin, report);
        await this.repo.markDemoSeeded(tx, { consortiumId, at: this.clock.now().toISOString() });
        report.demoSeeded = true;
        report.consortiumId = consortiumId;
      });
    }
    return report;
  }

  private async ensureAdmin(tx: Tx, report: SeedReport): Promise<void> {
    if ((await this.auth.countUsers(tx)) > 0) return;
    let email = this.config.adminEmail;
    let password = this.config.adminPassword;
    if (!email || !password) {
      if (!this.config.demoMode) {
        this.logger.warn('No users exist and ADMIN_EMAIL/ADMIN_PASSWORD are unset: nobody can sign in.');
        return;
      }
      email = DEMO.admin.email;
      password = DEMO.admin.password;
      report.adminPassword = password;
    }
    await this.auth.createFirstAdmin(tx, email, password);
    report.adminEmail = email;
  }

  /** The id of a demo consortium an interrupted seed left behind (same name, hosted by the demo host), or null. */
  private async interruptedDemo(admin: Principal): Promise<string | null> {
    const host = DEMO.organisations.find((o) => o.key === 'host');
    const hostId = host ? await this.directory.idByOdsCode(null, host.odsCode) : null;
    if (!hostId) return null;
    const { items } = await this.consortia.list(admin, 100, 0);
    return items.find((c) => c.name === DEMO.consortium.name && c.hostOrganisationId === hostId)?.id ?? null;
  }

  /** The demo consortium, entered as `admin`; resolves with its id. */
  private async seedDemo(admin: Principal, report: SeedReport): Promise<string> {
    const orgIds: Record<string, string> = {};
    for (const o of DEMO.organisations) {
      const { key, ...dto } = o;
      orgIds[key] = (await this.directory.idByOdsCode(null, o.odsCode)) ?? (await this.organisations.create(admin, dto)).id;
    }
    // The host becomes a member from the start date, as POST /consortia makes it.
    const c = await this.consortia.create(admin, {
      name: DEMO.consortium.name,
      deliveryModel: DEMO.consortium.deliveryModel,
      hostOrganisationId: orgIds.host,
      startDate: DEMO.consortium.startDate,
    });
    for (const mem of DEMO.members) {
      await this.consortia.addMember(admin, c.id, { organisationId: orgIds[mem.key], joinedOn: mem.joinedOn });
    }
    for (const sl of DEMO.serviceLines) {
      await this.serviceLines.create(admin, c.id, sl);
    }
    for (const u of DEMO.users) {
      if (await this.auth.emailTaken(u.email, orgIds[u.org])) continue;
      await this.auth.createUser(admin, { email: u.email, password: u.password, role: u.role, organisationId: orgIds[u.org] });
      report.demoUsers.push({ email: u.email, password: u.password, role: u.role, organisation: DEMO.organisations.find((o) => o.key === u.org)!.name });
    }
    return c.id;
  }
}
