import { formatMoney, type Dec } from '../../common/money';
import { computeLedger, type Ledger } from './charges';
import { CalculationError } from './errors';
import { coopTerms, ledgerInput, member } from './test-helpers';
import type { CostEntryInput } from './types';

let seq = 0;
const cost = (month: string, category: CostEntryInput['category'], amount: string, serviceLineId: string | null = 'S', attributableTo: string | null = null): CostEntryInput => ({
  id: `e${++seq}`,
  month,
  category,
  amount,
  serviceLineId,
  attributableTo,
});
const f = (d: Dec) => formatMoney(d);
const line = (l: Ledger, month: string, org: string, lineId = 'S') => {
  const lc = l.byMonth.get(month)!.members.get(org)!.lines.get(lineId);
  return lc ? { operating: f(lc.operating), fee: f(lc.fee), credits: f(lc.credits) } : undefined;
};
const catch_ = (fn: () => unknown): CalculationError => {
  try {
    fn();
  } catch (e) {
    return e as CalculationError;
  }
  throw new Error('expected a CalculationError');
};

describe('charges, co-operative (domain.md §5)', () => {
  it("sums the month's operating entries of a line before allocating them once", () => {
    const l = computeLedger(ledgerInput({ costs: [cost('2025-04', 'operating', '0.01'), cost('2025-04', 'operating', '0.01')] }), '2025-04', '2025-04');
    // 0.02 over three equal members: the two pennies go to names Org A, Org B (ties → name ascending)
    expect([line(l, '2025-04', 'A')?.operating, line(l, '2025-04', 'B')?.operating, line(l, '2025-04', 'C')?.operating]).toEqual(['0.01', '0.01', '0.00']);
  });

  it('fee = managementFeePercent × operating, rounded once, allocated by the same weights; all of it is fee income', () => {
    const l = computeLedger(ledgerInput({ terms: coopTerms({ managementFeePercent: '2.5' }), costs: [cost('2025-04', 'operating', '1000.10')] }), '2025-04', '2025-04');
    // fee 25.0025 → 25.00; 1000.10 / 3 = 333.3666… → 333.37, 333.37, 333.36
    expect(line(l, '2025-04', 'A')).toEqual({ operating: '333.37', fee: '8.34', credits: '0.00' });
    expect(line(l, '2025-04', 'B')).toEqual({ operating: '333.37', fee: '8.33', credits: '0.00' });
    expect(line(l, '2025-04', 'C')).toEqual({ operating: '333.36', fee: '8.33', credits: '0.00' });
    expect(f(l.byMonth.get('2025-04')!.feeIncome)).toBe('25.00');
  });

  it('fixed shares × f', () => {
    const input = ledgerInput({
      members: [member('A', { isHost: true }), member('B'), member('C', { joinedOn: '2025-05-16' })],
      terms: coopTerms({ basis: 'fixed', fixedShares: { A: '50', B: '30', C: '20' } }),
      costs: [cost('2025-04', 'operating', '1000.00'), cost('2025-05', 'operating', '1000.00')],
    });
    const l = computeLedger(input, '2025-04', '2025-05');
    // April: C not a member → 50:30 → 625.00 / 375.00
    expect([line(l, '2025-04', 'A')?.operating, line(l, '2025-04', 'B')?.operating, line(l, '2025-04', 'C')]).toEqual(['625.00', '375.00', undefined]);
    // May: 50×31 : 30×31 : 20×16 = 1550 : 930 : 320 → 553.5714…, 332.1428…, 114.2857…;
    // truncated sum 999.99, the penny to the largest remainder (C's .57)
    expect([line(l, '2025-05', 'A')?.operating, line(l, '2025-05', 'B')?.operating, line(l, '2025-05', 'C')?.operating]).toEqual(['553.57', '332.14', '114.29']);
  });

  it('headcount basis named for one service line', () => {
    const input = ledgerInput({
      members: [member('A', { isHost: true, headcount: '6000' }), member('B', { headcount: '3500' }), member('C', { headcount: '2500.5' })],
      serviceLines: [
        { id: 'S', code: 'SVC', recipientIds: null },
        { id: 'H', code: 'HR', recipientIds: null },
      ],
      terms: coopTerms({ basis: 'turnover', serviceLineBases: { H: 'headcount' } }),
      costs: [cost('2025-04', 'operating', '12000.00', 'H'), cost('2025-04', 'operating', '3000.00', 'S')],
    });
    const l = computeLedger(input, '2025-04', '2025-04');
    // 12000 × 6000 / 12000.5 = 5999.75…, × 3500 → 3499.85…, × 2500.5 → 2500.39…
    expect(line(l, '2025-04', 'A', 'H')?.operating).toBe('5999.75');
    expect(line(l, '2025-04', 'B', 'H')?.operating).toBe('3499.85');
    expect(line(l, '2025-04', 'C', 'H')?.operating).toBe('2500.40');
    // S stays on the agreement basis (equal turnover)
    expect(line(l, '2025-04', 'A', 'S')?.operating).toBe('1000.00');
  });

  it('a member leaving mid-month pays for its days only, and nothing afterwards', () => {
    const input = ledgerInput({
      members: [member('A', { isHost: true }), member('B', { leftOn: '2025-06-10' })],
      costs: [cost('2025-06', 'operating', '3000.00'), cost('2025-07', 'operating', '3000.00')],
    });
    const l = computeLedger(input, '2025-06', '2025-07');
    // June: 30 : 10 days
    expect(line(l, '2025-06', 'A')?.operating).toBe('2250.00');
    expect(line(l, '2025-06', 'B')?.operating).toBe('750.00');
    expect(line(l, '2025-07', 'A')?.operating).toBe('3000.00');
    expect(line(l, '2025-07', 'B')).toBeUndefined();
  });

  it('a service line with named recipients is shared among them only', () => {
    const input = ledgerInput({
      serviceLines: [{ id: 'S', code: 'SVC', recipientIds: ['B', 'C'] }],
      costs: [cost('2025-04', 'operating', '100.00')],
    });
    const l = computeLedger(input, '2025-04', '2025-04');
    expect([line(l, '2025-04', 'A'), line(l, '2025-04', 'B')?.operating, line(l, '2025-04', 'C')?.operating]).toEqual([undefined, '50.00', '50.00']);
  });

  it('activity basis: volumes, and an error naming the line and month when all are 0', () => {
    const base = ledgerInput({ terms: coopTerms({ serviceLineBases: { S: 'activity' } }) });
    const ok = computeLedger(
      {
        ...base,
        costs: [cost('2025-04', 'operating', '100.00')],
        activity: [
          { serviceLineId: 'S', organisationId: 'A', month: '2025-04', volume: '3' },
          { serviceLineId: 'S', organisationId: 'B', month: '2025-04', volume: '1' },
        ],
      },
      '2025-04',
      '2025-04',
    );
    expect([line(ok, '2025-04', 'A')?.operating, line(ok, '2025-04', 'B')?.operating, line(ok, '2025-04', 'C')?.operating]).toEqual(['75.00', '25.00', '0.00']);

    const e = catch_(() =>
      computeLedger(
        { ...base, costs: [cost('2025-05', 'operating', '100.00')], activity: [{ serviceLineId: 'S', organisationId: 'A', month: '2025-05', volume: '0' }] },
        '2025-04',
        '2025-05',
      ),
    );
    expect(e).toBeInstanceOf(CalculationError);
    expect(e.code).toBe('activity_all_zero');
    expect(e.message).toContain('SVC');
    expect(e.message).toContain('2025-05');
    expect(e.details).toEqual({ serviceLineId: 'S', serviceLineCode: 'SVC', month: '2025-05' });
  });

  it('activity all 0 with no cost to share is fine', () => {
    const input = ledgerInput({ terms: coopTerms({ serviceLineBases: { S: 'activity' } }), costs: [cost('2025-04', 'operating', '0.00')] });
    expect(() => computeLedger(input, '2025-04', '2025-04')).not.toThrow();
  });

  it('Σw = 0 (no recipient is a member that month) is a zero_weights error naming the line and month', () => {
    const input = ledgerInput({
      members: [member('A', { isHost: true }), member('B', { leftOn: '2025-04-30' })],
      serviceLines: [{ id: 'S', code: 'SVC', recipientIds: ['B'] }],
      costs: [cost('2025-05', 'operating', '10.00')],
    });
    const e = catch_(() => computeLedger(input, '2025-05', '2025-05'));
    expect(e.code).toBe('zero_weights');
    expect(e.message).toMatch(/SVC.*2025-05/);
  });

  it("investment: by its service line's weights, or by the agreement basis over all members", () => {
    const input = ledgerInput({
      members: [member('A', { isHost: true, annualTurnover: '300.00' }), member('B', { annualTurnover: '100.00' }), member('C')],
      serviceLines: [{ id: 'S', code: 'SVC', recipientIds: ['A', 'B'] }],
      terms: coopTerms({ basis: 'turnover', serviceLineBases: { S: 'equal' } }),
      costs: [cost('2025-04', 'investment', '100.00', 'S'), cost('2025-04', 'investment', '1000.00', null)],
    });
    const mm = computeLedger(input, '2025-04', '2025-04').byMonth.get('2025-04')!.members;
    // S (equal over A, B): 50 / 50; no line (turnover 300 : 100 : 100000000): tiny shares for A and B
    expect(f(mm.get('A')!.investment)).toBe('50.00');
    expect(f(mm.get('B')!.investment)).toBe('50.00');
    expect(f(mm.get('C')!.investment)).toBe('1000.00');
  });

  it('risk: attributable to one member alone, otherwise shared like an investment', () => {
    const input = ledgerInput({ costs: [cost('2025-04', 'risk', '90.00', null, 'B'), cost('2025-04', 'risk', '30.00', null)] });
    const mm = computeLedger(input, '2025-04', '2025-04').byMonth.get('2025-04')!.members;
    expect(['A', 'B', 'C'].map((id) => [f(mm.get(id)!.attributedRisk), f(mm.get(id)!.sharedRisk)])).toEqual([
      ['0.00', '10.00'],
      ['90.00', '10.00'],
      ['0.00', '10.00'],
    ]);
  });

  it('negative corrections are allocated as −allocate(−T)', () => {
    const input = ledgerInput({ costs: [cost('2025-04', 'operating', '-100.00')] });
    const l = computeLedger(input, '2025-04', '2025-04');
    expect(['A', 'B', 'C'].map((id) => line(l, '2025-04', id)?.operating)).toEqual(['-33.34', '-33.33', '-33.33']);
  });

  it('rejects input it cannot share', () => {
    expect(catch_(() => computeLedger(ledgerInput({ costs: [cost('2025-04', 'operating', '1.00', 'nope')] }), '2025-04', '2025-04')).code).toBe('invalid_input');
    expect(catch_(() => computeLedger(ledgerInput({ costs: [cost('2025-04', 'operating', '1.00', null)] }), '2025-04', '2025-04')).code).toBe('invalid_input');
    expect(catch_(() => computeLedger(ledgerInput({ costs: [cost('2025-04', 'risk', '1.00', null, 'Z')] }), '2025-04', '2025-04')).code).toBe('invalid_input');
    expect(catch_(() => computeLedger(ledgerInput({ terms: { ...coopTerms(), basis: 'activity' as 'equal' } }), '2025-04', '2025-04')).code).toBe('invalid_input');
  });
});

