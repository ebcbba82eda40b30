/** Small timing helpers shared by the parts of the PDF pool. */

export const noop = (): void => undefined;

export const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const TIMED_OUT = Symbol('timed out');

/** Waits for `p` at most `ms`; the timer is cleared as soon as `p` settles (nothing left pending). */
export function within<T>(p: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<typeof TIMED_OUT>((r) => {
    timer = setTimeout(() => r(TIMED_OUT), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
