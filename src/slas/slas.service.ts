import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../consortia/access.service';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../common/errors/domain-error';
import { cmp } from '../common/months';
import { CLOSED_MONTHS, type ClosedMonthsReader } from '../consortia/closed-months.port';
import { ConsortiaService } from '../consortia/consortia.service';
import { dec } from '../common/money';
import { decimalString } from '../common/validation/validation';
import { UnitOfWork, type On } from '../database/sql';
import type { Kpi } from '../kpis/kpi.model';
import { KpisService } from '../kpis/kpis.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import { validateSlaNumbers } from './core';
import type { CreateSlaDto, SlaTargetDto, SlaView, UpdateSlaDto } from './dto';
import { plain } from './sla-inputs.service';
import type { Sla } from './sla.model';
import { SlasRepository } from './slas.repository';
import { throwWithFormatErrors } from '../common/validation/together';

@Injectable()
export class SlasService {
  constructor(
    private readonly repo: SlasRepository,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly kpis: KpisService,
    private readonly serviceLines: ServiceLinesService,
    private readonly consortia: ConsortiaService,
    @Inject(CLOSED_MONTHS) private readonly closedMonths: ClosedMonthsReader,
  ) {}

  async create(p: Principal, consortiumId: string, dto: CreateSlaDto): Promise<SlaView> {
    await this.access.consortium(p, consortiumId, 'manage');
    return this.uow.run(async (tx) => {
      // the consortium row, as a month close takes it: the closed months cannot change under the check
      await this.consortia.lockForUpdate(tx, consortiumId);
      const errors: FieldError[] = [];
      const line = (await this.serviceLines.ofConsortium(tx, consortiumId)).find((l) => l.id === dto.serviceLineId);
      if (!line) errors.push({ field: 'serviceLineId', message: 'not a service line of this consortium' });
      const byCode = await this.kpiMap(tx);
      // a malformed targets list was removed by the pipe (its format error is in the answer)
      const targets = checkTargets(dto.targets ?? [], { kind: dto.kind, crossFunction: dto.crossFunction ?? false, lineFunction: line?.function ?? null }, byCode, errors);
      throwWithFormatErrors(dto, dedupe(errors));
      errors.push(...numberErrors(decimalString(dto.creditCapPercent), dto.effectiveFrom, dto.effectiveTo ?? null, targets, byCode));
      // domain.md §12: an SLA effective in a closed month would change that month's credits
      const lastClosed = await this.lastClosed(tx, consortiumId);
      if (lastClosed && cmp(dto.effectiveFrom, lastClosed) <= 0) {
        throw new ConflictError('month_closed', `Months up to ${lastClosed} are closed: a new SLA takes effect after ${lastClosed}`, [
          { field: 'effectiveFrom', message: `${dto.effectiveFrom} is closed` },
          ...errors,
        ]);
      }
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

  /**
   * Changes an SLA's name, last effective month (retiring it) or targets (host or admin; audited).
   * Every field error comes in one answer. A change that would alter a closed month is 409
   * `month_closed`: new targets of an SLA effective in a closed month; an effectiveTo on or before
   * the last closed month, or a change of one that already is.
   */
  async update(p: Principal, consortiumId: string, id: string, dto: UpdateSlaDto): Promise<SlaView> {
    await this.access.consortium(p, consortiumId, 'manage');
    return this.uow.run(async (tx) => {
      await this.consortia.lockForUpdate(tx, consortiumId);
      const before = await this.repo.find(tx, consortiumId, id, true);
      if (!before) throw new NotFoundError('SLA');
      const byCode = await this.kpiMap(tx);
      const errors: FieldError[] = [];
      if (dto.name === null || (dto.name !== undefined && !dto.name.trim())) errors.push({ field: 'name', message: 'name must not be blank' });
      if (dto.targets === null) errors.push({ field: 'targets', message: 'targets must be a list of at least one target' });
      const crossFunction = dto.crossFunction ?? before.crossFunction;
      const line = (await this.serviceLines.ofConsortium(tx, consortiumId)).find((l) => l.id === before.serviceLineId);
      const targets = dto.targets
        ? checkTargets(dto.targets, { kind: before.kind, crossFunction, lineFunction: line?.function ?? null }, byCode, errors)
        : before.targets.map((t) => ({
            kpiCode: t.kpiCode,
            direction: byCode.get(t.kpiCode)?.direction ?? 'higher_is_better',
            target: t.target,
            threshold: t.threshold,
            creditPercent: t.creditPercent,
          }));
      throwWithFormatErrors(dto, dedupe(errors));
      const effectiveTo = dto.effectiveTo === undefined ? before.effectiveTo : dto.effectiveTo;
      errors.push(...numberErrors(before.creditCapPercent, before.effectiveFrom, effectiveTo, targets, byCode));

      const closed: FieldError[] = [];
      const lastClosed = await this.lastClosed(tx, consortiumId);
      if (lastClosed) {
        const targetsChanged = dto.targets !== undefined && dto.targets !== null && !sameTargets(before.targets, targets);
        if (targetsChanged && cmp(before.effectiveFrom, lastClosed) <= 0) {
          closed.push({
            field: 'targets',
            message: `the SLA is effective in closed months (from ${before.effectiveFrom}; months up to ${lastClosed} are closed): retire it (effectiveTo) and create a new one from an open month`,
          });
        }
        if (effectiveTo !== before.effectiveTo) {
          const touched = [before.effectiveTo, effectiveTo].filter((m): m is string => m !== null && cmp(m, lastClosed) <= 0);
          if (touched.length) closed.push({ field: 'effectiveTo', message: `${touched[0]} is closed: effectiveTo can only be set or moved to a month after ${lastClosed}` });
        }
      }
      if (closed.length)
        throw new ConflictError('month_closed', `Months up to ${lastClosed} are closed and this change would alter them; nothing was changed`, dedupe([...closed, ...errors]));
      if (errors.length) throw new ValidationError(dedupe(errors));

      const changes = {
        name: dto.name?.trim() ?? before.name,
        effectiveTo,
        crossFunction,
        targets: dto.targets ? targets.map((t) => ({ kpiCode: t.kpiCode, target: t.target, threshold: t.threshold, creditPercent: t.creditPercent })) : null,
      };
      await this.repo.update(tx, id, changes);
      const after = view((await this.repo.find(tx, consortiumId, id))!, byCode);
      await this.audit.record(tx, p, { action: 'update', entity: 'sla', entityId: id, consortiumId, before: view(before, byCode), after });
      return after;
    });
  }

  private async lastClosed(on: On, consortiumId: string): Promise<string | null> {
    return (await this.closedMonths.closedList(on, consortiumId)).at(-1) ?? null;
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

interface CheckedTarget {
  kpiCode: string;
  direction: Kpi['direction'];
  target: string;
  threshold: string;
  creditPercent: string;
}

/** The targets as stored strings; their field errors (unknown KPI, cross-function, credits of an OLA or SLA) go to `errors`. */
function checkTargets(
  input: SlaTargetDto[],
  sla: { kind: Sla['kind']; crossFunction: boolean; lineFunction: string | null },
  byCode: Map<string, Kpi>,
  errors: FieldError[],
): CheckedTarget[] {
  return input.map((t, i) => {
    const kpi = byCode.get(t.kpiCode);
    if (!kpi) errors.push({ field: `targets.${i}.kpiCode`, message: `unknown KPI ${t.kpiCode}` });
    // an HR KPI on accounts payable by mistake would book "missing" credits every month: say so, unless intended
    else if (sla.lineFunction && kpi.function !== sla.lineFunction && !sla.crossFunction) {
      errors.push({
        field: `targets.${i}.kpiCode`,
        message: `${t.kpiCode} measures ${kpi.function}, the service line is ${sla.lineFunction}: set crossFunction to true if this is intended`,
      });
    }
    const creditPercent = t.creditPercent === undefined ? '0' : decimalString(t.creditPercent);
    if (sla.kind === 'OLA' && !/^0+(\.0+)?$/.test(creditPercent)) {
      errors.push({ field: `targets.${i}.creditPercent`, message: 'an OLA carries no service credits: creditPercent must be 0 or omitted' });
    }
    if (sla.kind === 'SLA' && t.creditPercent === undefined) {
      errors.push({ field: `targets.${i}.creditPercent`, message: 'creditPercent is required for an SLA target' });
    }
    if (dec(creditPercent).gt(100)) errors.push({ field: `targets.${i}.creditPercent`, message: 'creditPercent must be at most 100' });
    return { kpiCode: t.kpiCode, direction: kpi?.direction ?? 'higher_is_better', target: decimalString(t.target), threshold: decimalString(t.threshold), creditPercent };
  });
}

/** The core's checks of the numbers and months (fields named targets.0.threshold, as the API does), and the cap's upper bound. */
function numberErrors(creditCapPercent: string, effectiveFrom: string, effectiveTo: string | null, targets: CheckedTarget[], byCode: Map<string, Kpi>): FieldError[] {
  const errors = validateSlaNumbers({ creditCapPercent, effectiveFrom, effectiveTo, targets: targets.filter((t) => byCode.has(t.kpiCode)) })
    // the core names fields like targets[0].threshold; the API uses targets.0.threshold
    .map((e) => ({ field: e.field.replace(/\[(\d+)\]/g, '.$1'), message: e.message }));
  if (dec(creditCapPercent).gt(100)) errors.push({ field: 'creditCapPercent', message: 'creditCapPercent must be at most 100' });
  return errors;
}

/** Whether the new targets are the stored ones (same KPIs in the same order, same numbers). */
function sameTargets(stored: Sla['targets'], next: CheckedTarget[]): boolean {
  const s = [...stored].sort((a, b) => a.position - b.position);
  return (
    s.length === next.length &&
    s.every((t, i) => t.kpiCode === next[i].kpiCode && dec(t.target).eq(next[i].target) && dec(t.threshold).eq(next[i].threshold) && dec(t.creditPercent).eq(next[i].creditPercent))
  );
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
