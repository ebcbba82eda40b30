import fc from 'fast-check';
import { ContentMemo, contentKey } from './content-memo';

describe('ContentMemo', () => {
  it('computes once for the same content, again for different content', () => {
    const memo = new ContentMemo<number>(4);
    let calls = 0;
    const f = (x: { a: string[] }) => (calls++, x.a.length);
    expect(memo.get({ a: ['1', '2'] }, f)).toBe(2);
    expect(memo.get({ a: ['1', '2'] }, f)).toBe(2); // a new object, the same content
    expect(calls).toBe(1);
    expect(memo.get({ a: ['1', '3', '4'] }, f)).toBe(3);
    expect(calls).toBe(2);
    expect([memo.hits, memo.misses]).toEqual([1, 2]);
  });

  it('drops the least recently used entry beyond its size', () => {
    const memo = new ContentMemo<string>(2);
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

  it('does not cache a computation that throws', () => {
    const memo = new ContentMemo<number>(2);
    let n = 0;
    expect(() => memo.get('x', () => { n++; throw new Error('boom'); })).toThrow('boom');
    expect(memo.get('x', () => (n++, 7))).toBe(7);
    expect(n).toBe(2);
  });

  it('refuses inputs that are not plain JSON data (they could alias)', () => {
    const memo = new ContentMemo<number>(2);
    expect(() => memo.get({ m: new Map([['a', 1]]) }, () => 1)).toThrow(/Map/);
    expect(() => memo.get({ s: new Set([1]) }, () => 1)).toThrow(/Set/);
    expect(() => memo.get({ n: Number.NaN }, () => 1)).toThrow(/non-finite/);
    expect(() => new ContentMemo(0)).toThrow(RangeError);
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
