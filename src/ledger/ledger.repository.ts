import { Injectable } from '@nestjs/common';
import { Conditions } from '../database/conditions';
import { Sql, type On, type Tx } from '../database/sql';
import type { ActivityFilter, ActivityVolume, Baseline, CostEntry, CostFilter, LedgerRows, MonthRange, Paging } from './ledger.model';

const COST_COLUMNS = `id, consortium_id AS "consortiumId", month, category, amount, service_line_id AS "serviceLineId", attributable_to AS "attributableTo",
  description, created_by AS "createdBy", created_at AS "createdAt"`;

/** cost_entries, activity_volumes and baselines: the consortium's ledger. */
@Injectable()
export class LedgerRepository {
  constructor(private readonly sql: Sql) {}

  /** The earliest month with a cost entry naming the service line, or null. */
  async firstCostMonth(on: On, consortiumId: string, serviceLineId: string): Promise<string | null> {
    const row = await this.sql.one<{ month: string | null }>(on, `SELECT min(month) AS month FROM cost_entries WHERE consortium_id = $1 AND service_line_id = $2`, [
      consortiumId,
      serviceLineId,
    ]);
    return row?.month ?? null;
  }

  /**
   * What the ledger holds of one organisation in a consortium: cost entries attributable to it and
   * activity volumes of `fromMonth` or later, and its baselines (annual, no month).
   */
  async recordsOf(on: On, consortiumId: string, organisationId: string, fromMonth: string): Promise<{ costEntries: number; activity: number; baselines: number }> {
    const row = await this.sql.one<{ costEntries: number; activity: number; baselines: number }>(
      on,
      `SELECT (SELECT count(*)::int FROM cost_entries WHERE consortium_id = $1 AND attributable_to = $2 AND month >= $3) AS "costEntries",
              (SELECT count(*)::int FROM activity_volumes WHERE consortium_id = $1 AND organisation_id = $2 AND month >= $3) AS activity,
              (SELECT count(*)::int FROM baselines WHERE consortium_id = $1 AND organisation_id = $2) AS baselines`,
      [consortiumId, organisationId, fromMonth],
    );
    return row!;
  }

  // ---------------------------------------------------------------- costs

  insertCost(tx: Tx, c: Omit<CostEntry, 'id' | 'createdAt'>): Promise<CostEntry> {
    return this.sql
      .one<CostEntry>(
        tx,
        `INSERT INTO cost_entries (consortium_id, month, category, amount, service_line_id, attributable_to, description, created_by)
         VALUES ($1, $2, $3, $4::numeric, $5, $6, $7, $8) RETURNING ${COST_COLUMNS}`,
        [c.consortiumId, c.month, c.category, c.amount, c.serviceLineId, c.attributableTo, c.description, c.createdBy],
      )
      .then((r) => r!);
  }

  private costFilters(consortiumId: string, f: CostFilter): Conditions {
    return new Conditions()
      .add('consortium_id = ?', consortiumId)
      .opt('month >= ?', f.from)
      .opt('month <= ?', f.to)
      .opt('category = ?', f.category)
      .opt('service_line_id = ?', f.serviceLineId);
  }

  /** How many entries match and their sum (null when none). */
  async costTotals(on: On, consortiumId: string, f: CostFilter): Promise<{ total: number; amount: string | null }> {
    const w = this.costFilters(consortiumId, f);
    const row = await this.sql.one<{ total: string; amount: string | null }>(
      on,
      `SELECT count(*)::text AS total, sum(amount)::text AS amount FROM cost_entries WHERE ${w.where}`,
      w.params,
    );
    return { total: Number(row!.total), amount: row!.amount };
  }

  /** A page of entries, by month then entry time. */
  costs(on: On, consortiumId: string, f: CostFilter, paging: Paging): Promise<CostEntry[]> {
    const w = this.costFilters(consortiumId, f);
    const page = w.page(paging);
    return this.sql.rows<CostEntry>(on, `SELECT ${COST_COLUMNS} FROM cost_entries WHERE ${w.where} ORDER BY month, created_at, id ${page.sql}`, page.params);
  }

