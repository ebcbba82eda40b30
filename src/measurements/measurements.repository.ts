import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { openCopy, type CopyWriter } from '../database/copy-writer';
import { Conditions } from '../database/conditions';
import { Sql, type On, type Tx } from '../database/sql';
import type { MeasurementRow } from '../slas/measurement-reader.port';

/** Staging columns, in the order of the cells given to the staging COPY. */
export const STAGED_COLUMNS = ['service_line_id', 'kpi_code', 'organisation_id', 'month', 'value', 'line'] as const;

/**
 * Stands for "no organisation" (a service-line-wide value) in key joins: `IS NOT DISTINCT FROM`
 * cannot be hashed. gen_random_uuid() never returns the nil UUID.
 */
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** The same key of a measurement `x` and a staged row `s`, as an equi-join on every column (hashable). */
const SAME_KEY = `x.service_line_id = s.service_line_id AND x.kpi_code = s.kpi_code
  AND coalesce(x.organisation_id, '${NIL_UUID}') = coalesce(s.organisation_id, '${NIL_UUID}') AND x.month = s.month`;

/** Which measurements a list or an export covers. */
export interface MeasurementFilter {
  consortiumId: string;
  /** Only this organisation's and the service-line-wide ones (partners and board viewers). */
  /** Undefined: every row (the host). Otherwise only this organisation's rows and the service-line-wide ones; null (no organisation) sees only the latter. */
  ownOrganisationId?: string | null;
  kpiCode?: string;
  serviceLineId?: string;
  organisationId?: string;
  from?: string;
  to?: string;
}

/** One measurement as the API lists it (value as stored, numeric(18,4) text). */
export interface MeasurementListRow {
  id: string;
  kpiCode: string;
  serviceLineId: string;
  serviceLineCode: string | null;
  organisationId: string | null;
  month: string;
  value: string;
  updatedAt: Date;
}

/** One measurement of the CSV export, before the names of its KPI, service line and organisation are filled in. */
export interface MeasurementExportRow {
  month: string;
  kpi_code: string;
  service_line_id: string;
  organisation_id: string | null;
  value: string;
}

/** The order of an export: service line codes and organisation names by id, as their modules give them. */
export interface ExportOrder {
  serviceLineCodes: ReadonlyMap<string, string>;
  organisationNames: ReadonlyMap<string, string>;
}

/** The conditions of a filter over `measurements x`. */
function where(f: MeasurementFilter): Conditions {
  const w = new Conditions().add('x.consortium_id = ?', f.consortiumId);
  // undefined: every row (the host); null (no organisation) still limits to service-line-wide rows
  if (f.ownOrganisationId !== undefined) w.add('(x.organisation_id IS NULL OR x.organisation_id = ?::uuid)', f.ownOrganisationId);
  return w
    .opt('x.kpi_code = ?', f.kpiCode)
    .opt('x.service_line_id = ?', f.serviceLineId)
    .opt('x.organisation_id = ?', f.organisationId)
    .opt('x.month >= ?', f.from)
    .opt('x.month <= ?', f.to);
}

/**
 * measurements, and the per-transaction staging table the JSON batch and the CSV import write
 * through (COPY), from which one statement upserts.
 */
@Injectable()
export class MeasurementsRepository {
  constructor(private readonly sql: Sql) {}

  /** How many measurements of the organisation the consortium holds for `fromMonth` or later. */
  async countOfOrganisation(on: On, consortiumId: string, organisationId: string, fromMonth: string): Promise<number> {
    const [{ n }] = await this.sql.rows<{ n: number }>(on, `SELECT count(*)::int AS n FROM measurements WHERE consortium_id = $1 AND organisation_id = $2 AND month >= $3`, [
      consortiumId,
      organisationId,
      fromMonth,
    ]);
    return n;
  }

  // ------------------------------------------------------------ writes

  /** The staging table of this transaction (dropped at commit). */
  async createStaging(tx: Tx): Promise<void> {
    await this.sql.exec(
      tx,
      `CREATE TEMP TABLE IF NOT EXISTS staged_measurements (service_line_id uuid, kpi_code text, organisation_id uuid, month text, value numeric(18,4), line int) ON COMMIT DROP`,
    );
  }

