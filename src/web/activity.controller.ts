import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UploadedFile, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { MAX_LISTED_ERRORS, readCsv, RowErrors } from '../common/csv/csv-import';
import { DomainError, ForbiddenError, type FieldError } from '../common/errors/domain-error';
import { isMonth } from '../common/months';
import { ConsortiaService } from '../consortia/consortia.service';
import { LedgerService } from '../ledger/ledger.service';
import { MonthsService } from '../months/months.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import {
  ACTIVITY_HEADER,
  activityAt,
  activityPageView,
  activityRow,
  activityTemplate,
  BASELINE_HEADER,
  baselineRow,
  baselinesAt,
  baselineTemplate,
  csvErrorsFromService,
  csvRows,
  csvSummary,
  distinctMembers,
  errorLinks,
  readTable,
  tableErrorsFromService,
  type ActivityPageInput,
  type Kind,
  type Line,
  type Member,
} from './view/activity.view';
import { openMonths } from './view/costs.view';
import { queryValue } from './view/periods';
import { MAX_WEB_CSV_BYTES } from './measurements.controller';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia, type ConsortiumContext } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

interface UploadedCsv {
  buffer: Buffer;
  size: number;
}

interface Loaded {
  ctx: ConsortiumContext;
  lines: Line[];
  members: Member[];
  openMonths: string[];
  nextToClose: string;
}

type State = Partial<Pick<ActivityPageInput, 'activityState' | 'baselineState' | 'activityCsv' | 'baselineCsv' | 'saved'>>;

/** At most as many rows as the API takes in one PUT (`@ArrayMaxSize(20000)` on PutActivityDto and PutBaselinesDto). */
const MAX_IMPORT_ROWS = 20000;

