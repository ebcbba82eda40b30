/**
 * A pool of warm headless-Chromium pages that turns report HTML into PDF.
 *
 * One long-lived browser; `pages` slots, each with its own off-the-record browser context and one
 * page that is reused (its document is replaced by every render). JavaScript is off, request
 * interception lets only `data:` (and `about:blank`) through: network, loopback and `file://`
 * requests are aborted (navigations are answered 204 so the page stays on the report) and counted.
 *
 * - Concurrency is bounded by the number of slots; more callers wait in a FIFO queue of at most
 *   `maxQueue`, each for at most `queueTimeoutMs`, then get `PdfBusyError` (HTTP 429).
 * - Every render has a hard timeout (`PdfTimeoutError`); a page that timed out or failed is
 *   closed and replaced in the background.
 * - When the browser disconnects (crash, kill) it is relaunched and the render is retried once.
 * - Pages are recycled after `recycleAfter` renders, the browser after `browserRecycleAfter`
 *   (the old browser finishes its renders before it is closed).
 *
 * Plain TypeScript (no framework imports); a Nest provider wraps it.
 * Ideas for timeouts, crash handling and process-group killing follow jsreport's chrome-pdf.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type BrowserContext, type HTTPRequest, type Page, type PDFOptions } from 'puppeteer';
import { CHROMIUM_INSTALL_HINT } from './chromium';
import { PdfBusyError, PdfError, PdfRenderError, PdfTimeoutError, PdfUnavailableError } from './errors';
import { killProcessGroup, processGroupAlive } from './process-group';

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
  /** Default margins (A4). */
  margin?: PdfMargin;
  /** Observability hook (logging/metrics); must not throw. */
  onEvent?: (event: PdfPoolEvent) => void;
}

export interface PdfPoolStats {
  started: boolean;
  stopped: boolean;
  browserPid: number | null;
  browserGeneration: number;
  pages: number;
  busyPages: number;
  readyPages: number;
  queued: number;
  maxQueue: number;
  renders: number;
  failures: number;
  timeouts: number;
  busyRejections: number;
  blockedRequests: number;
  retries: number;
  pagesCreated: number;
  pagesReplaced: number;
  browserLaunches: number;
  browserDisconnects: number;
  browserRecycles: number;
}

/** Flags for a root/container headless browser that must not talk to the network on its own. */
export const POOL_CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-extensions',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--no-pings',
  '--mute-audio',
  // Defence in depth behind request interception, which does not see everything: <link
  // rel=prefetch> is fetched by the browser process and <link rel=preconnect> opens sockets.
  // All traffic goes to a dead proxy (loopback included) and no host name resolves.
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

export const DEFAULT_FOOTER_TEMPLATE =
  '<div style="width:100%;font-size:8px;font-family:Arial,Helvetica,sans-serif;color:#333;' +
  'padding:0 14mm;text-align:right;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';
export const DEFAULT_HEADER_TEMPLATE = '<span></span>';
const DEFAULT_MARGIN: Required<PdfMargin> = { top: '16mm', right: '14mm', bottom: '16mm', left: '14mm' };

interface BrowserHandle {
  browser: Browser;
  generation: number;
  pid: number | null;
  userDataDir: string;
  renders: number;
  /** Renders and page preparations currently using this browser. */
  users: number;
  /** Replaced by a newer browser; closed when `users` reaches 0. */
  retired: boolean;
  /** Disconnected without us closing it (crash or kill). */
  dead: boolean;
  closing: Promise<void> | null;
}

interface Slot {
  id: number;
  busy: boolean;
  handle: BrowserHandle | null;
  context: BrowserContext | null;
  page: Page | null;
  renders: number;
  preparing: Promise<void> | null;
  /** Work of the current render (the slot is released only when it has settled). */
  work: Promise<unknown> | null;
}

