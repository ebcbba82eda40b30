/**
 * The Nest face of the PDF pool: one PdfBrowserPool per app, created on the first render (an app
 * that never renders never launches Chromium), stopped when the app shuts down.
 *
 * No browser: the lookup (findChromium) runs again on every render until one is found, so
 * installing Chromium fixes the PDF routes without a restart; meanwhile they answer 503 with the
 * install hint and the rest of the API works.
 *
 * Admission: `admit` lets as many reports be in the making as the pool has pages and queues a
 * bounded number more, with the same limits as the pool (one set of numbers, see `limits`). It does
 * not need a browser, so a report's access checks still run first when there is none.
 */
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { PDF_CONFIG, type PdfConfig } from '../config/slices';
import { AdmissionGate, type AdmissionKeys, findChromium, PdfBrowserPool, PdfUnavailableError, type PdfPoolEvent, type PdfPoolStats, type PdfRenderOptions } from './pdf';

/** The pool's concurrency limits, from the configuration. */
function limits(c: PdfConfig): { pages: number; maxQueue: number; queueTimeoutMs: number } {
  return { pages: c.poolPages, maxQueue: c.maxQueue, queueTimeoutMs: c.queueTimeoutMs };
}

@Injectable()
export class PdfService implements OnModuleDestroy {
  private readonly logger = new Logger('PdfService');
  private pool: PdfBrowserPool | null = null;
  private stopped = false;
  private readonly admission: AdmissionGate;

  constructor(@Inject(PDF_CONFIG) private readonly config: PdfConfig) {
    const { pages, maxQueue, queueTimeoutMs } = limits(config);
    this.admission = new AdmissionGate(pages, maxQueue, queueTimeoutMs, { user: config.userShare, consortium: config.consortiumShare });
  }

  /**
   * Runs report work (its data, then its render) once admitted; PdfBusyError (429) when the queue is
   * full, the wait runs out, or the caller's user or consortium already holds its fair share of the
   * places (PDF_USER_SHARE, PDF_CONSORTIUM_SHARE).
   */
  admit<T>(work: () => Promise<T>, keys: AdmissionKeys = {}): Promise<T> {
    return this.admission.run(work, keys);
  }

  async render(html: string, options: PdfRenderOptions = {}): Promise<Buffer> {
    return this.getPool().render(html, options);
  }

  /** Pool counters (null before the first render). */
  stats(): PdfPoolStats | null {
    return this.pool?.stats() ?? null;
  }

  /** The admission gate: reports admitted, waiting, and refused so far (for /metrics). */
  admissionStats(): { active: number; waiting: number; rejections: number } {
    return { ...this.admission.stats(), rejections: this.admission.rejections };
  }

  private getPool(): PdfBrowserPool {
    if (this.stopped) throw new PdfUnavailableError('PDF renderer has been stopped (the application is shutting down)');
    if (this.pool) return this.pool;
    const found = findChromium({ PUPPETEER_EXECUTABLE_PATH: this.config.executablePath });
    if ('error' in found) throw new PdfUnavailableError(found.error);
    const c = this.config;
    this.pool = new PdfBrowserPool({
      executablePath: found.path,
      sandbox: c.sandbox,
      ...limits(c),
      renderTimeoutMs: c.renderTimeoutMs,
      onEvent: (e: PdfPoolEvent) => {
        if (e.type === 'request-blocked') this.logger.warn({ event: e }, 'PDF render: blocked a request from a report');
        else if (e.type !== 'page-replaced') this.logger.log({ event: e }, `PDF pool: ${e.type}`);
      },
    });
    this.logger.log(`PDF pool created with ${found.path}`);
    return this.pool;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    const pool = this.pool;
    this.pool = null;
    if (pool) await pool.stop();
  }
}
