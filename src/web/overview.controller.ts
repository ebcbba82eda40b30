import { Controller, Get, Param, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { ConsortiaService } from '../consortia/consortia.service';
import { overviewView } from './view/overview.view';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

/** A partnership's overview: who is in it, since when, and what needs the user's attention. */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id')
export class OverviewController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly consortia: ConsortiaService,
  ) {}

  @Get()
  async overview(@CurrentUser() p: Principal, @Param('id') id: string, @Query('created') created: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.web.context(p, id, 'overview');
    const [members, attention] = await Promise.all([this.consortia.listMembers(p, id), this.web.attention(p, ctx)]);
    // back from "Set up a new partnership" (POST-redirect-GET): say it was set up, and what comes next
    const confirmation =
      created === '1' && ctx.runsConsortium
        ? { heading: `${ctx.consortium.name} has been set up`, body: 'Next, invite the member organisations and add the service lines.' }
        : null;
    await this.pages.render(
      req,
      res,
      'overview',
      { ...overviewView(ctx, members.items, attention), confirmation },
      {
        title: 'Overview',
        consortium: ctx.frame,
        breadcrumbs: [{ text: 'Home', href: '/' }],
      },
    );
  }
}
