import fc from 'fast-check';
import { bankHolidays, easterSunday, isBankHoliday, isWeekend, isWorkingDay, lastWorkingDay, nthWorkingDay, workingDaysBefore, workingDaysOf } from './working-days';

describe('bank holidays in England and Wales', () => {
  // gov.uk/bank-holidays, as published
  const published: Record<number, string[]> = {
    2022: ['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27'],
    2023: ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26'],
    2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
    2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
    2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
    2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
  };
  it.each(Object.keys(published).map(Number))('%i matches gov.uk', (year) => {
    expect(bankHolidays(year)).toEqual(published[year]);
  });

  it('Easter Sunday by the Gregorian algorithm', () => {
    expect(['2024', '2025', '2026', '2027', '2038', '2285'].map((y) => easterSunday(Number(y)))).toEqual([
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2038-04-25',
      '2285-03-22',
    ]);
  });

  it('an extra date can be added', () => {
    expect(bankHolidays(2031, { extra: ['2031-07-04'] })).toContain('2031-07-04');
    expect(bankHolidays(2031)).not.toContain('2031-07-04');
  });

  it('Christmas on a Sunday: Boxing Day Monday, Christmas substitute Tuesday', () => {
    expect(bankHolidays(2033).slice(-2)).toEqual(['2033-12-26', '2033-12-27']);
  });
});

describe('working days', () => {
  it('the n-th working day of a month skips weekends and bank holidays', () => {
    expect(nthWorkingDay('2026-01', 1)).toBe('2026-01-02');
    expect(nthWorkingDay('2026-01', 5)).toBe('2026-01-08');
    expect(nthWorkingDay('2026-04', 1)).toBe('2026-04-01');
    expect(nthWorkingDay('2026-04', 3)).toBe('2026-04-07'); // 3 Good Friday, 6 Easter Monday
    expect(nthWorkingDay('2026-06', 1)).toBe('2026-06-01');
    expect(nthWorkingDay('2025-12', 20)).toBe('2025-12-30');
  });

  it('a month with fewer working days than n gives its last', () => {
    // April 2025: 22 weekdays less Good Friday and Easter Monday
    expect(workingDaysOf('2025-04')).toHaveLength(20);
    expect(nthWorkingDay('2025-04', 20)).toBe('2025-04-30');
    expect(workingDaysOf('2022-04').length).toBe(19);
    expect(nthWorkingDay('2022-04', 20)).toBe('2022-04-29');
    expect(lastWorkingDay('2026-12')).toBe('2026-12-31');
    expect(lastWorkingDay('2026-05')).toBe('2026-05-29');
  });

  it('working days before a date', () => {
    expect(workingDaysBefore('2026-01-08', 0)).toBe('2026-01-08');
    expect(workingDaysBefore('2026-01-08', 3)).toBe('2026-01-05');
    expect(workingDaysBefore('2026-01-05', 2)).toBe('2025-12-31'); // over the weekend and New Year's Day
    expect(workingDaysBefore('2026-04-07', 1)).toBe('2026-04-02'); // over Easter
    expect(workingDaysBefore('2026-04-04', 0)).toBe('2026-04-02'); // a Saturday: the working day before
  });

  it('rejects n out of range', () => {
    expect(() => nthWorkingDay('2026-01', 0)).toThrow();
    expect(() => workingDaysBefore('2026-01-05', -1)).toThrow();
  });
});

describe('working days (properties)', () => {
  const month = fc.record({ y: fc.integer({ min: 2000, max: 2100 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`);
  const date = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

  it('the n-th working day is in the month, never a weekend or a bank holiday, and grows with n', () => {
    fc.assert(
      fc.property(month, fc.integer({ min: 1, max: 19 }), (mo, n) => {
        const a = nthWorkingDay(mo, n);
        const b = nthWorkingDay(mo, n + 1);
        expect(a.startsWith(mo)).toBe(true);
        expect(isWeekend(a) || isBankHoliday(a)).toBe(false);
        expect(isWorkingDay(b)).toBe(true);
        expect(a <= b).toBe(true);
        if (n < 18) expect(a < b).toBe(true);
      }),
    );
  });

  it('working days before a date: a working day, not after it, and earlier as n grows', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 15 }), (d, n) => {
        const a = workingDaysBefore(d, n);
        const b = workingDaysBefore(d, n + 1);
        expect(isWorkingDay(a)).toBe(true);
        expect(a <= d).toBe(true);
        expect(b < a).toBe(true);
        // exactly n working days lie in (b, a]… i.e. a is one working day after b
        expect(workingDaysBefore(a, 1)).toBe(b);
      }),
    );
  });

  it('every year has eight bank holidays by rule, none on a weekend', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2030, max: 2200 }), (y) => {
        const days = bankHolidays(y, { changes: [] });
        expect(days).toHaveLength(8);
        for (const d of days) expect(isWeekend(d)).toBe(false);
      }),
    );
  });
});