  /** A COPY into the staging table; cells in STAGED_COLUMNS order. Nothing else may use `tx` until it is finished or aborted. */
  async openStaging(tx: Tx): Promise<CopyWriter> {
    return openCopy(await this.sql.client(tx), 'staged_measurements', STAGED_COLUMNS);
  }

  /**
   * Readies the staged rows for the joins on the whole key that follow (in this transaction).
   * Matching staged rows to existing ones is a bulk equi-join on the whole key: a hash join, always.
   * With young statistics the planner picked a merge join on a prefix of the key (every row of a
   * file shares its service line and KPI), comparing every pair: re-importing 12,000 rows took
   * 20 s. The staging table gets statistics (autovacuum never sees temporary tables), and nested
   * loops and merge joins are off for the rest of the transaction.
   */
  /** The (service line, KPI, month) the staged rows feed: what an SLA's status may change for. */
  stagedTouched(tx: Tx): Promise<{ serviceLineId: string; kpiCode: string; month: string }[]> {
    return this.sql.rows(tx, `SELECT DISTINCT service_line_id AS "serviceLineId", kpi_code AS "kpiCode", month FROM staged_measurements ORDER BY 1, 2, 3`);
  }

  async prepareStagedJoin(tx: Tx): Promise<void> {
    await this.sql.exec(tx, `ANALYZE staged_measurements`);
    await this.sql.exec(tx, `SET LOCAL enable_nestloop = off`);
    await this.sql.exec(tx, `SET LOCAL enable_mergejoin = off`);
  }

  /**
   * For AuditService.recordSelected, BEFORE the upsert: one `update` row per measurement whose value
   * the staged rows change (the last staged value per key wins), with the value before and after.
   * Joins first and picks the last staged row per key among the matches, so a fresh import (nothing
   * to match) costs next to nothing.
   */
  changedSelect(consortiumId: string): { text: string; params: unknown[] } {
    const snap = (value: string) =>
      `jsonb_build_object('kpiCode', c.kpi_code, 'serviceLineId', c.service_line_id, 'organisationId', c.organisation_id, 'month', c.month, 'value', ${value}::text)`;
    return {
      text: `SELECT 'update' AS action, 'measurement' AS entity, c.id::text AS entity_id, $1::uuid AS consortium_id,
                    ${snap('c.old_value')} AS before, ${snap('c.new_value')} AS after
               FROM (SELECT DISTINCT ON (s.service_line_id, s.kpi_code, s.organisation_id, s.month)
                            x.id, x.value AS old_value, s.value AS new_value, x.kpi_code, x.service_line_id, x.organisation_id, x.month
                       FROM measurements x JOIN staged_measurements s ON x.consortium_id = $1 AND ${SAME_KEY}
                      ORDER BY s.service_line_id, s.kpi_code, s.organisation_id, s.month, s.line DESC) c
              WHERE c.old_value <> c.new_value`,
      params: [consortiumId],
    };
  }

  /** Upserts the staged rows (the last staged value per key wins). */
  async upsertStaged(tx: Tx, consortiumId: string, submittedBy: string | null): Promise<{ accepted: number; replaced: number }> {
    const r = await this.sql.one<{ accepted: number; replaced: number }>(
      tx,
      `WITH src AS (
         SELECT DISTINCT ON (service_line_id, kpi_code, organisation_id, month) *
           FROM staged_measurements ORDER BY service_line_id, kpi_code, organisation_id, month, line DESC
       ), upserted AS (
         INSERT INTO measurements (consortium_id, service_line_id, kpi_code, organisation_id, month, value, submitted_by)
         SELECT $1, service_line_id, kpi_code, organisation_id, month, value, $2 FROM src
         ON CONFLICT ON CONSTRAINT uq_measurement_key
         DO UPDATE SET value = EXCLUDED.value, submitted_by = EXCLUDED.submitted_by, updated_at = now()
         RETURNING (xmax <> 0) AS replaced
       )
       SELECT (SELECT count(*) FROM staged_measurements)::int AS accepted,
              (SELECT count(*) FROM upserted WHERE replaced)::int AS replaced`,
      [consortiumId, submittedBy],
    );
    return r!;
  }

