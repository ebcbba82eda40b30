import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { Response } from 'express';
import { CurrentUser, type Principal } from '../auth/principal';
import { UUID } from '../common/http/openapi';
import { uuidParam } from '../common/http/uuid-param';
import { pdfDocs, sendPdf } from '../reports/reports.controller';
import { AppraisalReportService } from './appraisal-report.service';

export class AppraisalReportQuery {
  @ApiProperty({ ...UUID, description: 'A saved appraisal of the consortium' })
  @IsUUID()
  appraisalId: string;
}

/** The options appraisal report (PDF), beside the other reports of a consortium. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('consortia/:id/reports')
export class AppraisalReportController {
  constructor(private readonly reports: AppraisalReportService) {}

  @Get('appraisal.pdf')
  @ApiOperation({
    summary:
      'A saved options appraisal (PDF): inputs, ranking with the preferred option, cost streams by option and year with discount factors and present values, net present costs, savings, payback, and a chart of cumulative cost by option. Every member reads it.',
  })
  @pdfDocs()
  appraisal(
    @CurrentUser() p: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Query() q: AppraisalReportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return sendPdf(res, () => this.reports.appraisalPdf(p, id, q.appraisalId));
  }
}
