import { D } from '../../common/money';
import { benchmark, benchmarkAll } from './benchmark';
import { formatBenchmark, formatKpi, formatNational } from './format';
import { discloseNationalSavings, disclosePeerGroup, disclosePeerViewRow, DEFAULT_MIN_PEER_GROUP, suppressionReason, type PeerGroupFigures } from './privacy';
import { ret } from './test-helpers';
import type { BenchmarkReturnInput } from './types';
import { WORKED_EXAMPLE_EXPECTED, WORKED_EXAMPLE_RETURNS } from './worked-example.fixture';

const RULES = { minPeerGroup: DEFAULT_MIN_PEER_GROUP, privileged: false };
const ADMIN = { minPeerGroup: DEFAULT_MIN_PEER_GROUP, privileged: true };

/** A peer group as the service answers it, naming only `named`. */
function answer(returns: readonly BenchmarkReturnInput[], named: Set<string>): PeerGroupFigures {
  const r = benchmark(returns);
  const dto = formatBenchmark(r);
  return {
    n: dto.n,
    average: dto.average,
    median: dto.median,
    lowerQuartile: dto.lowerQuartile,
    upperQuartile: dto.upperQuartile,
    min: formatKpi(r.min),
    max: formatKpi(r.max),
    totalSavingsPotential: r.totalSavingsPotential.toFixed(2),
    totalSavingsToLowerQuartile: r.totalSavingsToLowerQuartile.toFixed(2),
    items: r.items.map((it, i) => ({
      organisationId: named.has(it.organisationId) ? it.organisationId : null,
      organisationName: named.has(it.organisationId) ? it.organisationName : null,
      peer: `Peer ${it.rank}`,
      rank: it.rank,
      excluded: it.excluded,
      kpi: dto.items[i].kpi,
      savingsPotential: dto.items[i].savingsPotential,
      savingsToLowerQuartile: dto.items[i].savingsToLowerQuartile,
    })),
  };
}

