import fc from 'fast-check';
import { dec } from '../../common/money';
import { isFailure, targetStatus, validateSlaNumbers, validateTarget } from './status';
import type { Direction, Status } from './types';

describe('targetStatus (domain.md §7 table)', () => {
  describe('higher_is_better, target 99.5, threshold 99.0', () => {
    const s = (v: string) => targetStatus('higher_is_better', '99.5', '99.0', v, true);
    it.each<[string, Status]>([
      ['100', 'met'],
      ['99.5001', 'met'], // just above target
      ['99.5', 'met'], // equal to target
      ['99.50', 'met'], // equal, other spelling
      ['99.4999', 'at_risk'], // just below target
      ['99.49999999999999999', 'at_risk'], // a JS number would round this to 99.5
      ['99.0001', 'at_risk'], // just above threshold
      ['99', 'at_risk'], // equal to threshold
      ['99.0000', 'at_risk'],
      ['98.9999', 'breached'], // just below threshold
      ['0', 'breached'],
      ['-5', 'breached'],
    ])('%s → %s', (v, expected) => expect(s(v)).toBe(expected));
  });

  describe('lower_is_better, target 5, threshold 10', () => {
    const s = (v: string) => targetStatus('lower_is_better', '5', '10', v, true);
    it.each<[string, Status]>([
      ['0', 'met'],
      ['4.9999', 'met'], // just below target
      ['5', 'met'], // equal to target
      ['5.00', 'met'],
      ['5.0001', 'at_risk'], // just above target
      ['9.9999', 'at_risk'], // just below threshold
      ['10', 'at_risk'], // equal to threshold
      ['10.0001', 'breached'], // just above threshold
      ['10.00000000000000001', 'breached'],
      ['1000', 'breached'],
    ])('%s → %s', (v, expected) => expect(s(v)).toBe(expected));
  });

  it('threshold equal to target leaves no at-risk band', () => {
    expect(targetStatus('higher_is_better', '100', '100', '100', true)).toBe('met');
    expect(targetStatus('higher_is_better', '100', '100', '99.9999', true)).toBe('breached');
    expect(targetStatus('lower_is_better', '3', '3', '3', true)).toBe('met');
    expect(targetStatus('lower_is_better', '3', '3', '3.0001', true)).toBe('breached');
  });

  it('status from a value does not depend on the period having ended', () => {
    expect(targetStatus('higher_is_better', '99.5', '99', '98', false)).toBe('breached');
    expect(targetStatus('lower_is_better', '5', '10', '6', false)).toBe('at_risk');
  });

  it('no value: missing once the period has ended, pending (null) before', () => {
    expect(targetStatus('higher_is_better', '99.5', '99', null, true)).toBe('missing');
    expect(targetStatus('higher_is_better', '99.5', '99', null, false)).toBeNull();
    expect(targetStatus('lower_is_better', '5', '10', null, true)).toBe('missing');
    expect(targetStatus('lower_is_better', '5', '10', null, false)).toBeNull();
  });

  it('refuses a value that is not a number', () => {
    expect(() => targetStatus('higher_is_better', '1', '0', 'abc', true)).toThrow(/not a number/);
    expect(() => targetStatus('higher_is_better', '1', '0', 'NaN', true)).toThrow();
  });

  it('isFailure: breached and missing only', () => {
    expect(isFailure('breached')).toBe(true);
    expect(isFailure('missing')).toBe(true);
    expect(isFailure('at_risk')).toBe(false);
    expect(isFailure('met')).toBe(false);
    expect(isFailure(null)).toBe(false);
  });

  const rank: Record<Status, number> = { met: 0, at_risk: 1, breached: 2, missing: 3 };
  const decimalString = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => dec(n).div(100).toFixed());

  it('property: a better value never gives a worse status (both directions)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Direction>('higher_is_better', 'lower_is_better'),
        decimalString,
        fc.integer({ min: 0, max: 100_000 }),
        decimalString,
        decimalString,
        (direction, target, band, v1, v2) => {
          const threshold = direction === 'higher_is_better' ? dec(target).minus(dec(band).div(100)).toFixed() : dec(target).plus(dec(band).div(100)).toFixed();
          expect(validateTarget(direction, target, threshold)).toBeNull();
          const [lo, hi] = dec(v1).lte(dec(v2)) ? [v1, v2] : [v2, v1];
          const better = direction === 'higher_is_better' ? hi : lo;
          const worse = direction === 'higher_is_better' ? lo : hi;
          const sb = targetStatus(direction, target, threshold, better, true)!;
          const sw = targetStatus(direction, target, threshold, worse, true)!;
          expect(rank[sb]).toBeLessThanOrEqual(rank[sw]);
        },
      ),
    );
  });

  it('property: met exactly when on the right side of the target, breached exactly past the threshold', () => {
    fc.assert(
      fc.property(decimalString, fc.integer({ min: 0, max: 10_000 }), decimalString, (target, band, v) => {
        const t = dec(target);
        const th = t.minus(dec(band).div(100));
        const s = targetStatus('higher_is_better', target, th.toFixed(), v, true);
        expect(s === 'met').toBe(dec(v).gte(t));
        expect(s === 'breached').toBe(dec(v).lt(th));
        const thLow = t.plus(dec(band).div(100));
        const s2 = targetStatus('lower_is_better', target, thLow.toFixed(), v, true);
        expect(s2 === 'met').toBe(dec(v).lte(t));
        expect(s2 === 'breached').toBe(dec(v).gt(thLow));
      }),
    );
  });
});

