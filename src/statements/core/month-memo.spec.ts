/** Months memoised across ledgers (charge-context.ts `MonthMemo`): the same figures, and only a changed month computed again. */
import fc from 'fast-check';
import type { BaseMonth, MonthMemo } from './charge-context';
import { computeLedger } from './charges';
import { buildStatements, formatStatement } from './statement';
import type { LedgerInput } from './types';
import { WORKED_EXAMPLE as EX, workedExampleInput } from './worked-example.fixture';

/** A Map-backed memo that counts what it computes. */
function countingMemo(): MonthMemo & { computed: string[] } {
  const kept = new Map<string, BaseMonth>();
  const computed: string[] = [];
  return {
    computed,
    get(key, compute) {
      const hit = kept.get(key);
      if (hit) return hit;
      const value = compute();
      computed.push(value.month);
      kept.set(key, value);
      return value;
    },
  };
}

const statementsOf = (input: LedgerInput, monthMemo?: MonthMemo) => buildStatements(computeLedger(input, EX.from, EX.to, { monthMemo })).map(formatStatement);

describe('month memo', () => {
  it.each(['cooperative', 'commercial'] as const)('%s: the worked example is the same with the memo, and a second ledger computes no month', (model) => {
    const memo = countingMemo();
    const input = workedExampleInput(model);
    expect(statementsOf(input, memo)).toEqual(statementsOf(input));
    const first = memo.computed.length;
    expect(first).toBe(2);
    expect(statementsOf(workedExampleInput(model), memo)).toEqual(statementsOf(input));
    expect(memo.computed).toHaveLength(first);
  });

  it('a new cost entry computes its own month again, and only that one', () => {
    const memo = countingMemo();
    statementsOf(workedExampleInput(), memo);
    memo.computed.length = 0;
    const changed = workedExampleInput();
    changed.costs.push({ id: 'new', month: '2025-05', category: 'operating', amount: '1000.00', serviceLineId: 'FIN', attributableTo: null });
    expect(statementsOf(changed, memo)).toEqual(statementsOf(changed));
    expect(memo.computed).toEqual(['2025-05']);
  });

  it('a member change, a new agreement version or activity reaches every month it touches', () => {
    const memo = countingMemo();
    statementsOf(workedExampleInput(), memo);
    memo.computed.length = 0;
    const later = workedExampleInput();
    later.termVersions = [
      { effectiveFrom: EX.from, terms: later.terms },
      { effectiveFrom: '2025-05', terms: { ...later.terms, managementFeePercent: '9' } as typeof later.terms },
    ];
    expect(statementsOf(later, memo)).toEqual(statementsOf(later));
    expect(memo.computed).toEqual(['2025-05']);

    memo.computed.length = 0;
    const repriced = workedExampleInput();
    repriced.members = repriced.members.map((m) => (m.organisationId === 'B' ? { ...m, annualTurnover: '1' } : m));
    expect(statementsOf(repriced, memo)).toEqual(statementsOf(repriced));
    expect([...memo.computed].sort()).toEqual(['2025-04', '2025-05']);

    memo.computed.length = 0;
    const busier = workedExampleInput();
    busier.activity = busier.activity.map((a) => (a.month === '2025-04' ? { ...a, volume: String(Number(a.volume) + 7) } : a));
    expect(statementsOf(busier, memo)).toEqual(statementsOf(busier));
    expect(memo.computed).toEqual(['2025-04']);
  });

  it('property: after any one new cost entry, statements with the memo equal statements computed afresh', () => {
    const memo = countingMemo();
    statementsOf(workedExampleInput(), memo);
    fc.assert(
      fc.property(
        fc.constantFrom('2025-04', '2025-05'),
        fc.constantFrom<'operating' | 'investment' | 'risk'>('operating', 'investment', 'risk'),
        fc.constantFrom('FIN', 'PAY'),
        fc.integer({ min: 1, max: 10_000_000 }),
        (month, category, line, pennies) => {
          const input = workedExampleInput();
          input.costs.push({ id: 'x', month, category, amount: (pennies / 100).toFixed(2), serviceLineId: line, attributableTo: null });
          expect(statementsOf(input, memo)).toEqual(statementsOf(input));
        },
      ),
      { numRuns: 60 },
    );
  });
});
