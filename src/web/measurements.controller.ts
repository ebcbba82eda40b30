import {
  ArgumentsHost,
  Body,
  Catch,
  Controller,
  ExceptionFilter,
  Get,
  HttpCode,
  Injectable,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { DomainError, ForbiddenError } from '../common/errors/domain-error';
import { ConsortiaService } from '../consortia/consortia.service';
import { MeasurementsService } from '../measurements/measurements.service';
import { MonthsService } from '../months/months.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import { SlasService } from '../slas/slas.service';
import {
  checkMeasurementForm,
  confirmationHref,
  confirmationOf,
  csvErrorRows,
  csvSummary,
  csvTemplate,
  errorLinks,
  formErrorsFromService,
  measurementFormOptions,
  measurementsPageView,
  noErrors,
  readMeasurementForm,
  type Confirmation,
  type MeasurementForm,
  type MeasurementFormErrors,
  type MeasurementFormOptions,
} from './view/measurements.view';
import { canSubmitMeasurements } from './view/sections';
import { WebSignedInGuard } from './web-auth';
import { WebConsortia, type ConsortiumContext } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

/** Largest CSV the page accepts (about 200,000 rows); the API takes larger files, streamed. */
export const MAX_WEB_CSV_BYTES = 16 * 1024 * 1024;

/** A file as the upload interceptor (multer, in memory) hands it over. */
interface UploadedCsv {
  buffer: Buffer;
  size: number;
  originalname: string;
}

interface Loaded {
  ctx: ConsortiumContext;
  options: MeasurementFormOptions;
  /** The caller's organisation: its name, and its ODS code (else id) for the CSV; null for a platform administrator. */
  organisation: { name: string; key: string } | null;
}

interface PageState {
  form: MeasurementForm | null;
  errors: MeasurementFormErrors;
  csvErrors: { row: string; column: string; message: string }[];
  fileError: string | null;
  confirmation: Confirmation | null;
}

const EMPTY: PageState = { form: null, errors: noErrors(), csvErrors: [], fileError: null, confirmation: null };

/** Loads and renders the page (for the controller, and for the filter that answers an upload too large). */
@Injectable()
export class MeasurementsPage {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly slas: SlasService,
    private readonly serviceLines: ServiceLinesService,
    private readonly months: MonthsService,
    private readonly consortia: ConsortiaService,
    private readonly clock: Clock,
  ) {}

  /** The partnership (404 when not the caller's), the caller's right to submit (403, as the API), and the form's choices. */
  async load(p: Principal, id: string): Promise<Loaded> {
    const ctx = await this.web.context(p, id, 'measurements');
    if (!canSubmitMeasurements(p.role, ctx.seesWholeConsortium)) throw new ForbiddenError('Board members read performance; they do not submit measurements');
    const [slas, lines, closed, members] = await Promise.all([this.slas.list(p, id), this.serviceLines.list(p, id), this.months.months(p, id), this.consortia.listMembers(p, id)]);
    const options = measurementFormOptions({
      slas: slas.items,
      serviceLines: lines.items,
      organisationId: p.organisationId,
      closedMonths: closed.items.map((m) => m.month),
      thisMonth: this.clock.month(),
    });
    const me = p.organisationId ? members.items.find((m) => m.organisationId === p.organisationId) : undefined;
    return { ctx, options, organisation: me ? { name: me.organisationName, key: me.odsCode ?? me.organisationId } : null };
  }

  async render(req: Request, res: Response, l: Loaded, state: PageState, status = 200): Promise<void> {
    const view = measurementsPageView({ consortiumId: l.ctx.consortium.id, organisationName: l.organisation?.name ?? null, options: l.options, ...state });
    const errors = [...errorLinks(state.errors), ...(state.fileError ? [{ text: state.fileError, href: '#file' }] : [])];
    await this.pages.render(req, res, 'measurements', view, { title: 'Submit measurements', consortium: l.ctx.frame, breadcrumbs: l.ctx.crumbs, errors }, status);
  }
}

