import fc from 'fast-check';
import { appraise, netPresentCost, optionCosts, type AppraisalOption } from './appraisal';
import { Rational } from './discount';

const pennies = (max: number) => fc.integer({ min: 0, max }).map((p) => (p / 100).toFixed(2));
const rate = fc.integer({ min: 0, max: 1_000_000 }).map((x) => (x / 10_000).toString()); // 0..100, 4 decimals

const optionArb = (years: number): fc.Arbitrary<AppraisalOption> =>
  fc.record({
    name: fc.constant('O'),
    deliveryModel: fc.constant('joint_venture' as const),
    startYear: fc.integer({ min: 0, max: years - 1 }),
    annualRunningCost: pennies(10_000_000_00),
    oneOffCosts: fc.array(fc.record({ year: fc.integer({ min: 0, max: years - 1 }), amount: pennies(50_000_000_00) }), { maxLength: 4 }),
    optimismBiasPercent: fc.integer({ min: 0, max: 2_000_000 }).map((x) => (x / 10_000).toString()),
  });

const caseArb = fc.integer({ min: 1, max: 15 }).chain((years) => fc.record({ years: fc.constant(years), sq: pennies(10_000_000_00), option: optionArb(years) }));

/**
 * An independent exact npc: over the common denominator g_num^(N−1), Σ c_t · g_den^t · g_num^(N−1−t)
 * with c_t in pennies (times the bias denominator), then rounded half to even with integer arithmetic.
 */
function referenceNpc(costs: Rational[], ratePercent: string): string {
  const [i, f = ''] = ratePercent.split('.');
  const rScaled = BigInt(i + f.padEnd(4, '0')); // r × 10^4
  const gNum = 1_000_000n + rScaled; // (1 + r/100) × 10^6 = 10^6 + r × 10^4
  const gDen = 1_000_000n;
  const n = costs.length;
  let num = 0n;
  let den = 1n;
  costs.forEach((c, t) => {
    // num/den += c.num/c.den · gDen^t / gNum^t, all over gNum^(n−1)
    const term = c.num * gDen ** BigInt(t) * gNum ** BigInt(n - 1 - t);
    num = num * c.den + term * den;
    den = den * c.den;
  });
  den = den * gNum ** BigInt(n - 1);
  const a = num * 100n;
  let q = a / den;
  const twice = (a % den) * 2n;
  if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  const s = q.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

describe('options appraisal properties', () => {
  it('npc falls as r rises for positive costs (strictly when a later year costs anything)', () => {
    fc.assert(
      fc.property(caseArb, rate, rate, ({ years, sq, option }, r1, r2) => {
        fc.pre(r1 !== r2);
        const [lo, hi] = Number(r1) < Number(r2) ? [r1, r2] : [r2, r1];
        const costs = optionCosts(option, years, sq);
        const a = netPresentCost(costs, lo);
        const b = netPresentCost(costs, hi);
        const laterPositive = costs.some((c, t) => t >= 1 && c.gt(Rational.ZERO));
        if (laterPositive) expect(b.lt(a)).toBe(true);
        else expect(b.eq(a)).toBe(true);
      }),
    );
  });

  it('with r = 0 npc is the plain sum of the costs', () => {
    fc.assert(
      fc.property(caseArb, ({ years, sq, option }) => {
        const r = appraise({ years, discountRatePercent: '0', statusQuoAnnualCost: sq, options: [option] });
        const plain = optionCosts(option, years, sq).reduce((s, c) => s.add(c), Rational.ZERO);
        expect(r.options[0].npc).toBe(plain.roundPenny().toFixed(2));
        expect(r.options[0].cumulativeCosts[years - 1]).toBe(r.options[0].npc);
      }),
    );
  });

  it('rounds once: npc and the saving are the exact values rounded, whatever the shown present values add to', () => {
    fc.assert(
      fc.property(caseArb, rate, ({ years, sq, option }, r) => {
        const res = appraise({ years, discountRatePercent: r, statusQuoAnnualCost: sq, options: [option] });
        const costs = optionCosts(option, years, sq);
        expect(res.options[0].npc).toBe(referenceNpc(costs, r));
        const sqCosts = Array.from({ length: years }, () => Rational.fromDecimal(sq));
        expect(res.statusQuo.npc).toBe(referenceNpc(sqCosts, r));
        const saving = netPresentCost(sqCosts, r).sub(netPresentCost(costs, r)).roundPenny().toFixed(2);
        expect(res.options[0].savingVsStatusQuo).toBe(saving === '-0.00' ? '0.00' : saving);
      }),
      { numRuns: 60 },
    );
  });
});
