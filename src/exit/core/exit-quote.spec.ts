import { CalculationError } from '../../statements/core/errors';
import { coopTerms, ledgerInput, member } from '../../statements/core/test-helpers';
import type { CooperativeExitTerms, CostEntryInput, LedgerInput } from '../../statements/core/types';
import { workedExampleExitTerms, workedExampleInput } from '../../statements/core/worked-example.fixture';
import { chargingMonths, exitQuote, formatExitQuote, type CooperativeExitQuoteDto } from './exit-quote';

const terms: CooperativeExitTerms = {
  model: 'cooperative',
  minimumTermMonths: 12,
  noticeMonths: 3,
  earlyTerminationPercent: '50',
  strandedCostMonths: 6,
  fixedCostPercent: '10',
  amortisationMonths: 10,
};
const monthly = (from: number, to: number, amount: string, year = 2025): CostEntryInput[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({
    id: `op-${year}-${from + i}`,
    month: `${year}-${String(from + i).padStart(2, '0')}`,
    category: 'operating' as const,
    amount,
    serviceLineId: 'S',
    attributableTo: null,
  }));
const coop = (input: LedgerInput, org: string, noticeDate: string, redundancyCosts?: string) =>
  formatExitQuote(exitQuote(input, terms, { organisationId: org, noticeDate, redundancyCosts })) as CooperativeExitQuoteDto;

