import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Readable } from 'node:stream';
import { AccessService } from '../consortia/access.service';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { csvRow } from '../common/csv/csv-cell';
import { readCsv, RowErrors } from '../common/csv/csv-import';
import { CsvUploads } from '../common/csv/csv-upload';
import { ConflictError, DomainError, ValidationError, type FieldError } from '../common/errors/domain-error';
import type { Page } from '../common/http/pagination';
import { ConsortiaService } from '../consortia/consortia.service';
import type { Consortium } from '../consortia/consortium.model';
import { UnitOfWork, type On, type Tx } from '../database/sql';
import { KpisService } from '../kpis/kpis.service';
import { MonthsService } from '../months/months.service';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import type { MeasurementReader, MeasurementRow } from '../slas/measurement-reader.port';
import { plain } from '../slas/sla-inputs.service';
import { SlasService } from '../slas/slas.service';
import { SlaInputsService } from '../slas/sla-inputs.service';
import { breachesOf, newBreaches, type BreachState, type Touched } from '../slas/core/breaches';
import { EventsService } from '../events/events.service';
import { Clock } from '../common/clock';
import { throwWithFormatErrors } from '../common/validation/together';
import type { MeasurementItemDto, MeasurementQuery, SubmitMeasurementsDto } from './dto';
import { MeasurementsRepository, type ExportOrder, type MeasurementExportRow, type MeasurementFilter, type MeasurementListRow } from './measurements.repository';
import { checkRow, type CheckContext, type CheckedRow } from './row-checker';

export const CSV_HEADER = ['kpiCode', 'serviceLine', 'organisation', 'month', 'value'] as const;
export interface ImportLimits {
  maxBytes: number;
}

@Injectable()
export class MeasurementsService implements MeasurementReader {
  constructor(
    private readonly repo: MeasurementsRepository,
    private readonly uow: UnitOfWork,
    private readonly months: MonthsService,
    private readonly slas: SlasService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly kpis: KpisService,
    private readonly serviceLines: ServiceLinesService,
    private readonly consortia: ConsortiaService,
    private readonly directory: OrganisationDirectoryService,
    private readonly uploads: CsvUploads,
    private readonly events: EventsService,
    private readonly clock: Clock,
    // SlaInputsService reads measurements through this service (MEASUREMENT_READER): looked up when first used, not injected, so construction has no cycle
    private readonly moduleRef: ModuleRef,
  ) {}

  /** How many measurements of the organisation the consortium holds for `fromMonth` or later (no access check: callers have done theirs). */
  countOfOrganisation(on: On, consortiumId: string, organisationId: string, fromMonth: string): Promise<number> {
    return this.repo.countOfOrganisation(on, consortiumId, organisationId, fromMonth);
  }

  /** JSON batch: all or nothing; every bad item named as items.N.field. */
  async submit(p: Principal, consortiumId: string, dto: SubmitMeasurementsDto): Promise<{ accepted: number; replaced: number }> {
    const c = await this.writableConsortium(p, consortiumId);
    return this.uow.run(async (tx) => {
      await this.months.lockForWrite(tx, c.id);
      const ctx = await this.context(tx, c, p);
      const errors: FieldError[] = [];
      const rows: CheckedRow[] = [];
      let closed = false;
      // SubmitMeasurementsDto collects its errors together: a malformed value (or item) was removed by
      // the pipe and its format error is in the answer, beside what checkRow finds in every other item
      (dto.items ?? []).forEach((given, i) => {
        const item: Partial<MeasurementItemDto> = given ?? {};
        const r = checkRow({ kpiCode: item.kpiCode, serviceLine: item.serviceLineId, organisation: item.organisationId, month: item.month, value: item.value }, ctx, {
          serviceLine: 'serviceLineId',
          organisation: 'organisationId',
        });
        if (r.row) rows.push(r.row);
        closed ||= !!r.closed;
        for (const e of r.errors) errors.push({ field: `items.${i}.${e.field}`, message: e.message });
      });
      throwWithFormatErrors(dto, errors, 'Some rows are invalid; nothing was written');
      if (errors.length) throw rowsError(errors, closed);
      await this.repo.createStaging(tx);
      const copy = await this.repo.openStaging(tx);
      try {
        for (const [i, r] of rows.entries()) await copy.row(stagedCells(r, i));
      } catch (e) {
        await copy.abort();
        throw e;
      }
      await copy.finish();
      return this.upsertStaged(tx, p, c.id, `${dto.items.length} measurement(s) submitted`);
    });
  }

