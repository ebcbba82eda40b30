import { ApiProperty, OmitType } from '@nestjs/swagger';
import { COUNT, MONTH, PageOf, TIMESTAMP, UUID } from '../common/http/openapi';

const SHA256 = { type: String, pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the file, hex' } as const;

export class ReportJobErrorView {
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty({ description: 'Why that member’s statement could not be rendered' }) message: string;
}

export class ReportJobFileView {
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ example: 'statement-2025-04-2025-06-riverside.pdf' }) filename: string;
  @ApiProperty({ ...COUNT, description: 'Bytes' }) size: number;
  @ApiProperty(SHA256) sha256: string;
  @ApiProperty({ example: '/api/v1/consortia/…/reports/jobs/…/files/….pdf', description: 'Where to download it' }) url: string;
}

/** A report job (ReportJobView of reports/jobs/report-jobs.service.ts). */
export class ReportJobView {
  @ApiProperty(UUID) id: string;
  @ApiProperty(UUID) consortiumId: string;
  @ApiProperty({ enum: ['statements'] }) kind: 'statements';
  @ApiProperty(MONTH) from: string;
  @ApiProperty(MONTH) to: string;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) status: 'queued' | 'running' | 'completed' | 'failed';
  @ApiProperty({ ...COUNT, description: 'Statements to render (one per member)' }) total: number;
  @ApiProperty({ ...COUNT, description: 'Statements rendered so far' }) done: number;
  @ApiProperty({ ...COUNT, description: 'Members whose statement could not be given' }) failed: number;
  @ApiProperty({ type: [ReportJobErrorView] }) errors: ReportJobErrorView[];
  @ApiProperty({ ...COUNT, description: "The most attempts any member's job has made (1 when nothing was retried)" }) attempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'The last failure of a member attempt that is retried, or why the batch failed; cleared when it completes' })
  lastError: string | null;
  @ApiProperty(TIMESTAMP) createdAt: Date;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) startedAt: Date | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) finishedAt: Date | null;
  @ApiProperty({ type: [ReportJobFileView] }) files: ReportJobFileView[];
}

/** A report job as listed (without its files: GET …/reports/jobs/:jobId has them). */
export class ReportJobSummaryView extends OmitType(ReportJobView, ['files'] as const) {}

export class ReportJobSummaryPage extends PageOf(ReportJobSummaryView) {}
