import { D, formatMoney, money } from '../../common/money';
import { allocate, type AllocationWeight } from './allocate';
import { CalculationError } from './errors';

const w = (id: string, weight: string, name = id): AllocationWeight => ({ id, name, weight: new D(weight) });
const fmt = (m: Map<string, InstanceType<typeof D>>) => Object.fromEntries([...m].map(([k, v]) => [k, formatMoney(v)]));

describe('allocate (largest remainder, domain.md §2)', () => {
  it('truncates and gives the leftover penny to the largest remainder', () => {
    // 100.00 × 400/650 = 61.538…, × 250/650 = 38.461… → truncated 61.53 + 38.46, remainders .8 / .1
    expect(fmt(allocate(money('100.00'), [w('A', '400'), w('B', '250')]))).toEqual({ A: '61.54', B: '38.46' });
  });

  it('splits exactly when it can', () => {
    expect(fmt(allocate(money('90.00'), [w('A', '1'), w('B', '2')]))).toEqual({ A: '30.00', B: '60.00' });
  });

  it('ties on remainder go to the larger weight', () => {
    // 1.00 over 4:1:1 → exact 0.6666…, 0.1666…, 0.1666…: every remainder is 2/3 of a penny;
    // truncated 0.66 + 0.16 + 0.16 = 0.98, two pennies left: the larger weight first, then name asc.
    expect(fmt(allocate(money('1.00'), [w('z', '1', 'Zeta'), w('y', '4', 'Yankee'), w('x', '1', 'Xray')]))).toEqual({
      z: '0.16',
      y: '0.67',
      x: '0.17',
    });
  });

  it('equal remainder and weight: organisation name ascending', () => {
    expect(fmt(allocate(money('0.01'), [w('1', '1', 'Bravo'), w('2', '1', 'Alpha')]))).toEqual({ '1': '0.00', '2': '0.01' });
    expect(fmt(allocate(money('0.02'), [w('1', '1', 'Charlie'), w('2', '1', 'Bravo'), w('3', '1', 'Alpha')]))).toEqual({
      '1': '0.00',
      '2': '0.01',
      '3': '0.01',
    });
  });

  it('names compare by code unit, not by locale (upper case before lower case)', () => {
    expect(fmt(allocate(money('0.01'), [w('1', '1', 'alpha'), w('2', '1', 'Beta')]))).toEqual({ '1': '0.00', '2': '0.01' });
  });

  it('equal remainder, weight and name: organisation id ascending', () => {
    expect(fmt(allocate(money('0.01'), [w('b-id', '1', 'Same'), w('a-id', '1', 'Same')]))).toEqual({ 'b-id': '0.00', 'a-id': '0.01' });
  });

  it('the remainder wins over the weight', () => {
    // 0.07 over 9:1 → exact 0.063 / 0.007: truncated 0.06 + 0.00, remainders .3 / .7 penny → the smaller weight.
    expect(fmt(allocate(money('0.07'), [w('big', '9'), w('small', '1')]))).toEqual({ big: '0.06', small: '0.01' });
  });

  it('weight 0 gets nothing but is listed', () => {
    expect(fmt(allocate(money('10.00'), [w('A', '0'), w('B', '3'), w('C', '0')]))).toEqual({ A: '0.00', B: '10.00', C: '0.00' });
  });

  it('Σw = 0 is a CalculationError zero_weights', () => {
    expect(() => allocate(money('10.00'), [w('A', '0'), w('B', '0')])).toThrow(CalculationError);
    expect(() => allocate(money('10.00'), [])).toThrow(expect.objectContaining({ code: 'zero_weights' }));
  });

  it('Σw = 0 is an error even for a zero total (callers skip zero totals)', () => {
    expect(() => allocate(money('0.00'), [w('A', '0')])).toThrow(/sum to zero/);
  });

  it('zero total gives zeros', () => {
    expect(fmt(allocate(money('0.00'), [w('A', '1'), w('B', '2')]))).toEqual({ A: '0.00', B: '0.00' });
  });

  it('a negative total is −allocate(−T)', () => {
    expect(fmt(allocate(money('-100.00'), [w('A', '400'), w('B', '250')]))).toEqual({ A: '-61.54', B: '-38.46' });
    expect(fmt(allocate(money('-1.00'), [w('z', '1', 'Zeta'), w('y', '4', 'Yankee'), w('x', '1', 'Xray')]))).toEqual({
      z: '-0.16',
      y: '-0.67',
      x: '-0.17',
    });
  });

  it('rejects a negative weight, duplicate ids and a total that is not whole pennies', () => {
    expect(() => allocate(money('1.00'), [w('A', '-1'), w('B', '2')])).toThrow(expect.objectContaining({ code: 'negative_weight' }));
    expect(() => allocate(money('1.00'), [w('A', '1'), w('A', '2')])).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => allocate(new D('1.005'), [w('A', '1')])).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('returns the shares in the order of the weights given', () => {
    expect([...allocate(money('3.00'), [w('C', '1'), w('A', '1'), w('B', '1')]).keys()]).toEqual(['C', 'A', 'B']);
  });

  it('is exact with weights that divide into recurring decimals (f = 16/31 scaled by days)', () => {
    // the worked example's May FIN: 400M × 31, 250M × 31, 150M × 16 days
    const r = allocate(money('100000.00'), [w('A', '12400000000'), w('B', '7750000000'), w('C', '2400000000')]);
    expect(fmt(r)).toEqual({ A: '54988.91', B: '34368.07', C: '10643.02' });
  });
});
