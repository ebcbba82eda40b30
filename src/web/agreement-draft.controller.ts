import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import { agreementModelFor } from '../agreements/agreement-terms';
import { AgreementsService } from '../agreements/agreements.service';
import { PutAgreementDto, type AgreementVersionView } from '../agreements/dto';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, RuleError, type FieldError } from '../common/errors/domain-error';
import { flattenValidationErrors } from '../common/validation/validation';
import { ConsortiaService } from '../consortia/consortia.service';
import { MonthsService } from '../months/months.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import type { AgreementNames } from './view/agreement.view';
import { checkPageView, draftErrors, draftPageView, formFromVersion, readDraftForm, withdrawPageView, type DraftForm, type DraftOptions } from './view/agreement-draft.view';
import { queryValue } from './view/periods';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia, type ConsortiumContext } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

interface Loaded {
  ctx: ConsortiumContext;
  options: DraftOptions;
  names: AgreementNames;
  versions: AgreementVersionView[];
  draft: AgreementVersionView | null;
  proposed: AgreementVersionView | null;
  inForce: AgreementVersionView | null;
}

/** The body of `PUT …/agreement` checked as the API's validation pipe checks it (the same DTO and options): its field errors, and the DTO. */
export async function checkPutAgreement(body: Record<string, unknown>): Promise<{ dto: PutAgreementDto; errors: FieldError[] }> {
  const dto = plainToInstance(PutAgreementDto, body, { enableImplicitConversion: false });
  const found = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false, value: false } });
  return { dto, errors: flattenValidationErrors(found) };
}

const sentence = (m: string) => (/[.!?]$/.test(m) ? m : `${m}.`);

