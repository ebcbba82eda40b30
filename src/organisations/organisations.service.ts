import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { AccessService } from '../auth/access.service';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { NotFoundError, ValidationError } from '../common/errors/domain-error';
import type { Page } from '../common/http/pagination';
import type { CreateOrganisationDto, OrganisationView, UpdateOrganisationDto } from './dto';
import { Organisation } from './organisation.entity';

const NONE = ['00000000-0000-0000-0000-000000000000'];

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectRepository(Organisation) private readonly repo: Repository<Organisation>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async create(p: Principal, dto: CreateOrganisationDto): Promise<OrganisationView> {
    return this.db.transaction(async (m) => {
      if (dto.odsCode && (await m.existsBy(Organisation, { odsCode: dto.odsCode }))) {
        throw new ValidationError([{ field: 'odsCode', message: 'an organisation with this ODS code already exists' }]);
      }
      const saved = await m.save(
        m.create(Organisation, {
          name: dto.name.trim(),
          odsCode: dto.odsCode ?? null,
          type: dto.type,
          region: dto.region ?? null,
          annualTurnover: dto.annualTurnover,
          headcount: String(dto.headcount),
          createdByOrganisationId: p.role === 'admin' ? null : p.organisationId,
        }),
      );
      const fresh = await m.findOneByOrFail(Organisation, { id: saved.id });
      await this.audit.record(m, p, { action: 'create', entity: 'organisation', entityId: saved.id, after: view(fresh) });
      return view(fresh);
    });
  }

  async list(p: Principal, limit: number, offset: number): Promise<Page<OrganisationView>> {
    const visible = await this.access.visibleOrganisationIds(p);
    const where = visible === 'all' ? {} : { id: In(visible.length ? visible : NONE) };
    const [rows, total] = await this.repo.findAndCount({ where, order: { name: 'ASC', id: 'ASC' }, take: limit, skip: offset });
    return { items: rows.map(view), total };
  }

  async get(p: Principal, id: string): Promise<OrganisationView> {
    const visible = await this.access.visibleOrganisationIds(p);
    if (visible !== 'all' && !visible.includes(id)) throw new NotFoundError('Organisation');
    const o = await this.repo.findOneBy({ id });
    if (!o) throw new NotFoundError('Organisation');
    return view(o);
  }

  /**
   * Admins edit any organisation; a host_admin edits its own and those its organisation created.
   * An organisation that is only a fellow member elsewhere is not the host's to change.
   */
  async update(p: Principal, id: string, dto: UpdateOrganisationDto): Promise<OrganisationView> {
    return this.db.transaction(async (m) => {
      const o = await m.findOne(Organisation, { where: { id }, lock: { mode: 'pessimistic_write' } });
      const mayEdit = o && (p.role === 'admin' || (p.role === 'host_admin' && (o.id === p.organisationId || o.createdByOrganisationId === p.organisationId)));
      if (!o || !mayEdit) throw new NotFoundError('Organisation');
      if (dto.odsCode && dto.odsCode !== o.odsCode && (await m.existsBy(Organisation, { odsCode: dto.odsCode }))) {
        throw new ValidationError([{ field: 'odsCode', message: 'an organisation with this ODS code already exists' }]);
      }
      const before = view(o);
      if (dto.name !== undefined) o.name = dto.name.trim();
      if (dto.odsCode !== undefined) o.odsCode = dto.odsCode;
      if (dto.type !== undefined) o.type = dto.type;
      if (dto.region !== undefined) o.region = dto.region;
      if (dto.annualTurnover !== undefined) o.annualTurnover = dto.annualTurnover;
      if (dto.headcount !== undefined) o.headcount = String(dto.headcount);
      await m.save(o);
      const fresh = await m.findOneByOrFail(Organisation, { id });
      await this.audit.record(m, p, { action: 'update', entity: 'organisation', entityId: id, before, after: view(fresh) });
      return view(fresh);
    });
  }
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
