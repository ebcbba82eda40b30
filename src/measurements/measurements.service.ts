import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CsvError, parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager, In } from 'typeorm';
import { AccessService } from '../auth/access.service';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { ConflictError, DomainError, ValidationError, type FieldError } from '../common/errors/domain-error';
import type { Page } from '../common/http/pagination';
import { Consortium } from '../consortia/consortium.entity';
import { Member } from '../consortia/member.entity';
import { Kpi } from '../kpis/kpi.entity';
import { closedMonths } from '../ledger/month-lock';
import { Organisation } from '../organisations/organisation.entity';
import { ServiceLine } from '../service-lines/service-line.entity';
import { csvRow } from '../common/csv/csv-cell';
import { openCopy, type CopyWriter } from '../database/copy-writer';
import { plain } from '../slas/sla-inputs.service';
import { Sla } from '../slas/sla.entity';
import type { MeasurementQuery, SubmitMeasurementsDto } from './dto';
import { checkRow, CheckContext, CheckedRow } from './row-checker';

export const CSV_HEADER = ['kpiCode', 'serviceLine', 'organisation', 'month', 'value'] as const;
/** Staging columns, in the order of stagedCells. */
const STAGED_COLUMNS = ['service_line_id', 'kpi_code', 'organisation_id', 'month', 'value', 'line'] as const;
/**
 * Stands for "no organisation" (a service-line-wide value) in key joins: `IS NOT DISTINCT FROM`
 * cannot be hashed. gen_random_uuid() never returns the nil UUID.
 */
const NIL_UUID = '00000000-0000-0000-0000-000000000000';
/** Bad rows listed in one answer; the count of the rest is given. */
const MAX_LISTED_ERRORS = 5000;

export interface ImportLimits {
  maxBytes: number;
}