  // ---------------------------------------------------------------- activity

  /** The stored volumes among the keys given (before an upsert). */
  activityAt(
    tx: Tx,
    consortiumId: string,
    keys: readonly { serviceLineId: string; organisationId: string; month: string }[],
  ): Promise<Pick<ActivityVolume, 'serviceLineId' | 'organisationId' | 'month' | 'volume'>[]> {
    return this.sql.rows(
      tx,
      `SELECT a.service_line_id AS "serviceLineId", a.organisation_id AS "organisationId", a.month, a.volume::text AS volume FROM activity_volumes a
         JOIN unnest($2::uuid[], $3::uuid[], $4::text[]) AS k(s, o, mo) ON a.service_line_id = k.s AND a.organisation_id = k.o AND a.month = k.mo
        WHERE a.consortium_id = $1`,
      [consortiumId, keys.map((x) => x.serviceLineId), keys.map((x) => x.organisationId), keys.map((x) => x.month)],
    );
  }

  async upsertActivity(
    tx: Tx,
    consortiumId: string,
    items: readonly { serviceLineId: string; organisationId: string; month: string; volume: string }[],
    userId: string | null,
  ): Promise<void> {
    await this.sql.exec(
      tx,
      `INSERT INTO activity_volumes (consortium_id, service_line_id, organisation_id, month, volume, updated_by, updated_at)
       SELECT $1, s, o, mo, v, $6, now() FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::numeric[]) AS k(s, o, mo, v)
       ON CONFLICT (consortium_id, service_line_id, organisation_id, month)
       DO UPDATE SET volume = EXCLUDED.volume, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [consortiumId, items.map((x) => x.serviceLineId), items.map((x) => x.organisationId), items.map((x) => x.month), items.map((x) => x.volume), userId],
    );
  }

  private activityFilters(consortiumId: string, f: ActivityFilter): Conditions {
    const w = new Conditions().add('consortium_id = ?', consortiumId);
    // null (a principal without an organisation) matches nothing, as it should
    if (f.ownOrganisationId !== undefined) w.add('organisation_id = ?', f.ownOrganisationId);
    return w.opt('month >= ?', f.from).opt('month <= ?', f.to).opt('service_line_id = ?', f.serviceLineId).opt('organisation_id = ?', f.organisationId);
  }

  async activityCount(on: On, consortiumId: string, f: ActivityFilter): Promise<number> {
    const w = this.activityFilters(consortiumId, f);
    const row = await this.sql.one<{ total: string }>(on, `SELECT count(*)::text AS total FROM activity_volumes WHERE ${w.where}`, w.params);
    return Number(row!.total);
  }

  /** A page of volumes by month, service line and organisation. */
  activity(
    on: On,
    consortiumId: string,
    f: ActivityFilter,
    paging: Paging,
  ): Promise<Pick<ActivityVolume, 'serviceLineId' | 'organisationId' | 'month' | 'volume' | 'updatedAt'>[]> {
    const w = this.activityFilters(consortiumId, f);
    const page = w.page(paging);
    return this.sql.rows(
      on,
      `SELECT service_line_id AS "serviceLineId", organisation_id AS "organisationId", month, volume::text AS volume, updated_at AS "updatedAt" FROM activity_volumes
        WHERE ${w.where} ORDER BY month, service_line_id, organisation_id ${page.sql}`,
      page.params,
    );
  }

  // ---------------------------------------------------------------- baselines

  /** The stored baselines among the keys given (before an upsert). */
  baselinesAt(
    tx: Tx,
    consortiumId: string,
    keys: readonly { organisationId: string; serviceLineId: string; effectiveFrom: string }[],
  ): Promise<Pick<Baseline, 'organisationId' | 'serviceLineId' | 'annualAmount' | 'effectiveFrom'>[]> {
    return this.sql.rows(
      tx,
      `SELECT b.organisation_id AS "organisationId", b.service_line_id AS "serviceLineId", b.annual_amount::text AS "annualAmount", b.effective_from AS "effectiveFrom"
         FROM baselines b JOIN unnest($2::uuid[], $3::uuid[], $4::text[]) AS k(o, s, m) ON b.organisation_id = k.o AND b.service_line_id = k.s AND b.effective_from = k.m
        WHERE b.consortium_id = $1`,
      [consortiumId, keys.map((x) => x.organisationId), keys.map((x) => x.serviceLineId), keys.map((x) => x.effectiveFrom)],
    );
  }

  async upsertBaselines(
    tx: Tx,
    consortiumId: string,
    items: readonly { organisationId: string; serviceLineId: string; annualAmount: string; effectiveFrom: string }[],
    userId: string | null,
  ): Promise<void> {
    await this.sql.exec(
      tx,
      `INSERT INTO baselines (consortium_id, organisation_id, service_line_id, annual_amount, effective_from, updated_by, updated_at)
       SELECT $1, o, s, a, m, $6, now() FROM unnest($2::uuid[], $3::uuid[], $4::numeric[], $5::text[]) AS k(o, s, a, m)
       ON CONFLICT (consortium_id, organisation_id, service_line_id, effective_from)
       DO UPDATE SET annual_amount = EXCLUDED.annual_amount, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [consortiumId, items.map((x) => x.organisationId), items.map((x) => x.serviceLineId), items.map((x) => x.annualAmount), items.map((x) => x.effectiveFrom), userId],
    );
  }

