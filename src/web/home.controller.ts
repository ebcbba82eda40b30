import { Controller, Get, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { ConsortiaService } from '../consortia/consortia.service';
import { InvitationsService } from '../consortia/invitations.service';
import { homeSetupView } from './view/members.view';
import { homeView } from './view/home.view';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

/** Home: the consortia the user's organisation belongs to, and what needs its attention. */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class HomeController {
  constructor(
    private readonly pages: WebPages,
    private readonly consortia: ConsortiaService,
    private readonly web: WebConsortia,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  async home(@CurrentUser() p: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    const list = await this.consortia.list(p, 100, 0);
    const attention = await Promise.all(
      list.items.filter((c) => !c.archivedAt).map(async (c) => ({ id: c.id, items: await this.web.attention(p, await this.web.context(p, c.id, 'overview')) })),
    );
    // the host's set-up (issue 15): who may set up a partnership (POST /consortia's roles), and invitations waiting for the organisation's administrators
    const administers = (p.role === 'org_admin' || p.role === 'host_admin') && !!p.organisationId;
    const pending = administers ? (await this.invitations.received(p, 'pending', 1, 0)).total : 0;
    const setup = homeSetupView({ role: p.role, pendingInvitations: pending, administers });
    await this.pages.render(req, res, 'home', { ...homeView(list.items, attention), setup }, { title: 'Your partnerships' });
  }
}
