import { Injectable } from '@nestjs/common';
import { AccessService } from '../consortia/access.service';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { ConsortiaService } from '../consortia/consortia.service';
import { UnitOfWork, type On } from '../database/sql';
import type { CreateServiceLineDto, ServiceLineView } from './dto';
import type { ServiceLine } from './service-line.model';
import { ServiceLinesRepository } from './service-lines.repository';

@Injectable()
export class ServiceLinesService {
  constructor(
    private readonly repo: ServiceLinesRepository,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly consortia: ConsortiaService,
    private readonly audit: AuditService,
  ) {}

  async create(p: Principal, consortiumId: string, dto: CreateServiceLineDto): Promise<ServiceLineView> {
    await this.access.consortium(p, consortiumId, 'manage');
    return this.uow.run(async (tx) => {
      await this.consortia.lockForUpdate(tx, consortiumId);
      if (await this.repo.codeTaken(tx, consortiumId, dto.code)) {
        throw new ConflictError('duplicate_code', `A service line with code ${dto.code} already exists in this consortium`, [
          { field: 'code', message: 'already used in this consortium' },
        ]);
      }
      let recipients: string[] | null = null;
      if (dto.recipientIds) {
        recipients = [...new Set(dto.recipientIds)];
        const known = new Set(await this.consortia.memberOrganisationIds(tx, consortiumId, recipients));
        const bad = recipients.map((r, i) => ({ r, i })).filter(({ r }) => !known.has(r));
        if (bad.length) throw new ValidationError(bad.map(({ i }) => ({ field: `recipientIds.${i}`, message: 'not a member of this consortium' })));
        if (!recipients.length) throw new ValidationError([{ field: 'recipientIds', message: 'must name at least one member, or be omitted for every member' }]);
      }
      const saved = await this.repo.insert(tx, {
        consortiumId,
        code: dto.code,
        name: dto.name.trim(),
        function: dto.function,
        classification: dto.classification,
        recipientIds: recipients,
      });
      await this.audit.record(tx, p, { action: 'create', entity: 'service_line', entityId: saved.id, consortiumId, after: view(saved) });
      return view(saved);
    });
  }

  async list(p: Principal, consortiumId: string): Promise<{ items: ServiceLineView[]; total: number }> {
    await this.access.consortium(p, consortiumId, 'read');
    const rows = await this.repo.list(null, consortiumId);
    return { items: rows.map(view), total: rows.length };
  }

  async get(p: Principal, consortiumId: string, id: string): Promise<ServiceLineView> {
    await this.access.consortium(p, consortiumId, 'read');
    const s = await this.repo.find(null, consortiumId, id);
    if (!s) throw new NotFoundError('Service line');
    return view(s);
  }

  // ---------------------------------------------------------------- for other modules (no access check: callers have done theirs)

  /** The service lines of a consortium, by code (unique in a consortium), read on `on`. */
  ofConsortium(on: On, consortiumId: string): Promise<ServiceLine[]> {
    return this.repo.list(on, consortiumId);
  }

  /** Whether `id` is a service line of the consortium. */
  async exists(on: On, consortiumId: string, id: string): Promise<boolean> {
    return (await this.repo.find(on, consortiumId, id)) !== null;
  }
}

export function view(s: ServiceLine): ServiceLineView {
  return { id: s.id, consortiumId: s.consortiumId, code: s.code, name: s.name, function: s.function, classification: s.classification, recipientIds: s.recipientIds };
}
