/** Benefits against plan (domain.md §16) on the worked example of §11, with exact figures. */
import { D } from '../../common/money';
import { computeLedger } from '../../statements/core/charges';
import { monthParts } from '../../statements/core/month-parts';
import { buildStatement } from '../../statements/core/statement';
import { workedExampleInput, workedExampleMembers, type OrgKey } from '../../statements/core/worked-example.fixture';
import { benefits, consolidateBenefits, exactMonthlyBaselines, formatBenefits, guaranteedSavings, plannedSavings, shortfall, type PlanRow } from './benefits';

const PLAN: Record<OrgKey, PlanRow[]> = {
  A: [{ financialYear: '2025/26', plannedSavings: '960000.00', guaranteedPercent: null }],
  B: [{ financialYear: '2025/26', plannedSavings: '300000.00', guaranteedPercent: '10' }],
  C: [{ financialYear: '2025/26', plannedSavings: '120000.00', guaranteedPercent: '40' }],
};

function workedBenefits(org: OrgKey, from = '2025-04', to = '2025-05', plan = PLAN[org]) {
  const ledger = computeLedger(workedExampleInput(), from, to);
  const member = workedExampleMembers().find((m) => m.organisationId === org)!;
  const s = buildStatement(ledger, org, from, to);
  return formatBenefits(benefits({ member, plan, months: exactMonthlyBaselines(monthParts(ledger, org)), savings: s.savings }));
}

describe('benefits against plan (§16), worked example 2025-04..2025-05', () => {
  it('B: planned 300000.00 a year is 50000.00 over two whole months; ahead of plan; guaranteed 10% of 201666.67; no shortfall', () => {
    expect(workedBenefits('B')).toEqual({ plannedSavings: '50000.00', savingsGap: '24194.44', guaranteed: '20166.67', shortfall: '0.00' });
  });

  it('C joins 16 May: planned 120000.00 × 16/31 / 12 = 5161.29; guaranteed 40% of the exact baseline 32258.0645… = 12903.23; shortfall 12903.23 − 10545.77', () => {
    expect(workedBenefits('C')).toEqual({ plannedSavings: '5161.29', savingsGap: '5384.48', guaranteed: '12903.23', shortfall: '2357.46' });
  });

  it('A (host): planned 160000.00, behind plan by 33225.22; no guaranteed percentage → guaranteed and shortfall null', () => {
    expect(workedBenefits('A')).toEqual({ plannedSavings: '160000.00', savingsGap: '-33225.22', guaranteed: null, shortfall: null });
  });

  it('C in April (not yet a member): planned 0.00, guaranteed 0.00 (its year has a percentage, no baseline)', () => {
    expect(workedBenefits('C', '2025-04', '2025-04')).toEqual({ plannedSavings: '0.00', savingsGap: '0.00', guaranteed: '0.00', shortfall: '0.00' });
  });

  it('a member with no plan: planned 0.00, the gap is its savings, guaranteed null', () => {
    expect(workedBenefits('B', '2025-04', '2025-05', [])).toEqual({ plannedSavings: '0.00', savingsGap: '74194.44', guaranteed: null, shortfall: null });
  });

  it('the consolidated totals: planned and gap summed; guaranteed the sum of the non-null; shortfall the sum of the members’ shortfalls', () => {
    const t = consolidateBenefits((['A', 'B', 'C'] as const).map((o) => workedBenefits(o)));
    expect(t).toEqual({ plannedSavings: '215161.29', savingsGap: '-3646.30', guaranteed: '33069.90', shortfall: '2357.46' });
    expect(consolidateBenefits([workedBenefits('A')])).toEqual({ plannedSavings: '160000.00', savingsGap: '-33225.22', guaranteed: null, shortfall: null });
  });
});

describe('benefits over financial years', () => {
  const member = { joinedOn: '2025-04-01', leftOn: null };
  // 120000.00 a year of baseline: 10000.00 a month exactly (numerator 10000 × 12 × DAYS_LCM)
  const monthly = (m: string) => ({ month: m, baselineScaled: new D(120000).times(377580) });
  const plan: PlanRow[] = [
    { financialYear: '2025/26', plannedSavings: '120000.00', guaranteedPercent: '10' },
    { financialYear: '2026/27', plannedSavings: '240000.00', guaranteedPercent: '20.5' },
  ];

  it('each month uses its own year’s row: Feb–Mar at 10000.00 and Apr–May at 20000.00 planned', () => {
    expect(plannedSavings(member, plan, ['2026-02', '2026-03', '2026-04', '2026-05']).toFixed(2)).toBe('60000.00');
  });

  it('guaranteed spans years by month: 2 × 10000 × 10% + 2 × 10000 × 20.5% = 6100.00', () => {
    expect(guaranteedSavings(plan, ['2026-02', '2026-03', '2026-04', '2026-05'].map(monthly))!.toFixed(2)).toBe('6100.00');
  });

  it('a year with no row plans 0 and guarantees 0; guaranteed is null only when no month’s year has a percentage', () => {
    const only = [plan[1]];
    expect(plannedSavings(member, only, ['2026-03', '2026-04']).toFixed(2)).toBe('20000.00');
    expect(guaranteedSavings(only, ['2026-03', '2026-04'].map(monthly))!.toFixed(2)).toBe('2050.00');
    expect(guaranteedSavings([{ ...plan[0], guaranteedPercent: null }], ['2026-03'].map(monthly))).toBeNull();
  });

  it('guaranteed is rounded once, half to even: 1/3 of a penny per month does not add up to a penny of rounding error', () => {
    // baseline 0.01 a month at 33.3333 %: 3 × 0.00333333 = 0.0099999… → 0.01 (rounding per month would give 0.00)
    const tiny = (m: string) => ({ month: m, baselineScaled: new D('0.12').times(377580) });
    const p: PlanRow[] = [{ financialYear: '2025/26', plannedSavings: '0.00', guaranteedPercent: '33.3333' }];
    expect(guaranteedSavings(p, ['2025-04', '2025-05', '2025-06'].map(tiny))!.toFixed(2)).toBe('0.01');
  });

  it('shortfall: guaranteed above savings is the difference; at or below it is 0.00; negative savings widen it', () => {
    expect(shortfall(new D('1000.00'), new D('400.00'))!.toFixed(2)).toBe('600.00');
    expect(shortfall(new D('1000.00'), new D('1000.00'))!.toFixed(2)).toBe('0.00');
    expect(shortfall(new D('1000.00'), new D('1500.00'))!.toFixed(2)).toBe('0.00');
    expect(shortfall(new D('1000.00'), new D('-250.00'))!.toFixed(2)).toBe('1250.00');
    expect(shortfall(null, new D('5'))).toBeNull();
  });
});
