/**
 * Assembles the board reports from the same services as the JSON API (so the figures match to the
 * penny and the same access rules apply), builds the view models (pure, ./view) and renders them.
 */
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AccessService } from '../consortia/access.service';
import type { Principal } from '../auth/principal';
import { AgreementsService } from '../agreements/agreements.service';
import { BenchmarkingService } from '../benchmarking/benchmarking.service';
import type { PeerGroupQuery } from '../benchmarking/dto';
import { DomainError, ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import { ConsortiaService } from '../consortia/consortia.service';
import { KpisService } from '../kpis/kpis.service';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import { plain } from '../slas/sla-inputs.service';
import { addMonths, firstDay } from '../common/months';
import { ExitService } from '../exit/exit.service';
import { PerformanceService } from '../slas/performance.service';
import { SlasService } from '../slas/slas.service';
import { StatementsService } from '../statements/statements.service';
import { buildNames, type LoadedNames } from './report-names';
import { PdfService } from './pdf.service';
import { ReportRenderer } from './report-renderer.service';
import { buildAgreementView } from './view/agreement.view';
import { buildBenchmarkView } from './view/benchmark.view';
import { buildConsolidatedView } from './view/consolidated.view';
import { buildBoardPackView } from './view/board-pack.view';
import { DecisionsService } from '../decisions/decisions.service';
import { lastDay, monthRange } from '../common/months';
import { buildScenarioView } from './view/scenario.view';
import { ScenariosService } from '../scenarios/scenarios.service';
import type { ScenarioRequestDto, ScenarioResultView } from '../scenarios/dto';
import { describeChanges } from '../scenarios/describe';
import type { ScenarioChange } from '../scenarios/core';
import { buildPerformanceView } from './view/performance.view';
import { buildStatementView, type StatementReportInput } from './view/statement.view';

export interface RenderedReport {
  pdf: Buffer;
  filename: string;
}

@Injectable()
export class ReportsService {
  constructor(
    private readonly access: AccessService,
    private readonly performance: PerformanceService,
    private readonly renderer: ReportRenderer,
    private readonly statements: StatementsService,
    private readonly exit: ExitService,
    private readonly agreements: AgreementsService,
    private readonly benchmarking: BenchmarkingService,
    private readonly consortia: ConsortiaService,
    private readonly serviceLines: ServiceLinesService,
    private readonly directory: OrganisationDirectoryService,
    private readonly kpis: KpisService,
    private readonly slas: SlasService,
    /** Admission: at most as many reports in the making as the pool has pages; the rest queue, then 429. */
    private readonly pdf: PdfService,
    private readonly clock: Clock,
    private readonly decisions: DecisionsService,
    private readonly scenarios: ScenariosService,
  ) {}

  /** The caller's organisation name when it sees only its own rows (a member's user); null for the host and the partnership board. */
  private async audience(p: Principal, consortium: { hostOrganisationId: string }): Promise<string | null> {
    if (await this.access.seesWholeConsortium(p, consortium as never)) return null;
    if (!p.organisationId) return null;
    return this.organisationName(p.organisationId);
  }

  private async organisationName(id: string): Promise<string | null> {
    const [row] = await this.directory.findMany(null, [id]);
    return row?.name ?? null;
  }

  /** Names for the ids in a report: the organisations, the consortium's service lines, the KPIs. */
  private async names(p: Principal, opts: { organisationIds: Iterable<string>; consortiumId?: string; kpiCodes?: Iterable<string> }): Promise<LoadedNames> {
    const orgIds = [...new Set(opts.organisationIds)];
    const codes = [...new Set(opts.kpiCodes ?? [])];
    const [orgs, lines, kpis] = await Promise.all([
      this.directory.findMany(null, orgIds),
      opts.consortiumId ? this.serviceLines.list(p, opts.consortiumId).then((l) => l.items) : Promise.resolve([]),
      this.kpis.byCodes(codes),
    ]);
    return buildNames(orgs, lines, kpis);
  }

  /**
   * Admission with fair shares: the report counts against its user and its consortium (at most
   * PDF_USER_SHARE / PDF_CONSORTIUM_SHARE places each). The consortium is checked before it is
   * counted, so nobody can spend another consortium's share with requests that would be 404.
   */
  private async admitFor<T>(p: Principal, consortiumId: string, work: () => Promise<T>): Promise<T> {
    await this.access.consortium(p, consortiumId, 'read');
    return this.pdf.admit(work, { user: p.userId, consortium: consortiumId });
  }

  performancePdf(p: Principal, consortiumId: string, month: string, at = this.clock.now()): Promise<RenderedReport> {
    return this.admitFor(p, consortiumId, () => this.performancePdfNow(p, consortiumId, month, at));
  }

  private async performancePdfNow(p: Principal, consortiumId: string, month: string, at: Date): Promise<RenderedReport> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const [view, history] = await Promise.all([this.performance.month(p, consortiumId, month), this.performance.history(p, consortiumId, month)]);
    const names = await this.names(p, {
      organisationIds: [...view.items.map((i) => i.organisationId), ...view.credits.map((x) => x.organisationId), ...history.series.map((s) => s.organisationId)],
      consortiumId,
      kpiCodes: [...view.items.map((i) => i.kpiCode), ...history.series.map((s) => s.kpiCode)],
    });
    const model = buildPerformanceView({
      consortiumName: c.name,
      audience: await this.audience(p, c),
      month,
      at,
      items: view.items,
      credits: view.credits,
      history: history.series,
      names,
    });
    return { pdf: await this.renderer.render('performance', model), filename: `performance-${month}.pdf` };
  }

  /**
   * A member's statement for its board: the statement of GET /statements/:organisationId (same
   * service, same access: another member's is a 404), its monthly series, and an indicative exit
   * quote for notice given on the first day after the period.
   */
  statementPdf(p: Principal, consortiumId: string, organisationId: string, from: string, to: string, at = this.clock.now()): Promise<RenderedReport> {
    return this.admitFor(p, consortiumId, () => this.statementPdfNow(p, consortiumId, organisationId, from, to, at));
  }

  private async statementPdfNow(p: Principal, consortiumId: string, organisationId: string, from: string, to: string, at: Date): Promise<RenderedReport> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const statement = await this.statements.one(p, consortiumId, organisationId, from, to);
    const noticeDate = firstDay(addMonths(to, 1));
    let exit: StatementReportInput['exit'];
    if (!this.access.isHost(p, c) && p.organisationId !== organisationId) {
      // the partnership board reads every member's statement; an exit quote is for the member itself and the host
      exit = { unavailable: 'An exit quote is shown to the member itself and to the host.' };
    } else {
      try {
        exit = { quote: await this.exit.quote(p, consortiumId, organisationId, { noticeDate }) };
      } catch (e) {
        if (!(e instanceof DomainError) || e.status >= 500) throw e;
        exit = { unavailable: `No exit quote can be given for notice on ${noticeDate}: ${e.message}.` };
      }
    }
    const names = await this.names(p, { organisationIds: [organisationId], consortiumId });
    const model = buildStatementView({
      consortiumName: c.name,
      deliveryModel: c.deliveryModel,
      organisationName: names.organisation(organisationId),
      isHost: organisationId === c.hostOrganisationId,
      statement,
      serviceLineName: (id) => names.serviceLine(id).name,
      exit,
      at,
    });
    const slug = (names.organisations.get(organisationId)?.odsCode ?? organisationId).toLowerCase().replace(/[^a-z0-9-]/g, '');
    return { pdf: await this.renderer.render('statement', model), filename: `statement-${slug}-${from}-${to}.pdf` };
  }

  /**
   * The partnership board's consolidated statement: GET /statements/consolidated (same service, same
   * access). Whether the caller is on the board is checked before admission, so a member's partner
   * (403) spends no place in the PDF queue.
   */
  async consolidatedPdf(p: Principal, consortiumId: string, from: string, to: string, at = this.clock.now()): Promise<RenderedReport> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    if (!(await this.access.seesWholeConsortium(p, c))) throw new ForbiddenError('The consolidated statement is for the host and the partnership board (board viewers)');
    return this.pdf.admit(() => this.consolidatedPdfNow(p, consortiumId, from, to, at), { user: p.userId, consortium: consortiumId });
  }

  private async consolidatedPdfNow(p: Principal, consortiumId: string, from: string, to: string, at: Date): Promise<RenderedReport> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const consolidated = await this.statements.consolidated(p, consortiumId, from, to);
    const names = await this.names(p, { organisationIds: consolidated.items.map((i) => i.organisationId) });
    const model = buildConsolidatedView({
      consortiumName: c.name,
      deliveryModel: c.deliveryModel,
      hostOrganisationId: c.hostOrganisationId,
      consolidated,
      shortLabel: (id) => names.organisations.get(id)?.odsCode ?? null,
      at,
    });
    return { pdf: await this.renderer.render('consolidated', model), filename: `consolidated-${from}-${to}.pdf` };
  }

  /**
   * The board pack for a period (issue 16): the consolidated statement (GET /statements/consolidated,
   * with the benefits plan's figures), every member against the plan, each SLA target's status per
   * month (PerformanceService.month, as the performance report) and the decisions taken in the
   * period (the decisions log, by date). Same access as the consolidated statement, checked before
   * admission.
   */
  async boardPackPdf(p: Principal, consortiumId: string, from: string, to: string, at = this.clock.now()): Promise<RenderedReport> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    if (!(await this.access.seesWholeConsortium(p, c))) throw new ForbiddenError('The board pack is for the host and the partnership board (board viewers)');
    return this.pdf.admit(() => this.boardPackPdfNow(p, consortiumId, from, to, at), { user: p.userId, consortium: consortiumId });
  }

  private async boardPackPdfNow(p: Principal, consortiumId: string, from: string, to: string, at: Date): Promise<RenderedReport> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    // the consolidated statement first: it checks the range (400 naming `to`) before anything else is read
    const consolidated = await this.statements.consolidated(p, consortiumId, from, to);
    const performance: { month: string; items: Awaited<ReturnType<PerformanceService['month']>>['items'] }[] = [];
    // the performance summary shows at most the period's last 12 months (a table of targets by month must fit the page)
    for (const month of monthRange(from, to).slice(-12)) performance.push({ month, items: (await this.performance.month(p, consortiumId, month)).items });
    const decisions = await this.decisions.list(p, consortiumId, { from: firstDay(from), to: lastDay(to), limit: 500, offset: 0 });
    const names = await this.names(p, {
      organisationIds: [...consolidated.items.map((i) => i.organisationId), ...performance.flatMap((m) => m.items.map((i) => i.organisationId))],
      consortiumId,
      kpiCodes: performance.flatMap((m) => m.items.map((i) => i.kpiCode)),
    });
    const model = buildBoardPackView({
      consortiumName: c.name,
      deliveryModel: c.deliveryModel,
      hostOrganisationId: c.hostOrganisationId,
      consolidated,
      shortLabel: (id) => names.organisations.get(id)?.odsCode ?? null,
      performance,
      names,
      decisions: [...decisions.items].sort((a, b) => a.at.getTime() - b.at.getTime()),
      decisionsTotal: decisions.total,
      at,
    });
    return { pdf: await this.renderer.render('board-pack', model), filename: `board-pack-${from}-${to}.pdf` };
  }

  /**
   * A what-if scenario for a board paper (domain.md §14): priced now from `body` (nothing saved), or
   * a saved one with its figures as computed when saved. The same service and access as
   * POST/GET /consortia/:id/scenarios: a member's user sees its own organisation's item only.
   */
  scenarioPdf(p: Principal, consortiumId: string, source: { body: Omit<ScenarioRequestDto, 'name'> } | { scenarioId: string }, at = this.clock.now()): Promise<RenderedReport> {
    return this.admitFor(p, consortiumId, () => this.scenarioPdfNow(p, consortiumId, source, at));
  }

  private async scenarioPdfNow(p: Principal, consortiumId: string, source: { body: Omit<ScenarioRequestDto, 'name'> } | { scenarioId: string }, at: Date): Promise<RenderedReport> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const result: ScenarioResultView =
      'scenarioId' in source ? await this.scenarios.get(p, consortiumId, source.scenarioId) : await this.scenarios.run(p, consortiumId, { ...source.body, name: undefined });
    const changes = result.changes as unknown as ScenarioChange[];
    const orgIds = new Set<string>();
    for (const ch of changes) {
      if (ch.kind === 'leave') orgIds.add(ch.organisationId);
      if (ch.kind === 'addCost' && ch.attributableTo) orgIds.add(ch.attributableTo);
      if (ch.kind === 'agreement') {
        for (const id of Object.keys(ch.fixedShares ?? {})) orgIds.add(id);
        for (const pr of ch.prices ?? []) orgIds.add(pr.organisationId);
      }
    }
    const names = await this.names(p, { organisationIds: orgIds, consortiumId });
    const described = describeChanges(changes, {
      organisation: (id) => names.organisation(id),
      serviceLine: (id) => {
        const l = names.serviceLine(id);
        return `${l.code} (${l.name})`;
      },
    });
    const model = buildScenarioView({
      consortiumName: c.name,
      deliveryModel: c.deliveryModel,
      scenario: result,
      changes: described,
      audience: await this.audience(p, c),
      at,
    });
    const slug = result.id ? `-${result.id.slice(0, 8)}` : '';
    return { pdf: await this.renderer.render('scenario', model), filename: `scenario${slug}-${result.from}-${result.to}.pdf` };
  }

  /**
   * The agreement document: the approved version by default (or, with none approved yet, the
   * draft, marked DRAFT on every page), or the version asked for.
   */
  agreementPdf(p: Principal, consortiumId: string, version?: number, at = this.clock.now()): Promise<RenderedReport> {
    return this.admitFor(p, consortiumId, () => this.agreementPdfNow(p, consortiumId, version, at));
  }

  private async agreementPdfNow(p: Principal, consortiumId: string, version: number | undefined, at: Date): Promise<RenderedReport> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const { items } = await this.agreements.versions(p, consortiumId);
    const chosen =
      version !== undefined
        ? items.find((v) => v.version === version)
        : (items.find((v) => v.inForce) ??
          items.find((v) => v.status === 'approved') ??
          [...items].reverse().find((v) => v.status === 'proposed') ??
          [...items].reverse().find((v) => v.status === 'draft'));
    if (!chosen) throw new NotFoundError(version !== undefined ? 'Agreement version' : 'Agreement');
    const [{ items: members }, slas] = await Promise.all([this.consortia.listMembers(p, consortiumId), this.slas.ofConsortium(consortiumId)]);
    const names = await this.names(p, {
      organisationIds: [c.hostOrganisationId, ...members.map((x) => x.organisationId)],
      consortiumId,
      kpiCodes: slas.flatMap((s) => s.targets.map((t) => t.kpiCode)),
    });
    // one row per organisation: first joining, latest leaving (null while still a member)
    const byOrg = new Map<string, { joinedOn: string; leftOn: string | null }>();
    for (const x of members) {
      const prev = byOrg.get(x.organisationId);
      byOrg.set(
        x.organisationId,
        prev
          ? {
              joinedOn: prev.joinedOn < x.joinedOn ? prev.joinedOn : x.joinedOn,
              leftOn: prev.leftOn === null || x.leftOn === null ? null : prev.leftOn > x.leftOn ? prev.leftOn : x.leftOn,
            }
          : { joinedOn: x.joinedOn, leftOn: x.leftOn },
      );
    }
    const model = buildAgreementView({
      consortium: { name: c.name, deliveryModel: c.deliveryModel, startDate: c.startDate },
      hostOrganisationId: c.hostOrganisationId,
      members: [...byOrg].map(([id, period]) => {
        const o = names.organisations.get(id);
        return { organisationId: id, name: o?.name ?? 'Unknown organisation', odsCode: o?.odsCode ?? null, type: o?.type ?? 'other', ...period };
      }),
      serviceLines: [...names.serviceLines.values()].map((l) => ({
        id: l.id,
        code: l.code,
        name: l.name,
        function: l.function,
        classification: l.classification,
        recipientIds: l.recipientIds,
      })),
      slas: slas.map((s) => ({
        name: s.name,
        kind: s.kind,
        frequency: s.frequency,
        creditCapPercent: plain(s.creditCapPercent),
        effectiveFrom: s.effectiveFrom,
        effectiveTo: s.effectiveTo,
        serviceLineId: s.serviceLineId,
        targets: s.targets.map((t) => {
          const k = names.kpi(t.kpiCode);
          return {
            kpiCode: t.kpiCode,
            kpiName: k.name,
            unit: k.unit,
            direction: k.direction,
            target: plain(t.target),
            threshold: plain(t.threshold),
            creditPercent: plain(t.creditPercent),
          };
        }),
      })),
      agreement: chosen,
      at,
    });
    return {
      pdf: await this.renderer.render('agreement', model),
      filename: `agreement-v${chosen.version}${chosen.status === 'draft' || chosen.status === 'proposed' ? `-${chosen.status}` : ''}.pdf`,
    };
  }

  /** An organisation against its peers (GET /benchmarks with organisationId: same service, same access). */
  benchmarkPdf(p: Principal, q: PeerGroupQuery, organisationId?: string, at = this.clock.now()): Promise<RenderedReport> {
    return this.pdf.admit(() => this.benchmarkPdfNow(p, q, organisationId, at), { user: p.userId });
  }

  private async benchmarkPdfNow(p: Principal, q: PeerGroupQuery, organisationId: string | undefined, at: Date): Promise<RenderedReport> {
    const group = await this.benchmarking.peerGroup(p, q, { organisationId });
    const focus = organisationId ?? p.organisationId;
    const organisationName = focus ? await this.organisationName(focus) : null;
    const model = buildBenchmarkView({ organisationName, group, at });
    return { pdf: await this.renderer.render('benchmark', model), filename: `benchmark-${q.function}-${q.financialYear.replace('/', '-')}.pdf` };
  }
}
