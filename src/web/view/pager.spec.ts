import { pager, readPage } from './pager';

describe('pager', () => {
  it('a middle page links both ways and keeps the filters', () => {
    expect(pager('/x', { q: 'cost entry', action: '', who: undefined }, { offset: 20, limit: 20, total: 57 })).toEqual({
      previous: { href: '/x?q=cost+entry', text: 'Page 1 of 3' },
      next: { href: '/x?q=cost+entry&page=3', text: 'Page 3 of 3' },
      showing: 'Showing 21 to 40 of 57',
    });
  });
  it('the first and last pages, and an empty list', () => {
    expect(pager('/x', {}, { offset: 0, limit: 20, total: 57 }).previous).toBeNull();
    expect(pager('/x', {}, { offset: 40, limit: 20, total: 57 })).toMatchObject({ next: null, showing: 'Showing 41 to 57 of 57' });
    expect(pager('/x', {}, { offset: 0, limit: 20, total: 0 })).toEqual({ previous: null, next: null, showing: '' });
  });
  it('reads ?page= as a whole number from 1', () => {
    expect(['3', '0', '-1', 'x', undefined, ['2']].map(readPage)).toEqual([3, 1, 1, 1, 1, 1]);
  });
});
