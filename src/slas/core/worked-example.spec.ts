/** domain.md §11: the SLA part of the worked example (PAY, monthly, cap 10). */
import { dec, roundPenny } from '../../common/money';
import { creditPercentsForRange } from './credits-range';
import { evaluateSla } from './evaluate';
import type { MeasurementInput, RecipientInput, SlaInput } from './types';

const PAY_SLA: SlaInput = {
  id: 'sla-pay',
  serviceLineId: 'PAY',
  kind: 'SLA',
  frequency: 'monthly',
  creditCapPercent: '10',
  effectiveFrom: '2025-04',
  effectiveTo: null,
  targets: [
    { kpiCode: 'PAY_ACCURACY', direction: 'higher_is_better', target: '99.5', threshold: '99.0', creditPercent: '5' },
    { kpiCode: 'PAY_ON_TIME', direction: 'higher_is_better', target: '100', threshold: '99.8', creditPercent: '3' },
  ],
};

const RECIPIENTS: RecipientInput[] = [
  { organisationId: 'A', joinedOn: '2025-04-01', leftOn: null, isHost: true },
  { organisationId: 'B', joinedOn: '2025-04-01', leftOn: null, isHost: false },
  { organisationId: 'C', joinedOn: '2025-05-16', leftOn: null, isHost: false },
];

const pay = (organisationId: string, month: string, accuracy: string, onTime: string): MeasurementInput[] => [
  { kpiCode: 'PAY_ACCURACY', serviceLineId: 'PAY', organisationId, month, value: accuracy },
  { kpiCode: 'PAY_ON_TIME', serviceLineId: 'PAY', organisationId, month, value: onTime },
];

const MEASUREMENTS: MeasurementInput[] = [
  ...pay('A', '2025-04', '99.7', '100'),
  ...pay('B', '2025-04', '99.6', '100'),
  ...pay('A', '2025-05', '99.6', '100'),
  ...pay('B', '2025-05', '98.7', '99.9'),
  ...pay('C', '2025-05', '99.2', '99.7'),
];

const AS_OF = '2026-01-01';

const statuses = (month: string) =>
  Object.fromEntries(evaluateSla(PAY_SLA, RECIPIENTS, MEASUREMENTS, month, AS_OF).items.map((i) => [`${i.organisationId} ${i.kpiCode}`, i.status]));

describe('worked example §11: SLA on PAY', () => {
  it('April 2025: A and B met everything, C is not evaluated (joined 16 May)', () => {
    expect(statuses('2025-04')).toEqual({
      'A PAY_ACCURACY': 'met',
      'A PAY_ON_TIME': 'met',
      'B PAY_ACCURACY': 'met',
      'B PAY_ON_TIME': 'met',
    });
  });

  it('May 2025: B accuracy breached, on time at risk; C accuracy at risk, on time breached', () => {
    expect(statuses('2025-05')).toEqual({
      'A PAY_ACCURACY': 'met',
      'A PAY_ON_TIME': 'met',
      'B PAY_ACCURACY': 'breached',
      'B PAY_ON_TIME': 'at_risk',
      'C PAY_ACCURACY': 'at_risk',
      'C PAY_ON_TIME': 'breached',
    });
    const r = evaluateSla(PAY_SLA, RECIPIENTS, MEASUREMENTS, '2025-05', AS_OF);
    for (const i of r.items) {
      expect(i.consecutiveBreaches).toBe(i.status === 'breached' ? 1 : 0);
      expect(i.critical).toBe(false);
    }
  });

  it('no credits in April; the host gets no entry', () => {
    const r = evaluateSla(PAY_SLA, RECIPIENTS, MEASUREMENTS, '2025-04', AS_OF);
    expect(r.credits).toEqual([{ slaId: 'sla-pay', organisationId: 'B', serviceLineId: 'PAY', periodMonths: ['2025-04'], creditPercent: '0' }]);
    expect(creditPercentsForRange([PAY_SLA], { PAY: RECIPIENTS }, MEASUREMENTS, '2025-04', '2025-04', AS_OF)).toEqual([]);
  });

  it('May credit percents: B 5, C 3 (C not a member in April: no doubling), none for host A', () => {
    const r = evaluateSla(PAY_SLA, RECIPIENTS, MEASUREMENTS, '2025-05', AS_OF);
    expect(r.credits).toEqual([
      { slaId: 'sla-pay', organisationId: 'B', serviceLineId: 'PAY', periodMonths: ['2025-05'], creditPercent: '5' },
      { slaId: 'sla-pay', organisationId: 'C', serviceLineId: 'PAY', periodMonths: ['2025-05'], creditPercent: '3' },
    ]);
  });

  it("credits for 2025-04..2025-05 are booked in May and give the table's pounds", () => {
    const credits = creditPercentsForRange([PAY_SLA], new Map([['PAY', RECIPIENTS]]), MEASUREMENTS, '2025-04', '2025-05', AS_OF);
    expect(credits.map((c) => [c.organisationId, c.periodMonths, c.creditPercent])).toEqual([
      ['B', ['2025-05'], '5'],
      ['C', ['2025-05'], '3'],
    ]);
    // co-operative: percent × (operating + fee) of PAY in May
    const charge: Record<string, [string, string]> = { B: ['10603.88', '265.10'], C: ['3961.22', '99.03'] };
    const coop = credits.map((c) => roundPenny(dec(c.creditPercent).div(100).times(dec(charge[c.organisationId][0]).plus(charge[c.organisationId][1]))).toFixed(2));
    expect(coop).toEqual(['543.45', '121.81']);
    // commercial: percent × PAY price for May (annual 208000.00 for B; 120000.00 × 16/31 for C)
    const price: Record<string, string> = { B: '17333.33', C: '5161.29' };
    const commercial = credits.map((c) => roundPenny(dec(c.creditPercent).div(100).times(price[c.organisationId])).toFixed(2));
    expect(commercial).toEqual(['866.67', '154.84']);
  });

  it('June with no measurements: missing (asOf 2026-01-01) and repeat failures double, capped at 10', () => {
    const r = evaluateSla(PAY_SLA, RECIPIENTS, MEASUREMENTS, '2025-06', AS_OF);
    const byOrg = Object.fromEntries(r.credits.map((c) => [c.organisationId, c.creditPercent]));
    // B: accuracy 5 × 2 + on time 3 = 13 → 10; C: accuracy 5 + on time 3 × 2 = 11 → 10
    expect(byOrg).toEqual({ B: '10', C: '10' });
    expect(r.items.every((i) => i.status === 'missing')).toBe(true);
  });
});
