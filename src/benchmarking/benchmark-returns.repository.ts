import { Injectable } from '@nestjs/common';
import { Conditions } from '../database/conditions';
import { Sql, type On, type Tx } from '../database/sql';
import { BENCHMARK_FUNCTIONS, type BenchmarkFunction, type BenchmarkReturnInput } from './core';
import type { ReturnRow } from './row-checker';

/** A stored return (the API adds its organisation's name and ODS code, and its KPI). */
export interface StoredReturn {
  id: string;
  organisationId: string;
  financialYear: string;
  function: BenchmarkFunction;
  cost: string;
  turnover: string;
  submittedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A return of a year as the core reads it, before its organisation's name and type are added. */
export type ReturnFigures = Omit<BenchmarkReturnInput, 'organisationName' | 'organisationType'>;

/** Which returns a list covers. */
export interface ReturnsFilter {
  /** Only these organisations' returns ('all': no limit). */
  organisationIds: 'all' | readonly string[];
  financialYear?: string;
  function?: string;
  organisationId?: string;
}

/** A return before it was replaced: its id and its audit snapshot (jsonb as text, passed back unchanged). */
export interface ReturnBefore {
  id: string;
  before: string;
}

/** The audit snapshot of a return row `a`. */
const snap = (a: string) =>
  `jsonb_build_object('organisationId', ${a}.organisation_id, 'financialYear', ${a}.financial_year, 'function', ${a}.function, 'cost', ${a}.cost::text, 'turnover', ${a}.turnover::text)`;

const COLUMNS = `b.id, b.organisation_id AS "organisationId", b.financial_year AS "financialYear", b.function, b.cost::text AS cost, b.turnover::text AS turnover,
  b.submitted_by AS "submittedBy", b.created_at AS "createdAt", b.updated_at AS "updatedAt"`;

const keyArrays = (rows: readonly ReturnRow[]) => [rows.map((r) => r.organisationId), rows.map((r) => r.financialYear), rows.map((r) => r.function)];

/** The conditions of a filter over `benchmark_returns b`. */
function where(f: ReturnsFilter): Conditions {
  const w = new Conditions();
  if (f.organisationIds !== 'all') w.add('b.organisation_id = ANY(?::uuid[])', [...f.organisationIds]);
  return w.opt('b.financial_year = ?', f.financialYear).opt('b.function = ?', f.function).opt('b.organisation_id = ?::uuid', f.organisationId);
}

/** benchmark_returns: one row per organisation, financial year and function. */
@Injectable()
export class BenchmarkReturnsRepository {
  constructor(private readonly sql: Sql) {}

  // ------------------------------------------------------------ writes

  /**
   * Locks the returns about to be replaced (FOR UPDATE) and gives their figures before the change,
   * for the audit: taken before the upsert, so "before" is what the upsert replaces.
   */
  lockExisting(tx: Tx, rows: readonly ReturnRow[]): Promise<ReturnBefore[]> {
    return this.sql.rows<ReturnBefore>(
      tx,
      `SELECT b.id, ${snap('b')}::text AS before FROM benchmark_returns b
         JOIN unnest($1::uuid[], $2::text[], $3::text[]) AS s(organisation_id, financial_year, function)
           ON b.organisation_id = s.organisation_id AND b.financial_year = s.financial_year AND b.function = s.function
          FOR UPDATE OF b`,
      keyArrays(rows),
    );
  }

  /** Inserts or replaces returns (no two rows with the same key); `replaced` when a row with the key was there. */
  upsert(tx: Tx, rows: readonly ReturnRow[], submittedBy: string | null): Promise<{ id: string; replaced: boolean }[]> {
    return this.sql.rows(
      tx,
      `INSERT INTO benchmark_returns (organisation_id, financial_year, function, cost, turnover, submitted_by)
       SELECT organisation_id, financial_year, function, cost, turnover, $6::uuid
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::numeric[], $5::numeric[]) AS s(organisation_id, financial_year, function, cost, turnover)
       ON CONFLICT ON CONSTRAINT uq_benchmark_return_key
       DO UPDATE SET cost = EXCLUDED.cost, turnover = EXCLUDED.turnover, submitted_by = EXCLUDED.submitted_by, updated_at = now()
       RETURNING id, (xmax <> 0) AS replaced`,
      [...keyArrays(rows), rows.map((r) => r.cost), rows.map((r) => r.turnover), submittedBy],
    );
  }