  /**
   * CSV import: the upload is spooled to a temporary file first (CsvUploads: per-user cap, byte cap,
   * upload deadline), so no connection or lock waits for the client; then the file is parsed and
   * checked row by row and the good rows stream on into a staging table through COPY inside one
   * transaction, so a 100,000-row file is never held in memory. All or nothing: any bad row rolls
   * everything back and the answer lists every bad row (line number, field, message).
   */
  async importCsv(p: Principal, consortiumId: string, body: Readable, limits: ImportLimits): Promise<{ accepted: number; replaced: number }> {
    const c = await this.writableConsortium(p, consortiumId);
    // The whole file first (no connection, no lock while a slow client sends it), then the transaction.
    return this.uploads.receive(p.userId, body, limits.maxBytes, (file) => this.importFile(p, c, file, limits));
  }

  private importFile(p: Principal, c: Consortium, body: Readable, limits: ImportLimits): Promise<{ accepted: number; replaced: number }> {
    return this.uow.run(async (tx) => {
      await this.months.lockForWrite(tx, c.id);
      const ctx = await this.context(tx, c, p);
      await this.repo.createStaging(tx);
      const errors = new RowErrors();
      let closed = false;
      let rows = 0;
      // Good rows stream into the staging table through COPY while the file is still being read.
      const copy = await this.repo.openStaging(tx);
      try {
        for await (const { line, cells, extra } of readCsv(body, { header: CSV_HEADER, maxBytes: limits.maxBytes })) {
          rows++;
          const r = checkRow(cells, ctx, { serviceLine: 'serviceLine', organisation: 'organisation' });
          if (extra) r.errors.push(extra);
          if (r.errors.length) {
            closed ||= !!r.closed;
            errors.add(line, r.errors);
            continue;
          }
          if (errors.any) continue; // nothing will be written: stop staging, keep checking
          const full = copy.row(stagedCells(r.row!, line));
          if (full) await full;
        }
      } catch (e) {
        await copy.abort();
        throw e;
      }
      if (errors.any) {
        await copy.abort();
        if (closed) throw new ConflictError('month_closed', `Some rows touch a closed month; nothing was written${errors.suffix}`, errors.listed);
        throw errors.toError();
      }
      await copy.finish();
      return this.upsertStaged(tx, p, c.id, `CSV import of ${rows} row(s)`);
    });
  }

