import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../auth/access.service';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { ConflictError, ValidationError, type FieldError } from '../common/errors/domain-error';
import { overlaps } from '../common/membership-periods';
import { formatMoney, money } from '../common/money';
import { cmp, firstDay, lastDay, monthOf } from '../common/months';
import { decimalString } from '../common/validation/validation';
import type { Consortium } from '../consortia/consortium.entity';
import type { ActivityList, ActivityQuery, BaselineList, CostList, CostQuery, CostView, CreateCostDto, PutActivityDto, PutBaselinesDto, UpsertResult } from './dto';
import { once, type IdempotentResult } from './idempotency';
import { assertMonthsOpen, closedMonths, lockForMonthWrite } from './month-lock';

interface Period {
  organisation_id: string;
  joined_on: string;
  left_on: string | null;
}

interface CostRow {
  id: string;
  consortium_id: string;
  month: string;
  category: CostView['category'];
  amount: string;
  service_line_id: string | null;
  attributable_to: string | null;
  description: string;
  created_by: string | null;
  created_at: Date;
}

function costView(r: CostRow): CostView {
  return {
    id: r.id,
    consortiumId: r.consortium_id,
    month: r.month,
    category: r.category,
    amount: r.amount,
    serviceLineId: r.service_line_id,
    attributableTo: r.attributable_to,
    description: r.description,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

/** True when one of the organisation's membership periods overlaps the month. */
export function memberIn(periods: readonly Period[], organisationId: string, month: string): boolean {
  const range = { joinedOn: firstDay(month), leftOn: lastDay(month) };
  return periods.some((p) => p.organisation_id === organisationId && overlaps({ joinedOn: p.joined_on, leftOn: p.left_on }, range));
}

/**
 * Cost entries, activity and baselines. Every write runs in one transaction that first takes the
 * consortium's month-write lock (so it cannot interleave with a month close), checks the months it
 * touches are open, writes, and records its audit row.
 */
@Injectable()
export class LedgerService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  private async periods(m: EntityManager, consortiumId: string): Promise<Period[]> {
    return m.query(`SELECT organisation_id, to_char(joined_on, 'YYYY-MM-DD') AS joined_on, to_char(left_on, 'YYYY-MM-DD') AS left_on FROM members WHERE consortium_id = $1`, [
      consortiumId,
    ]);
  }

  private async lines(m: EntityManager, consortiumId: string): Promise<Map<string, string[] | null>> {
    const rows: { id: string; recipient_ids: string[] | null }[] = await m.query(`SELECT id, recipient_ids FROM service_lines WHERE consortium_id = $1`, [consortiumId]);
    return new Map(rows.map((r) => [r.id, r.recipient_ids]));
  }

  // ---------------------------------------------------------------- costs

  async createCost(p: Principal, consortiumId: string, dto: CreateCostDto, key: string | undefined): Promise<IdempotentResult<CostView>> {
    const c = await this.access.consortium(p, consortiumId, 'manage');
    return this.db.transaction(async (m) => {
      await lockForMonthWrite(m, consortiumId);
      return once(m, { consortiumId, scope: 'POST /consortia/:id/costs', key, userId: p.userId, request: dto }, 201, async () => {
        const errors: FieldError[] = [];
        const startMonth = monthOf(c.startDate);
        if (cmp(dto.month, startMonth) < 0) errors.push({ field: 'month', message: `month must be on or after the consortium's start month ${startMonth}` });
        if (!dto.description.trim()) errors.push({ field: 'description', message: 'description must not be blank' });
        if (money(dto.amount).isZero()) errors.push({ field: 'amount', message: 'amount must not be zero (negative amounts are corrections)' });
        if (dto.category === 'operating' && !dto.serviceLineId) errors.push({ field: 'serviceLineId', message: 'an operating cost names its service line' });
        if (dto.serviceLineId && !(await this.lines(m, consortiumId)).has(dto.serviceLineId)) {
          errors.push({ field: 'serviceLineId', message: 'not a service line of this consortium' });
        }
        if (dto.attributableTo !== undefined) {
          if (dto.category !== 'risk') errors.push({ field: 'attributableTo', message: 'only a risk entry can be attributable to a member' });
          else if (!memberIn(await this.periods(m, consortiumId), dto.attributableTo, dto.month)) {
            errors.push({ field: 'attributableTo', message: `not a member of this consortium in ${dto.month}` });
          }
        }
        if (errors.length) throw new ValidationError(errors);
        await assertMonthsOpen(m, consortiumId, [dto.month], 'month');
        const [row]: CostRow[] = await m.query(
          `INSERT INTO cost_entries (consortium_id, month, category, amount, service_line_id, attributable_to, description, created_by)
           VALUES ($1, $2, $3, $4::numeric, $5, $6, $7, $8) RETURNING *`,
          [consortiumId, dto.month, dto.category, dto.amount, dto.serviceLineId ?? null, dto.attributableTo ?? null, dto.description.trim(), p.userId],
        );
        const v = costView(row);
        await this.audit.record(m, p, { action: 'create', entity: 'cost_entry', entityId: v.id, consortiumId, after: v });
        return v;
      });
    });
  }

  async listCosts(p: Principal, consortiumId: string, q: CostQuery): Promise<CostList> {
    await this.access.consortium(p, consortiumId, 'manage');
    const where = ['consortium_id = $1'];
    const params: unknown[] = [consortiumId];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.from) add('month >= ?', q.from);
    if (q.to) add('month <= ?', q.to);
    if (q.category) add('category = ?', q.category);
    if (q.serviceLineId) add('service_line_id = ?', q.serviceLineId);
    const [agg]: { total: string; amount: string | null }[] = await this.db.query(
      `SELECT count(*)::text AS total, sum(amount)::text AS amount FROM cost_entries WHERE ${where.join(' AND ')}`,
      params,
    );
    const rows: CostRow[] = await this.db.query(
      `SELECT * FROM cost_entries WHERE ${where.join(' AND ')} ORDER BY month, created_at, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.limit ?? 50, q.offset ?? 0],
    );
    return { items: rows.map(costView), total: Number(agg.total), totalAmount: formatMoney(money(agg.amount ?? '0')) };
  }

  // ---------------------------------------------------------------- activity

  /** Upserts volumes, all or nothing; every bad item is named (`items.3.volume`). */
  async putActivity(p: Principal, consortiumId: string, dto: PutActivityDto): Promise<UpsertResult> {
    const c = await this.access.consortium(p, consortiumId, 'manage');
    return this.db.transaction(async (m) => {
      await lockForMonthWrite(m, consortiumId);
      const [lines, periods, closed] = [await this.lines(m, consortiumId), await this.periods(m, consortiumId), await closedMonths(m, consortiumId)];
      const startMonth = monthOf(c.startDate);
      const errors: FieldError[] = [];
      const closedErrors: FieldError[] = [];
      const seen = new Map<string, number>();
      dto.items.forEach((it, i) => {
        const f = (name: string) => `items.${i}.${name}`;
        const recipients = lines.get(it.serviceLineId);
        if (recipients === undefined) errors.push({ field: f('serviceLineId'), message: 'not a service line of this consortium' });
        if (cmp(it.month, startMonth) < 0) errors.push({ field: f('month'), message: `before the consortium's start month ${startMonth}` });
        if (!memberIn(periods, it.organisationId, it.month)) errors.push({ field: f('organisationId'), message: `not a member of this consortium in ${it.month}` });
        else if (recipients && !recipients.includes(it.organisationId)) errors.push({ field: f('organisationId'), message: 'this member does not receive the service line' });
        const key = `${it.serviceLineId}/${it.organisationId}/${it.month}`;
        if (seen.has(key)) errors.push({ field: `items.${i}`, message: `the same service line, member and month as items.${seen.get(key)}` });
        else seen.set(key, i);
        if (closed.has(it.month)) closedErrors.push({ field: f('month'), message: `${it.month} is closed: its figures are final` });
      });
      if (closedErrors.length) throw new ConflictError('month_closed', 'Some items touch a closed month; nothing was written', [...closedErrors, ...errors]);
      if (errors.length) throw new ValidationError(errors, 'Some items are invalid; nothing was written');
      const items = dto.items.map((it) => ({ ...it, volume: decimalString(it.volume) }));
      const before: { service_line_id: string; organisation_id: string; month: string; volume: string }[] = await m.query(
        `SELECT a.service_line_id, a.organisation_id, a.month, a.volume::text AS volume FROM activity_volumes a
           JOIN unnest($2::uuid[], $3::uuid[], $4::text[]) AS k(s, o, mo) ON a.service_line_id = k.s AND a.organisation_id = k.o AND a.month = k.mo
          WHERE a.consortium_id = $1`,
        [consortiumId, items.map((x) => x.serviceLineId), items.map((x) => x.organisationId), items.map((x) => x.month)],
      );
      await m.query(
        `INSERT INTO activity_volumes (consortium_id, service_line_id, organisation_id, month, volume, updated_by, updated_at)
         SELECT $1, s, o, mo, v, $6, now() FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::numeric[]) AS k(s, o, mo, v)
         ON CONFLICT (consortium_id, service_line_id, organisation_id, month)
         DO UPDATE SET volume = EXCLUDED.volume, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [consortiumId, items.map((x) => x.serviceLineId), items.map((x) => x.organisationId), items.map((x) => x.month), items.map((x) => x.volume), p.userId],
      );
      await this.audit.record(m, p, {
        action: 'upsert',
        entity: 'activity',
        entityId: null,
        consortiumId,
        before: before.map((b) => ({ serviceLineId: b.service_line_id, organisationId: b.organisation_id, month: b.month, volume: b.volume })),
        after: items,
      });
      return { accepted: items.length, created: items.length - before.length, updated: before.length };
    });
  }

  /** Host and admin: every row. Partners and board viewers: their own organisation's rows. */
  async listActivity(p: Principal, consortiumId: string, q: ActivityQuery): Promise<ActivityList> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const where = ['consortium_id = $1'];
    const params: unknown[] = [consortiumId];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (!this.access.isHost(p, c)) add('organisation_id = ?', p.organisationId);
    if (q.from) add('month >= ?', q.from);
    if (q.to) add('month <= ?', q.to);
    if (q.serviceLineId) add('service_line_id = ?', q.serviceLineId);
    if (q.organisationId) add('organisation_id = ?', q.organisationId);
    const [agg]: { total: string }[] = await this.db.query(`SELECT count(*)::text AS total FROM activity_volumes WHERE ${where.join(' AND ')}`, params);
    const rows: { service_line_id: string; organisation_id: string; month: string; volume: string; updated_at: Date }[] = await this.db.query(
      `SELECT service_line_id, organisation_id, month, volume::text AS volume, updated_at FROM activity_volumes WHERE ${where.join(' AND ')}
        ORDER BY month, service_line_id, organisation_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.limit ?? 50, q.offset ?? 0],
    );
    return {
      items: rows.map((r) => ({ serviceLineId: r.service_line_id, organisationId: r.organisation_id, month: r.month, volume: r.volume, updatedAt: r.updated_at })),
      total: Number(agg.total),
    };
  }

  // ---------------------------------------------------------------- baselines

  /**
   * Upserts annual baselines, all or nothing. A baseline is annual and feeds the baseline of every
   * month's statement, so once any month of the consortium is closed a change would alter issued
   * statements: it is refused with 409 `month_closed`.
   */
  async putBaselines(p: Principal, consortiumId: string, dto: PutBaselinesDto): Promise<UpsertResult> {
    await this.access.consortium(p, consortiumId, 'manage');
    return this.db.transaction(async (m) => {
      await lockForMonthWrite(m, consortiumId);
      const closed = [...(await closedMonths(m, consortiumId))].sort();
      if (closed.length) {
        throw new ConflictError('month_closed', `Baselines are annual and ${closed[closed.length - 1]} is closed: a baseline change would alter issued statements`, [
          { field: 'items', message: `months up to ${closed[closed.length - 1]} are closed` },
        ]);
      }
      const [lines, periods] = [await this.lines(m, consortiumId), await this.periods(m, consortiumId)];
      const memberIds = new Set(periods.map((x) => x.organisation_id));
      const errors: FieldError[] = [];
      const seen = new Map<string, number>();
      dto.items.forEach((it, i) => {
        const f = (name: string) => `items.${i}.${name}`;
        const recipients = lines.get(it.serviceLineId);
        if (recipients === undefined) errors.push({ field: f('serviceLineId'), message: 'not a service line of this consortium' });
        if (!memberIds.has(it.organisationId)) errors.push({ field: f('organisationId'), message: 'not a member of this consortium' });
        else if (recipients && !recipients.includes(it.organisationId)) errors.push({ field: f('organisationId'), message: 'this member does not receive the service line' });
        const key = `${it.organisationId}/${it.serviceLineId}`;
        if (seen.has(key)) errors.push({ field: `items.${i}`, message: `the same member and service line as items.${seen.get(key)}` });
        else seen.set(key, i);
      });
      if (errors.length) throw new ValidationError(errors, 'Some items are invalid; nothing was written');
      const before: { organisation_id: string; service_line_id: string; annual_amount: string }[] = await m.query(
        `SELECT b.organisation_id, b.service_line_id, b.annual_amount::text AS annual_amount FROM baselines b
           JOIN unnest($2::uuid[], $3::uuid[]) AS k(o, s) ON b.organisation_id = k.o AND b.service_line_id = k.s
          WHERE b.consortium_id = $1`,
        [consortiumId, dto.items.map((x) => x.organisationId), dto.items.map((x) => x.serviceLineId)],
      );
      await m.query(
        `INSERT INTO baselines (consortium_id, organisation_id, service_line_id, annual_amount, updated_by, updated_at)
         SELECT $1, o, s, a, $5, now() FROM unnest($2::uuid[], $3::uuid[], $4::numeric[]) AS k(o, s, a)
         ON CONFLICT (consortium_id, organisation_id, service_line_id)
         DO UPDATE SET annual_amount = EXCLUDED.annual_amount, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [consortiumId, dto.items.map((x) => x.organisationId), dto.items.map((x) => x.serviceLineId), dto.items.map((x) => x.annualAmount), p.userId],
      );
      await this.audit.record(m, p, {
        action: 'upsert',
        entity: 'baselines',
        entityId: null,
        consortiumId,
        before: before.map((b) => ({ organisationId: b.organisation_id, serviceLineId: b.service_line_id, annualAmount: b.annual_amount })),
        after: dto.items,
      });
      return { accepted: dto.items.length, created: dto.items.length - before.length, updated: before.length };
    });
  }

  async listBaselines(p: Principal, consortiumId: string): Promise<BaselineList> {
    const c: Consortium = await this.access.consortium(p, consortiumId, 'read');
    const own = !this.access.isHost(p, c);
    const rows: { organisation_id: string; service_line_id: string; annual_amount: string; updated_at: Date }[] = await this.db.query(
      `SELECT b.organisation_id, b.service_line_id, b.annual_amount::text AS annual_amount, b.updated_at
         FROM baselines b JOIN service_lines s ON s.id = b.service_line_id
        WHERE b.consortium_id = $1 ${own ? 'AND b.organisation_id = $2' : ''}
        ORDER BY s.code, b.organisation_id`,
      own ? [consortiumId, p.organisationId] : [consortiumId],
    );
    return {
      items: rows.map((r) => ({ organisationId: r.organisation_id, serviceLineId: r.service_line_id, annualAmount: r.annual_amount, updatedAt: r.updated_at })),
      total: rows.length,
    };
  }
}
