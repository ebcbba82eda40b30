import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { BenchmarkingModule } from '../benchmarking/benchmarking.module';
import { ConsortiaModule } from '../consortia/consortia.module';
import { ExitModule } from '../exit/exit.module';
import { KpisModule } from '../kpis/kpis.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ServiceLinesModule } from '../service-lines/service-lines.module';
import { SlasModule } from '../slas/slas.module';
import { StatementsModule } from '../statements/statements.module';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { ReportJobsController } from './jobs/report-jobs.controller';
import { ReportJobsRepository } from './jobs/report-jobs.repository';
import { ReportJobsService } from './jobs/report-jobs.service';
import { PdfService } from './pdf.service';
import { ReportRenderer } from './report-renderer.service';
import { BenchmarkReportController, ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** PDF reports for boards and partners (api.md "Reports (PDF)"). */
@Module({
  imports: [ConsortiaModule, OrganisationsModule, KpisModule, ServiceLinesModule, SlasModule, StatementsModule, AgreementsModule, BenchmarkingModule, ExitModule, ScenariosModule],
  providers: [PdfService, ReportRenderer, ReportsService, ReportJobsRepository, ReportJobsService],
  controllers: [ReportsController, BenchmarkReportController, ReportJobsController],
  exports: [PdfService, ReportRenderer, ReportsService, ReportJobsService],
})
export class ReportsModule {}
