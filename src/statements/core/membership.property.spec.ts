import fc from 'fast-check';
import { D } from '../../common/money';
import { daysInMonth, formatMonth } from '../../common/months';
import { DAYS_LCM, membershipDays, membershipFactor, scaledFactor } from './membership';

const dateArb = fc.record({ y: fc.integer({ min: 2020, max: 2030 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) }).map(({ y, m, d }) => {
  const month = formatMonth(y, m);
  return `${month}-${String(Math.min(d, daysInMonth(month))).padStart(2, '0')}`;
});
const monthArb = fc.record({ y: fc.integer({ min: 2020, max: 2030 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => formatMonth(y, m));
const memberArb = fc.tuple(dateArb, fc.option(dateArb, { nil: null })).map(([a, b]) => ({ joinedOn: a, leftOn: b === null || b < a ? null : b }));

describe('membership factor: properties', () => {
  it('is within 0..1 and equals days / days in month; scaledFactor is f × DAYS_LCM exactly', () => {
    fc.assert(
      fc.property(memberArb, monthArb, (member, month) => {
        const f = membershipFactor(member, month);
        expect(f.greaterThanOrEqualTo(0) && f.lessThanOrEqualTo(1)).toBe(true);
        const days = membershipDays(member, month);
        expect(days >= 0 && days <= daysInMonth(month)).toBe(true);
        const s = scaledFactor(member, month);
        expect(s.isInteger()).toBe(true);
        expect(s.equals(new D(days).times(DAYS_LCM).div(daysInMonth(month)))).toBe(true);
        const inside = month >= member.joinedOn.slice(0, 7) && (member.leftOn === null || month <= member.leftOn.slice(0, 7));
        expect(days > 0).toBe(inside);
      }),
      { numRuns: 1500 },
    );
  });
});
