/**
 * Typed errors of the PDF renderer. Plain classes (no framework imports): the HTTP layer maps
 * `code` to a status: PDF_BUSY → 429, PDF_UNAVAILABLE → 503, PDF_TIMEOUT → 504, PDF_RENDER_FAILED → 500.
 */
export type PdfErrorCode = 'PDF_BUSY' | 'PDF_TIMEOUT' | 'PDF_UNAVAILABLE' | 'PDF_RENDER_FAILED';

export abstract class PdfError extends Error {
  abstract readonly code: PdfErrorCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

const BUSY_MESSAGES = {
  queue_full: 'PDF renderer is busy: too many reports are waiting; try again shortly',
  queue_timeout: 'PDF renderer is busy: timed out waiting for a free page; try again shortly',
  user_share: 'PDF renderer is busy: you already have as many reports in the making as one user may; try again when one has finished',
  consortium_share: 'PDF renderer is busy: this consortium already has as many reports in the making as one consortium may; try again shortly',
} as const;

/**
 * Every page is busy and the queue is full, the wait in the queue timed out, or the caller (its user
 * or its consortium) already holds its share of the gate's places.
 */
export class PdfBusyError extends PdfError {
  readonly code = 'PDF_BUSY' as const;
  constructor(
    readonly reason: 'queue_full' | 'queue_timeout' | 'user_share' | 'consortium_share',
    message = BUSY_MESSAGES[reason],
  ) {
    super(message);
  }
}

/** A render did not finish within its hard time limit (the page was discarded). */
export class PdfTimeoutError extends PdfError {
  readonly code = 'PDF_TIMEOUT' as const;
  constructor(readonly timeoutMs: number) {
    super(`PDF rendering did not finish within ${timeoutMs} ms`);
  }
}

/** No usable browser: not installed, failed to start, or the pool is stopped. */
export class PdfUnavailableError extends PdfError {
  readonly code = 'PDF_UNAVAILABLE' as const;
}

/** Anything else that went wrong inside the browser while rendering (e.g. a crashed page). */
export class PdfRenderError extends PdfError {
  readonly code = 'PDF_RENDER_FAILED' as const;
}
