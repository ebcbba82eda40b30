/** Properties of benefits against plan (domain.md §16). */
import fc from 'fast-check';
import { D } from '../../common/money';
import { addMonths, daysInMonth, formatMonth, monthRange } from '../../common/months';
import { DAYS_LCM } from '../../statements/core/membership';
import { benefits, guaranteedSavings, plannedSavings, type PlanRow } from './benefits';

const monthArb = fc.record({ y: fc.integer({ min: 2024, max: 2027 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => formatMonth(y, m));
const dateArb = fc.tuple(monthArb, fc.integer({ min: 1, max: 31 })).map(([m, d]) => `${m}-${String(Math.min(d, daysInMonth(m))).padStart(2, '0')}`);
const memberArb = fc.tuple(dateArb, fc.option(dateArb, { nil: null })).map(([a, b]) => ({ joinedOn: a, leftOn: b === null || b < a ? null : b }));
const pennies = (max: number) => fc.integer({ min: 0, max }).map((n) => new D(n).div(100).toFixed(2));
const pctArb = fc.option(
  fc.integer({ min: 0, max: 1000000 }).map((n) => new D(n).div(10000).toFixed(4)),
  { nil: null },
);
const planArb = fc.uniqueArray(
  fc.record({ financialYear: fc.constantFrom('2023/24', '2024/25', '2025/26', '2026/27', '2027/28'), plannedSavings: pennies(500000000), guaranteedPercent: pctArb }),
  { selector: (r) => r.financialYear, maxLength: 5 },
) as fc.Arbitrary<PlanRow[]>;
const rangeArb = fc
  .tuple(monthArb, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }))
  .map(([from, n, k]) => ({ from, to: addMonths(from, n), split: Math.min(k, n) }));
// an exact monthly baseline: whole pennies of annual baseline × f × DAYS_LCM (any non-negative integer numerator)
const baselineArb = fc.integer({ min: 0, max: 2000000000 }).map((n) => new D(n).times(DAYS_LCM).div(100).floor());

describe('benefits: properties', () => {
  it('planned and guaranteed over a split range equal the sum of the parts within a penny per part', () => {
    fc.assert(
      fc.property(memberArb, planArb, rangeArb, fc.array(baselineArb, { minLength: 31, maxLength: 31 }), (member, plan, { from, to, split }, bases) => {
        const months = monthRange(from, to);
        const cut = split + 1;
        const withBase = months.map((m, i) => ({ month: m, baselineScaled: bases[i] }));
        const whole = plannedSavings(member, plan, months);
        const parts = [months.slice(0, cut), months.slice(cut)].filter((p) => p.length);
        const sum = parts.reduce((acc, p) => acc.plus(plannedSavings(member, plan, p)), new D(0));
        expect(whole.minus(sum).abs().lessThanOrEqualTo(new D('0.01').times(parts.length))).toBe(true);
        const g = guaranteedSavings(plan, withBase);
        const gParts = [withBase.slice(0, cut), withBase.slice(cut)].filter((p) => p.length).map((p) => guaranteedSavings(plan, p));
        expect(g === null).toBe(gParts.every((x) => x === null));
        if (g !== null) {
          const gs = gParts.reduce<InstanceType<typeof D>>((acc, x) => (x === null ? acc : acc.plus(x)), new D(0));
          expect(g.minus(gs).abs().lessThanOrEqualTo(new D('0.01').times(parts.length))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('shortfall ≥ 0, shortfall ≥ guaranteed − savings, gap = savings − planned, and planned ≤ the year’s plan × months / 12 bound', () => {
    fc.assert(
      fc.property(memberArb, planArb, rangeArb, baselineArb, fc.integer({ min: -100000000, max: 100000000 }), (member, plan, { from, to }, base, sav) => {
        const months = monthRange(from, to).map((m) => ({ month: m, baselineScaled: base }));
        const savings = new D(sav).div(100);
        const b = benefits({ member, plan, months, savings });
        expect(b.savingsGap.equals(savings.minus(b.plannedSavings))).toBe(true);
        expect(b.plannedSavings.isNegative()).toBe(false);
        if (b.shortfall !== null) {
          expect(b.shortfall.isNegative()).toBe(false);
          expect(b.shortfall.greaterThanOrEqualTo(b.guaranteed!.minus(savings))).toBe(true);
        } else expect(b.guaranteed).toBeNull();
        const max = plan.reduce((acc, r) => D.max(acc, new D(r.plannedSavings)), new D(0));
        expect(b.plannedSavings.lessThanOrEqualTo(max.times(months.length).div(12).plus('0.01'))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
