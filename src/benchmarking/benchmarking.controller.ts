import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { checkCsvUpload } from '../common/csv/csv-import';
import { uuidParam } from '../common/http/uuid-param';
import { BenchmarkingService } from './benchmarking.service';
import {
  BenchmarkReturnPage,
  ImportedView,
  NationalSavingsView,
  PeerGroupAnswerView,
  PeerView,
  PeerGroupRequest,
  ReturnsQuery,
  SubmitReturnDto,
  SubmittedReturnView,
  YearQuery,
} from './dto';

/** Largest CSV accepted: a national collection is a few thousand rows, far below this. */
export const MAX_BENCHMARK_CSV_BYTES = 10 * 1024 * 1024;

@ApiTags('benchmarking')
@ApiBearerAuth()
@Controller('benchmarks')
export class BenchmarkingController {
  constructor(private readonly service: BenchmarkingService) {}

  @Post('returns')
  @Roles('admin', 'host_admin', 'org_admin', 'partner_user')
  @ApiOperation({
    summary:
      "Submit a benchmark return (cost of one function for a financial year, with that year's turnover). A later return for the same organisation, year and function replaces the earlier one (audited). Admins for any organisation; everyone else (but board viewers) for its own organisation only.",
  })
  @ApiCreatedResponse({ type: SubmittedReturnView })
  submit(@CurrentUser() p: Principal, @Body() dto: SubmitReturnDto) {
    return this.service.submit(p, dto);
  }

  @Post('returns/import')
  @HttpCode(200)
  @Roles('admin', 'host_admin', 'org_admin', 'partner_user')
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'organisation,financialYear,function,cost,turnover\nRX1,2024/25,finance,1650000.00,150000000.00\n' } })
  @ApiOperation({
    summary:
      'Import benchmark returns from CSV (header organisation,financialYear,function,cost,turnover; organisation by ODS code or id; at most 10 MB). All or nothing: the 400 lists every bad row as { row, field, message }.',
  })
  @ApiResponse({ status: 408, description: 'The file did not arrive within IMPORT_UPLOAD_TIMEOUT_MS; nothing was written' })
  @ApiResponse({ status: 429, description: 'The caller already runs IMPORT_CONCURRENCY_PER_USER imports; Retry-After says when to try again' })
  @ApiOkResponse({ type: ImportedView })
  import(@CurrentUser() p: Principal, @Req() req: Request) {
    checkCsvUpload(req, MAX_BENCHMARK_CSV_BYTES);
    return this.service.importCsv(p, req, { maxBytes: MAX_BENCHMARK_CSV_BYTES });
  }

  @Get('returns')
  @ApiOperation({ summary: 'Benchmark returns the caller may read (admins all; everyone else those of its own organisation)' })
  @ApiOkResponse({ type: BenchmarkReturnPage })
  listReturns(@CurrentUser() p: Principal, @Query() q: ReturnsQuery) {
    return this.service.listReturns(p, q);
  }

  @Get('national')
  @ApiOperation({ summary: 'Savings potential for a financial year by organisation type and by function (seeds table 6); no organisation is named' })
  @ApiOkResponse({ type: NationalSavingsView })
  national(@CurrentUser() p: Principal, @Query() q: YearQuery) {
    return this.service.national(p, q.financialYear);
  }

  @Get('organisations/:organisationId')
  @ApiOperation({
    summary:
      'One organisation across the seven functions for a financial year (seeds §5.8 peer-to-peer table): KPI, peer figures and savings per function. Admins any; everyone else its own organisation.',
  })
  @ApiOkResponse({ type: PeerView })
  organisation(@CurrentUser() p: Principal, @Param('organisationId', uuidParam('organisationId')) organisationId: string, @Query() q: YearQuery) {
    return this.service.organisationView(p, organisationId, q.financialYear);
  }

  @Get()
  @ApiOperation({
    summary:
      'A peer group (organisation type, function, year): n, trimmed (k dropped from each end), average, median, quartiles, Hackett comparators, and per return KPI and savings. Visible to every signed-in user; other organisations are unnamed unless the caller may read their returns.',
  })
  @ApiOkResponse({ type: PeerGroupAnswerView })
  peerGroup(@CurrentUser() p: Principal, @Query() q: PeerGroupRequest) {
    const { organisationId, ...group } = q;
    return this.service.peerGroup(p, group, { organisationId });
  }
}