  /**
   * Baselines in the order of `lineIds` (the consortium's service lines by code), then by organisation;
   * only `organisationId`'s when given (null matches nothing).
   */
  baselines(
    on: On,
    consortiumId: string,
    lineIds: readonly string[],
    organisationId?: string | null,
  ): Promise<Pick<Baseline, 'organisationId' | 'serviceLineId' | 'annualAmount' | 'effectiveFrom' | 'updatedAt'>[]> {
    const own = organisationId !== undefined;
    return this.sql.rows(
      on,
      `SELECT b.organisation_id AS "organisationId", b.service_line_id AS "serviceLineId", b.annual_amount::text AS "annualAmount", b.effective_from AS "effectiveFrom",
              b.updated_at AS "updatedAt"
         FROM baselines b
        WHERE b.consortium_id = $1 ${own ? 'AND b.organisation_id = $3' : ''}
        ORDER BY array_position($2::uuid[], b.service_line_id), b.organisation_id, b.effective_from`,
      own ? [consortiumId, [...lineIds], organisationId] : [consortiumId, [...lineIds]],
    );
  }

  // ---------------------------------------------------------------- the core's input

  /**
   * Costs and activity (limited to `months` when given) and baselines, each in a fixed order (the
   * keys' order), so the same data always gives the same input.
   */
  async inputRows(on: On, consortiumId: string, months: MonthRange): Promise<LedgerRows> {
    const range = () => new Conditions().add('consortium_id = ?', consortiumId).opt('month >= ?', months.from).opt('month <= ?', months.to);
    const cw = range();
    const costs = await this.sql.rows<LedgerRows['costs'][number]>(
      on,
      `SELECT id, month, category, amount::text AS amount, service_line_id AS "serviceLineId", attributable_to AS "attributableTo" FROM cost_entries
        WHERE ${cw.where} ORDER BY month, created_at, id`,
      cw.params,
    );
    const aw = range();
    const activity = await this.sql.rows<LedgerRows['activity'][number]>(
      on,
      `SELECT service_line_id AS "serviceLineId", organisation_id AS "organisationId", month, volume::text AS volume FROM activity_volumes
        WHERE ${aw.where} ORDER BY service_line_id, organisation_id, month`,
      aw.params,
    );
    const baselines = await this.sql.rows<LedgerRows['baselines'][number]>(
      on,
      `SELECT organisation_id AS "organisationId", service_line_id AS "serviceLineId", annual_amount::text AS "annualAmount", effective_from AS "effectiveFrom"
         FROM baselines WHERE consortium_id = $1 ORDER BY organisation_id, service_line_id, effective_from`,
      [consortiumId],
    );
    return { costs, activity, baselines };
  }
}
