import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors/domain-error';
import { monthOf } from '../common/months';
import { ConsortiaService } from '../consortia/consortia.service';
import { MonthsService } from '../months/months.service';
import { sendJobFile, sendZip } from '../reports/jobs/report-jobs.controller';
import { ReportJobsService } from '../reports/jobs/report-jobs.service';
import { batchesView, batchView } from './view/batches.view';
import { pager, readPage } from './view/pager';
import { monthChoices, readPeriod, statementPeriods, type PeriodField } from './view/periods';
import { periodErrorLinks } from './view/statements.view';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia, type ConsortiumContext } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE_SIZE = 20;

/**
 * Statement batches (issue 15, the host's pages): start a quarter-end batch of statement PDFs, the
 * consortium's batches, a batch's progress (refreshing itself without JavaScript while it runs; with
 * JavaScript, polling `…/progress`), each PDF as soon as it is ready and all of them as one ZIP. The
 * same service as `POST /api/v1/consortia/:id/reports/statements`, `GET …/reports/jobs`,
 * `GET …/reports/jobs/:jobId`, `…/files/:organisationId.pdf` and `…/files.zip`, so the same access:
 * the host's administrators and platform admins; another member is the 403 page, another tenant's
 * partnership the 404 page.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id/batches')
export class BatchesPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly jobs: ReportJobsService,
    private readonly months: MonthsService,
    private readonly consortia: ConsortiaService,
    private readonly clock: Clock,
  ) {}

  private async renderList(
    req: Request,
    res: Response,
    p: Principal,
    ctx: ConsortiumContext,
    o: { page: number; form: { from?: string; to?: string; errors: PeriodField[] } | null },
    status = 200,
  ): Promise<void> {
    const id = ctx.consortium.id;
    // the service decides who may see batches (the API's 403 for a member)
    const offset = (o.page - 1) * PAGE_SIZE;
    const [list, closed] = await Promise.all([this.jobs.list(p, id, PAGE_SIZE, offset), this.months.months(p, id)]);
    const startMonth = monthOf(ctx.consortium.startDate);
    const currentMonth = this.clock.month();
    const periods = statementPeriods({ startMonth, currentMonth, closed: closed.items.map((m) => m.month) });
    const form = o.form ?? { errors: [] };
    const view = batchesView({
      consortiumId: id,
      archived: ctx.consortium.archivedAt !== null,
      periods,
      choices: monthChoices(startMonth, currentMonth),
      form: { from: form.from ?? periods.default.from, to: form.to ?? periods.default.to, errors: form.errors },
      jobs: list.items,
      pager: pager(`/consortium/${id}/batches`, {}, { offset, limit: PAGE_SIZE, total: list.total }),
    });
    await this.pages.render(
      req,
      res,
      'batches',
      view,
      { title: 'Statement batches', consortium: ctx.frame, breadcrumbs: ctx.crumbs, errors: periodErrorLinks(form.errors) },
      status,
    );
  }

  @Get()
  async list(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.web.context(p, id, 'batches');
    await this.renderList(req, res, p, ctx, { page: readPage(q.page), form: null });
  }

  /** Starts a batch (or finds the identical one still running) and goes to its page (POST-redirect-GET). */
  @Post()
  @HttpCode(200)
  async start(@CurrentUser() p: Principal, @Param('id') id: string, @Body() body: Record<string, unknown> | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.web.context(p, id, 'batches');
    const startMonth = monthOf(ctx.consortium.startDate);
    const currentMonth = this.clock.month();
    const b = body ?? {};
    // both fields are on the form: a post without them is a post with them empty
    const read = readPeriod({ from: b.from ?? '', to: b.to ?? '' }, { startMonth, currentMonth, default: { from: startMonth, to: startMonth } });
    if (!read.period) return this.renderList(req, res, p, ctx, { page: 1, form: { from: read.from, to: read.to, errors: read.errors } }, 400);
    const { job } = await this.jobs.enqueueStatements(p, id, read.period.from, read.period.to);
    res.redirect(303, `/consortium/${id}/batches/${job.id}?started=1`);
  }

  private async batch(p: Principal, id: string, jobId: string, started: boolean, follow = false) {
    const ctx = await this.web.context(p, id, 'batches');
    if (!UUID.test(jobId)) throw new NotFoundError('Report job');
    const job = await this.jobs.get(p, id, jobId);
    const names: Record<string, string> = {};
    if (job.errors.length) for (const m of (await this.consortia.listMembers(p, id)).items) names[m.organisationId] = m.organisationName;
    return { ctx, view: batchView({ consortiumId: id, job, names, started, follow }) };
  }

  @Get(':jobId')
  async one(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Param('jobId') jobId: string,
    @Query() q: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { ctx, view } = await this.batch(p, id, jobId, q.started === '1', q.follow === '1');
    // reloading only when the user asked for it (batchView: WCAG 2.2.1); the Refresh header reloads
    // the page as a meta refresh would, for browsers without JavaScript (with it, the page polls)
    if (view.refreshSeconds) res.setHeader('Refresh', String(view.refreshSeconds));
    await this.pages.render(req, res, 'batch', view, {
      title: view.heading,
      consortium: ctx.frame,
      breadcrumbs: [...ctx.crumbs, { text: 'Statement batches', href: `/consortium/${id}/batches` }],
    });
  }

  /** What the batch page's JavaScript polls: the progress, and the part of the page that changes, rendered by the page's own template. */
  @Get(':jobId/progress')
  async progress(@CurrentUser() p: Principal, @Param('id') id: string, @Param('jobId') jobId: string, @Res() res: Response): Promise<void> {
    const { view } = await this.batch(p, id, jobId, false);
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      status: view.status.text,
      pending: view.pending,
      done: view.progress.done,
      total: view.progress.total,
      text: view.progress.text,
      html: this.pages.fragment('batch-progress', view).toString(),
    });
  }

  @Get(':jobId/files.zip')
  async zip(@CurrentUser() p: Principal, @Param('id') id: string, @Param('jobId') jobId: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    await this.web.context(p, id, 'batches');
    if (!UUID.test(jobId)) throw new NotFoundError('Report job');
    return sendZip(res, await this.jobs.zip(p, id, jobId));
  }

  @Get(':jobId/files/:organisationId.pdf')
  async file(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Param('jobId') jobId: string,
    @Param('organisationId') organisationId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    await this.web.context(p, id, 'batches');
    if (!UUID.test(jobId) || !UUID.test(organisationId)) throw new NotFoundError('Report file');
    return sendJobFile(res, await this.jobs.file(p, id, jobId, organisationId));
  }
}
