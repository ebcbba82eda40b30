import { requestMemo, withRequestMemo } from './request-memo';

describe('requestMemo', () => {
  it('reads every time outside a request memo', async () => {
    let reads = 0;
    const read = () => Promise.resolve(++reads);
    expect(await requestMemo('k', read)).toBe(1);
    expect(await requestMemo('k', read)).toBe(2);
  });

  it('reads once per key inside one, and afresh in another', async () => {
    let reads = 0;
    const read = () => Promise.resolve(++reads);
    const first = await withRequestMemo(async () => [await requestMemo('k', read), await requestMemo('k', read), await requestMemo('other', read)]);
    expect(first).toEqual([1, 1, 2]);
    expect(await withRequestMemo(() => requestMemo('k', read))).toBe(3);
  });

  it('keeps no failed read: the next asks again', async () => {
    let reads = 0;
    const results = await withRequestMemo(async () => {
      const failing = requestMemo('k', () => (++reads === 1 ? Promise.reject(new Error('down')) : Promise.resolve(reads)));
      await expect(failing).rejects.toThrow('down');
      return requestMemo('k', () => Promise.resolve(++reads));
    });
    expect(results).toBe(2);
  });
});