interface Waiter {
  resolve: (slot: Slot) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/** State of one render attempt, checked after every await (jsreport's `executionInfo.error`). */
interface RenderRun {
  timedOut: boolean;
}

const noop = (): void => undefined;
const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const TIMED_OUT = Symbol('timed out');

/** Waits for `p` at most `ms`; the timer is cleared as soon as `p` settles (nothing left pending). */
function within<T>(p: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<typeof TIMED_OUT>((r) => {
    timer = setTimeout(() => r(TIMED_OUT), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
const LOCAL_RESOURCE_MSG = 'Not allowed to load local resource:';
/** After a failed start, renders fail fast for this long before the next launch attempt. */
const START_RETRY_MS = 5000;

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function processAlive(h: BrowserHandle): boolean {
  const proc = h.browser.process();
  return proc != null && proc.exitCode == null && proc.signalCode == null;
}

/** Tagged (accessible) PDF with a document outline: readers get bookmarks for every heading. */
export const DOCUMENT_PDF_OPTIONS = { tagged: true, outline: true } as const satisfies PDFOptions;

export class PdfBrowserPool {
  private readonly opts: Required<Omit<PdfBrowserPoolOptions, 'onEvent' | 'margin'>> & {
    margin: Required<PdfMargin>;
    onEvent?: (event: PdfPoolEvent) => void;
  };
  private readonly slots: Slot[];
  private readonly queue: Waiter[] = [];
  private current: BrowserHandle | null = null;
  private readonly handles = new Set<BrowserHandle>();
  private launching: Promise<BrowserHandle> | null = null;
  private generation = 0;
  private startPromise: Promise<void> | null = null;
  private startFailure: { at: number; error: PdfError } | null = null;
  private stopPromise: Promise<void> | null = null;
  private stopping = false;
  private readonly counters = {
    renders: 0,
    failures: 0,
    timeouts: 0,
    busyRejections: 0,
    blockedRequests: 0,
    retries: 0,
    pagesCreated: 0,
    pagesReplaced: 0,
    browserLaunches: 0,
    browserDisconnects: 0,
    browserRecycles: 0,
  };

  constructor(options: PdfBrowserPoolOptions) {
    if (!options || !options.executablePath) throw new PdfUnavailableError(`No browser path given. ${CHROMIUM_INSTALL_HINT}`);
    const pages = options.pages ?? 2;
    const positive = (name: string, v: number, min = 1): number => {
      if (!Number.isInteger(v) || v < min) throw new RangeError(`PdfBrowserPool: ${name} must be an integer >= ${min}`);
      return v;
    };
    this.opts = {
      executablePath: options.executablePath,
      pages: positive('pages', pages),
      maxQueue: positive('maxQueue', options.maxQueue ?? 20, 0),
      queueTimeoutMs: positive('queueTimeoutMs', options.queueTimeoutMs ?? 10_000),
      renderTimeoutMs: positive('renderTimeoutMs', options.renderTimeoutMs ?? 15_000),
      recycleAfter: positive('recycleAfter', options.recycleAfter ?? 100),
      browserRecycleAfter: positive('browserRecycleAfter', options.browserRecycleAfter ?? 1000),
      launchTimeoutMs: positive('launchTimeoutMs', options.launchTimeoutMs ?? 30_000),
      launchArgs: options.launchArgs ?? [],
      margin: { ...DEFAULT_MARGIN, ...options.margin },
      onEvent: options.onEvent,
    };
    this.slots = Array.from({ length: pages }, (_, id) => ({
      id,
      busy: false,
      handle: null,
      context: null,
      page: null,
      renders: 0,
      preparing: null,
      work: null,
    }));
  }

  /**
   * Launches the browser and warms the pages. Idempotent; throws PdfUnavailableError when the
   * browser cannot start (then calls within the next START_RETRY_MS fail at once with the same
   * error instead of launching again for every request).
   */
  start(): Promise<void> {
    if (this.stopping) return Promise.reject(new PdfUnavailableError('PDF renderer has been stopped'));
    const failed = this.startFailure;
    if (!this.startPromise && failed && Date.now() - failed.at < START_RETRY_MS) return Promise.reject(failed.error);
    if (!this.startPromise) {
      const p = (async () => {
        await this.getBrowser();
        // A page that fails to warm is prepared again by the first render that needs it.
        await Promise.allSettled(this.slots.map((s) => (s.busy || s.preparing ? s.preparing : this.prepareSlot(s))));
      })();
      this.startPromise = p;
      p.then(
        () => {
          this.startFailure = null;
        },
        (err: unknown) => {
          if (this.startPromise !== p) return;
          this.startPromise = null; // a later call tries again
          this.startFailure = {
            at: Date.now(),
            error: err instanceof PdfError ? err : new PdfUnavailableError(`PDF renderer could not start: ${errorMessage(err)}`, { cause: err }),
          };
        },
      );
    }
    return this.startPromise.catch((err: unknown) => {
      throw err instanceof PdfError ? err : new PdfUnavailableError(`PDF renderer could not start: ${errorMessage(err)}`, { cause: err });
    });
  }

  /** Renders `html` (a complete, trusted-template HTML document) to an A4 PDF. */
  async render(html: string, pdfOptions: PdfRenderOptions = {}): Promise<Buffer> {
    if (typeof html !== 'string') throw new TypeError('render(html): html must be a string');
    if (this.stopping) throw new PdfUnavailableError('PDF renderer has been stopped');
    await this.start();
    const slot = await this.acquire();
    const asked = pdfOptions.timeoutMs;
    const timeoutMs = asked !== undefined && Number.isFinite(asked) && asked > 0 ? Math.min(asked, this.opts.renderTimeoutMs) : this.opts.renderTimeoutMs;
    const run: RenderRun = { timedOut: false };
    const work = this.renderOnSlot(slot, html, pdfOptions, run);
    slot.work = work;
    // The slot goes back to the pool only once the browser work has really stopped.
    work.catch(noop).finally(() => {
      slot.work = null;
      this.release(slot);
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        run.timedOut = true;
        this.counters.timeouts++;
        this.emit({ type: 'render-timeout', slot: slot.id, timeoutMs });
        // Closing the page makes the pending protocol calls fail, so `work` settles promptly.
        void this.discardSlotPage(slot, 'timeout');
        reject(new PdfTimeoutError(timeoutMs));
      }, timeoutMs);
    });
    try {
      const pdf = await Promise.race([work, timeout]);
      this.counters.renders++;
      return pdf;
    } catch (err) {
      this.counters.failures++;
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Rejects waiting renders, lets running ones finish (bounded), closes the browser, removes its profile. */
  stop(): Promise<void> {
    if (!this.stopPromise) {
      this.stopping = true;
      this.stopPromise = (async () => {
        for (const w of this.queue.splice(0)) {
          clearTimeout(w.timer);
          w.reject(new PdfUnavailableError('PDF renderer is shutting down'));
        }
        const running = this.slots.flatMap((s) => [s.work, s.preparing]).filter((p): p is Promise<unknown> => p != null);
        await within(Promise.allSettled(running), this.opts.renderTimeoutMs + 1000);
        if (this.launching) await this.launching.catch(noop);
        for (const s of this.slots) {
          s.page = null;
          s.context = null;
          s.handle = null;
        }
        this.current = null;
        await Promise.all([...this.handles].map((h) => this.closeBrowser(h)));
      })();
    }
    return this.stopPromise;
  }

  stats(): PdfPoolStats {
    return {
      started: this.current != null,
      stopped: this.stopping,
      browserPid: this.current?.pid ?? null,
      browserGeneration: this.generation,
      pages: this.slots.length,
      busyPages: this.slots.filter((s) => s.busy).length,
      readyPages: this.slots.filter((s) => this.slotUsable(s)).length,
      queued: this.queue.length,
      maxQueue: this.opts.maxQueue,
      ...this.counters,
    };
  }

  // ---------------------------------------------------------------- queue

  private acquire(): Promise<Slot> {
    const free = this.queue.length === 0 ? this.slots.find((s) => !s.busy) : undefined;
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    if (this.queue.length >= this.opts.maxQueue) {
      this.counters.busyRejections++;
      return Promise.reject(new PdfBusyError('queue_full'));
    }
    return new Promise<Slot>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          this.counters.busyRejections++;
          reject(new PdfBusyError('queue_timeout'));
        }, this.opts.queueTimeoutMs),
      };
      this.queue.push(waiter);
    });
  }

