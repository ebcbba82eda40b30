import type { StatementView } from '../../statements/dto';
import { statementPeriods } from './periods';
import { formatLondonDate, statementsView, uniqueMembers, type StatementsPageInput } from './statements.view';

const HOST = '00000000-0000-4000-8000-000000000001';
const RIVERSIDE = '00000000-0000-4000-8000-000000000002';
const HILLCREST = '00000000-0000-4000-8000-000000000003';

const statement: StatementView = {
  organisationId: RIVERSIDE,
  organisationName: 'Riverside Community Health NHS Trust',
  from: '2025-04',
  to: '2025-06',
  operating: '160399.43',
  fee: '4009.99',
  investment: '18750.00',
  sharedRisk: '0.00',
  attributedRisk: '0.00',
  credits: '-448.60',
  charge: '182710.82',
  baseline: '204414.00',
  savings: '21703.18',
  savingsPercent: '10.62',
  plannedSavings: '25000.00',
  savingsGap: '-3296.82',
  guaranteed: '20441.40',
  shortfall: '0.00',
  serviceLines: [
    {
      serviceLineId: 'l1',
      code: 'PAY',
      serviceLineCode: 'PAY',
      serviceLineName: 'Payroll services',
      operating: '28493.07',
      fee: '712.33',
      credits: '-448.60',
      baseline: '39060.00',
    },
    { serviceLineId: 'l2', code: 'FIN-AR', serviceLineCode: 'FIN-AR', serviceLineName: 'Customer billing', operating: '0.00', fee: '0.00', credits: '0.00', baseline: '0.00' },
  ],
  months: [
    { month: '2025-04', charge: '59554.37', baseline: '68138.00' },
    { month: '2025-05', charge: '53262.00', baseline: '68138.00' },
    { month: '2025-06', charge: '69894.45', baseline: '68138.00' },
  ],
};

const members = [
  { organisationId: HOST, organisationName: 'North Vale Hospitals', isHost: true },
  { organisationId: RIVERSIDE, organisationName: 'Riverside Community Health NHS Trust', isHost: false },
  { organisationId: HILLCREST, organisationName: 'Hillcrest Mental Health', isHost: false },
];

function input(o: Partial<StatementsPageInput> = {}): StatementsPageInput {
  const periods = statementPeriods({ startMonth: '2025-04', currentMonth: '2026-12', closed: ['2025-04', '2025-05', '2025-06'] });
  return {
    consortiumId: 'c1',
    consortiumName: 'North Vale Back Office Partnership',
    deliveryModel: 'cooperative',
    hostOrganisationId: HOST,
    picksMember: false,
    members,
    organisationId: RIVERSIDE,
    ownOrganisationId: RIVERSIDE,
    periods,
    choices: [
      { value: '2025-04', text: 'April 2025' },
      { value: '2025-05', text: 'May 2025' },
      { value: '2025-06', text: 'June 2025' },
    ],
    form: { from: '2025-04', to: '2025-06', errors: [] },
    period: { from: '2025-04', to: '2025-06' },
    statement,
    closedMonths: ['2025-04', '2025-05', '2025-06'],
    issued: [
      { month: '2025-04', item: { contentHash: 'a'.repeat(64), issuedAt: new Date('2025-07-01T23:30:00Z') } },
      { month: '2025-05', item: { contentHash: 'b'.repeat(64), issuedAt: new Date('2025-07-02T10:00:00Z') } },
      { month: '2025-06', item: null },
    ],
    at: new Date('2026-12-02T10:00:00Z'),
    ...o,
  };
}

