import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../auth/access.service';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { ConflictError, ForbiddenError, NotFoundError, RuleError, ValidationError } from '../common/errors/domain-error';
import type { Page } from '../common/http/pagination';
import { Organisation } from '../organisations/organisation.entity';
import { Consortium } from './consortium.entity';
import type { AddMemberDto, ConsortiumView, CreateConsortiumDto, MemberView, UpdateConsortiumDto, UpdateMemberDto } from './dto';
import { Member } from './member.entity';
import { findOverlap } from '../common/membership-periods';

@Injectable()
export class ConsortiaService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async create(p: Principal, dto: CreateConsortiumDto): Promise<ConsortiumView> {
    if (p.role === 'host_admin' && dto.hostOrganisationId !== p.organisationId) {
      throw new ForbiddenError('A host admin creates consortia hosted by its own organisation');
    }
    return this.db.transaction(async (m) => {
      if (!(await m.existsBy(Organisation, { id: dto.hostOrganisationId }))) {
        throw new ValidationError([{ field: 'hostOrganisationId', message: 'no such organisation' }]);
      }
      const c = await m.save(
        m.create(Consortium, { name: dto.name.trim(), deliveryModel: dto.deliveryModel, hostOrganisationId: dto.hostOrganisationId, startDate: dto.startDate }),
      );
      const host = await m.save(m.create(Member, { consortiumId: c.id, organisationId: dto.hostOrganisationId, joinedOn: dto.startDate, leftOn: null }));
      const fresh = await m.findOneByOrFail(Consortium, { id: c.id });
      await this.audit.record(m, p, { action: 'create', entity: 'consortium', entityId: c.id, consortiumId: c.id, after: view(fresh) });
      await this.audit.record(m, p, { action: 'create', entity: 'member', entityId: host.id, consortiumId: c.id, after: host });
      return view(fresh);
    });
  }

  async list(p: Principal, limit: number, offset: number): Promise<Page<ConsortiumView>> {
    const qb = this.db.getRepository(Consortium).createQueryBuilder('c').orderBy('c.name', 'ASC').addOrderBy('c.id', 'ASC').take(limit).skip(offset);
    this.access.scopeConsortia(qb, p, 'c');
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(view), total };
  }

  async get(p: Principal, id: string): Promise<ConsortiumView> {
    return view(await this.access.consortium(p, id, 'read'));
  }

  async update(p: Principal, id: string, dto: UpdateConsortiumDto): Promise<ConsortiumView> {
    await this.access.consortium(p, id, 'manage');
    return this.db.transaction(async (m) => {
      const c = await m.findOneOrFail(Consortium, { where: { id }, lock: { mode: 'pessimistic_write' } });
      const before = view(c);
      if (dto.deliveryModel === 'in_house' && c.deliveryModel !== 'in_house') {
        const others = await m.createQueryBuilder(Member, 'm').where('m.consortium_id = :id AND m.organisation_id <> :host', { id, host: c.hostOrganisationId }).getCount();
        if (others > 0)
          throw new RuleError('in_house_single_member', 'An in-house consortium has one member (the host); remove the other members first', [
            { field: 'deliveryModel', message: 'in_house allows one member only' },
          ]);
      }
      if (dto.name !== undefined) c.name = dto.name.trim();
      if (dto.deliveryModel !== undefined) c.deliveryModel = dto.deliveryModel;
      await m.save(c);
      const fresh = await m.findOneByOrFail(Consortium, { id });
      await this.audit.record(m, p, { action: 'update', entity: 'consortium', entityId: id, consortiumId: id, before, after: view(fresh) });
      return view(fresh);
    });
  }

  async addMember(p: Principal, id: string, dto: AddMemberDto): Promise<MemberView> {
    await this.access.consortium(p, id, 'manage');
    return this.db.transaction(async (m) => {
      // The consortium row lock serialises membership changes, so two requests cannot both pass the overlap check.
      const c = await m.findOneOrFail(Consortium, { where: { id }, lock: { mode: 'pessimistic_write' } });
      const org = await m.findOneBy(Organisation, { id: dto.organisationId });
      if (!org) throw new ValidationError([{ field: 'organisationId', message: 'no such organisation' }]);
      if (dto.joinedOn < c.startDate) throw new ValidationError([{ field: 'joinedOn', message: `joinedOn must be on or after the consortium's start date ${c.startDate}` }]);
      if (c.deliveryModel === 'in_house' && dto.organisationId !== c.hostOrganisationId) {
        throw new RuleError('in_house_single_member', 'An in-house consortium has one member: the host', [{ field: 'organisationId', message: 'in_house allows the host only' }]);
      }
      const periods = await m.findBy(Member, { consortiumId: id, organisationId: dto.organisationId });
      const clash = findOverlap(periods, { joinedOn: dto.joinedOn, leftOn: null });
      if (clash) {
        throw new ConflictError('membership_overlap', `The organisation is already a member from ${clash.joinedOn}${clash.leftOn ? ` to ${clash.leftOn}` : ''}`, [
          { field: 'joinedOn', message: 'overlaps an existing membership period' },
        ]);
      }
      const saved = await m.save(m.create(Member, { consortiumId: id, organisationId: dto.organisationId, joinedOn: dto.joinedOn, leftOn: null }));
      await this.audit.record(m, p, { action: 'create', entity: 'member', entityId: saved.id, consortiumId: id, after: saved });
      return memberView(saved, org, c);
    });
  }

  async listMembers(p: Principal, id: string): Promise<{ items: MemberView[]; total: number }> {
    const c = await this.access.consortium(p, id, 'read');
    const rows: (Member & { organisationName: string; odsCode: string | null })[] = await this.db
      .getRepository(Member)
      .createQueryBuilder('m')
      .innerJoin(Organisation, 'o', 'o.id = m.organisation_id')
      .select([
        'm.id AS id',
        'm.organisation_id AS "organisationId"',
        'm.joined_on AS "joinedOn"',
        'm.left_on AS "leftOn"',
        'o.name AS "organisationName"',
        'o.ods_code AS "odsCode"',
      ])
      .where('m.consortium_id = :id', { id })
      .orderBy('m.joined_on', 'ASC')
      .addOrderBy('o.name', 'ASC')
      .getRawMany();
    const items = rows.map((r) => ({
      id: r.id,
      organisationId: r.organisationId,
      organisationName: r.organisationName,
      odsCode: r.odsCode,
      isHost: r.organisationId === c.hostOrganisationId,
      joinedOn: r.joinedOn,
      leftOn: r.leftOn,
    }));
    return { items, total: items.length };
  }

  /** Sets (or clears) the leaving date of the organisation's latest membership period. */
  async updateMember(p: Principal, id: string, organisationId: string, dto: UpdateMemberDto): Promise<MemberView> {
    await this.access.consortium(p, id, 'manage');
    return this.db.transaction(async (m: EntityManager) => {
      const c = await m.findOneOrFail(Consortium, { where: { id }, lock: { mode: 'pessimistic_write' } });
      const periods = await m.find(Member, { where: { consortiumId: id, organisationId }, order: { joinedOn: 'DESC' } });
      const latest = periods[0];
      if (!latest) throw new NotFoundError('Member');
      if (organisationId === c.hostOrganisationId && dto.leftOn !== null) {
        throw new RuleError('host_cannot_leave', 'The host cannot leave its own consortium', [{ field: 'leftOn', message: 'the host cannot leave' }]);
      }
      if (dto.leftOn !== null && dto.leftOn < latest.joinedOn) {
        throw new ValidationError([{ field: 'leftOn', message: `leftOn must be on or after joinedOn ${latest.joinedOn}` }]);
      }
      const before = { ...latest };
      latest.leftOn = dto.leftOn;
      await m.save(latest);
      await this.audit.record(m, p, { action: 'update', entity: 'member', entityId: latest.id, consortiumId: id, before, after: latest });
      const org = await m.findOneByOrFail(Organisation, { id: organisationId });
      return memberView(latest, org, c);
    });
  }
}

export function view(c: Consortium): ConsortiumView {
  return {
    id: c.id,
    name: c.name,
    deliveryModel: c.deliveryModel,
    hostOrganisationId: c.hostOrganisationId,
    startDate: c.startDate,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

function memberView(mm: Member, o: Organisation, c: Consortium): MemberView {
  return {
    id: mm.id,
    organisationId: mm.organisationId,
    organisationName: o.name,
    odsCode: o.odsCode,
    isHost: mm.organisationId === c.hostOrganisationId,
    joinedOn: mm.joinedOn,
    leftOn: mm.leftOn,
  };
}
