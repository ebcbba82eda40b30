import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Consortium } from '../consortia/consortium.entity';
import { Member } from '../consortia/member.entity';
import { Kpi } from '../kpis/kpi.entity';
import { Measurement } from '../measurements/measurement.entity';
import { ServiceLine } from '../service-lines/service-line.entity';
import { creditPercentsForRange, type CreditPercent, type MeasurementInput, type RecipientInput, type SlaInput } from './core';
import { Sla } from './sla.entity';

export interface SlaEvaluationInputs {
  slas: SlaInput[];
  slaNames: Map<string, string>;
  recipientsByServiceLine: Map<string, RecipientInput[]>;
  measurements: MeasurementInput[];
}

/** Strips trailing zeros of a numeric(…,4) string: "99.5000" → "99.5". */
export function plain(v: string): string {
  return v.includes('.') ? v.replace(/\.?0+$/, '') : v;
}

/**
 * Loads what the SLA evaluation core needs for one consortium, as plain data. Used by the
 * performance view and by statements (service credits), so both judge SLAs the same way.
 */
@Injectable()
export class SlaInputsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * `organisationId` limits recipients to that organisation and measurements to its own and the
   * service-line-wide ones: every recipient is judged on its own values, so its statuses and credits
   * come out the same as in a full load (used for one member's statement).
   */
  async load(consortiumId: string, opts: { upTo?: string; manager?: EntityManager; organisationId?: string } = {}): Promise<SlaEvaluationInputs> {
    const m = opts.manager ?? this.db.manager;
    const consortium = await m.findOneByOrFail(Consortium, { id: consortiumId });
    // One query at a time: `m` may be a transaction's single connection.
    const slas = await m.find(Sla, { where: { consortiumId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const kpis = await m.find(Kpi);
    // Fixed orders: the same data gives the same credits in the same order (statements memoise by content).
    const members = await m.find(Member, { where: { consortiumId }, order: { joinedOn: 'ASC', organisationId: 'ASC', id: 'ASC' } });
    const lines = await m.find(ServiceLine, { where: { consortiumId }, order: { code: 'ASC', id: 'ASC' } });
    const direction = new Map(kpis.map((k) => [k.code, k.direction]));
    const qb = m
      .createQueryBuilder(Measurement, 'x')
      .select(['x.kpiCode', 'x.serviceLineId', 'x.organisationId', 'x.month', 'x.value'])
      .where('x.consortium_id = :consortiumId', { consortiumId });
    if (opts.upTo) qb.andWhere('x.month <= :upTo', { upTo: opts.upTo });
    if (opts.organisationId) qb.andWhere('(x.organisation_id = :org OR x.organisation_id IS NULL)', { org: opts.organisationId });
    qb.orderBy('x.id');
    const rows = await qb.getRawMany<{ x_kpi_code: string; x_service_line_id: string; x_organisation_id: string | null; x_month: string; x_value: string }>();
    const recipientsByServiceLine = new Map<string, RecipientInput[]>();
    for (const line of lines) {
      const allowed = line.recipientIds ? new Set(line.recipientIds) : null;
      recipientsByServiceLine.set(
        line.id,
        members
          .filter((mm) => (!allowed || allowed.has(mm.organisationId)) && (!opts.organisationId || mm.organisationId === opts.organisationId))
          .map((mm) => ({ organisationId: mm.organisationId, joinedOn: mm.joinedOn, leftOn: mm.leftOn, isHost: mm.organisationId === consortium.hostOrganisationId })),
      );
    }
    return {
      slas: slas.map((s) => ({
        id: s.id,
        serviceLineId: s.serviceLineId,
        kind: s.kind,
        frequency: s.frequency,
        creditCapPercent: plain(s.creditCapPercent),
        effectiveFrom: s.effectiveFrom,
        effectiveTo: s.effectiveTo,
        targets: [...s.targets]
          .sort((a, b) => a.position - b.position)
          .map((t) => ({
            kpiCode: t.kpiCode,
            direction: direction.get(t.kpiCode) ?? 'higher_is_better',
            target: plain(t.target),
            threshold: plain(t.threshold),
            creditPercent: plain(t.creditPercent),
          })),
      })),
      slaNames: new Map(slas.map((s) => [s.id, s.name])),
      recipientsByServiceLine,
      measurements: rows.map((r) => ({
        kpiCode: r.x_kpi_code,
        serviceLineId: r.x_service_line_id,
        organisationId: r.x_organisation_id,
        month: r.x_month,
        value: plain(r.x_value),
      })),
    };
  }

  /**
   * Service-credit percentages booked in from..to, as known on `asOf` (YYYY-MM-DD): the input the
   * statements core turns into pounds (credit = percent × the member's charge for the line in the period).
   * With `organisationId`, only that organisation's credits (evaluated as in the full set).
   */
  async creditPercents(consortiumId: string, from: string, to: string, asOf: string, manager?: EntityManager, organisationId?: string): Promise<CreditPercent[]> {
    const inputs = await this.load(consortiumId, { upTo: to, manager, organisationId });
    return creditPercentsForRange(inputs.slas, inputs.recipientsByServiceLine, inputs.measurements, from, to, asOf);
  }
}
