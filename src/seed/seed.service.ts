import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { User } from '../auth/user.entity';
import type { Role } from '../common/enums';
import { APP_CONFIG, type AppConfig } from '../config/configuration';
import { Consortium } from '../consortia/consortium.entity';
import { Member } from '../consortia/member.entity';
import { Organisation } from '../organisations/organisation.entity';
import { ServiceLine } from '../service-lines/service-line.entity';
import { DEMO } from './demo-data';

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
 */
@Injectable()
export class SeedService {
  private readonly logger = new Logger('Seed');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<SeedReport> {
    const report: SeedReport = { demoSeeded: false, demoUsers: [] };
    await this.db.transaction(async (m) => {
      // One seeder at a time even with several app instances on one database.
      await m.query(`SELECT pg_advisory_xact_lock(727001)`);
      await this.ensureAdmin(m, report);
      if (this.config.demoMode) await this.seedDemo(m, report);
    });
    return report;
  }

  private async ensureAdmin(m: EntityManager, report: SeedReport): Promise<void> {
    if ((await m.count(User)) > 0) return;
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
    await m.insert(User, { email: email.trim().toLowerCase(), passwordHash: await AuthService.hash(password), role: 'admin', organisationId: null });
    report.adminEmail = email;
  }

  private async seedDemo(m: EntityManager, report: SeedReport): Promise<void> {
    const done = await m.query(`SELECT 1 FROM app_meta WHERE key = 'demo_seeded'`);
    if (done.length) return;
    const orgIds: Record<string, string> = {};
    for (const o of DEMO.organisations) {
      const existing = await m.findOneBy(Organisation, { odsCode: o.odsCode });
      const saved = existing ?? (await m.save(m.create(Organisation, { ...o, createdByOrganisationId: null })));
      orgIds[o.key] = saved.id;
    }
    const c = await m.save(
      m.create(Consortium, { name: DEMO.consortium.name, deliveryModel: DEMO.consortium.deliveryModel, hostOrganisationId: orgIds.host, startDate: DEMO.consortium.startDate }),
    );
    // The host is a member from the start date, as POST /consortia makes it.
    await m.save(m.create(Member, { consortiumId: c.id, organisationId: orgIds.host, joinedOn: DEMO.consortium.startDate, leftOn: null }));
    for (const mem of DEMO.members) {
      await m.save(m.create(Member, { consortiumId: c.id, organisationId: orgIds[mem.key], joinedOn: mem.joinedOn, leftOn: null }));
    }
    for (const sl of DEMO.serviceLines) {
      await m.save(m.create(ServiceLine, { consortiumId: c.id, ...sl, recipientIds: null }));
    }
    for (const u of DEMO.users) {
      if (await m.existsBy(User, { email: u.email })) continue;
      await m.insert(User, { email: u.email, passwordHash: await AuthService.hash(u.password), role: u.role, organisationId: orgIds[u.org] });
      report.demoUsers.push({ email: u.email, password: u.password, role: u.role, organisation: DEMO.organisations.find((o) => o.key === u.org)!.name });
    }
    await m.query(`INSERT INTO app_meta (key, value) VALUES ('demo_seeded', $1)`, [JSON.stringify({ consortiumId: c.id, at: new Date().toISOString() })]);
    report.demoSeeded = true;
    report.consortiumId = c.id;
  }
}
