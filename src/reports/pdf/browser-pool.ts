/**
 * A pool of warm headless-Chromium pages that turns report HTML into PDF.
 *
 * One long-lived browser; `pages` slots, each with its own off-the-record browser context and one
 * page that is reused (its document is replaced by every render). This file holds the slots and puts
 * the parts together:
 *
 * - options.ts: the options, their defaults and checks;
 * - admission-gate.ts: concurrency is bounded by the number of slots; more callers wait in a FIFO
 *   queue of at most `maxQueue`, each for at most `queueTimeoutMs`, then get `PdfBusyError` (HTTP 429);
 * - render.ts: every render has a hard timeout (`PdfTimeoutError`); a page that timed out or failed
 *   is closed and replaced in the background;
 * - page-sandbox.ts: JavaScript is off and no request leaves a page (only `data:` loads);
 * - browser-lifecycle.ts: when the browser disconnects (crash, kill) it is relaunched and the render
 *   is retried once; the browser is recycled after `browserRecycleAfter` renders (the old browser
 *   finishes its renders before it is closed), pages after `recycleAfter`.
 *
 * Plain TypeScript (no framework imports); a Nest provider wraps it.
 */
import type { BrowserContext, Page } from 'puppeteer';
import { AdmissionGate } from './admission-gate';
import { BrowserLifecycle, type BrowserHandle } from './browser-lifecycle';
import { PdfError, PdfRenderError, PdfUnavailableError } from './errors';
import { renderTimeoutFor, resolvePoolOptions, type PdfBrowserPoolOptions, type PdfPoolEvent, type PdfRenderOptions, type PoolSettings } from './options';
import { sandboxPage, type BlockReason } from './page-sandbox';
import { pdfOptions, renderOnPage, checkRun, withRenderTimeout, type RenderRun } from './render';
import { errorMessage, noop, TIMED_OUT, within } from './util';

export { POOL_CHROMIUM_ARGS } from './browser-lifecycle';
export { DEFAULT_FOOTER_TEMPLATE, DEFAULT_HEADER_TEMPLATE, DOCUMENT_PDF_OPTIONS } from './render';
export type { PdfBrowserPoolOptions, PdfMargin, PdfPoolEvent, PdfRenderOptions } from './options';

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

/** After a failed start, renders fail fast for this long before the next launch attempt. */
const START_RETRY_MS = 5000;

function couldNotStart(err: unknown): PdfError {
  return err instanceof PdfError ? err : new PdfUnavailableError(`PDF renderer could not start: ${errorMessage(err)}`, { cause: err });
}

export class PdfBrowserPool {
  private readonly opts: PoolSettings;
  private readonly slots: Slot[];
  private readonly gate: AdmissionGate;
  private readonly browsers: BrowserLifecycle;
  private startPromise: Promise<void> | null = null;
  private startFailure: { at: number; error: PdfError } | null = null;
  private stopPromise: Promise<void> | null = null;
  private stopping = false;
  private readonly counters = {
    renders: 0,
    failures: 0,
    timeouts: 0,
    blockedRequests: 0,
    retries: 0,
    pagesCreated: 0,
    pagesReplaced: 0,
  };

  constructor(options: PdfBrowserPoolOptions) {
    this.opts = resolvePoolOptions(options);
    this.gate = new AdmissionGate(this.opts.pages, this.opts.maxQueue, this.opts.queueTimeoutMs);
    this.browsers = new BrowserLifecycle({
      executablePath: this.opts.executablePath,
      launchArgs: this.opts.launchArgs,
      sandbox: this.opts.sandbox,
      launchTimeoutMs: this.opts.launchTimeoutMs,
      renderTimeoutMs: this.opts.renderTimeoutMs,
      browserRecycleAfter: this.opts.browserRecycleAfter,
      emit: (e) => this.emit(e),
      // Relaunch and rewarm idle pages now rather than on the next request.
      onBrowserLost: () => {
        for (const s of this.slots) if (!s.busy && !s.preparing) this.prepareSlot(s).catch(noop);
      },
    });
    this.slots = Array.from({ length: this.opts.pages }, (_, id) => ({
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
        await this.browsers.get();
        // A page that fails to warm is prepared again by the first render that needs it.
        await Promise.allSettled(this.slots.map((s) => (s.busy || s.preparing ? (s.preparing ?? Promise.resolve()) : this.prepareSlot(s))));
      })();
      this.startPromise = p;
      p.then(
        () => {
          this.startFailure = null;
        },
        (err: unknown) => {
          if (this.startPromise !== p) return;
          this.startPromise = null; // a later call tries again
          this.startFailure = { at: Date.now(), error: couldNotStart(err) };
        },
      );
    }
    return this.startPromise.catch((err: unknown) => {
      throw couldNotStart(err);
    });
  }

