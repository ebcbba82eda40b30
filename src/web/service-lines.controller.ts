import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors/domain-error';
import { ConsortiaService } from '../consortia/consortia.service';
import type { ServiceLineView } from '../service-lines/dto';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import { hostContext, isFormRefusal } from './host-pages';
import { errorLinks, sentence, withNames } from './view/form-inputs';
import { queryValue } from './view/periods';
import { LINE_FIELDS, lineErrorsFromService, lineFormOf, lineFormView, readLineForm, serviceLinesListView, type LineForm, type Member } from './view/service-lines.view';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia, type ConsortiumContext } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The host's "Service lines" (issue 15): the same services as `GET/POST …/service-lines` and
 * `PATCH …/service-lines/:id`. The list reads as the API's GET does (every member may read it); the
 * forms are the host's and platform administrators' (a member: the 403 page, as the API's 403).
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id/service-lines')
export class ServiceLinesPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly consortia: ConsortiaService,
    private readonly lines: ServiceLinesService,
  ) {}

  private async members(p: Principal, id: string): Promise<{ members: Member[]; names: Record<string, string> }> {
    const list = await this.consortia.listMembers(p, id);
    const names: Record<string, string> = {};
    for (const m of list.items) names[m.organisationId] = m.organisationName;
    return { members: Object.entries(names).map(([organisationId, organisationName]) => ({ organisationId, organisationName })), names };
  }

  @Get()
  async list(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.web.context(p, id, 'service-lines');
    const [lines, { names }] = await Promise.all([this.lines.list(p, id), this.members(p, id)]);
    const view = serviceLinesListView({
      consortiumId: id,
      lines: lines.items,
      names,
      manages: ctx.runsConsortium && ctx.consortium.archivedAt === null,
      done: { added: queryValue(q.added), changed: queryValue(q.changed) },
    });
    await this.pages.render(req, res, 'service-lines', view, { title: 'Service lines', consortium: ctx.frame, breadcrumbs: ctx.crumbs });
  }

  private async form(
    req: Request,
    res: Response,
    p: Principal,
    ctx: ConsortiumContext,
    o: { line: ServiceLineView | null; form: LineForm; errors: Record<string, string>; refusal: string | null },
    status = 200,
  ): Promise<void> {
    const id = ctx.consortium.id;
    const { members } = await this.members(p, id);
    const base = `/consortium/${id}/service-lines`;
    const view = lineFormView({
      action: o.line ? `${base}/${o.line.id}/edit` : `${base}/new`,
      editing: o.line !== null,
      form: o.form,
      errors: o.errors,
      members,
      refusal: o.refusal,
      cancel: base,
    });
    const title = o.line ? `Change ${o.line.name} (${o.line.code})` : 'Add a service line';
    const errors = errorLinks(o.errors, LINE_FIELDS);
    await this.pages.render(
      req,
      res,
      'service-line-form',
      view,
      { title, consortium: ctx.frame, breadcrumbs: [...ctx.crumbs, { text: 'Service lines', href: base }], errors },
      status,
    );
  }

  @Get('new')
  async addPage(@CurrentUser() p: Principal, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await hostContext(this.web, p, id, 'service-lines');
    const form: LineForm = { name: '', code: '', function: '', classification: '', goLive: { month: '', year: '' }, recipients: 'all', recipientIds: [] };
    await this.form(req, res, p, ctx, { line: null, form, errors: {}, refusal: null });
  }

  @Post('new')
  @HttpCode(200)
  async add(@CurrentUser() p: Principal, @Param('id') id: string, @Body() body: Record<string, unknown> | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await hostContext(this.web, p, id, 'service-lines');
    const { names } = await this.members(p, id);
    const read = readLineForm(body ?? {}, new Set(Object.keys(names)), false);
    if (!read.create) return this.form(req, res, p, ctx, { line: null, form: read.form, errors: read.errors, refusal: null }, 400);
    try {
      const made = await this.lines.create(p, id, read.create);
      res.redirect(303, `/consortium/${id}/service-lines?added=${made.id}`);
    } catch (e) {
      if (!isFormRefusal(e) || e.status === 403) throw e;
      const errors = lineErrorsFromService(e.errors, names);
      return this.form(req, res, p, ctx, { line: null, form: read.form, errors, refusal: `The service line was not added. ${sentence(withNames(e.message, names))}` }, e.status);
    }
  }

  private async line(p: Principal, id: string, lineId: string): Promise<ServiceLineView> {
    if (!UUID.test(lineId)) throw new NotFoundError('Service line');
    return this.lines.get(p, id, lineId);
  }

  @Get(':lineId/edit')
  async editPage(@CurrentUser() p: Principal, @Param('id') id: string, @Param('lineId') lineId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await hostContext(this.web, p, id, 'service-lines');
    const line = await this.line(p, id, lineId);
    await this.form(req, res, p, ctx, { line, form: lineFormOf(line), errors: {}, refusal: null });
  }

  @Post(':lineId/edit')
  @HttpCode(200)
  async edit(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Param('lineId') lineId: string,
    @Body() body: Record<string, unknown> | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const ctx = await hostContext(this.web, p, id, 'service-lines');
    const line = await this.line(p, id, lineId);
    const { names } = await this.members(p, id);
    const read = readLineForm(body ?? {}, new Set(Object.keys(names)), true);
    const form = { ...read.form, code: line.code, function: line.function, classification: line.classification };
    if (!read.update) return this.form(req, res, p, ctx, { line, form, errors: read.errors, refusal: null }, 400);
    try {
      await this.lines.update(p, id, lineId, read.update);
    } catch (e) {
      if (!isFormRefusal(e) || e.status === 403) throw e;
      const errors = lineErrorsFromService(e.errors, names);
      return this.form(req, res, p, ctx, { line, form, errors, refusal: `Nothing was changed. ${sentence(withNames(e.message, names))}` }, e.status);
    }
    res.redirect(303, `/consortium/${id}/service-lines?changed=${lineId}`);
  }
}
