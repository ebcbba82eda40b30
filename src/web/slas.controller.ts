import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors/domain-error';
import { KpisService } from '../kpis/kpis.service';
import type { Kpi } from '../kpis/kpi.model';
import type { ServiceLineView } from '../service-lines/dto';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import type { SlaView } from '../slas/dto';
import { SlasService } from '../slas/slas.service';
import { formatMonthLong } from '../reports/view/format';
import { hostContext, isFormRefusal } from './host-pages';
import { errorLinks, monthParts, sentence, str } from './view/form-inputs';
import { queryValue } from './view/periods';
import { readRetireForm, readSlaForm, slaErrorsFromService, slaFieldOrder, slaFormOf, slaFormView, slasListView, type SlaForm } from './view/slas.view';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia, type ConsortiumContext } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The host's "SLAs" (issue 15): the same services as `GET/POST …/slas`, `PATCH …/slas/:id` and
 * `GET /kpis`. The list reads as the API's GET does (every member); the forms are the host's and
 * platform administrators' (a member: the 403 page, as the API's 403).
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id/slas')
export class SlasPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly slas: SlasService,
    private readonly lines: ServiceLinesService,
    private readonly kpis: KpisService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.web.context(p, id, 'slas');
    const [lines, slas] = await Promise.all([this.lines.list(p, id), this.slas.list(p, id)]);
    const view = slasListView({
      consortiumId: id,
      lines: lines.items,
      slas: slas.items,
      month: this.clock.today().slice(0, 7),
      manages: ctx.runsConsortium && ctx.consortium.archivedAt === null,
      done: { added: queryValue(q.added), changed: queryValue(q.changed), retired: queryValue(q.retired) },
    });
    await this.pages.render(req, res, 'slas', view, { title: 'Service level agreements', consortium: ctx.frame, breadcrumbs: ctx.crumbs });
  }

  private async catalogue(): Promise<Kpi[]> {
    return (await this.kpis.list({ limit: 500, offset: 0 })).items;
  }

  private async line(p: Principal, id: string, lineId: string): Promise<ServiceLineView> {
    if (!UUID.test(lineId)) throw new NotFoundError('Service line');
    return this.lines.get(p, id, lineId);
  }

  private async sla(p: Principal, id: string, slaId: string): Promise<SlaView> {
    if (!UUID.test(slaId)) throw new NotFoundError('SLA');
    return this.slas.get(p, id, slaId);
  }

  private async form(
    req: Request,
    res: Response,
    ctx: ConsortiumContext,
    o: { line: ServiceLineView; sla: SlaView | null; form: SlaForm; errors: Record<string, string>; refusal: string | null },
    status = 200,
  ): Promise<void> {
    const base = `/consortium/${ctx.consortium.id}/slas`;
    const view = slaFormView({
      action: o.sla ? `${base}/${o.sla.id}/edit` : `${base}/new`,
      toggleHref: '',
      editing: o.sla !== null,
      line: o.line,
      kpis: await this.catalogue(),
      form: o.form,
      errors: o.errors,
      refusal: o.refusal,
      cancel: base,
    });
    const title = o.sla ? `Change ${o.sla.name}` : `Add an agreement to ${o.line.name}`;
    const errors = errorLinks(o.errors, slaFieldOrder(o.form.targets.length + 2));
    await this.pages.render(req, res, 'sla-form', view, { title, consortium: ctx.frame, breadcrumbs: [...ctx.crumbs, { text: 'SLAs', href: base }], errors }, status);
  }

  @Get('new')
  async addPage(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await hostContext(this.web, p, id, 'slas');
    const line = await this.line(p, id, str(q.serviceLineId));
    const form: SlaForm = {
      name: '',
      kind: 'SLA',
      frequency: 'monthly',
      creditCapPercent: '',
      effectiveFrom: monthParts(null),
      effectiveTo: monthParts(null),
      crossFunction: false,
      targets: [],
    };
    await this.form(req, res, ctx, { line, sla: null, form, errors: {}, refusal: null });
  }

  @Post('new')
  @HttpCode(200)
  async add(@CurrentUser() p: Principal, @Param('id') id: string, @Body() body: Record<string, unknown> | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await hostContext(this.web, p, id, 'slas');
    const b = body ?? {};
    const line = await this.line(p, id, str(b.serviceLineId));
    const kpis = new Map((await this.catalogue()).map((k) => [k.code, k]));
    const read = readSlaForm(b, kpis, { editing: false, lineFunction: line.function });
    // "Use indicators of other functions" (or back): the same form with the other list, nothing checked yet
    if (str(b.toggle)) return this.form(req, res, ctx, { line, sla: null, form: { ...read.form, crossFunction: !read.form.crossFunction }, errors: {}, refusal: null });
    if (!read.create) return this.form(req, res, ctx, { line, sla: null, form: read.form, errors: read.errors, refusal: null }, 400);
    try {
      const made = await this.slas.create(p, id, { serviceLineId: line.id, ...read.create });
      res.redirect(303, `/consortium/${id}/slas?added=${made.id}`);
    } catch (e) {
      if (!isFormRefusal(e) || e.status === 403) throw e;
      return this.form(
        req,
        res,
        ctx,
        { line, sla: null, form: read.form, errors: slaErrorsFromService(e.errors), refusal: `The agreement was not added. ${sentence(e.message)}` },
        e.status,
      );
    }
  }

  @Get(':slaId/edit')
  async editPage(@CurrentUser() p: Principal, @Param('id') id: string, @Param('slaId') slaId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await hostContext(this.web, p, id, 'slas');
    const sla = await this.sla(p, id, slaId);
    const line = await this.line(p, id, sla.serviceLineId);
    await this.form(req, res, ctx, { line, sla, form: slaFormOf(sla), errors: {}, refusal: null });
  }

  @Post(':slaId/edit')
  @HttpCode(200)
  async edit(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Param('slaId') slaId: string,
    @Body() body: Record<string, unknown> | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const ctx = await hostContext(this.web, p, id, 'slas');
    const sla = await this.sla(p, id, slaId);
    const line = await this.line(p, id, sla.serviceLineId);
    const kpis = new Map((await this.catalogue()).map((k) => [k.code, k]));
    const read = readSlaForm(body ?? {}, kpis, { editing: true, lineFunction: line.function, kind: sla.kind });
    const form = { ...slaFormOf(sla), name: read.form.name, crossFunction: read.form.crossFunction, targets: read.form.targets };
    if (str((body ?? {}).toggle)) return this.form(req, res, ctx, { line, sla, form: { ...form, crossFunction: !form.crossFunction }, errors: {}, refusal: null });
    if (!read.update) return this.form(req, res, ctx, { line, sla, form, errors: read.errors, refusal: null }, 400);
    try {
      await this.slas.update(p, id, slaId, read.update);
    } catch (e) {
      if (!isFormRefusal(e) || e.status === 403) throw e;
      return this.form(req, res, ctx, { line, sla, form, errors: slaErrorsFromService(e.errors), refusal: `Nothing was changed. ${sentence(e.message)}` }, e.status);
    }
    res.redirect(303, `/consortium/${id}/slas?changed=${slaId}`);
  }

  private async retirePage(
    req: Request,
    res: Response,
    ctx: ConsortiumContext,
    sla: SlaView,
    o: { parts: { month: string; year: string }; error: string | null; confirm: string | null; refusal: string | null },
    status = 200,
  ): Promise<void> {
    const base = `/consortium/${ctx.consortium.id}/slas`;
    const view = {
      action: `${base}/${sla.id}/retire`,
      confirmAction: `${base}/${sla.id}/retire/confirm`,
      cancel: base,
      name: sla.name,
      applies: `It applies from ${formatMonthLong(sla.effectiveFrom)}${sla.effectiveTo ? ` to ${formatMonthLong(sla.effectiveTo)}` : ''}.`,
      parts: o.parts,
      error: o.error,
      confirm: o.confirm ? { month: o.confirm, text: formatMonthLong(o.confirm), parts: monthParts(o.confirm) } : null,
      refusal: o.refusal,
    };
    const title = o.confirm ? `Are you sure you want to retire ${sla.name}?` : `Retire ${sla.name}`;
    const errors = o.error ? [{ text: o.error, href: '#effectiveTo-month' }] : [];
    await this.pages.render(req, res, 'sla-retire', view, { title, consortium: ctx.frame, breadcrumbs: [...ctx.crumbs, { text: 'SLAs', href: base }], errors }, status);
  }

  @Get(':slaId/retire')
  async retireForm(@CurrentUser() p: Principal, @Param('id') id: string, @Param('slaId') slaId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await hostContext(this.web, p, id, 'slas');
    const sla = await this.sla(p, id, slaId);
    await this.retirePage(req, res, ctx, sla, { parts: monthParts(sla.effectiveTo), error: null, confirm: null, refusal: null });
  }

  /** The month chosen: "are you sure" (nothing changed yet), or the question again with its error. */
  @Post(':slaId/retire')
  @HttpCode(200)
  async retireCheck(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Param('slaId') slaId: string,
    @Body() body: Record<string, unknown> | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const ctx = await hostContext(this.web, p, id, 'slas');
    const sla = await this.sla(p, id, slaId);
    const r = readRetireForm(body ?? {});
    if (r.error || !r.month) return this.retirePage(req, res, ctx, sla, { parts: r.parts, error: r.error, confirm: null, refusal: null }, 400);
    await this.retirePage(req, res, ctx, sla, { parts: r.parts, error: null, confirm: r.month, refusal: null });
  }

  @Post(':slaId/retire/confirm')
  @HttpCode(200)
  async retire(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Param('slaId') slaId: string,
    @Body() body: Record<string, unknown> | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const ctx = await hostContext(this.web, p, id, 'slas');
    const sla = await this.sla(p, id, slaId);
    const r = readRetireForm(body ?? {});
    if (r.error || !r.month) return this.retirePage(req, res, ctx, sla, { parts: r.parts, error: r.error, confirm: null, refusal: null }, 400);
    try {
      await this.slas.update(p, id, slaId, { effectiveTo: r.month });
    } catch (e) {
      if (!isFormRefusal(e) || e.status === 403) throw e;
      const field = e.errors.find((x) => x.field === 'effectiveTo');
      return this.retirePage(
        req,
        res,
        ctx,
        sla,
        { parts: r.parts, error: sentence(field?.message ?? e.message), confirm: null, refusal: `The agreement was not retired. ${sentence(e.message)}` },
        e.status,
      );
    }
    res.redirect(303, `/consortium/${id}/slas?retired=${slaId}`);
  }
}
