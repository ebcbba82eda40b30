import { slaHistory } from './history';
import type { MeasurementInput, RecipientInput, SlaInput } from './types';

const s: SlaInput = {
  id: 'S',
  serviceLineId: 'PAY',
  kind: 'SLA',
  frequency: 'monthly',
  creditCapPercent: '10',
  effectiveFrom: '2024-10',
  effectiveTo: null,
  targets: [
    { kpiCode: 'ACC', direction: 'higher_is_better', target: '99.5', threshold: '99', creditPercent: '5' },
    { kpiCode: 'TIME', direction: 'higher_is_better', target: '100', threshold: '99.8', creditPercent: '3' },
  ],
};
const A: RecipientInput = { organisationId: 'A', joinedOn: '2024-01-01', leftOn: null, isHost: true };
const C: RecipientInput = { organisationId: 'C', joinedOn: '2025-05-16', leftOn: null, isHost: false };
const X: RecipientInput = { organisationId: 'X', joinedOn: '2023-01-01', leftOn: '2024-03-31', isHost: false };
const m = (kpiCode: string, organisationId: string | null, month: string, value: string): MeasurementInput => ({
  kpiCode,
  serviceLineId: 'PAY',
  organisationId,
  month,
  value,
});

describe('slaHistory', () => {
  it('monthly: 12 points per target and organisation, up to the month', () => {
    const ms = [m('ACC', 'A', '2025-05', '99.6'), m('ACC', null, '2025-04', '98'), m('ACC', 'C', '2025-05', '99.2')];
    const h = slaHistory(s, [A, C, X], ms, '2025-06', '2025-06-15');
    expect(h.map((x) => `${x.kpiCode}/${x.organisationId}`)).toEqual(['ACC/A', 'ACC/C', 'TIME/A', 'TIME/C']); // X left before the window
    const accA = h[0];
    expect(accA).toMatchObject({ slaId: 'S', serviceLineId: 'PAY', target: '99.5', threshold: '99' });
    expect(accA.points).toHaveLength(12);
    expect(accA.points[0]).toEqual({ periodStart: '2024-07', periodEnd: '2024-07', value: null, status: null, applicable: false }); // before effectiveFrom
    expect(accA.points[3]).toEqual({ periodStart: '2024-10', periodEnd: '2024-10', value: null, status: 'missing', applicable: true });
    expect(accA.points[9]).toMatchObject({ periodStart: '2025-04', value: '98', status: 'breached' }); // service-line wide
    expect(accA.points[10]).toMatchObject({ periodStart: '2025-05', value: '99.6', status: 'met' });
    expect(accA.points[11]).toEqual({ periodStart: '2025-06', periodEnd: '2025-06', value: null, status: null, applicable: true }); // pending
    const accC = h[1];
    expect(accC.points.filter((p) => p.applicable).map((p) => [p.periodStart, p.status])).toEqual([
      ['2025-05', 'at_risk'],
      ['2025-06', null],
    ]);
  });

  it('quarterly: the quarters touching the 12-month window, the last containing the month', () => {
    const q: SlaInput = { ...s, frequency: 'quarterly', effectiveFrom: '2024-01' };
    const h = slaHistory(q, [A], [m('ACC', 'A', '2026-01', '99.7')], '2026-02', '2026-02-10');
    expect(h[0].points.map((p) => [p.periodStart, p.periodEnd, p.status])).toEqual([
      ['2025-01', '2025-03', 'missing'],
      ['2025-04', '2025-06', 'missing'],
      ['2025-07', '2025-09', 'missing'],
      ['2025-10', '2025-12', 'missing'],
      ['2026-01', '2026-03', 'met'],
    ]);
    expect(slaHistory(q, [A], [], '2026-03', '2026-04-01')[0].points.map((p) => p.periodStart)).toEqual(['2025-04', '2025-07', '2025-10', '2026-01']);
  });
});
