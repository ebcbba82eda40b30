import { Body, Controller, Get, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, type Principal, Roles } from '../../auth/principal';
import { uuidParam } from '../../common/http/uuid-param';
import { MONTH } from '../../common/http/openapi';
import { IsMonth } from '../../common/validation/validation';
import { ReportJobView } from '../dto';
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

  @Get('jobs/:jobId')
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: 'A report job’s progress (queued, running, completed, failed), its errors and the files rendered so far' })
  @ApiOkResponse({ type: ReportJobView })
  job(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('jobId', uuidParam('jobId')) jobId: string) {
    return this.jobs.get(p, id, jobId);
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
    const f = await this.jobs.file(p, id, jobId, organisationId);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${f.filename}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('ETag', `"${f.sha256}"`);
    res.setHeader('X-Content-SHA256', f.sha256);
    return new StreamableFile(f.pdf, { type: 'application/pdf', length: f.pdf.length });
  }
}
