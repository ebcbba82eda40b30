import { breachesOf, newBreaches, type BreachInputs } from './breaches';
import type { MeasurementInput, SlaInput } from './types';

const sla: SlaInput = {
  id: 's1',
  serviceLineId: 'pay',
  kind: 'SLA',
  frequency: 'monthly',
  creditCapPercent: '10',
  effectiveFrom: '2025-04',
  effectiveTo: null,
  targets: [
    { kpiCode: 'ACC', direction: 'higher_is_better', target: '99.5', threshold: '99', creditPercent: '5' },
    { kpiCode: 'DAYS', direction: 'lower_is_better', target: '5', threshold: '7', creditPercent: '2' },
  ],
};
const recipients = [
  { organisationId: 'h', joinedOn: '2025-04-01', leftOn: null, isHost: true },
  { organisationId: 'a', joinedOn: '2025-04-01', leftOn: null, isHost: false },
  { organisationId: 'b', joinedOn: '2025-04-01', leftOn: null, isHost: false },
];
const inputs = (measurements: MeasurementInput[]): BreachInputs => ({ slas: [sla], recipientsByServiceLine: new Map([['pay', recipients]]), measurements });
const m = (organisationId: string | null, month: string, value: string, kpiCode = 'ACC'): MeasurementInput => ({ kpiCode, serviceLineId: 'pay', organisationId, month, value });
const ASOF = '2026-01-15';

describe('breachesOf', () => {
  it('finds the breaching targets of the touched months only', () => {
    const all = inputs([m('a', '2025-04', '99.9'), m('a', '2025-06', '98'), m('b', '2025-06', '99.7'), m('a', '2025-05', '90')]);
    const r = breachesOf(all, [{ serviceLineId: 'pay', kpiCode: 'ACC', month: '2025-06' }], ASOF);
    expect(r).toEqual([{ slaId: 's1', serviceLineId: 'pay', kpiCode: 'ACC', organisationId: 'a', month: '2025-06', level: 'breached', value: '98', target: '99.5' }]);
  });

  it('an at-risk value is no breach; a third failure in a row (missing months count) is critical', () => {
    expect(breachesOf(inputs([m('a', '2025-06', '99.2')]), [{ serviceLineId: 'pay', kpiCode: 'ACC', month: '2025-06' }], ASOF)).toEqual([]);
    const three = inputs([m('a', '2025-04', '90'), m('a', '2025-05', '90'), m('a', '2025-06', '90')]);
    expect(breachesOf(three, [{ serviceLineId: 'pay', kpiCode: 'ACC', month: '2025-06' }], ASOF).map((b) => b.level)).toEqual(['critical']);
  });

  it('a service-line-wide value breaches for every recipient without its own', () => {
    const r = breachesOf(inputs([m(null, '2025-06', '8', 'DAYS'), m('b', '2025-06', '4', 'DAYS')]), [{ serviceLineId: 'pay', kpiCode: 'DAYS', month: '2025-06' }], ASOF);
    expect(r.map((b) => b.organisationId)).toEqual(['h', 'a']);
  });

  it('ignores KPIs and service lines no SLA targets', () => {
    expect(breachesOf(inputs([m('a', '2025-06', '1', 'OTHER')]), [{ serviceLineId: 'pay', kpiCode: 'OTHER', month: '2025-06' }], ASOF)).toEqual([]);
  });
});

describe('newBreaches', () => {
  const touched = [{ serviceLineId: 'pay', kpiCode: 'ACC', month: '2025-06' }];
  it('tells a first breach and a breach turning critical, not the same breach again', () => {
    const met = [m('a', '2025-04', '99.9'), m('a', '2025-05', '99.9')];
    const before = breachesOf(inputs(met), touched, ASOF);
    const after = breachesOf(inputs([...met, m('a', '2025-06', '98')]), touched, ASOF);
    expect(newBreaches(before, after).map((b) => b.level)).toEqual(['breached']);
    const again = breachesOf(inputs([...met, m('a', '2025-06', '97')]), touched, ASOF);
    expect(newBreaches(after, again)).toEqual([]);
    const critical = breachesOf(inputs([m('a', '2025-04', '90'), m('a', '2025-05', '90'), m('a', '2025-06', '97')]), touched, ASOF);
    expect(newBreaches(after, critical).map((b) => b.level)).toEqual(['critical']);
  });
});
