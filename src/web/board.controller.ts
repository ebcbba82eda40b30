import { Controller, Get, Param, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { ForbiddenError } from '../common/errors/domain-error';
import { monthOf } from '../common/months';
import { ConsortiaService } from '../consortia/consortia.service';
import { MonthsService } from '../months/months.service';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { PerformanceService } from '../slas/performance.service';
import { StatementsService } from '../statements/statements.service';
import { boardErrorLinks, boardView } from './view/board.view';
import { monthChoices, readPeriod, statementPeriods } from './view/periods';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

/**
 * The partnership board's page: the consolidated statement for a period and every member's service
 * performance for the latest measured month, from the same services as
 * `GET /api/v1/consortia/:id/statements/consolidated` and `GET …/performance`, so the same access:
 * the host and the partnership board; any other member the 403 page (the API's 403), anyone else the
 * 404 page.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id')
export class BoardPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly consortia: ConsortiaService,
    private readonly statements: StatementsService,
    private readonly performance: PerformanceService,
    private readonly months: MonthsService,
    private readonly directory: OrganisationDirectoryService,
    private readonly clock: Clock,
  ) {}

  @Get('board')
  async page(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.web.context(p, id, 'board');
    // what StatementsService.consolidated answers a member outside the board, whatever the period asked
    if (!ctx.seesWholeConsortium) throw new ForbiddenError('Every member’s statement is for the host and the partnership board (board viewers)');
    const closed = (await this.months.months(p, id)).items.map((m) => m.month);
    const startMonth = monthOf(ctx.consortium.startDate);
    const currentMonth = this.clock.month();
    const periods = statementPeriods({ startMonth, currentMonth, closed });
    const form = readPeriod(q, { startMonth, currentMonth, default: periods.default });
    const consolidated = form.period ? await this.statements.consolidated(p, id, form.period.from, form.period.to) : null;
    const month = await this.web.latestMeasuredMonth(p, id);
    const [performance, members] = await Promise.all([this.performance.month(p, id, month), this.consortia.listMembers(p, id)]);
    const orgs = await this.directory.findMany(null, [...new Set(members.items.map((m) => m.organisationId))]);
    const view = boardView({
      consortiumId: id,
      consortiumName: ctx.consortium.name,
      deliveryModel: ctx.consortium.deliveryModel,
      hostOrganisationId: ctx.consortium.hostOrganisationId,
      ownOrganisationId: p.organisationId,
      members: members.items,
      odsCodes: new Map(orgs.map((o) => [o.id, o.odsCode ?? null])),
      periods,
      choices: monthChoices(startMonth, currentMonth),
      form: { from: form.from, to: form.to, errors: form.errors },
      period: form.period,
      consolidated,
      performance: { month, items: performance.items },
      at: this.clock.now(),
    });
    await this.pages.render(
      req,
      res,
      'board',
      view,
      { title: 'Partnership board', consortium: ctx.frame, breadcrumbs: ctx.crumbs, errors: boardErrorLinks(form.errors) },
      form.errors.length ? 400 : 200,
    );
  }
}