/** An upload over the page's cap (refused by the upload interceptor before the handler): the page again, saying so. */
@Injectable()
@Catch(PayloadTooLargeException)
export class UploadTooLargeFilter implements ExceptionFilter {
  constructor(
    private readonly page: MeasurementsPage,
    private readonly fallback: WebErrorFilter,
  ) {}

  catch(err: PayloadTooLargeException, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request & { user?: Principal }>();
    const res = host.switchToHttp().getResponse<Response>();
    const fileError = `The file must be smaller than ${MAX_WEB_CSV_BYTES / 1024 / 1024} MB: split it into smaller files, or send it through the API`;
    const p = req.user;
    if (!p) return this.fallback.catch(err, host);
    this.page
      .load(p, String(req.params.id))
      .then((l) => this.page.render(req, res, l, { ...EMPTY, fileError }, 413))
      .catch((e: unknown) => this.fallback.catch(e, host));
  }
}

/**
 * Submitting measurements for the caller's organisation: one result through a form, or a CSV file,
 * through the same MeasurementsService calls as `POST /api/v1/consortia/:id/measurements` and
 * `…/measurements/import` (the same checks, all or nothing, the same audit). The organisation is
 * always the caller's, never the form's.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id')
export class MeasurementsController {
  constructor(
    private readonly page: MeasurementsPage,
    private readonly measurements: MeasurementsService,
  ) {}

  @Get('measurements')
  async form(@CurrentUser() p: Principal, @Param('id') id: string, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const l = await this.page.load(p, id);
    await this.page.render(req, res, l, { ...EMPTY, confirmation: confirmationOf(id, query) });
  }

  @Post('measurements')
  @HttpCode(200)
  async submit(@CurrentUser() p: Principal, @Param('id') id: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const l = await this.page.load(p, id);
    const form = readMeasurementForm(body ?? {});
    const checked = checkMeasurementForm(form, l.options, p.organisationId);
    let errors = checked.errors;
    if (checked.item) {
      try {
        const r = await this.measurements.submit(p, id, { items: [checked.item] });
        return res.redirect(303, confirmationHref(id, r, checked.item.month));
      } catch (e) {
        const mapped = e instanceof DomainError && (e.status === 400 || e.status === 409) ? formErrorsFromService(e.errors) : null;
        if (!mapped) throw e;
        errors = mapped;
      }
    }
    await this.page.render(req, res, l, { ...EMPTY, form, errors }, 400);
  }

  @Post('measurements/import')
  @HttpCode(200)
  @UseFilters(UploadTooLargeFilter)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_WEB_CSV_BYTES, files: 1, fields: 5, parts: 6 } }))
  async import(@CurrentUser() p: Principal, @Param('id') id: string, @UploadedFile() file: UploadedCsv | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const l = await this.page.load(p, id);
    if (!file || file.size === 0) {
      return this.page.render(req, res, l, { ...EMPTY, fileError: file ? 'The selected file is empty' : 'Select a CSV file' }, 400);
    }
    try {
      const r = await this.measurements.importCsv(p, id, Readable.from(file.buffer), { maxBytes: MAX_WEB_CSV_BYTES });
      return res.redirect(303, confirmationHref(id, r, null));
    } catch (e) {
      if (e instanceof DomainError && e.status === 429) {
        return this.page.render(req, res, l, { ...EMPTY, fileError: 'You are already uploading files: wait until they have finished, then upload this one again' }, 429);
      }
      // The file's problems (400) and rows in closed months (409 month_closed) are listed row by row; nothing was written.
      if (!(e instanceof DomainError) || !(e.status === 400 || (e.status === 409 && e.code === 'month_closed')) || !e.errors.length) throw e;
      await this.page.render(req, res, l, { ...EMPTY, csvErrors: csvErrorRows(e.errors), fileError: csvSummary(e.errors, e.message) }, e.status);
    }
  }

  @Get('measurements/template')
  async template(@CurrentUser() p: Principal, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const l = await this.page.load(p, id);
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', 'attachment; filename="measurements-template.csv"')
      .setHeader('Cache-Control', 'no-store')
      .send(csvTemplate(l.options, l.organisation?.key ?? null));
  }
}
