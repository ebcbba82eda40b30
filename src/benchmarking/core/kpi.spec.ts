import { D } from '../../common/money';
import { kpi, kpiRatio, parseAmount, parseCostAndTurnover } from './kpi';
import { Rational } from './rational';
import { BenchmarkError } from './types';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof BenchmarkError ? e.code : `not a BenchmarkError: ${String(e)}`;
  }
  return undefined;
}

describe('kpi = cost / turnover × 100', () => {
  it('computes the worked example KPIs exactly', () => {
    expect(kpi('800000.00', '100000000.00').toString()).toBe('0.8');
    expect(kpi('1900000.00', '200000000.00').toString()).toBe('0.95');
    expect(kpi('1650000.00', '150000000.00').toString()).toBe('1.1');
    expect(kpi('2000000.00', '100000000.00').toString()).toBe('2');
  });

  it('keeps non-terminating KPIs as exact fractions', () => {
    const k = kpiRatio('1000000.00', '300000000.00');
    expect(k.toString()).toBe('1/3');
    // KPI / 100 × turnover gives the cost back exactly
    expect(k.div(Rational.HUNDRED).mul(Rational.fromDecimal('300000000.00')).toDecimal().toFixed(2)).toBe('1000000.00');
    expect(kpi('1000000.00', '300000000.00').toFixed(4)).toBe('0.3333');
  });

  it('accepts a zero cost and Decimal inputs', () => {
    expect(kpi('0.00', '1.00').isZero()).toBe(true);
    expect(kpi(new D('5'), new D('1000')).toString()).toBe('0.5');
    expect(kpi('7', '7').toString()).toBe('100');
  });

  it('refuses a zero turnover', () => {
    expect(codeOf(() => kpi('1.00', '0.00'))).toBe('zero_turnover');
    expect(codeOf(() => kpi('0.00', '0'))).toBe('zero_turnover');
    expect(codeOf(() => kpi('0.00', '-0.00'))).toBe('zero_turnover');
  });

  it('refuses a negative turnover and a negative cost', () => {
    expect(codeOf(() => kpi('1.00', '-100.00'))).toBe('negative_turnover');
    expect(codeOf(() => kpi('-0.01', '100.00'))).toBe('negative_cost');
  });

  it('refuses amounts that are not money', () => {
    for (const bad of ['1.001', 'abc', '', '1e6', ' ', ' 1.00', 'NaN', '1,000.00']) {
      expect(codeOf(() => kpi(bad, '100.00'))).toBe('invalid_amount');
      expect(codeOf(() => kpi('1.00', bad))).toBe('invalid_amount');
    }
    expect(codeOf(() => kpi(new D('0.001'), '1.00'))).toBe('invalid_amount');
    expect(codeOf(() => kpi(new D(Infinity), '1.00'))).toBe('invalid_amount');
    expect(codeOf(() => kpi(12 as unknown as string, '1.00'))).toBe('invalid_amount');
  });

  it('names the field and the organisation in its errors', () => {
    expect(() => parseCostAndTurnover('1.00', '0.00', 'org-9')).toThrow(
      expect.objectContaining({ name: 'BenchmarkError', code: 'zero_turnover', field: 'turnover', organisationId: 'org-9' }),
    );
    expect(() => parseCostAndTurnover('-1.00', '1.00', 'org-9')).toThrow(expect.objectContaining({ code: 'negative_cost', field: 'cost', organisationId: 'org-9' }));
    expect(parseAmount('-0.00', 'cost').isNegative()).toBe(false);
  });
});
