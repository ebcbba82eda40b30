import { Injectable } from '@nestjs/common';
import { AccessService } from '../consortia/access.service';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { ConflictError, ValidationError, type FieldError } from '../common/errors/domain-error';
import { overlaps } from '../common/membership-periods';
import { formatMoney, money, storedMoney } from '../common/money';
import { addMonths, cmp, firstDay, lastDay, monthOf } from '../common/months';
import { decimalString } from '../common/validation/validation';
import type { Consortium } from '../consortia/consortium.model';
import { ConsortiaService } from '../consortia/consortia.service';
import { UnitOfWork, type On, type Tx } from '../database/sql';
import { MonthsService } from '../months/months.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import type { ActivityList, ActivityQuery, BaselineList, CostList, CostQuery, CostView, CreateCostDto, PutActivityDto, PutBaselinesDto, UpsertResult } from './dto';
import type { IdempotentResult } from './idempotency';
import { IdempotencyService } from './idempotency.service';
import type { LedgerRows, MemberPeriod, MonthRange } from './ledger.model';
import { LedgerRepository } from './ledger.repository';
import { formatErrorsOf, throwWithFormatErrors } from '../common/validation/together';

/** True when one of the organisation's membership periods overlaps the month. */
export function memberIn(periods: readonly MemberPeriod[], organisationId: string, month: string): boolean {
  const range = { joinedOn: firstDay(month), leftOn: lastDay(month) };
  return periods.some((p) => p.organisationId === organisationId && overlaps({ joinedOn: p.joinedOn, leftOn: p.leftOn }, range));
}

