import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { checkCsvUpload } from '../common/csv/csv-import';
import { uuidParam } from '../common/http/uuid-param';
import { AcceptedView, MeasurementPage, MeasurementQuery, SubmitMeasurementsDto } from './dto';
import { MeasurementsService } from './measurements.service';

/** Largest CSV accepted (a 100,000-row file is about 8 MB). */
const MAX_CSV_BYTES = 64 * 1024 * 1024;

@ApiTags('measurements')
@ApiBearerAuth()
@Controller('consortia/:id/measurements')
export class MeasurementsController {
  constructor(private readonly service: MeasurementsService) {}

  @Post()
  @HttpCode(200)
  @Roles('admin', 'host_admin', 'partner_user')
  @ApiOperation({ summary: 'Submit measurements (all or nothing; a later value for the same key replaces the earlier one, audited)' })
  @ApiOkResponse({ type: AcceptedView })
  submit(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: SubmitMeasurementsDto) {
    return this.service.submit(p, id, dto);
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
    let started = false;
    try {
      await this.service.exportCsv(p, id, q, (chunk) => {
        if (!started) {
          res.status(200).type('text/csv; charset=utf-8').setHeader('Content-Disposition', 'attachment; filename="measurements.csv"');
          started = true;
        }
        return res.write(chunk) ? true : new Promise<void>((r) => res.once('drain', () => r()));
      });
      res.end();
    } catch (e) {
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
