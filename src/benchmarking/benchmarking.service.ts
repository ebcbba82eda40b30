/**
 * Benchmarking of back-office costs against peers (QIPP method, domain.md §10, seeds §5.7–5.9).
 * Loads returns, calls the pure core (./core), shapes the answer for the caller.
 *
 * Who sees what:
 * - returns (the raw cost and turnover): admins all; a host_admin those of the organisations it
 *   manages (its own, members of consortia it hosts, organisations it registered); partner users and
 *   board viewers their own organisation's.
 * - a peer group's distribution (`GET /benchmarks`) and the national totals: every signed-in user.
 *   Items of organisations the caller may not read returns of carry no id or name (only "Peer <rank>").
 * - one organisation's peer view: the same organisations as its returns.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CsvError, parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../auth/access.service';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { DomainError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../common/errors/domain-error';
import type { OrganisationType } from '../common/enums';
import type { Page } from '../common/http/pagination';
import { formatMoney } from '../common/money';
import {
  BENCHMARK_FUNCTIONS,
  benchmark,
  benchmarkAll,
  formatBenchmark,
  formatHackett,
  formatKpi,
  formatNational,
  formatPeerView,
  hackettFor,
  kpi,
  nationalSavingsFromReturns,
  peerView,
  type BenchmarkFunction,
  type BenchmarkReturnInput,
  type NationalSavingsDto,
  type PeerViewDto,
} from './core';
import type { BenchmarkReturnView, PeerGroupQuery, PeerGroupView, PeerItemView, ReturnsQuery, SubmitReturnDto, SubmittedReturnView } from './dto';
import { checkReturnRow, CSV_HEADER, headerColumns, UUID_RE, type ReturnRow } from './row-checker';

/** Rows upserted per statement. */
const BATCH = 2000;
/** Bad rows listed in one answer; the count of the rest is given. */
const MAX_LISTED_ERRORS = 5000;

type OrgSet = 'all' | Set<string>;
const has = (s: OrgSet, id: string) => s === 'all' || s.has(id);

export interface PeerGroupOptions {
  /** Whose position to report (default: the caller's organisation); must be one the caller may read. */
  organisationId?: string;
}

export interface PeerGroupAnswer extends PeerGroupView {
  /** The item of `organisationId` (or of the caller's organisation), null when it made no return. */
  position: PeerItemView | null;
}