describe('benchmark privacy (pure)', () => {
  it('suppressionReason: below the minimum for non-admins only; an empty group is no secret', () => {
    expect(suppressionReason(4, RULES)).toBe('peer group smaller than 5');
    expect(suppressionReason(5, RULES)).toBeNull();
    expect(suppressionReason(0, RULES)).toBeNull();
    expect(suppressionReason(2, ADMIN)).toBeNull();
  });

  it('an unnamed peer shows rank only: its turnover can no longer be derived from kpi and savingsToLowerQuartile', () => {
    const g = answer(WORKED_EXAMPLE_RETURNS, new Set(['T3']));
    // the leak: turnover = savingsToLowerQuartile × 100 / (kpi − lowerQuartile), exactly
    const leaky = g.items.find((it) => it.organisationId === null && new D(it.savingsToLowerQuartile!).gt(0))!;
    const derived = new D(leaky.savingsToLowerQuartile!).times(100).div(new D(leaky.kpi!).minus(g.lowerQuartile!));
    const truth = WORKED_EXAMPLE_RETURNS.find((x) => benchmark(WORKED_EXAMPLE_RETURNS).items.find((i) => i.rank === leaky.rank)!.organisationId === x.organisationId)!;
    expect(derived.toDecimalPlaces(0).toFixed(2)).toBe(truth.turnover);

    const d = disclosePeerGroup(g, RULES);
    expect(d.suppressed).toBeNull();
    for (const it of d.items.filter((x) => x.organisationId === null)) {
      expect([it.kpi, it.savingsPotential, it.savingsToLowerQuartile]).toEqual([null, null, null]);
      expect(it.rank).toBeGreaterThan(0);
    }
    const own = d.items.find((x) => x.organisationId === 'T3')!;
    expect(own.kpi).toBe(g.items.find((x) => x.organisationId === 'T3')!.kpi);
    // the group's statistics stay; min and max are another organisation's KPI unless named
    expect([d.average, d.median, d.lowerQuartile, d.upperQuartile]).toEqual([g.average, g.median, g.lowerQuartile, g.upperQuartile]);
    expect(d.min).toBe(g.items[0].organisationId === 'T3' ? g.min : null);
    expect(d.max).toBeNull();
    // 7 unnamed ≥ 5: the totals reveal nobody in particular
    expect(d.totalSavingsPotential).toBe(g.totalSavingsPotential);
  });

  it('withholds the totals when all but fewer than the minimum are named', () => {
    const ids = WORKED_EXAMPLE_RETURNS.map((r) => r.organisationId);
    const d = disclosePeerGroup(answer(WORKED_EXAMPLE_RETURNS, new Set(ids.slice(0, 7))), RULES);
    expect([d.totalSavingsPotential, d.totalSavingsToLowerQuartile]).toEqual([null, null]);
    const all = disclosePeerGroup(answer(WORKED_EXAMPLE_RETURNS, new Set(ids)), RULES);
    expect(all.totalSavingsPotential).toBe('2150000.00');
  });

  it('a group of 2 shows no statistics and no items to a non-admin, and says why', () => {
    const two = [ret('T1', '700000.00', '100000000.00'), ret('T2', '1000000.00', '200000000.00')];
    const d = disclosePeerGroup(answer(two, new Set(['T1'])), RULES);
    expect(d).toMatchObject({
      n: 2,
      suppressed: 'peer group smaller than 5',
      average: null,
      median: null,
      lowerQuartile: null,
      upperQuartile: null,
      min: null,
      max: null,
      totalSavingsPotential: null,
      totalSavingsToLowerQuartile: null,
      items: [],
    });
  });

  it('admins see everything: the worked example to the penny', () => {
    const g = answer(WORKED_EXAMPLE_RETURNS, new Set(WORKED_EXAMPLE_RETURNS.map((r) => r.organisationId)));
    const d = disclosePeerGroup(g, ADMIN);
    expect(d).toEqual({ ...g, suppressed: null });
    expect(d.items.map((it) => [it.organisationId, it.kpi, it.savingsPotential, it.savingsToLowerQuartile])).toEqual(
      WORKED_EXAMPLE_EXPECTED.items.map((it) => [it.organisationId, it.kpi, it.savingsPotential, it.savingsToLowerQuartile]),
    );
    const two = answer([ret('T1', '700000.00'), ret('T2', '1000000.00')], new Set());
    expect(disclosePeerGroup(two, ADMIN).average).toBe('0.8500');
  });

  it('a peer-view row below the minimum keeps only the organisation’s own KPI', () => {
    const row = {
      n: 3,
      kpi: '2.0000',
      rank: 1,
      average: '4.0000',
      median: '3.0000',
      lowerQuartile: '2.5000',
      upperQuartile: '5.0000',
      savingsPotential: '0.00',
      savingsToLowerQuartile: '0.00',
    };
    expect(disclosePeerViewRow(row, RULES)).toEqual({
      ...row,
      rank: null,
      average: null,
      median: null,
      lowerQuartile: null,
      upperQuartile: null,
      savingsPotential: null,
      savingsToLowerQuartile: null,
      suppressed: 'peer group smaller than 5',
    });
    expect(disclosePeerViewRow(row, ADMIN)).toEqual({ ...row, suppressed: null });
    expect(disclosePeerViewRow({ ...row, n: 5 }, RULES)).toEqual({ ...row, n: 5, suppressed: null });
  });

  it('national totals leave out groups smaller than the minimum for non-admins', () => {
    const returns = [
      ...WORKED_EXAMPLE_RETURNS,
      ret('T1', '700000.00', '100000000.00', { function: 'hr' }),
      ret('T2', '1000000.00', '200000000.00', { function: 'hr' }),
      ret('P1', '1000000.00', '50000000.00', { organisationType: 'pct' }),
    ];
    const results = benchmarkAll(returns);
    const open = discloseNationalSavings('2024/25', results, ADMIN);
    expect(open.suppressedGroups).toBe(0);
    expect(formatNational(open).byType.map((t) => [t.organisationType, t.organisations, t.savingsPotential])).toEqual([
      ['acute_trust', 8, '2250000.00'],
      ['pct', 1, '0.00'],
    ]);
    const closed = discloseNationalSavings('2024/25', results, RULES);
    expect([closed.suppressedGroups, closed.suppressed]).toEqual([2, '2 peer group(s) smaller than 5 left out']);
    const dto = formatNational(closed);
    expect(dto.byType.map((t) => [t.organisationType, t.organisations, t.returns, t.savingsPotential])).toEqual([['acute_trust', 8, 8, '2150000.00']]);
    expect(dto.byFunction.hr).toBe('0.00');
  });
});
