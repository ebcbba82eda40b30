/**
 * Benchmarking of back-office costs against peers (QIPP method, domain.md §10, seeds §5.7–5.9).
 * Loads returns, calls the pure core (./core), shapes the answer for the caller.
 *
 * Who sees what:
 * - returns (the raw cost and turnover): admins all; everyone else its own organisation's only. A
 *   return is the organisation's own account of its costs: a host neither reads nor files its
 *   members' (issue 12, finding 1); board viewers read but do not file.
 * - a peer group's distribution (`GET /benchmarks`) and the national totals: every signed-in user.
 *   Items of organisations the caller may not read returns of carry no id or name (only "Peer <rank>").
 * - one organisation's peer view: the same organisations as its returns.
 * - privacy (core/privacy.ts): below BENCHMARK_MIN_PEER_GROUP returns a non-admin sees no statistics
 *   (`suppressed` says why); an unnamed peer shows its rank only (no KPI, no savings); national totals
 *   leave out groups below the minimum. Admins see everything.
 */
import { Inject, Injectable } from '@nestjs/common';
import { BENCHMARK_CONFIG, type BenchmarkConfig } from '../config/slices';
import type { Readable } from 'node:stream';
import { AccessService } from '../consortia/access.service';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { readCsv, RowErrors, type CsvRow } from '../common/csv/csv-import';
import { CsvUploads } from '../common/csv/csv-upload';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import type { OrganisationType } from '../common/enums';
import type { Page } from '../common/http/pagination';
import { UnitOfWork, type On, type Tx } from '../database/sql';
import { D, formatMoney, sum } from '../common/money';
import type { Organisation } from '../organisations/organisation.model';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import {
  BENCHMARK_FUNCTIONS,
  benchmark,
  benchmarkAll,
  discloseNationalSavings,
  disclosePeerGroup,
  disclosePeerViewRow,
  formatBenchmark,
  formatHackett,
  formatKpi,
  formatNational,
  formatPeerView,
  hackettFor,
  kpi,
  peerView,
  type DisclosureRules,
  type BenchmarkFunction,
  type BenchmarkReturnInput,
  type NationalSavingsDto,
  type PeerViewDto,
} from './core';
import type { BenchmarkReturnView, PeerGroupQuery, PeerGroupView, PeerItemView, ReturnsQuery, SubmitReturnDto, SubmittedReturnView } from './dto';
import { BenchmarkReturnsRepository, type StoredReturn } from './benchmark-returns.repository';
import { checkReturnRow, CSV_HEADER, UUID_RE, type ReturnRow } from './row-checker';

/** Rows upserted per statement. */
const BATCH = 2000;

type OrgSet = 'all' | Set<string>;
const has = (s: OrgSet, id: string) => s === 'all' || s.has(id);

export interface PeerGroupOptions {
  /** Whose position to report (default: the caller's organisation); must be one the caller may read. */
  organisationId?: string;
}

/** An organisation's peer view with, per function, why its peer figures are withheld (null: shown). */
export type DisclosedPeerView = Omit<PeerViewDto, 'functions'> & { functions: (PeerViewDto['functions'][number] & { suppressed: string | null })[] };

export interface PeerGroupAnswer extends PeerGroupView {
  /** The item of `organisationId` (or of the caller's organisation), null when it made no return. */
  position: PeerItemView | null;
}

@Injectable()
export class BenchmarkingService {
  constructor(
    private readonly repo: BenchmarkReturnsRepository,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly directory: OrganisationDirectoryService,
    @Inject(BENCHMARK_CONFIG) private readonly config: BenchmarkConfig,
    private readonly uploads: CsvUploads,
  ) {}

  /** What the caller may see of peer groups (core/privacy.ts): admins everything. */
  private rules(p: Principal): DisclosureRules {
    return { minPeerGroup: this.config.minPeerGroup, privileged: p.role === 'admin' };
  }

