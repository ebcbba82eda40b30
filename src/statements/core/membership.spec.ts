import { D } from '../../common/money';
import { DAYS_LCM, isCompleteMonth, memberDuring, membershipDays, membershipFactor, scaledFactor } from './membership';

const m = (joinedOn: string, leftOn: string | null = null) => ({ joinedOn, leftOn });

describe('membership factor (domain.md §3)', () => {
  it('joining on 16 May gives 16/31', () => {
    expect(membershipDays(m('2025-05-16'), '2025-05')).toBe(16);
    expect(membershipFactor(m('2025-05-16'), '2025-05').equals(new D(16).div(31))).toBe(true);
    expect(scaledFactor(m('2025-05-16'), '2025-05').equals(new D(DAYS_LCM).times(16).div(31))).toBe(true);
    expect(scaledFactor(m('2025-05-16'), '2025-05').isInteger()).toBe(true);
  });

  it('is 1 for whole months and 0 outside the membership', () => {
    expect(membershipFactor(m('2025-04-01'), '2025-05').toString()).toBe('1');
    expect(membershipFactor(m('2025-05-16'), '2025-04').toString()).toBe('0');
    expect(membershipFactor(m('2025-04-01', '2025-06-30'), '2025-07').toString()).toBe('0');
    expect(isCompleteMonth(m('2025-04-01'), '2025-04')).toBe(true);
    expect(isCompleteMonth(m('2025-04-02'), '2025-04')).toBe(false);
  });

  it('leaving mid-month: both dates inclusive', () => {
    expect(membershipDays(m('2025-04-01', '2025-06-10'), '2025-06')).toBe(10);
    expect(membershipFactor(m('2025-04-01', '2025-06-10'), '2025-06').equals(new D(1).div(3))).toBe(true);
    expect(membershipDays(m('2025-04-01', '2025-06-30'), '2025-06')).toBe(30);
    expect(membershipDays(m('2025-04-01', '2025-06-01'), '2025-06')).toBe(1);
  });

  it('joining and leaving in the same month', () => {
    expect(membershipDays(m('2025-05-10', '2025-05-20'), '2025-05')).toBe(11);
    expect(membershipDays(m('2025-05-10', '2025-05-10'), '2025-05')).toBe(1);
  });

  it('February in leap and common years', () => {
    expect(membershipFactor(m('2028-02-15'), '2028-02').equals(new D(15).div(29))).toBe(true);
    expect(membershipFactor(m('2027-02-15'), '2027-02').equals(new D(14).div(28))).toBe(true);
    expect(scaledFactor(m('2028-02-01'), '2028-02').toString()).toBe(String(DAYS_LCM));
  });

  it('left and rejoined: the days of every period count, the gap none', () => {
    const twice = { joinedOn: '2025-06-10', leftOn: null, earlierPeriods: [{ joinedOn: '2025-04-01', leftOn: '2025-05-05' }] };
    expect(membershipDays(twice, '2025-04')).toBe(30);
    expect(membershipDays(twice, '2025-05')).toBe(5);
    expect(membershipDays(twice, '2025-06')).toBe(21);
    // both periods in one month: left on the 5th, back on the 20th
    const sameMonth = { joinedOn: '2025-05-20', leftOn: null, earlierPeriods: [{ joinedOn: '2025-04-01', leftOn: '2025-05-05' }] };
    expect(membershipDays(sameMonth, '2025-05')).toBe(5 + 12);
    expect(isCompleteMonth(sameMonth, '2025-05')).toBe(false);
    expect(memberDuring(twice, '2025-05-06', '2025-06-09')).toBe(false);
    expect(memberDuring(twice, '2025-05-01', '2025-05-31')).toBe(true);
    expect(memberDuring(twice, '2025-07-01', '2025-07-31')).toBe(true);
    expect(memberDuring(m('2025-04-01', '2025-04-30'), '2025-05-01', '2025-05-31')).toBe(false);
  });
});
