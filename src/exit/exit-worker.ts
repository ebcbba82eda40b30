/**
 * Runs exit quotes on a worker thread so that the HTTP event loop stays responsive while boards'
 * PDFs (each with an indicative exit quote) are being made. One long-lived worker, replaced if it
 * dies; every pending quote of a dead worker is rejected. Errors of the core come back as
 * CalculationErrors with their code, which the exception filter maps like any other.
 */
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CalculationError, type CalculationErrorCode } from '../statements/core/errors';
import type { exitQuote, formatExitQuote } from './core';

type Args = Parameters<typeof exitQuote>;
type Quote = ReturnType<typeof formatExitQuote>;

interface Pending {
  resolve: (q: Quote) => void;
  reject: (e: Error) => void;
}

@Injectable()
export class ExitWorker implements OnModuleDestroy {
  private worker: Worker | null = null;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();

  quote(input: Args[0], terms: Args[1], req: Args[2]): Promise<Quote> {
    const w = this.current();
    const id = ++this.seq;
    return new Promise<Quote>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.postMessage({ id, input, terms, req });
    });
  }

  private current(): Worker {
    if (this.worker) return this.worker;
    // Compiled: the .js beside this file; from TypeScript sources (tests, ts-node): the .ts via ts-node.
    const js = path.join(__dirname, 'core', 'exit-quote.worker.js');
    const ts = path.join(__dirname, 'core', 'exit-quote.worker.ts');
    const w = fs.existsSync(js) ? new Worker(js) : new Worker(ts, { execArgv: ['-r', 'ts-node/register/transpile-only'], env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' } });
    w.unref();
    w.on('message', (msg: { id: number; quote?: Quote; error?: { name?: string; code?: string; message: string; details?: Record<string, string> } }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.quote) p.resolve(msg.quote);
      else if (msg.error?.name === 'CalculationError') p.reject(new CalculationError(msg.error.code as CalculationErrorCode, msg.error.message, msg.error.details ?? {}));
      else p.reject(new Error(msg.error?.message ?? 'exit quote worker failed'));
    });
    const fail = (e: Error) => {
      if (this.worker === w) this.worker = null;
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        p.reject(e);
      }
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`exit quote worker stopped (code ${code})`)));
    this.worker = w;
    return w;
  }

  async onModuleDestroy(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
