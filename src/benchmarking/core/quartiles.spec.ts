import fc from 'fast-check';
import { D } from '../../common/money';
import { median, percentileInc, quartileInc, quartiles, type Quart } from './quartiles';
import { BenchmarkError } from './types';

const s = (x: { toString(): string }) => x.toString();

describe('QUARTILE.INC / PERCENTILE.INC / MEDIAN', () => {
  it('matches the spreadsheet documentation examples', () => {
    // Excel QUARTILE.INC help: data 1,2,4,7,8,9,10,12, first quartile = 3.5
    const excel = ['1', '2', '4', '7', '8', '9', '10', '12'];
    expect(s(quartileInc(excel, 1))).toBe('3.5');
    expect(s(quartileInc(excel, 0))).toBe('1');
    expect(s(quartileInc(excel, 2))).toBe('7.5');
    expect(s(quartileInc(excel, 3))).toBe('9.25');
    expect(s(quartileInc(excel, 4))).toBe('12');
    // Excel PERCENTILE.INC help: data 1,3,2,4, 30th percentile = 1.9
    expect(s(percentileInc(['1', '3', '2', '4'], '0.3'))).toBe('1.9');
    // Excel MEDIAN help: 1..6 → 3.5; 1..5 → 3
    expect(s(median(['1', '2', '3', '4', '5', '6']))).toBe('3.5');
    expect(s(median(['1', '2', '3', '4', '5']))).toBe('3');
  });

  it('matches the inclusive method on the classic eleven-value set (Q1 25.5, Q3 42.5)', () => {
    const data = ['6', '7', '15', '36', '39', '40', '41', '42', '43', '47', '49'];
    const q = quartiles(data);
    expect([q.min, q.lowerQuartile, q.median, q.upperQuartile, q.max].map(s)).toEqual(['6', '25.5', '40', '42.5', '49']);
  });

  it('takes values in any order and keeps decimals exact', () => {
    // sorted 0.8 0.95 1 1.05 1.1 1.2 1.4 2 (the worked example): Q1 at h = 1.75 → 0.9875
    const kpis = ['1.4', '0.8', '2', '1.1', '0.95', '1.2', '1', '1.05'];
    expect(s(quartileInc(kpis, 1))).toBe('0.9875');
    expect(s(median(kpis))).toBe('1.075');
    expect(s(quartileInc(kpis, 3))).toBe('1.25');
    // 0.1 + 0.2 trap: the mean of 0.1 and 0.2 is exactly 0.15
    expect(s(median(['0.2', '0.1']))).toBe('0.15');
    expect(s(percentileInc([new D('0.1'), new D('0.2'), new D('0.3')], new D('0.3')))).toBe('0.16');
  });

  it('handles one and two values', () => {
    for (const q of [0, 1, 2, 3, 4] as Quart[]) expect(s(quartileInc(['1.234'], q))).toBe('1.234');
    expect(['0', '1', '2', '3', '4'].map((q) => s(quartileInc(['1', '3'], Number(q) as Quart)))).toEqual(['1', '1.5', '2', '2.5', '3']);
  });

  it('refuses no values and percentiles outside [0, 1]', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as BenchmarkError).code;
      }
      return undefined;
    };
    expect(code(() => median([]))).toBe('empty_peer_group');
    expect(code(() => percentileInc(['1'], '1.01'))).toBe('invalid_percentile');
    expect(code(() => percentileInc(['1'], '-0.01'))).toBe('invalid_percentile');
    expect(code(() => quartileInc(['1'], 5 as Quart))).toBe('invalid_percentile');
    expect(code(() => quartileInc(['1'], 1.5 as Quart))).toBe('invalid_percentile');
  });

  it('is monotone in p and bounded by min and max (property)', () => {
    const values = fc.array(
      fc.integer({ min: -100000, max: 100000 }).map((i) => new D(i).div(1000)),
      {
        minLength: 1,
        maxLength: 40,
      },
    );
    fc.assert(
      fc.property(values, (xs) => {
        const q = quartiles(xs);
        const chain = [q.min, q.lowerQuartile, q.median, q.upperQuartile, q.max];
        for (let i = 1; i < chain.length; i++) expect(chain[i].gte(chain[i - 1])).toBe(true);
        expect(q.min.eq(D.min(...xs))).toBe(true);
        expect(q.max.eq(D.max(...xs))).toBe(true);
      }),
    );
  });
});