@Injectable()
export class BenchmarkingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  // ---------------------------------------------------------------- who

  /** Organisations whose returns (and names, in a peer group) the caller may read. */
  async readable(p: Principal): Promise<OrgSet> {
    if (p.role === 'admin') return 'all';
    if (p.role === 'host_admin') {
      const ids = await this.access.managedOrganisationIds(p);
      return ids === 'all' ? 'all' : new Set(ids);
    }
    return new Set(p.organisationId ? [p.organisationId] : []);
  }

  /** Organisations the caller may submit returns for (board viewers: none). */
  async writable(p: Principal): Promise<OrgSet> {
    if (p.role === 'board_viewer') return new Set();
    return this.readable(p);
  }

  private async visible(p: Principal): Promise<OrgSet> {
    const ids = await this.access.visibleOrganisationIds(p);
    return ids === 'all' ? 'all' : new Set(ids);
  }

  // ---------------------------------------------------------------- writes

  /** One return; replaces an earlier one for the same organisation, year and function (audited). */
  async submit(p: Principal, dto: SubmitReturnDto): Promise<SubmittedReturnView> {
    const [writable, visible] = await Promise.all([this.writable(p), this.visible(p)]);
    if (!has(writable, dto.organisationId)) {
      // Visible but not its to change: 403. Not visible (or not there): 404, never revealing it.
      if (has(visible, dto.organisationId) && (await this.organisationExists(dto.organisationId))) {
        throw new ForbiddenError('You may not submit benchmark returns for this organisation');
      }
      throw new NotFoundError('Organisation');
    }
    if (!(await this.organisationExists(dto.organisationId))) throw new NotFoundError('Organisation');
    return this.db.transaction(async (m) => {
      const row: ReturnRow = { organisationId: dto.organisationId, financialYear: dto.financialYear, function: dto.function, cost: dto.cost, turnover: dto.turnover };
      const [written] = await this.upsert(m, p, [row]);
      const [saved] = await this.selectReturns(m, 'b.id = $1', [written.id]);
      return { ...saved, replaced: written.replaced };
    });
  }

  /**
   * CSV import (header organisation,financialYear,function,cost,turnover; organisation by ODS code or
   * id). Read from the request stream up to `maxBytes` (413 beyond). All or nothing: one bad row and
   * nothing is written; the 400 lists every bad row as { row (line number, header = 1), field, message }.
   * The same organisation, year and function twice in one file is an error (which one is meant?).
   */
  async importCsv(p: Principal, body: Readable, limits: { maxBytes: number }): Promise<{ accepted: number; replaced: number }> {
    const records = await readCsv(body, limits.maxBytes);
    if (!records.length) {
      throw new ValidationError([{ field: 'file', message: `the file is empty; expected the header ${CSV_HEADER.join(',')}` }], 'The file is empty');
    }
    const header = headerColumns(records[0].record);
    if (!header.columns) throw new ValidationError(header.errors, `The header must be ${CSV_HEADER.join(',')}`);
    const columns = header.columns;
    const rows = records.slice(1);
    if (!rows.length) throw new ValidationError([{ field: 'file', message: 'the file has a header but no rows' }], 'The file has no rows');

    const [writable, visible] = await Promise.all([this.writable(p), this.visible(p)]);
    const resolve = await this.resolver(rows.map((r) => (columns[0] < r.record.length ? r.record[columns[0]] : '')));

    const errors: FieldError[] = [];
    let errorCount = 0;
    const good: ReturnRow[] = [];
    const firstLine = new Map<string, number>();
    for (const { record, line } of rows) {
      const get = (i: number) => record[columns[i]] ?? '';
      const raw = { organisation: get(0), financialYear: get(1), function: get(2), cost: get(3), turnover: get(4) };
      const r = checkReturnRow(raw, { resolve, visible: (id) => has(visible, id), writable: (id) => has(writable, id) });
      if (record.length > CSV_HEADER.length) r.errors.push({ field: 'row', message: `expected ${CSV_HEADER.length} columns, found ${record.length}` });
      if (r.row) {
        const key = `${r.row.organisationId}|${r.row.financialYear}|${r.row.function}`;
        const earlier = firstLine.get(key);
        if (earlier !== undefined) r.errors.push({ field: 'row', message: `the same organisation, financialYear and function as row ${earlier}` });
        else firstLine.set(key, line);
      }
      if (r.errors.length) {
        errorCount += r.errors.length;
        for (const e of r.errors) if (errors.length < MAX_LISTED_ERRORS) errors.push({ row: line, field: e.field, message: e.message });
      } else {
        good.push(r.row!);
      }
    }
    if (errorCount) {
      const more = errorCount - errors.length;
      throw new ValidationError(errors, `Some rows are invalid; nothing was written${more > 0 ? ` (${more} more not listed)` : ''}`);
    }

    return this.db.transaction(async (m) => {
      let replaced = 0;
      for (let i = 0; i < good.length; i += BATCH) {
        const written = await this.upsert(m, p, good.slice(i, i + BATCH));
        replaced += written.filter((w) => w.replaced).length;
      }
      await this.audit.record(m, p, {
        action: 'import',
        entity: 'benchmark_returns',
        entityId: null,
        after: { summary: `CSV import of ${good.length} row(s)`, accepted: good.length, replaced },
      });
      return { accepted: good.length, replaced };
    });
  }

  /**
   * Inserts or replaces returns (no two rows with the same key), writing one audit row per return in
   * the same statement: `create`, or `update` with the figures before and after.
   */
  private async upsert(m: EntityManager, p: Principal, rows: ReturnRow[]): Promise<{ id: string; replaced: boolean }[]> {
    if (!rows.length) return [];
    const snap = (a: string) =>
      `jsonb_build_object('organisationId', ${a}.organisation_id, 'financialYear', ${a}.financial_year, 'function', ${a}.function, 'cost', ${a}.cost::text, 'turnover', ${a}.turnover::text)`;
    const keys = [rows.map((r) => r.organisationId), rows.map((r) => r.financialYear), rows.map((r) => r.function)];
    // Lock the returns about to be replaced first, so that the next statement's snapshot holds their
    // latest figures for the audit's "before" (a FOR UPDATE inside the same statement would skip them).
    await m.query(
      `SELECT 1 FROM benchmark_returns b
         JOIN unnest($1::uuid[], $2::text[], $3::text[]) AS s(organisation_id, financial_year, function)
           ON b.organisation_id = s.organisation_id AND b.financial_year = s.financial_year AND b.function = s.function
          FOR UPDATE OF b`,
      keys,
    );
    return m.query(
      `WITH src AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::numeric[], $5::numeric[])
                     AS s(organisation_id, financial_year, function, cost, turnover)
       ), old AS (
         SELECT b.* FROM benchmark_returns b
           JOIN src s ON b.organisation_id = s.organisation_id AND b.financial_year = s.financial_year AND b.function = s.function
       ), up AS (
         INSERT INTO benchmark_returns (organisation_id, financial_year, function, cost, turnover, submitted_by)
         SELECT organisation_id, financial_year, function, cost, turnover, $6::uuid FROM src
         ON CONFLICT ON CONSTRAINT uq_benchmark_return_key
         DO UPDATE SET cost = EXCLUDED.cost, turnover = EXCLUDED.turnover, submitted_by = EXCLUDED.submitted_by, updated_at = now()
         RETURNING *, (xmax <> 0) AS replaced
       ), audited AS (
         INSERT INTO audit_log (actor_user_id, actor_email, action, entity, entity_id, before, after)
         SELECT $6::uuid, $7, CASE WHEN u.replaced OR o.id IS NOT NULL THEN 'update' ELSE 'create' END, 'benchmark_return', u.id::text,
                CASE WHEN o.id IS NULL THEN NULL ELSE ${snap('o')} END, ${snap('u')}
           FROM up u LEFT JOIN old o ON o.id = u.id
         RETURNING 1
       )
       SELECT u.id, (u.replaced OR o.id IS NOT NULL) AS replaced FROM up u LEFT JOIN old o ON o.id = u.id`,
      [...keys, rows.map((r) => r.cost), rows.map((r) => r.turnover), p.userId, p.email],
    );
  }

  // ---------------------------------------------------------------- reads

  /** Returns the caller may read, newest year first, paged. */
  async listReturns(p: Principal, q: ReturnsQuery): Promise<Page<BenchmarkReturnView>> {
    const readable = await this.readable(p);
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (readable !== 'all') where.push(`b.organisation_id = ANY(${param([...readable])}::uuid[])`);
    if (q.financialYear) where.push(`b.financial_year = ${param(q.financialYear)}`);
    if (q.function) where.push(`b.function = ${param(q.function)}`);
    if (q.organisationId) where.push(`b.organisation_id = ${param(q.organisationId)}::uuid`);
    const cond = where.length ? where.join(' AND ') : 'TRUE';
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM benchmark_returns b WHERE ${cond}`, params);
    const items = await this.selectReturns(this.db.manager, cond, params, { limit: q.limit ?? 50, offset: q.offset ?? 0 });
    return { items, total: n };
  }

  /**
   * The peer group of one organisation type, function and year (`GET /benchmarks`). Every signed-in
   * caller sees the distribution; items it may not name have organisationId and organisationName null.
   * No returns: n 0, the statistics null, no items (an empty group is an answer, not a 404).
   */
  async peerGroup(p: Principal, q: PeerGroupQuery, opts: PeerGroupOptions = {}): Promise<PeerGroupAnswer> {
    const readable = await this.readable(p);
    if (opts.organisationId && !has(readable, opts.organisationId)) throw new NotFoundError('Organisation');
    const focus = opts.organisationId ?? p.organisationId;
    const inputs = await this.loadInputs(this.db.manager, q.financialYear, q.organisationType, q.function);
    const empty: PeerGroupAnswer = {
      financialYear: q.financialYear,
      function: q.function,
      organisationType: q.organisationType,
      n: 0,
      trimmed: 0,
      average: null,
      median: null,
      lowerQuartile: null,
      upperQuartile: null,
      min: null,
      max: null,
      hackett: formatHackett(hackettFor(q.function)),
      totalSavingsPotential: '0.00',
      totalSavingsToLowerQuartile: '0.00',
      items: [],
      position: null,
    };
    if (!inputs.length) return empty;
    const result = benchmark(inputs);
    const dto = formatBenchmark(result);
    const items: PeerItemView[] = result.items.map((it, i) => {
      const named = has(readable, it.organisationId);
      return {
        organisationId: named ? it.organisationId : null,
        organisationName: named ? it.organisationName : null,
        peer: `Peer ${it.rank}`,
        rank: it.rank,
        excluded: it.excluded,
        kpi: dto.items[i].kpi,
        savingsPotential: dto.items[i].savingsPotential,
        savingsToLowerQuartile: dto.items[i].savingsToLowerQuartile,
      };
    });
    const position = focus ? (items.find((it, i) => result.items[i].organisationId === focus && it.organisationId !== null) ?? null) : null;
    return {
      ...empty,
      n: dto.n,
      trimmed: dto.trimmed,
      average: dto.average,
      median: dto.median,
      lowerQuartile: dto.lowerQuartile,
      upperQuartile: dto.upperQuartile,
      min: formatKpi(result.min),
      max: formatKpi(result.max),
      hackett: dto.hackett,
      totalSavingsPotential: formatMoney(result.totalSavingsPotential),
      totalSavingsToLowerQuartile: formatMoney(result.totalSavingsToLowerQuartile),
      items,
      position,
    };
  }

  /**
   * One organisation across the seven functions for a year (seeds §5.8 "Example Acute Foundation
   * Trust"): its KPI, the peer figures and its savings per function. 404 unless the caller may read
   * its returns. An organisation with no return in the year gets seven `submitted: false` rows.
   */
  async organisationView(p: Principal, organisationId: string, financialYear: string): Promise<PeerViewDto> {
    const readable = await this.readable(p);
    if (!has(readable, organisationId)) throw new NotFoundError('Organisation');
    const [org] = await this.db.query(`SELECT id, name, type FROM organisations WHERE id = $1`, [organisationId]);
    if (!org) throw new NotFoundError('Organisation');
    const inputs = await this.loadInputs(this.db.manager, financialYear, org.type);
    const results = benchmarkAll(inputs);
    if (inputs.some((r) => r.organisationId === organisationId)) return formatPeerView(peerView(organisationId, financialYear, results));
    // No return of its own: the peer groups' figures, nothing of its own (as the core does for a missing function).
    return {
      organisationId,
      organisationName: org.name,
      organisationType: org.type,
      financialYear,
      functions: BENCHMARK_FUNCTIONS.map((fn) => {
        const g = results.find((r) => r.function === fn);
        const f = g ? formatBenchmark(g) : null;
        return {
          function: fn,
          submitted: false,
          n: g?.n ?? 0,
          trimmed: g?.trimmed ?? 0,
          kpi: null,
          rank: null,
          average: f?.average ?? null,
          median: f?.median ?? null,
          lowerQuartile: f?.lowerQuartile ?? null,
          upperQuartile: f?.upperQuartile ?? null,
          hackett: f?.hackett ?? null,
          savingsPotential: null,
          savingsToLowerQuartile: null,
        };
      }),
      totalSavingsPotential: '0.00',
      totalSavingsToLowerQuartile: '0.00',
    };
  }

  /** Savings potential for a year by organisation type and by function (seeds table 6); no names. */
  async national(financialYear: string): Promise<NationalSavingsDto> {
    const inputs = await this.loadInputs(this.db.manager, financialYear);
    return formatNational(nationalSavingsFromReturns(financialYear, inputs));
  }

  // ---------------------------------------------------------------- data

  /**
   * Returns of a year as core inputs, with each organisation's current name and type (the peer group
   * follows the organisation's type). Deliberately not scoped: the distribution is everyone's; what
   * the caller may see of each item is decided by the callers of this method.
   */
  private async loadInputs(m: EntityManager, financialYear: string, type?: OrganisationType, fn?: BenchmarkFunction): Promise<BenchmarkReturnInput[]> {
    const params: unknown[] = [financialYear];
    let sql = `SELECT b.organisation_id AS "organisationId", o.name AS "organisationName", o.type AS "organisationType",
                      b.financial_year AS "financialYear", b.function AS "function", b.cost::text AS cost, b.turnover::text AS turnover
                 FROM benchmark_returns b JOIN organisations o ON o.id = b.organisation_id
                WHERE b.financial_year = $1`;
    if (type) {
      params.push(type);
      sql += ` AND o.type = $${params.length}`;
    }
    if (fn) {
      params.push(fn);
      sql += ` AND b.function = $${params.length}`;
    }
    return m.query(sql, params);
  }

  private async selectReturns(m: EntityManager, cond: string, params: unknown[], page?: { limit: number; offset: number }): Promise<BenchmarkReturnView[]> {
    let sql = `SELECT b.id, b.organisation_id AS "organisationId", o.name AS "organisationName", o.ods_code AS "odsCode",
                      b.financial_year AS "financialYear", b.function, b.cost::text AS cost, b.turnover::text AS turnover,
                      b.submitted_by AS "submittedBy", b.created_at AS "createdAt", b.updated_at AS "updatedAt"
                 FROM benchmark_returns b JOIN organisations o ON o.id = b.organisation_id
                WHERE ${cond}
                ORDER BY b.financial_year DESC, array_position(ARRAY['${BENCHMARK_FUNCTIONS.join("','")}'], b.function), o.name, b.id`;
    const all = [...params];
    if (page) {
      all.push(page.limit, page.offset);
      sql += ` LIMIT $${all.length - 1} OFFSET $${all.length}`;
    }
    const rows: Omit<BenchmarkReturnView, 'kpi'>[] = await m.query(sql, all);
    return rows.map((r) => ({ ...r, kpi: formatKpi(kpi(r.cost, r.turnover)) }));
  }

  private async organisationExists(id: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM organisations WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  /** Resolves the organisation column (ids and ODS codes) with one query. */
  private async resolver(keys: string[]): Promise<(key: string) => string | null> {
    const trimmed = [...new Set(keys.map((k) => k.trim()).filter(Boolean))];
    const ids = trimmed.filter((k) => UUID_RE.test(k)).map((k) => k.toLowerCase());
    const codes = trimmed.filter((k) => !UUID_RE.test(k)).map((k) => k.toUpperCase());
    const rows: { id: string; ods: string | null }[] = trimmed.length
      ? await this.db.query(`SELECT id, upper(ods_code) AS ods FROM organisations WHERE id = ANY($1::uuid[]) OR upper(ods_code) = ANY($2::text[])`, [ids, codes])
      : [];
    const byId = new Map(rows.map((r) => [r.id, r.id]));
    const byOds = new Map(rows.filter((r) => r.ods).map((r) => [r.ods!, r.id]));
    return (key) => {
      const k = key.trim();
      return UUID_RE.test(k) ? (byId.get(k.toLowerCase()) ?? null) : (byOds.get(k.toUpperCase()) ?? null);
    };
  }
}

/** Reads the whole CSV (bounded by maxBytes → 413) into records with their line numbers. */
async function readCsv(body: Readable, maxBytes: number): Promise<{ record: string[]; line: number }[]> {
  const parser = parse({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true, max_record_size: 10000 });
  let bytes = 0;
  let tooLarge = false;
  body.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > maxBytes && !tooLarge) {
      tooLarge = true;
      body.unpipe(parser);
      body.resume(); // drain and discard the rest
      parser.destroy(new DomainError('payload_too_large', 413, `The file is larger than ${maxBytes} bytes`));
    }
  });
  body.on('error', (e) => parser.destroy(e));
  body.pipe(parser);
  const out: { record: string[]; line: number }[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      out.push({ record, line: info.lines });
    }
  } catch (e) {
    // Only the parser's own errors mean a bad file (a client that went away is not one).
    if (e instanceof CsvError) throw new ValidationError([{ field: 'file', message: `the file is not valid CSV: ${e.message}` }], 'The file is not valid CSV');
    throw e;
  }
  if (tooLarge) throw new DomainError('payload_too_large', 413, `The file is larger than ${maxBytes} bytes`);
  return out;
}
