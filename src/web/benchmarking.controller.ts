import { Controller, Get, Param, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { BenchmarkingService } from '../benchmarking/benchmarking.service';
import type { BenchmarkFunction } from '../benchmarking/core';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors/domain-error';
import { addMonths, financialYear, isFinancialYear } from '../common/months';
import { dateInWindow } from '../common/validation/input-limits';
import { ConsortiaService } from '../consortia/consortia.service';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import type { PeerGroupInput } from '../reports/view/benchmark.view';
import { benchmarkingView } from './view/benchmarking.view';
import { queryValue } from './view/periods';
import { uniqueMembers } from './view/statements.view';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An organisation against its peers: the same BenchmarkingService calls as
 * `GET /api/v1/benchmarks/organisations/:organisationId?financialYear=` and `GET /api/v1/benchmarks`,
 * so the same access and privacy. Each organisation's returns are its own (a host reads its own, not
 * its members'); a platform administrator reads any organisation's, and so picks the member here.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id')
export class BenchmarkingPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly consortia: ConsortiaService,
    private readonly benchmarking: BenchmarkingService,
    private readonly directory: OrganisationDirectoryService,
    private readonly clock: Clock,
  ) {}

  @Get('benchmarking')
  async page(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.web.context(p, id, 'benchmarking');
    const readsAny = this.benchmarking.readable(p) === 'all';
    const members = uniqueMembers((await this.consortia.listMembers(p, id)).items);

    // the organisation: the caller's own; an administrator any member (the host by default)
    const asked = queryValue(q.organisationId);
    let organisationId: string | null = p.organisationId ?? (readsAny ? ctx.consortium.hostOrganisationId : null);
    if (asked !== undefined && asked !== '') {
      if (!UUID.test(asked)) throw new NotFoundError('Organisation');
      organisationId = asked.toLowerCase();
      if (!members.some((m) => m.organisationId === organisationId)) throw new NotFoundError('Organisation');
    }
    // another organisation's returns are a 404 for anyone but an administrator, as in the API
    if (organisationId && !readsAny && organisationId !== p.organisationId) throw new NotFoundError('Organisation');
    const org = organisationId ? ((await this.directory.findMany(null, [organisationId]))[0] ?? null) : null;

    // the years it made returns for (GET /benchmarks/returns: its own, or any for an administrator: 404 otherwise)
    const returns = org ? await this.benchmarking.listReturns(p, { organisationId: org.id, limit: 500, offset: 0 }) : { items: [], total: 0 };
    const years = [...new Set(returns.items.map((r) => r.financialYear))].sort().reverse();
    const askedYear = queryValue(q.financialYear);
    let year = years[0] ?? financialYear(addMonths(this.clock.month(), -12));
    if (askedYear !== undefined && askedYear !== '') {
      if (!isFinancialYear(askedYear) || !dateInWindow(`${askedYear.slice(0, 4)}-04-01`)) throw new NotFoundError('Financial year');
      year = askedYear;
    }

    const peerView = org && years.length ? await this.benchmarking.organisationView(p, org.id, year) : null;
    const groups: Partial<Record<BenchmarkFunction, PeerGroupInput>> = {};
    for (const f of peerView?.functions ?? []) {
      if (!f.submitted) continue;
      groups[f.function] = await this.benchmarking.peerGroup(p, { financialYear: year, function: f.function, organisationType: org!.type }, { organisationId: org!.id });
    }

    const view = benchmarkingView({
      consortiumId: id,
      organisation: org ? { id: org.id, name: org.name, type: org.type } : null,
      own: !!org && org.id === p.organisationId,
      members: readsAny ? members : [],
      years,
      financialYear: year,
      peerView,
      groups,
      ownReturnsOnly: ctx.seesWholeConsortium && !readsAny && members.length > 1,
      at: this.clock.now(),
    });
    await this.pages.render(req, res, 'benchmarking', view, { title: 'Benchmarking', consortium: ctx.frame, breadcrumbs: ctx.crumbs });
  }
}
