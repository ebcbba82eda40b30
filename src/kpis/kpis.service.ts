import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import type { Page } from '../common/http/pagination';
import { UnitOfWork, type On } from '../database/sql';
import type { CreateKpiDto, KpiQuery } from './dto';
import type { Kpi } from './kpi.model';
import { KpisRepository } from './kpis.repository';

@Injectable()
export class KpisService {
  constructor(
    private readonly repo: KpisRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  list(q: KpiQuery): Promise<Page<Kpi>> {
    return this.repo.page(null, { function: q.function, category: q.category }, q.limit ?? 50, q.offset ?? 0);
  }

  async get(code: string): Promise<Kpi> {
    const k = await this.repo.findByCode(null, code);
    if (!k) throw new NotFoundError('KPI');
    return k;
  }

  async create(p: Principal, dto: CreateKpiDto): Promise<Kpi> {
    return this.uow.run(async (tx) => {
      if (await this.repo.codeTaken(tx, dto.code)) throw new ConflictError('duplicate_code', `KPI ${dto.code} already exists`, [{ field: 'code', message: 'already exists' }]);
      const saved = await this.repo.insert(tx, {
        code: dto.code,
        name: dto.name,
        unit: dto.unit,
        direction: dto.direction,
        function: dto.function,
        category: dto.category,
        description: dto.description ?? null,
      });
      await this.audit.record(tx, p, { action: 'create', entity: 'kpi', entityId: saved.id, after: saved });
      return saved;
    });
  }

  /** The KPIs with these codes (unknown codes are left out). */
  byCodes(codes: readonly string[]): Promise<Kpi[]> {
    return codes.length ? this.repo.byCodes(null, codes) : Promise.resolve([]);
  }

  /** Every KPI of the catalogue, by code (no paging: the catalogue is small), read on `on`. */
  all(on: On): Promise<Kpi[]> {
    return this.repo.all(on);
  }
}
