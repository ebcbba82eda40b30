/**
 * Nothing left to translate: PdfErrorFilter (src/common/errors/pdf-error.filter.ts) turns the PDF
 * renderer's errors into problem documents with Retry-After for every route. `pdfProblem` hands the
 * error back unchanged so `sendPdf` in reports.controller.ts keeps compiling; delete this file with
 * that call.
 */
import type { Response } from 'express';

/** @deprecated PdfErrorFilter maps PdfError; rethrow the error as it is. */
export function pdfProblem(err: unknown, _res?: Response): unknown {
  return err;
}
