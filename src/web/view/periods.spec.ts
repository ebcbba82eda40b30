import { monthChoices, queryValue, readPeriod, statementPeriods } from './periods';

describe('statementPeriods', () => {
  it('the demo: April to June 2025 closed → that quarter, and the financial year 2025/26 to June', () => {
    const p = statementPeriods({ startMonth: '2025-04', currentMonth: '2026-12', closed: ['2025-04', '2025-05', '2025-06'] });
    expect(p.lastClosedQuarter).toEqual({ from: '2025-04', to: '2025-06', text: 'April to June 2025' });
    expect(p.financialYearToDate).toEqual({ from: '2025-04', to: '2025-06', text: 'April to June 2025', financialYear: '2025/26' });
    expect(p.default).toEqual(p.lastClosedQuarter);
  });

  it('a quarter counts only when all its months are closed; the year to date runs to the last closed month', () => {
    const p = statementPeriods({ startMonth: '2025-04', currentMonth: '2026-12', closed: ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08'] });
    expect(p.lastClosedQuarter).toMatchObject({ from: '2025-04', to: '2025-06' });
    expect(p.financialYearToDate).toMatchObject({ from: '2025-04', to: '2025-08', text: 'April to August 2025' });
  });

  it('a consortium that started mid-quarter closes a short first quarter', () => {
    const p = statementPeriods({ startMonth: '2025-05', currentMonth: '2025-08', closed: ['2025-05', '2025-06'] });
    expect(p.lastClosedQuarter).toMatchObject({ from: '2025-05', to: '2025-06', text: 'May to June 2025' });
    expect(p.financialYearToDate).toMatchObject({ from: '2025-05', to: '2025-06' });
  });

  it('January to March is the last quarter of the financial year that began the April before', () => {
    const p = statementPeriods({ startMonth: '2024-10', currentMonth: '2025-05', closed: ['2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03', '2025-04'] });
    expect(p.lastClosedQuarter).toMatchObject({ from: '2025-01', to: '2025-03', text: 'January to March 2025' });
    expect(p.financialYearToDate).toMatchObject({ from: '2025-04', to: '2025-04', financialYear: '2025/26', text: 'April 2025' });
  });

  it('nothing closed: no quarter, no year to date; the default is the last quarter that has ended', () => {
    const p = statementPeriods({ startMonth: '2025-04', currentMonth: '2026-12', closed: [] });
    expect(p.lastClosedQuarter).toBeNull();
    expect(p.financialYearToDate).toBeNull();
    expect(p.default).toEqual({ from: '2026-07', to: '2026-09', text: 'July to September 2026' });
  });

  it('nothing closed and no quarter ended since the start: the start month to this month', () => {
    const p = statementPeriods({ startMonth: '2026-11', currentMonth: '2026-12', closed: [] });
    expect(p.default).toMatchObject({ from: '2026-11', to: '2026-12' });
  });
});

describe('monthChoices', () => {
  it('offers the start month to this month', () => {
    const c = monthChoices('2025-04', '2025-07');
    expect(c.map((x) => x.value)).toEqual(['2025-04', '2025-05', '2025-06', '2025-07']);
    expect(c[0].text).toBe('April 2025');
  });
});

describe('readPeriod', () => {
  const o = { startMonth: '2025-04', currentMonth: '2026-12', default: { from: '2025-04', to: '2025-06' } };

  it('no period asked for: the default', () => {
    expect(readPeriod({}, o)).toMatchObject({ period: { from: '2025-04', to: '2025-06' }, asked: false, errors: [] });
  });

  it('a good period', () => {
    expect(readPeriod({ from: '2025-05', to: '2025-09' }, o)).toMatchObject({ period: { from: '2025-05', to: '2025-09' }, asked: true, errors: [] });
  });

  it('from after to: an error on the last month', () => {
    const r = readPeriod({ from: '2025-07', to: '2025-04' }, o);
    expect(r.period).toBeNull();
    expect(r.errors).toEqual([{ id: 'to', message: 'The last month must be the same as the first month or after it' }]);
  });

  it('a month that is not one, outside the offered months, missing or repeated', () => {
    expect(readPeriod({ from: '2025-13', to: '2025-06' }, o).errors).toEqual([{ id: 'from', message: 'Select a first month between April 2025 and December 2026' }]);
    expect(readPeriod({ from: '2025-01', to: '2027-01' }, o).errors.map((e) => e.id)).toEqual(['from', 'to']);
    expect(readPeriod({ from: '2025-04' }, o).errors).toEqual([{ id: 'to', message: 'Select the last month' }]);
    expect(readPeriod({ from: ['2025-04', '2025-05'], to: '2025-06' }, o).errors.map((e) => e.id)).toEqual(['from']);
  });
});

describe('queryValue', () => {
  it('a string trimmed, an array as an empty string, absent as undefined', () => {
    expect(queryValue(' a ')).toBe('a');
    expect(queryValue(['a'])).toBe('');
    expect(queryValue(undefined)).toBeUndefined();
  });
});