  async list(p: Principal, consortiumId: string, q: MeasurementQuery): Promise<Page<Omit<MeasurementListRow, 'value'> & { value: string }>> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const lines = await this.serviceLines.ofConsortium(null, c.id);
    const codes = new Map(lines.map((l) => [l.id, l.code]));
    const page = await this.repo.list(null, this.filter(p, c, q), codes, { limit: q.limit ?? 50, offset: q.offset ?? 0 });
    return { items: page.items.map((r) => ({ ...r, value: plain(r.value) })), total: page.total };
  }

  /**
   * The latest month up to `upTo` with a measurement behind what the caller reads: every member's
   * for whoever reads the whole partnership's performance (the host, the partnership board), the
   * caller's own organisation's (and the service-line-wide ones) for anyone else. The month a
   * performance page opens on: the board sees the partnership as it stands, not as its own
   * organisation last measured it.
   */
  async latestMonth(p: Principal, consortiumId: string, upTo: string): Promise<string | null> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const whole = await this.access.seesWholeConsortium(p, c);
    return this.repo.latestMonth(null, { consortiumId: c.id, ownOrganisationId: whole ? undefined : p.organisationId, to: upTo });
  }

  /**
   * CSV export of the measurements the caller may see, streamed from a cursor. Organisation and
   * service-line names are user text: every cell goes through csvCell (formula injection).
   */
  async exportCsv(p: Principal, consortiumId: string, q: MeasurementQuery, write: (chunk: string) => boolean | Promise<void>): Promise<void> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    let names = await this.exportNames(c.id);
    let reloaded = false;
    const { rows, release } = await this.repo.exportStream(this.filter(p, c, q), names.order);
    try {
      await write(csvRow(['month', 'kpiCode', 'kpiName', 'serviceLine', 'serviceLineName', 'odsCode', 'organisation', 'value']));
      for await (const r of rows as AsyncIterable<MeasurementExportRow>) {
        if (!reloaded && !names.knows(r)) {
          // A KPI, service line or member added after the names were read: read them again, once.
          names = await this.exportNames(c.id);
          reloaded = true;
        }
        const line = names.serviceLines.get(r.service_line_id);
        const org = r.organisation_id === null ? null : names.organisations.get(r.organisation_id);
        const ok = write(
          csvRow([
            r.month,
            r.kpi_code,
            names.kpis.get(r.kpi_code) ?? '',
            line?.code ?? '',
            line?.name ?? '',
            org?.odsCode ?? null,
            org ? org.name : '(service-line wide)',
            plain(r.value ?? ''),
          ]),
        );
        if (ok instanceof Promise) await ok;
      }
    } finally {
      await release();
    }
  }

  /** The names an export fills in (KPIs, the consortium's service lines and members), read from their modules. */
  private async exportNames(consortiumId: string): Promise<ExportNames> {
    const [kpis, lines, members] = await Promise.all([this.kpis.all(null), this.serviceLines.ofConsortium(null, consortiumId), this.consortia.memberPeriods(null, consortiumId)]);
    const orgs = await this.directory.findMany(null, [...new Set(members.map((m) => m.organisationId))]);
    const names: ExportNames = {
      kpis: new Map(kpis.map((k) => [k.code, k.name])),
      serviceLines: new Map(lines.map((l) => [l.id, { code: l.code, name: l.name }])),
      organisations: new Map(orgs.map((o) => [o.id, { odsCode: o.odsCode, name: o.name }])),
      order: { serviceLineCodes: new Map(lines.map((l) => [l.id, l.code])), organisationNames: new Map(orgs.map((o) => [o.id, o.name])) },
      knows: (r) => names.kpis.has(r.kpi_code) && names.serviceLines.has(r.service_line_id) && (r.organisation_id === null || names.organisations.has(r.organisation_id)),
    };
    return names;
  }

  /** What a list or export covers: a partner (or board viewer) never sees another member's partner-specific measurements. */
  private filter(p: Principal, c: Consortium, q: MeasurementQuery): MeasurementFilter {
    return {
      consortiumId: c.id,
      ownOrganisationId: this.access.isHost(p, c) ? undefined : p.organisationId,
      kpiCode: q.kpiCode,
      serviceLineId: q.serviceLineId,
      organisationId: q.organisationId,
      from: q.from,
      to: q.to,
    };
  }

  /** Hosts and admins write for anyone; partner users for their own organisation; board viewers never. */
  private async writableConsortium(p: Principal, consortiumId: string): Promise<Consortium> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    if (!this.access.isHost(p, c) && p.role !== 'partner_user') {
      throw new DomainError('forbidden', 403, 'Board viewers read performance; they do not submit measurements');
    }
    this.access.assertWritable(c);
    return c;
  }

  private async context(tx: Tx, c: Consortium, p: Principal): Promise<CheckContext> {
    // One query at a time: a transaction has a single connection.
    const kpis = await this.kpis.all(tx);
    const lines = await this.serviceLines.ofConsortium(tx, c.id);
    const members = await this.consortia.memberPeriods(tx, c.id);
    const frequencies = await this.slas.targetFrequencies(tx, c.id);
    const closed = await this.months.closedSet(tx, c.id);
    const orgIds = [...new Set(members.map((x) => x.organisationId))];
    const orgs = await this.directory.findMany(tx, orgIds);
    const memberMap = new Map<string, { joinedOn: string; leftOn: string | null }[]>();
    for (const mm of members) memberMap.set(mm.organisationId, [...(memberMap.get(mm.organisationId) ?? []), { joinedOn: mm.joinedOn, leftOn: mm.leftOn }]);
    const freq = new Map<string, Set<string>>();
    for (const f of frequencies) freq.set(`${f.serviceLineId}|${f.kpiCode}`, (freq.get(`${f.serviceLineId}|${f.kpiCode}`) ?? new Set()).add(f.frequency));
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

  /**
   * The staged rows upserted (the last staged value per key wins); each replaced value audited with
   * its value before and after (selected before the upsert); plus one audit row for the submission
   * as a whole.
   */
  private async upsertStaged(tx: Tx, p: Principal, consortiumId: string, summary: string): Promise<{ accepted: number; replaced: number }> {
    await this.repo.prepareStagedJoin(tx);
    const touched = await this.slaTouched(tx, consortiumId);
    const before = await this.breaches(tx, consortiumId, touched);
    const changed = await this.audit.recordSelected(tx, p, this.repo.changedSelect(consortiumId));
    const r = await this.repo.upsertStaged(tx, consortiumId, p.userId);
    await this.publishBreaches(tx, p, consortiumId, newBreaches(before, await this.breaches(tx, consortiumId, touched)));
    await this.audit.record(tx, p, {
      action: 'import',
      entity: 'measurements',
      entityId: null,
      consortiumId,
      after: { summary, accepted: r.accepted, replaced: r.replaced, changed },
    });
    return { accepted: r.accepted, replaced: r.replaced };
  }

  /** What the staged rows feed that some SLA targets (nothing: no SLA evaluation at all). */
  private async slaTouched(tx: Tx, consortiumId: string): Promise<Touched[]> {
    const targeted = new Set((await this.slas.targetFrequencies(tx, consortiumId)).map((f) => `${f.serviceLineId}|${f.kpiCode}`));
    if (!targeted.size) return [];
    return (await this.repo.stagedTouched(tx)).filter((t) => targeted.has(`${t.serviceLineId}|${t.kpiCode}`));
  }

  /** The targets breaching among those `touched` feeds, as the transaction sees them (slas/core/breaches.ts). */
  private async breaches(tx: Tx, consortiumId: string, touched: Touched[]): Promise<BreachState[]> {
    if (!touched.length) return [];
    const inputs = await this.moduleRef.get(SlaInputsService, { strict: false }).load(consortiumId, { on: tx });
    return breachesOf(inputs, touched, this.clock.today());
  }

  /** One `sla.breached` per newly breaching (SLA, target, member, period), in the submission's transaction. */
  private async publishBreaches(tx: Tx, p: Principal, consortiumId: string, breaches: BreachState[]): Promise<void> {
    if (!breaches.length) return;
    const names = new Map((await this.kpis.all(tx)).map((k) => [k.code, k.name]));
    for (const b of breaches) {
      await this.events.publish(
        tx,
        consortiumId,
        'sla.breached',
        {
          organisationId: b.organisationId,
          slaId: b.slaId,
          serviceLineId: b.serviceLineId,
          kpiCode: b.kpiCode,
          kpiName: names.get(b.kpiCode) ?? b.kpiCode,
          month: b.month,
          status: b.level,
          value: b.value,
          target: b.target,
        },
        p.userId,
      );
    }
  }

  // ------------------------------------------------------------ for the SLA module (MEASUREMENT_READER)

  /** The measurements the SLA evaluation reads, in id order, on `on` (no access check: callers have done theirs). */
  forSlaEvaluation(on: On, consortiumId: string, opts: { upTo?: string; organisationId?: string }): Promise<MeasurementRow[]> {
    return this.repo.forSlaEvaluation(on, consortiumId, opts);
  }
}

/** The names of an export's KPIs, service lines and organisations by code or id, and the order they give. */
interface ExportNames {
  kpis: Map<string, string>;
  serviceLines: Map<string, { code: string; name: string }>;
  organisations: Map<string, { odsCode: string | null; name: string }>;
  order: ExportOrder;
  /** Whether every name the row needs is here. */
  knows: (r: MeasurementExportRow) => boolean;
}

function stagedCells(r: CheckedRow, line: number): (string | null)[] {
  return [r.serviceLineId, r.kpiCode, r.organisationId, r.month, r.value, String(line)];
}

function rowsError(errors: FieldError[], closed: boolean, suffix = ''): DomainError {
  if (closed) return new ConflictError('month_closed', `Some rows touch a closed month; nothing was written${suffix}`, errors);
  return new ValidationError(errors, `Some rows are invalid; nothing was written${suffix}`);
}
