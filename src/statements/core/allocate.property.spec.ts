/** Property tests of the largest-remainder rule (domain.md §2). */
import fc from 'fast-check';
import { D, type Dec } from '../../common/money';
import { allocate, type AllocationWeight } from './allocate';

const RUNS = 2000;

/** A money total in pennies, −10^12..10^12 pennies. */
const totalArb = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map((p) => new D(p.toString()).div(100));
/** Non-negative exact decimal weights with up to 4 decimals; many zeros and many ties. */
const weightArb = fc.oneof(
  fc.constant('0'),
  fc.constantFrom('1', '2', '3', '7', '31', '16'),
  fc.bigInt({ min: 0n, max: 10n ** 16n }).chain((n) => fc.integer({ min: 0, max: 4 }).map((dp) => new D(n.toString()).div(new D(10).pow(dp)).toString())),
);
const nameArb = fc.constantFrom('Alpha', 'Bravo', 'alpha', 'Charlie', 'Alpha Trust');
const weightsArb = fc
  .uniqueArray(fc.record({ id: fc.uuid(), name: nameArb, weight: weightArb }), { minLength: 1, maxLength: 12, selector: (r) => r.id })
  .filter((ws) => ws.some((x) => x.weight !== '0' && !new D(x.weight).isZero()))
  .map((ws) => ws.map((x): AllocationWeight => ({ id: x.id, name: x.name, weight: new D(x.weight) })));

const sumOf = (m: Map<string, Dec>) => [...m.values()].reduce((a, b) => a.plus(b), new D(0));

describe('allocate: properties', () => {
  it('shares sum to the total exactly, each on whole pennies', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (T, ws) => {
        const r = allocate(T, ws);
        expect(sumOf(r).equals(T)).toBe(true);
        for (const v of r.values()) expect(v.times(100).isInteger()).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('each share is less than a penny from its exact value, and on the same side of zero', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (T, ws) => {
        const r = allocate(T, ws);
        const S = ws.reduce((a, x) => a.plus(x.weight), new D(0));
        for (const x of ws) {
          const exact = T.times(x.weight).div(S);
          const share = r.get(x.id)!;
          expect(share.minus(exact).abs().lessThan('0.01')).toBe(true);
          if (!share.isZero()) expect(share.isNegative()).toBe(T.isNegative());
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('is deterministic: the same weights in another order give the same shares', () => {
    fc.assert(
      fc.property(
        totalArb,
        weightsArb.chain((ws) => fc.tuple(fc.constant(ws), fc.shuffledSubarray(ws, { minLength: ws.length, maxLength: ws.length }))),
        (T, [ws, shuffled]) => {
          const a = allocate(T, ws);
          const b = allocate(T, shuffled);
          for (const x of ws) expect(a.get(x.id)!.equals(b.get(x.id)!)).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a negative total mirrors the positive one', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (T, ws) => {
        const pos = allocate(T.abs(), ws);
        const neg = allocate(T.abs().negated(), ws);
        for (const x of ws) expect(neg.get(x.id)!.equals(pos.get(x.id)!.negated())).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('weight-0 members get 0; scaling every weight changes nothing', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, fc.integer({ min: 2, max: 31 }), (T, ws, k) => {
        const r = allocate(T, ws);
        for (const x of ws) if (x.weight.isZero()) expect(r.get(x.id)!.isZero()).toBe(true);
        const scaled = allocate(
          T,
          ws.map((x) => ({ ...x, weight: x.weight.times(k) })),
        );
        for (const x of ws) expect(scaled.get(x.id)!.equals(r.get(x.id)!)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
