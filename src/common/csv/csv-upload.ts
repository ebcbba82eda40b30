/**
 * Receiving a CSV upload before any database work (the measurements and benchmark returns imports).
 * A client may send its file as slowly as it likes; if the import read it inside its transaction, a
 * slow client would hold a pooled connection and the consortium's row lock for as long as it
 * pleased (20 of them: every route 503, a month close waiting on them). So the body is first spooled
 * to a private temporary file (mode 0600, removed afterwards), within the byte cap (413) and an
 * upload deadline (408, and the connection is closed); only then is the file parsed and loaded, in
 * the transaction, at disk speed. Each user runs at most `importConcurrencyPerUser` imports at once
 * (429 with Retry-After beyond), counted in PostgreSQL so the cap holds across every API process.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { STREAMS_CONFIG, type StreamsConfig } from '../../config/slices';
import { DomainError, TooManyRequestsError } from '../errors/domain-error';
import { ClientGoneError } from '../http/response-sink';
import { tooLarge } from './csv-import';
import { ImportSlotsRepository } from './import-slots.repository';

/** Seconds a client refused for too many imports is asked to wait. */
export const IMPORT_RETRY_AFTER_SECONDS = 5;

/**
 * A slot's lease, renewed every third of it while the import runs. A process that dies holding a
 * slot gives it back when the lease runs out (at most this long after).
 */
export const IMPORT_SLOT_LEASE_MS = 60_000;

function tooSlow(deadlineMs: number): DomainError {
  return new DomainError('upload_timeout', 408, `The file did not arrive within ${deadlineMs} ms; nothing was written`, [
    { field: 'file', message: `the upload must complete within ${deadlineMs} ms` },
  ]);
}

/** A spooled upload: its bytes on disk, read back with `open()`, removed by `dispose()`. */
export interface SpooledUpload {
  bytes: number;
  open(): Readable;
  dispose(): Promise<void>;
}

/**
 * Writes `body` to a new private temporary file. Rejects with 413 once more than `maxBytes` have
 * arrived (the rest is read and discarded, so the client gets the answer rather than a stalled
 * upload) and with 408 when the whole body has not arrived within `deadlineMs` (the request's
 * connection is then closed after the answer). A body that ends early (the client went away)
 * rejects with ClientGoneError. The file never outlives a rejection.
 */
export async function spoolUpload(body: Readable, opts: { maxBytes: number; deadlineMs: number }): Promise<SpooledUpload> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'csv-upload-'));
  const file = path.join(dir, 'upload.csv');
  const readers: Readable[] = [];
  const dispose = async (): Promise<void> => {
    for (const r of readers) r.destroy();
    await fs.promises.rm(dir, { recursive: true, force: true });
  };
  const out = fs.createWriteStream(file, { mode: 0o600 });
  let bytes = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (err?: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        body.off('data', onData);
        body.off('end', onEnd);
        body.off('error', onError);
        body.off('close', onClose);
        if (!err) return resolve();
        body.unpipe(out);
        out.destroy();
        // Read the rest and throw it away: the answer goes out without waiting for it.
        body.on('error', () => undefined);
        body.resume();
        reject(err);
      };
      const onData = (chunk: Buffer): void => {
        bytes += chunk.length;
        if (bytes > opts.maxBytes) settle(tooLarge(opts.maxBytes));
      };
      const onEnd = (): void => {
        out.once('finish', () => settle());
        out.once('error', (e) => settle(e));
      };
      const onError = (e: Error): void => settle(e);
      const onClose = (): void => {
        if (!body.readableEnded) settle(new ClientGoneError('closed'));
      };
      const timer = setTimeout(() => {
        // A client this slow is not waited for: answer and close its connection.
        const res = (body as { res?: ServerResponse }).res;
        if (res && !res.headersSent) res.setHeader('Connection', 'close');
        settle(tooSlow(opts.deadlineMs));
      }, opts.deadlineMs);
      body.on('data', onData);
      body.on('end', onEnd);
      body.on('error', onError);
      body.on('close', onClose);
      out.on('error', (e) => settle(e));
      body.pipe(out);
    });
  } catch (e) {
    await dispose();
    throw e;
  }
  return {
    bytes,
    open: () => {
      const r = fs.createReadStream(file);
      readers.push(r);
      return r;
    },
    dispose,
  };
}

/**
 * The upload side of the CSV imports: the per-user cap and the spool (see the file's comment).
 *
 * The cap is a table (import_slots), not a counter in memory: with several API processes behind a
 * proxy, a per-process counter would let a user run the cap's worth of imports on each. A slot is
 * claimed with one statement and held by a renewed lease rather than by an advisory lock, because
 * the import holds no database connection while its body is spooled (the whole point of the spool):
 * a lock would need a connection for the whole upload.
 */
@Injectable()
export class CsvUploads {
  private readonly logger = new Logger('CsvUploads');

  constructor(
    @Inject(STREAMS_CONFIG) private readonly config: StreamsConfig,
    private readonly slots: ImportSlotsRepository,
  ) {}

  /**
   * Takes one of `userId`'s import slots (429 when all are taken), spools `body` (413, 408), then
   * runs `work` on the file (a fresh stream of its bytes); the slot and the file are freed after.
   */
  async receive<T>(userId: string, body: Readable, maxBytes: number, work: (file: Readable) => Promise<T>): Promise<T> {
    const holder = randomUUID();
    const slot = await this.slots.claim(userId, holder, this.config.importConcurrencyPerUser, IMPORT_SLOT_LEASE_MS);
    if (slot === null) {
      // Discard the refused body so that the answer reaches the client, then close the connection.
      const res = (body as { res?: ServerResponse }).res;
      if (res && !res.headersSent) res.setHeader('Connection', 'close');
      body.on('error', () => undefined);
      body.resume();
      throw new TooManyRequestsError(
        'too_many_imports',
        `At most ${this.config.importConcurrencyPerUser} imports per user at a time; try again when one has finished`,
        IMPORT_RETRY_AFTER_SECONDS,
      );
    }
    const renew = setInterval(() => {
      this.slots.renew(userId, slot, holder, IMPORT_SLOT_LEASE_MS).catch((err: Error) => this.logger.warn(`import slot lease not renewed: ${err.message}`));
    }, IMPORT_SLOT_LEASE_MS / 3);
    renew.unref();
    try {
      const upload = await spoolUpload(body, { maxBytes, deadlineMs: this.config.importUploadTimeoutMs });
      try {
        return await work(upload.open());
      } finally {
        await upload.dispose();
      }
    } finally {
      clearInterval(renew);
      await this.slots.release(userId, slot, holder).catch((err: Error) => this.logger.warn(`import slot not released (its lease runs out): ${err.message}`));
    }
  }
}
