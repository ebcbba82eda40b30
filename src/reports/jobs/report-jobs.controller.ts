import { Readable } from 'node:stream';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, type Principal, Roles } from '../../auth/principal';
import { uuidParam } from '../../common/http/uuid-param';
import { MONTH } from '../../common/http/openapi';
import { IsMonth } from '../../common/validation/validation';
import { ListQuery } from '../../common/http/pagination';
import { ReportJobSummaryPage, ReportJobView } from '../dto';
import { ReportJobsService } from './report-jobs.service';

export class StatementBatchDto {
  @ApiProperty({ ...MONTH, example: '2025-04', description: 'First month of the period (e.g. the quarter)' })
  @IsMonth()
  from: string;

  @ApiProperty({ ...MONTH, example: '2025-06', description: 'Last month of the period' })
  @IsMonth()
  to: string;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('consortia/:id/reports')
export class ReportJobsController {
  constructor(private readonly jobs: ReportJobsService) {}

  @Post('statements')
  @HttpCode(202)
  @Roles('admin', 'host_admin')
  @ApiOperation({
    summary:
      'Queue a statement PDF for every member over from..to (background job; survives restarts). Poll GET …/reports/jobs/:jobId. While an identical batch (same consortium, from and to) is queued or running, that job (the same id) is returned instead of a new one.',
  })
  @ApiResponse({ status: 202, type: ReportJobView, description: 'The job, queued (or the identical batch already queued or running)' })
  async enqueue(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: StatementBatchDto) {
    const { job } = await this.jobs.enqueueStatements(p, id, dto.from, dto.to);
    return job;
  }

  @Get('jobs')
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: 'The consortium’s report jobs (statement batches), newest first, with their progress (each job’s files: GET …/reports/jobs/:jobId)' })
  @ApiOkResponse({ type: ReportJobSummaryPage })
  list(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: ListQuery) {
    return this.jobs.list(p, id, q.limit ?? 50, q.offset ?? 0);
  }

  @Get('jobs/:jobId')
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: 'A report job’s progress (queued, running, completed, failed), its errors and the files rendered so far' })
  @ApiOkResponse({ type: ReportJobView })
  job(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('jobId', uuidParam('jobId')) jobId: string) {
    return this.jobs.get(p, id, jobId);
  }

  @Get('jobs/:jobId/files.zip')
  @Roles('admin', 'host_admin')
  @ApiProduces('application/zip')
  @ApiOperation({
    summary:
      'Every PDF a finished job rendered as one ZIP (stored, entries named by member: "<member> statement <from> to <to>.pdf"); 409 report_not_ready while it is queued or running',
  })
  @ApiOkResponse({ description: 'The ZIP', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } })
  async zip(
    @CurrentUser() p: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Param('jobId', uuidParam('jobId')) jobId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return sendZip(res, await this.jobs.zip(p, id, jobId));
  }

  @Get('jobs/:jobId/files/:organisationId.pdf')
  @Roles('admin', 'host_admin')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'One member’s statement PDF rendered by a job (409 while it is not rendered yet)' })
  @ApiOkResponse({ description: 'The PDF (ETag and X-Content-SHA256: its SHA-256)', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async file(
    @CurrentUser() p: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Param('jobId', uuidParam('jobId')) jobId: string,
    @Param('organisationId', uuidParam('organisationId')) organisationId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendJobFile(res, await this.jobs.file(p, id, jobId, organisationId));
  }
}

/** Sends a batch's ZIP (the API's route and the web page's): headers, then its parts as they are read. */
export function sendZip(res: Response, z: { filename: string; size: number; parts: AsyncIterable<Buffer> }): StreamableFile {
  res.setHeader('Content-Type', 'application/zip');
  res.setHeader('Content-Disposition', `attachment; filename="${z.filename}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  return new StreamableFile(Readable.from(z.parts), { type: 'application/zip', length: z.size });
}

/** Sends one PDF of a batch (the API's route and the web page's): an attachment with its hash as ETag and X-Content-SHA256. */
export function sendJobFile(res: Response, f: { pdf: Buffer; filename: string; sha256: string }): StreamableFile {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `attachment; filename="${f.filename}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('ETag', `"${f.sha256}"`);
  res.setHeader('X-Content-SHA256', f.sha256);
  return new StreamableFile(f.pdf, { type: 'application/pdf', length: f.pdf.length });
}
