import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { SchedulesService } from '../schedules/schedules.service';
import { hostContext, isFormRefusal } from './host-pages';
import { readSchedulesForm, schedulesErrorLinks, schedulesView, type SchedulesFormRead } from './view/schedules.view';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia, type ConsortiumContext } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

/**
 * The host's schedules (docs/schedules.md): the board pack day and the measurements reminder, the
 * next dates and the last runs, through the same service as `GET`/`PUT …/schedules` (a member: the
 * 403 page, as the API's PUT; another tenant's partnership: the 404 page).
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id/schedules')
export class SchedulesPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly schedules: SchedulesService,
    private readonly clock: Clock,
  ) {}

  private async render(req: Request, res: Response, p: Principal, ctx: ConsortiumContext, o: { posted: SchedulesFormRead | null; saved: boolean }, status = 200): Promise<void> {
    const settings = await this.schedules.get(p, ctx.consortium.id);
    const view = schedulesView({ consortiumId: ctx.consortium.id, settings, posted: o.posted, saved: o.saved, today: this.clock.today() });
    const errors = schedulesErrorLinks(o.posted);
    await this.pages.render(req, res, 'schedules', view, { title: 'Schedules', consortium: ctx.frame, breadcrumbs: ctx.crumbs, errors }, errors.length ? status : 200);
  }

  @Get()
  async page(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await hostContext(this.web, p, id, 'schedules');
    await this.render(req, res, p, ctx, { posted: null, saved: q.saved === '1' });
  }

  @Post()
  @HttpCode(200)
  async save(@CurrentUser() p: Principal, @Param('id') id: string, @Body() body: Record<string, unknown> | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await hostContext(this.web, p, id, 'schedules');
    const read = readSchedulesForm(body ?? {});
    if (!Object.keys(read.errors).length) {
      try {
        await this.schedules.put(p, id, { boardPackWorkingDay: read.boardPackWorkingDay, reminderWorkingDaysBefore: read.reminderWorkingDaysBefore });
        return res.redirect(303, `/consortium/${id}/schedules?saved=1#saved`);
      } catch (e) {
        if (!isFormRefusal(e)) throw e;
        // an archived partnership (409) names `id`: shown beside the first field
        for (const fe of e.errors) read.errors[fe.field in read.raw ? fe.field : 'boardPackWorkingDay'] = fe.message;
      }
    }
    await this.render(req, res, p, ctx, { posted: read, saved: false }, 400);
  }
}