  private release(slot: Slot): void {
    if (!this.stopping && !this.slotUsable(slot) && !slot.preparing) {
      this.prepareSlot(slot).catch(noop); // warm the replacement now; the next render awaits it
    }
    const next = this.queue.shift();
    if (next) {
      clearTimeout(next.timer);
      next.resolve(slot); // stays busy: handed straight to the oldest waiter
    } else {
      slot.busy = false;
    }
  }

  // ---------------------------------------------------------------- rendering

  private async renderOnSlot(slot: Slot, html: string, o: PdfRenderOptions, run: RenderRun): Promise<Buffer> {
    for (let attempt = 0; ; attempt++) {
      let handle: BrowserHandle | null = null;
      try {
        if (slot.preparing) await slot.preparing.catch(noop);
        this.checkRun(run);
        if (!this.slotUsable(slot)) await this.prepareSlot(slot);
        this.checkRun(run);
        const h = slot.handle!;
        handle = h;
        const pdf = await this.useBrowser(h, () => this.renderOnPage(slot, html, o, run));
        this.countRender(h);
        return pdf;
      } catch (err) {
        if (run.timedOut) throw err; // the caller already has its PdfTimeoutError
        await new Promise((r) => setImmediate(r)); // let a 'disconnected' event land first
        const browserGone = handle != null && (handle.dead || !handle.browser.connected);
        // Whatever failed on a page leaves it in an unknown state: close and replace it.
        if (handle != null) await this.discardSlotPage(slot, browserGone ? 'browser-gone' : 'error');
        if (browserGone && attempt === 0 && !this.stopping) {
          this.counters.retries++;
          this.emit({ type: 'render-retried', slot: slot.id, error: errorMessage(err) });
          continue;
        }
        if (err instanceof PdfError) throw err;
        if (this.stopping) throw new PdfUnavailableError('PDF renderer is shutting down', { cause: err });
        throw new PdfRenderError(`PDF rendering failed: ${errorMessage(err)}`, { cause: err });
      }
    }
  }

