/**
 * Writing a long streamed response (the CSV exports) without letting its client hold the server
 * hostage. A plain `res.write(...) || await drain` waits for ever when the client has gone (a reset
 * connection never emits `drain`) or simply stops reading, and whatever the writer holds (a pooled
 * database connection with an open cursor) is held with it. `responseSink` waits for `drain`, the
 * response closing or failing, or `stallMs` without progress, whichever comes first; in the last two
 * cases it destroys the response and the write rejects with `ClientGoneError`, so the writer's
 * `finally` releases what it holds.
 */
import type { ServerResponse } from 'node:http';

/** The client went away or stopped reading: nothing more can be sent, and nobody is there to answer. */
export class ClientGoneError extends Error {
  constructor(readonly reason: 'closed' | 'stalled') {
    super(reason === 'stalled' ? 'The client stopped reading the response' : 'The client closed the connection');
  }
}

export interface ResponseSink {
  /** Writes a chunk: `true` when it was taken at once, else a promise that resolves on `drain` and rejects with ClientGoneError. */
  write(chunk: string): true | Promise<void>;
}

export function responseSink(res: ServerResponse, stallMs: number): ResponseSink {
  const gone = (): boolean => res.destroyed || res.writableEnded || res.socket?.destroyed === true;
  return {
    write(chunk) {
      if (gone()) throw new ClientGoneError('closed');
      if (res.write(chunk)) return true;
      return new Promise<void>((resolve, reject) => {
        const done = (err?: ClientGoneError): void => {
          clearTimeout(timer);
          res.off('drain', onDrain);
          res.off('close', onClose);
          res.off('error', onClose);
          if (err) {
            res.destroy();
            reject(err);
          } else resolve();
        };
        const onDrain = (): void => done();
        const onClose = (): void => done(new ClientGoneError('closed'));
        const timer = setTimeout(() => done(new ClientGoneError('stalled')), stallMs);
        res.on('drain', onDrain);
        res.on('close', onClose);
        res.on('error', onClose);
        // Closed between the write and the listeners: no event will come.
        if (gone()) done(new ClientGoneError('closed'));
      });
    },
  };
}
