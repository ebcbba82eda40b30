import { performancePageView, shortPeriod, statusTag, targetText, type PerformancePageInput } from './performance.view';

const SLA = 'sla-1';
const PAY = 'line-pay';
const item = (over: Partial<PerformancePageInput['performance']['items'][number]> = {}): PerformancePageInput['performance']['items'][number] => ({
  slaId: SLA,
  slaName: 'Payroll SLA',
  kind: 'SLA',
  frequency: 'monthly',
  serviceLineId: PAY,
  serviceLineCode: 'PAY',
  serviceLineName: 'Payroll',
  kpiCode: 'PAY_ACCURACY',
  organisationId: 'R',
  organisationName: 'Riverside',
  value: '99.6',
  target: '99.5',
  threshold: '99.0',
  status: 'met',
  consecutiveBreaches: 0,
  critical: false,
  periodStart: '2025-09',
  periodEnd: '2025-09',
  ...over,
});

function input(over: Partial<PerformancePageInput> = {}): PerformancePageInput {
  return {
    consortiumId: 'C',
    month: '2025-09',
    months: ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10'],
    wholeConsortium: false,
    organisationId: 'R',
    performance: { items: [item()], credits: [], summary: { met: 1, atRisk: 0, breached: 0, missing: 0, pending: 0, critical: 0 } },
    history: [],
    slas: [{ id: SLA, name: 'Payroll SLA', targets: [{ kpiCode: 'PAY_ACCURACY', kpiName: 'Payroll accuracy', unit: 'percent', direction: 'higher_is_better' }] }],
    organisationNames: new Map([
      ['R', 'Riverside'],
      ['H', 'Hillcrest'],
      ['N', 'North Vale'],
    ]),
    canSubmit: true,
    ...over,
  };
}

describe('performancePageView', () => {
  it('words every status, null as not yet due; critical is a tag of its own', () => {
    expect([statusTag('met'), statusTag('at_risk'), statusTag('breached'), statusTag('missing'), statusTag(null)].map((t) => t.text)).toEqual([
      'Met',
      'At risk',
      'Breached',
      'Missing',
      'Not yet due',
    ]);
    const v = performancePageView(
      input({
        performance: {
          items: [item({ status: 'missing', value: null, critical: true, consecutiveBreaches: 3 })],
          credits: [],
          summary: { met: 0, atRisk: 0, breached: 0, missing: 1, pending: 0, critical: 1 },
        },
      }),
    );
    expect(v.groups[0].rows[0]).toMatchObject({ result: '–', status: { text: 'Missing', colour: 'red' }, critical: { text: 'Critical' }, streak: '3 periods in a row' });
  });

  it('formats values, targets and limits as the report does', () => {
    const row = performancePageView(input()).groups[0].rows[0];
    expect(row).toMatchObject({ service: 'Payroll (PAY)', measure: 'Payroll accuracy', target: '≥\u00a099.5%', limit: '99%', result: '99.6%' });
    expect(targetText('5', { unit: 'days', direction: 'lower_is_better' })).toBe('≤\u00a05 days');
  });

  it('offers the months newest first, and previous / next within them', () => {
    const v = performancePageView(input());
    expect(v.picker.options[0]).toEqual({ value: '2025-10', text: 'October 2025', selected: false });
    expect(v.picker.options.find((o) => o.selected)?.value).toBe('2025-09');
    expect(v.picker.previous).toEqual({ href: '/consortium/C/performance?month=2025-08', text: 'August 2025' });
    expect(v.picker.next).toEqual({ href: '/consortium/C/performance?month=2025-10', text: 'October 2025' });
    const first = performancePageView(input({ month: '2025-04' }));
    expect(first.picker.previous).toBeNull();
    expect(performancePageView(input({ month: '2025-10' })).picker.next).toBeNull();
  });

  it("groups the whole consortium's rows by organisation, the caller's own first", () => {
    const items = [item({ organisationId: 'N', organisationName: 'North Vale' }), item({ organisationId: 'H', organisationName: 'Hillcrest' }), item({ organisationId: 'R' })];
    const v = performancePageView(
      input({ wholeConsortium: true, performance: { items, credits: [], summary: { met: 3, atRisk: 0, breached: 0, missing: 0, pending: 0, critical: 0 } } }),
    );
    expect(v.groups.map((g) => g.caption)).toEqual(['Riverside (your organisation): September 2025', 'North Vale: September 2025', 'Hillcrest: September 2025']);
  });

  it('lists the credits with their amounts, or "To be priced"', () => {
    const credits = [
      {
        slaId: SLA,
        organisationId: 'R',
        organisationName: 'Riverside',
        serviceLineCode: 'PAY',
        serviceLineName: 'Payroll',
        periodMonths: ['2025-08'],
        creditPercent: '5',
        amount: '-150.00',
      },
    ];
    const v = performancePageView(input({ performance: { ...input().performance, credits } }));
    expect(v.credits).toEqual([{ organisation: 'Riverside', service: 'Payroll (PAY)', sla: 'Payroll SLA', period: 'August 2025', percent: '5%', amount: '−£150.00' }]);
    expect(v.creditsTotal).toBe('−£150.00');
    const unpriced = performancePageView(input({ performance: { ...input().performance, credits: [{ ...credits[0], amount: null }] } }));
    expect(unpriced.credits[0].amount).toBe('To be priced');
    expect(unpriced.creditsTotal).toBe('To be priced');
  });

  it('draws a trend per target and organisation, with the same figures in its table', () => {
    const history = [
      {
        slaId: SLA,
        slaName: 'Payroll SLA',
        kpiCode: 'PAY_ACCURACY',
        organisationId: 'R',
        target: '99.5',
        threshold: '99.0',
        points: [
          { periodStart: '2025-03', periodEnd: '2025-03', value: null, status: null, applicable: false },
          { periodStart: '2025-04', periodEnd: '2025-04', value: '98.7', status: 'breached', applicable: true },
          { periodStart: '2025-05', periodEnd: '2025-05', value: null, status: null, applicable: true },
        ],
      },
    ];
    const v = performancePageView(input({ history }));
    expect(v.trends).toHaveLength(1);
    expect(v.trends[0]).toMatchObject({ heading: 'Payroll accuracy: Payroll SLA', target: '≥\u00a099.5%', limit: '99%' });
    const c = v.trends[0].charts[0];
    expect(c.heading).toBeNull();
    expect(c.rows).toEqual([
      { periodStart: '2025-03', period: 'Mar 2025', result: '–', status: null, notApplicable: true },
      { periodStart: '2025-04', period: 'Apr 2025', result: '98.7%', status: { text: 'Breached', colour: 'red' }, notApplicable: false },
      { periodStart: '2025-05', period: 'May 2025', result: '–', status: { text: 'Not yet due', colour: 'grey' }, notApplicable: false },
    ]);
    const svg = c.chart.toString();
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain('<title id="trend-chart-1-title">Payroll accuracy: March to May 2025</title>');
    expect(c.caption).toBe('Payroll accuracy, March to May 2025');
    expect(shortPeriod('2025-04', '2025-06')).toBe('Apr 2025 to Jun 2025');
  });

  it('links to the form only for those who may submit', () => {
    expect(performancePageView(input()).measurementsHref).toBe('/consortium/C/measurements');
    expect(performancePageView(input({ canSubmit: false })).measurementsHref).toBeNull();
  });
});
