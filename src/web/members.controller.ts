import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import { ConsortiaService } from '../consortia/consortia.service';
import { InvitationsService } from '../consortia/invitations.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { hostContext, isFormRefusal } from './host-pages';
import { errorLinks, sentence, withNames } from './view/form-inputs';
import { inviteFieldOf, membersView, readInviteForm, receivedInvitationsView, type ReadInviteForm } from './view/members.view';
import { queryValue } from './view/periods';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The host's "Members and invitations" (issue 15): the same services as `GET …/members`,
 * `GET/POST …/invitations` and `POST …/invitations/:id/withdraw`, so the same access: the host and
 * platform administrators; a member's user gets the 403 page (the API's 403), another partnership
 * the 404 page.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id/members')
export class MembersPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly consortia: ConsortiaService,
    private readonly invitations: InvitationsService,
    private readonly organisations: OrganisationsService,
    private readonly clock: Clock,
  ) {}

  private async render(
    req: Request,
    res: Response,
    p: Principal,
    id: string,
    state: { form: ReadInviteForm | null; done: { invited?: string; withdrawn?: string }; refusal: string | null },
    status = 200,
  ): Promise<void> {
    const ctx = await hostContext(this.web, p, id, 'members');
    const [members, invitations, directory] = await Promise.all([
      this.consortia.listMembers(p, id),
      this.invitations.listForConsortium(p, id, undefined, 500, 0),
      this.organisations.directory(undefined, 500, 0),
    ]);
    const view = membersView({
      consortiumId: id,
      archived: ctx.consortium.archivedAt !== null,
      members: members.items,
      invitations: invitations.items,
      directory: directory.items,
      today: this.clock.today(),
      ...state,
    });
    const errors = state.form ? errorLinks(state.form.errors, ['organisationId', 'joinedOn-day']) : [];
    await this.pages.render(req, res, 'members', view, { title: 'Members and invitations', consortium: ctx.frame, breadcrumbs: ctx.crumbs, errors }, status);
  }

  @Get()
  async page(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const done = { invited: queryValue(q.invited) ?? undefined, withdrawn: queryValue(q.withdrawn) ?? undefined };
    await this.render(req, res, p, id, { form: null, done, refusal: null });
  }

  /** Invites an organisation (POST-redirect-GET), or the form again with its errors (the service's too, next to their fields). */
  @Post('invitations')
  @HttpCode(200)
  async invite(@CurrentUser() p: Principal, @Param('id') id: string, @Body() body: Record<string, unknown> | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    await hostContext(this.web, p, id, 'members');
    const directory = await this.organisations.directory(undefined, 500, 0);
    const read = readInviteForm(body ?? {}, new Set(directory.items.map((o) => o.id)));
    if (!read.request) return this.render(req, res, p, id, { form: read, done: {}, refusal: null }, 400);
    try {
      const made = await this.invitations.invite(p, id, read.request);
      res.redirect(303, `/consortium/${id}/members?invited=${made.id}`);
    } catch (e) {
      if (!isFormRefusal(e) || e.status === 403) throw e;
      const names = Object.fromEntries(directory.items.map((o) => [o.id, o.name]));
      const errors: Record<string, string> = {};
      for (const x of e.errors) errors[inviteFieldOf(x.field)] ??= sentence(withNames(x.message, names));
      if (!Object.keys(errors).length) errors.organisationId = sentence(withNames(e.message, names));
      return this.render(req, res, p, id, { form: { ...read, errors, request: null }, done: {}, refusal: sentence(withNames(e.message, names)) }, e.status);
    }
  }

  @Post('invitations/:invitationId/withdraw')
  @HttpCode(200)
  async withdraw(@CurrentUser() p: Principal, @Param('id') id: string, @Param('invitationId') invitationId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await hostContext(this.web, p, id, 'members');
    if (!UUID.test(invitationId)) throw new NotFoundError('Invitation');
    try {
      await this.invitations.withdraw(p, id, invitationId);
    } catch (e) {
      // answered since the page was read: say so on the page
      if (!isFormRefusal(e) || e.status !== 409) throw e;
      return this.render(req, res, p, id, { form: null, done: {}, refusal: `The invitation was not withdrawn. ${sentence(e.message)}` }, 409);
    }
    res.redirect(303, `/consortium/${id}/members?withdrawn=${invitationId}`);
  }
}

/**
 * The invited organisation's side (issue 15): the invitations its administrators have received, to
 * accept or decline: the same services as `GET /invitations` and `POST /invitations/:id/accept|decline`
 * (organisation and host administrators, platform administrators; anyone else the 403 page).
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('organisation/invitations')
export class ReceivedInvitationsController {
  constructor(
    private readonly pages: WebPages,
    private readonly invitations: InvitationsService,
  ) {}

  private allowed(p: Principal): void {
    if (!(p.role === 'admin' || p.role === 'host_admin' || p.role === 'org_admin')) throw new ForbiddenError("Only an organisation's administrators answer its invitations");
  }

  private async render(req: Request, res: Response, p: Principal, done: { accepted?: string; declined?: string }, refusal: string | null, status = 200): Promise<void> {
    this.allowed(p);
    const list = await this.invitations.received(p, undefined, 500, 0);
    await this.pages.render(
      req,
      res,
      'invitations-received',
      receivedInvitationsView(list.items, done, refusal),
      {
        title: 'Invitations to join a partnership',
        breadcrumbs: [{ text: 'Home', href: '/' }],
      },
      status,
    );
  }

  @Get()
  async page(@CurrentUser() p: Principal, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.render(req, res, p, { accepted: queryValue(q.accepted) ?? undefined, declined: queryValue(q.declined) ?? undefined }, null);
  }

  @Post(':invitationId/:answer')
  @HttpCode(200)
  async answer(@CurrentUser() p: Principal, @Param('invitationId') id: string, @Param('answer') answer: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.allowed(p);
    if (!UUID.test(id) || (answer !== 'accept' && answer !== 'decline')) throw new NotFoundError('Invitation');
    try {
      if (answer === 'accept') await this.invitations.accept(p, id);
      else await this.invitations.decline(p, id);
    } catch (e) {
      // withdrawn or answered meanwhile, a joining date now in a closed month, an archived partnership: the service's reason
      if (!isFormRefusal(e)) throw e;
      return this.render(req, res, p, {}, `The invitation was not ${answer === 'accept' ? 'accepted' : 'declined'}. ${sentence(e.message)}`, e.status);
    }
    res.redirect(303, `/organisation/invitations?${answer === 'accept' ? 'accepted' : 'declined'}=${id}`);
  }
}
