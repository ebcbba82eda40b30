import { Controller, Get, Param, Query, Req, Res, StreamableFile, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AgreementsService } from '../agreements/agreements.service';
import { AppraisalsService } from '../appraisals/appraisals.service';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { isBenchmarkFunction, type BenchmarkFunction } from '../benchmarking/core';
import { Clock } from '../common/clock';
import { ORGANISATION_TYPES, type OrganisationType } from '../common/enums';
import { ValidationError, type FieldError } from '../common/errors/domain-error';
import { addMonths, financialYear, isFinancialYear, isMonth, monthOf } from '../common/months';
import { dateInWindow, monthInWindow } from '../common/validation/input-limits';
import { MonthsService } from '../months/months.service';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { sendPdf } from '../reports/reports.controller';
import { ScenariosService } from '../scenarios/scenarios.service';
import { ReportsService } from '../reports/reports.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import { queryValue, statementPeriods } from './view/periods';
import { reportsView } from './view/reports.view';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

function month(q: Record<string, unknown>, field: string, errors: FieldError[]): string {
  const v = queryValue(q[field]);
  if (!isMonth(v) || !monthInWindow(v)) errors.push({ field, message: `${field} must be a month YYYY-MM` });
  return v ?? '';
}

function valid(errors: FieldError[]): void {
  if (errors.length) throw new ValidationError(errors, `The report's link is not right: ${errors.map((e) => e.message).join('; ')}`);
}

/**
 * Every PDF the caller may read, and the web routes that stream them: the same ReportsService
 * methods as the API's PDF routes (src/reports/reports.controller.ts), so the same access rules (a
 * partner asking for the consolidated statement gets the 403 page, another member's statement the
 * 404 page), for the signed-in user's session instead of a bearer token. The statement PDF is
 * `/consortium/:id/statements/statement.pdf` (StatementsPageController).
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id')
export class ReportsPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly reports: ReportsService,
    private readonly months: MonthsService,
    private readonly agreements: AgreementsService,
    private readonly serviceLines: ServiceLinesService,
    private readonly directory: OrganisationDirectoryService,
    private readonly clock: Clock,
    private readonly appraisals: AppraisalsService,
    private readonly scenarios: ScenariosService,
  ) {}

  @Get('reports')
  async page(@CurrentUser() p: Principal, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.web.context(p, id, 'reports');
    const [closed, performanceMonth, versions, lines, own, appraisals] = await Promise.all([
      this.months.months(p, id),
      this.web.latestMeasuredMonth(p, id),
      this.agreements.versions(p, id),
      this.serviceLines.list(p, id),
      p.organisationId ? this.directory.findMany(null, [p.organisationId]) : Promise.resolve([]),
      this.appraisals.list(p, id),
    ]);
    const scenarios = (await this.scenarios.list(p, id)).items;
    const currentMonth = this.clock.month();
    const periods = statementPeriods({ startMonth: monthOf(ctx.consortium.startDate), currentMonth, closed: closed.items.map((m) => m.month) });
    // the version the agreement PDF opens on without one asked for (ReportsService.agreementPdf)
    const items = versions.items;
    const agreement =
      items.find((v) => v.inForce) ??
      items.find((v) => v.status === 'approved') ??
      [...items].reverse().find((v) => v.status === 'proposed') ??
      [...items].reverse().find((v) => v.status === 'draft') ??
      null;
    const functions = [...new Set<string>(lines.items.map((l) => l.function))].filter(isBenchmarkFunction);
    const org = own[0] ? { id: own[0].id, name: own[0].name, type: own[0].type } : null;
    const view = reportsView({
      consortiumId: id,
      organisation: org,
      seesWholeConsortium: ctx.seesWholeConsortium,
      periods,
      performanceMonth,
      agreement: agreement ? { version: agreement.version, status: agreement.status } : null,
      // the last complete financial year
      benchmark: { financialYear: financialYear(addMonths(currentMonth, -12)), functions },
      appraisals: appraisals.items.map((a) => ({ id: a.id, name: a.name })),
      scenarios,
    });
    await this.pages.render(req, res, 'reports', view, { title: 'Reports', consortium: ctx.frame, breadcrumbs: ctx.crumbs });
  }

  /** As `GET /api/v1/consortia/:id/reports/performance.pdf?month=`. */
  @Get('reports/performance.pdf')
  async performance(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    await this.web.context(p, id, 'reports');
    const errors: FieldError[] = [];
    const m = month(q, 'month', errors);
    valid(errors);
    return sendPdf(res, () => this.reports.performancePdf(p, id, m));
  }

  /** As `GET /api/v1/consortia/:id/reports/consolidated.pdf?from=&to=` (the host and the partnership board; others the 403 page). */
  @Get('reports/consolidated.pdf')
  async consolidated(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Query() q: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    await this.web.context(p, id, 'reports');
    const errors: FieldError[] = [];
    const from = month(q, 'from', errors);
    const to = month(q, 'to', errors);
    valid(errors);
    return sendPdf(res, () => this.reports.consolidatedPdf(p, id, from, to));
  }

  /** As `GET /api/v1/consortia/:id/reports/board-pack.pdf?from=&to=` (the host and the partnership board; others the 403 page). */
  @Get('reports/board-pack.pdf')
  async boardPack(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    await this.web.context(p, id, 'reports');
    const errors: FieldError[] = [];
    const from = month(q, 'from', errors);
    const to = month(q, 'to', errors);
    valid(errors);
    return sendPdf(res, () => this.reports.boardPackPdf(p, id, from, to));
  }

  /** As `GET /api/v1/consortia/:id/reports/agreement.pdf?version=` (default: the version in force). */
  @Get('reports/agreement.pdf')
  async agreement(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    await this.web.context(p, id, 'reports');
    const v = queryValue(q.version);
    if (v !== undefined && !/^[1-9]\d{0,8}$/.test(v)) valid([{ field: 'version', message: 'version must be a whole number, 1 or more' }]);
    return sendPdf(res, () => this.reports.agreementPdf(p, id, v === undefined ? undefined : Number(v)));
  }

  /**
   * As `GET /api/v1/benchmarks/report.pdf?financialYear=&function=&organisationType=`: the caller's
   * organisation against its peers (benchmarking is not a partnership's, but the page that links it is).
   */
  @Get('reports/benchmark.pdf')
  async benchmark(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    await this.web.context(p, id, 'reports');
    const fy = queryValue(q.financialYear);
    const fn = queryValue(q.function);
    const type = queryValue(q.organisationType);
    const errors: FieldError[] = [];
    if (!isFinancialYear(fy) || !dateInWindow(`${fy.slice(0, 4)}-04-01`)) errors.push({ field: 'financialYear', message: 'financialYear must be a financial year like 2025/26' });
    if (!isBenchmarkFunction(fn)) errors.push({ field: 'function', message: 'function must be a benchmarked function' });
    if (!(ORGANISATION_TYPES as readonly string[]).includes(type ?? '')) errors.push({ field: 'organisationType', message: 'organisationType must be an organisation type' });
    valid(errors);
    return sendPdf(res, () => this.reports.benchmarkPdf(p, { financialYear: fy!, function: fn as BenchmarkFunction, organisationType: type as OrganisationType }));
  }
}
