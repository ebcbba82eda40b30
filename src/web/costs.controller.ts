import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { DomainError, ForbiddenError } from '../common/errors/domain-error';
import { isMonth } from '../common/months';
import { ConsortiaService } from '../consortia/consortia.service';
import type { CostView } from '../ledger/dto';
import { idempotencyKey } from '../ledger/idempotency';
import { LedgerService } from '../ledger/ledger.service';
import { MonthsService } from '../months/months.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import {
  checkCostForm,
  correctionForm,
  costErrorLinks,
  costErrorsFromService,
  costQuery,
  costsHref,
  costsPageView,
  emptyCostForm,
  filterErrorLinks,
  openMonths,
  readCostFilters,
  readCostForm,
  type CostForm,
  type CostFormErrors,
  type Named,
} from './view/costs.view';
import { queryValue } from './view/periods';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia, type ConsortiumContext } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Loaded {
  ctx: ConsortiumContext;
  lines: Named[];
  members: Named[];
  nextToClose: string;
  openMonths: string[];
}

/**
 * The host's costs (issue 15): the form and the list call LedgerService as `POST` and
 * `GET /api/v1/consortia/:id/costs` do. The form carries an idempotency key made when it is drawn,
 * given to the service exactly as the API's `Idempotency-Key` header: a second submit of the same
 * form (a double click, a resend) records nothing new and says the cost was already recorded. A
 * correction is a new entry with the opposite amount in an open month, describing the original.
 * The host's administrators and platform admins only (anyone else 403, as the API); another
 * partnership is the 404 page.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id/costs')
export class CostsPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly ledger: LedgerService,
    private readonly months: MonthsService,
    private readonly serviceLines: ServiceLinesService,
    private readonly consortia: ConsortiaService,
    private readonly clock: Clock,
  ) {}

  private async load(p: Principal, id: string): Promise<Loaded> {
    const ctx = await this.web.context(p, id, 'costs');
    if (!ctx.runsConsortium) throw new ForbiddenError('Only the host enters and reads the costs');
    const [lines, members, months] = await Promise.all([this.serviceLines.list(p, id), this.consortia.listMembers(p, id), this.months.months(p, id)]);
    const seen = new Set<string>();
    const memberList: Named[] = [];
    for (const m of members.items) if (!seen.has(m.organisationId) && seen.add(m.organisationId)) memberList.push({ id: m.organisationId, name: m.organisationName });
    return {
      ctx,
      lines: lines.items.map((l) => ({ id: l.id, name: l.name })),
      members: memberList,
      nextToClose: months.nextToClose,
      openMonths: openMonths(months.nextToClose, this.clock.month()),
    };
  }

  private async render(
    req: Request,
    res: Response,
    p: Principal,
    l: Loaded,
    q: Record<string, unknown>,
    state: { form: CostForm; errors: CostFormErrors; correcting: CostView | null; recorded: { entry: CostView; replayed: boolean } | null; notice: string | null },
    status = 200,
  ): Promise<void> {
    const id = l.ctx.consortium.id;
    const filters = readCostFilters(q, l.lines);
    const list = await this.ledger.listCosts(p, id, costQuery(filters));
    const view = costsPageView({ consortiumId: id, list, filters, lines: l.lines, members: l.members, openMonths: l.openMonths, ...state });
    const errors = costErrorLinks(state.errors, [...(state.notice ? [{ text: state.notice, href: '#enter-cost' }] : []), ...filterErrorLinks(filters)]);
    await this.pages.render(req, res, 'costs', view, { title: 'Costs', consortium: l.ctx.frame, breadcrumbs: l.ctx.crumbs, errors }, status);
  }

  /** One entry by id (the list of its month), or null. */
  private async entry(p: Principal, id: string, entryId: string, month?: string): Promise<CostView | null> {
    if (!UUID.test(entryId)) return null;
    for (let offset = 0; ; offset += 500) {
      const page = await this.ledger.listCosts(p, id, { ...(month ? { from: month, to: month } : {}), limit: 500, offset });
      const hit = page.items.find((c) => c.id === entryId);
      if (hit) return hit;
      if (offset + 500 >= page.total) return null;
    }
  }

  @Get()
  async page(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const l = await this.load(p, id);
    const key = randomUUID();
    const recordedId = queryValue(q.recorded);
    const month = queryValue(q.month);
    const recordedEntry = recordedId ? await this.entry(p, id, recordedId, month && isMonth(month) ? month : undefined) : null;
    const recorded = recordedEntry ? { entry: recordedEntry, replayed: q.replayed === '1' } : null;
    const correctId = queryValue(q.correct);
    const correcting = correctId ? await this.entry(p, id, correctId) : null;
    const form = correcting
      ? correctionForm(correcting, {
          openMonths: l.openMonths,
          nextToClose: l.nextToClose,
          lineName: l.lines.find((x) => x.id === correcting.serviceLineId)?.name ?? null,
          idempotencyKey: key,
        })
      : emptyCostForm(key);
    await this.render(req, res, p, l, q, { form, errors: {}, correcting, recorded, notice: null });
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentUser() p: Principal, @Param('id') id: string, @Body() body: Record<string, unknown> | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const l = await this.load(p, id);
    const form = readCostForm(body ?? {});
    const checked = checkCostForm(form, { openMonths: l.openMonths, lines: l.lines, members: l.members });
    let errors = checked.errors;
    let notice: string | null = null;
    if (checked.dto) {
      try {
        // the form's key, exactly as the API's Idempotency-Key header (checked the same way)
        const r = await this.ledger.createCost(p, id, checked.dto, idempotencyKey(form.idempotencyKey || undefined));
        return res.redirect(303, costsHref(id, { recorded: r.body.id, month: r.body.month, replayed: r.replayed ? 1 : undefined }, '#recorded'));
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        if (e.code === 'idempotency_key_reused') {
          // this form was sent before with other figures and recorded: what was changed is a new entry, on a fresh form
          notice = 'This form was already used to record a cost. Check the list below; to enter another cost, send this form again.';
          form.idempotencyKey = randomUUID();
        } else {
          const mapped = e.status === 400 || (e.status === 409 && e.code === 'month_closed') ? costErrorsFromService(e.errors) : null;
          if (!mapped) throw e;
          errors = mapped;
        }
      }
    }
    await this.render(req, res, p, l, {}, { form, errors, correcting: null, recorded: null, notice }, notice ? 409 : 400);
  }
}
