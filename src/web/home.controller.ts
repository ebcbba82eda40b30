import { Controller, Get, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { ConsortiaService } from '../consortia/consortia.service';
import { homeView } from './view/home.view';
import { WebSignedInGuard } from './web-auth';
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
  ) {}

  @Get()
  async home(@CurrentUser() p: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    const list = await this.consortia.list(p, 100, 0);
    await this.pages.render(req, res, 'home', homeView(list.items), { title: 'Your partnerships' });
  }
}
