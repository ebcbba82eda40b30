import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { Page } from '../common/http/pagination';
import type { Tx } from '../database/sql';
import { AuditRepository, type AuditEntry } from './audit.repository';
import type { AuditFilters } from './dto';

export type { AuditEntry } from './audit.repository';

export interface AuditRecord {
  action: string;
  entity: string;
  entityId: string | null;
  consortiumId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Strips secrets and turns objects into plain JSON for the audit columns. */
function snapshot(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  const plain: unknown = JSON.parse(JSON.stringify(v));
  if (plain && typeof plain === 'object') delete (plain as Record<string, unknown>).passwordHash;
  return plain;
}

/** The one way anything writes audit_log: in the transaction of the change it records. */
@Injectable()
export class AuditService {
  constructor(private readonly repo: AuditRepository) {}

  /** Writes one audit row in `tx`, the transaction of the change it records. */
  async record(tx: Tx, actor: Principal | null, r: AuditRecord): Promise<void> {
    await this.repo.insert(tx, {
      actorUserId: actor?.userId ?? null,
      actorEmail: actor?.email ?? 'system',
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      consortiumId: r.consortiumId ?? null,
      before: snapshot(r.before),
      after: snapshot(r.after),
    });
  }

  /**
   * Audit rows for a set of changes selected by SQL in the same transaction (bulk imports, where one
   * row per change through JavaScript would cost more than the import). The select, written by the
   * importing module's repository, yields action, entity, entity_id, consortium_id, before, after.
   */
  recordSelected(tx: Tx, actor: Principal | null, select: { text: string; params: readonly unknown[] }): Promise<number> {
    return this.repo.insertSelected(tx, { userId: actor?.userId ?? null, email: actor?.email ?? 'system' }, select);
  }

  list(q: AuditFilters & { consortiumId?: string; limit: number; offset: number }): Promise<Page<AuditEntry>> {
    return this.repo.list(null, q);
  }
}
