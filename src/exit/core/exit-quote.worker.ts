/**
 * Worker-thread entry for exit quotes: the same pure `exitQuote` core, run off the HTTP event loop
 * (an exit quote allocates a member's whole charging history, tens of milliseconds of CPU). Messages
 * in: { id, input, terms, req }; out: { id, quote } with the formatted (string) quote, or
 * { id, error: { name, code, message, details } }.
 */
import { parentPort } from 'node:worker_threads';
import { exitQuote, formatExitQuote } from './exit-quote';

parentPort?.on('message', (msg: { id: number; input: Parameters<typeof exitQuote>[0]; terms: Parameters<typeof exitQuote>[1]; req: Parameters<typeof exitQuote>[2] }) => {
  try {
    parentPort!.postMessage({ id: msg.id, quote: formatExitQuote(exitQuote(msg.input, msg.terms, msg.req)) });
  } catch (e) {
    const err = e as { name?: string; code?: string; message?: string; details?: unknown };
    parentPort!.postMessage({ id: msg.id, error: { name: err.name, code: err.code, message: err.message ?? String(e), details: err.details } });
  }
});
