import { checkReturnRow, headerColumns, type RowContext } from './row-checker';

const ID = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const OTHER = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const HIDDEN = '11111111-2222-4333-8444-555555555555';
const ctx: RowContext = {
  resolve: (k) =>
    ({ RX1: ID, [ID]: ID, RX2: OTHER, [OTHER]: OTHER, RX3: HIDDEN, [HIDDEN]: HIDDEN })[k.toUpperCase()] ?? { [ID]: ID, [OTHER]: OTHER, [HIDDEN]: HIDDEN }[k.toLowerCase()] ?? null,
  visible: (id) => id !== HIDDEN,
  writable: (id) => id === ID,
};
const raw = (over: Partial<Record<'organisation' | 'financialYear' | 'function' | 'cost' | 'turnover', string>> = {}) => ({
  organisation: 'RX1',
  financialYear: '2024/25',
  function: 'finance',
  cost: '1650000',
  turnover: ' 150000000.00 ',
  ...over,
});

describe('benchmark CSV row checker', () => {
  it('accepts a good row by ODS code (any case) or id, and writes money with two decimals', () => {
    expect(checkReturnRow(raw(), ctx)).toEqual({
      row: { organisationId: ID, financialYear: '2024/25', function: 'finance', cost: '1650000.00', turnover: '150000000.00' },
      errors: [],
    });
    expect(checkReturnRow(raw({ organisation: 'rx1' }), ctx).row?.organisationId).toBe(ID);
    expect(checkReturnRow(raw({ organisation: ID.toUpperCase() }), ctx).row?.organisationId).toBe(ID);
    expect(checkReturnRow(raw({ cost: '0' }), ctx).row?.cost).toBe('0.00');
  });

  it('names every bad field of a row, not just the first', () => {
    const r = checkReturnRow({ organisation: '', financialYear: '2024/26', function: 'legal', cost: '-1.00', turnover: '0.00' }, ctx);
    expect(r.row).toBeUndefined();
    expect(r.errors.map((e) => e.field)).toEqual(['organisation', 'financialYear', 'function', 'cost', 'turnover']);
  });

  it('refuses money that is not money', () => {
    for (const bad of ['1.234', '1e5', 'abc', '', '1,000.00', '99999999999999999.00']) {
      expect(checkReturnRow(raw({ cost: bad }), ctx).errors.map((e) => e.field)).toEqual(['cost']);
      expect(checkReturnRow(raw({ turnover: bad }), ctx).errors.map((e) => e.field)).toEqual(['turnover']);
    }
    expect(checkReturnRow(raw({ turnover: '-1.00' }), ctx).errors[0].message).toMatch(/greater than zero/);
  });

  it('an organisation the caller cannot see reads exactly like an unknown one; a visible one it may not write is refused as such', () => {
    const hidden = checkReturnRow(raw({ organisation: 'RX3' }), ctx).errors;
    const unknown = checkReturnRow(raw({ organisation: 'NOPE' }), ctx).errors;
    expect(hidden).toEqual([{ field: 'organisation', message: 'no organisation with ODS code or id RX3' }]);
    expect(unknown).toEqual([{ field: 'organisation', message: 'no organisation with ODS code or id NOPE' }]);
    expect(checkReturnRow(raw({ organisation: 'RX2' }), ctx).errors).toEqual([{ field: 'organisation', message: 'you may not submit benchmark returns for RX2' }]);
  });

  it('reads the header in any order and names missing, unknown and repeated columns', () => {
    expect(headerColumns(['turnover', 'cost', 'function', 'financialYear', 'organisation']).columns).toEqual([4, 3, 2, 1, 0]);
    expect(headerColumns(['organisation', 'year', 'function', 'cost', 'cost']).errors).toEqual([
      { row: 1, field: 'financialYear', message: 'missing column financialYear' },
      { row: 1, field: 'turnover', message: 'missing column turnover' },
      { row: 1, field: 'year', message: 'unknown column year' },
      { row: 1, field: 'cost', message: 'column cost appears more than once' },
    ]);
  });
});