  /** Renders `html` (a complete, trusted-template HTML document) to an A4 PDF. */
  async render(html: string, pdfOptions: PdfRenderOptions = {}): Promise<Buffer> {
    if (typeof html !== 'string') throw new TypeError('render(html): html must be a string');
    if (this.stopping) throw new PdfUnavailableError('PDF renderer has been stopped');
    await this.start();
    const slot = await this.acquire();
    const timeoutMs = renderTimeoutFor(pdfOptions.timeoutMs, this.opts.renderTimeoutMs);
    const run: RenderRun = { timedOut: false };
    const work = this.renderOnSlot(slot, html, pdfOptions, run);
    slot.work = work;
    // The slot goes back to the pool only once the browser work has really stopped.
    work.catch(noop).finally(() => {
      slot.work = null;
      this.release(slot);
    });
    try {
      const pdf = await withRenderTimeout(work, run, timeoutMs, () => {
        this.counters.timeouts++;
        this.emit({ type: 'render-timeout', slot: slot.id, timeoutMs });
        void this.discardSlotPage(slot, 'timeout');
      });
      this.counters.renders++;
      return pdf;
    } catch (err) {
      this.counters.failures++;
      throw err;
    }
  }

  /** Rejects waiting renders, lets running ones finish (bounded), closes the browser, removes its profile. */
  stop(): Promise<void> {
    if (!this.stopPromise) {
      this.stopping = true;
      this.browsers.beginStop();
      this.stopPromise = (async () => {
        this.gate.rejectWaiting(new PdfUnavailableError('PDF renderer is shutting down'));
        const running = this.slots.flatMap((s) => [s.work, s.preparing]).filter((p): p is Promise<unknown> => p != null);
        await within(Promise.allSettled(running), this.opts.renderTimeoutMs + 1000);
        await this.browsers.launchSettled();
        for (const s of this.slots) {
          s.page = null;
          s.context = null;
          s.handle = null;
        }
        await this.browsers.closeAll();
      })();
    }
    return this.stopPromise;
  }

  stats(): PdfPoolStats {
    const current = this.browsers.currentHandle;
    const { renders, failures, timeouts, blockedRequests, retries, pagesCreated, pagesReplaced } = this.counters;
    return {
      started: current != null,
      stopped: this.stopping,
      browserPid: current?.pid ?? null,
      browserGeneration: this.browsers.generation,
      pages: this.slots.length,
      busyPages: this.slots.filter((s) => s.busy).length,
      readyPages: this.slots.filter((s) => this.slotUsable(s)).length,
      queued: this.gate.stats().waiting,
      maxQueue: this.opts.maxQueue,
      renders,
      failures,
      timeouts,
      busyRejections: this.gate.rejections,
      blockedRequests,
      retries,
      pagesCreated,
      pagesReplaced,
      ...this.browsers.counters,
    };
  }

  // ---------------------------------------------------------------- slots

  /** Admission (at most one render per slot, the rest queue), then the free slot. */
  private async acquire(): Promise<Slot> {
    await this.gate.acquire();
    // Admitted renders never outnumber the slots, and a place is given back only with its slot.
    const free = this.slots.find((s) => !s.busy);
    if (!free) throw new Error('PdfBrowserPool: admitted without a free page');
    free.busy = true;
    return free;
  }

  private release(slot: Slot): void {
    if (!this.stopping && !this.slotUsable(slot) && !slot.preparing) {
      this.prepareSlot(slot).catch(noop); // warm the replacement now; the next render awaits it
    }
    slot.busy = false;
    this.gate.release(); // the oldest waiter takes this slot
  }

  private async renderOnSlot(slot: Slot, html: string, o: PdfRenderOptions, run: RenderRun): Promise<Buffer> {
    for (let attempt = 0; ; attempt++) {
      let handle: BrowserHandle | null = null;
      try {
        if (slot.preparing) await slot.preparing.catch(noop);
        checkRun(run);
        if (!this.slotUsable(slot)) await this.prepareSlot(slot);
        checkRun(run);
        const h = slot.handle!;
        handle = h;
        const pdf = await this.browsers.use(h, async () => {
          const bytes = await renderOnPage(slot.page!, html, pdfOptions(o, { margin: this.opts.margin, timeoutMs: this.opts.renderTimeoutMs }), run, this.opts.renderTimeoutMs);
          slot.renders++;
          return bytes;
        });
        this.browsers.countRender(h);
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

  private slotUsable(slot: Slot): boolean {
    const h = slot.handle;
    return slot.page != null && !slot.page.isClosed() && this.browsers.isCurrent(h) && h != null && !h.dead && !h.retired && slot.renders < this.opts.recycleAfter;
  }

  /** Replaces the slot's page with a fresh sandboxed context + page on the current browser. */
  private prepareSlot(slot: Slot): Promise<void> {
    const p = (async () => {
      await this.discardSlotPage(slot, slot.renders >= this.opts.recycleAfter ? 'recycled' : 'stale');
      const h = await this.browsers.get();
      await this.browsers.use(h, async () => {
        const context = await h.browser.createBrowserContext();
        try {
          const page = await context.newPage();
          await sandboxPage(page, { defaultTimeoutMs: this.opts.renderTimeoutMs, onBlocked: (url, reason) => this.noteBlocked(url, reason) });
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
      this.browsers.killWedged(handle);
    }
  }

  private noteBlocked(url: string, reason: BlockReason): void {
    this.counters.blockedRequests++;
    this.emit({ type: 'request-blocked', url, reason });
  }

  private emit(event: PdfPoolEvent): void {
    try {
      this.opts.onEvent?.(event);
    } catch {
      /* observers must not break rendering */
    }
  }
}
