import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import type { Page } from '../common/http/pagination';
import type { CreateKpiDto, KpiQuery } from './dto';
import { Kpi } from './kpi.entity';

@Injectable()
export class KpisService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(q: KpiQuery): Promise<Page<Kpi>> {
    const where: { function?: string; category?: string } = {};
    if (q.function) where.function = q.function;
    if (q.category) where.category = q.category;
    const [items, total] = await this.db.getRepository(Kpi).findAndCount({ where, order: { function: 'ASC', code: 'ASC' }, take: q.limit ?? 50, skip: q.offset ?? 0 });
    return { items, total };
  }

  async get(code: string): Promise<Kpi> {
    const k = await this.db.getRepository(Kpi).findOneBy({ code });
    if (!k) throw new NotFoundError('KPI');
    return k;
  }

  async create(p: Principal, dto: CreateKpiDto): Promise<Kpi> {
    return this.db.transaction(async (m) => {
      if (await m.existsBy(Kpi, { code: dto.code })) throw new ConflictError('duplicate_code', `KPI ${dto.code} already exists`, [{ field: 'code', message: 'already exists' }]);
      const saved = await m.save(m.create(Kpi, { ...dto, description: dto.description ?? null }));
      await this.audit.record(m, p, { action: 'create', entity: 'kpi', entityId: saved.id, after: saved });
      return saved;
    });
  }
}
