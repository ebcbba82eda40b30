import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { DomainError, ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import { ConsortiaService } from '../consortia/consortia.service';
import { MonthCloseService } from '../months/month-close.service';
import { MonthsService } from '../months/months.service';
import { confirmPageView, issuedPageView, monthsHref, monthsPageView, previewPageView, readCloseNote, readPreviewToken, type MemberName } from './view/months.view';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia, type ConsortiumContext } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Closing a month (issue 15, the host's pages): the closed months, a preview of what closing the next
 * one would issue (MonthCloseService.preview, the API's `GET …/months/:month/preview`), a confirmation
 * carrying the preview's token, the close (MonthCloseService.close with that token, so figures that
 * changed since the preview are refused: 409 preview_out_of_date, shown as the preview again), and
 * the issued statements with their hashes (`GET …/months/:month/statements`). The host's
 * administrators and platform admins only: anyone else the API refuses (403), another partnership
 * is the 404 page.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id/months')
export class MonthsPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly months: MonthsService,
    private readonly closing: MonthCloseService,
    private readonly consortia: ConsortiaService,
    private readonly clock: Clock,
  ) {}

  private async load(p: Principal, id: string): Promise<{ ctx: ConsortiumContext; names: MemberName[] }> {
    const ctx = await this.web.context(p, id, 'close');
    if (!ctx.runsConsortium) throw new ForbiddenError('Only the host runs the month close');
    const names = (await this.consortia.listMembers(p, id)).items.map((m) => ({ organisationId: m.organisationId, organisationName: m.organisationName }));
    return { ctx, names };
  }

  private crumbs(ctx: ConsortiumContext) {
    return [...ctx.crumbs, { text: 'Close a month', href: monthsHref(ctx.consortium.id) }];
  }

  @Get()
  async list(@CurrentUser() p: Principal, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { ctx } = await this.load(p, id);
    const view = monthsPageView({ consortiumId: id, months: await this.months.months(p, id), thisMonth: this.clock.month() });
    await this.pages.render(req, res, 'months', view, { title: 'Close a month', consortium: ctx.frame, breadcrumbs: ctx.crumbs });
  }

  @Get(':month/preview')
  async preview(@CurrentUser() p: Principal, @Param('id') id: string, @Param('month') month: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { ctx, names } = await this.load(p, id);
    if (!MONTH.test(month)) throw new NotFoundError('Month');
    await this.renderPreview(req, res, p, ctx, names, month, false, 200);
  }

  private async renderPreview(req: Request, res: Response, p: Principal, ctx: ConsortiumContext, names: MemberName[], month: string, changed: boolean, status: number) {
    const preview = await this.closing.preview(p, ctx.consortium.id, month);
    const view = previewPageView({ consortiumId: ctx.consortium.id, preview, names, changed });
    await this.pages.render(req, res, 'month-preview', view, { title: `Preview ${view.monthText}`, consortium: ctx.frame, breadcrumbs: this.crumbs(ctx) }, status);
  }

  @Get(':month/close')
  async confirm(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Param('month') month: string,
    @Query('previewToken') token: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const { ctx } = await this.load(p, id);
    if (!MONTH.test(month)) throw new NotFoundError('Month');
    const previewToken = readPreviewToken(token);
    // no preview seen: the preview first
    if (!previewToken) return res.redirect(303, monthsHref(id, month, '/preview'));
    const view = confirmPageView({ consortiumId: id, month, previewToken, note: '', noteError: null });
    await this.pages.render(req, res, 'month-close', view, { title: `Close ${view.monthText}`, consortium: ctx.frame, breadcrumbs: this.crumbs(ctx) });
  }

  @Post(':month/close')
  @HttpCode(200)
  async close(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Param('month') month: string,
    @Body() body: Record<string, unknown> | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const { ctx, names } = await this.load(p, id);
    if (!MONTH.test(month)) throw new NotFoundError('Month');
    const previewToken = readPreviewToken(body?.previewToken);
    if (!previewToken) return res.redirect(303, monthsHref(id, month, '/preview'));
    const { note, error } = readCloseNote(body?.note);
    if (error) {
      const view = confirmPageView({ consortiumId: id, month, previewToken, note, noteError: error });
      return this.pages.render(
        req,
        res,
        'month-close',
        view,
        { title: `Close ${view.monthText}`, consortium: ctx.frame, breadcrumbs: this.crumbs(ctx), errors: [{ text: error, href: '#note' }] },
        400,
      );
    }
    try {
      await this.closing.close(p, id, month, note || undefined, previewToken);
    } catch (e) {
      // the figures changed since the preview: the preview again, fresh, saying so
      if (e instanceof DomainError && e.code === 'preview_out_of_date') return this.renderPreview(req, res, p, ctx, names, month, true, 409);
      throw e;
    }
    res.redirect(303, `${monthsHref(id, month)}?closed=1`);
  }

  @Get(':month')
  async issued(@CurrentUser() p: Principal, @Param('id') id: string, @Param('month') month: string, @Query('closed') closed: unknown, @Req() req: Request, @Res() res: Response) {
    const { ctx, names } = await this.load(p, id);
    if (!MONTH.test(month)) throw new NotFoundError('Month');
    const view = issuedPageView({ consortiumId: id, closed: await this.months.issued(p, id, month), names, justClosed: closed === '1' });
    await this.pages.render(req, res, 'month-issued', view, { title: `Statements issued for ${view.monthText}`, consortium: ctx.frame, breadcrumbs: this.crumbs(ctx) });
  }
}