  // ---------------------------------------------------------------- who

  /** Organisations whose returns (and names, in a peer group) the caller may read. */
  readable(p: Principal): OrgSet {
    if (p.role === 'admin') return 'all';
    return new Set(p.organisationId ? [p.organisationId] : []);
  }

  /** Organisations the caller may submit returns for (board viewers: none). */
  writable(p: Principal): OrgSet {
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
    const writable = this.writable(p);
    const visible = await this.visible(p);
    if (!has(writable, dto.organisationId)) {
      // Visible but not its to change: 403. Not visible (or not there): 404, never revealing it.
      if (has(visible, dto.organisationId) && (await this.directory.exists(null, dto.organisationId))) {
        throw new ForbiddenError('You may not submit benchmark returns for this organisation');
      }
      throw new NotFoundError('Organisation');
    }
    if (!(await this.directory.exists(null, dto.organisationId))) throw new NotFoundError('Organisation');
    return this.uow.run(async (tx) => {
      const row: ReturnRow = { organisationId: dto.organisationId, financialYear: dto.financialYear, function: dto.function, cost: dto.cost, turnover: dto.turnover };
      const [written] = await this.upsert(tx, p, [row]);
      const saved = (await this.repo.byId(tx, written.id))!;
      const org = await this.directory.find(tx, saved.organisationId);
      return { ...withKpi(saved, org), replaced: written.replaced };
    });
  }

  /**
   * CSV import (header organisation,financialYear,function,cost,turnover; organisation by ODS code or
   * id), spooled to a temporary file first (at most `maxBytes`, 413 beyond; see CsvUploads). All or nothing: one bad row and
   * nothing is written; the 400 lists every bad row as { row (line number, header = 1), field, message }.
   * The same organisation, year and function twice in one file is an error (which one is meant?).
   */
  importCsv(p: Principal, body: Readable, limits: { maxBytes: number }): Promise<{ accepted: number; replaced: number }> {
    // Spooled first (CsvUploads: per-user cap, byte cap, upload deadline), then read from the file.
    return this.uploads.receive(p.userId, body, limits.maxBytes, (file) => this.importFile(p, file, limits));
  }

  private async importFile(p: Principal, body: Readable, limits: { maxBytes: number }): Promise<{ accepted: number; replaced: number }> {
    const rows: CsvRow<typeof CSV_HEADER>[] = [];
    for await (const row of readCsv(body, { header: CSV_HEADER, maxBytes: limits.maxBytes })) rows.push(row);

    const writable = this.writable(p);
    const visible = await this.visible(p);
    const resolve = await this.resolver(rows.map((r) => r.cells.organisation));

    const errors = new RowErrors();
    const good: ReturnRow[] = [];
    const firstLine = new Map<string, number>();
    for (const { line, cells, extra } of rows) {
      const r = checkReturnRow(cells, { resolve, visible: (id) => has(visible, id), writable: (id) => has(writable, id) });
      if (extra) r.errors.push(extra);
      if (r.row) {
        const key = `${r.row.organisationId}|${r.row.financialYear}|${r.row.function}`;
        const earlier = firstLine.get(key);
        if (earlier !== undefined) r.errors.push({ field: 'row', message: `the same organisation, financialYear and function as row ${earlier}` });
        else firstLine.set(key, line);
      }
      if (r.errors.length) errors.add(line, r.errors);
      else good.push(r.row!);
    }
    if (errors.any) throw errors.toError();

    return this.uow.run(async (tx) => {
      let replaced = 0;
      for (let i = 0; i < good.length; i += BATCH) {
        const written = await this.upsert(tx, p, good.slice(i, i + BATCH));
        replaced += written.filter((w) => w.replaced).length;
      }
      await this.audit.record(tx, p, {
        action: 'import',
        entity: 'benchmark_returns',
        entityId: null,
        after: { summary: `CSV import of ${good.length} row(s)`, accepted: good.length, replaced },
      });
      return { accepted: good.length, replaced };
    });
  }

