import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error';
import { ConsortiaService } from '../consortia/consortia.service';
import type { On } from '../database/sql';
import { KpisService } from '../kpis/kpis.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import { creditPercentsForRange, type CreditPercent, type MeasurementInput, type RecipientInput, type SlaInput } from './core';
import { MEASUREMENT_READER, type MeasurementReader } from './measurement-reader.port';
import { SlasRepository } from './slas.repository';

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
  constructor(
    private readonly repo: SlasRepository,
    private readonly consortia: ConsortiaService,
    private readonly kpis: KpisService,
    private readonly serviceLines: ServiceLinesService,
    @Inject(MEASUREMENT_READER) private readonly measurements: MeasurementReader,
  ) {}

  /**
   * `organisationId` limits recipients to that organisation and measurements to its own and the
   * service-line-wide ones: every recipient is judged on its own values, so its statuses and credits
   * come out the same as in a full load (used for one member's statement).
   */
  async load(consortiumId: string, opts: { upTo?: string; on?: On; organisationId?: string } = {}): Promise<SlaEvaluationInputs> {
    const on = opts.on ?? null;
    const hostOrganisationId = await this.consortia.hostOrganisationId(on, consortiumId);
    if (hostOrganisationId === null) throw new NotFoundError('Consortium');
    // One query at a time: `on` may be a transaction's single connection.
    const slas = await this.repo.list(on, consortiumId);
    const kpis = await this.kpis.all(on);
    // Fixed orders: the same data gives the same credits in the same order (statements memoise by content).
    const members = await this.consortia.memberPeriods(on, consortiumId);
    const lines = await this.serviceLines.ofConsortium(on, consortiumId);
    const direction = new Map(kpis.map((k) => [k.code, k.direction]));
    const rows = await this.measurements.forSlaEvaluation(on, consortiumId, { upTo: opts.upTo, organisationId: opts.organisationId });
    const recipientsByServiceLine = new Map<string, RecipientInput[]>();
    for (const line of lines) {
      const allowed = line.recipientIds ? new Set(line.recipientIds) : null;
      recipientsByServiceLine.set(
        line.id,
        members
          .filter((mm) => (!allowed || allowed.has(mm.organisationId)) && (!opts.organisationId || mm.organisationId === opts.organisationId))
          .map((mm) => ({ organisationId: mm.organisationId, joinedOn: mm.joinedOn, leftOn: mm.leftOn, isHost: mm.organisationId === hostOrganisationId })),
      );
    }
    // domain.md §12: before its service line goes live an SLA judges nothing (no breach, credit or missing credit)
    const goLive = new Map(lines.map((l) => [l.id, l.goLive]));
    const from = (s: { serviceLineId: string; effectiveFrom: string }) => {
      const g = goLive.get(s.serviceLineId);
      return g && g > s.effectiveFrom ? g : s.effectiveFrom;
    };
    return {
      slas: slas.map((s) => ({
        id: s.id,
        serviceLineId: s.serviceLineId,
        kind: s.kind,
        frequency: s.frequency,
        creditCapPercent: plain(s.creditCapPercent),
        effectiveFrom: from(s),
        effectiveTo: s.effectiveTo,
        targets: s.targets.map((t) => ({
          kpiCode: t.kpiCode,
          direction: direction.get(t.kpiCode) ?? 'higher_is_better',
          target: plain(t.target),
          threshold: plain(t.threshold),
          creditPercent: plain(t.creditPercent),
        })),
      })),
      slaNames: new Map(slas.map((s) => [s.id, s.name])),
      recipientsByServiceLine,
      measurements: rows.map((r) => ({ ...r, value: plain(r.value) })),
    };
  }

  /**
   * Service-credit percentages booked in from..to, as known on `asOf` (YYYY-MM-DD): the input the
   * statements core turns into pounds (credit = percent × the member's charge for the line in the period).
   * With `organisationId`, only that organisation's credits (evaluated as in the full set).
   */
  async creditPercents(consortiumId: string, from: string, to: string, asOf: string, on: On = null, organisationId?: string): Promise<CreditPercent[]> {
    const inputs = await this.load(consortiumId, { upTo: to, on, organisationId });
    return creditPercentsForRange(inputs.slas, inputs.recipientsByServiceLine, inputs.measurements, from, to, asOf);
  }
}
