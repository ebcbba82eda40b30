import { benchmarkAll } from './benchmark';
import { formatNational } from './format';
import { nationalSavings, nationalSavingsFromReturns } from './national';
import { ret } from './test-helpers';
import { BenchmarkError, type BenchmarkReturnInput } from './types';
import { WORKED_EXAMPLE_RETURNS } from './worked-example.fixture';

/** Acute trusts: the worked example (finance) plus an HR group; a PCT finance group; a 2023/24 group. */
const RETURNS: BenchmarkReturnInput[] = [
  ...WORKED_EXAMPLE_RETURNS,
  // acute HR, n = 2: avg of 0.5 and 0.7 = 0.6 → T1 saves 0.1% × £100m = 100000
  ret('T1', '700000.00', '100000000.00', { function: 'hr' }),
  ret('T2', '1000000.00', '200000000.00', { function: 'hr' }),
  // PCT finance, n = 3: KPIs 2, 3, 7 → avg 4 → P3 saves 3% × £50m = 1500000
  ret('P1', '1000000.00', '50000000.00', { organisationType: 'pct' }),
  ret('P2', '1500000.00', '50000000.00', { organisationType: 'pct' }),
  ret('P3', '3500000.00', '50000000.00', { organisationType: 'pct' }),
  // another year: ignored
  ret('Q1', '1.00', '10.00', { financialYear: '2023/24' }),
  ret('Q2', '9.00', '10.00', { financialYear: '2023/24' }),
];

describe('nationalSavings (seeds table 6)', () => {
  const n = nationalSavingsFromReturns('2024/25', RETURNS);

  it('sums the savings potential of every function by organisation type', () => {
    const dto = formatNational(n);
    expect(dto.financialYear).toBe('2024/25');
    expect(dto.byType.map((t) => [t.organisationType, t.organisations, t.returns, t.savingsPotential])).toEqual([
      ['acute_trust', 8, 10, '2250000.00'], // 2150000 (finance, §11) + 100000 (HR)
      ['pct', 3, 3, '1500000.00'],
    ]);
    expect(dto.byType[0].byFunction).toEqual({
      finance: '2150000.00',
      hr: '100000.00',
      imt: '0.00',
      procurement: '0.00',
      estates: '0.00',
      payroll: '0.00',
      governance_risk: '0.00',
    });
    expect(dto.byFunction.finance).toBe('3650000.00');
    expect(dto.byFunction.hr).toBe('100000.00');
    expect(dto.savingsPotential).toBe('3750000.00');
  });

  it('also totals the savings to the lower quartile', () => {
    // acute finance: 37500 + 125000 + 168750 + 531250 + 1237500 + 1012500 = 3112500
    // acute HR: Q1 of 0.5, 0.7 = 0.55 → T1 (0.15% × £100m) = 150000
    // PCT finance: Q1 of 2, 3, 7 = 2.5 → P2 0.5% × 50m = 250000, P3 4.5% × 50m = 2250000
    const dto = formatNational(n);
    expect(dto.byType.map((t) => t.savingsToLowerQuartile)).toEqual(['3262500.00', '2500000.00']);
    expect(dto.savingsToLowerQuartile).toBe('5762500.00');
  });

  it('is the sum of the peer groups and ignores other years', () => {
    const results = benchmarkAll(RETURNS);
    expect(formatNational(nationalSavings('2024/25', results))).toEqual(formatNational(n));
    const old = formatNational(nationalSavings('2023/24', results));
    // 2023/24: KPIs 10% and 90%, average 50%; Q2 saves (90 − 50)% × £10 = £4.00
    expect(old.byType.map((t) => [t.organisationType, t.savingsPotential])).toEqual([['acute_trust', '4.00']]);
    const none = formatNational(nationalSavings('2030/31', results));
    expect(none.byType).toEqual([]);
    expect(none.savingsPotential).toBe('0.00');
  });

  it('refuses two results for the same peer group', () => {
    const results = benchmarkAll(RETURNS);
    expect(() => nationalSavings('2024/25', [...results, results[1]])).toThrow(BenchmarkError);
  });
});