describe('validateTarget', () => {
  it('accepts a threshold on the right side or equal', () => {
    expect(validateTarget('higher_is_better', '99.5', '99.0')).toBeNull();
    expect(validateTarget('higher_is_better', '99.5', '99.50')).toBeNull();
    expect(validateTarget('lower_is_better', '5', '10')).toBeNull();
    expect(validateTarget('lower_is_better', '5', '5.0')).toBeNull();
  });

  it('refuses a threshold on the wrong side', () => {
    expect(validateTarget('higher_is_better', '99.5', '99.5001')).toMatch(/threshold 99.5001 must be less than or equal to target 99.5/);
    expect(validateTarget('lower_is_better', '5', '4.9999')).toMatch(/must be greater than or equal to target 5/);
  });

  it('refuses values that are not numbers, and an unknown direction', () => {
    expect(validateTarget('higher_is_better', 'x', '1')).toMatch(/target/);
    expect(validateTarget('higher_is_better', '1', '')).toMatch(/threshold/);
    expect(validateTarget('higher_is_better', '1', 'Infinity')).toMatch(/threshold/);
    expect(validateTarget('sideways' as Direction, '1', '1')).toMatch(/direction/);
  });
});

describe('validateSlaNumbers', () => {
  const good = {
    creditCapPercent: '10',
    effectiveFrom: '2025-04',
    effectiveTo: null,
    targets: [
      { kpiCode: 'PAY_ACCURACY', direction: 'higher_is_better' as const, target: '99.5', threshold: '99.0', creditPercent: '5' },
      { kpiCode: 'PAY_ON_TIME', direction: 'higher_is_better' as const, target: '100', threshold: '99.8', creditPercent: '3' },
    ],
  };

  it('accepts the worked example SLA', () => {
    expect(validateSlaNumbers(good)).toEqual([]);
  });

  it('names every bad field', () => {
    const errors = validateSlaNumbers({
      creditCapPercent: '-1',
      effectiveFrom: '2025-04',
      effectiveTo: '2025-03',
      targets: [
        { ...good.targets[0], threshold: '99.6' },
        { ...good.targets[0], creditPercent: '-2' },
      ],
    });
    expect(errors.map((e) => e.field)).toEqual(['creditCapPercent', 'effectiveTo', 'targets[0].threshold', 'targets[1].kpiCode', 'targets[1].creditPercent']);
  });
});