describe('service credits (domain.md §7)', () => {
  const input = ledgerInput({
    terms: coopTerms({ managementFeePercent: '2.5' }),
    costs: ['2025-04', '2025-05', '2025-06'].map((m) => cost(m, 'operating', '3000.00')),
  });

  it('credit = percent × (operating + fee) over the period, rounded once, booked in its last month', () => {
    const l = computeLedger(
      { ...input, credits: [{ organisationId: 'B', serviceLineId: 'S', periodMonths: ['2025-04', '2025-05', '2025-06'], creditPercent: '3.3333' }] },
      '2025-06',
      '2025-06',
    );
    // B's charge: 3 × (1000.00 + 25.00) = 3075.00; 3.3333 % → 102.498975 → 102.50
    expect(line(l, '2025-06', 'B')).toEqual({ operating: '1000.00', fee: '25.00', credits: '-102.50' });
    expect(f(l.byMonth.get('2025-06')!.creditsFunded)).toBe('102.50');
  });

  it('a credit booked outside the range is not in the ledger', () => {
    const l = computeLedger({ ...input, credits: [{ organisationId: 'B', serviceLineId: 'S', periodMonths: ['2025-06'], creditPercent: '5' }] }, '2025-04', '2025-05');
    expect(line(l, '2025-05', 'B')?.credits).toBe('0.00');
  });

  it('the host earns no credits', () => {
    const l = computeLedger({ ...input, credits: [{ organisationId: 'A', serviceLineId: 'S', periodMonths: ['2025-04'], creditPercent: '5' }] }, '2025-04', '2025-04');
    expect(line(l, '2025-04', 'A')?.credits).toBe('0.00');
    expect(f(l.byMonth.get('2025-04')!.creditsFunded)).toBe('0.00');
  });

  it('a member that was not charged on the line gets no credit, and a net negative charge gives credit 0', () => {
    const neg = ledgerInput({ costs: [cost('2025-04', 'operating', '-300.00')] });
    const l = computeLedger(
      {
        ...neg,
        credits: [
          { organisationId: 'B', serviceLineId: 'S', periodMonths: ['2025-04'], creditPercent: '10' },
          { organisationId: 'C', serviceLineId: 'S', periodMonths: ['2025-05'], creditPercent: '10' },
        ],
      },
      '2025-04',
      '2025-05',
    );
    expect(line(l, '2025-04', 'B')?.credits).toBe('0.00');
    expect(line(l, '2025-05', 'C')).toBeUndefined();
  });
});

