import { Controller, Get, Param, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { ForbiddenError } from '../common/errors/domain-error';
import { ConsortiaService } from '../consortia/consortia.service';
import { DecisionsService } from '../decisions/decisions.service';
import { auditErrorLinks, auditView, readAuditSearch, searchQuery } from './view/audit.view';
import { pager, readPage } from './view/pager';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

const PAGE_SIZE = 25;

/**
 * The partnership's audit entries and decisions log, searchable and paged (issue 15, the host's
 * pages): the same services as `GET /api/v1/consortia/:id/audit` and `GET …/decisions` with their
 * filters, so the same access: the host's administrators and platform admins (a member is the 403
 * page, as the API's audit answers it; another tenant's partnership the 404 page).
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id/audit')
export class AuditPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly consortia: ConsortiaService,
    private readonly decisions: DecisionsService,
  ) {}

  @Get()
  async page(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.web.context(p, id, 'audit');
    // a host page: the API's audit rule decides (a member 403), whichever list is shown
    if (!ctx.runsConsortium) throw new ForbiddenError('Only the host reads the audit entries');
    const search = readAuditSearch(q);
    const offset = (readPage(q.page) - 1) * PAGE_SIZE;
    const ok = search.errors.length === 0;
    const filters = { from: search.from || undefined, to: search.to || undefined, q: search.q || undefined, limit: PAGE_SIZE, offset };
    const [audit, decisions] = await Promise.all([
      ok && search.tab === 'audit' ? this.consortia.auditEntries(p, id, { ...filters, action: search.action || undefined, actor: search.actor || undefined }) : null,
      ok && search.tab === 'decisions' ? this.decisions.list(p, id, { ...filters, kind: search.kind || undefined }) : null,
    ]);
    const total = (audit ?? decisions)?.total ?? 0;
    const view = auditView({
      consortiumId: id,
      search,
      audit,
      decisions,
      pager: pager(`/consortium/${id}/audit`, searchQuery(search), { offset, limit: PAGE_SIZE, total }),
    });
    await this.pages.render(
      req,
      res,
      'audit',
      view,
      { title: 'Audit and decisions', consortium: ctx.frame, breadcrumbs: ctx.crumbs, errors: auditErrorLinks(search) },
      ok ? 200 : 400,
    );
  }
}
