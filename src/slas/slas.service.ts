import { Injectable } from '@nestjs/common';
import { AccessService } from '../consortia/access.service';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { NotFoundError, ValidationError, type FieldError } from '../common/errors/domain-error';
import { dec } from '../common/money';
import { decimalString } from '../common/validation/validation';
import { UnitOfWork, type On } from '../database/sql';
import type { Kpi } from '../kpis/kpi.model';
import { KpisService } from '../kpis/kpis.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import { validateSlaNumbers } from './core';
import type { CreateSlaDto, SlaView } from './dto';
import { plain } from './sla-inputs.service';
import type { Sla } from './sla.model';
import { SlasRepository } from './slas.repository';

@Injectable()
export class SlasService {
  constructor(
    private readonly repo: SlasRepository,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly kpis: KpisService,
    private readonly serviceLines: ServiceLinesService,
  ) {}

  async create(p: Principal, consortiumId: string, dto: CreateSlaDto): Promise<SlaView> {
    await this.access.consortium(p, consortiumId, 'manage');
    return this.uow.run(async (tx) => {
      const errors: FieldError[] = [];
      const line = (await this.serviceLines.ofConsortium(tx, consortiumId)).find((l) => l.id === dto.serviceLineId);
      if (!line) errors.push({ field: 'serviceLineId', message: 'not a service line of this consortium' });
      const byCode = await this.kpiMap(tx);
      const targets = dto.targets.map((t, i) => {
        const kpi = byCode.get(t.kpiCode);
        if (!kpi) errors.push({ field: `targets.${i}.kpiCode`, message: `unknown KPI ${t.kpiCode}` });
        // an HR KPI on accounts payable by mistake would book "missing" credits every month: say so, unless intended
        else if (line && kpi.function !== line.function && !dto.crossFunction) {
          errors.push({
            field: `targets.${i}.kpiCode`,
            message: `${t.kpiCode} measures ${kpi.function}, the service line is ${line.function}: set crossFunction to true if this is intended`,
          });
        }
        const creditPercent = t.creditPercent === undefined ? '0' : decimalString(t.creditPercent);
        if (dto.kind === 'OLA' && !/^0+(\.0+)?$/.test(creditPercent)) {
          errors.push({ field: `targets.${i}.creditPercent`, message: 'an OLA carries no service credits: creditPercent must be 0 or omitted' });
        }
        if (dto.kind === 'SLA' && t.creditPercent === undefined) {
          errors.push({ field: `targets.${i}.creditPercent`, message: 'creditPercent is required for an SLA target' });
        }
        return { kpiCode: t.kpiCode, direction: kpi?.direction ?? 'higher_is_better', target: decimalString(t.target), threshold: decimalString(t.threshold), creditPercent };
      });
      const numbers = validateSlaNumbers({
        creditCapPercent: decimalString(dto.creditCapPercent),
        effectiveFrom: dto.effectiveFrom,
        effectiveTo: dto.effectiveTo ?? null,
        targets: targets.filter((_, i) => byCode.has(dto.targets[i].kpiCode)),
      });
      // the core names fields like targets[0].threshold; the API uses targets.0.threshold
      errors.push(...numbers.map((e) => ({ field: e.field.replace(/\[(\d+)\]/g, '.$1'), message: e.message })));
      const pct = (v: string) => dec(v).gt(100);
      if (pct(decimalString(dto.creditCapPercent))) errors.push({ field: 'creditCapPercent', message: 'creditCapPercent must be at most 100' });
      targets.forEach((t, i) => pct(t.creditPercent) && errors.push({ field: `targets.${i}.creditPercent`, message: 'creditPercent must be at most 100' }));
      if (errors.length) throw new ValidationError(dedupe(errors));
      const id = await this.repo.insert(tx, {
        consortiumId,
        serviceLineId: dto.serviceLineId,
        name: dto.name.trim(),
        kind: dto.kind,
        frequency: dto.frequency,
        creditCapPercent: decimalString(dto.creditCapPercent),
        effectiveFrom: dto.effectiveFrom,
        effectiveTo: dto.effectiveTo ?? null,
        crossFunction: dto.crossFunction ?? false,
        targets: targets.map((t) => ({ kpiCode: t.kpiCode, target: t.target, threshold: t.threshold, creditPercent: t.creditPercent })),
      });
      const fresh = await this.repo.find(tx, consortiumId, id);
      const v = view(fresh!, byCode);
      await this.audit.record(tx, p, { action: 'create', entity: 'sla', entityId: id, consortiumId, after: v });
      return v;
    });
  }

  async list(p: Principal, consortiumId: string, serviceLineId?: string): Promise<{ items: SlaView[]; total: number }> {
    await this.access.consortium(p, consortiumId, 'read');
    const rows = await this.repo.list(null, consortiumId, serviceLineId);
    const kpis = await this.kpiMap(null);
    return { items: rows.map((s) => view(s, kpis)), total: rows.length };
  }

  async get(p: Principal, consortiumId: string, id: string): Promise<SlaView> {
    await this.access.consortium(p, consortiumId, 'read');
    const s = await this.repo.find(null, consortiumId, id);
    if (!s) throw new NotFoundError('SLA');
    return view(s, await this.kpiMap(null));
  }

  /**
   * The frequencies of the SLAs measuring each (service line, KPI) of a consortium (for the
   * measurement checks: a KPI measured only quarterly is recorded against the quarter's first month).
   */
  targetFrequencies(on: On, consortiumId: string): Promise<{ serviceLineId: string; kpiCode: string; frequency: Sla['frequency'] }[]> {
    return this.repo.targetFrequencies(on, consortiumId);
  }

  /** The SLAs of a consortium, oldest first, each with its targets in position order (no access check: callers have done theirs). */
  ofConsortium(consortiumId: string): Promise<Sla[]> {
    return this.repo.list(null, consortiumId);
  }

  private async kpiMap(on: On): Promise<Map<string, Kpi>> {
    return new Map((await this.kpis.all(on)).map((k) => [k.code, k]));
  }
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.field + e.message) ? false : (seen.add(e.field + e.message), true)));
}

export function view(s: Sla, kpis: Map<string, Kpi>): SlaView {
  return {
    id: s.id,
    consortiumId: s.consortiumId,
    serviceLineId: s.serviceLineId,
    name: s.name,
    kind: s.kind,
    frequency: s.frequency,
    creditCapPercent: plain(s.creditCapPercent),
    effectiveFrom: s.effectiveFrom,
    effectiveTo: s.effectiveTo,
    crossFunction: s.crossFunction,
    targets: [...s.targets]
      .sort((a, b) => a.position - b.position)
      .map((t) => {
        const k = kpis.get(t.kpiCode);
        return {
          kpiCode: t.kpiCode,
          kpiName: k?.name ?? t.kpiCode,
          direction: k?.direction ?? 'higher_is_better',
          unit: k?.unit ?? 'percent',
          target: plain(t.target),
          threshold: plain(t.threshold),
          creditPercent: plain(t.creditPercent),
        };
      }),
  };
}
