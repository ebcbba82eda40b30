import { groupByMember, memberYearErrors, withNamesSorted } from './member-years';

describe('member years', () => {
  const rows = [
    { organisationId: 'b', financialYear: '2025', n: 1 },
    { organisationId: 'a', financialYear: '2026', n: 2 },
    { organisationId: 'b', financialYear: '2024', n: 3 },
  ];

  it('groups rows by organisation, keeping their order and mapping each', () => {
    const m = groupByMember(rows, (r) => r.n);
    expect([...m.entries()]).toEqual([
      ['b', [1, 3]],
      ['a', [2]],
    ]);
    expect(groupByMember([], (r) => r).size).toBe(0);
  });

  it('names the rows and sorts them by name, then organisation id, then year; an unknown name is empty', () => {
    const names = new Map([
      ['a', 'Zeta Trust'],
      ['b', 'Alpha Trust'],
      ['c', 'Alpha Trust'],
    ]);
    const out = withNamesSorted([...rows, { organisationId: 'c', financialYear: '2020', n: 4 }, { organisationId: 'x', financialYear: '2025', n: 5 }], names);
    expect(out.map((r) => [r.organisationName, r.organisationId, r.financialYear])).toEqual([
      ['', 'x', '2025'],
      ['Alpha Trust', 'b', '2024'],
      ['Alpha Trust', 'b', '2025'],
      ['Alpha Trust', 'c', '2020'],
      ['Zeta Trust', 'a', '2026'],
    ]);
    expect(rows[0]).not.toHaveProperty('organisationName'); // the rows given are not changed
  });

  it('names each item that is not a member, and each repeat of an earlier member and year', () => {
    const errors = memberYearErrors(
      [
        { organisationId: 'a', financialYear: '2025' },
        { organisationId: 'z', financialYear: '2025' },
        { organisationId: 'a', financialYear: '2025' },
        { organisationId: 'a', financialYear: '2026' },
        { organisationId: 'z', financialYear: '2025' },
      ],
      new Set(['a', 'b']),
    );
    expect(errors).toEqual([
      [],
      [{ field: 'items.1.organisationId', message: 'not a member of this consortium' }],
      [{ field: 'items.2', message: 'the same member and financial year as items.0' }],
      [],
      [
        { field: 'items.4.organisationId', message: 'not a member of this consortium' },
        { field: 'items.4', message: 'the same member and financial year as items.1' },
      ],
    ]);
  });
});