@Injectable()
export class MeasurementsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** JSON batch: all or nothing; every bad item named as items.N.field. */
  async submit(p: Principal, consortiumId: string, dto: SubmitMeasurementsDto): Promise<{ accepted: number; replaced: number }> {
    const c = await this.writableConsortium(p, consortiumId);
    return this.db.transaction(async (m) => {
      await this.lockConsortium(m, c.id);
      const ctx = await this.context(m, c, p);
      const errors: FieldError[] = [];
      const rows: CheckedRow[] = [];
      let closed = false;
      dto.items.forEach((item, i) => {
        const r = checkRow({ kpiCode: item.kpiCode, serviceLine: item.serviceLineId, organisation: item.organisationId, month: item.month, value: item.value }, ctx, {
          serviceLine: 'serviceLineId',
          organisation: 'organisationId',
        });
        if (r.row) rows.push(r.row);
        closed ||= !!r.closed;
        for (const e of r.errors) errors.push({ field: `items.${i}.${e.field}`, message: e.message });
      });
      if (errors.length) throw rowsError(errors, closed);
      await this.stage(m);
      const copy = await this.openStaging(m);
      try {
        for (const [i, r] of rows.entries()) await copy.row(stagedCells(r, i));
      } catch (e) {
        await copy.abort();
        throw e;
      }
      await copy.finish();
      return this.upsertStaged(m, p, c.id, `${dto.items.length} measurement(s) submitted`);
    });
  }

  /**
   * CSV import, streamed: the file is parsed and checked row by row and the good rows stream on into
   * a staging table through COPY inside one transaction, so a 100,000-row file is never held in
   * memory and the database ingests while the file is still arriving. All or nothing: any bad
   * row rolls everything back and the answer lists every bad row (line number, field, message).
   */
  async importCsv(p: Principal, consortiumId: string, body: Readable, limits: ImportLimits): Promise<{ accepted: number; replaced: number }> {
    const c = await this.writableConsortium(p, consortiumId);
    return this.db.transaction(async (m) => {
      await this.lockConsortium(m, c.id);
      const ctx = await this.context(m, c, p);
      await this.stage(m);
      const parser = parse({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true, max_record_size: 10000 });
      let bytes = 0;
      let tooLarge = false;
      body.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > limits.maxBytes && !tooLarge) {
          tooLarge = true;
          parser.destroy(new DomainError('payload_too_large', 413, `The file is larger than ${limits.maxBytes} bytes`));
        }
      });
      body.on('error', (e) => parser.destroy(e));
      body.pipe(parser);

      let columns: number[] | null = null;
      const errors: FieldError[] = [];
      let errorCount = 0;
      let closed = false;
      let rowsSeen = 0;
      // Good rows stream into the staging table through COPY while the file is still being read.
      const copy = await this.openStaging(m);
      try {
        for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
          if (!columns) {
            columns = headerColumns(record);
            continue;
          }
          rowsSeen++;
          const get = (i: number) => (columns![i] >= 0 ? (record[columns![i]] ?? '') : '');
          const r = checkRow({ kpiCode: get(0), serviceLine: get(1), organisation: get(2), month: get(3), value: get(4) }, ctx, {
            serviceLine: 'serviceLine',
            organisation: 'organisation',
          });
          if (record.length > CSV_HEADER.length) r.errors.push({ field: 'row', message: `expected ${CSV_HEADER.length} columns, found ${record.length}` });
          if (r.errors.length) {
            closed ||= !!r.closed;
            errorCount += r.errors.length;
            for (const e of r.errors) if (errors.length < MAX_LISTED_ERRORS) errors.push({ row: info.lines, field: e.field, message: e.message });
            continue;
          }
          if (errorCount) continue; // nothing will be written: stop staging, keep checking
          const full = copy.row(stagedCells(r.row!, info.lines));
          if (full) await full;
        }
      } catch (e) {
        await copy.abort();
        // Only the parser's own errors mean a bad file; a lost database connection or a client that
        // went away is not the file's fault (the error filter makes the former a 503).
        if (e instanceof CsvError) throw new ValidationError([{ field: 'file', message: `the file is not valid CSV: ${e.message}` }], 'The file is not valid CSV');
        throw e;
      }
      if (!columns || errorCount || !rowsSeen) await copy.abort();
      else await copy.finish();
      if (!columns) throw new ValidationError([{ field: 'file', message: `the file is empty; expected the header ${CSV_HEADER.join(',')}` }], 'The file is empty');
      if (errorCount) {
        const more = errorCount - errors.length;
        throw rowsError(errors, closed, more > 0 ? ` (${more} more not listed)` : '');
      }
      if (!rowsSeen) throw new ValidationError([{ field: 'file', message: 'the file has a header but no rows' }], 'The file has no rows');
      return this.upsertStaged(m, p, c.id, `CSV import of ${rowsSeen} row(s)`);
    });
  }

  async list(p: Principal, consortiumId: string, q: MeasurementQuery): Promise<Page<Record<string, unknown>>> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const qb = this.db
      .createQueryBuilder()
      .from('measurements', 'x')
      .leftJoin(ServiceLine, 'sl', 'sl.id = x.service_line_id')
      .select([
        'x.id AS id',
        'x.kpi_code AS "kpiCode"',
        'x.service_line_id AS "serviceLineId"',
        'sl.code AS "serviceLineCode"',
        'x.organisation_id AS "organisationId"',
        'x.month AS month',
        'x.value::text AS value',
        'x.updated_at AS "updatedAt"',
      ])
      .where('x.consortium_id = :cid', { cid: c.id });
    // A partner (or board viewer) never sees another member's partner-specific measurements.
    if (!this.access.isHost(p, c)) qb.andWhere('(x.organisation_id IS NULL OR x.organisation_id = :own)', { own: p.organisationId });
    if (q.kpiCode) qb.andWhere('x.kpi_code = :kpi', { kpi: q.kpiCode });
    if (q.serviceLineId) qb.andWhere('x.service_line_id = :sl', { sl: q.serviceLineId });
    if (q.organisationId) qb.andWhere('x.organisation_id = :org', { org: q.organisationId });
    if (q.from) qb.andWhere('x.month >= :from', { from: q.from });
    if (q.to) qb.andWhere('x.month <= :to', { to: q.to });
    const total = await qb.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>();
    const rows = await qb
      .orderBy('x.month', 'ASC')
      .addOrderBy('sl.code', 'ASC')
      .addOrderBy('x.kpi_code', 'ASC')
      .addOrderBy('x.organisation_id', 'ASC', 'NULLS FIRST')
      .limit(q.limit ?? 50)
      .offset(q.offset ?? 0)
      .getRawMany();
    return { items: rows.map((r) => ({ ...r, value: plain(r.value) })), total: total?.n ?? 0 };
  }

  /**
   * CSV export of the measurements the caller may see, streamed from a cursor. Organisation and
   * service-line names are user text: every cell goes through csvCell (formula injection).
   */
  async exportCsv(p: Principal, consortiumId: string, q: MeasurementQuery, write: (chunk: string) => boolean | Promise<void>): Promise<void> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const params: unknown[] = [c.id];
    const where = ['x.consortium_id = $1'];
    if (!this.access.isHost(p, c)) {
      params.push(p.organisationId);
      where.push(`(x.organisation_id IS NULL OR x.organisation_id = $${params.length})`);
    }
    for (const [col, v] of [
      ['x.kpi_code', q.kpiCode],
      ['x.service_line_id', q.serviceLineId],
      ['x.organisation_id', q.organisationId],
    ] as const) {
      if (v) {
        params.push(v);
        where.push(`${col} = $${params.length}`);
      }
    }
    if (q.from) (params.push(q.from), where.push(`x.month >= $${params.length}`));
    if (q.to) (params.push(q.to), where.push(`x.month <= $${params.length}`));
    const runner = this.db.createQueryRunner();
    try {
      const stream = await runner.stream(
        `SELECT x.month, x.kpi_code, k.name AS kpi_name, sl.code AS service_line, sl.name AS service_line_name, o.ods_code, o.name AS organisation, x.value::text AS value
           FROM measurements x
           JOIN kpis k ON k.code = x.kpi_code
           JOIN service_lines sl ON sl.id = x.service_line_id
           LEFT JOIN organisations o ON o.id = x.organisation_id
          WHERE ${where.join(' AND ')}
          ORDER BY x.month, sl.code, x.kpi_code, o.name NULLS FIRST`,
        params,
      );
      await write(csvRow(['month', 'kpiCode', 'kpiName', 'serviceLine', 'serviceLineName', 'odsCode', 'organisation', 'value']));
      for await (const r of stream as AsyncIterable<Record<string, string | null>>) {
        const ok = write(csvRow([r.month, r.kpi_code, r.kpi_name, r.service_line, r.service_line_name, r.ods_code, r.organisation ?? '(service-line wide)', plain(r.value ?? '')]));
        if (ok instanceof Promise) await ok;
      }
    } finally {
      await runner.release();
    }
  }

  /** Hosts and admins write for anyone; partner users for their own organisation; board viewers never. */
  private async writableConsortium(p: Principal, consortiumId: string): Promise<Consortium> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    if (!this.access.isHost(p, c) && p.role !== 'partner_user') {
      throw new DomainError('forbidden', 403, 'Board viewers read performance; they do not submit measurements');
    }
    return c;
  }

  /** Serialises with month close (which takes the same lock), so no write slips into a closing month. */
  private async lockConsortium(m: EntityManager, id: string): Promise<void> {
    await m.query(`SELECT 1 FROM consortia WHERE id = $1 FOR SHARE`, [id]);
  }

  private async context(m: EntityManager, c: Consortium, p: Principal): Promise<CheckContext> {
    // One query at a time: a transaction has a single connection.
    const kpis = await m.find(Kpi);
    const lines = await m.find(ServiceLine, { where: { consortiumId: c.id } });
    const members = await m.find(Member, { where: { consortiumId: c.id } });
    const slas = await m.find(Sla, { where: { consortiumId: c.id } });
    const closed = await closedMonths(m, c.id);
    const orgIds = [...new Set(members.map((x) => x.organisationId))];
    const orgs = orgIds.length ? await m.find(Organisation, { where: { id: In(orgIds) }, select: ['id', 'odsCode'] }) : [];
    const memberMap = new Map<string, { joinedOn: string; leftOn: string | null }[]>();
    for (const mm of members) memberMap.set(mm.organisationId, [...(memberMap.get(mm.organisationId) ?? []), { joinedOn: mm.joinedOn, leftOn: mm.leftOn }]);
    const freq = new Map<string, Set<string>>();
    for (const s of slas) for (const t of s.targets) freq.set(`${s.serviceLineId}|${t.kpiCode}`, (freq.get(`${s.serviceLineId}|${t.kpiCode}`) ?? new Set()).add(s.frequency));
    return {
      kpis: new Map(kpis.map((k) => [k.code, { unit: k.unit }])),
      linesById: new Map(lines.map((l) => [l.id, l])),
      linesByCode: new Map(lines.map((l) => [l.code, l])),
      members: memberMap,
      odsToOrg: new Map(orgs.filter((o) => o.odsCode).map((o) => [o.odsCode!.toUpperCase(), o.id])),
      quarterlyOnly: new Set([...freq].filter(([, f]) => f.size === 1 && f.has('quarterly')).map(([k]) => k)),
      closedMonths: closed,
      restrictToOrganisation: this.access.isHost(p, c) ? null : p.organisationId,
    };
  }

  private async stage(m: EntityManager): Promise<void> {
    await m.query(
      `CREATE TEMP TABLE IF NOT EXISTS staged_measurements (service_line_id uuid, kpi_code text, organisation_id uuid, month text, value numeric(18,4), line int) ON COMMIT DROP`,
    );
  }

  private openStaging(m: EntityManager): Promise<CopyWriter> {
    return openCopy(m, 'staged_measurements', STAGED_COLUMNS);
  }

  /**
   * One statement: the last staged value per key wins, replaced values are audited (before/after),
   * everything is upserted; plus one audit row for the submission as a whole.
   */
  private async upsertStaged(m: EntityManager, p: Principal, consortiumId: string, summary: string): Promise<{ accepted: number; replaced: number }> {
    // Matching staged rows to existing ones is a bulk equi-join on the whole key: a hash join, always.
    // With young statistics the planner picked a merge join on a prefix of the key (every row of a
    // file shares its service line and KPI), comparing every pair: re-importing 12,000 rows took
    // 20 s. The staging table gets statistics (autovacuum never sees temporary tables), and nested
    // loops and merge joins are off for this statement's transaction.
    await m.query(`ANALYZE staged_measurements`);
    await m.query(`SET LOCAL enable_nestloop = off`);
    await m.query(`SET LOCAL enable_mergejoin = off`);
    const [r] = await m.query(
      `WITH src AS (
         SELECT DISTINCT ON (service_line_id, kpi_code, organisation_id, month) *
           FROM staged_measurements ORDER BY service_line_id, kpi_code, organisation_id, month, line DESC
       ), changed AS (
         SELECT x.id, x.value AS old_value, s.value AS new_value, x.kpi_code, x.service_line_id, x.organisation_id, x.month
           FROM measurements x JOIN src s
             ON x.consortium_id = $1 AND x.service_line_id = s.service_line_id AND x.kpi_code = s.kpi_code
            AND coalesce(x.organisation_id, '${NIL_UUID}') = coalesce(s.organisation_id, '${NIL_UUID}') AND x.month = s.month
          WHERE x.value <> s.value
       ), audited AS (
         INSERT INTO audit_log (actor_user_id, actor_email, action, entity, entity_id, consortium_id, before, after)
         SELECT $2, $3, 'update', 'measurement', c.id::text, $1,
                jsonb_build_object('kpiCode', c.kpi_code, 'serviceLineId', c.service_line_id, 'organisationId', c.organisation_id, 'month', c.month, 'value', c.old_value::text),
                jsonb_build_object('kpiCode', c.kpi_code, 'serviceLineId', c.service_line_id, 'organisationId', c.organisation_id, 'month', c.month, 'value', c.new_value::text)
           FROM changed c
         RETURNING 1
       ), upserted AS (
         INSERT INTO measurements (consortium_id, service_line_id, kpi_code, organisation_id, month, value, submitted_by)
         SELECT $1, service_line_id, kpi_code, organisation_id, month, value, $2 FROM src
         ON CONFLICT ON CONSTRAINT uq_measurement_key
         DO UPDATE SET value = EXCLUDED.value, submitted_by = EXCLUDED.submitted_by, updated_at = now()
         RETURNING (xmax <> 0) AS replaced
       )
       SELECT (SELECT count(*) FROM staged_measurements)::int AS accepted,
              (SELECT count(*) FROM upserted WHERE replaced)::int AS replaced,
              (SELECT count(*) FROM audited)::int AS changed`,
      [consortiumId, p.userId, p.email],
    );
    await this.audit.record(m, p, {
      action: 'import',
      entity: 'measurements',
      entityId: null,
      consortiumId,
      after: { summary, accepted: r.accepted, replaced: r.replaced, changed: r.changed },
    });
    return { accepted: r.accepted, replaced: r.replaced };
  }
}

function stagedCells(r: CheckedRow, line: number): (string | null)[] {
  return [r.serviceLineId, r.kpiCode, r.organisationId, r.month, r.value, String(line)];
}

function headerColumns(record: string[]): number[] {
  const names = record.map((h) => h.trim());
  const missing = CSV_HEADER.filter((h) => !names.includes(h));
  const unknown = names.filter((h) => !(CSV_HEADER as readonly string[]).includes(h));
  if (missing.length || unknown.length) {
    throw new ValidationError(
      [
        ...missing.map((h) => ({ row: 1, field: h, message: `missing column ${h}` })),
        ...unknown.map((h) => ({ row: 1, field: h || '(empty)', message: `unknown column ${h || '(empty)'}` })),
      ],
      `The header must be ${CSV_HEADER.join(',')}`,
    );
  }
  return CSV_HEADER.map((h) => names.indexOf(h));
}

function rowsError(errors: FieldError[], closed: boolean, suffix = ''): DomainError {
  if (closed) return new ConflictError('month_closed', `Some rows touch a closed month; nothing was written${suffix}`, errors);
  return new ValidationError(errors, `Some rows are invalid; nothing was written${suffix}`);
}
