import fc from 'fast-check';
import { dec } from '../../common/money';
import { addMonths } from '../../common/months';
import { creditPercentsForRange } from './credits-range';
import { evaluateSla } from './evaluate';
import { periodsEndingIn } from './periods';
import type { MeasurementInput, RecipientInput, SlaInput } from './types';

const base: SlaInput = {
  id: 'S1',
  serviceLineId: 'FIN',
  kind: 'SLA',
  frequency: 'monthly',
  creditCapPercent: '10',
  effectiveFrom: '2025-04',
  effectiveTo: null,
  targets: [{ kpiCode: 'DAYS', direction: 'lower_is_better', target: '5', threshold: '8', creditPercent: '2' }],
};
const host: RecipientInput = { organisationId: 'H', joinedOn: '2025-04-01', leftOn: null, isHost: true };
const p: RecipientInput = { organisationId: 'P', joinedOn: '2025-04-01', leftOn: null, isHost: false };
const mm = (serviceLineId: string, kpiCode: string, month: string, value: string, organisationId: string | null = null): MeasurementInput => ({
  serviceLineId,
  kpiCode,
  month,
  value,
  organisationId,
});

describe('creditPercentsForRange', () => {
  it('lists only non-zero credits booked in the range, per SLA and period', () => {
    const ms = [mm('FIN', 'DAYS', '2025-04', '9'), mm('FIN', 'DAYS', '2025-05', '4'), mm('FIN', 'DAYS', '2025-06', '9')];
    const out = creditPercentsForRange([base], { FIN: [host, p] }, ms, '2025-04', '2025-06', '2026-01-01');
    expect(out).toEqual([
      { slaId: 'S1', organisationId: 'P', serviceLineId: 'FIN', periodMonths: ['2025-04'], creditPercent: '2' },
      { slaId: 'S1', organisationId: 'P', serviceLineId: 'FIN', periodMonths: ['2025-06'], creditPercent: '2' },
    ]);
  });

  it("books a quarterly credit in the quarter's last month only", () => {
    const q: SlaInput = { ...base, id: 'Q', frequency: 'quarterly', effectiveFrom: '2025-01' };
    const ms = [mm('FIN', 'DAYS', '2025-01', '4'), mm('FIN', 'DAYS', '2026-01', '9')];
    const recips = { FIN: [host, { ...p, joinedOn: '2025-01-01' }] };
    expect(creditPercentsForRange([q], recips, ms, '2026-01', '2026-02', '2026-06-01')).toEqual([]);
    expect(creditPercentsForRange([q], recips, ms, '2026-03', '2026-03', '2026-06-01')).toEqual([
      { slaId: 'Q', organisationId: 'P', serviceLineId: 'FIN', periodMonths: ['2026-01', '2026-02', '2026-03'], creditPercent: '4' },
    ]);
    // Apr–Jun, Jul–Sep, Oct–Dec 2025 have no value: missing, booked in June, September, December
    expect(creditPercentsForRange([q], recips, ms, '2025-04', '2025-12', '2026-06-01').map((c) => [c.periodMonths.at(-1), c.creditPercent])).toEqual([
      ['2025-06', '2'],
      ['2025-09', '4'],
      ['2025-12', '4'],
    ]);
  });

  it('does not count missing data of a period not yet ended on asOf', () => {
    expect(creditPercentsForRange([base], { FIN: [host, p] }, [], '2025-04', '2025-05', '2025-05-31')).toEqual([
      { slaId: 'S1', organisationId: 'P', serviceLineId: 'FIN', periodMonths: ['2025-04'], creditPercent: '2' },
    ]);
  });

  it("skips OLAs, uses each SLA's own service line recipients, ignores service lines without recipients", () => {
    const ola: SlaInput = { ...base, id: 'O1', kind: 'OLA' };
    const pay: SlaInput = { ...base, id: 'S2', serviceLineId: 'PAY' };
    const other: SlaInput = { ...base, id: 'S3', serviceLineId: 'NONE' };
    const q: RecipientInput = { organisationId: 'Q', joinedOn: '2025-04-01', leftOn: null, isHost: false };
    const out = creditPercentsForRange(
      [ola, pay, other],
      new Map([
        ['FIN', [host, p]],
        ['PAY', [host, q]],
      ]),
      [],
      '2025-04',
      '2025-04',
      '2026-01-01',
    );
    expect(out).toEqual([{ slaId: 'S2', organisationId: 'Q', serviceLineId: 'PAY', periodMonths: ['2025-04'], creditPercent: '2' }]);
  });

  it('property: equals the non-zero credits of evaluateSla over the periods ending in the range', () => {
    const months = Array.from({ length: 15 }, (_, i) => addMonths('2025-01', i));
    fc.assert(
      fc.property(
        fc.constantFrom<'monthly' | 'quarterly'>('monthly', 'quarterly'),
        fc.array(fc.record({ month: fc.constantFrom(...months), value: fc.integer({ min: 0, max: 12 }).map(String), org: fc.constantFrom<string | null>('P', null) }), {
          maxLength: 20,
        }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 14 }),
        (frequency, raw, i, j) => {
          const [from, to] = [months[Math.min(i, j)], months[Math.max(i, j)]];
          const s: SlaInput = { ...base, frequency, effectiveFrom: '2025-02' };
          const ms = raw.map((r) => mm('FIN', 'DAYS', r.month, r.value, r.org));
          const out = creditPercentsForRange([s], { FIN: [host, p] }, ms, from, to, '2026-06-01');
          const expected = periodsEndingIn(from, to, frequency)
            .flatMap((per) => evaluateSla(s, [host, p], ms, per.start, '2026-06-01').credits)
            .filter((c) => !dec(c.creditPercent).isZero());
          expect(out).toEqual(expected);
          for (const c of out) {
            const booked = c.periodMonths[c.periodMonths.length - 1];
            expect(booked >= from && booked <= to).toBe(true);
            expect(dec(c.creditPercent).gt(0) && dec(c.creditPercent).lte(10)).toBe(true);
          }
        },
      ),
    );
  });
});
