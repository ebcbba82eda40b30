/**
 * Bulk rows into PostgreSQL with `COPY … FROM STDIN (FORMAT csv)` on the connection of the current
 * transaction (pg-copy-streams): one statement however many rows, the server parsing them as they
 * stream, instead of row batches of INSERT parameters. Rows are buffered into 64 KB chunks and
 * written with backpressure, so memory stays flat whatever the number of rows.
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const CHUNK = 64 * 1024;
/** Delimiter, quote, line ends, and a backslash (a lone `\.` line would end the data). */
const NEEDS_QUOTES = /[",\r\n\\]/;

/** One CSV cell for COPY: null is an unquoted empty field (NULL), '' a quoted one (empty text). */
export function copyCell(v: string | null): string {
  if (v === null) return '';
  if (v === '' || NEEDS_QUOTES.test(v)) return `"${v.replace(/"/g, '""')}"`;
  return v;
}

export interface CopyWriter {
  /**
   * Queues one row (cells in the column order of the COPY). Returns a promise only when a chunk went
   * out and the socket is full (await it); otherwise undefined, so the hot loop does not pay an
   * await per row.
   */
  row(cells: readonly (string | null)[]): Promise<void> | undefined;
  /** Sends the rest and ends the COPY; resolves with the rows the server took. */
  finish(): Promise<number>;
  /** Ends the COPY without caring how (the caller is about to roll back); never throws, never hangs. */
  abort(): Promise<void>;
}

/**
 * Opens `COPY <table> (<columns>) FROM STDIN (FORMAT csv)` on `client`, the connection of a
 * transaction (`Sql.client(tx)`, so that the rows belong to it). Nothing else may use the
 * transaction until finish() or abort() has resolved.
 */
export function openCopy(client: PoolClient, table: string, columns: readonly string[]): CopyWriter {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN (FORMAT csv)`));
  // Set by the stream's error handler while we await; read through rethrow(), after any await.
  const state: { failure: Error | null } = { failure: null };
  stream.on('error', (e: Error) => (state.failure ??= e));
  const rethrow = (): void => {
    if (state.failure) throw state.failure;
  };
  let buffer = '';
  const flush = async (): Promise<void> => {
    rethrow();
    if (!buffer) return;
    const chunk = buffer;
    buffer = '';
    if (!stream.write(chunk)) {
      // Whichever comes first; the other listener is removed, so full sockets do not pile listeners up.
      const done = new AbortController();
      try {
        await Promise.race([once(stream, 'drain', { signal: done.signal }), once(stream, 'close', { signal: done.signal })]);
      } finally {
        done.abort();
      }
    }
    rethrow();
  };
  return {
    row(cells) {
      buffer += cells.map(copyCell).join(',') + '\n';
      return buffer.length >= CHUNK ? flush() : undefined;
    },
    async finish() {
      await flush();
      stream.end();
      await finished(stream);
      rethrow();
      return stream.rowCount;
    },
    async abort() {
      buffer = '';
      // A COPY that already failed (the connection died, the server refused) is over: ending it
      // would wait for an answer that never comes. The transaction's rollback deals with the rest.
      if (state.failure || stream.destroyed) return;
      try {
        if (!stream.writableEnded) stream.end();
        await finished(stream);
      } catch {
        /* rolled back next */
      }
    },
  };
}
