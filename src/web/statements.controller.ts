import { Controller, Get, Param, Query, Req, Res, StreamableFile, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { ContentMemo } from '../common/content-memo';
import { NotFoundError, ValidationError } from '../common/errors/domain-error';
import { cmp, isMonth, monthOf } from '../common/months';
import { monthInWindow } from '../common/validation/input-limits';
import { ConsortiaService } from '../consortia/consortia.service';
import { MonthsService } from '../months/months.service';
import { sendPdf } from '../reports/reports.controller';
import { ReportsService } from '../reports/reports.service';
import { StatementsService } from '../statements/statements.service';
import { monthChoices, queryValue, readPeriod, statementPeriods, type StatementPeriods } from './view/periods';
import { periodErrorLinks, statementsView, type IssuedMonth, type StatementPart } from './view/statements.view';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia, type ConsortiumContext } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A member's statement for a period, the statements issued at month close with their hashes, and
 * the statement as a PDF: the same services as `GET /api/v1/consortia/:id/statements/:organisationId`,
 * `GET …/months/:month/statements` and `GET …/reports/statement.pdf`, so the same access rules: the
 * partnership board and the host read any member's; everyone else its own organisation's (another
 * member's is the 404 page).
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id')
export class StatementsPageController {
  /**
   * The formatted statement parts of recent pages, by content (web bench: formatting a statement for
   * the page cost as much as computing it). Content-addressed, so no process can hold a stale one.
   */
  private readonly statementParts = new ContentMemo<StatementPart>({ maxEntries: 200 });

  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly consortia: ConsortiaService,
    private readonly statements: StatementsService,
    private readonly months: MonthsService,
    private readonly reports: ReportsService,
    private readonly clock: Clock,
  ) {}

  /** The closed months and the periods offered from them. */
  private async periods(p: Principal, ctx: ConsortiumContext): Promise<{ closed: string[]; periods: StatementPeriods; startMonth: string; currentMonth: string }> {
    const closed = (await this.months.months(p, ctx.consortium.id)).items.map((m) => m.month);
    const startMonth = monthOf(ctx.consortium.startDate);
    const currentMonth = this.clock.month();
    return { closed, periods: statementPeriods({ startMonth, currentMonth, closed }), startMonth, currentMonth };
  }

  /** The member asked for (`organisationId`), else the caller's organisation, else (an administrator) the host. */
  private member(p: Principal, ctx: ConsortiumContext, asked: unknown): string {
    const v = queryValue(asked);
    if (v === undefined || v === '') return p.organisationId ?? ctx.consortium.hostOrganisationId;
    if (!UUID.test(v)) throw new NotFoundError('Statement');
    return v.toLowerCase();
  }

  @Get('statements')
  async page(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.web.context(p, id, 'statements');
    const organisationId = this.member(p, ctx, q.organisationId);
    // the members are for the picker (the partnership board and the host); anyone else reads its own
    const [{ closed, periods, startMonth, currentMonth }, memberList] = await Promise.all([
      this.periods(p, ctx),
      ctx.seesWholeConsortium ? this.consortia.listMembers(p, id) : { items: [] },
    ]);
    const form = readPeriod(q, { startMonth, currentMonth, default: periods.default });
    let statement = null;
    let issued: IssuedMonth[] = [];
    if (form.period) {
      const { from, to } = form.period;
      // both refuse another member's statement to a plain partner with a 404; read side by side
      const [one, hashes] = await Promise.all([this.statements.one(p, id, organisationId, from, to), this.months.issuedHashes(p, id, organisationId, from, to)]);
      statement = one;
      const byMonth = new Map(hashes.map((h) => [h.month, h]));
      issued = closed.filter((m) => cmp(m, from) >= 0 && cmp(m, to) <= 0).map((month) => ({ month, item: byMonth.get(month) ?? null }));
    } else if (organisationId !== p.organisationId && !ctx.seesWholeConsortium) {
      // the same answer with a bad period as with a good one
      throw new NotFoundError('Statement');
    }
    const members = memberList.items;
    const view = statementsView({
      consortiumId: id,
      consortiumName: ctx.consortium.name,
      deliveryModel: ctx.consortium.deliveryModel,
      hostOrganisationId: ctx.consortium.hostOrganisationId,
      picksMember: ctx.seesWholeConsortium,
      members,
      organisationId,
      ownOrganisationId: p.organisationId,
      periods,
      choices: monthChoices(startMonth, currentMonth),
      form: { from: form.from, to: form.to, errors: form.errors },
      period: form.period,
      statement,
      closedMonths: closed,
      issued,
      at: this.clock.now(),
      // the part is kept with its markup, rendered once
      memo: {
        getByText: (key, build) =>
          this.statementParts.getByText(key, () => {
            const part = build();
            part.html = this.pages.fragment('statement-figures', { statement: part });
            return part;
          }),
      },
    });
    await this.pages.render(
      req,
      res,
      'statements',
      view,
      { title: 'Statements', consortium: ctx.frame, breadcrumbs: ctx.crumbs, errors: periodErrorLinks(form.errors) },
      form.errors.length ? 400 : 200,
    );
  }

  /**
   * The statement as a PDF (what `GET /api/v1/consortia/:id/reports/statement.pdf` sends, through the
   * same ReportsService method), for the signed-in user's session instead of a bearer token.
   */
  @Get('statements/statement.pdf')
  async pdf(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const ctx = await this.web.context(p, id, 'statements');
    const organisationId = this.member(p, ctx, q.organisationId);
    let from = queryValue(q.from);
    let to = queryValue(q.to);
    if (from === undefined && to === undefined) ({ from, to } = (await this.periods(p, ctx)).periods.default);
    const bad = [
      ...(isMonth(from) && monthInWindow(from) ? [] : [{ field: 'from', message: 'from must be a month YYYY-MM' }]),
      ...(isMonth(to) && monthInWindow(to) ? [] : [{ field: 'to', message: 'to must be a month YYYY-MM' }]),
    ];
    if (bad.length) throw new ValidationError(bad, 'The statement’s period must be two months, YYYY-MM');
    const period = { from: from!, to: to! };
    return sendPdf(res, () => this.reports.statementPdf(p, id, organisationId, period.from, period.to));
  }
}
