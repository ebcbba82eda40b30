import { Controller, Get, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { ConsortiaService } from '../consortia/consortia.service';
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
  ) {}

  @Get()
  async home(@CurrentUser() p: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    const list = await this.consortia.list(p, 100, 0);
    const attention = await Promise.all(
      list.items.filter((c) => !c.archivedAt).map(async (c) => ({ id: c.id, items: await this.web.attention(p, await this.web.context(p, c.id, 'overview')) })),
    );
    await this.pages.render(req, res, 'home', homeView(list.items, attention), { title: 'Your partnerships' });
  }
}
