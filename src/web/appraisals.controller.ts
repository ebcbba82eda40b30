import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppraisalReportService } from '../appraisals/appraisal-report.service';
import { AppraisalsService } from '../appraisals/appraisals.service';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { ForbiddenError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { AccessService } from '../consortia/access.service';
import { formatGbp } from '../reports/view/format';
import { sendPdf } from '../reports/reports.controller';
import { blankForm, checkForm, errorsFromService, formFrom, listView, resultView, withErrors, type AppraisalForm, type FormErrors } from './view/appraisals.view';
import { queryValue } from './view/periods';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia, type ConsortiumContext } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Options appraisals (domain.md §15): the saved appraisals of a partnership (every member reads
 * them), the form that makes one (the host, the partnership board and member organisations'
 * administrators, as `POST /api/v1/appraisals` allows: anyone else the 403 page), its results and its
 * PDF. The same AppraisalsService as the API, so the same figures and rules.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id')
export class AppraisalsPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly appraisals: AppraisalsService,
    private readonly reports: AppraisalReportService,
    private readonly access: AccessService,
  ) {}

  private async mayCreate(p: Principal, id: string): Promise<boolean> {
    return this.appraisals.mayCreate(p, await this.access.consortium(p, id, 'read'));
  }

  private crumbs(ctx: ConsortiumContext, id: string) {
    return [...ctx.crumbs, { text: 'Options appraisals', href: `/consortium/${id}/appraisals` }];
  }

  @Get('appraisals')
  async list(@CurrentUser() p: Principal, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.web.context(p, id, 'appraisals');
    const { items } = await this.appraisals.list(p, id);
    const view = listView(id, items, await this.mayCreate(p, id));
    await this.pages.render(req, res, 'appraisals', view, { title: 'Options appraisals', consortium: ctx.frame, breadcrumbs: ctx.crumbs });
  }

  @Get('appraisals/new')
  async newForm(@CurrentUser() p: Principal, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.form(req, res, p, id, blankForm(), {}, 200);
  }

  @Post('appraisals/new')
  @HttpCode(200)
  async create(@CurrentUser() p: Principal, @Param('id') id: string, @Body() body: Record<string, unknown> | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await this.mayCreate(p, id))) throw new ForbiddenError('Only the host, the partnership board and member organisations’ administrators make appraisals');
    const f = formFrom(body ?? {});
    const checked = checkForm(f, id);
    let errors = checked.errors;
    if (checked.dto) {
      try {
        const { view } = await this.appraisals.create(p, checked.dto);
        return res.redirect(303, `/consortium/${id}/appraisals/${view.id}`);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        const mapped = errorsFromService(e.errors, f, checked.optionIndex);
        if (!mapped) throw e;
        errors = mapped;
      }
    }
    await this.form(req, res, p, id, f, errors, 400);
  }

  private async form(req: Request, res: Response, p: Principal, id: string, f: AppraisalForm, errors: FormErrors, status: number): Promise<void> {
    const ctx = await this.web.context(p, id, 'appraisals');
    if (!(await this.mayCreate(p, id))) throw new ForbiddenError('Only the host, the partnership board and member organisations’ administrators make appraisals');
    const baselines = await this.appraisals.defaultStatusQuo(p, id);
    const { form, links } = withErrors(f, errors);
    const view = { action: `/consortium/${id}/appraisals/new`, back: `/consortium/${id}/appraisals`, form, baselinesText: formatGbp(baselines) };
    await this.pages.render(req, res, 'appraisal-new', view, { title: 'New options appraisal', consortium: ctx.frame, breadcrumbs: this.crumbs(ctx, id), errors: links }, status);
  }

  @Get('appraisals/:appraisalId')
  async result(@CurrentUser() p: Principal, @Param('id') id: string, @Param('appraisalId') appraisalId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.web.context(p, id, 'appraisals');
    if (!UUID.test(appraisalId)) throw new NotFoundError('Appraisal');
    const a = await this.appraisals.get(p, id, appraisalId);
    await this.pages.render(req, res, 'appraisal', resultView(id, a), { title: a.name ?? 'Options appraisal', consortium: ctx.frame, breadcrumbs: this.crumbs(ctx, id) });
  }

  /** As `GET /api/v1/consortia/:id/reports/appraisal.pdf?appraisalId=`. */
  @Get('reports/appraisal.pdf')
  async pdf(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    await this.web.context(p, id, 'reports');
    const appraisalId = queryValue(q.appraisalId);
    if (!appraisalId || !UUID.test(appraisalId))
      throw new ValidationError([{ field: 'appraisalId', message: 'appraisalId must be the id of a saved appraisal' }], 'The report’s link is not right');
    return sendPdf(res, () => this.reports.appraisalPdf(p, id, appraisalId));
  }
}
