/**
 * The HTTP side of a delivery: one POST, no redirects followed, a deadline, at most a few KB of the
 * answer read. The target is checked again here (the URL's rules, then every address its name
 * resolves to, inside the socket's own lookup so the address checked is the address connected to:
 * no DNS-rebinding window).
 */
import * as dns from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Injectable } from '@nestjs/common';
import { checkAddress, checkTargetUrl } from './core/target';

export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** Answers longer than this are not read further (only the status matters). */
const MAX_RESPONSE_BYTES = 4096;
export const USER_AGENT = 'NHS-Consortium-Platform-Webhooks/1.0';

function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, family: options.family, hints: options.hints }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const refused = addresses.map((a) => checkAddress(a.address, allowLoopback)).find((c) => !c.ok);
      if (refused && !refused.ok) return callback(Object.assign(new Error(refused.message), { code: 'EWEBHOOKTARGET' }), '', 0);
      if (!addresses.length) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

@Injectable()
export class WebhookSender {
  post(url: string, body: string, headers: Record<string, string>, opts: { timeoutMs: number; allowLoopback: boolean }): Promise<SendResult> {
    const started = process.hrtime.bigint();
    const elapsed = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
    const target = checkTargetUrl(url, opts.allowLoopback);
    if (!target.ok) return Promise.resolve({ ok: false, statusCode: null, error: `refused: ${target.message}`, durationMs: 0 });
    const client = target.url.protocol === 'https:' ? https : http;
    return new Promise<SendResult>((resolve) => {
      let settled = false;
      const done = (r: Omit<SendResult, 'durationMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...r, durationMs: elapsed() });
      };
      const req = client.request(target.url, {
        method: 'POST',
        agent: false,
        lookup: guardedLookup(opts.allowLoopback),
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)), 'User-Agent': USER_AGENT },
      });
      const timer = setTimeout(() => {
        req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`));
      }, opts.timeoutMs);
      timer.unref();
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        let read = 0;
        const finish = () => {
          res.destroy();
          const ok = status >= 200 && status < 300;
          done({ ok, statusCode: status, error: ok ? null : status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}` });
        };
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read >= MAX_RESPONSE_BYTES) finish();
        });
        res.on('end', finish);
        res.on('error', finish);
      });
      req.on('error', (err: NodeJS.ErrnoException) =>
        done({ ok: false, statusCode: null, error: err.code && !err.message.includes(err.code) ? `${err.code}: ${err.message}` : err.message }),
      );
      req.end(body);
    });
  }
}
