import { D } from '../../common/money';
import { benchmarkAll } from './benchmark';
import { formatPeerView } from './format';
import { peerView, peerViewFromReturns } from './peer-view';
import { ret } from './test-helpers';
import { BENCHMARK_FUNCTIONS, BenchmarkError, type BenchmarkFunction, type BenchmarkReturnInput } from './types';
import { WORKED_EXAMPLE_RETURNS } from './worked-example.fixture';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof BenchmarkError ? e.code : `not a BenchmarkError: ${String(e)}`;
  }
  return undefined;
}

/**
 * Like the seeds' "Example Acute Foundation Trust": X (turnover £200m) against three peers (turnover
 * £100m each) in six functions; no return for payroll. Peer KPIs per function are 0.5, 1.0, 1.5 so
 * with n = 4 (k = 1) the average is the mean of the middle two.
 */
const X_KPI: Partial<Record<BenchmarkFunction, string>> = {
  finance: '1.10', // peers 0.5 1.0 1.5 + 1.1 → middle 1.0, 1.1 → avg 1.05 → (0.05%) × 200m = 100000
  hr: '0.79', // 0.5 0.79 1.0 1.5 → middle 0.79, 1.0 → avg 0.895 → X below: 0
  imt: '0.90', // 0.5 0.9 1.0 1.5 → avg 0.95 → 0
  procurement: '0.28', // 0.28 0.5 1.0 1.5 → avg 0.75 → 0
  estates: '2.00', // 0.5 1.0 1.5 2.0 → avg 1.25 → 0.75% × 200m = 1500000
  governance_risk: '0.18',
};

function returns(): BenchmarkReturnInput[] {
  const rs: BenchmarkReturnInput[] = [];
  for (const fn of BENCHMARK_FUNCTIONS) {
    const over = { organisationType: 'acute_foundation_trust' as const, function: fn };
    ['0.5', '1.0', '1.5'].forEach((k, i) => {
      // cost = KPI% × £100m
      const cost = new D(k).times(1000000).toFixed(2);
      rs.push({ ...ret(`p${i}`, cost, '100000000.00', over), organisationName: `Peer ${i}` });
    });
    const kx = X_KPI[fn];
    if (kx) {
      const cost = new D(kx).times(2000000).toFixed(2);
      rs.push({ ...ret('x', cost, '200000000.00', over), organisationName: 'Example Acute Foundation Trust' });
    }
  }
  return rs;
}

describe('peerView', () => {
  const all = [...returns(), ...WORKED_EXAMPLE_RETURNS, ret('x', '1.00', '100.00', { financialYear: '2023/24' })];
  const v = peerViewFromReturns('x', '2024/25', all);

  it('lists the seven functions in order, with the KPI and savings of the organisation', () => {
    expect(v).toMatchObject({
      organisationId: 'x',
      organisationName: 'Example Acute Foundation Trust',
      organisationType: 'acute_foundation_trust',
      financialYear: '2024/25',
    });
    expect(v.functions.map((f) => f.function)).toEqual([...BENCHMARK_FUNCTIONS]);
    const dto = formatPeerView(v);
    expect(dto.functions.map((f) => [f.function, f.kpi, f.savingsPotential])).toEqual([
      ['finance', '1.1000', '100000.00'],
      ['hr', '0.7900', '0.00'],
      ['imt', '0.9000', '0.00'],
      ['procurement', '0.2800', '0.00'],
      ['estates', '2.0000', '1500000.00'],
      ['payroll', null, null],
      ['governance_risk', '0.1800', '0.00'],
    ]);
    expect(dto.totalSavingsPotential).toBe('1600000.00');
  });

  it('shows the peer group figures, rank and Hackett comparators per function', () => {
    const fin = v.functions[0];
    expect([fin.submitted, fin.n, fin.trimmed, fin.rank]).toEqual([true, 4, 1, 3]);
    expect([fin.average, fin.median, fin.lowerQuartile, fin.upperQuartile].map(String)).toEqual([
      '1.05',
      '1.05',
      // QUARTILE.INC of 0.5 1.0 1.1 1.5: h = 0.75 → 0.875; h = 2.25 → 1.2
      '0.875',
      '1.2',
    ]);
    // (1.1 − 0.875)% × £200m
    expect(fin.savingsToLowerQuartile?.toFixed(2)).toBe('450000.00');
    expect(fin.hackett?.median.toString()).toBe('1.157');
    expect(v.functions[4].hackett).toBeNull();
  });

  it('lists a function without a return with the peers but no KPI', () => {
    const pay = v.functions.find((f) => f.function === 'payroll')!;
    expect(pay.submitted).toBe(false);
    expect(pay.n).toBe(3);
    expect(pay.average?.toString()).toBe('1');
    expect([pay.kpi, pay.rank, pay.savingsPotential, pay.savingsToLowerQuartile]).toEqual([null, null, null, null]);
  });

  it('reports n = 0 and nulls where the type has no peer group at all', () => {
    const only = peerViewFromReturns('T1', '2024/25', WORKED_EXAMPLE_RETURNS);
    expect(only.functions[0].n).toBe(8);
    const hr = only.functions[1];
    expect([hr.n, hr.submitted, hr.average, hr.median, hr.hackett]).toEqual([0, false, null, null, null]);
    expect(formatPeerView(only).totalSavingsPotential).toBe('0.00');
    expect(formatPeerView(peerViewFromReturns('T8', '2024/25', WORKED_EXAMPLE_RETURNS)).totalSavingsPotential).toBe('912500.00');
  });

  it('refuses an organisation with no return in the year and contradictory input', () => {
    expect(codeOf(() => peerViewFromReturns('nobody', '2024/25', all))).toBe('organisation_not_found');
    expect(codeOf(() => peerViewFromReturns('x', '2022/23', all))).toBe('organisation_not_found');
    const results = benchmarkAll(all);
    const dup = results.find((r) => r.financialYear === '2024/25')!;
    expect(codeOf(() => peerView('x', '2024/25', [...results, dup]))).toBe('duplicate_peer_group');
    const twoTypes = [ret('o', '1.00', '100.00'), ret('o', '1.00', '100.00', { organisationType: 'icb', function: 'hr' })];
    expect(codeOf(() => peerViewFromReturns('o', '2024/25', twoTypes))).toBe('mixed_peer_group');
  });
});
