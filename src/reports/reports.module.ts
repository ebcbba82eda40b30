import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AgreementsModule } from '../agreements/agreements.module';
import { BenchmarkingModule } from '../benchmarking/benchmarking.module';
import { PdfErrorFilter } from '../common/errors/pdf-error.filter';
import { ExitModule } from '../exit/exit.module';
import { SlasModule } from '../slas/slas.module';
import { StatementsModule } from '../statements/statements.module';
import { ReportJobsController } from './jobs/report-jobs.controller';
import { ReportJobsService } from './jobs/report-jobs.service';
import { PdfService } from './pdf.service';
import { ReportRenderer } from './report-renderer.service';
import { BenchmarkReportController, ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** PDF reports for boards and partners (api.md "Reports (PDF)"). */
@Module({
  imports: [SlasModule, StatementsModule, AgreementsModule, BenchmarkingModule, ExitModule],
  providers: [PdfService, ReportRenderer, ReportsService, ReportJobsService, { provide: APP_FILTER, useClass: PdfErrorFilter }],
  controllers: [ReportsController, BenchmarkReportController, ReportJobsController],
  exports: [PdfService, ReportRenderer],
})
export class ReportsModule {}
