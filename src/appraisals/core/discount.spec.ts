import fc from 'fast-check';
import { discountFactor, formatRational, growthFactor, power, Rational, roundRational } from './discount';

describe('discounting with exact fractions', () => {
  it('reads the rate exactly: 1 + 3.5/100 = 207/200', () => {
    expect(growthFactor('3.5').toString()).toBe('207/200');
    expect(growthFactor('0').toString()).toBe('1');
    expect(growthFactor('0.0001').toString()).toBe('1000001/1000000');
  });

  it('raises to whole powers exactly', () => {
    expect(power(growthFactor('10'), 3).toString()).toBe('1331/1000');
    expect(power(Rational.of(2n, 3n), 0).toString()).toBe('1');
    expect(() => power(Rational.ONE, -1)).toThrow(RangeError);
    expect(() => power(Rational.ONE, 1.5)).toThrow(RangeError);
  });

  it('gives the Green Book discount factors at 3.5 %', () => {
    // year 0 is undiscounted; 200/207 = 0.966183…, (200/207)^2 = 40000/42849 = 0.933510…
    expect(discountFactor('3.5', 0).toString()).toBe('1');
    expect(discountFactor('3.5', 1).toString()).toBe('200/207');
    expect(formatRational(discountFactor('3.5', 1), 4)).toBe('0.9662');
    expect(formatRational(discountFactor('3.5', 2), 4)).toBe('0.9335');
    expect(formatRational(discountFactor('3.5', 9), 4)).toBe('0.7337');
  });

  it('rounds once, half to even, at any number of decimals', () => {
    expect(roundRational(Rational.fromDecimal('0.00005'), 4).toFixed(4)).toBe('0.0000');
    expect(roundRational(Rational.fromDecimal('0.00015'), 4).toFixed(4)).toBe('0.0002');
    expect(roundRational(Rational.fromDecimal('0.000150001'), 4).toFixed(4)).toBe('0.0002');
    expect(roundRational(Rational.fromDecimal('-2.675'), 2).toFixed(2)).toBe('-2.68');
    expect(roundRational(Rational.of(2n, 3n), 2).toFixed(2)).toBe('0.67');
    expect(formatRational(Rational.ZERO, 2)).toBe('0.00');
  });

  it('agrees with the penny rounding of Rational for any fraction', () => {
    fc.assert(
      fc.property(fc.bigInt(-(10n ** 12n), 10n ** 12n), fc.bigInt(1n, 10n ** 9n), (n, d) => {
        const x = Rational.of(n, d);
        expect(roundRational(x, 2).eq(x.roundPenny())).toBe(true);
      }),
    );
  });
});
