/**
 * Memoises a pure function by the content of its input: the key is the SHA-256 of the input's JSON,
 * so a cached result is reused only for exactly the same data, and no write anywhere has to remember
 * to invalidate anything (a changed cost, member, measurement or agreement changes the key). Least
 * recently used entries are dropped beyond `maxEntries`, and beyond `maxWeight` when results are
 * weighed (`weigh`, in any unit the caller chooses, e.g. an estimate of bytes): a result heavier than
 * the whole budget is returned but not kept.
 *
 * The input must be plain JSON data (strings, numbers, booleans, null, arrays, plain objects): a Map,
 * Set or other non-plain object would serialise as `{}` and could alias two different inputs, so
 * PlainData<I> refuses them at compile time. Results are shared between callers and must be treated
 * as immutable.
 */
import { sha256Hex } from './canonical-json';

/**
 * Plain JSON data, checked by the compiler: a Map, Set, Date, function or class instance with
 * methods (a Decimal) anywhere in T makes the call not compile. A runtime replacer checked the same on
 * every value, but cost more than the hash itself on large inputs.
 */
export type PlainData<T> = T extends string | number | boolean | null | undefined
  ? T
  : T extends readonly (infer U)[]
    ? readonly PlainData<U>[]
    : T extends ((...args: never[]) => unknown) | Map<unknown, unknown> | Set<unknown> | Date
      ? never
      : { [K in keyof T]: PlainData<T[K]> };

/**
 * Plain JSON.stringify, not canonicalJson: the inputs are built in one fixed shape by one loader, so
 * key order never varies, and sorting every object's keys would cost more than the hash.
 */
export function contentKey<I>(input: I & PlainData<I>): string {
  return sha256Hex(JSON.stringify(input) ?? 'undefined');
}

export interface ContentMemoOptions<T> {
  maxEntries: number;
  /** Budget for the sum of weigh(result) over the kept results (default: unbounded). */
  maxWeight?: number;
  weigh?: (value: T) => number;
}

export class ContentMemo<T> {
  private readonly entries = new Map<string, { value: T; weight: number }>();
  private totalWeight = 0;
  private readonly maxEntries: number;
  private readonly maxWeight: number;
  private readonly weigh: (value: T) => number;
  hits = 0;
  misses = 0;

  constructor(options: ContentMemoOptions<T>) {
    const { maxEntries, maxWeight = Infinity, weigh = () => 0 } = options;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('ContentMemo: maxEntries must be a positive integer');
    if (!(maxWeight > 0)) throw new RangeError('ContentMemo: maxWeight must be positive');
    this.maxEntries = maxEntries;
    this.maxWeight = maxWeight;
    this.weigh = weigh;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The sum of the kept results' weights. */
  get weight(): number {
    return this.totalWeight;
  }

  /** compute(input) for this content, computed at most once while it stays cached. A throw is not cached. */
  get<I>(input: I & PlainData<I>, compute: (input: I) => T): T {
    return this.byKey(contentKey(input), () => compute(input));
  }

  /** The same, for content the caller has already written as text (hashed as it is, not re-encoded as JSON). */
  getByText(text: string, compute: () => T): T {
    return this.byKey(sha256Hex(text), compute);
  }

  private byKey(key: string, compute: () => T): T {
    const found = this.entries.get(key);
    if (found) {
      this.hits++;
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found.value;
    }
    this.misses++;
    const value = compute();
    const weight = this.weigh(value);
    if (weight > this.maxWeight) return value;
    this.entries.set(key, { value, weight });
    this.totalWeight += weight;
    while (this.entries.size > this.maxEntries || this.totalWeight > this.maxWeight) {
      const [oldest, entry] = this.entries.entries().next().value as [string, { weight: number }];
      this.entries.delete(oldest);
      this.totalWeight -= entry.weight;
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
    this.totalWeight = 0;
  }
}