describe('charges, commercial (domain.md §6)', () => {
  const input = ledgerInput({
    members: [member('A', { isHost: true }), member('B', { joinedOn: '2025-04-16' })],
    terms: {
      model: 'commercial',
      prices: [
        { organisationId: 'A', serviceLineId: 'S', annualPrice: '1200.00' },
        { organisationId: 'B', serviceLineId: 'S', annualPrice: '1000.00' },
      ],
    },
    costs: [cost('2025-04', 'operating', '500.00'), cost('2025-04', 'investment', '70.00', null), cost('2025-04', 'risk', '30.00', null, 'B')],
    credits: [{ organisationId: 'B', serviceLineId: 'S', periodMonths: ['2025-04'], creditPercent: '10' }],
  });

  it('charges annual price × f / 12 rounded per month and line; costs are not passed on', () => {
    const l = computeLedger(input, '2025-04', '2025-04');
    const mm = l.byMonth.get('2025-04')!;
    expect(line(l, '2025-04', 'A')).toEqual({ operating: '100.00', fee: '0.00', credits: '0.00' });
    // 1000 × 15/30 / 12 = 41.666… → 41.67; credit 10 % → 4.17
    expect(line(l, '2025-04', 'B')).toEqual({ operating: '41.67', fee: '0.00', credits: '-4.17' });
    expect(f(mm.members.get('B')!.attributedRisk)).toBe('0.00');
    expect(f(mm.members.get('B')!.investment)).toBe('0.00');
    expect(f(mm.costs)).toBe('600.00');
    expect(f(mm.memberIncome)).toBe('37.50');
    expect(f(mm.feeIncome)).toBe('0.00');
  });
});
