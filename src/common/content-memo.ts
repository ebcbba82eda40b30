/**
 * Memoises a pure function by the content of its input: the key is the SHA-256 of the input's JSON,
 * so a cached result is reused only for exactly the same data, and no write anywhere has to remember
 * to invalidate anything (a changed cost, member, measurement or agreement changes the key). Least
 * recently used entries are dropped beyond `maxEntries`.
 *
 * The input must be plain JSON data (strings, numbers, booleans, null, arrays, plain objects): a Map,
 * Set or other non-plain object would serialise as `{}` and could alias two different inputs, so it
 * throws instead. Results are shared between callers and must be treated as immutable.
 */
import { createHash } from 'node:crypto';

function plainOnly(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`ContentMemo: the input holds a ${proto?.constructor?.name ?? 'non-plain object'}, not plain JSON data`);
    }
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('ContentMemo: non-finite number in the input');
  return value;
}

export function contentKey(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input, plainOnly) ?? 'undefined', 'utf8').digest('hex');
}

export class ContentMemo<T> {
  private readonly entries = new Map<string, T>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('ContentMemo: maxEntries must be a positive integer');
  }

  get size(): number {
    return this.entries.size;
  }

  /** compute(input) for this content, computed at most once while it stays cached. A throw is not cached. */
  get<I>(input: I, compute: (input: I) => T): T {
    const key = contentKey(input);
    const found = this.entries.get(key);
    if (found !== undefined || this.entries.has(key)) {
      this.hits++;
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.entries.delete(key);
      this.entries.set(key, found as T);
      return found as T;
    }
    this.misses++;
    const value = compute(input);
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