/**
 * The host's side of the agreement (issue 15): edit the draft (`PUT /api/v1/consortia/:id/agreement`
 * with If-Match), see it beside the terms in force, propose it (`POST …/agreement/propose`) and
 * withdraw a proposal (`POST …/agreement/withdraw`), through the same AgreementsService calls and
 * checks as the API; the draft's body is validated against the API's DTO first, so the page shows
 * the API's errors, every one on its field. Only those who run the partnership (the host's
 * administrators, platform admins) reach these pages: anyone else gets the 403 page, as the API
 * answers them, and another tenant's partnership is the 404 page.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id/agreement')
export class AgreementDraftPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly agreements: AgreementsService,
    private readonly consortia: ConsortiaService,
    private readonly serviceLines: ServiceLinesService,
    private readonly months: MonthsService,
  ) {}

  private async load(p: Principal, id: string): Promise<Loaded> {
    const ctx = await this.web.context(p, id, 'agreement');
    if (!ctx.runsConsortium) throw new ForbiddenError('Only the host organisation manages this consortium');
    const model = agreementModelFor(ctx.consortium.deliveryModel);
    if (model === null) throw new RuleError('agreement_not_applicable', 'An in-house consortium has one member and tracks SLAs only: it has no risk-sharing agreement');
    const [versions, lines, members, closed, inForce] = await Promise.all([
      this.agreements.versions(p, id),
      this.serviceLines.list(p, id),
      this.consortia.listMembers(p, id),
      this.months.months(p, id),
      this.agreements.active(p, id).catch((e: unknown) => {
        if (e instanceof NotFoundError) return null;
        throw e;
      }),
    ]);
    const orgs = new Map<string, string>();
    for (const m of members.items) orgs.set(m.organisationId, m.organisationName);
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    const options: DraftOptions = {
      model,
      lines: lines.items.map((l) => ({ id: l.id, name: l.name, recipientIds: l.recipientIds })).sort(byName),
      members: [...orgs].map(([oid, name]) => ({ id: oid, name })).sort(byName),
      // the service's default (AgreementsService.datedFields): the first open month, and not before the latest approved version
      defaultMonth: versions.items.filter((v) => v.status === 'approved').reduce((m, v) => (v.effectiveFrom > m ? v.effectiveFrom : m), closed.nextToClose),
    };
    return {
      ctx,
      options,
      names: { organisations: Object.fromEntries(orgs), serviceLines: Object.fromEntries(lines.items.map((l) => [l.id, l.name])) },
      versions: versions.items,
      draft: versions.items.find((v) => v.status === 'draft') ?? null,
      proposed: versions.items.find((v) => v.status === 'proposed') ?? null,
      inForce,
    };
  }

  private crumbs(l: Loaded, more: { text: string; href: string }[] = []) {
    return [...l.ctx.crumbs, { text: 'Agreement', href: `/consortium/${l.ctx.consortium.id}/agreement` }, ...more];
  }

  private async renderForm(
    req: Request,
    res: Response,
    l: Loaded,
    state: { form: DraftForm; errors: Record<string, string>; links: { text: string; href: string }[]; refusal: string | null },
    status = 200,
  ): Promise<void> {
    const nextVersion = Math.max(0, ...l.versions.map((v) => v.version)) + 1;
    const view = draftPageView({
      consortiumId: l.ctx.consortium.id,
      options: l.options,
      form: state.form,
      errors: state.errors,
      draft: l.draft,
      inForce: l.inForce,
      nextVersion,
      refusal: state.refusal,
    });
    const title = `Change the agreement: draft of version ${view.version}`;
    await this.pages.render(req, res, 'agreement-draft', view, { title, consortium: l.ctx.frame, breadcrumbs: this.crumbs(l), errors: state.links }, status);
  }

  @Get('draft')
  async draftPage(@CurrentUser() p: Principal, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const l = await this.load(p, id);
    const form = formFromVersion(l.draft ?? l.inForce, l.options, l.draft !== null);
    await this.renderForm(req, res, l, { form, errors: {}, links: [], refusal: null });
  }

  /** Saves the draft (PUT …/agreement, If-Match the revision the form was read at): to the check page, or the form again with every error on its field, nothing saved. */
  @Post('draft')
  @HttpCode(200)
  async saveDraft(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() body: Record<string, unknown> | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const l = await this.load(p, id);
    const { form, request, sent } = readDraftForm(body ?? {}, l.options);
    const { dto, errors } = await checkPutAgreement(request);
    if (errors.length) {
      const e = draftErrors(errors, l.options, sent);
      return this.renderForm(req, res, l, { form, errors: e.byId, links: e.links, refusal: null }, 400);
    }
    const ifMatch = /^\d{1,9}$/.test(form.revision) ? Number(form.revision) : undefined;
    try {
      await this.agreements.put(p, id, dto, ifMatch);
    } catch (e) {
      if (!(e instanceof DomainError) || ![400, 409, 422, 428].includes(e.status)) throw e;
      const fresh = await this.load(p, id);
      const onFields = e.errors.filter((x) => x.field !== 'If-Match');
      const mapped = draftErrors(onFields, fresh.options, sent);
      let refusal: string | null = null;
      if (e.errors.some((x) => x.field === 'If-Match')) {
        // someone changed, proposed or created the draft since this form was read: keep what was typed, at the draft's revision now
        form.revision = fresh.draft ? String(fresh.draft.revision) : '';
        refusal = fresh.draft
          ? `Someone changed the draft of version ${fresh.draft.version} since you opened this page. Check your answers below: saving again replaces their changes with yours.`
          : 'The draft was proposed or removed since you opened this page. Saving again starts a new draft with your answers.';
      } else if (!mapped.links.length) refusal = sentence(e.message);
      return this.renderForm(req, res, fresh, { form, errors: mapped.byId, links: mapped.links, refusal }, e.status);
    }
    res.redirect(303, `/consortium/${id}/agreement/draft/check?saved=1`);
  }

  private async renderCheck(req: Request, res: Response, l: Loaded, state: { saved: boolean; refusal: string | null }, status = 200): Promise<void> {
    if (!l.draft) throw new ConflictError('no_draft', 'There is no draft to check: change the agreement first');
    const view = checkPageView({
      consortiumId: l.ctx.consortium.id,
      draft: l.draft,
      inForce: l.inForce,
      pending: l.proposed,
      names: l.names,
      saved: state.saved,
      archived: l.ctx.consortium.archivedAt !== null,
      refusal: state.refusal,
    });
    await this.pages.render(
      req,
      res,
      'agreement-draft-check',
      view,
      { title: view.heading, consortium: l.ctx.frame, breadcrumbs: this.crumbs(l, [{ text: 'Draft', href: `/consortium/${l.ctx.consortium.id}/agreement/draft` }]) },
      status,
    );
  }

  @Get('draft/check')
  async checkPage(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const l = await this.load(p, id);
    if (!l.draft) return res.redirect(303, `/consortium/${id}/agreement/draft`);
    await this.renderCheck(req, res, l, { saved: queryValue(q.saved) === '1', refusal: null });
  }

  /** Proposes the draft read on the check page (If-Match its revision): to the agreement page saying so, or the check page with the service's refusal. */
  @Post('propose')
  @HttpCode(200)
  async propose(@CurrentUser() p: Principal, @Param('id') id: string, @Body() body: Record<string, unknown> | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.load(p, id);
    const revision = typeof body?.revision === 'string' && /^\d{1,9}$/.test(body.revision) ? Number(body.revision) : undefined;
    let version: number;
    try {
      version = (await this.agreements.propose(p, id, revision)).version;
    } catch (e) {
      if (!(e instanceof DomainError) || !(e.status === 409 || e.status === 422)) throw e;
      const l = await this.load(p, id);
      if (!l.draft) throw e;
      const detail = e.status === 422 && e.errors.length ? ` ${e.errors.map((x) => sentence(x.message)).join(' ')}` : '';
      const stale = e.code === 'revision_conflict' ? ' The draft below is as it is now: check it again.' : '';
      return this.renderCheck(req, res, l, { saved: false, refusal: `${sentence(e.message)}${detail}${stale}` }, e.status);
    }
    res.redirect(303, `/consortium/${id}/agreement?proposed=${version}`);
  }

  @Get('withdraw')
  async withdrawPage(@CurrentUser() p: Principal, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const l = await this.load(p, id);
    if (!l.proposed) return res.redirect(303, `/consortium/${id}/agreement`);
    const view = withdrawPageView(id, l.proposed);
    await this.pages.render(req, res, 'agreement-withdraw', view, { title: view.heading, consortium: l.ctx.frame, breadcrumbs: this.crumbs(l) });
  }

  /** Withdraws the proposed version (POST …/agreement/withdraw): only the version the page showed, so a later proposal is never withdrawn by an old page. */
  @Post('withdraw')
  @HttpCode(200)
  async withdraw(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() body: Record<string, unknown> | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const l = await this.load(p, id);
    const asked = typeof body?.version === 'string' ? body.version : '';
    if (!l.proposed || String(l.proposed.version) !== asked) {
      throw new ConflictError('no_proposal', asked ? `Version ${asked} is no longer before the members: it was decided or withdrawn` : 'No version is before the members');
    }
    const v = await this.agreements.withdraw(p, id);
    res.redirect(303, `/consortium/${id}/agreement?withdrawn=${v.version}`);
  }
}
