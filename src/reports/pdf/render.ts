/**
 * One render: report HTML into A4 PDF bytes on a warm page, under a hard time limit.
 *
 * `withRenderTimeout` races the work against the limit: when it runs out the run is marked timed out
 * (the work stops at its next step), `onTimeout` discards the page (closing it makes the pending
 * protocol calls fail, so the work settles promptly) and the caller gets PdfTimeoutError (504).
 * `renderOnPage` replaces the page's document, prints it, and fails at once if the page crashes.
 */
import type { Page, PDFOptions } from 'puppeteer';
import { PdfRenderError, PdfTimeoutError } from './errors';
import type { PdfRenderOptions } from './options';
import { noop } from './util';

export const DEFAULT_FOOTER_TEMPLATE =
  '<div style="width:100%;font-size:8px;font-family:Arial,Helvetica,sans-serif;color:#333;' +
  'padding:0 14mm;text-align:right;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';
export const DEFAULT_HEADER_TEMPLATE = '<span></span>';

/** Tagged (accessible) PDF with a document outline: readers get bookmarks for every heading. */
export const DOCUMENT_PDF_OPTIONS = { tagged: true, outline: true } as const satisfies PDFOptions;

/** State of one render attempt, checked after every await (jsreport's `executionInfo.error`). */
export interface RenderRun {
  timedOut: boolean;
}

/** Stops a render that has already been answered with PdfTimeoutError. */
export function checkRun(run: RenderRun): void {
  if (run.timedOut) throw new Error('render abandoned after timeout');
}

/**
 * Resolves with `work` unless `timeoutMs` passes first: then marks `run` timed out, calls
 * `onTimeout` and rejects with PdfTimeoutError. The timer never outlives the race.
 */
export async function withRenderTimeout<T>(work: Promise<T>, run: RenderRun, timeoutMs: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      run.timedOut = true;
      onTimeout();
      reject(new PdfTimeoutError(timeoutMs));
    }, timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** puppeteer's print options for a report: A4, backgrounds, running header and footer, tagged. */
export function pdfOptions(o: PdfRenderOptions, defaults: { margin: Required<NonNullable<PdfRenderOptions['margin']>>; timeoutMs: number }): PDFOptions {
  return {
    format: 'A4',
    printBackground: true,
    landscape: o.landscape ?? false,
    displayHeaderFooter: true,
    headerTemplate: o.headerTemplate ?? DEFAULT_HEADER_TEMPLATE,
    footerTemplate: o.footerTemplate ?? DEFAULT_FOOTER_TEMPLATE,
    margin: { ...defaults.margin, ...o.margin },
    timeout: defaults.timeoutMs,
    ...DOCUMENT_PDF_OPTIONS,
  };
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The calls of a puppeteer page a render needs. */
export type RenderPage = Pick<Page, 'setContent' | 'pdf' | 'once' | 'off'>;

/** Prints `html` on `page`; rejects with PdfRenderError when the page crashes meanwhile. */
export async function renderOnPage(page: RenderPage, html: string, options: PDFOptions, run: RenderRun, loadTimeoutMs: number): Promise<Buffer> {
  let onCrash: ((err: Error) => void) | undefined;
  const crashed = new Promise<never>((_, reject) => {
    onCrash = (err: Error) => reject(new PdfRenderError(`the page crashed: ${err.message}`, { cause: err }));
    page.once('error', onCrash);
  });
  crashed.catch(noop);
  try {
    const work = (async () => {
      // The whole document is replaced; `load` waits for inline/data: assets only (JS is off,
      // everything else is aborted), never for network idle.
      await page.setContent(html, { waitUntil: 'load', timeout: loadTimeoutMs });
      checkRun(run);
      const pdf = await page.pdf(options);
      checkRun(run);
      return toBuffer(pdf);
    })();
    return await Promise.race([work, crashed]);
  } finally {
    if (onCrash) page.off('error', onCrash);
  }
}
