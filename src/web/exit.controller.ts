import { Controller, Get, Param, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AgreementsService } from '../agreements/agreements.service';
import { versionInForce } from '../agreements/core/decision';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { formatDateLong, formatMonthLong } from '../reports/view/format';
import { ConsortiaService } from '../consortia/consortia.service';
import type { ExitQuoteView } from '../exit/dto';
import { ExitService } from '../exit/exit.service';
import { chargingMonths } from '../exit/core/exit-quote';
import { addMonths, lastDay } from '../common/months';
import { exitErrorLinks, exitView, readExitForm, type ExitTermsInput } from './view/exit.view';
import { queryValue } from './view/periods';
import { uniqueMembers } from './view/statements.view';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the caller's organisation would pay to leave: ExitService.quote, as
 * `GET /api/v1/consortia/:id/members/:organisationId/exit-quote` (a member its own organisation;
 * the host any member, picked on the form; anything else the 404 page).
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id')
export class ExitQuotePageController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly consortia: ConsortiaService,
    private readonly exit: ExitService,
    private readonly agreements: AgreementsService,
  ) {}

  @Get('exit-quote')
  async page(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.web.context(p, id, 'exit');
    // the host (and an administrator) quotes any member, as the API allows (AccessService.isHost)
    const host = p.role === 'admin' || (p.role === 'host_admin' && p.organisationId === ctx.consortium.hostOrganisationId);
    const asked = queryValue(q.organisationId);
    if (asked && !UUID.test(asked)) throw new NotFoundError('Member');
    const periods = (await this.consortia.listMembers(p, id)).items;
    const members = uniqueMembers(periods);
    const organisationId = asked ? asked.toLowerCase() : (p.organisationId ?? members[0]?.organisationId ?? null);
    if (!organisationId) throw new NotFoundError('Member');
    if (!host && organisationId !== p.organisationId) throw new NotFoundError('Member');

    const read = readExitForm(q);
    let quote: ExitQuoteView | null = null;
    let refusal: string | null = null;
    if (read.request) {
      try {
        quote = await this.exit.quote(p, id, organisationId, read.request);
      } catch (e) {
        if (!(e instanceof DomainError) || e.status !== 422) throw e;
        const on = formatDateLong(read.request.noticeDate);
        if (e.code === 'no_charging_history') {
          // the quote averages the complete months before the notice month: a later date may have some
          const month = formatMonthLong(read.request.noticeDate.slice(0, 7));
          read.errors.noticeDate = {
            message: `No exit quote can be given for notice on ${on}: there is no complete month of membership before ${month} to base it on. Enter a later date`,
            parts: ['day', 'month', 'year'],
          };
        } else refusal = `No exit quote can be given for notice on ${on}: ${e.message}.`;
      }
    }
    const terms = quote ? await this.terms(p, id, quote.noticeDate.slice(0, 7)) : null;
    const name = members.find((m) => m.organisationId === organisationId)?.organisationName ?? 'your organisation';
    const errors = exitErrorLinks(read.errors);
    const view = exitView({
      consortiumId: id,
      read,
      refusal,
      quote,
      terms,
      organisationName: quote?.organisationName ?? name,
      organisationId,
      members: host
        ? members.map((m) => ({ value: m.organisationId, text: `${m.organisationName}${m.isHost ? ' (host)' : ''}`, selected: m.organisationId === organisationId }))
        : null,
    });
    // "What if it left": the scenario page, the member leaving before the quote's charging months (domain.md §14)
    let whatIf: { text: string; href: string } | null = null;
    if (quote?.model === 'cooperative') {
      const own = periods.filter((m) => m.organisationId === organisationId).sort((a, b) => (a.joinedOn < b.joinedOn ? -1 : 1));
      const current = own[own.length - 1];
      if (current) {
        const months = chargingMonths(
          {
            ...current,
            earlierPeriods: own.slice(0, -1).map((x) => ({ joinedOn: x.joinedOn, leftOn: x.leftOn ?? x.joinedOn })),
            name: '',
            organisationId,
            annualTurnover: '0',
            headcount: '0',
            isHost: false,
          },
          quote.noticeDate.slice(0, 7),
        );
        if (months.length) {
          const q2 = new URLSearchParams({ leave: organisationId, leftOn: lastDay(addMonths(months[0], -1)), from: months[0], to: months[months.length - 1] });
          whatIf = {
            text: `What if ${quote.organisationName} left: each member's charge over the same months, priced without it`,
            href: `/consortium/${id}/scenarios?${q2.toString()}#build`,
          };
        }
      }
    }
    await this.pages.render(
      req,
      res,
      'exit-quote',
      { ...view, whatIf },
      { title: 'Exit quote', consortium: ctx.frame, breadcrumbs: ctx.crumbs, errors },
      errors.length ? 400 : refusal ? 422 : 200,
    );
  }

  /** The exit terms of the approved version in force in the notice month (what ExitService quotes by). */
  private async terms(p: Principal, id: string, noticeMonth: string): Promise<ExitTermsInput | null> {
    const approved = (await this.agreements.versions(p, id)).items
      .filter((v) => v.status === 'approved')
      .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.version - b.version));
    const v = versionInForce(approved, noticeMonth) ?? approved[0];
    if (!v) return null;
    const x = v.exit;
    const num = (k: string) => (typeof x[k] === 'number' ? x[k] : undefined);
    const str = (k: string) => (typeof x[k] === 'string' ? x[k] : undefined);
    return {
      version: v.version,
      noticeMonths: num('noticeMonths'),
      minimumTermMonths: num('minimumTermMonths'),
      earlyTerminationPercent: str('earlyTerminationPercent'),
      strandedCostMonths: num('strandedCostMonths'),
      fixedCostPercent: str('fixedCostPercent'),
      amortisationMonths: num('amortisationMonths'),
    };
  }
}
