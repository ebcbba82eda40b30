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
 * Speed: the mean of m KPIs has a denominator near the product of m turnovers (thousands of digits
 * for a large peer group), and Euclid's gcd of two such numbers is slow. So a fraction is reduced
 * only when one of its parts is small (then gcd is one big remainder and a small gcd); addition uses
 * the lcm of the denominators (cheap when one is small); and the terminating test needs no gcd.
 * Values and comparisons are exact whether or not a fraction is reduced.
 *
 * Pure: no framework imports, no JavaScript `number` arithmetic on values.
 */
import { D, type Dec } from '../../common/money';

function abs(a: bigint): bigint {
  return a < 0n ? -a : a;
}

/** Euclid. Fast when either argument is small: the first remainder brings both down to its size. */
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  if (a < b) [a, b] = [b, a];
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** Fractions whose smaller part is below this are always reduced. */
const REDUCE_LIMIT = 1n << 512n;

const FIVE_POW_27 = 5n ** 27n; // < 2^63

/** Splits x > 0 into 2^twos · 5^fives · rest with rest coprime to 10. */
function splitTwosAndFives(x: bigint): { twos: bigint; fives: bigint; rest: bigint } {
  let twos = 0n;
  while ((x & 0xffffffffffffffffn) === 0n) {
    x >>= 64n;
    twos += 64n;
  }
  while ((x & 1n) === 0n) {
    x >>= 1n;
    twos++;
  }
  let fives = 0n;
  while (x % FIVE_POW_27 === 0n) {
    x /= FIVE_POW_27;
    fives += 27n;
  }
  while (x % 5n === 0n) {
    x /= 5n;
    fives++;
  }
  return { twos, fives, rest: x };
}

export class Rational {
  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);
  static readonly HUNDRED = new Rational(100n, 1n);

  /** den > 0; reduced (gcd 1) whenever |num| or den is below 2^512. */
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
    if (num === 0n) return Rational.ZERO;
    if (abs(num) < REDUCE_LIMIT || den < REDUCE_LIMIT) {
      const g = gcd(num, den);
      if (g !== 1n) return new Rational(num / g, den / g);
    }
    return new Rational(num, den);
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

  /** Sum over the lcm of the denominators. */
  add(o: Rational): Rational {
    const g = gcd(this.den, o.den);
    return Rational.of(this.num * (o.den / g) + o.num * (this.den / g), (this.den / g) * o.den);
  }

  sub(o: Rational): Rational {
    return this.add(o.neg());
  }

  neg(): Rational {
    return new Rational(-this.num, this.den);
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

  /**
   * The exact decimal expansion when it terminates, else null. With den = 2^a · 5^b · r (r coprime
   * to 10) the value terminates exactly when r divides num, with at most max(a, b) decimals.
   */
  private terminating(): { digits: bigint; scale: bigint } | null {
    const { twos, fives, rest } = splitTwosAndFives(this.den);
    if (this.num % rest !== 0n) return null;
    const scale = twos > fives ? twos : fives;
    const digits = (this.num / rest) * 2n ** (scale - twos) * 5n ** (scale - fives);
    return { digits, scale };
  }

  /** True when the decimal expansion terminates (reduced denominator of the form 2^a·5^b). */
  isTerminating(): boolean {
    return this.terminating() !== null;
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
    const t = this.terminating();
    if (t) {
      // Built as a string so that no digit is lost to D's precision.
      const neg = t.digits < 0n;
      const scale = Number(t.scale);
      const digits = abs(t.digits)
        .toString()
        .padStart(scale + 1, '0');
      const cut = digits.length - scale;
      const text = scale === 0 ? digits : `${digits.slice(0, cut)}.${digits.slice(cut)}`;
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
