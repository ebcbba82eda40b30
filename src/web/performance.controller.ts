import { Controller, Get, Param, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors/domain-error';
import { isMonth, monthOf, monthRange } from '../common/months';
import { ConsortiaService } from '../consortia/consortia.service';
import { formatMonthLong } from '../reports/view/format';
import { PerformanceService } from '../slas/performance.service';
import { SlasService } from '../slas/slas.service';
import { performancePageView } from './view/performance.view';
import { canSubmitMeasurements } from './view/sections';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

/**
 * A partnership's service performance: the month's scorecard, its service credits and the 12-month
 * trends, from the same PerformanceService calls as `GET /api/v1/consortia/:id/performance` and
 * `…/performance/history` (so the caller sees exactly the rows the API gives it).
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id')
export class PerformanceController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly performance: PerformanceService,
    private readonly slas: SlasService,
    private readonly consortia: ConsortiaService,
    private readonly clock: Clock,
  ) {}

  @Get('performance')
  async page(@CurrentUser() p: Principal, @Param('id') id: string, @Query('month') monthQuery: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.web.context(p, id, 'performance');
    const fallback = await this.web.latestMeasuredMonth(p, id);
    // The months offered: from the partnership's start (or the month shown by default, if earlier) to this month.
    const start = monthOf(ctx.consortium.startDate);
    const months = monthRange(fallback < start ? fallback : start, this.clock.month());
    const month = monthQuery === undefined || monthQuery === '' ? fallback : monthQuery;
    if (typeof month !== 'string' || !isMonth(month) || !months.includes(month)) throw new NotFoundError('Month');
    const [performance, history, slas, members] = await Promise.all([
      this.performance.month(p, id, month),
      this.performance.history(p, id, month),
      this.slas.list(p, id),
      this.consortia.listMembers(p, id),
    ]);
    const view = performancePageView({
      consortiumId: id,
      month,
      months,
      wholeConsortium: ctx.seesWholeConsortium,
      organisationId: ctx.organisationId,
      performance,
      history: history.series,
      slas: slas.items,
      organisationNames: new Map(members.items.map((m) => [m.organisationId, m.organisationName])),
      canSubmit: canSubmitMeasurements(p.role, ctx.seesWholeConsortium),
    });
    await this.pages.render(req, res, 'performance', view, {
      title: `Service performance: ${formatMonthLong(month)}`,
      consortium: ctx.frame,
      breadcrumbs: ctx.crumbs,
    });
  }
}
