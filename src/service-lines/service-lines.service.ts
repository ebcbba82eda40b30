import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AccessService } from '../auth/access.service';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { Consortium } from '../consortia/consortium.entity';
import { Member } from '../consortia/member.entity';
import type { CreateServiceLineDto, ServiceLineView } from './dto';
import { ServiceLine } from './service-line.entity';

@Injectable()
export class ServiceLinesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async create(p: Principal, consortiumId: string, dto: CreateServiceLineDto): Promise<ServiceLineView> {
    await this.access.consortium(p, consortiumId, 'manage');
    return this.db.transaction(async (m) => {
      await m.findOneOrFail(Consortium, { where: { id: consortiumId }, lock: { mode: 'pessimistic_write' } });
      if (await m.existsBy(ServiceLine, { consortiumId, code: dto.code })) {
        throw new ConflictError('duplicate_code', `A service line with code ${dto.code} already exists in this consortium`, [
          { field: 'code', message: 'already used in this consortium' },
        ]);
      }
      let recipients: string[] | null = null;
      if (dto.recipientIds) {
        recipients = [...new Set(dto.recipientIds)];
        const members = await m.findBy(Member, { consortiumId, organisationId: In(recipients.length ? recipients : ['00000000-0000-0000-0000-000000000000']) });
        const known = new Set(members.map((x) => x.organisationId));
        const bad = recipients.map((r, i) => ({ r, i })).filter(({ r }) => !known.has(r));
        if (bad.length) throw new ValidationError(bad.map(({ i }) => ({ field: `recipientIds.${i}`, message: 'not a member of this consortium' })));
        if (!recipients.length) throw new ValidationError([{ field: 'recipientIds', message: 'must name at least one member, or be omitted for every member' }]);
      }
      const saved = await m.save(
        m.create(ServiceLine, { consortiumId, code: dto.code, name: dto.name.trim(), function: dto.function, classification: dto.classification, recipientIds: recipients }),
      );
      await this.audit.record(m, p, { action: 'create', entity: 'service_line', entityId: saved.id, consortiumId, after: view(saved) });
      return view(saved);
    });
  }

  async list(p: Principal, consortiumId: string): Promise<{ items: ServiceLineView[]; total: number }> {
    await this.access.consortium(p, consortiumId, 'read');
    const rows = await this.db.getRepository(ServiceLine).find({ where: { consortiumId }, order: { code: 'ASC' } });
    return { items: rows.map(view), total: rows.length };
  }

  async get(p: Principal, consortiumId: string, id: string): Promise<ServiceLineView> {
    await this.access.consortium(p, consortiumId, 'read');
    const s = await this.db.getRepository(ServiceLine).findOneBy({ id, consortiumId });
    if (!s) throw new NotFoundError('Service line');
    return view(s);
  }
}

export function view(s: ServiceLine): ServiceLineView {
  return { id: s.id, consortiumId: s.consortiumId, code: s.code, name: s.name, function: s.function, classification: s.classification, recipientIds: s.recipientIds };
}