/**
 * Cost entries, activity and baselines. Every write runs in one transaction that first takes the
 * consortium's month-write lock (so it cannot interleave with a month close), checks the months it
 * touches are open, writes, and records its audit row.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly repo: LedgerRepository,
    private readonly idempotency: IdempotencyService,
    private readonly months: MonthsService,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly consortia: ConsortiaService,
    private readonly serviceLines: ServiceLinesService,
  ) {}

  // ---------------------------------------------------------------- costs

  async createCost(p: Principal, consortiumId: string, dto: CreateCostDto, key: string | undefined): Promise<IdempotentResult<CostView>> {
    const c = await this.access.consortium(p, consortiumId, 'manage');
    return this.uow.run(async (tx) => {
      await this.months.lockForWrite(tx, consortiumId);
      // a malformed value was removed by the pipe (CreateCostDto collects its errors together):
      // each check reads only the values present, and its format error is in the answer
      const check = async (): Promise<FieldError[]> => {
        const errors: FieldError[] = [];
        const startMonth = monthOf(c.startDate);
        const month = dto.month as string | undefined;
        if (month !== undefined && cmp(month, startMonth) < 0) errors.push({ field: 'month', message: `month must be on or after the consortium's start month ${startMonth}` });
        if (dto.description !== undefined && !dto.description.trim()) errors.push({ field: 'description', message: 'description must not be blank' });
        if (dto.amount !== undefined && money(dto.amount).isZero()) errors.push({ field: 'amount', message: 'amount must not be zero (negative amounts are corrections)' });
        if (dto.category === 'operating' && !dto.serviceLineId) errors.push({ field: 'serviceLineId', message: 'an operating cost names its service line' });
        if (dto.serviceLineId) {
          const line = (await this.serviceLines.ofConsortium(tx, consortiumId)).find((l) => l.id === dto.serviceLineId);
          if (!line) errors.push({ field: 'serviceLineId', message: 'not a service line of this consortium' });
          // domain.md §12: before its go-live a line has no operating costs
          else if (month !== undefined && cmp(month, line.goLive) < 0)
            errors.push({ field: 'month', message: `the service line goes live in ${line.goLive}: enter its costs from then on` });
        }
        if (dto.attributableTo !== undefined) {
          const periods = await this.consortia.memberPeriods(tx, consortiumId);
          if (dto.category !== undefined && dto.category !== 'risk') errors.push({ field: 'attributableTo', message: 'only a risk entry can be attributable to a member' });
          else if (month === undefined ? !periods.some((m) => m.organisationId === dto.attributableTo) : !memberIn(periods, dto.attributableTo, month)) {
            errors.push({ field: 'attributableTo', message: `not a member of this consortium${month === undefined ? '' : ` in ${month}`}` });
          }
        }
        return errors;
      };
      // a request with format errors is answered before the key is looked at: it is never a replay
      // of an entry made (the key's stored request had none), nor a reuse of the key
      if (formatErrorsOf(dto).length) throwWithFormatErrors(dto, await check());
      return this.idempotency.once(tx, { consortiumId, scope: 'POST /consortia/:id/costs', key, userId: p.userId, request: dto }, 201, async () => {
        const errors = await check();
        if (errors.length) throw new ValidationError(errors);
        await this.months.assertOpen(tx, consortiumId, [dto.month], 'month');
        const v: CostView = await this.repo.insertCost(tx, {
          consortiumId,
          month: dto.month,
          category: dto.category,
          amount: dto.amount,
          serviceLineId: dto.serviceLineId ?? null,
          attributableTo: dto.attributableTo ?? null,
          description: dto.description.trim(),
          createdBy: p.userId,
        });
        await this.audit.record(tx, p, { action: 'create', entity: 'cost_entry', entityId: v.id, consortiumId, after: v });
        return v;
      });
    });
  }

  async listCosts(p: Principal, consortiumId: string, q: CostQuery): Promise<CostList> {
    await this.access.consortium(p, consortiumId, 'host');
    const f = { from: q.from, to: q.to, category: q.category, serviceLineId: q.serviceLineId };
    const totals = await this.repo.costTotals(null, consortiumId, f);
    const items = await this.repo.costs(null, consortiumId, f, { limit: q.limit ?? 50, offset: q.offset ?? 0 });
    return { items, total: totals.total, totalAmount: formatMoney(storedMoney(totals.amount ?? '0')) };
  }

  // ---------------------------------------------------------------- activity

  /** Upserts volumes, all or nothing; every bad item is named (`items.3.volume`). */
  async putActivity(p: Principal, consortiumId: string, dto: PutActivityDto): Promise<UpsertResult> {
    const c = await this.access.consortium(p, consortiumId, 'manage');
    return this.uow.run(async (tx) => {
      await this.months.lockForWrite(tx, consortiumId);
      const [lines, periods, closed] = [
        await this.lineRecipients(tx, consortiumId),
        await this.consortia.memberPeriods(tx, consortiumId),
        await this.months.closedSet(tx, consortiumId),
      ];
      const startMonth = monthOf(c.startDate);
      const errors: FieldError[] = [];
      const closedErrors: FieldError[] = [];
      const seen = new Map<string, number>();
      dto.items.forEach((it, i) => {
        const f = (name: string) => `items.${i}.${name}`;
        const recipients = lines.get(it.serviceLineId);
        if (recipients === undefined) errors.push({ field: f('serviceLineId'), message: 'not a service line of this consortium' });
        if (cmp(it.month, startMonth) < 0) errors.push({ field: f('month'), message: `before the consortium's start month ${startMonth}` });
        // a malformed month was removed (its format error is in the answer): then membership at any time
        const member = it.month === undefined ? periods.some((m) => m.organisationId === it.organisationId) : memberIn(periods, it.organisationId, it.month);
        if (!member) errors.push({ field: f('organisationId'), message: `not a member of this consortium${it.month === undefined ? '' : ` in ${it.month}`}` });
        else if (recipients && !recipients.includes(it.organisationId)) errors.push({ field: f('organisationId'), message: 'this member does not receive the service line' });
        const key = `${it.serviceLineId}/${it.organisationId}/${it.month}`;
        if (seen.has(key)) errors.push({ field: `items.${i}`, message: `the same service line, member and month as items.${seen.get(key)}` });
        else seen.set(key, i);
        if (closed.has(it.month)) closedErrors.push({ field: f('month'), message: `${it.month} is closed: its figures are final` });
      });
      throwWithFormatErrors(dto, errors, 'Some items are invalid; nothing was written');
      if (closedErrors.length) throw new ConflictError('month_closed', 'Some items touch a closed month; nothing was written', [...closedErrors, ...errors]);
      if (errors.length) throw new ValidationError(errors, 'Some items are invalid; nothing was written');
      const items = dto.items.map((it) => ({ ...it, volume: decimalString(it.volume) }));
      const before = await this.repo.activityAt(tx, consortiumId, items);
      await this.repo.upsertActivity(tx, consortiumId, items, p.userId);
      await this.audit.record(tx, p, {
        action: 'upsert',
        entity: 'activity',
        entityId: null,
        consortiumId,
        before: before.map((b) => ({ serviceLineId: b.serviceLineId, organisationId: b.organisationId, month: b.month, volume: b.volume })),
        after: items,
      });
      return { accepted: items.length, created: items.length - before.length, updated: before.length };
    });
  }

  /** Host and admin: every row. Partners and board viewers: their own organisation's rows. */
  async listActivity(p: Principal, consortiumId: string, q: ActivityQuery): Promise<ActivityList> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const f = {
      ownOrganisationId: this.access.isHost(p, c) ? undefined : p.organisationId,
      from: q.from,
      to: q.to,
      serviceLineId: q.serviceLineId,
      organisationId: q.organisationId,
    };
    const total = await this.repo.activityCount(null, consortiumId, f);
    const items = await this.repo.activity(null, consortiumId, f, { limit: q.limit ?? 50, offset: q.offset ?? 0 });
    return { items, total };
  }

  // ---------------------------------------------------------------- baselines

  /**
   * Upserts annual baselines, all or nothing (domain.md §12). A row applies from its effectiveFrom
   * (default: the member's joining month) until the member's next row for the line; a row whose
   * effectiveFrom is in a closed month would alter issued statements: 409 `month_closed`, every
   * offending item named with the other errors of the request.
   */
  async putBaselines(p: Principal, consortiumId: string, dto: PutBaselinesDto): Promise<UpsertResult> {
    const c = await this.access.consortium(p, consortiumId, 'manage');
    return this.uow.run(async (tx) => {
      await this.months.lockForWrite(tx, consortiumId);
      const closed = await this.months.closedList(tx, consortiumId);
      const lastClosed = closed.length ? closed[closed.length - 1] : null;
      const [lines, periods] = [await this.lineRecipients(tx, consortiumId), await this.consortia.memberPeriods(tx, consortiumId)];
      // the latest joining month of each member (its current period)
      const joined = new Map<string, string>();
      for (const x of periods) if ((joined.get(x.organisationId) ?? '') < x.joinedOn) joined.set(x.organisationId, x.joinedOn);
      const start = monthOf(c.startDate);
      const errors: FieldError[] = [];
      const closedErrors: FieldError[] = [];
      const seen = new Map<string, number>();
      const items = dto.items.map((it, i) => {
        const f = (name: string) => `items.${i}.${name}`;
        const recipients = lines.get(it.serviceLineId);
        if (recipients === undefined) errors.push({ field: f('serviceLineId'), message: 'not a service line of this consortium' });
        const joinedOn = joined.get(it.organisationId);
        if (joinedOn === undefined) errors.push({ field: f('organisationId'), message: 'not a member of this consortium' });
        else if (recipients && !recipients.includes(it.organisationId)) errors.push({ field: f('organisationId'), message: 'this member does not receive the service line' });
        const effectiveFrom = it.effectiveFrom ?? (joinedOn ? monthOf(joinedOn) : start);
        if (effectiveFrom < start) errors.push({ field: f('effectiveFrom'), message: `must be on or after the consortium's start month ${start}` });
        else if (lastClosed !== null && effectiveFrom <= lastClosed) {
          closedErrors.push({
            field: f('effectiveFrom'),
            message: `${effectiveFrom} is closed${it.effectiveFrom === undefined ? ' (the member’s joining month, the default)' : ''}: give a month from ${addMonths(lastClosed, 1)}`,
          });
        }
        const key = `${it.organisationId}/${it.serviceLineId}/${effectiveFrom}`;
        if (seen.has(key)) errors.push({ field: `items.${i}`, message: `the same member, service line and month as items.${seen.get(key)}` });
        else seen.set(key, i);
        return { organisationId: it.organisationId, serviceLineId: it.serviceLineId, annualAmount: it.annualAmount, effectiveFrom };
      });
      throwWithFormatErrors(dto, errors, 'Some items are invalid; nothing was written');
      if (closedErrors.length) throw new ConflictError('month_closed', 'Some rows would alter a closed month; nothing was written', [...closedErrors, ...errors]);
      if (errors.length) throw new ValidationError(errors, 'Some items are invalid; nothing was written');
      const before = await this.repo.baselinesAt(tx, consortiumId, items);
      await this.repo.upsertBaselines(tx, consortiumId, items, p.userId);
      await this.audit.record(tx, p, { action: 'upsert', entity: 'baselines', entityId: null, consortiumId, before, after: items });
      return { accepted: items.length, created: items.length - before.length, updated: before.length };
    });
  }

  async listBaselines(p: Principal, consortiumId: string): Promise<BaselineList> {
    const c: Consortium = await this.access.consortium(p, consortiumId, 'read');
    const own = !this.access.isHost(p, c);
    const lineIds = (await this.serviceLines.ofConsortium(null, consortiumId)).map((l) => l.id);
    const items = await this.repo.baselines(null, consortiumId, lineIds, own ? p.organisationId : undefined);
    return { items, total: items.length };
  }

  /**
   * Σ of the members' current annual baselines (domain.md §15's default status quo): for each
   * organisation that is a member on `today` and each service line live in `today`'s month, the
   * baseline row in force that month (latest `effectiveFrom` ≤ the month), exact. No access check.
   */
  async currentAnnualBaselines(on: On, consortiumId: string, today: string): Promise<string> {
    const month = monthOf(today);
    const members = new Set(
      (await this.consortia.memberPeriods(on, consortiumId)).filter((m) => m.joinedOn <= today && (m.leftOn === null || m.leftOn >= today)).map((m) => m.organisationId),
    );
    const lines = (await this.serviceLines.ofConsortium(on, consortiumId)).filter((l) => cmp(l.goLive, month) <= 0);
    const rows = await this.repo.baselines(
      on,
      consortiumId,
      lines.map((l) => l.id),
    );
    const live = new Set(lines.map((l) => l.id));
    const inForce = new Map<string, { effectiveFrom: string; annualAmount: string }>();
    for (const r of rows) {
      if (!members.has(r.organisationId) || !live.has(r.serviceLineId) || cmp(r.effectiveFrom, month) > 0) continue;
      const key = `${r.organisationId}:${r.serviceLineId}`;
      const prev = inForce.get(key);
      if (!prev || cmp(r.effectiveFrom, prev.effectiveFrom) > 0) inForce.set(key, r);
    }
    let total = money('0');
    for (const r of inForce.values()) total = total.plus(storedMoney(r.annualAmount));
    return formatMoney(total);
  }

  /** Each service line's recipients (null: every member), read in `tx`: what entries are checked against. */
  private async lineRecipients(tx: Tx, consortiumId: string): Promise<Map<string, string[] | null>> {
    return new Map((await this.serviceLines.ofConsortium(tx, consortiumId)).map((l) => [l.id, l.recipientIds]));
  }

  /** What the ledger holds of one organisation in a consortium (cost entries attributable to it and activity from `fromMonth`, baselines); no access check. */
  recordsOf(on: On, consortiumId: string, organisationId: string, fromMonth: string): Promise<{ costEntries: number; activity: number; baselines: number }> {
    return this.repo.recordsOf(on, consortiumId, organisationId, fromMonth);
  }

  /** The ledger rows the calculation core reads (statements, exit quotes, credit pricing), in `on`. */
  inputRows(on: On, consortiumId: string, months: MonthRange): Promise<LedgerRows> {
    return this.repo.inputRows(on, consortiumId, months);
  }
}
