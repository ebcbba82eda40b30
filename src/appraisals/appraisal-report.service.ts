/**
 * The options appraisal report: the saved appraisal as the API answers it (same access, same
 * figures), laid out by the pure view model (src/reports/view/appraisal.view.ts) and rendered by the
 * reports module's renderer and PDF pool.
 */
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { AccessService } from '../consortia/access.service';
import { PdfService } from '../reports/pdf.service';
import { ReportRenderer } from '../reports/report-renderer.service';
import type { RenderedReport } from '../reports/reports.service';
import { buildAppraisalView } from '../reports/view/appraisal.view';
import { AppraisalsService } from './appraisals.service';

@Injectable()
export class AppraisalReportService {
  constructor(
    private readonly appraisals: AppraisalsService,
    private readonly access: AccessService,
    private readonly pdf: PdfService,
    private readonly renderer: ReportRenderer,
    private readonly clock: Clock,
  ) {}

  /** Admitted against the caller and the consortium once the consortium is known to be readable (as every report). */
  async appraisalPdf(p: Principal, consortiumId: string, appraisalId: string, at = this.clock.now()): Promise<RenderedReport> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const appraisal = await this.appraisals.get(p, consortiumId, appraisalId);
    return this.pdf.admit(
      async () => ({
        pdf: await this.renderer.render('appraisal', buildAppraisalView({ consortiumName: c.name, appraisal, at })),
        filename: `appraisal-${appraisalId}.pdf`,
      }),
      { user: p.userId, consortium: consortiumId },
    );
  }
}