  /**
   * Inserts or replaces returns (no two rows with the same key), with one audit row per return:
   * `create`, or `update` with the figures before and after.
   */
  private async upsert(tx: Tx, p: Principal, rows: ReturnRow[]): Promise<{ id: string; replaced: boolean }[]> {
    if (!rows.length) return [];
    // Lock the returns about to be replaced first and keep their figures for the audit's "before".
    const before = await this.repo.lockExisting(tx, rows);
    const upserted = await this.repo.upsert(tx, rows, p.userId);
    await this.audit.recordSelected(tx, p, this.repo.auditSelect(upserted, before));
    const old = new Set(before.map((b) => b.id));
    return upserted.map((u) => ({ id: u.id, replaced: u.replaced || old.has(u.id) }));
  }

  // ---------------------------------------------------------------- reads

  /** Returns the caller may read, newest year first, paged. */
  async listReturns(p: Principal, q: ReturnsQuery): Promise<Page<BenchmarkReturnView>> {
    const readable = this.readable(p);
    const filter = {
      organisationIds: readable === 'all' ? ('all' as const) : [...readable],
      financialYear: q.financialYear,
      function: q.function,
      organisationId: q.organisationId,
    };
    const total = await this.repo.count(null, filter);
    // The organisations' names first: a page is ordered by them.
    const orgs = new Map((await this.directory.findMany(null, await this.repo.organisationIds(null, filter))).map((o) => [o.id, o]));
    const names = new Map([...orgs.values()].map((o) => [o.id, o.name]));
    const items = await this.repo.list(null, filter, names, { limit: q.limit ?? 50, offset: q.offset ?? 0 });
    return { items: items.map((r) => withKpi(r, orgs.get(r.organisationId) ?? null)), total };
  }

  /**
   * The peer group of one organisation type, function and year (`GET /benchmarks`). Every signed-in
   * caller sees the distribution; items it may not name have organisationId and organisationName null.
   * No returns: n 0, the statistics null, no items (an empty group is an answer, not a 404).
   */
  async peerGroup(p: Principal, q: PeerGroupQuery, opts: PeerGroupOptions = {}): Promise<PeerGroupAnswer> {
    const readable = this.readable(p);
    if (opts.organisationId && !has(readable, opts.organisationId)) throw new NotFoundError('Organisation');
    const focus = opts.organisationId ?? p.organisationId;
    const inputs = await this.loadInputs(null, q.financialYear, q.organisationType, q.function);
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
      suppressed: null,
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
    const shown = disclosePeerGroup(
      {
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
      },
      this.rules(p),
    );
    const position = focus ? (shown.items.find((it) => it.organisationId === focus) ?? null) : null;
    return { ...shown, position };
  }

  /**
   * One organisation across the seven functions for a year (seeds §5.8 "Example Acute Foundation
   * Trust"): its KPI, the peer figures and its savings per function. 404 unless the caller may read
   * its returns. An organisation with no return in the year gets seven `submitted: false` rows.
   */
  async organisationView(p: Principal, organisationId: string, financialYear: string): Promise<DisclosedPeerView> {
    const readable = this.readable(p);
    if (!has(readable, organisationId)) throw new NotFoundError('Organisation');
    const org = await this.directory.find(null, organisationId);
    if (!org) throw new NotFoundError('Organisation');
    const inputs = await this.loadInputs(null, financialYear, org.type);
    const results = benchmarkAll(inputs);
    const rules = this.rules(p);
    if (inputs.some((r) => r.organisationId === organisationId)) {
      const view = formatPeerView(peerView(organisationId, financialYear, results));
      const functions = view.functions.map((f) => disclosePeerViewRow(f, rules));
      const total = (key: 'savingsPotential' | 'savingsToLowerQuartile') => formatMoney(sum(functions.flatMap((f) => (f[key] === null ? [] : [new D(f[key])]))));
      return { ...view, functions, totalSavingsPotential: total('savingsPotential'), totalSavingsToLowerQuartile: total('savingsToLowerQuartile') };
    }
    // No return of its own: the peer groups' figures, nothing of its own (as the core does for a missing function).
    return {
      organisationId,
      organisationName: org.name,
      organisationType: org.type,
      financialYear,
      functions: BENCHMARK_FUNCTIONS.map((fn) => {
        const g = results.find((r) => r.function === fn);
        const f = g ? formatBenchmark(g) : null;
        return disclosePeerViewRow(
          {
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
          },
          rules,
        );
      }),
      totalSavingsPotential: '0.00',
      totalSavingsToLowerQuartile: '0.00',
    };
  }