describe('statementsView', () => {
  it('the figures, formatted as the statement PDF formats them', () => {
    const v = statementsView(input());
    expect(v.statement!.figures.map((f) => [f.figure, f.value])).toEqual([
      ['charge', '£182,710.82'],
      ['baseline', '£204,414.00'],
      ['savings', '£21,703.18'],
      ['savingsPercent', '10.62%'],
      ['plannedSavings', '£25,000.00'],
      ['savingsGap', '−£3,296.82'],
      ['guaranteed', '£20,441.40'],
      ['shortfall', '£0.00'],
    ]);
    expect(v.statement!.figures.find((f) => f.figure === 'savingsGap')!.key).toBe('Behind plan by');
    // no guarantee for the period: the guaranteed and shortfall rows are left out
    const none = statementsView({ ...input(), statement: { ...statement, guaranteed: null, shortfall: null } });
    expect(none.statement!.figures.map((f) => f.figure)).not.toContain('shortfall');
    expect(v.statement!.lines.map((l) => [l.label, l.amount])).toEqual([
      ['Operating costs (share)', '£160,399.43'],
      ['Management fee', '£4,009.99'],
      ['Investment (share)', '£18,750.00'],
      ['Shared risk', '£0.00'],
      ['Attributed risk', '£0.00'],
      ['Service credits', '−£448.60'],
    ]);
    expect(v.statement!.total).toBe('£182,710.82');
    expect(v.periodText).toBe('April to June 2025');
  });

  it('service lines by name and code; lines with nothing in the period left out and counted', () => {
    const v = statementsView(input());
    expect(v.statement!.serviceLines).toEqual([
      {
        name: 'Payroll services (PAY)',
        code: 'PAY',
        operating: '£28,493.07',
        fee: '£712.33',
        credits: '−£448.60',
        total: '£28,756.80',
        baseline: '£39,060.00',
        savings: '£10,303.20',
      },
    ]);
    expect(v.statement!.serviceLinesNote).toBe(
      // (the lines here do not add up to the statement's baseline, so the rounding note is added)
      '1 service line with no charge and no baseline in the period is not listed. Each line’s baseline is rounded to the penny; the total is the statement’s baseline, computed exactly and rounded once.',
    );
  });

  it('the chart (an accessible SVG) and its figures as a table', () => {
    const v = statementsView(input());
    const svg = v.statement!.chart!.toString();
    expect(svg).toMatch(/^<svg[^>]*role="img"[^>]*aria-labelledby="/);
    expect(svg).toContain('Charge against baseline by month');
    expect(v.statement!.months[2]).toEqual({ month: 'June 2025', charge: '£69,894.45', baseline: '£68,138.00', savings: '−£1,756.45' });
  });

  it('the issued statements of the member in the period, with their full hashes and UK issue dates', () => {
    const v = statementsView(input());
    expect(v.issued!.rows).toEqual([
      { month: 'April 2025', monthValue: '2025-04', issuedOn: '2 July 2025', hash: 'a'.repeat(64) },
      { month: 'May 2025', monthValue: '2025-05', issuedOn: '2 July 2025', hash: 'b'.repeat(64) },
    ]);
    expect(v.issued!.none).toBeNull();
    const none = statementsView(input({ issued: [] }));
    expect(none.issued!.none).toContain('No statement for Riverside Community Health NHS Trust has been issued for April to June 2025');
  });

  it('open months in the period are said to be worked out from the ledger', () => {
    const v = statementsView(input({ closedMonths: ['2025-04'] }));
    expect(v.statement!.openMonths).toBe('May 2025 and June 2025 are not closed yet: their figures are worked out from the ledger as it stands and may still change.');
    expect(statementsView(input()).statement!.openMonths).toBeNull();
  });

  it('quick links for the last closed quarter and the year to date; the PDF link names member and period', () => {
    const v = statementsView(input());
    expect(v.quickLinks.quarter).toEqual({ text: 'Last closed quarter: April to June 2025', href: '/consortium/c1/statements?from=2025-04&to=2025-06', current: true });
    expect(v.quickLinks.yearToDate!.text).toBe('Financial year 2025/26 to date: April to June 2025');
    expect(v.quickLinks.noneClosed).toBeNull();
    expect(v.statement!.pdf.href).toBe(`/consortium/c1/statements/statement.pdf?organisationId=${RIVERSIDE}&from=2025-04&to=2025-06`);
  });

  it('nothing closed: said plainly, no quick links', () => {
    const periods = statementPeriods({ startMonth: '2025-04', currentMonth: '2026-12', closed: [] });
    const v = statementsView(input({ periods, closedMonths: [], issued: [] }));
    expect(v.quickLinks.quarter).toBeNull();
    expect(v.quickLinks.yearToDate).toBeNull();
    expect(v.quickLinks.noneClosed).toContain('No month has been closed yet');
  });

  it('the partnership board picks the member; its quick links keep the member picked', () => {
    const v = statementsView(
      input({ picksMember: true, organisationId: HILLCREST, statement: { ...statement, organisationId: HILLCREST, organisationName: 'Hillcrest Mental Health' } }),
    );
    expect(v.form.member!.options.map((o) => [o.text, o.selected])).toEqual([
      ['North Vale Hospitals (host)', false],
      ['Hillcrest Mental Health', true],
      ['Riverside Community Health NHS Trust (your organisation)', false],
    ]);
    expect(v.quickLinks.quarter!.href).toBe(`/consortium/c1/statements?from=2025-04&to=2025-06&organisationId=${HILLCREST}`);
    expect(statementsView(input()).form.member).toBeNull();
  });

  it('form errors: the field messages, no statement', () => {
    const v = statementsView(
      input({
        period: null,
        statement: null,
        form: { from: '2025-06', to: '2025-04', errors: [{ id: 'to', message: 'The last month must be the same as the first month or after it' }] },
      }),
    );
    expect(v.form.to.error).toBe('The last month must be the same as the first month or after it');
    expect(v.form.from.error).toBeNull();
    expect(v.form.from.options.find((o) => o.selected)!.value).toBe('2025-06');
    expect(v.statement).toBeNull();
    expect(v.issued).toBeNull();
  });
});

describe('uniqueMembers', () => {
  it('once each, the host first, then by name', () => {
    expect(uniqueMembers([members[2], members[1], members[0], members[2]]).map((m) => m.organisationId)).toEqual([HOST, HILLCREST, RIVERSIDE]);
  });
});

describe('formatLondonDate', () => {
  it('the UK date (BST moves late evening UTC to the next day)', () => {
    expect(formatLondonDate(new Date('2025-07-01T23:30:00Z'))).toBe('2 July 2025');
    expect(formatLondonDate('2025-12-01T23:30:00Z')).toBe('1 December 2025');
  });
});
