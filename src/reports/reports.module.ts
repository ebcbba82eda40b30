import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { BenchmarkingModule } from '../benchmarking/benchmarking.module';
import { ExitService } from '../exit/exit.service';
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
  imports: [SlasModule, StatementsModule, AgreementsModule, BenchmarkingModule],
  // ExitService is provided here too (stateless; the exit module does not export it).
  providers: [PdfService, ReportRenderer, ReportsService, ExitService, ReportJobsService],
  controllers: [ReportsController, BenchmarkReportController, ReportJobsController],
  exports: [PdfService, ReportRenderer],
})
export class ReportsModule {}
