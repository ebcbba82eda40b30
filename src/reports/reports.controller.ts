import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags, OmitType } from '@nestjs/swagger';
import { ScenarioRequestDto } from '../scenarios/dto';
import type { Response } from 'express';
import { CurrentUser, type Principal } from '../auth/principal';
import { PeerGroupRequest } from '../benchmarking/dto';
import { MONTH, UUID } from '../common/http/openapi';
import { uuidParam } from '../common/http/uuid-param';
import { IsMonth } from '../common/validation/validation';
import type { RenderedReport } from './reports.service';
import { ReportsService } from './reports.service';

export class PerformanceReportQuery {
  @ApiProperty(MONTH)
  @IsMonth()
  month: string;
}

export class StatementReportQuery {
  @ApiProperty({ ...UUID, description: 'The member whose statement it is' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ ...MONTH, example: '2025-04' })
  @IsMonth()
  from: string;

  @ApiProperty({ ...MONTH, example: '2025-06' })
  @IsMonth()
  to: string;
}

export class ConsolidatedReportQuery {
  @ApiProperty({ ...MONTH, example: '2025-04', description: 'First month (inclusive)' })
  @IsMonth()
  from: string;

  @ApiProperty({ ...MONTH, example: '2025-06', description: 'Last month (inclusive); at most 120 months after from' })
  @IsMonth()
  to: string;
}

export class ScenarioReportQuery {
  @ApiProperty({ ...UUID, description: 'A saved scenario' })
  @IsUUID()
  scenarioId: string;
}

/** The scenario to price for the report (as POST /scenarios, without saving it). */
export class ScenarioReportBody extends OmitType(ScenarioRequestDto, ['name'] as const) {}

export class AgreementReportQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, example: 2, description: 'A version number; default the approved version, or the draft when none is approved' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

/**
 * Sends a rendered report. The renderer's errors (PdfError: 429 busy, 503 no browser, 504 timeout)
 * propagate to the exception filter that maps them to problem documents, as every error family is.
 */
export async function sendPdf(res: Response, make: () => Promise<RenderedReport>): Promise<StreamableFile> {
  const report = await make();
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `inline; filename="${report.filename}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  return new StreamableFile(report.pdf, { type: 'application/pdf', length: report.pdf.length });
}

export const PDF_RESPONSES = [
  ApiProduces('application/pdf'),
  ApiResponse({ status: 200, description: 'The report (application/pdf)', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }),
  ApiResponse({ status: 429, description: 'The PDF renderer is busy; Retry-After says when to try again' }),
  ApiResponse({ status: 503, description: 'No browser for PDF rendering (the detail says how to install Chromium), or it failed' }),
  ApiResponse({ status: 504, description: 'Rendering took too long' }),
];

/** The OpenAPI documentation of a route that answers with a PDF (PDF_RESPONSES). */
export function pdfDocs(): MethodDecorator {
  return (target, key, desc) => {
    for (const d of PDF_RESPONSES) d(target, key, desc);
  };
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('consortia/:id/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('performance.pdf')
  @ApiOperation({
    summary:
      'SLA scorecard for a month (PDF): every target with its result and status, credits, critical failures, 12-month trends. Partners and board viewers get their own organisation’s.',
  })
  @pdfDocs()
  performance(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: PerformanceReportQuery, @Res({ passthrough: true }) res: Response) {
    return sendPdf(res, () => this.reports.performancePdf(p, id, q.month));
  }

  @Get('statement.pdf')
  @ApiOperation({
    summary:
      'A member’s risk-sharing statement for its board (PDF): charges by line and service line, credits, baseline, savings, cost against baseline by month, exit quote summary. Same access as the statement.',
  })
  @pdfDocs()
  statement(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: StatementReportQuery, @Res({ passthrough: true }) res: Response) {
    return sendPdf(res, () => this.reports.statementPdf(p, id, q.organisationId, q.from, q.to));
  }

  @Get('consolidated.pdf')
  @ApiOperation({
    summary:
      'The consolidated statement for the partnership board (PDF): the consortium’s totals, every member’s charge against its baseline with a chart, the service lines summed over the members. Same access as GET /statements/consolidated (host, admin and the partnership board; other members 403).',
  })
  @pdfDocs()
  consolidated(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: ConsolidatedReportQuery, @Res({ passthrough: true }) res: Response) {
    return sendPdf(res, () => this.reports.consolidatedPdf(p, id, q.from, q.to));
  }

  @Get('board-pack.pdf')
  @ApiOperation({
    summary:
      'The board pack for a period (PDF): the consolidated statement, every member against the benefits plan (planned, actual, gap, guaranteed, shortfall), each SLA target’s status by month with critical failures called out, and the decisions taken in the period. Host, admin and the partnership board; other members 403.',
  })
  @pdfDocs()
  boardPack(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: ConsolidatedReportQuery, @Res({ passthrough: true }) res: Response) {
    return sendPdf(res, () => this.reports.boardPackPdf(p, id, q.from, q.to));
  }

  @Post('scenario.pdf')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A what-if scenario for a board paper (PDF), priced from the body as POST /scenarios prices it (nothing is saved): the changes in plain English, each member’s charge now and in the scenario, the totals, a chart. Same access as POST /scenarios.',
  })
  @pdfDocs()
  scenarioNow(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() body: ScenarioReportBody, @Res({ passthrough: true }) res: Response) {
    return sendPdf(res, () => this.reports.scenarioPdf(p, id, { body }));
  }

  @Get('scenario.pdf')
  @ApiOperation({
    summary: 'A saved what-if scenario (PDF) with its figures as computed when saved, its name, reference and date on the cover. Same access as GET /scenarios/:scenarioId.',
  })
  @pdfDocs()
  scenarioSaved(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: ScenarioReportQuery, @Res({ passthrough: true }) res: Response) {
    return sendPdf(res, () => this.reports.scenarioPdf(p, id, { scenarioId: q.scenarioId }));
  }

  @Get('agreement.pdf')
  @ApiOperation({
    summary:
      'The consortium agreement (PDF): parties, delivery model, service lines, SLAs with targets and credits, risk-sharing and exit terms, how the version was decided (the rule, each member’s vote), signature blocks; "DRAFT" on every page until approved',
  })
  @pdfDocs()
  agreement(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: AgreementReportQuery, @Res({ passthrough: true }) res: Response) {
    return sendPdf(res, () => this.reports.agreementPdf(p, id, q.version));
  }
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('benchmarks')
export class BenchmarkReportController {
  constructor(private readonly reports: ReportsService) {}

  @Get('report.pdf')
  @ApiOperation({
    summary: 'Benchmarking report (PDF): the organisation (default: the caller’s) against its peers, the distribution chart, savings potential. Same access as GET /benchmarks.',
  })
  @pdfDocs()
  benchmark(@CurrentUser() p: Principal, @Query() q: PeerGroupRequest, @Res({ passthrough: true }) res: Response) {
    return sendPdf(res, () => this.reports.benchmarkPdf(p, { financialYear: q.financialYear, function: q.function, organisationType: q.organisationType }, q.organisationId));
  }
}
