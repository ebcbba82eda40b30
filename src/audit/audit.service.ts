import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { Page } from '../common/http/pagination';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  action: 'create' | 'update' | 'delete' | string;
  entity: string;
  entityId: string | null;
  consortiumId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Strips secrets and turns entities into plain JSON for the audit columns. */
function snapshot(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  const plain = JSON.parse(JSON.stringify(v));
  if (plain && typeof plain === 'object') delete (plain as Record<string, unknown>).passwordHash;
  return plain;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly repo: Repository<AuditEntry>) {}

  /** Writes one audit row with the same EntityManager (transaction) as the change it records. */
  async record(manager: EntityManager, actor: Principal | null, r: AuditRecord): Promise<void> {
    await manager.insert(AuditEntry, {
      actorUserId: actor?.userId ?? null,
      actorEmail: actor?.email ?? 'system',
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      consortiumId: r.consortiumId ?? null,
      before: snapshot(r.before) as never,
      after: snapshot(r.after) as never,
    });
  }

  async list(q: { entity?: string; entityId?: string; consortiumId?: string; limit: number; offset: number }): Promise<Page<AuditEntry>> {
    const qb = this.repo.createQueryBuilder('a').orderBy('a.id', 'DESC').take(q.limit).skip(q.offset);
    if (q.entity) qb.andWhere('a.entity = :entity', { entity: q.entity });
    if (q.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: q.entityId });
    if (q.consortiumId) qb.andWhere('a.consortium_id = :cid', { cid: q.consortiumId });
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }
}
