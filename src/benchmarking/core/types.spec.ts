import { BENCHMARK_FUNCTIONS, BenchmarkError, isBenchmarkFunction, isFinancialYear } from './types';

describe('benchmarking types', () => {
  it('lists the seven functions in the seeds column order', () => {
    expect(BENCHMARK_FUNCTIONS).toEqual(['finance', 'hr', 'imt', 'procurement', 'estates', 'payroll', 'governance_risk']);
  });

  it('recognises benchmark functions only', () => {
    for (const f of BENCHMARK_FUNCTIONS) expect(isBenchmarkFunction(f)).toBe(true);
    for (const f of ['legal', 'communications', 'other', '', 'Finance', undefined, 3]) {
      expect(isBenchmarkFunction(f)).toBe(false);
    }
  });

  it('accepts financial years "YYYY/YY" of consecutive years', () => {
    expect(isFinancialYear('2024/25')).toBe(true);
    expect(isFinancialYear('1999/00')).toBe(true);
    expect(isFinancialYear('2099/00')).toBe(true);
    for (const y of ['2024/26', '2024-25', '2024/2025', '24/25', '2024', '', null, 2024]) {
      expect(isFinancialYear(y)).toBe(false);
    }
  });

  it('BenchmarkError carries a code, a field and an organisation', () => {
    const e = new BenchmarkError('zero_turnover', 'turnover must be greater than zero', 'turnover', 'org-1');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(BenchmarkError);
    expect(e.name).toBe('BenchmarkError');
    expect(e.code).toBe('zero_turnover');
    expect(e.field).toBe('turnover');
    expect(e.organisationId).toBe('org-1');
    expect(e.message).toBe('turnover must be greater than zero');
  });
});
