import { Injectable } from '@nestjs/common';
import type { OrganisationType } from '../common/enums';
import { Sql, type On, type Tx } from '../database/sql';
import { BENCHMARK_FUNCTIONS, type BenchmarkFunction, type BenchmarkReturnInput } from './core';
import type { ReturnRow } from './row-checker';

/** A stored return as the API shows it, before its KPI is added. */
export interface BenchmarkReturnRow {
  id: string;
  organisationId: string;
  organisationName: string;
  odsCode: string | null;
  financialYear: string;
  function: BenchmarkFunction;
  cost: string;
  turnover: string;
  submittedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

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

const keyArrays = (rows: readonly ReturnRow[]) => [rows.map((r) => r.organisationId), rows.map((r) => r.financialYear), rows.map((r) => r.function)];

function where(f: ReturnsFilter): { cond: string; params: unknown[] } {
  const params: unknown[] = [];
  const conds: string[] = [];
  const add = (sql: (p: string) => string, v: unknown): void => {
    params.push(v);
    conds.push(sql(`$${params.length}`));
  };
  if (f.organisationIds !== 'all') add((p) => `b.organisation_id = ANY(${p}::uuid[])`, [...f.organisationIds]);
  if (f.financialYear) add((p) => `b.financial_year = ${p}`, f.financialYear);
  if (f.function) add((p) => `b.function = ${p}`, f.function);
  if (f.organisationId) add((p) => `b.organisation_id = ${p}::uuid`, f.organisationId);
  return { cond: conds.length ? conds.join(' AND ') : 'TRUE', params };
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

  /** Returns matching `f` (newest year first, then function order, organisation name), optionally one page. */
  async list(on: On, f: ReturnsFilter, page?: { limit: number; offset: number }): Promise<BenchmarkReturnRow[]> {
    const { cond, params } = where(f);
    return this.select(on, cond, params, page);
  }

  async count(on: On, f: ReturnsFilter): Promise<number> {
    const { cond, params } = where(f);
    const row = await this.sql.one<{ n: number }>(on, `SELECT count(*)::int AS n FROM benchmark_returns b WHERE ${cond}`, params);
    return row?.n ?? 0;
  }

  async byId(on: On, id: string): Promise<BenchmarkReturnRow | null> {
    const [row] = await this.select(on, 'b.id = $1', [id]);
    return row ?? null;
  }

  // INTEGRATOR: belongs to organisations (a join for the organisation's name and ODS code) — a read model; could take them from OrganisationsService.namesAndCodes(on, ids) after the query
  private select(on: On, cond: string, params: unknown[], page?: { limit: number; offset: number }): Promise<BenchmarkReturnRow[]> {
    let text = `SELECT b.id, b.organisation_id AS "organisationId", o.name AS "organisationName", o.ods_code AS "odsCode",
                       b.financial_year AS "financialYear", b.function, b.cost::text AS cost, b.turnover::text AS turnover,
                       b.submitted_by AS "submittedBy", b.created_at AS "createdAt", b.updated_at AS "updatedAt"
                  FROM benchmark_returns b JOIN organisations o ON o.id = b.organisation_id
                 WHERE ${cond}
                 ORDER BY b.financial_year DESC, array_position($${params.length + 1}::text[], b.function), o.name, b.id`;
    const all = [...params, [...BENCHMARK_FUNCTIONS]];
    if (page) {
      all.push(page.limit, page.offset);
      text += ` LIMIT $${all.length - 1} OFFSET $${all.length}`;
    }
    return this.sql.rows<BenchmarkReturnRow>(on, text, all);
  }

  /**
   * Returns of a year as core inputs, with each organisation's current name and type (the peer group
   * follows the organisation's type), optionally of one type and one function.
   */
  inputs(on: On, financialYear: string, type?: OrganisationType, fn?: BenchmarkFunction): Promise<BenchmarkReturnInput[]> {
    const params: unknown[] = [financialYear];
    let text = `SELECT b.organisation_id AS "organisationId", o.name AS "organisationName", o.type AS "organisationType",
                       b.financial_year AS "financialYear", b.function AS "function", b.cost::text AS cost, b.turnover::text AS turnover
                  FROM benchmark_returns b JOIN organisations o ON o.id = b.organisation_id
                 WHERE b.financial_year = $1`;
    if (type) {
      params.push(type);
      text += ` AND o.type = $${params.length}`;
    }
    if (fn) {
      params.push(fn);
      text += ` AND b.function = $${params.length}`;
    }
    return this.sql.rows<BenchmarkReturnInput>(on, text, params);
  }
  // INTEGRATOR: end of organisations join block

  // INTEGRATOR: belongs to organisations — wants OrganisationsService.find(on, id) (id, name, type), .exists(on, id) and .resolveKeys(on, ids, odsCodes)
  organisation(on: On, id: string): Promise<{ id: string; name: string; type: OrganisationType } | null> {
    return this.sql.one(on, `SELECT id, name, type FROM organisations WHERE id = $1`, [id]);
  }

  async organisationExists(on: On, id: string): Promise<boolean> {
    return (await this.sql.one(on, `SELECT 1 FROM organisations WHERE id = $1`, [id])) !== null;
  }

  /** Organisations with one of `ids` or (upper-case) ODS `codes`: id and upper-case ODS code. */
  organisationsByKey(on: On, ids: readonly string[], codes: readonly string[]): Promise<{ id: string; ods: string | null }[]> {
    return this.sql.rows(on, `SELECT id, upper(ods_code) AS ods FROM organisations WHERE id = ANY($1::uuid[]) OR upper(ods_code) = ANY($2::text[])`, [[...ids], [...codes]]);
  }
  // INTEGRATOR: end of organisations block
}
