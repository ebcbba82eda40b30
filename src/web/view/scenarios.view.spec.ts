import { errorLinks, errorsFromService, formFromChanges, formToRequest, hiddenFields, readScenarioForm, resultsView } from './scenarios.view';

const LINES = [
  { id: 'L1', code: 'FIN', name: 'Finance' },
  { id: 'L2', code: 'PAY', name: 'Payroll' },
];

describe('scenarios page view', () => {
  it('reads the form: only the fieldsets filled in become changes, amounts without £ and commas', () => {
    const f = readScenarioForm(
      {
        from: '2025-04',
        to: '2025-09',
        'join-name': ' Dale Valley ',
        'join-turnover': '£200,000,000',
        'join-headcount': '3,000',
        'join-date': '2025-04-01',
        'join-baseline-L1': '800,000',
        'cost-line': 'all',
        'cost-percent': '+10%',
        unknown: 'x',
      },
      LINES,
    );
    expect(f['join-name']).toBe('Dale Valley');
    const r = formToRequest(f, LINES, 'cooperative');
    expect(r.kinds).toEqual(['join', 'costChange']);
    expect(r.changes).toEqual([
      { kind: 'join', name: 'Dale Valley', annualTurnover: '200000000', headcount: '3000', joinedOn: '2025-04-01', baselines: [{ serviceLineId: 'L1', annualAmount: '800000' }] },
      { kind: 'costChange', percent: '10' },
    ]);
    expect(
      formToRequest(readScenarioForm({ 'leave-member': 'B', 'leave-date': '2025-03-31', 'add-amount': '5', 'add-month': '2025-05', 'add-line': 'L2' }, LINES), LINES, 'cooperative')
        .changes,
    ).toEqual([
      { kind: 'leave', organisationId: 'B', leftOn: '2025-03-31' },
      { kind: 'addCost', month: '2025-05', category: 'operating', amount: '5', serviceLineId: 'L2' },
    ]);
  });

  it('maps the service’s field errors onto the inputs, with links for the error summary', () => {
    const changes = [
      { kind: 'join', baselines: [{ serviceLineId: 'L2', annualAmount: 'x' }] },
      { kind: 'costChange', percent: 'x' },
    ];
    const e = errorsFromService(
      [
        { field: 'to', message: 'the range may span at most 36 months' },
        { field: 'changes[0].annualTurnover', message: 'annualTurnover must be an amount ≥ 0 with at most 2 decimals' },
        { field: 'changes[0].baselines[0].annualAmount', message: 'annualAmount must be an amount' },
        { field: 'changes[1].percent', message: 'percent must be a number' },
      ],
      changes,
      ['join', 'costChange'],
    );
    expect(Object.keys(e)).toEqual(['to', 'join-turnover', 'join-baseline-L2', 'cost-percent']);
    expect(errorLinks(e)[1]).toEqual({ text: 'Annual turnover: annualTurnover must be an amount ≥ 0 with at most 2 decimals', href: '#join-turnover' });
    expect(errorsFromService([{ field: 'changes', message: 'give at least one change' }], [], [])['join-name']).toMatch(/^Describe at least one change/);
  });

  it('a saved scenario back on the form, and its hidden fields', () => {
    const f = formFromChanges(
      [
        { kind: 'leave', organisationId: 'B', leftOn: '2025-03-31' },
        { kind: 'costChange', percent: '-5' },
      ],
      '2025-04',
      '2025-05',
      LINES,
    );
    expect(hiddenFields(f)).toEqual([
      { name: 'from', value: '2025-04' },
      { name: 'to', value: '2025-05' },
      { name: 'leave-member', value: 'B' },
      { name: 'leave-date', value: '2025-03-31' },
      { name: 'cost-line', value: 'all' },
      { name: 'cost-percent', value: '-5' },
    ]);
  });

  it('results: a joiner is named as joining; differences signed; the total row', () => {
    const lines = (charge: string) => ({
      operating: charge,
      fee: '0.00',
      investment: '0.00',
      sharedRisk: '0.00',
      attributedRisk: '0.00',
      credits: '0.00',
      charge,
      baseline: '0.00',
      savings: '0.00',
      savingsPercent: null,
      from: '2025-04',
      to: '2025-05',
      serviceLines: [],
      months: [],
    });
    const diff = (charge: string) => ({ ...lines(charge), serviceLines: [], months: [] });
    const v = resultsView(
      {
        from: '2025-04',
        to: '2025-05',
        changes: [],
        items: [
          { organisationId: 'A', name: 'North Vale', current: lines('100.00'), scenario: lines('80.00'), difference: diff('-20.00') },
          { organisationId: null, name: 'Dale Valley', current: lines('0.00'), scenario: lines('20.00'), difference: diff('20.00') },
        ],
        totals: { current: lines('100.00'), scenario: lines('100.00'), difference: diff('0.00') },
      },
      { changes: ['Dale Valley joins.'], chart: null, ownOnly: false, commercial: false },
    );
    expect(v.members.map((m) => [m.name, m.difference])).toEqual([
      ['North Vale', '−£20.00'],
      ['Dale Valley (joining)', '+£20.00'],
    ]);
    expect(v.memberTotal).toMatchObject({ name: 'All members', difference: '£0.00' });
    expect(v.totals.find((t) => t.key === 'charge')!.scenario).toBe('£100.00');
  });
});
