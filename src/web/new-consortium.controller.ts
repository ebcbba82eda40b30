import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { DomainError, ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import { ConsortiaService } from '../consortia/consortia.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { errorLinks, sentence } from './view/form-inputs';
import {
  CHECK_PATH,
  checkRows,
  createRequest,
  firstUnanswered,
  hiddenFields,
  MAX_NAME,
  modelOptions,
  nextPath,
  readAnswers,
  STEP_PATHS,
  stepErrors,
  stepsFor,
  withAnswers,
  type NewAnswers,
  type NewStep,
} from './view/new-consortium.view';
import { WebSignedInGuard } from './web-auth';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

const STEP_TITLES: Record<NewStep, string> = {
  name: 'What is the partnership called?',
  host: 'Which organisation hosts the partnership?',
  model: 'How are the services delivered?',
  start: 'When does the partnership start?',
};

const STEP_BY_PATH: Record<string, NewStep> = { host: 'host', model: 'model', start: 'start' };

/**
 * "Set up a new partnership" (issue 15): question pages, then "check your answers", then the same
 * service as `POST /api/v1/consortia` (ConsortiaService.create), so the same rules: platform
 * administrators and host administrators only (anyone else: the 403 page, as the API's 403), a host
 * administrator's own organisation hosts. The answers travel in the query and hidden fields.
 * Registered before every `consortium/:id` controller: 'new' is not an id.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/new')
export class NewConsortiumController {
  constructor(
    private readonly pages: WebPages,
    private readonly consortia: ConsortiaService,
    private readonly organisations: OrganisationsService,
  ) {}

  /** Who may create one (the API's roles), and the organisations that may host it. */
  private async hosts(p: Principal): Promise<{ choosesHost: boolean; hosts: Map<string, string> }> {
    if (p.role === 'admin') {
      const dir = await this.organisations.directory(undefined, 500, 0);
      return { choosesHost: true, hosts: new Map(dir.items.map((o) => [o.id, o.name])) };
    }
    if (p.role === 'host_admin' && p.organisationId) {
      const own = await this.organisations.get(p, p.organisationId);
      return { choosesHost: false, hosts: new Map([[own.id, own.name]]) };
    }
    throw new ForbiddenError('Only platform administrators and host administrators set up partnerships');
  }

  private hostOf(p: Principal, a: NewAnswers): string {
    return p.role === 'admin' ? a.hostOrganisationId : p.organisationId!;
  }

  private async question(
    req: Request,
    res: Response,
    p: Principal,
    step: NewStep,
    a: NewAnswers,
    o: { returning: boolean; errors: Record<string, string> },
    status = 200,
  ): Promise<void> {
    const { choosesHost, hosts } = await this.hosts(p);
    const steps = stepsFor(choosesHost);
    if (!steps.includes(step)) throw new NotFoundError('Page');
    const i = steps.indexOf(step);
    const back = o.returning ? withAnswers(CHECK_PATH, a) : i === 0 ? '/' : withAnswers(STEP_PATHS[steps[i - 1]], a);
    const view = {
      step,
      isName: step === 'name',
      isHost: step === 'host',
      isModel: step === 'model',
      isStart: step === 'start',
      question: STEP_TITLES[step],
      caption: `Set up a new partnership (question ${i + 1} of ${steps.length})`,
      action: STEP_PATHS[step],
      back,
      hidden: hiddenFields(a, step),
      returning: o.returning,
      answers: a,
      maxName: MAX_NAME,
      hosts: [...hosts].sort((x, y) => x[1].localeCompare(y[1])).map(([id, name]) => ({ id, name, selected: id === a.hostOrganisationId })),
      models: modelOptions(a),
      error: {
        name: o.errors.name ?? null,
        hostOrganisationId: o.errors.hostOrganisationId ?? null,
        deliveryModel: o.errors.deliveryModel ?? null,
        startDate: o.errors['startDate-day'] ?? null,
      },
    };
    const errors = errorLinks(o.errors, ['name', 'hostOrganisationId', 'deliveryModel', 'startDate-day']);
    await this.pages.render(req, res, 'new-consortium', view, { title: STEP_TITLES[step], errors, breadcrumbs: [{ text: 'Home', href: '/' }] }, status);
  }

  @Get()
  async name(@CurrentUser() p: Principal, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.question(req, res, p, 'name', readAnswers(q), { returning: q.return === 'check', errors: {} });
  }

  @Get('check')
  async check(@CurrentUser() p: Principal, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.checkPage(req, res, p, readAnswers(q), null);
  }

  @Get(':step')
  async step(@CurrentUser() p: Principal, @Param('step') s: string, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const step = STEP_BY_PATH[s];
    if (!step) throw new NotFoundError('Page');
    await this.question(req, res, p, step, readAnswers(q), { returning: q.return === 'check', errors: {} });
  }

  private async checkPage(req: Request, res: Response, p: Principal, a: NewAnswers, refusal: string | null, status = 200): Promise<void> {
    const { choosesHost, hosts } = await this.hosts(p);
    const steps = stepsFor(choosesHost);
    const missing = firstUnanswered(steps, a, new Set(hosts.keys()));
    if (missing) return res.redirect(303, withAnswers(STEP_PATHS[missing], a));
    const view = {
      rows: checkRows(steps, a, hosts.get(this.hostOf(p, a)) ?? ''),
      hidden: hiddenFields(a, null),
      back: withAnswers(STEP_PATHS[steps.at(-1)!], a),
      refusal,
    };
    await this.pages.render(
      req,
      res,
      'new-consortium-check',
      view,
      { title: 'Check your answers before setting up the partnership', breadcrumbs: [{ text: 'Home', href: '/' }] },
      status,
    );
  }

  /** Creates the partnership (the same service as the API) and opens its overview, saying so. */
  @Post('check')
  @HttpCode(200)
  async create(@CurrentUser() p: Principal, @Body() body: Record<string, unknown> | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const a = readAnswers(body ?? {});
    const { choosesHost, hosts } = await this.hosts(p);
    const missing = firstUnanswered(stepsFor(choosesHost), a, new Set(hosts.keys()));
    if (missing) return res.redirect(303, withAnswers(STEP_PATHS[missing], a));
    let id: string;
    try {
      id = (await this.consortia.create(p, createRequest(a, this.hostOf(p, a)))).id;
    } catch (e) {
      if (!(e instanceof DomainError) || e.status !== 400) throw e;
      return this.checkPage(req, res, p, a, sentence(e.errors.map((x) => x.message).join('; ') || e.message), 400);
    }
    res.redirect(303, `/consortium/${id}?created=1`);
  }

  /** A question's answer: the next question (or back to "check your answers" after a change), or the question again with its error. */
  @Post(['', ':step'])
  @HttpCode(200)
  async answer(
    @CurrentUser() p: Principal,
    @Param('step') s: string | undefined,
    @Body() body: Record<string, unknown> | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const step: NewStep | undefined = s === undefined ? 'name' : STEP_BY_PATH[s];
    if (!step) throw new NotFoundError('Page');
    const a = readAnswers(body ?? {});
    const returning = (body ?? {}).return === 'check';
    const { choosesHost, hosts } = await this.hosts(p);
    const errors = stepErrors(step, a, new Set(hosts.keys()));
    if (Object.keys(errors).length) return this.question(req, res, p, step, a, { returning, errors }, 400);
    res.redirect(303, nextPath(stepsFor(choosesHost), step, a, new Set(hosts.keys()), returning));
  }
}
