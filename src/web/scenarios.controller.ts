import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { ConsortiaService } from '../consortia/consortia.service';
import { sendPdf } from '../reports/reports.controller';
import { ReportsService } from '../reports/reports.service';
import { buildScenarioView } from '../reports/view/scenario.view';
import type { ScenarioChange } from '../scenarios/core';
import { describeChanges } from '../scenarios/describe';
import type { ScenarioRequestDto, ScenarioResultView } from '../scenarios/dto';
import { SCENARIO_SAVERS, ScenariosService } from '../scenarios/scenarios.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import { queryValue } from './view/periods';
import {
  errorLinks,
  errorsFromService,
  formFromChanges,
  formToRequest,
  formView,
  hiddenFields,
  readScenarioForm,
  resultsView,
  savedListView,
  type NamedLine,
  type NamedMember,
  type ScenarioForm,
  type ScenarioFormErrors,
} from './view/scenarios.view';
import { uniqueMembers } from './view/statements.view';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia, type ConsortiumContext } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Loaded {
  ctx: ConsortiumContext;
  lines: NamedLine[];
  members: NamedMember[];
  commercial: boolean;
  canSave: boolean;
}

/**
 * What-if scenarios (domain.md §14): the saved scenarios and a form to build one, without
 * JavaScript; priced by ScenariosService as `POST /api/v1/consortia/:id/scenarios` (any member; a
 * member's user sees its own organisation's line), saved with a name by those who may save
 * (not partner users), and the PDF of ReportsService.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id/scenarios')
export class ScenariosPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly consortia: ConsortiaService,
    private readonly serviceLines: ServiceLinesService,
    private readonly scenarios: ScenariosService,
    private readonly reports: ReportsService,
  ) {}

  private async load(p: Principal, id: string): Promise<Loaded> {
    const ctx = await this.web.context(p, id, 'scenarios');
    const [lines, members] = await Promise.all([this.serviceLines.list(p, id), this.consortia.listMembers(p, id)]);
    return {
      ctx,
      lines: lines.items.map((l) => ({ id: l.id, code: l.code, name: l.name })),
      members: uniqueMembers(members.items).map((m) => ({ id: m.organisationId, name: m.organisationName, isHost: m.isHost })),
      commercial: ctx.consortium.deliveryModel !== 'cooperative',
      canSave: SCENARIO_SAVERS.includes(p.role),
    };
  }

  private describe(l: Loaded, changes: readonly ScenarioChange[]): string[] {
    return describeChanges(changes, {
      organisation: (o) => l.members.find((m) => m.id === o)?.name ?? 'A member',
      serviceLine: (s) => {
        const line = l.lines.find((x) => x.id === s);
        return line ? `${line.code} (${line.name})` : 'A service line';
      },
    });
  }

  private results(l: Loaded, p: Principal, r: ScenarioResultView) {
    const changes = this.describe(l, r.changes as unknown as ScenarioChange[]);
    const ownOnly = !l.ctx.seesWholeConsortium;
    const chart = buildScenarioView({
      consortiumName: l.ctx.consortium.name,
      deliveryModel: l.ctx.consortium.deliveryModel,
      scenario: r,
      changes,
      audience: null,
      at: new Date(),
    }).chart;
    void p;
    return resultsView(r, { changes, chart, ownOnly, commercial: l.commercial });
  }

  private async render(
    req: Request,
    res: Response,
    p: Principal,
    l: Loaded,
    state: { form: ScenarioForm; errors: ScenarioFormErrors; result: ScenarioResultView | null },
    status = 200,
  ): Promise<void> {
    const id = l.ctx.consortium.id;
    const saved = savedListView(id, await this.scenarios.list(p, id));
    const errors = errorLinks(state.errors);
    const view = {
      action: `/consortium/${id}/scenarios`,
      saved,
      hasSaved: saved.length > 0,
      canSave: l.canSave,
      form: formView(state.form, state.errors, { ...l, ownFiguresOnly: l.ctx.seesWholeConsortium ? undefined : { organisationId: p.organisationId } }),
      results: state.result ? this.results(l, p, state.result) : null,
      hidden: hiddenFields(state.form),
      ownOnly: !l.ctx.seesWholeConsortium,
    };
    await this.pages.render(req, res, 'scenarios', view, { title: 'What-if scenarios', consortium: l.ctx.frame, breadcrumbs: l.ctx.crumbs, errors }, status);
  }

  @Get()
  async page(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const l = await this.load(p, id);
    // prefilled from a link (the exit quote's "What if … left": the member, its leaving date, the range)
    const form = readScenarioForm({}, l.lines);
    for (const k of ['from', 'to']) form[k] = queryValue(q[k]) ?? '';
    const leave = queryValue(q.leave);
    if (leave && UUID.test(leave) && l.members.some((m) => m.id === leave.toLowerCase())) {
      form['leave-member'] = leave.toLowerCase();
      form['leave-date'] = queryValue(q.leftOn) ?? '';
    }
    await this.render(req, res, p, l, { form, errors: {}, result: null });
  }

  @Post()
  @HttpCode(200)
  async run(@CurrentUser() p: Principal, @Param('id') id: string, @Body() body: Record<string, unknown> | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const l = await this.load(p, id);
    const form = readScenarioForm(body ?? {}, l.lines);
    const action = typeof body?.action === 'string' ? body.action : 'run';
    const request = formToRequest(form, l.lines, l.commercial ? 'commercial' : 'cooperative');
    const dto: ScenarioRequestDto = { from: request.from, to: request.to, changes: request.changes };
    if (action === 'pdf') {
      try {
        const report = await this.reports.scenarioPdf(p, id, { body: dto });
        res.status(200).setHeader('Content-Type', 'application/pdf');
        res.setHeader('Content-Disposition', `inline; filename="${report.filename}"`);
        res.setHeader('Cache-Control', 'private, no-store');
        res.send(report.pdf);
        return;
      } catch (e) {
        if (!(e instanceof DomainError) || e.status !== 400) throw e;
        return this.render(req, res, p, l, { form, errors: errorsFromService(e.errors, request.changes, request.kinds), result: null }, 400);
      }
    }
    if (action === 'save') {
      if (!form['save-name']) {
        const result = await this.tryRun(p, id, dto);
        return this.render(
          req,
          res,
          p,
          l,
          {
            form,
            errors: { 'save-name': 'Name: enter a name to save the scenario under', ...(result.errors ? errorsFromService(result.errors, request.changes, request.kinds) : {}) },
            result: result.result,
          },
          400,
        );
      }
      dto.name = form['save-name'];
    }
    const r = await this.tryRun(p, id, dto);
    if (r.errors) return this.render(req, res, p, l, { form, errors: errorsFromService(r.errors, request.changes, request.kinds), result: null }, 400);
    if (action === 'save' && r.result?.id) return res.redirect(303, `/consortium/${id}/scenarios/${r.result.id}`);
    await this.render(req, res, p, l, { form, errors: {}, result: r.result });
  }

  private async tryRun(p: Principal, id: string, dto: ScenarioRequestDto): Promise<{ result: ScenarioResultView | null; errors: DomainError['errors'] | null }> {
    try {
      return { result: await this.scenarios.run(p, id, dto), errors: null };
    } catch (e) {
      if (e instanceof DomainError && e.status === 400) return { result: null, errors: e.errors.length ? e.errors : [{ field: 'changes', message: e.message }] };
      throw e;
    }
  }

  /** Deletes a saved scenario (its author or the host, as `DELETE /api/v1/…/scenarios/:scenarioId`; others the 403 page). */
  @Post(':scenarioId/delete')
  async remove(@CurrentUser() p: Principal, @Param('id') id: string, @Param('scenarioId') scenarioId: string, @Res() res: Response): Promise<void> {
    if (!UUID.test(scenarioId)) throw new NotFoundError('Scenario');
    await this.web.context(p, id, 'scenarios');
    await this.scenarios.delete(p, id, scenarioId);
    res.redirect(303, `/consortium/${id}/scenarios`);
  }

  @Get(':scenarioId/report.pdf')
  async pdf(@CurrentUser() p: Principal, @Param('id') id: string, @Param('scenarioId') scenarioId: string, @Res({ passthrough: true }) res: Response) {
    if (!UUID.test(scenarioId)) throw new NotFoundError('Scenario');
    await this.web.context(p, id, 'scenarios');
    return sendPdf(res, () => this.reports.scenarioPdf(p, id, { scenarioId }));
  }

  @Get(':scenarioId')
  async saved(@CurrentUser() p: Principal, @Param('id') id: string, @Param('scenarioId') scenarioId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!UUID.test(scenarioId)) throw new NotFoundError('Scenario');
    const l = await this.load(p, id);
    const r = await this.scenarios.get(p, id, scenarioId);
    const view = {
      name: r.name ?? '',
      createdAt: (r.createdAt ?? '').slice(0, 10),
      createdBy: r.createdBy ?? '',
      reference: r.id ?? '',
      results: this.results(l, p, r),
      pdfHref: `/consortium/${id}/scenarios/${scenarioId}/report.pdf`,
      againHref: `/consortium/${id}/scenarios`,
      hidden: hiddenFields(formFromChanges(r.changes, r.from, r.to, l.lines)),
      action: `/consortium/${id}/scenarios`,
      ownOnly: !l.ctx.seesWholeConsortium,
      canDelete: await this.scenarios.mayDelete(p, id, scenarioId),
      deleteAction: `/consortium/${id}/scenarios/${scenarioId}/delete`,
    };
    await this.pages.render(req, res, 'scenario', view, {
      title: `What if: ${r.name ?? ''}`,
      consortium: l.ctx.frame,
      breadcrumbs: [...l.ctx.crumbs, { text: 'What-if scenarios', href: `/consortium/${id}/scenarios` }],
    });
  }
}
