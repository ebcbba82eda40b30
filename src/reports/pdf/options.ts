/**
 * The pool's options: what a caller may set, the defaults, and the checks (every limit a whole
 * number, at least 1; `maxQueue` may be 0). Pure: no browser, no I/O.
 */
import { CHROMIUM_INSTALL_HINT } from './chromium';
import { PdfUnavailableError } from './errors';

export interface PdfMargin {
  top?: string;
  right?: string;
  bottom?: string;
  left?: string;
}

export interface PdfRenderOptions {
  /** HTML for the running header (the caller escapes any data in it). Default: empty. */
  headerTemplate?: string;
  /** HTML for the running footer. Default: "Page N of M" via pageNumber/totalPages spans. */
  footerTemplate?: string;
  landscape?: boolean;
  margin?: PdfMargin;
  /** A shorter hard timeout for this render; never longer than the pool's `renderTimeoutMs`. */
  timeoutMs?: number;
}

export type PdfPoolEvent =
  | { type: 'browser-launched'; pid: number | null; generation: number; ms: number }
  | { type: 'browser-disconnected'; pid: number | null; generation: number }
  | { type: 'browser-recycled'; generation: number; renders: number }
  | { type: 'page-replaced'; slot: number; reason: string }
  | { type: 'render-retried'; slot: number; error: string }
  | { type: 'render-timeout'; slot: number; timeoutMs: number }
  | { type: 'request-blocked'; url: string; reason: 'intercepted' | 'navigation' | 'local-file' };

export interface PdfBrowserPoolOptions {
  /** From `findChromium()`. */
  executablePath: string;
  /** Number of warm pages = maximum concurrent renders. Default 2. */
  pages?: number;
  /** Maximum number of renders waiting for a page. Default 20; 0 = no queue. */
  maxQueue?: number;
  /** Maximum time a render waits in the queue. Default 10 000 ms. */
  queueTimeoutMs?: number;
  /** Hard limit for one render (from getting a page to the PDF bytes). Default 15 000 ms. */
  renderTimeoutMs?: number;
  /** A page is replaced after this many renders. Default 100. */
  recycleAfter?: number;
  /** The browser is replaced after this many renders. Default 1000. */
  browserRecycleAfter?: number;
  /** Maximum time to start the browser. Default 30 000 ms. */
  launchTimeoutMs?: number;
  /** Extra Chromium flags, appended to the pool's own. */
  launchArgs?: string[];
  /** Chromium's sandbox. Default: on unless this process is root (Chromium refuses its sandbox as root). */
  sandbox?: boolean;
  /** Default margins (A4). */
  margin?: PdfMargin;
  /** Observability hook (logging/metrics); must not throw. */
  onEvent?: (event: PdfPoolEvent) => void;
}

/** The options after defaults and checks. */
export type PoolSettings = Required<Omit<PdfBrowserPoolOptions, 'onEvent' | 'margin'>> & {
  margin: Required<PdfMargin>;
  onEvent?: (event: PdfPoolEvent) => void;
};

export const DEFAULT_MARGIN: Readonly<Required<PdfMargin>> = { top: '16mm', right: '14mm', bottom: '16mm', left: '14mm' };

/**
 * Applies the defaults and checks every limit. Throws PdfUnavailableError without a browser path
 * (with the install hint), RangeError for a limit that is not a whole number in range.
 */
export function resolvePoolOptions(options: PdfBrowserPoolOptions): PoolSettings {
  if (!options || !options.executablePath) throw new PdfUnavailableError(`No browser path given. ${CHROMIUM_INSTALL_HINT}`);
  const positive = (name: string, v: number, min = 1): number => {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`PdfBrowserPool: ${name} must be an integer >= ${min}`);
    return v;
  };
  return {
    executablePath: options.executablePath,
    pages: positive('pages', options.pages ?? 2),
    maxQueue: positive('maxQueue', options.maxQueue ?? 20, 0),
    queueTimeoutMs: positive('queueTimeoutMs', options.queueTimeoutMs ?? 10_000),
    renderTimeoutMs: positive('renderTimeoutMs', options.renderTimeoutMs ?? 15_000),
    recycleAfter: positive('recycleAfter', options.recycleAfter ?? 100),
    browserRecycleAfter: positive('browserRecycleAfter', options.browserRecycleAfter ?? 1000),
    launchTimeoutMs: positive('launchTimeoutMs', options.launchTimeoutMs ?? 30_000),
    launchArgs: options.launchArgs ?? [],
    sandbox: options.sandbox ?? process.getuid?.() !== 0,
    margin: { ...DEFAULT_MARGIN, ...options.margin },
    onEvent: options.onEvent,
  };
}

/** The hard limit of one render: the caller's `timeoutMs` when it is a positive number, never above the pool's. */
export function renderTimeoutFor(asked: number | undefined, poolLimitMs: number): number {
  return asked !== undefined && Number.isFinite(asked) && asked > 0 ? Math.min(asked, poolLimitMs) : poolLimitMs;
}
