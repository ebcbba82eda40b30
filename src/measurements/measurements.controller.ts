import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { checkCsvUpload } from '../common/csv/csv-import';
import { ClientGoneError, responseSink } from '../common/http/response-sink';
import { uuidParam } from '../common/http/uuid-param';
import { fieldErrorsTogether } from '../common/validation/together';
import { STREAMS_CONFIG, type StreamsConfig } from '../config/slices';
import { AcceptedView, MeasurementPage, MeasurementQuery, SubmitMeasurementsDto } from './dto';
import { MeasurementsService } from './measurements.service';

/** Largest CSV accepted (a 100,000-row file is about 8 MB). */
const MAX_CSV_BYTES = 64 * 1024 * 1024;

@ApiTags('measurements')
@ApiBearerAuth()
@Controller('consortia/:id/measurements')
export class MeasurementsController {
  constructor(
    private readonly service: MeasurementsService,
    @Inject(STREAMS_CONFIG) private readonly streams: StreamsConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles('admin', 'host_admin', 'partner_user')
  @ApiOperation({ summary: 'Submit measurements (all or nothing; a later value for the same key replaces the earlier one, audited)' })
  @ApiOkResponse({ type: AcceptedView })
  submit(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: SubmitMeasurementsDto) {
    return fieldErrorsTogether(dto, () => this.service.submit(p, id, dto));
  }

  @Post('import')
  @HttpCode(200)
  @Roles('admin', 'host_admin', 'partner_user')
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'kpiCode,serviceLine,organisation,month,value\nPAY_ACCURACY,PAY,DRV02,2025-05,98.7\n' } })
  @ApiOperation({
    summary:
      'Import measurements from CSV (header kpiCode,serviceLine,organisation,month,value; service line by code, organisation by ODS code or id, empty = service-line wide). Streamed; all or nothing; every bad row listed.',
  })
  @ApiResponse({ status: 408, description: 'The file did not arrive within IMPORT_UPLOAD_TIMEOUT_MS; nothing was written' })
  @ApiResponse({ status: 429, description: 'The caller already runs IMPORT_CONCURRENCY_PER_USER imports; Retry-After says when to try again' })
  @ApiOkResponse({ type: AcceptedView })
  import(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Req() req: Request) {
    checkCsvUpload(req, MAX_CSV_BYTES);
    return this.service.importCsv(p, id, req, { maxBytes: MAX_CSV_BYTES });
  }

  @Get('export')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The same measurements as CSV (streamed; cells that a spreadsheet would read as formulas are neutralised)' })
  @ApiOkResponse({
    description: 'CSV with the header month,kpiCode,kpiName,serviceLine,serviceLineName,odsCode,organisation,value',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  async export(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: MeasurementQuery, @Res() res: Response) {
    // Waits for the client with a bound: one that leaves or stops reading frees the export's connection.
    const sink = responseSink(res, this.streams.exportStallTimeoutMs);
    let started = false;
    try {
      await this.service.exportCsv(p, id, q, (chunk) => {
        if (!started) {
          res.status(200).type('text/csv; charset=utf-8').setHeader('Content-Disposition', 'attachment; filename="measurements.csv"');
          started = true;
        }
        return sink.write(chunk);
      });
      res.end();
    } catch (e) {
      if (e instanceof ClientGoneError) return; // nobody to answer; the response is already destroyed
      if (!started) throw e;
      res.destroy(e as Error);
    }
  }

  @Get()
  @ApiOperation({ summary: 'Measurements (partners and board viewers: their own and service-line-wide ones)' })
  @ApiOkResponse({ type: MeasurementPage })
  list(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: MeasurementQuery) {
    return this.service.list(p, id, q);
  }
}
