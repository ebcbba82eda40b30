/**
 * Admission for report work. A PDF report computes its data (statements, exit quotes: CPU on the
 * event loop) and then waits for a warm page. Without a gate, every report request computes its data
 * at once and only then queues for a page, so a burst of reports keeps the event loop busy and every
 * other request waits behind it. The gate admits as many reports as the pool has pages, queues a
 * bounded number more (FIFO, with a timeout) and refuses the rest at once with PdfBusyError (429)
 * before any work is done. Plain class: no framework imports.
 */
import { PdfBusyError } from './pdf/errors';

interface Waiter {
  resolve: () => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class Admission {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    private readonly limit: number,
    private readonly maxQueue: number,
    private readonly queueTimeoutMs: number,
  ) {}

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

  private acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxQueue) return Promise.reject(new PdfBusyError('queue_full'));
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(new PdfBusyError('queue_timeout'));
        }, this.queueTimeoutMs),
      };
      this.waiting.push(waiter);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.resolve(); // the slot passes straight to the next report
    } else {
      this.active--;
    }
  }
}