  // ------------------------------------------------------------ reads

  /** The latest month with a measurement the filter lets through; null when there is none. */
  async latestMonth(on: On, f: MeasurementFilter): Promise<string | null> {
    const w = where(f);
    const r = await this.sql.one<{ month: string | null }>(on, `SELECT max(x.month) AS month FROM measurements x WHERE ${w.where}`, [...w.params]);
    return r?.month ?? null;
  }

  /**
   * A page of measurements in month, service line code, KPI, organisation order, and the total. The
   * consortium's service line codes by id come in as a parameter (`serviceLineCodes`), from their module.
   */
  async list(
    on: On,
    f: MeasurementFilter,
    serviceLineCodes: ReadonlyMap<string, string>,
    page: { limit: number; offset: number },
  ): Promise<{ items: MeasurementListRow[]; total: number }> {
    const w = where(f);
    const total = await this.sql.one<{ n: number }>(on, `SELECT count(*)::int AS n FROM measurements x WHERE ${w.where}`, [...w.params]);
    const items = await this.sql.rows<MeasurementListRow>(
      on,
      `SELECT x.id AS id, x.kpi_code AS "kpiCode", x.service_line_id AS "serviceLineId", sl.code AS "serviceLineCode",
              x.organisation_id AS "organisationId", x.month AS month, x.value::text AS value, x.updated_at AS "updatedAt"
         FROM measurements x LEFT JOIN unnest(${w.bind([...serviceLineCodes.keys()])}::uuid[], ${w.bind([...serviceLineCodes.values()])}::text[]) AS sl(id, code)
           ON sl.id = x.service_line_id
        WHERE ${w.where}
        ORDER BY x.month ASC, sl.code ASC, x.kpi_code ASC, x.organisation_id ASC NULLS FIRST
        LIMIT ${w.bind(page.limit)} OFFSET ${w.bind(page.offset)}`,
      w.params,
    );
    return { items, total: total?.n ?? 0 };
  }

  /**
   * The export's rows from a cursor on a connection of its own (`release` when done), by month,
   * service line code, KPI and organisation name (service-line-wide first). The codes and names come
   * in as parameters (`order`): the sort is the same as a join of their tables would give.
   */
  exportStream(f: MeasurementFilter, order: ExportOrder): Promise<{ rows: Readable; release: () => Promise<void> }> {
    const w = where(f);
    return this.sql.stream(
      `SELECT x.month, x.kpi_code, x.service_line_id, x.organisation_id, x.value::text AS value
         FROM measurements x
         LEFT JOIN unnest(${w.bind([...order.serviceLineCodes.keys()])}::uuid[], ${w.bind([...order.serviceLineCodes.values()])}::text[]) AS sl(id, code)
           ON sl.id = x.service_line_id
         LEFT JOIN unnest(${w.bind([...order.organisationNames.keys()])}::uuid[], ${w.bind([...order.organisationNames.values()])}::text[]) AS o(id, name)
           ON o.id = x.organisation_id
        WHERE ${w.where}
        ORDER BY x.month, sl.code, x.kpi_code, o.name NULLS FIRST`,
      w.params,
    );
  }

  /** The measurements the SLA evaluation reads, in id order: up to `upTo` when given, only `organisationId`'s and the service-line-wide ones when given. */
  forSlaEvaluation(on: On, consortiumId: string, opts: { upTo?: string; organisationId?: string }): Promise<MeasurementRow[]> {
    const w = where({ consortiumId, to: opts.upTo, ownOrganisationId: opts.organisationId });
    return this.sql.rows<MeasurementRow>(
      on,
      `SELECT x.kpi_code AS "kpiCode", x.service_line_id AS "serviceLineId", x.organisation_id AS "organisationId", x.month, x.value
         FROM measurements x WHERE ${w.where} ORDER BY x.id`,
      w.params,
    );
  }
}
