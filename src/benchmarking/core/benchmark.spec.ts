import fc from 'fast-check';
import { D } from '../../common/money';
import { benchmark, benchmarkAll, hackettFor, HACKETT_COMPARATORS, trimCount } from './benchmark';
import { formatBenchmark } from './format';
import { pence, ret } from './test-helpers';
import { BENCHMARK_FUNCTIONS, BenchmarkError, type BenchmarkResult, type BenchmarkReturnInput } from './types';
import { WORKED_EXAMPLE_EXPECTED, WORKED_EXAMPLE_RETURNS, WORKED_EXAMPLE_ROWS, WORKED_EXAMPLE_TOTAL_SAVINGS } from './worked-example.fixture';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof BenchmarkError ? e.code : `not a BenchmarkError: ${String(e)}`;
  }
  return undefined;
}

/** turnover £100m, so KPI (%) = cost / £1m: a cost of "1500000.00" is a KPI of 1.5. */
const atKpi = (id: string, k: string) => ret(id, new D(k).times(1000000).toFixed(2));
const savingsById = (r: BenchmarkResult) => Object.fromEntries(r.items.map((i) => [i.organisationId, i.savingsPotential.toFixed(2)]));

describe('benchmark: the worked example of domain.md §11', () => {
  const r = benchmark(WORKED_EXAMPLE_RETURNS);

  it('trims k = 2 from each end of eight and averages the middle four to 1.0875', () => {
    expect(r.n).toBe(8);
    expect(r.trimmed).toBe(2);
    expect(r.average.toString()).toBe('1.0875');
    expect(r.items.filter((i) => i.excluded).map((i) => i.organisationId)).toEqual(['T1', 'T2', 'T7', 'T8']);
  });

  it('gives the savings potential of §11: T5 18750.00, T6 281250.00, T7 937500.00, T8 912500.00, the rest 0.00', () => {
    expect(savingsById(r)).toEqual({
      T1: '0.00',
      T2: '0.00',
      T3: '0.00',
      T4: '0.00',
      T5: '18750.00',
      T6: '281250.00',
      T7: '937500.00',
      T8: '912500.00',
    });
    expect(r.totalSavingsPotential.toFixed(2)).toBe(WORKED_EXAMPLE_TOTAL_SAVINGS);
  });

  it('gives median and quartiles checked by hand', () => {
    // sorted KPIs 0.8 0.95 1.0 1.05 1.1 1.2 1.4 2.0; QUARTILE.INC position h = (8 − 1) · p
    // Q1: h = 1.75 → 0.95 + 0.75 × (1.0 − 0.95) = 0.9875
    // median: h = 3.5 → 1.05 + 0.5 × (1.1 − 1.05) = 1.075
    // Q3: h = 5.25 → 1.2 + 0.25 × (1.4 − 1.2) = 1.25
    expect(r.lowerQuartile.toString()).toBe('0.9875');
    expect(r.median.toString()).toBe('1.075');
    expect(r.upperQuartile.toString()).toBe('1.25');
    expect(r.min.toString()).toBe('0.8');
    expect(r.max.toString()).toBe('2');
  });

  it('gives the savings to the lower quartile, (KPI − 0.9875) / 100 × turnover', () => {
    // T3 0.0125% × 300m = 37500; T4 0.0625% × 200m = 125000; T5 0.1125% × 150m = 168750;
    // T6 0.2125% × 250m = 531250; T7 0.4125% × 300m = 1237500; T8 1.0125% × 100m = 1012500
    expect(r.items.map((i) => [i.organisationId, i.savingsToLowerQuartile.toFixed(2)])).toEqual(WORKED_EXAMPLE_ROWS.map((row) => [row.code, row.savingsToLowerQuartile]));
  });

  it('lists items cheapest first with rank, KPI, cost and turnover, and the finance Hackett comparators', () => {
    expect(r.items.map((i) => i.organisationId)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8']);
    expect(r.items.map((i) => i.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(r.items.map((i) => i.kpi.toFixed(4))).toEqual(WORKED_EXAMPLE_ROWS.map((row) => row.kpi));
    expect(r.items[4].cost.toFixed(2)).toBe('1650000.00');
    expect(r.items[4].turnover.toFixed(2)).toBe('150000000.00');
    expect(r.items[4].organisationName).toBe('Trust T5');
    expect(r).toMatchObject({ organisationType: 'acute_trust', function: 'finance', financialYear: '2024/25' });
    expect(r.hackett?.median.toString()).toBe('1.157');
    expect(r.hackett?.bestInClass.toString()).toBe('0.609');
  });

  it('formats to the GET /benchmarks body of the fixture', () => {
    expect(formatBenchmark(r)).toEqual(WORKED_EXAMPLE_EXPECTED);
  });
});

describe('benchmark: small peer groups (k = floor(n / 4))', () => {
  it.each([
    [0, 0],
    [1, 0],
    [3, 0],
    [4, 1],
    [7, 1],
    [8, 2],
    [11, 2],
    [12, 3],
  ])('trimCount(%i) = %i', (n, k) => expect(trimCount(n)).toBe(k));

  it('n = 1: nothing trimmed, the average is its own KPI, no saving', () => {
    const r = benchmark([atKpi('a', '1.5')]);
    expect([r.n, r.trimmed, r.average.toString()]).toEqual([1, 0, '1.5']);
    expect([r.median, r.lowerQuartile, r.upperQuartile].map(String)).toEqual(['1.5', '1.5', '1.5']);
    expect(savingsById(r)).toEqual({ a: '0.00' });
    expect(r.items[0].excluded).toBe(false);
  });

  it('n = 2: nothing trimmed, the mean of both', () => {
    const r = benchmark([atKpi('b', '2'), atKpi('a', '1')]);
    expect([r.n, r.trimmed, r.average.toString()]).toEqual([2, 0, '1.5']);
    // b: (2 − 1.5)% × £100m
    expect(savingsById(r)).toEqual({ a: '0.00', b: '500000.00' });
  });

  it('n = 3: nothing trimmed, even the outlier counts', () => {
    const r = benchmark([atKpi('a', '1'), atKpi('b', '2'), atKpi('c', '6')]);
    expect([r.n, r.trimmed, r.average.toString()]).toEqual([3, 0, '3']);
    expect(savingsById(r)).toEqual({ a: '0.00', b: '0.00', c: '3000000.00' });
  });

  it('n = 4: one trimmed from each end', () => {
    const r = benchmark([atKpi('a', '1'), atKpi('b', '2'), atKpi('c', '3'), atKpi('d', '10')]);
    expect([r.n, r.trimmed, r.average.toString()]).toEqual([4, 1, '2.5']);
    expect(r.items.map((i) => i.excluded)).toEqual([true, false, false, true]);
    expect(savingsById(r)).toEqual({ a: '0.00', b: '0.00', c: '500000.00', d: '7500000.00' });
  });

  it('n = 5: one trimmed from each end, mean of three', () => {
    const r = benchmark(['1', '2', '3', '4', '100'].map((k, i) => atKpi(`o${i}`, k)));
    expect([r.n, r.trimmed, r.average.toString()]).toEqual([5, 1, '3']);
    expect(r.median.toString()).toBe('3');
    expect(savingsById(r)).toEqual({ o0: '0.00', o1: '0.00', o2: '0.00', o3: '1000000.00', o4: '97000000.00' });
  });

  it('n = 7: one trimmed from each end, mean of five', () => {
    const r = benchmark(['0.1', '1', '2', '3', '4', '5', '50'].map((k, i) => atKpi(`o${i}`, k)));
    expect([r.n, r.trimmed, r.average.toString()]).toEqual([7, 1, '3']);
    expect(r.items.filter((i) => i.excluded).map((i) => i.organisationId)).toEqual(['o0', 'o6']);
    // QUARTILE.INC, h = 6p: Q1 = x[1.5] = 1.5, median x[3] = 3, Q3 = x[4.5] = 4.5
    expect([r.lowerQuartile, r.median, r.upperQuartile].map(String)).toEqual(['1.5', '3', '4.5']);
  });

  it('a non-terminating average is kept exact: the savings come out to whole pounds', () => {
    // KPIs 1, 1, 2 (n = 3, k = 0): average 4/3 %; c saves (2 − 4/3)% × £300m = £2,000,000 exactly
    const r = benchmark([ret('a', '3000000.00', '300000000.00'), ret('b', '3000000.00', '300000000.00'), ret('c', '6000000.00', '300000000.00')]);
    expect(r.average.toFixed(4)).toBe('1.3333');
    expect(savingsById(r)).toEqual({ a: '0.00', b: '0.00', c: '2000000.00' });
  });

  it('rounds each saving once, half to even, on the exact value', () => {
    // KPIs 0, 1/1.5 % and 1/3 %: average 1/3 % (non-terminating); b saves exactly £0.005 → 0.00,
    // a decimal computation to 60 digits gets 0.00500…01 and would say 0.01
    const half = benchmark([ret('a', '0.00', '1.00'), ret('b', '0.01', '1.50'), ret('c', '0.01', '3.00')]);
    expect(savingsById(half)).toEqual({ a: '0.00', c: '0.00', b: '0.00' });
    // three times the costs: exactly £0.015 → 0.02
    const oneAndHalf = benchmark([ret('a', '0.00', '1.00'), ret('b', '0.03', '1.50'), ret('c', '0.03', '3.00')]);
    expect(savingsById(oneAndHalf)).toEqual({ a: '0.00', c: '0.00', b: '0.02' });
    // n = 2, KPIs 0 and x: the dear one saves half its cost: 0.025 → 0.02, 0.035 → 0.04
    expect(savingsById(benchmark([ret('a', '0.00'), ret('b', '0.05')])).b).toBe('0.02');
    expect(savingsById(benchmark([ret('a', '0.00'), ret('b', '0.07')])).b).toBe('0.04');
  });
});

describe('benchmark: ties', () => {
  it('sorts equal KPIs by organisationId, so the trimmed ones do not depend on input order', () => {
    const rows = [atKpi('d', '1'), atKpi('b', '1'), atKpi('c', '1'), atKpi('a', '1')];
    const r = benchmark(rows);
    expect(r.items.map((i) => i.organisationId)).toEqual(['a', 'b', 'c', 'd']);
    expect(r.items.map((i) => i.excluded)).toEqual([true, false, false, true]);
    expect(r.average.toString()).toBe('1');
    expect(savingsById(r)).toEqual({ a: '0.00', b: '0.00', c: '0.00', d: '0.00' });
    expect(benchmark([...rows].reverse())).toEqual(r);
  });

  it('equal KPIs from different costs and turnovers tie (the fraction is compared, not the text)', () => {
    const r = benchmark([ret('z', '1000000.00', '100000000.00'), ret('y', '3000000.00', '300000000.00'), atKpi('x', '5')]);
    expect(r.items.map((i) => i.organisationId)).toEqual(['y', 'z', 'x']);
    expect(r.items[0].kpi.eq(r.items[1].kpi)).toBe(true);
  });

  it('a return exactly on the average saves nothing', () => {
    const r = benchmark([atKpi('a', '1'), atKpi('b', '2'), atKpi('c', '3')]);
    expect(r.average.toString()).toBe('2');
    expect(savingsById(r).b).toBe('0.00');
  });
});

describe('benchmark: refusals', () => {
  it('refuses an empty peer group', () => {
    expect(codeOf(() => benchmark([]))).toBe('empty_peer_group');
  });

  it('refuses a zero or negative turnover and a negative cost, naming the organisation', () => {
    expect(codeOf(() => benchmark([atKpi('a', '1'), ret('b', '10.00', '0.00')]))).toBe('zero_turnover');
    expect(codeOf(() => benchmark([ret('b', '10.00', '-5.00')]))).toBe('negative_turnover');
    expect(codeOf(() => benchmark([atKpi('a', '1'), ret('b', '-10.00')]))).toBe('negative_cost');
    expect(() => benchmark([ret('b', '-10.00')])).toThrow(expect.objectContaining({ organisationId: 'b', field: 'cost' }));
  });

  it('refuses bad amounts, functions, years and ids', () => {
    expect(codeOf(() => benchmark([ret('a', '1.234')]))).toBe('invalid_amount');
    expect(codeOf(() => benchmark([ret('a', '1.00', '1.00', { function: 'legal' as never })]))).toBe('invalid_function');
    expect(codeOf(() => benchmark([ret('a', '1.00', '1.00', { financialYear: '2024-25' })]))).toBe('invalid_financial_year');
    expect(codeOf(() => benchmark([ret('', '1.00')]))).toBe('invalid_return');
    expect(codeOf(() => benchmark([ret('a', '1.00', '1.00', { organisationType: '' as never })]))).toBe('invalid_return');
  });

  it('refuses mixed peer groups and duplicate organisations', () => {
    expect(codeOf(() => benchmark([ret('a', '1.00'), ret('b', '1.00', '1.00', { function: 'hr' })]))).toBe('mixed_peer_group');
    expect(codeOf(() => benchmark([ret('a', '1.00'), ret('b', '1.00', '1.00', { financialYear: '2023/24' })]))).toBe('mixed_peer_group');
    expect(codeOf(() => benchmark([ret('a', '1.00'), ret('b', '1.00', '1.00', { organisationType: 'acute_foundation_trust' })]))).toBe('mixed_peer_group');
    expect(codeOf(() => benchmark([ret('a', '1.00'), ret('a', '2.00')]))).toBe('duplicate_return');
  });
});

describe('Hackett comparators (seeds table 7)', () => {
  it('has finance, HR, procurement and IT; none for the others', () => {
    expect(hackettFor('finance')).toEqual({ median: new D('1.157'), bestInClass: new D('0.609') });
    expect(hackettFor('hr')).toEqual({ median: new D('0.777'), bestInClass: new D('0.477') });
    expect(hackettFor('procurement')).toEqual({ median: new D('0.379'), bestInClass: new D('0.318') });
    expect(hackettFor('imt')).toEqual({ median: new D('2.252'), bestInClass: new D('1.496') });
    for (const f of ['estates', 'payroll', 'governance_risk'] as const) expect(hackettFor(f)).toBeNull();
    expect(Object.keys(HACKETT_COMPARATORS).sort()).toEqual([...BENCHMARK_FUNCTIONS].sort());
    expect(benchmark([ret('a', '1.00', '1.00', { function: 'estates' })]).hackett).toBeNull();
  });
});

describe('benchmarkAll', () => {
  it('splits returns into peer groups in year, type, function order', () => {
    const rs = [
      ret('a', '1.00', '100.00', { function: 'hr' }),
      ret('b', '2.00', '100.00', { organisationType: 'ambulance_trust' }),
      ret('c', '3.00', '100.00', { financialYear: '2023/24' }),
      ret('d', '4.00', '100.00'),
      ret('e', '5.00', '100.00'),
    ];
    const all = benchmarkAll(rs);
    expect(all.map((r) => [r.financialYear, r.organisationType, r.function, r.n])).toEqual([
      ['2023/24', 'acute_trust', 'finance', 1],
      ['2024/25', 'acute_trust', 'finance', 2],
      ['2024/25', 'acute_trust', 'hr', 1],
      ['2024/25', 'ambulance_trust', 'finance', 1],
    ]);
    expect(benchmarkAll([])).toEqual([]);
  });
});

describe('benchmark: size', () => {
  it('benchmarks a thousand returns with unrelated turnovers in well under a few seconds', () => {
    let seed = 2024n;
    const next = () => (seed = (seed * 6364136223846793005n + 1442695040888963407n) % (1n << 64n));
    const rs = Array.from({ length: 1000 }, (_, i) => ret(`o${String(i).padStart(4, '0')}`, pence(next() % 10n ** 10n), pence(10n ** 9n + (next() % 10n ** 12n))));
    const started = Date.now();
    const r = benchmark(rs);
    expect(Date.now() - started).toBeLessThan(10000);
    expect([r.n, r.trimmed]).toEqual([1000, 250]);
    expect(r.average.gte(r.items[250].kpi) && r.average.lte(r.items[749].kpi)).toBe(true);
  });
});

describe('benchmark: properties', () => {
  /** A peer group of 1..40 returns with distinct ids; costs from a small pool half the time so KPIs tie. */
  const group = fc
    .uniqueArray(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 6 }),
        cost: fc.oneof(fc.constantFrom(0n, 100n, 150000000n, 300000000n), fc.bigInt({ min: 0n, max: 10n ** 11n })),
        turnover: fc.oneof(fc.constantFrom(10000000000n, 30000000000n), fc.bigInt({ min: 1n, max: 10n ** 13n })),
      }),
      { selector: (r) => r.id, minLength: 1, maxLength: 40 },
    )
    .map((rows): BenchmarkReturnInput[] => rows.map((r) => ret(r.id, pence(r.cost), pence(r.turnover))));

  it('the average lies between the smallest and the largest KPI (and between the kept ones)', () => {
    fc.assert(
      fc.property(group, (rs) => {
        const r = benchmark(rs);
        expect(r.average.gte(r.min) && r.average.lte(r.max)).toBe(true);
        const kept = r.items.filter((i) => !i.excluded);
        expect(kept.length).toBe(r.n - 2 * r.trimmed);
        expect(r.average.gte(kept[0].kpi) && r.average.lte(kept[kept.length - 1].kpi)).toBe(true);
      }),
    );
  });

  it('savings are never negative and are whole pennies', () => {
    fc.assert(
      fc.property(group, (rs) => {
        for (const i of benchmark(rs).items) {
          for (const s of [i.savingsPotential, i.savingsToLowerQuartile]) {
            expect(s.isNegative()).toBe(false);
            expect(s.decimalPlaces()).toBeLessThanOrEqual(2);
          }
        }
      }),
    );
  });

  it('only returns above the average save, and none saves more than its cost', () => {
    fc.assert(
      fc.property(group, (rs) => {
        const r = benchmark(rs);
        for (const i of r.items) {
          if (i.savingsPotential.gt(0)) expect(i.kpi.gt(r.average)).toBe(true);
          if (i.kpi.lte(r.average)) expect(i.savingsPotential.isZero()).toBe(true);
          if (i.savingsToLowerQuartile.gt(0)) expect(i.kpi.gt(r.lowerQuartile)).toBe(true);
          expect(i.savingsPotential.lte(i.cost)).toBe(true);
          // the lower quartile never lies above the trimmed average, so moving to it saves at least as much
          expect(i.savingsToLowerQuartile.gte(i.savingsPotential)).toBe(true);
        }
        expect(r.lowerQuartile.lte(r.average)).toBe(true);
      }),
    );
  });

  it('the order of the input does not change the output', () => {
    const withShuffle = group.chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length })));
    fc.assert(
      fc.property(withShuffle, ([rs, shuffled]) => {
        const a = benchmark(rs);
        const b = benchmark(shuffled);
        expect(b).toEqual(a);
        expect(formatBenchmark(b)).toEqual(formatBenchmark(a));
      }),
    );
  });

  it('items are sorted by KPI then organisationId, ranks 1..n, 2k excluded at the ends', () => {
    fc.assert(
      fc.property(group, (rs) => {
        const r = benchmark(rs);
        r.items.forEach((it, idx) => {
          expect(it.rank).toBe(idx + 1);
          expect(it.excluded).toBe(idx < r.trimmed || idx >= r.n - r.trimmed);
          if (idx > 0) {
            const prev = r.items[idx - 1];
            const c = prev.kpi.cmp(it.kpi);
            expect(c < 0 || (c === 0 && prev.organisationId < it.organisationId)).toBe(true);
          }
        });
      }),
    );
  });
});
