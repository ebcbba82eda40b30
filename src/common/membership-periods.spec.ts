import { findOverlap, overlaps } from './membership-periods';

describe('membership periods', () => {
  it('treats both ends as inclusive', () => {
    expect(overlaps({ joinedOn: '2025-04-01', leftOn: '2025-06-30' }, { joinedOn: '2025-06-30', leftOn: null })).toBe(true);
    expect(overlaps({ joinedOn: '2025-04-01', leftOn: '2025-06-30' }, { joinedOn: '2025-07-01', leftOn: null })).toBe(false);
  });
  it('an open period overlaps everything after its start', () => {
    expect(overlaps({ joinedOn: '2025-04-01', leftOn: null }, { joinedOn: '2030-01-01', leftOn: '2030-02-01' })).toBe(true);
    expect(overlaps({ joinedOn: '2025-04-01', leftOn: null }, { joinedOn: '2024-01-01', leftOn: '2025-03-31' })).toBe(false);
  });
  it('finds the clashing period', () => {
    const periods = [
      { id: 1, joinedOn: '2024-01-01', leftOn: '2024-12-31' },
      { id: 2, joinedOn: '2025-04-01', leftOn: null },
    ];
    expect(findOverlap(periods, { joinedOn: '2025-01-01', leftOn: null })?.id).toBe(2);
    expect(findOverlap(periods.slice(0, 1), { joinedOn: '2025-01-01', leftOn: null })).toBeUndefined();
  });
});
