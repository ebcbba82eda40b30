import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { AppraisalReportController } from './appraisal-report.controller';
import { AppraisalReportService } from './appraisal-report.service';
import { AppraisalsController } from './appraisals.controller';
import { AppraisalsRepository } from './appraisals.repository';
import { AppraisalsService } from './appraisals.service';

/** Options appraisals (domain.md §15) and their report. Reads baselines through the (global) ledger module's service; renders with the reports module's PDF pool. */
@Module({
  imports: [ReportsModule],
  providers: [AppraisalsRepository, AppraisalsService, AppraisalReportService],
  controllers: [AppraisalsController, AppraisalReportController],
  exports: [AppraisalsService, AppraisalReportService],
})
export class AppraisalsModule {}