  private async renderOnPage(slot: Slot, html: string, o: PdfRenderOptions, run: RenderRun): Promise<Buffer> {
    const page = slot.page!;
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
        await page.setContent(html, { waitUntil: 'load', timeout: this.opts.renderTimeoutMs });
        this.checkRun(run);
        const pdf = await page.pdf(this.pdfOptions(o));
        this.checkRun(run);
        return toBuffer(pdf);
      })();
      const pdf = await Promise.race([work, crashed]);
      slot.renders++;
      return pdf;
    } finally {
      if (onCrash) page.off('error', onCrash);
    }
  }

  private pdfOptions(o: PdfRenderOptions): PDFOptions {
    return {
      format: 'A4',
      printBackground: true,
      landscape: o.landscape ?? false,
      displayHeaderFooter: true,
      headerTemplate: o.headerTemplate ?? DEFAULT_HEADER_TEMPLATE,
      footerTemplate: o.footerTemplate ?? DEFAULT_FOOTER_TEMPLATE,
      margin: { ...this.opts.margin, ...o.margin },
      timeout: this.opts.renderTimeoutMs,
      ...DOCUMENT_PDF_OPTIONS,
    };
  }

  private checkRun(run: RenderRun): void {
    if (run.timedOut) throw new Error('render abandoned after timeout');
  }

  // ---------------------------------------------------------------- pages

  private slotUsable(slot: Slot): boolean {
    const h = slot.handle;
    return slot.page != null && !slot.page.isClosed() && h != null && h === this.current && !h.dead && !h.retired && slot.renders < this.opts.recycleAfter;
  }

  /** Replaces the slot's page with a fresh context + page on the current browser. */
  private prepareSlot(slot: Slot): Promise<void> {
    const p = (async () => {
      await this.discardSlotPage(slot, slot.renders >= this.opts.recycleAfter ? 'recycled' : 'stale');
      const h = await this.getBrowser();
      await this.useBrowser(h, async () => {
        const context = await h.browser.createBrowserContext();
        try {
          const page = await context.newPage();
          await this.setupPage(page);
          if (this.stopping) throw new PdfUnavailableError('PDF renderer is shutting down');
          slot.handle = h;
          slot.context = context;
          slot.page = page;
          slot.renders = 0;
          this.counters.pagesCreated++;
        } catch (err) {
          await context.close().catch(noop);
          throw err;
        }
      });
    })();
    slot.preparing = p;
    p.catch(noop).finally(() => {
      if (slot.preparing === p) slot.preparing = null;
    });
    return p;
  }

  private async setupPage(page: Page): Promise<void> {
    await page.setJavaScriptEnabled(false);
    page.setDefaultTimeout(this.opts.renderTimeoutMs);
    await page.setRequestInterception(true);
    page.on('request', (req: HTTPRequest) => this.onRequest(req));
    // Chromium itself refuses file:// from the report's about:blank origin before interception
    // sees it; it says so on the console (even with JS off): count those as blocked too.
    page.on('console', (msg) => {
      const text = msg.text();
      if (text.startsWith(LOCAL_RESOURCE_MSG)) this.noteBlocked(text.slice(LOCAL_RESOURCE_MSG.length).trim(), 'local-file');
    });
    page.on('pageerror', noop);
  }

  private onRequest(req: HTTPRequest): void {
    if (req.isInterceptResolutionHandled()) return;
    const url = req.url();
    const nav = req.isNavigationRequest();
    if (url === 'about:blank' || (!nav && url.startsWith('data:'))) {
      req.continue().catch(noop);
      return;
    }
    if (nav) {
      // Aborting a navigation would show Chromium's error page instead of the report; a 204
      // answer cancels the navigation (meta refresh, iframes, links) and the report stays.
      this.noteBlocked(url, 'navigation');
      req.respond({ status: 204, contentType: 'text/plain', body: '' }).catch(noop);
    } else {
      this.noteBlocked(url, 'intercepted');
      req.abort('blockedbyclient').catch(noop);
    }
  }

  private noteBlocked(url: string, reason: 'intercepted' | 'navigation' | 'local-file'): void {
    this.counters.blockedRequests++;
    this.emit({ type: 'request-blocked', url: url.length > 200 ? `${url.slice(0, 200)}…` : url, reason });
  }

  /** Closes the slot's context (and so its page). Never throws. */
  private async discardSlotPage(slot: Slot, reason: string): Promise<void> {
    const { context, handle } = slot;
    if (!context) return;
    slot.page = null;
    slot.context = null;
    slot.handle = null;
    slot.renders = 0;
    if (!this.stopping) {
      this.counters.pagesReplaced++;
      this.emit({ type: 'page-replaced', slot: slot.id, reason });
    }
    if (!handle || handle.dead || handle.closing || !handle.browser.connected) return;
    try {
      if ((await within(context.close(), 5000)) === TIMED_OUT) throw new Error('closing the page timed out');
    } catch {
      // A browser that cannot close a page is wedged: kill it; the next render relaunches.
      if (!handle.dead && handle.browser.connected && !handle.closing) {
        handle.dead = true;
        if (this.current === handle) this.current = null;
        void this.closeBrowser(handle);
      }
    }
  }

  // ---------------------------------------------------------------- browser

  private getBrowser(): Promise<BrowserHandle> {
    if (this.stopping) return Promise.reject(new PdfUnavailableError('PDF renderer is shutting down'));
    const cur = this.current;
    if (cur && !cur.dead && !cur.retired && cur.browser.connected) return Promise.resolve(cur);
    if (!this.launching) {
      const p = this.launch();
      this.launching = p;
      p.catch(noop).finally(() => {
        if (this.launching === p) this.launching = null;
      });
    }
    return this.launching;
  }

  private async launch(): Promise<BrowserHandle> {
    const t0 = Date.now();
    const userDataDir = await mkdtemp(join(tmpdir(), 'pdf-pool-chromium-'));
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath: this.opts.executablePath,
        headless: 'shell', // plain --headless
        pipe: true, // no remote-debugging TCP port
        userDataDir,
        args: [...POOL_CHROMIUM_ARGS, ...this.opts.launchArgs],
        timeout: this.opts.launchTimeoutMs,
        protocolTimeout: Math.max(30_000, this.opts.renderTimeoutMs * 2),
        handleSIGINT: false, // the application owns its signals; puppeteer still kills on exit
        handleSIGTERM: false,
        handleSIGHUP: false,
        dumpio: false,
      });
    } catch (err) {
      await rm(userDataDir, { recursive: true, force: true }).catch(noop);
      throw new PdfUnavailableError(`Chromium at ${this.opts.executablePath} could not be started: ${errorMessage(err)}. ${CHROMIUM_INSTALL_HINT}`, { cause: err });
    }
    const handle: BrowserHandle = {
      browser,
      generation: ++this.generation,
      pid: browser.process()?.pid ?? null,
      userDataDir,
      renders: 0,
      users: 0,
      retired: false,
      dead: false,
      closing: null,
    };
    this.handles.add(handle);
    this.counters.browserLaunches++;
    browser.on('disconnected', () => this.onDisconnected(handle));
    if (this.stopping) {
      await this.closeBrowser(handle);
      throw new PdfUnavailableError('PDF renderer is shutting down');
    }
    this.current = handle;
    this.emit({ type: 'browser-launched', pid: handle.pid, generation: handle.generation, ms: Date.now() - t0 });
    return handle;
  }

  private onDisconnected(h: BrowserHandle): void {
    if (h.closing) return; // we closed it
    h.dead = true;
    this.counters.browserDisconnects++;
    this.emit({ type: 'browser-disconnected', pid: h.pid, generation: h.generation });
    if (this.current === h) this.current = null;
    void this.closeBrowser(h); // reap leftover children, remove the profile
    if (!this.stopping) {
      // Relaunch and rewarm idle pages now rather than on the next request.
      for (const s of this.slots) if (!s.busy && !s.preparing) this.prepareSlot(s).catch(noop);
    }
  }

  /** Runs fn while counting a user of `h`; closes a retired browser after its last user. */
  private async useBrowser<T>(h: BrowserHandle, fn: () => Promise<T>): Promise<T> {
    h.users++;
    try {
      return await fn();
    } finally {
      h.users--;
      if (h.retired && h.users === 0) void this.closeBrowser(h);
    }
  }

  /** Called after each successful render on `h`: retires the browser after browserRecycleAfter renders. */
  private countRender(h: BrowserHandle): void {
    h.renders++;
    if (h.renders >= this.opts.browserRecycleAfter && !h.retired && !h.dead && this.current === h) {
      h.retired = true;
      this.current = null;
      this.counters.browserRecycles++;
      this.emit({ type: 'browser-recycled', generation: h.generation, renders: h.renders });
      if (h.users === 0) void this.closeBrowser(h); // else the last user closes it (useBrowser)
      if (!this.stopping) this.getBrowser().catch(noop); // launch the successor now
    }
  }

  /** Graceful close, then SIGKILL of the browser's process group; removes the temp profile. */
  private closeBrowser(h: BrowserHandle): Promise<void> {
    if (!h.closing) {
      h.closing = (async () => {
        if (h.browser.connected) {
          await within(h.browser.close().catch(noop), 5000);
        }
        const proc = h.browser.process();
        if (proc && processAlive(h)) {
          const exited = new Promise<void>((r) => proc.once('exit', () => r()));
          if (!killProcessGroup(proc.pid!)) proc.kill('SIGKILL');
          await within(exited, 4000);
        }
        // Renderer/zygote children left behind (always the case after a crash or kill).
        if (h.pid != null && killProcessGroup(h.pid)) {
          for (let i = 0; i < 40 && processGroupAlive(h.pid); i++) await delay(25);
        }
        await Promise.resolve()
          .then(() => h.browser.disconnect())
          .catch(noop);
        await rm(h.userDataDir, { recursive: true, force: true, maxRetries: 3 }).catch(noop);
        this.handles.delete(h);
      })();
    }
    return h.closing;
  }

  private emit(event: PdfPoolEvent): void {
    try {
      this.opts.onEvent?.(event);
    } catch {
      /* observers must not break rendering */
    }
  }
}
