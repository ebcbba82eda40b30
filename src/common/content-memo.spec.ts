import fc from 'fast-check';
import { ContentMemo, contentKey } from './content-memo';

describe('ContentMemo', () => {
  it('computes once for the same content, again for different content', () => {
    const memo = new ContentMemo<number>({ maxEntries: 4 });
    let calls = 0;
    const f = (x: { a: string[] }) => (calls++, x.a.length);
    expect(memo.get({ a: ['1', '2'] }, f)).toBe(2);
    expect(memo.get({ a: ['1', '2'] }, f)).toBe(2); // a new object, the same content
    expect(calls).toBe(1);
    expect(memo.get({ a: ['1', '3', '4'] }, f)).toBe(3);
    expect(calls).toBe(2);
    expect([memo.hits, memo.misses]).toEqual([1, 2]);
  });

  it('keys text given as it is (getByText) by its content too', () => {
    const memo = new ContentMemo<number>({ maxEntries: 4 });
    let calls = 0;
    expect(memo.getByText('["2025-04",1]', () => ++calls)).toBe(1);
    expect(memo.getByText(['["2025-04"', '1]'].join(','), () => ++calls)).toBe(1);
    expect(memo.getByText('["2025-05",1]', () => ++calls)).toBe(2);
    expect([memo.hits, memo.misses]).toEqual([1, 2]);
  });

  it('drops the least recently used entry beyond its size', () => {
    const memo = new ContentMemo<string>({ maxEntries: 2 });
    const seen: string[] = [];
    const f = (x: string) => (seen.push(x), x.toUpperCase());
    memo.get('a', f);
    memo.get('b', f);
    memo.get('a', f); // a is now the most recent
    memo.get('c', f); // drops b
    memo.get('a', f);
    memo.get('b', f); // computed again
    expect(seen).toEqual(['a', 'b', 'c', 'b']);
    expect(memo.size).toBe(2);
  });

  it('keeps the weight of what it holds within the budget, and never keeps a result heavier than all of it', () => {
    const memo = new ContentMemo<string>({ maxEntries: 10, maxWeight: 10, weigh: (v) => v.length });
    let calls = 0;
    const f = (x: string) => (calls++, x);
    memo.get('aaaa', f);
    memo.get('bbbb', f);
    expect(memo.weight).toBe(8);
    memo.get('cccc', f); // 12 > 10: the oldest goes
    expect([memo.size, memo.weight]).toEqual([2, 8]);
    memo.get('bbbb', f);
    expect(calls).toBe(3); // still held
    expect(memo.get('x'.repeat(11), f)).toBe('x'.repeat(11));
    expect([memo.size, memo.weight]).toEqual([2, 8]); // too heavy to keep; nothing evicted for it
    memo.clear();
    expect([memo.size, memo.weight]).toEqual([0, 0]);
  });

  it('does not cache a computation that throws', () => {
    const memo = new ContentMemo<number>({ maxEntries: 2 });
    let n = 0;
    expect(() =>
      memo.get('x', () => {
        n++;
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(memo.get('x', () => (n++, 7))).toBe(7);
    expect(n).toBe(2);
  });

  it('refuses inputs that are not plain JSON data at compile time (they could alias)', () => {
    const memo = new ContentMemo<number>({ maxEntries: 2 });
    // @ts-expect-error a Map serialises as {} and would alias
    memo.get({ m: new Map([['a', 1]]) }, () => 1);
    // @ts-expect-error a Set likewise
    memo.get({ s: [new Set([1])] }, () => 1);
    // @ts-expect-error a class instance with methods (a Decimal, a Date)
    memo.get({ d: new Date(0) }, () => 1);
    expect(memo.get({ a: ['x', 1, true, null], b: { c: 'd' } }, () => 2)).toBe(2);
    expect(() => new ContentMemo({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => new ContentMemo({ maxEntries: 1, maxWeight: 0 })).toThrow(RangeError);
  });

  it('gives different keys to different JSON documents (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const same = JSON.stringify(a) === JSON.stringify(b);
        expect(contentKey(a) === contentKey(b)).toBe(same);
      }),
    );
  });
});
