/**
 * The PDF renderer's typed errors as HTTP problems: busy → 429 with Retry-After, timed out → 504,
 * no browser (or a crashed render) → 503 with the reason (for "no browser": how to install Chromium).
 */
import type { Response } from 'express';
import { DomainError } from '../common/errors/domain-error';
import { PdfBusyError, PdfError, PdfRenderError, PdfTimeoutError, PdfUnavailableError } from './pdf';

export function pdfProblem(err: unknown, res?: Response): unknown {
  if (!(err instanceof PdfError)) return err;
  const retry = (s: number) => res?.setHeader('Retry-After', String(s));
  if (err instanceof PdfBusyError) {
    retry(5);
    return new DomainError('pdf_busy', 429, err.message);
  }
  if (err instanceof PdfTimeoutError) {
    retry(10);
    return new DomainError('pdf_timeout', 504, `${err.message}; try again shortly`);
  }
  if (err instanceof PdfUnavailableError) {
    retry(30);
    return new DomainError('pdf_unavailable', 503, err.message);
  }
  if (err instanceof PdfRenderError) {
    retry(5);
    return new DomainError('pdf_render_failed', 503, `${err.message}; try again shortly`);
  }
  return new DomainError('pdf_unavailable', 503, err.message);
}
