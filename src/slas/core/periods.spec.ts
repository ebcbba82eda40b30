import { nextPeriod, periodEnded, periodOf, periodsEndingIn, periodsOverlapping, previousPeriod } from './periods';

describe('periods', () => {
  it('monthly: the month itself', () => {
    expect(periodOf('2025-05', 'monthly')).toEqual({ start: '2025-05', end: '2025-05', months: ['2025-05'] });
    expect(previousPeriod(periodOf('2025-01', 'monthly'), 'monthly').start).toBe('2024-12');
    expect(nextPeriod(periodOf('2025-12', 'monthly'), 'monthly').start).toBe('2026-01');
  });

  it.each([
    ['2025-04', '2025-04', '2025-06'],
    ['2025-05', '2025-04', '2025-06'],
    ['2025-06', '2025-04', '2025-06'],
    ['2025-07', '2025-07', '2025-09'],
    ['2025-09', '2025-07', '2025-09'],
    ['2025-10', '2025-10', '2025-12'],
    ['2025-12', '2025-10', '2025-12'],
    ['2026-01', '2026-01', '2026-03'], // Q4 of 2025/26: January–March
    ['2026-02', '2026-01', '2026-03'],
    ['2026-03', '2026-01', '2026-03'],
  ])('quarterly: %s is in %s..%s (UK financial quarters)', (m, start, end) => {
    const p = periodOf(m, 'quarterly');
    expect(p.start).toBe(start);
    expect(p.end).toBe(end);
    expect(p.months).toHaveLength(3);
    expect(p.months[0]).toBe(start);
    expect(p.months[2]).toBe(end);
  });

  it('quarterly previous and next cross the calendar year', () => {
    const q4 = periodOf('2026-02', 'quarterly');
    expect(previousPeriod(q4, 'quarterly')).toEqual({ start: '2025-10', end: '2025-12', months: ['2025-10', '2025-11', '2025-12'] });
    expect(nextPeriod(q4, 'quarterly').start).toBe('2026-04');
    expect(previousPeriod(periodOf('2025-04', 'quarterly'), 'quarterly').start).toBe('2025-01');
  });

  it('periodsEndingIn: only periods whose last month is in the range', () => {
    expect(periodsEndingIn('2025-04', '2025-06', 'monthly').map((p) => p.start)).toEqual(['2025-04', '2025-05', '2025-06']);
    expect(periodsEndingIn('2025-04', '2025-05', 'quarterly')).toEqual([]);
    expect(periodsEndingIn('2025-05', '2025-09', 'quarterly').map((p) => p.end)).toEqual(['2025-06', '2025-09']);
    expect(periodsEndingIn('2025-12', '2026-03', 'quarterly').map((p) => p.start)).toEqual(['2025-10', '2026-01']);
    expect(periodsEndingIn('2025-06', '2025-05', 'monthly')).toEqual([]);
  });

  it('periodsOverlapping: every period touching the range', () => {
    expect(periodsOverlapping('2025-05', '2025-07', 'quarterly').map((p) => p.start)).toEqual(['2025-04', '2025-07']);
  });

  it('periodEnded: only after the last day of the last month', () => {
    const may = periodOf('2025-05', 'monthly');
    expect(periodEnded(may, '2025-05-31')).toBe(false);
    expect(periodEnded(may, '2025-06-01')).toBe(true);
    const q = periodOf('2025-05', 'quarterly');
    expect(periodEnded(q, '2025-06-15')).toBe(false);
    expect(periodEnded(q, '2025-06-30')).toBe(false);
    expect(periodEnded(q, '2025-07-01')).toBe(true);
  });

  it('refuses a bad month or frequency', () => {
    expect(() => periodOf('2025-13', 'monthly')).toThrow();
    expect(() => periodOf('2025-01', 'weekly' as never)).toThrow(/frequency/);
  });
});
