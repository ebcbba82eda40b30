/**
 * The PDF renderer's typed errors as problem documents, for every route that renders: busy → 429,
 * timed out → 504, no browser → 503 with the reason (for "no browser": how to install Chromium), a
 * failed render → 503; each with a Retry-After. Services and controllers let PdfError through;
 * this filter (registered in AppModule) is the one place it is translated.
 */
import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { PdfError } from '../../reports/pdf/errors';
import { problem, sendProblem, type ProblemDocument } from './problem-details.filter';

export interface PdfProblem {
  doc: ProblemDocument;
  /** Seconds, for the Retry-After header. */
  retryAfter: number;
}

export function pdfErrorProblem(err: PdfError): PdfProblem {
  switch (err.code) {
    case 'PDF_BUSY':
      return { retryAfter: 5, doc: problem(429, 'pdf_busy', err.message) };
    case 'PDF_TIMEOUT':
      return { retryAfter: 10, doc: problem(504, 'pdf_timeout', `${err.message}; try again shortly`) };
    case 'PDF_UNAVAILABLE':
      return { retryAfter: 30, doc: problem(503, 'pdf_unavailable', err.message) };
    case 'PDF_RENDER_FAILED':
      return { retryAfter: 5, doc: problem(503, 'pdf_render_failed', `${err.message}; try again shortly`) };
  }
}

@Catch(PdfError)
export class PdfErrorFilter implements ExceptionFilter<PdfError> {
  private readonly logger = new Logger('Errors');

  catch(exception: PdfError, host: ArgumentsHost): void {
    const { doc, retryAfter } = pdfErrorProblem(exception);
    sendProblem(host, this.logger, exception, doc, { 'Retry-After': String(retryAfter) });
  }
}
