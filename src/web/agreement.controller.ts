import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AgreementsService, assertCastsVotes, castsVotes } from '../agreements/agreements.service';
import type { AgreementVersionView } from '../agreements/dto';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { DomainError, NotFoundError, RuleError, ValidationError } from '../common/errors/domain-error';
import { ConsortiaService } from '../consortia/consortia.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import { StatementsService } from '../statements/statements.service';
import { DecisionsService } from '../decisions/decisions.service';
import { AGREEMENT_DECISION_KINDS, hostConfirmation, hostPart } from './view/agreement-draft.view';
import { agreementView, readVoteForm, voteErrorLinks, type AgreementPageInput, type ReadVoteForm } from './view/agreement.view';
import { queryValue } from './view/periods';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia, type ConsortiumContext } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

type Loaded = Omit<AgreementPageInput, 'voted' | 'form' | 'refusal' | 'hostConfirmation'> & { ctx: ConsortiumContext; proposed: AgreementVersionView | null };

/**
 * The risk-sharing agreement: the terms in force, every version, the proposed version with what it
 * changes in the caller's organisation's charge, and its vote. The same services as
 * `GET /api/v1/consortia/:id/agreement`, `…/agreement/versions`, `…/agreement/versions/:version/impact`
 * and `POST …/agreement/versions/:version/votes` (AgreementsService.vote decides who may vote, for
 * both doors), so the same access: another partnership's page is the 404 page.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id/agreement')
export class AgreementPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly agreements: AgreementsService,
    private readonly statements: StatementsService,
    private readonly consortia: ConsortiaService,
    private readonly serviceLines: ServiceLinesService,
    private readonly decisions: DecisionsService,
  ) {}

  private async load(p: Principal, id: string): Promise<Loaded> {
    const ctx = await this.web.context(p, id, 'agreement');
    const [versions, lines, members, inForce] = await Promise.all([
      this.agreements.versions(p, id),
      this.serviceLines.list(p, id),
      this.consortia.listMembers(p, id),
      this.agreements.active(p, id).catch((e: unknown) => {
        if (e instanceof NotFoundError) return null;
        throw e;
      }),
    ]);
    const proposed = versions.items.find((v) => v.status === 'proposed') ?? null;
    // the host follows the votes and decisions: the decisions log's entries about the agreement (GET …/decisions)
    const decisions = ctx.runsConsortium
      ? (await Promise.all(AGREEMENT_DECISION_KINDS.map((kind) => this.decisions.list(p, id, { kind, limit: 20, offset: 0 })))).flatMap((d) => d.items)
      : null;
    // the first version of a new partnership has no terms in force to price the quarter by (the API's 422 no_agreement): no comparison then
    const impact = proposed
      ? await this.statements.impact(p, id, proposed.version).catch((e: unknown) => {
          if (e instanceof RuleError && e.code === 'no_agreement') return null;
          throw e;
        })
      : null;
    const organisations: Record<string, string> = {};
    for (const m of members.items) organisations[m.organisationId] = m.organisationName;
    for (const v of versions.items) for (const x of v.voters) organisations[x.organisationId] ??= x.organisationName;
    return {
      ctx,
      proposed,
      consortiumId: id,
      archived: ctx.consortium.archivedAt !== null,
      versions: versions.items,
      inForce,
      impact,
      names: { organisations, serviceLines: Object.fromEntries(lines.items.map((l) => [l.id, l.name])) },
      organisationId: p.organisationId,
      castsVotes: castsVotes(p),
      seesWholeConsortium: ctx.seesWholeConsortium,
      host: decisions ? hostPart({ consortiumId: id, versions: versions.items, decisions, archived: ctx.consortium.archivedAt !== null }) : null,
    };
  }

  private async render(
    req: Request,
    res: Response,
    l: Loaded,
    state: { voted: number | null; form: ReadVoteForm | null; refusal: string | null; hostConfirmation?: AgreementPageInput['hostConfirmation'] },
    status = 200,
  ): Promise<void> {
    const { ctx, proposed: _proposed, ...input } = l;
    const view = agreementView({ ...input, ...state });
    const errors = state.form ? voteErrorLinks(state.form.errors) : [];
    await this.pages.render(req, res, 'agreement', view, { title: 'Agreement', consortium: ctx.frame, breadcrumbs: ctx.crumbs, errors }, status);
  }

  @Get()
  async page(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const l = await this.load(p, id);
    const num = (v: unknown) => {
      const s = queryValue(v);
      return s && /^\d{1,9}$/.test(s) ? Number(s) : null;
    };
    const hostConfirmationView = l.host ? hostConfirmation(l.versions, num(q.proposed), num(q.withdrawn)) : null;
    await this.render(req, res, l, { voted: num(q.voted), form: null, refusal: null, hostConfirmation: hostConfirmationView });
  }

  /** The caller's organisation's vote; back to the page (POST-redirect-GET) saying it was recorded, or the service's refusal. */
  @Post('versions/:version/votes')
  @HttpCode(200)
  async vote(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Param('version') versionParam: string,
    @Body() body: Record<string, unknown> | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.web.context(p, id, 'agreement');
    if (!/^\d{1,9}$/.test(versionParam)) throw new NotFoundError('Agreement version');
    const version = Number(versionParam);
    // who votes is the service's rule (the API's too): a partner user's or an administrator's post is refused here
    assertCastsVotes(p);
    const read = readVoteForm(body ?? {}, version);
    if (!read.request) {
      // the page shows the form only for the proposed version and a voting organisation: its errors there, else a plain refusal
      const l = await this.load(p, id);
      const onForm = l.proposed?.version === version && l.proposed.voters.some((x) => x.organisationId === p.organisationId) && !l.archived;
      const links = voteErrorLinks(read.errors);
      if (!onForm)
        throw new ValidationError(
          links.map((e) => ({ field: e.href.slice(1), message: e.text })),
          links[0].text,
        );
      return this.render(req, res, l, { voted: null, form: read, refusal: null }, 400);
    }
    try {
      await this.agreements.vote(p, id, version, read.request);
    } catch (e) {
      // decided since the page was read, a month closed since it was proposed, an archived partnership: the service's reason
      if (!(e instanceof DomainError) || !(e.status === 409 || e.status === 422)) throw e;
      return this.render(req, res, await this.load(p, id), { voted: null, form: null, refusal: e.message.endsWith('.') ? e.message : `${e.message}.` }, e.status);
    }
    res.redirect(303, `/consortium/${id}/agreement?voted=${version}`);
  }
}