  /**
   * For AuditService.recordSelected, after the upsert: one row per written return, in the order
   * written: `create`, or `update` with the figures before (from lockExisting) and after.
   */
  auditSelect(written: readonly { id: string; replaced: boolean }[], before: readonly ReturnBefore[]): { text: string; params: unknown[] } {
    return {
      text: `SELECT CASE WHEN w.replaced OR o.id IS NOT NULL THEN 'update' ELSE 'create' END AS action, 'benchmark_return' AS entity,
                    b.id::text AS entity_id, NULL::uuid AS consortium_id, o.before::jsonb AS before, ${snap('b')} AS after
               FROM unnest($1::uuid[], $2::boolean[]) WITH ORDINALITY AS w(id, replaced, n)
               JOIN benchmark_returns b ON b.id = w.id
               LEFT JOIN unnest($3::uuid[], $4::text[]) AS o(id, before) ON o.id = w.id
              ORDER BY w.n`,
      params: [written.map((w) => w.id), written.map((w) => w.replaced), before.map((o) => o.id), before.map((o) => o.before)],
    };
  }

  // ------------------------------------------------------------ reads

  /**
   * Returns matching `f`, newest year first, then in function order, by organisation name (then id),
   * optionally one page. The names of the organisations by id come in as a parameter
   * (`organisationNames`, from their module; see `organisationIds`): the order is the same as a join
   * of organisations would give.
   */
  list(on: On, f: ReturnsFilter, organisationNames: ReadonlyMap<string, string>, page?: { limit: number; offset: number }): Promise<StoredReturn[]> {
    const w = where(f);
    let text = `SELECT ${COLUMNS}
                  FROM benchmark_returns b LEFT JOIN unnest(${w.bind([...organisationNames.keys()])}::uuid[], ${w.bind([...organisationNames.values()])}::text[]) AS o(id, name)
                    ON o.id = b.organisation_id
                 WHERE ${w.where}
                 ORDER BY b.financial_year DESC, array_position(${w.bind([...BENCHMARK_FUNCTIONS])}::text[], b.function), o.name, b.id`;
    if (page) text += ` LIMIT ${w.bind(page.limit)} OFFSET ${w.bind(page.offset)}`;
    return this.sql.rows<StoredReturn>(on, text, w.params);
  }

  /** The organisations with a return matching `f` (whose names order a list). */
  async organisationIds(on: On, f: ReturnsFilter): Promise<string[]> {
    const w = where(f);
    const rows = await this.sql.rows<{ id: string }>(on, `SELECT DISTINCT b.organisation_id AS id FROM benchmark_returns b WHERE ${w.where}`, w.params);
    return rows.map((r) => r.id);
  }

  async count(on: On, f: ReturnsFilter): Promise<number> {
    const w = where(f);
    const row = await this.sql.one<{ n: number }>(on, `SELECT count(*)::int AS n FROM benchmark_returns b WHERE ${w.where}`, w.params);
    return row?.n ?? 0;
  }

  byId(on: On, id: string): Promise<StoredReturn | null> {
    return this.sql.one<StoredReturn>(on, `SELECT ${COLUMNS} FROM benchmark_returns b WHERE b.id = $1`, [id]);
  }

  /** The figures of a year's returns, optionally of one function. */
  inputs(on: On, financialYear: string, fn?: BenchmarkFunction): Promise<ReturnFigures[]> {
    const w = new Conditions().add('b.financial_year = ?', financialYear).opt('b.function = ?', fn);
    return this.sql.rows<ReturnFigures>(
      on,
      `SELECT b.organisation_id AS "organisationId", b.financial_year AS "financialYear", b.function AS "function", b.cost::text AS cost, b.turnover::text AS turnover
         FROM benchmark_returns b
        WHERE ${w.where}`,
      w.params,
    );
  }
}
