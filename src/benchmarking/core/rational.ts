/**
 * Exact fractions (BigInt numerator / denominator) used inside the benchmarking core.
 *
 * Why: KPI = cost / turnover × 100 does not terminate for most turnovers (e.g. £412,345,678.90),
 * and the average, median and quartiles are built from those KPIs. Keeping them as exact fractions
 * means every comparison (who is above the average) and every saving is computed exactly and
 * rounded ONCE to the penny, half to even (domain.md §2). Values handed out of the core are `Dec`:
 * exact when the fraction terminates (the usual case in tests and the worked example), otherwise
 * correct to the 60 significant digits of `D`.
 *
 * Pure: no framework imports, no JavaScript `number` arithmetic on values.
 */
import { D, type Dec } from '../../common/money';

function abs(a: bigint): bigint {
  return a < 0n ? -a : a;
}

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

export class Rational {
  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);
  static readonly HUNDRED = new Rational(100n, 1n);

  /** Always normalised: den > 0, gcd(|num|, den) = 1. */
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static of(num: bigint, den: bigint = 1n): Rational {
    if (den === 0n) throw new RangeError('Rational: zero denominator');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(num, den);
    return g === 1n ? new Rational(num, den) : new Rational(num / g, den / g);
  }

  /** Exact conversion of a finite decimal (a `Dec` or a decimal string). */
  static fromDecimal(x: Dec | string): Rational {
    const d = new D(x);
    if (!d.isFinite()) throw new RangeError(`Rational: not a finite number: ${String(x)}`);
    const s = d.toFixed(); // normal notation, every digit, no rounding
    const neg = s.startsWith('-');
    const body = neg ? s.slice(1) : s;
    const [int, frac = ''] = body.split('.');
    const num = BigInt(int + frac);
    return Rational.of(neg ? -num : num, 10n ** BigInt(frac.length));
  }

  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  sub(o: Rational): Rational {
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }

  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }

  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('Rational: division by zero');
    return Rational.of(this.num * o.den, this.den * o.num);
  }

  /** −1, 0 or 1 */
  cmp(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  eq(o: Rational): boolean {
    return this.cmp(o) === 0;
  }

  gt(o: Rational): boolean {
    return this.cmp(o) > 0;
  }

  lt(o: Rational): boolean {
    return this.cmp(o) < 0;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  /** True when the decimal expansion terminates (denominator of the form 2^a·5^b). */
  isTerminating(): boolean {
    let d = this.den;
    while (d % 2n === 0n) d /= 2n;
    while (d % 5n === 0n) d /= 5n;
    return d === 1n;
  }

  /** Greatest integer ≤ this. */
  floor(): bigint {
    const q = this.num / this.den; // truncates toward zero
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  /**
   * As a `Dec`: exact when the expansion terminates, otherwise the quotient correct to D's 60
   * significant digits (rounded half to even).
   */
  toDecimal(): Dec {
    if (this.num === 0n) return new D(0);
    if (this.isTerminating()) {
      let twos = 0n;
      let fives = 0n;
      let d = this.den;
      while (d % 2n === 0n) {
        d /= 2n;
        twos++;
      }
      while (d % 5n === 0n) {
        d /= 5n;
        fives++;
      }
      const scale = twos > fives ? twos : fives;
      const scaled = (this.num * 10n ** scale) / this.den; // exact integer
      // Built as a string so that no digit is lost to D's precision.
      const neg = scaled < 0n;
      const digits = abs(scaled).toString().padStart(Number(scale) + 1, '0');
      const cut = digits.length - Number(scale);
      const text = scale === 0n ? digits : `${digits.slice(0, cut)}.${digits.slice(cut)}`;
      return new D(neg ? `-${text}` : text);
    }
    return new D(this.num.toString()).div(new D(this.den.toString()));
  }

  /** Rounded once to the penny, half to even: the single rounding of money (domain.md §2). */
  roundPenny(): Dec {
    const t = this.num * 100n;
    const neg = t < 0n;
    const a = abs(t);
    let q = a / this.den;
    const twiceRem = (a % this.den) * 2n;
    if (twiceRem > this.den || (twiceRem === this.den && q % 2n === 1n)) q += 1n;
    if (q === 0n) return new D(0);
    return new D((neg ? -q : q).toString()).div(100);
  }

  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

/** Sum of fractions. */
export function sumRational(xs: Iterable<Rational>): Rational {
  let t = Rational.ZERO;
  for (const x of xs) t = t.add(x);
  return t;
}
