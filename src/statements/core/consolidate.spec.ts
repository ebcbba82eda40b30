import fc from 'fast-check';
import { consolidate, CONSOLIDATED_LINES } from './consolidate';

const line = (over: Partial<Record<(typeof CONSOLIDATED_LINES)[number], string>> = {}) => ({
  operating: '0.00',
  fee: '0.00',
  investment: '0.00',
  sharedRisk: '0.00',
  attributedRisk: '0.00',
  credits: '0.00',
  charge: '0.00',
  baseline: '0.00',
  savings: '0.00',
  ...over,
});

describe('the consolidated statement (domain.md §13)', () => {
  it('sums every line of the members exactly, and takes savingsPercent of the totals', () => {
    const a = line({ operating: '100.10', fee: '2.50', credits: '-1.01', charge: '101.59', baseline: '150.00', savings: '48.41' });
    const b = line({ operating: '200.20', investment: '10.00', charge: '210.20', baseline: '200.00', savings: '-10.20' });
    expect(consolidate([a, b])).toEqual({
      operating: '300.30',
      fee: '2.50',
      investment: '10.00',
      sharedRisk: '0.00',
      attributedRisk: '0.00',
      credits: '-1.01',
      charge: '311.79',
      baseline: '350.00',
      savings: '38.21',
      savingsPercent: '10.92',
    });
  });

  it('no members, or no baseline: zeros and a null percent', () => {
    expect(consolidate([])).toMatchObject({ charge: '0.00', baseline: '0.00', savingsPercent: null });
    expect(consolidate([line({ charge: '5.00', savings: '-5.00' })]).savingsPercent).toBeNull();
  });

  it('property: each total is the exact sum of the members’ lines, in pence', () => {
    const pence = fc.integer({ min: -10_000_000_00, max: 10_000_000_00 });
    const money = pence.map((p) => `${p < 0 ? '-' : ''}${Math.floor(Math.abs(p) / 100)}.${String(Math.abs(p) % 100).padStart(2, '0')}`);
    const member = fc.record(Object.fromEntries(CONSOLIDATED_LINES.map((l) => [l, money])) as Record<(typeof CONSOLIDATED_LINES)[number], fc.Arbitrary<string>>);
    fc.assert(
      fc.property(fc.array(member, { maxLength: 12 }), (members) => {
        const totals = consolidate(members);
        for (const l of CONSOLIDATED_LINES) {
          const want = members.reduce((acc, m) => acc + BigInt(m[l].replace('.', '')), 0n);
          expect(BigInt(totals[l].replace('.', ''))).toBe(want);
        }
      }),
    );
  });
});
