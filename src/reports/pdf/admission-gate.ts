/**
 * The admission gate of the PDF path: at most `limit` holders at once; more callers wait in a FIFO
 * queue of at most `maxQueue`, each for at most `queueTimeoutMs`, then get PdfBusyError (HTTP 429
 * with Retry-After, see src/common/errors/pdf-error.filter.ts): `queue_full` at once when the queue
 * is full, `queue_timeout` when the wait ran out. A released place passes straight to the oldest
 * waiter, so nobody can overtake the queue.
 *
 * Fair shares: a caller may name keys (`{ user, consortium }`); each key holds at most its share of
 * the gate's places (held and waiting together: `shares.user`, `shares.consortium`). A caller whose
 * user or consortium already holds its share gets PdfBusyError (`user_share` / `consortium_share`,
 * HTTP 429 with Retry-After) at once, so one user or one consortium can never fill the queue and
 * everyone else still gets through. Callers without keys (the pool's renders) are not counted.
 *
 * The one queue of the PDF path: the pool admits renders to its pages with it, and the reports
 * admit report work (data, then render) with it (PdfService.admit). Plain class: no
 * framework imports.
 */
import { PdfBusyError } from './errors';

/** Who asks, for the fair shares (either may be absent: e.g. a report of no consortium). */
export interface AdmissionKeys {
  user?: string | null;
  consortium?: string | null;
}

/** The most places (held and waiting) one user / one consortium may have; absent = no limit. */
export interface AdmissionShares {
  user?: number;
  consortium?: number;
}

interface Waiter {
  resolve: () => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class AdmissionGate {
  private active = 0;
  private readonly waiting: Waiter[] = [];
  private busyRejections = 0;
  /** Places (held or waiting) per key: `user:<id>`, `consortium:<id>`. */
  private readonly places = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly maxQueue: number,
    private readonly queueTimeoutMs: number,
    private readonly shares: AdmissionShares = {},
  ) {}

  /**
   * Runs `work` once admitted and releases its place however it ends. With `keys`, the caller's user
   * and consortium must each be below their share (else PdfBusyError at once).
   */
  async run<T>(work: () => Promise<T>, keys: AdmissionKeys = {}): Promise<T> {
    const counted = this.take(keys);
    try {
      await this.acquire();
    } catch (e) {
      this.give(counted);
      throw e;
    }
    try {
      return await work();
    } finally {
      this.release();
      this.give(counted);
    }
  }

  /** Places held or waiting under one key (`user:<id>` or `consortium:<id>`). */
  placesOf(key: string): number {
    return this.places.get(key) ?? 0;
  }

  /** Counts a caller's places under its keys, or refuses when one of them holds its share already. */
  private take(keys: AdmissionKeys): string[] {
    const wanted: [string, number | undefined, 'user_share' | 'consortium_share'][] = [];
    if (keys.user) wanted.push([`user:${keys.user}`, this.shares.user, 'user_share']);
    if (keys.consortium) wanted.push([`consortium:${keys.consortium}`, this.shares.consortium, 'consortium_share']);
    for (const [key, share, reason] of wanted) {
      if (share !== undefined && this.placesOf(key) >= share) {
        this.busyRejections++;
        throw new PdfBusyError(reason);
      }
    }
    for (const [key] of wanted) this.places.set(key, this.placesOf(key) + 1);
    return wanted.map(([key]) => key);
  }

  private give(keys: string[]): void {
    for (const key of keys) {
      const n = this.placesOf(key) - 1;
      if (n > 0) this.places.set(key, n);
      else this.places.delete(key);
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
