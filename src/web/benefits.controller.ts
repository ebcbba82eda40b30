import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { BenefitsPlanService } from '../benefits/benefits-plan.service';
import { Clock } from '../common/clock';
import { DomainError, ForbiddenError } from '../common/errors/domain-error';
import { financialYear, monthOf } from '../common/months';
import { ConsortiaService } from '../consortia/consortia.service';
import { MonthsService } from '../months/months.service';
import type { BenefitsMemberInput } from '../reports/view/benefits.view';
import { StatementsService } from '../statements/statements.service';
import { benefitsHref, benefitsView, planErrorLinks, planYears, readPlanForm, type BenefitsPageInput, type PlanFormRead } from './view/benefits.view';
import { monthChoices, queryValue, readPeriod, statementPeriods } from './view/periods';
import { uniqueMembers } from './view/statements.view';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia, type ConsortiumContext } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

/**
 * Benefits against plan (domain.md §16): every member's planned, actual, gap, guaranteed and
 * shortfall for a period (StatementsService, as `GET …/statements/consolidated`; a member outside the
 * board its own organisation's, as `GET …/statements/:organisationId`), the plan (BenefitsPlanService,
 * as `GET …/benefits-plan`), and for the host a form setting a financial year's plan, one row per
 * member, through the same service as `PUT …/benefits-plan` (all or nothing, audited).
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id/benefits')
export class BenefitsPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly consortia: ConsortiaService,
    private readonly statements: StatementsService,
    private readonly plan: BenefitsPlanService,
    private readonly months: MonthsService,
    private readonly clock: Clock,
  ) {}

  private async render(
    req: Request,
    res: Response,
    p: Principal,
    ctx: ConsortiumContext,
    q: Record<string, unknown>,
    o: { posted: PlanFormRead | null; editYear?: string; saved?: BenefitsPageInput['saved'] },
    status = 200,
  ): Promise<void> {
    const id = ctx.consortium.id;
    const closed = (await this.months.months(p, id)).items.map((m) => m.month);
    const startMonth = monthOf(ctx.consortium.startDate);
    const currentMonth = this.clock.month();
    const periods = statementPeriods({ startMonth, currentMonth, closed });
    const form = readPeriod(q, { startMonth, currentMonth, default: periods.default });
    const years = planYears(startMonth, currentMonth);
    const askedYear = o.editYear ?? queryValue(q.year);
    const editYear = askedYear && years.includes(askedYear) ? askedYear : financialYear(currentMonth);

    let items: BenefitsMemberInput[] | null = null;
    let totals: BenefitsMemberInput | null = null;
    let unavailable: string | null = null;
    if (form.period) {
      try {
        if (ctx.seesWholeConsortium) {
          const c = await this.statements.consolidated(p, id, form.period.from, form.period.to);
          items = c.items;
          totals = { organisationId: 'all', organisationName: 'All members', ...c.totals };
        } else if (p.organisationId) {
          const s = await this.statements.one(p, id, p.organisationId, form.period.from, form.period.to);
          items = [s];
          totals = s;
        }
      } catch (e) {
        if (!(e instanceof DomainError) || e.status !== 422) throw e;
        unavailable = `No figures can be worked out for this period: ${e.message}.`;
      }
    }
    const [plan, members] = await Promise.all([this.plan.list(p, id), ctx.runsConsortium ? this.consortia.listMembers(p, id) : Promise.resolve({ items: [] })]);
    const view = benefitsView({
      consortiumId: id,
      consortiumName: ctx.consortium.name,
      hostOrganisationId: ctx.consortium.hostOrganisationId,
      runsConsortium: ctx.runsConsortium,
      seesWholeConsortium: ctx.seesWholeConsortium,
      unavailable,
      periods,
      choices: monthChoices(startMonth, currentMonth),
      form: { from: form.from, to: form.to, errors: form.errors },
      period: form.period,
      items,
      totals,
      plan: plan.items,
      members: uniqueMembers(members.items),
      editYear,
      years,
      posted: o.posted,
      saved: o.saved ?? null,
    });
    const errors = planErrorLinks(o.posted?.errors ?? {}, form.errors);
    await this.pages.render(req, res, 'benefits', view, { title: 'Benefits against plan', consortium: ctx.frame, breadcrumbs: ctx.crumbs, errors }, errors.length ? status : 200);
  }

  @Get()
  async page(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.web.context(p, id, 'benefits');
    const saved = queryValue(q.saved);
    const count = Number(saved ?? 'NaN');
    const year = queryValue(q.year);
    await this.render(req, res, p, ctx, q, { posted: null, saved: saved !== undefined && Number.isInteger(count) && year ? { count, financialYear: year } : undefined }, 400);
  }

  /** The host sets one financial year's plan (PUT …/benefits-plan with the rows filled in). */
  @Post()
  @HttpCode(200)
  async save(@CurrentUser() p: Principal, @Param('id') id: string, @Body() body: Record<string, unknown> | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.web.context(p, id, 'benefits');
    if (!ctx.runsConsortium) throw new ForbiddenError('Only the host organisation manages this consortium');
    const startMonth = monthOf(ctx.consortium.startDate);
    const years = planYears(startMonth, this.clock.month());
    const members = uniqueMembers((await this.consortia.listMembers(p, id)).items);
    const read = readPlanForm(body ?? {}, members, years);
    if (!Object.keys(read.errors).length) {
      try {
        const r = await this.plan.put(p, id, { items: read.items });
        return res.redirect(303, `${benefitsHref(id, { year: read.financialYear })}&saved=${r.accepted}#saved`);
      } catch (e) {
        if (!(e instanceof DomainError) || e.status !== 400) throw e;
        // the service names items.N.field: N is the Nth row written
        for (const fe of e.errors) {
          const m = /^items\.(\d+)\.(\w+)$/.exec(fe.field);
          const item = m ? read.items[Number(m[1])] : undefined;
          const n = item ? members.findIndex((x) => x.organisationId === item.organisationId) : 0;
          read.errors[m?.[2] === 'guaranteedPercent' ? `guaranteed-${n}` : `planned-${n}`] = fe.message;
        }
      }
    }
    await this.render(req, res, p, ctx, {}, { posted: read, editYear: years.includes(read.financialYear) ? read.financialYear : undefined }, 400);
  }
}
