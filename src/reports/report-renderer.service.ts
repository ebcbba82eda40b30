/**
 * Turns a report's view model into PDF bytes: the report template (HTML), the running header and
 * footer (consortium name, title, generation time, "Page N of M", DRAFT), then the PDF pool.
 */
import { Injectable } from '@nestjs/common';
import { PdfService } from './pdf.service';
import { type ReportTemplateName, ReportTemplates } from './templates';
import { pageView, type ReportFrame } from './view/frame';

export const REPORT_MARGIN = { top: '20mm', right: '14mm', bottom: '18mm', left: '14mm' };

@Injectable()
export class ReportRenderer {
  private templates: ReportTemplates | null = null;

  constructor(private readonly pdf: PdfService) {}

  /** Compiled once, on first use (the app starts without reading templates it may never need). */
  private get t(): ReportTemplates {
    return (this.templates ??= new ReportTemplates());
  }

  html(name: ReportTemplateName, view: { frame: ReportFrame }): string {
    return this.t.report(name, view);
  }

  async render(name: ReportTemplateName, view: { frame: ReportFrame }): Promise<Buffer> {
    const page = pageView(view.frame);
    return this.pdf.render(this.html(name, view), {
      headerTemplate: this.t.page('header', page),
      footerTemplate: this.t.page('footer', page),
      margin: REPORT_MARGIN,
    });
  }
}
