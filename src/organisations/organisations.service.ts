import { Injectable } from '@nestjs/common';
import { AccessService } from '../consortia/access.service';
import { administeredOrganisationOf, type Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { NotFoundError, ValidationError } from '../common/errors/domain-error';
import type { Page } from '../common/http/pagination';
import { UnitOfWork } from '../database/sql';
import type { CreateOrganisationDto, OrganisationView, UpdateOrganisationDto } from './dto';
import type { Organisation } from './organisation.model';
import { OrganisationsRepository, type DirectoryEntry, type OrganisationChanges } from './organisations.repository';

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly repo: OrganisationsRepository,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async create(p: Principal, dto: CreateOrganisationDto): Promise<OrganisationView> {
    return this.uow.run(async (tx) => {
      if (dto.odsCode && (await this.repo.odsCodeTaken(tx, dto.odsCode))) {
        throw new ValidationError([{ field: 'odsCode', message: 'an organisation with this ODS code already exists' }]);
      }
      const saved = await this.repo.insert(tx, {
        name: dto.name.trim(),
        odsCode: dto.odsCode ?? null,
        type: dto.type,
        region: dto.region ?? null,
        annualTurnover: dto.annualTurnover,
        headcount: String(dto.headcount),
        // Only platform admins register organisations now (issue 12): a host that registered a trust
        // could squat its name and ODS code in the directory. The column stays for older rows.
        createdByOrganisationId: null,
      });
      await this.audit.record(tx, p, { action: 'create', entity: 'organisation', entityId: saved.id, after: view(saved) });
      return view(saved);
    });
  }

  async list(p: Principal, limit: number, offset: number): Promise<Page<OrganisationView>> {
    const visible = await this.access.visibleOrganisationIds(p);
    const { items, total } = await this.repo.page(null, visible, limit, offset);
    return { items: items.map(view), total };
  }

  async get(p: Principal, id: string): Promise<OrganisationView> {
    const visible = await this.access.visibleOrganisationIds(p);
    if (visible !== 'all' && !visible.includes(id)) throw new NotFoundError('Organisation');
    const o = await this.repo.find(null, id);
    if (!o) throw new NotFoundError('Organisation');
    return view(o);
  }

  /** The public directory: every organisation's name, type and ODS code (to find an organisation to invite). */
  directory(q: string | undefined, limit: number, offset: number): Promise<Page<DirectoryEntry>> {
    return this.repo.directory(null, q?.trim() || undefined, limit, offset);
  }

  /**
   * Each organisation administers its own profile (domain.md §13): its administrators (host_admin,
   * org_admin) edit it; a platform admin edits any. Anyone else's is a 404. The profile's turnover
   * and headcount price nothing once the organisation has joined: each consortium keeps its own
   * allocation drivers, snapshot on joining (domain.md §12, src/ledger/drivers.service.ts), so an
   * edit here moves no member's charges (issue 12, finding 5).
   */
  async update(p: Principal, id: string, dto: UpdateOrganisationDto): Promise<OrganisationView> {
    return this.uow.run(async (tx) => {
      const o = await this.repo.find(tx, id, true);
      const mayEdit = o && (p.role === 'admin' || o.id === administeredOrganisationOf(p));
      if (!o || !mayEdit) throw new NotFoundError('Organisation');
      if (dto.odsCode && dto.odsCode !== o.odsCode && (await this.repo.odsCodeTaken(tx, dto.odsCode))) {
        throw new ValidationError([{ field: 'odsCode', message: 'an organisation with this ODS code already exists' }]);
      }
      const before = view(o);
      const changes = changed(o, {
        name: dto.name === undefined ? undefined : dto.name.trim(),
        odsCode: dto.odsCode,
        type: dto.type,
        region: dto.region,
        annualTurnover: dto.annualTurnover,
        headcount: dto.headcount === undefined ? undefined : String(dto.headcount),
      });
      // Like an entity save: no write (and no new updatedAt) when nothing changed.
      const fresh = Object.keys(changes).length ? await this.repo.update(tx, id, changes) : o;
      await this.audit.record(tx, p, { action: 'update', entity: 'organisation', entityId: id, before, after: view(fresh) });
      return view(fresh);
    });
  }
}

/** The fields of `next` that are given and differ from `o`. */
function changed(o: Organisation, next: OrganisationChanges): OrganisationChanges {
  return Object.fromEntries(Object.entries(next).filter(([k, v]) => v !== undefined && v !== o[k as keyof OrganisationChanges]));
}

export function view(o: Organisation): OrganisationView {
  return {
    id: o.id,
    name: o.name,
    odsCode: o.odsCode,
    type: o.type,
    region: o.region,
    annualTurnover: o.annualTurnover,
    headcount: o.headcount,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}