  /**
   * Savings potential for a year by organisation type and by function (seeds table 6); no names.
   * Non-admins: peer groups smaller than the minimum are left out (`suppressedGroups`, `suppressed`).
   */
  async national(p: Principal, financialYear: string): Promise<NationalSavingsDto & { suppressedGroups: number; suppressed: string | null }> {
    const inputs = await this.loadInputs(null, financialYear);
    const n = discloseNationalSavings(financialYear, benchmarkAll(inputs), this.rules(p));
    return { ...formatNational(n), suppressedGroups: n.suppressedGroups, suppressed: n.suppressed };
  }

  // ---------------------------------------------------------------- data

  /**
   * Returns of a year as core inputs, with each organisation's current name and type (the peer group
   * follows the organisation's type). Deliberately not scoped: the distribution is everyone's; what
   * the caller may see of each item is decided by the callers of this method.
   */
  private async loadInputs(on: On, financialYear: string, type?: OrganisationType, fn?: BenchmarkFunction): Promise<BenchmarkReturnInput[]> {
    const figures = await this.repo.inputs(on, financialYear, fn);
    const orgs = new Map((await this.directory.findMany(on, [...new Set(figures.map((f) => f.organisationId))])).map((o) => [o.id, o]));
    return figures.flatMap((f) => {
      const o = orgs.get(f.organisationId);
      if (!o || (type && o.type !== type)) return [];
      return [
        {
          organisationId: f.organisationId,
          organisationName: o.name,
          organisationType: o.type,
          financialYear: f.financialYear,
          function: f.function,
          cost: f.cost,
          turnover: f.turnover,
        },
      ];
    });
  }

  /** Resolves the organisation column (ids and ODS codes) with one query. */
  private async resolver(keys: string[]): Promise<(key: string) => string | null> {
    const trimmed = [...new Set(keys.map((k) => k.trim()).filter(Boolean))];
    const ids = trimmed.filter((k) => UUID_RE.test(k)).map((k) => k.toLowerCase());
    const codes = trimmed.filter((k) => !UUID_RE.test(k)).map((k) => k.toUpperCase());
    const rows = await this.directory.resolveKeys(null, ids, codes);
    const byId = new Map(rows.map((r) => [r.id, r.id]));
    const byOds = new Map(rows.filter((r) => r.odsCode).map((r) => [r.odsCode!, r.id]));
    return (key) => {
      const k = key.trim();
      return UUID_RE.test(k) ? (byId.get(k.toLowerCase()) ?? null) : (byOds.get(k.toUpperCase()) ?? null);
    };
  }
}

/** A stored return with its organisation's name and ODS code and its KPI (cost / turnover × 100). */
function withKpi(r: StoredReturn, o: Organisation | null): BenchmarkReturnView {
  return {
    id: r.id,
    organisationId: r.organisationId,
    organisationName: o?.name ?? '',
    odsCode: o?.odsCode ?? null,
    financialYear: r.financialYear,
    function: r.function,
    cost: r.cost,
    turnover: r.turnover,
    submittedBy: r.submittedBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    kpi: formatKpi(kpi(r.cost, r.turnover)),
  };
}