describe('exit quote (domain.md §8)', () => {
  it('no complete month before the notice month is no_charging_history (C of the worked example)', () => {
    const run = () => exitQuote(workedExampleInput(), workedExampleExitTerms('cooperative'), { organisationId: 'C', noticeDate: '2025-06-01' });
    expect(run).toThrow(CalculationError);
    expect(run).toThrow(expect.objectContaining({ code: 'no_charging_history' }));
    // and in the very first month, for either model
    expect(() => exitQuote(workedExampleInput(), workedExampleExitTerms('cooperative'), { organisationId: 'B', noticeDate: '2025-04-30' })).toThrow(
      expect.objectContaining({ code: 'no_charging_history' }),
    );
    expect(() => exitQuote(workedExampleInput('commercial'), workedExampleExitTerms('commercial'), { organisationId: 'B', noticeDate: '2025-04-30' })).toThrow(
      expect.objectContaining({ code: 'no_charging_history' }),
    );
  });

  it('averages operating + fee over the last 12 complete months before the notice month', () => {
    const m = member('B', { joinedOn: '2024-01-01' });
    expect(chargingMonths(m, '2025-06')).toEqual([
      '2024-06',
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
    ]);
    expect(chargingMonths(member('B', { joinedOn: '2025-01-02' }), '2025-04')).toEqual(['2025-02', '2025-03']);
  });

  it('co-operative figures; investment and risk are not in the average; early months and amortisation', () => {
    const input = ledgerInput({
      members: [member('A', { isHost: true, joinedOn: '2025-01-01' }), member('B', { joinedOn: '2025-01-01' })],
      terms: coopTerms({ managementFeePercent: '10' }),
      costs: [
        ...monthly(1, 3, '2000.00'),
        { id: 'inv1', month: '2025-02', category: 'investment', amount: '1000.00', serviceLineId: null, attributableTo: null },
        { id: 'inv2', month: '2025-08', category: 'investment', amount: '1000.00', serviceLineId: null, attributableTo: null },
        { id: 'risk', month: '2025-02', category: 'risk', amount: '5000.00', serviceLineId: null, attributableTo: 'B' },
      ],
    });
    const q = coop(input, 'B', '2025-04-20');
    // B: 1000.00 + 100.00 a month; exit 2025-07; term ends 2025-12 → 5 early months
    // investment 500.00 from 2025-02: e = 6 (Feb..Jul) → 500 × 4 / 10 = 200.00; the August one is after the exit
    expect(q).toEqual({
      model: 'cooperative',
      exitMonth: '2025-07',
      minimumTermEndMonth: '2025-12',
      earlyMonths: 5,
      averageMonthlyCharge: '1100.00',
      earlyTermination: '2750.00',
      strandedCosts: '660.00',
      unrecoveredInvestment: '200.00',
      redundancyCosts: '0.00',
      total: '3610.00',
      remainingMembers: [{ organisationId: 'A', averageMonthlyIncrease: '1100.00' }],
    });
    // after the minimum term: no early months; fully amortised investment: nothing unrecovered
    const late = coop(input, 'B', '2026-02-01', '12.34');
    expect([late.earlyMonths, late.earlyTermination, late.unrecoveredInvestment, late.redundancyCosts]).toEqual([0, '0.00', '0.00', '12.34']);
    // the last 12 complete months are 2025-02..2026-01: January drops out → (1100 + 1100) / 12
    expect(late.averageMonthlyCharge).toBe('183.33');
  });

  it('the average is exact; every figure is rounded once from it', () => {
    const input = ledgerInput({
      members: [member('A', { isHost: true }), member('B'), member('C')],
      costs: [...monthly(4, 6, '100.00')],
    });
    // 100.00 over three: 33.34 to A (name), 33.33 to B and C; May has 100.02 → 33.34 each
    const q = coop({ ...input, costs: [...input.costs, ...monthly(5, 5, '0.02').map((c) => ({ ...c, id: 'x' }))] }, 'B', '2025-07-01');
    // B: Apr 33.33, May 33.34, Jun 33.33 → 100.00 / 3 = 33.3333…
    expect(q.averageMonthlyCharge).toBe('33.33');
    // exit 2025-10, term ends 2026-03 → 5 early months: 100.00 × 5 × 50 % / 3 = 83.333… → 83.33
    // (from the rounded average it would be 33.33 × 5 × 0.5 = 83.325 → 83.32)
    expect(q.earlyMonths).toBe(5);
    expect(q.earlyTermination).toBe('83.33');
    // 100.00 × 6 × 10 % / 3 = 20.00
    expect(q.strandedCosts).toBe('20.00');
  });

  it('remaining members: other members not gone by the notice date; shares that nobody can take are left out', () => {
    const input = ledgerInput({
      members: [member('A', { isHost: true }), member('B'), member('C', { leftOn: '2025-05-31' }), member('D', { joinedOn: '2025-09-01' })],
      serviceLines: [
        { id: 'S', code: 'SVC', recipientIds: null },
        { id: 'T', code: 'ONLY_B', recipientIds: ['B'] },
      ],
      costs: [...monthly(4, 5, '300.00'), { id: 't', month: '2025-04', category: 'operating', amount: '50.00', serviceLineId: 'T', attributableTo: null }],
    });
    const q = coop(input, 'B', '2025-06-15');
    // B: Apr 100.00 + 50.00 (T), May 100.00 → average 125.00; A alone absorbs S (C has gone); T has nobody else
    expect(q.averageMonthlyCharge).toBe('125.00');
    expect(q.remainingMembers).toEqual([
      { organisationId: 'A', averageMonthlyIncrease: '100.00' },
      { organisationId: 'D', averageMonthlyIncrease: '0.00' },
    ]);
  });

  it('commercial: contract year from the joining month to the exit month, schedule amount or 0', () => {
    const input = workedExampleInput('commercial');
    const q = (noticeDate: string) => formatExitQuote(exitQuote(input, workedExampleExitTerms('commercial'), { organisationId: 'B', noticeDate, redundancyCosts: '45000.00' }));
    expect(q('2025-09-30')).toEqual({ model: 'commercial', exitMonth: '2026-03', contractYear: 1, exitCharge: '120000.00', total: '120000.00' });
    expect(q('2025-10-01')).toEqual({ model: 'commercial', exitMonth: '2026-04', contractYear: 2, exitCharge: '80000.00', total: '80000.00' });
    expect(q('2026-10-01')).toEqual({ model: 'commercial', exitMonth: '2027-04', contractYear: 3, exitCharge: '0.00', total: '0.00' });
  });

  it('rejects exit terms of the other model, a bad date and an unknown member', () => {
    expect(() => exitQuote(workedExampleInput(), workedExampleExitTerms('commercial'), { organisationId: 'B', noticeDate: '2025-06-10' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => exitQuote(workedExampleInput(), terms, { organisationId: 'B', noticeDate: '2025-02-30' })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => exitQuote(workedExampleInput(), terms, { organisationId: 'Z', noticeDate: '2025-06-10' })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});
