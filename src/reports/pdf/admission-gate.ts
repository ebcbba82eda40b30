/**
 * The admission gate of the PDF path: at most `limit` holders at once; more callers wait in a FIFO
 * queue of at most `maxQueue`, each for at most `queueTimeoutMs`, then get PdfBusyError (HTTP 429
 * with Retry-After, see src/common/errors/pdf-error.filter.ts): `queue_full` at once when the queue
 * is full, `queue_timeout` when the wait ran out. A released place passes straight to the oldest
 * waiter, so nobody can overtake the queue.
 *
 * The one queue of the PDF path: the pool admits renders to its pages with it, and the reports
 * admit report work (data, then render) with it (PdfService.admit). Plain class: no
 * framework imports.
 */
import { PdfBusyError } from './errors';

interface Waiter {
  resolve: () => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class AdmissionGate {
  private active = 0;
  private readonly waiting: Waiter[] = [];
  private busyRejections = 0;

  constructor(
    private readonly limit: number,
    private readonly maxQueue: number,
    private readonly queueTimeoutMs: number,
  ) {}

  /** Runs `work` once admitted and releases its place however it ends. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  stats(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  /** How many callers were turned away with PdfBusyError (queue full or wait timed out). */
  get rejections(): number {
    return this.busyRejections;
  }

  /** Waits for a place; every successful acquire must be followed by exactly one release(). */
  acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxQueue) {
      this.busyRejections++;
      return Promise.reject(new PdfBusyError('queue_full'));
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          this.busyRejections++;
          reject(new PdfBusyError('queue_timeout'));
        }, this.queueTimeoutMs),
      };
      this.waiting.push(waiter);
    });
  }

  /** Gives a place back: to the oldest waiter if there is one. */
  release(): void {
    const next = this.waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.resolve(); // the place passes straight to the next caller
    } else {
      this.active--;
    }
  }

  /** Rejects every waiting caller with `error` (shutdown); the holders keep their places. */
  rejectWaiting(error: Error): void {
    for (const w of this.waiting.splice(0)) {
      clearTimeout(w.timer);
      w.reject(error);
    }
  }
}