/**
 * The host's activity and baselines (issue 15): editable tables and CSV uploads, through the same
 * LedgerService calls as `PUT /api/v1/consortia/:id/activity` and `…/baselines` (all or nothing, the
 * same checks, closed months refused); a file's bad rows are listed (row, column, problem) and nothing
 * is written. The host's administrators and platform admins only (anyone else 403, as the API);
 * another partnership is the 404 page.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id/activity')
export class ActivityPageController {
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
    const ctx = await this.web.context(p, id, 'activity');
    if (!ctx.runsConsortium) throw new ForbiddenError('Only the host enters activity and baselines');
    const [lines, members, months] = await Promise.all([this.serviceLines.list(p, id), this.consortia.listMembers(p, id), this.months.months(p, id)]);
    return {
      ctx,
      lines: lines.items.map((l) => ({ id: l.id, code: l.code, name: l.name, recipientIds: l.recipientIds })),
      members: distinctMembers(members.items),
      openMonths: openMonths(months.nextToClose, this.clock.month()),
      nextToClose: months.nextToClose,
    };
  }

  private month(l: Loaded, v: unknown): string {
    const m = queryValue(v);
    return m && l.openMonths.includes(m) ? m : l.nextToClose;
  }

  private async activityOf(p: Principal, id: string, month: string) {
    return activityAt((await this.ledger.listActivity(p, id, { from: month, to: month, limit: 500, offset: 0 })).items);
  }

  private async render(req: Request, res: Response, p: Principal, l: Loaded, month: string, baselineFrom: string, state: State, status = 200): Promise<void> {
    const id = l.ctx.consortium.id;
    const [activity, baselines] = [await this.activityOf(p, id, month), baselinesAt((await this.ledger.listBaselines(p, id)).items, baselineFrom)];
    const view = activityPageView({
      consortiumId: id,
      lines: l.lines,
      members: l.members,
      openMonths: l.openMonths,
      month,
      baselineFrom,
      activity,
      baselines,
      activityState: state.activityState ?? null,
      baselineState: state.baselineState ?? null,
      activityCsv: state.activityCsv ?? null,
      baselineCsv: state.baselineCsv ?? null,
      saved: state.saved ?? null,
    });
    const errors = [
      ...errorLinks(state.activityState?.errors ?? {}),
      ...(state.activityCsv?.fileError ? [{ text: state.activityCsv.fileError, href: '#activity-file' }] : []),
      ...errorLinks(state.baselineState?.errors ?? {}),
      ...(state.baselineCsv?.fileError ? [{ text: state.baselineCsv.fileError, href: '#baseline-file' }] : []),
    ];
    await this.pages.render(req, res, 'activity', view, { title: 'Activity and baselines', consortium: l.ctx.frame, breadcrumbs: l.ctx.crumbs, errors }, status);
  }

  @Get()
  async page(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const l = await this.load(p, id);
    const saved = queryValue(q.saved);
    const count = Number(queryValue(q.count) ?? '0');
    const month = this.month(l, q.month);
    await this.render(req, res, p, l, month, this.month(l, q.from), {
      saved: (saved === 'activity' || saved === 'baselines') && Number.isInteger(count) ? { kind: saved, count, month } : undefined,
    });
  }

  private savedHref(id: string, kind: Kind, count: number, month: string, from: string) {
    return `/consortium/${id}/activity?${new URLSearchParams({ saved: kind, count: String(count), month, from }).toString()}#saved`;
  }

  /** Writes the table's changed cells (PUT …/activity or …/baselines); the service's refusals on their cells. */
  @Post(['', 'baselines'])
  @HttpCode(200)
  async saveTable(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() body: Record<string, unknown> | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const l = await this.load(p, id);
    const kind: Kind = req.path.endsWith('/baselines') ? 'baselines' : 'activity';
    const b = body ?? {};
    const monthText = typeof b.month === 'string' ? b.month.trim() : '';
    const month = kind === 'activity' ? this.month(l, monthText) : this.month(l, b.from);
    const fromText = kind === 'baselines' ? (typeof b.from === 'string' ? b.from.trim() : '') : '';
    const current = kind === 'activity' ? await this.activityOf(p, id, month) : baselinesAt((await this.ledger.listBaselines(p, id)).items, month);
    const members = kind === 'activity' ? l.members.filter((m) => m.joinedOn <= `${month}-31` && (m.leftOn === null || m.leftOn >= `${month}-01`)) : l.members;
    const read = readTable(kind, b, { lines: l.lines, members, current });
    const fallback = kind === 'activity' ? 'activity-table' : 'baseline-table';
    const stateKey = kind === 'activity' ? 'activityState' : 'baselineState';
    const badMonth = kind === 'activity' ? !isMonth(monthText) || !l.openMonths.includes(monthText) : !isMonth(fromText) || !l.openMonths.includes(fromText);
    if (badMonth) read.errors[fallback] = 'Select an open month from the list';
    else if (!Object.keys(read.errors).length && !read.changed.length) read.errors[fallback] = 'Nothing was changed: change at least one figure, then save';
    if (!Object.keys(read.errors).length) {
      try {
        const r =
          kind === 'activity'
            ? await this.ledger.putActivity(p, id, {
                items: read.changed.map((c) => ({ serviceLineId: c.serviceLineId, organisationId: c.organisationId, month, volume: c.value })),
              })
            : await this.ledger.putBaselines(p, id, {
                items: read.changed.map((c) => ({ serviceLineId: c.serviceLineId, organisationId: c.organisationId, annualAmount: c.value, effectiveFrom: month })),
              });
        return res.redirect(
          303,
          this.savedHref(id, kind, r.accepted, kind === 'activity' ? month : this.month(l, undefined), kind === 'baselines' ? month : this.month(l, undefined)),
        );
      } catch (e) {
        if (!(e instanceof DomainError) || !(e.status === 400 || (e.status === 409 && e.code === 'month_closed'))) throw e;
        Object.assign(
          read.errors,
          tableErrorsFromService(
            e.errors.length ? e.errors : [{ field: fallback, message: e.message }],
            read.changed.map((c) => c.id),
            fallback,
          ),
        );
      }
    }
    const state: State = { [stateKey]: { values: read.values, errors: read.errors } };
    await this.render(req, res, p, l, kind === 'activity' ? month : this.month(l, undefined), kind === 'baselines' ? month : this.month(l, undefined), state, 400);
  }

  /** A CSV file of activity or baselines: every bad row listed (the file's own, then the service's), nothing written. */
  @Post(['import', 'baselines/import'])
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_WEB_CSV_BYTES, files: 1, fields: 5, parts: 6 } }))
  async import(@CurrentUser() p: Principal, @Param('id') id: string, @UploadedFile() file: UploadedCsv | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const l = await this.load(p, id);
    const kind: Kind = req.path.endsWith('/baselines/import') ? 'baselines' : 'activity';
    const csvKey = kind === 'activity' ? 'activityCsv' : 'baselineCsv';
    const refuse = (errors: { row: string; column: string; message: string }[], fileError: string, status: number) =>
      this.render(req, res, p, l, l.nextToClose, l.nextToClose, { [csvKey]: { errors, fileError } }, status);
    if (!file || file.size === 0) return refuse([], file ? 'The selected file is empty' : 'Select a CSV file', 400);
    const rowErrors = new RowErrors();
    const tooMany = `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows: split it into smaller files`;
    const lines: number[] = [];
    const activity: Parameters<LedgerService['putActivity']>[2]['items'] = [];
    const baselines: Parameters<LedgerService['putBaselines']>[2]['items'] = [];
    try {
      if (kind === 'activity') {
        for await (const row of readCsv(Readable.from(file.buffer), { header: ACTIVITY_HEADER, maxBytes: MAX_WEB_CSV_BYTES })) {
          const r = activityRow(row.cells, l);
          const errors: FieldError[] = [...(row.extra ? [row.extra] : []), ...r.errors];
          if (errors.length) rowErrors.add(row.line, errors);
          else if (r.item) {
            if (activity.length === MAX_IMPORT_ROWS) return refuse([], tooMany, 400);
            activity.push(r.item);
            lines.push(row.line);
          }
        }
      } else {
        for await (const row of readCsv(Readable.from(file.buffer), { header: BASELINE_HEADER, maxBytes: MAX_WEB_CSV_BYTES })) {
          const r = baselineRow(row.cells, l);
          const errors: FieldError[] = [...(row.extra ? [row.extra] : []), ...r.errors];
          if (errors.length) rowErrors.add(row.line, errors);
          else if (r.item) {
            if (baselines.length === MAX_IMPORT_ROWS) return refuse([], tooMany, 400);
            baselines.push(r.item);
            lines.push(row.line);
          }
        }
      }
    } catch (e) {
      if (!(e instanceof DomainError) || e.status !== 400) throw e;
      const rows = csvRows(e.errors);
      return refuse(
        rows,
        rows.some((r) => r.row === '1')
          ? `The first row must be the header ${(kind === 'activity' ? ACTIVITY_HEADER : BASELINE_HEADER).join(',')}`
          : (rows[0]?.message ?? e.message),
        400,
      );
    }
    if (rowErrors.any) {
      const rows = csvRows(rowErrors.listed);
      return refuse(rows, csvSummary(rows), 400);
    }
    try {
      const r = kind === 'activity' ? await this.ledger.putActivity(p, id, { items: activity }) : await this.ledger.putBaselines(p, id, { items: baselines });
      return res.redirect(303, this.savedHref(id, kind, r.accepted, l.nextToClose, l.nextToClose));
    } catch (e) {
      if (!(e instanceof DomainError) || !(e.status === 400 || (e.status === 409 && e.code === 'month_closed')) || !e.errors.length) throw e;
      // as many as a file's own errors are listed (the service lists every one)
      const rows = csvErrorsFromService(e.errors.slice(0, MAX_LISTED_ERRORS), lines);
      return refuse(rows, csvSummary(rows), e.status);
    }
  }

  @Get(['template.csv', 'baselines-template.csv'])
  async template(@CurrentUser() p: Principal, @Param('id') id: string, @Query('month') m: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const l = await this.load(p, id);
    const month = this.month(l, m);
    const baselines = req.path.endsWith('/baselines-template.csv');
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="${baselines ? 'baselines' : 'activity'}-template.csv"`)
      .setHeader('Cache-Control', 'no-store')
      .send(baselines ? baselineTemplate(l.lines, l.members, month) : activityTemplate(l.lines, l.members, month));
  }
}
