import { Injectable } from '@nestjs/common';
import { Conditions } from '../database/conditions';
import { Sql, type On, type Tx } from '../database/sql';
import type { Sla, SlaTarget } from './sla.model';

const SLA_COLUMNS = `s.id, s.consortium_id AS "consortiumId", s.service_line_id AS "serviceLineId", s.name, s.kind, s.frequency,
  s.credit_cap_percent AS "creditCapPercent", s.effective_from AS "effectiveFrom", s.effective_to AS "effectiveTo", s.cross_function AS "crossFunction",
  s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

const TARGET_COLUMNS = `t.id, t.sla_id AS "slaId", t.position, t.kpi_code AS "kpiCode", t.target, t.threshold, t.credit_percent AS "creditPercent"`;

export interface NewSla {
  consortiumId: string;
  serviceLineId: string;
  name: string;
  kind: Sla['kind'];
  frequency: Sla['frequency'];
  creditCapPercent: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  crossFunction: boolean;
  /** In position order. */
  targets: { kpiCode: string; target: string; threshold: string; creditPercent: string }[];
}

/** slas and sla_targets (an SLA with its targets is one aggregate). */
@Injectable()
export class SlasRepository {
  constructor(private readonly sql: Sql) {}

  /** Inserts an SLA and its targets (positions 0…n-1); resolves with the new id. */
  async insert(tx: Tx, s: NewSla): Promise<string> {
    const row = await this.sql.one<{ id: string }>(
      tx,
      `INSERT INTO slas (consortium_id, service_line_id, name, kind, frequency, credit_cap_percent, effective_from, effective_to, cross_function)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [s.consortiumId, s.serviceLineId, s.name, s.kind, s.frequency, s.creditCapPercent, s.effectiveFrom, s.effectiveTo, s.crossFunction],
    );
    const id = row!.id;
    await this.insertTargets(tx, id, s.targets);
    return id;
  }

  private async insertTargets(tx: Tx, id: string, targets: NewSla['targets']): Promise<void> {
    await this.sql.exec(
      tx,
      `INSERT INTO sla_targets (sla_id, position, kpi_code, target, threshold, credit_percent)
       SELECT $1, t.position - 1, t.kpi_code, t.target, t.threshold, t.credit_percent
         FROM unnest($2::text[], $3::numeric[], $4::numeric[], $5::numeric[]) WITH ORDINALITY AS t(kpi_code, target, threshold, credit_percent, position)`,
      [id, targets.map((t) => t.kpiCode), targets.map((t) => t.target), targets.map((t) => t.threshold), targets.map((t) => t.creditPercent)],
    );
  }

  /** Writes name, effectiveTo and crossFunction, and replaces the targets when given (positions 0…n-1); stamps updated_at. */
  async update(tx: Tx, id: string, s: { name: string; effectiveTo: string | null; crossFunction: boolean; targets: NewSla['targets'] | null }): Promise<void> {
    await this.sql.exec(tx, `UPDATE slas SET name = $2, effective_to = $3, cross_function = $4, updated_at = now() WHERE id = $1`, [id, s.name, s.effectiveTo, s.crossFunction]);
    if (!s.targets) return;
    await this.sql.exec(tx, `DELETE FROM sla_targets WHERE sla_id = $1`, [id]);
    await this.insertTargets(tx, id, s.targets);
  }

  /** One SLA of a consortium with its targets, or null; `forUpdate` locks its row until the transaction ends. */
  async find(on: On, consortiumId: string, id: string, forUpdate = false): Promise<Sla | null> {
    const [s] = await this.withTargets(
      on,
      await this.sql.rows<Omit<Sla, 'targets'>>(on, `SELECT ${SLA_COLUMNS} FROM slas s WHERE s.id = $1 AND s.consortium_id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [
        id,
        consortiumId,
      ]),
    );
    return s ?? null;
  }

  /** The SLAs of a consortium (optionally of one service line), oldest first, with their targets. */
  async list(on: On, consortiumId: string, serviceLineId?: string): Promise<Sla[]> {
    const w = new Conditions().add('s.consortium_id = ?', consortiumId).opt('s.service_line_id = ?', serviceLineId);
    return this.withTargets(on, await this.sql.rows<Omit<Sla, 'targets'>>(on, `SELECT ${SLA_COLUMNS} FROM slas s WHERE ${w.where} ORDER BY s.created_at, s.id`, w.params));
  }

  /** The frequencies of the SLAs measuring each (service line, KPI) of a consortium. */
  async targetFrequencies(on: On, consortiumId: string): Promise<{ serviceLineId: string; kpiCode: string; frequency: Sla['frequency'] }[]> {
    return this.sql.rows(
      on,
      `SELECT DISTINCT s.service_line_id AS "serviceLineId", t.kpi_code AS "kpiCode", s.frequency
         FROM slas s JOIN sla_targets t ON t.sla_id = s.id
        WHERE s.consortium_id = $1`,
      [consortiumId],
    );
  }

  private async withTargets(on: On, slas: Omit<Sla, 'targets'>[]): Promise<Sla[]> {
    if (!slas.length) return [];
    const targets = await this.sql.rows<SlaTarget>(on, `SELECT ${TARGET_COLUMNS} FROM sla_targets t WHERE t.sla_id = ANY($1::uuid[]) ORDER BY t.sla_id, t.position`, [
      slas.map((s) => s.id),
    ]);
    const bySla = new Map<string, SlaTarget[]>();
    for (const t of targets) bySla.set(t.slaId, [...(bySla.get(t.slaId) ?? []), t]);
    return slas.map((s) => ({ ...s, targets: bySla.get(s.id) ?? [] }));
  }
}
