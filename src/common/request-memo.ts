/**
 * Reads shared by the steps of one web page's GET request. A page calls several services, and each
 * checks access the way its API route does (the consortium row, the caller's membership), so one page
 * would read the same rows five or six times. Inside `withRequestMemo` (the web stack opens it for GET
 * pages, which change nothing) such a read is made once per request; everywhere else (the API, every
 * write, jobs) `requestMemo` simply calls `read`. Nothing outlives the request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const store = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

/** Runs `f` (and everything it starts) with a fresh memo. */
export function withRequestMemo<R>(f: () => R): R {
  return store.run(new Map(), f);
}

/** `read()`, once per `key` inside a request memo (a failed read is not kept); without one, every time. */
export function requestMemo<T>(key: string, read: () => Promise<T>): Promise<T> {
  const memo = store.getStore();
  if (!memo) return read();
  const found = memo.get(key) as Promise<T> | undefined;
  if (found) return found;
  const p = read();
  memo.set(key, p);
  p.catch(() => memo.delete(key));
  return p;
}
