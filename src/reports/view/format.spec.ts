import fc from 'fast-check';
import {
  compareDecimal,
  formatDateLong,
  formatGbp,
  formatGeneratedAt,
  formatKpiValue,
  formatMonthLong,
  formatMonthRange,
  formatMonthShort,
  formatNumber,
  formatPercent,
  minusMoney,
  sumMoney,
} from './format';

describe('report formatting', () => {
  it('formats money as £ with thousands separators and pennies, from strings, without floats', () => {
    expect(formatGbp('127472.23')).toBe('£127,472.23');
    expect(formatGbp('1234.5')).toBe('£1,234.50');
    expect(formatGbp('0')).toBe('£0.00');
    expect(formatGbp('-0.00')).toBe('£0.00');
    expect(formatGbp('-543.45')).toBe('\u2212£543.45');
    expect(formatGbp('-543.45', { style: 'accounting' })).toBe('(£543.45)');
    expect(formatGbp('12345678901234.99')).toBe('£12,345,678,901,234.99');
    expect(formatGbp('999.995')).toBe('£1,000.00'); // half-even: ...995 → 1000.00 (5 after 9 → round to even 0 with carry)
    expect(formatGbp('0.125')).toBe('£0.12'); // half to even
    expect(formatGbp('0.135')).toBe('£0.14');
    expect(formatGbp('1234567.49', { pence: false })).toBe('£1,234,567');
    // 0.1 + 0.2 style float errors cannot happen: 90071992547409.93 exceeds double precision
    expect(formatGbp('90071992547409.93')).toBe('£90,071,992,547,409.93');
  });

  it('refuses what is not a decimal string', () => {
    expect(() => formatGbp('12,00')).toThrow(RangeError);
    expect(() => formatGbp('1e5')).toThrow(RangeError);
    expect(() => formatGbp(12 as unknown as string)).toThrow(RangeError);
  });

  it('round-trips any two-decimal amount: stripping £ and commas gives the input back', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (pennies) => {
        const neg = pennies < 0n;
        const abs = neg ? -pennies : pennies;
        const s = `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
        const out = formatGbp(s);
        expect(out).toMatch(/^\u2212?£\d{1,3}(,\d{3})*\.\d{2}$/);
        const back = out.replace('\u2212', '-').replace('£', '').replace(/,/g, '');
        expect(back === '-0.00' ? '0.00' : back).toBe(pennies === 0n ? '0.00' : s);
      }),
    );
  });

  it('formats numbers, KPI values and percentages', () => {
    expect(formatNumber('1234.5678', 1)).toBe('1,234.6');
    expect(formatNumber('-1234', 0)).toBe('\u22121,234');
    expect(formatKpiValue('99.5000')).toBe('99.5');
    expect(formatKpiValue('100', 'percent')).toBe('100%');
    expect(formatKpiValue('12', 'working_days')).toBe('12 working days');
    expect(formatKpiValue('1.0875', undefined, 2)).toBe('1.0875');
    expect(formatKpiValue('2', undefined, 2)).toBe('2.00');
    expect(formatPercent('5')).toBe('5%');
    expect(formatPercent('2.50')).toBe('2.5%');
    expect(formatPercent('36.789', 2)).toBe('36.79%');
    expect(formatPercent(null)).toBe('\u2013');
  });

  it('formats months, dates and ranges for people', () => {
    expect(formatMonthLong('2025-05')).toBe('May 2025');
    expect(formatMonthShort('2025-05')).toBe('May 25');
    expect(formatDateLong('2025-05-16')).toBe('16 May 2025');
    expect(formatMonthRange('2025-04', '2025-05')).toBe('April to May 2025');
    expect(formatMonthRange('2024-12', '2025-03')).toBe('December 2024 to March 2025');
    expect(formatMonthRange('2025-05', '2025-05')).toBe('May 2025');
  });

  it('formats the generation time in UK time with the zone', () => {
    expect(formatGeneratedAt(new Date('2025-06-03T13:05:00Z'))).toBe('3 June 2025 at 14:05 BST');
    expect(formatGeneratedAt(new Date('2025-01-10T09:07:00Z'))).toBe('10 January 2025 at 09:07 GMT');
  });

  it('adds and subtracts money strings exactly', () => {
    expect(sumMoney(['94486.12', '2362.16', '20620.84', '1546.56', '9000.00', '-543.45'])).toBe('127472.23');
    expect(minusMoney('201666.67', '127472.23')).toBe('74194.44');
    expect(sumMoney([])).toBe('0.00');
    expect(compareDecimal('10.10', '10.1')).toBe(0);
    expect(compareDecimal('-1', '0')).toBe(-1);
  });
});
