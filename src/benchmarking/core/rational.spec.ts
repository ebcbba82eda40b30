import fc from 'fast-check';
import { D } from '../../common/money';
import { Rational, sumRational } from './rational';

const r = (n: bigint, d: bigint = 1n) => Rational.of(n, d);

describe('Rational', () => {
  it('normalises sign and common factors', () => {
    const x = r(6n, -4n);
    expect(x.num).toBe(-3n);
    expect(x.den).toBe(2n);
    expect(r(0n, -7n).toString()).toBe('0');
    expect(() => r(1n, 0n)).toThrow(RangeError);
  });

  it('converts decimals exactly both ways', () => {
    expect(Rational.fromDecimal('1.0875').toString()).toBe('87/80');
    expect(Rational.fromDecimal('-0.05').toString()).toBe('-1/20');
    expect(Rational.fromDecimal(new D('1e-20')).toString()).toBe('1/100000000000000000000');
    expect(Rational.fromDecimal('1234567890123456789012345678901234567890.0000000001').toDecimal().toFixed()).toBe('1234567890123456789012345678901234567890.0000000001');
    expect(r(87n, 80n).toDecimal().toString()).toBe('1.0875');
    expect(r(-1n, 8n).toDecimal().toString()).toBe('-0.125');
    expect(r(1n, 3n).toDecimal().toString()).toBe('0.' + '3'.repeat(60));
    expect(() => Rational.fromDecimal(new D(NaN))).toThrow(RangeError);
  });

  it('adds, subtracts, multiplies, divides and compares exactly', () => {
    const third = r(1n, 3n);
    expect(third.add(third).add(third).eq(Rational.ONE)).toBe(true);
    expect(third.sub(r(1n, 2n)).toString()).toBe('-1/6');
    expect(third.mul(r(3n, 5n)).toString()).toBe('1/5');
    expect(third.div(r(2n))).toEqual(r(1n, 6n));
    expect(() => third.div(Rational.ZERO)).toThrow(RangeError);
    expect(third.cmp(r(1n, 2n))).toBe(-1);
    expect(third.gt(r(1n, 4n))).toBe(true);
    expect(third.lt(r(1n, 4n))).toBe(false);
    expect(sumRational([r(1n, 2n), r(1n, 3n), r(1n, 6n)]).eq(Rational.ONE)).toBe(true);
    expect(sumRational([]).isZero()).toBe(true);
  });

  it('floors toward minus infinity', () => {
    expect(r(7n, 2n).floor()).toBe(3n);
    expect(r(-7n, 2n).floor()).toBe(-4n);
    expect(r(-6n, 2n).floor()).toBe(-3n);
    expect(r(0n).floor()).toBe(0n);
  });

  it('knows terminating expansions', () => {
    expect(r(1n, 80n).isTerminating()).toBe(true);
    expect(r(1n, 3n).isTerminating()).toBe(false);
    expect(r(5n).isTerminating()).toBe(true);
  });

  it('rounds to the penny once, half to even, on the exact value', () => {
    const cases: Array<[string, string]> = [
      ['0.005', '0.00'],
      ['0.015', '0.02'],
      ['0.025', '0.02'],
      ['0.0250000001', '0.03'],
      ['-0.005', '0'],
      ['-0.015', '-0.02'],
      ['2.675', '2.68'],
      ['1234.5649999', '1234.56'],
    ];
    for (const [x, want] of cases) expect(Rational.fromDecimal(x).roundPenny().toString()).toBe(new D(want).toString());
    // 2/3 of a penny, exactly
    expect(r(2n, 300n).roundPenny().toFixed(2)).toBe('0.01');
    // exactly half a penny though the decimal expansion of its parts never terminates
    expect(r(1n, 3n).add(r(1n, 6n)).div(r(100n)).roundPenny().toFixed(2)).toBe('0.00');
    expect(r(0n).roundPenny().isNegative()).toBe(false);
  });

  it('keeps huge fractions exact without reducing them', () => {
    const big = 3n ** 400n; // > 2^512: no gcd is attempted when both parts are this large
    const half = Rational.of(big * 7n, big * 14n);
    expect(half.den).toBe(big * 14n);
    expect(half.isTerminating()).toBe(true);
    expect(half.toDecimal().toString()).toBe('0.5');
    expect(half.eq(Rational.of(1n, 2n))).toBe(true);
    expect(half.roundPenny().toFixed(2)).toBe('0.50');
    const third = Rational.of(big * 7n, big * 21n);
    expect(third.isTerminating()).toBe(false);
    expect(third.toDecimal().toFixed(10)).toBe('0.3333333333');
    expect(third.add(Rational.of(1n, 6n)).eq(Rational.of(1n, 2n))).toBe(true);
    expect(third.floor()).toBe(0n);
    expect(Rational.of(-big * 5n, big * 2n).floor()).toBe(-3n);
  });

  it('adds many fractions with unrelated denominators quickly (lcm, no big gcd)', () => {
    let seed = 12345n;
    const next = () => (seed = (seed * 6364136223846793005n + 1442695040888963407n) % (1n << 64n));
    const xs = Array.from({ length: 1000 }, () => Rational.of(next() % 10n ** 12n, 10n ** 9n + (next() % 10n ** 12n)));
    const started = Date.now();
    const total = sumRational(xs);
    const mean = total.div(Rational.of(1000n));
    expect(mean.mul(Rational.of(1000n)).eq(total)).toBe(true);
    expect(total.sub(xs[0]).add(xs[0]).eq(total)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000); // was minutes with a gcd on every step
  });

  it('agrees with Decimal on terminating arithmetic (property)', () => {
    const decArb = fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 6 })).map(([m, s]) => new D(m.toString()).div(new D(10).pow(s)));
    fc.assert(
      fc.property(decArb, decArb, (a, b) => {
        const ra = Rational.fromDecimal(a);
        const rb = Rational.fromDecimal(b);
        expect(ra.add(rb).toDecimal().eq(a.plus(b))).toBe(true);
        expect(ra.sub(rb).toDecimal().eq(a.minus(b))).toBe(true);
        expect(ra.mul(rb).toDecimal().eq(a.times(b))).toBe(true);
        expect(ra.cmp(rb)).toBe(a.cmp(b));
        expect(ra.roundPenny().eq(a.toDecimalPlaces(2, D.ROUND_HALF_EVEN))).toBe(true);
      }),
    );
  });
});
