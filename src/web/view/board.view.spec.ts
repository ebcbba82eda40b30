import type { ConsolidatedInput } from '../../reports/view/consolidated.view';
import { boardView, memberScorecards, overallTag, type BoardPageInput } from './board.view';
import { statementPeriods } from './periods';

const HOST = '00000000-0000-4000-8000-000000000001';
const RIVERSIDE = '00000000-0000-4000-8000-000000000002';
const HILLCREST = '00000000-0000-4000-8000-000000000003';
const at = new Date('2026-01-15T10:00:00Z');

const line = (operating: string, fee: string, credits: string, baseline: string) => [
  { serviceLineId: 'l1', code: 'PAY', serviceLineName: 'Payroll services', operating, fee, credits, baseline },
];
const member = (organisationId: string, organisationName: string, s: Record<string, string>, savingsPercent: string | null) => ({
  organisationId,
  organisationName,
  operating: s.operating,
  fee: s.fee,
  investment: s.investment,
  sharedRisk: s.sharedRisk,
  attributedRisk: s.attributedRisk,
  credits: s.credits,
  charge: s.charge,
  baseline: s.baseline,
  savings: s.savings,
  savingsPercent,
  serviceLines: line(s.operating, s.fee, s.credits, s.baseline),
});

/** The worked example's statements 2025-04..2025-05 (domain.md §11), as the API consolidates them. */
const consolidated: ConsolidatedInput = {
  from: '2025-04',
  to: '2025-05',
  totals: {
    operating: '263000.00',
    fee: '6575.00',
    investment: '60000.00',
    sharedRisk: '4500.00',
    attributedRisk: '9000.00',
    credits: '-665.26',
    charge: '342409.74',
    baseline: '553924.73',
    savings: '211514.99',
    savingsPercent: '38.18',
  },
  items: [
    member(
      HOST,
      'North Vale Hospitals NHS Foundation Trust',
      {
        operating: '153909.64',
        fee: '3847.73',
        investment: '32993.35',
        sharedRisk: '2474.50',
        attributedRisk: '0.00',
        credits: '0.00',
        charge: '193225.22',
        baseline: '320000.00',
        savings: '126774.78',
      },
      '39.62',
    ),
    member(
      RIVERSIDE,
      'Riverside Community Health NHS Trust',
      {
        operating: '94486.12',
        fee: '2362.16',
        investment: '20620.84',
        sharedRisk: '1546.56',
        attributedRisk: '9000.00',
        credits: '-543.45',
        charge: '127472.23',
        baseline: '201666.67',
        savings: '74194.44',
      },
      '36.79',
    ),
    member(
      HILLCREST,
      'Hillcrest Mental Health NHS Trust',
      {
        operating: '14604.24',
        fee: '365.11',
        investment: '6385.81',
        sharedRisk: '478.94',
        attributedRisk: '0.00',
        credits: '-121.81',
        charge: '21712.29',
        baseline: '32258.06',
        savings: '10545.77',
      },
      '32.69',
    ),
  ],
};

const members = [
  { organisationId: HOST, organisationName: 'North Vale Hospitals NHS Foundation Trust', isHost: true },
  { organisationId: RIVERSIDE, organisationName: 'Riverside Community Health NHS Trust', isHost: false },
  { organisationId: HILLCREST, organisationName: 'Hillcrest Mental Health NHS Trust', isHost: false },
];

/** May 2025 of the worked example: A met both; B accuracy breached, on time at risk; C accuracy at risk, on time breached (a third failure in a row: critical). */
const items = [
  { organisationId: HOST, status: 'met', critical: false },
  { organisationId: HOST, status: 'met', critical: false },
  { organisationId: RIVERSIDE, status: 'breached', critical: false },
  { organisationId: RIVERSIDE, status: 'at_risk', critical: false },
  { organisationId: HILLCREST, status: 'at_risk', critical: false },
  { organisationId: HILLCREST, status: 'breached', critical: true },
];

function input(over: Partial<BoardPageInput> = {}): BoardPageInput {
  const periods = statementPeriods({ startMonth: '2025-04', currentMonth: '2025-08', closed: ['2025-04', '2025-05', '2025-06'] });
  return {
    consortiumId: 'c1',
    consortiumName: 'North Vale Back Office Partnership',
    deliveryModel: 'cooperative',
    hostOrganisationId: HOST,
    ownOrganisationId: RIVERSIDE,
    members,
    odsCodes: new Map([
      [HOST, 'DNV01'],
      [RIVERSIDE, 'DRV02'],
      [HILLCREST, 'DHC03'],
    ]),
    periods,
    choices: [],
    form: { from: '2025-04', to: '2025-05', errors: [] },
    period: { from: '2025-04', to: '2025-05' },
    consolidated,
    performance: { month: '2025-05', items },
    at,
    ...over,
  };
}

describe('partnership board page view', () => {
  it("shows the consolidated statement: every member's row and the totals, to the penny", () => {
    const v = boardView(input());
    const c = v.consolidated!;
    expect(v.periodText).toBe('April to May 2025');
    expect(c.figures.map((f) => [f.figure, f.value])).toEqual([
      ['charge', '£342,409.74'],
      ['baseline', '£553,924.73'],
      ['savings', '£211,514.99'],
      ['savingsPercent', '38.18%'],
      ['credits', '−£665.26'],
    ]);
    expect(c.members.map((m) => [m.organisationId, m.name, m.charge, m.baseline, m.savings, m.savingsPercent])).toEqual([
      [HOST, 'North Vale Hospitals NHS Foundation Trust (host)', '£193,225.22', '£320,000.00', '£126,774.78', '39.62%'],
      [RIVERSIDE, 'Riverside Community Health NHS Trust', '£127,472.23', '£201,666.67', '£74,194.44', '36.79%'],
      [HILLCREST, 'Hillcrest Mental Health NHS Trust', '£21,712.29', '£32,258.06', '£10,545.77', '32.69%'],
    ]);
    expect(c.memberTotal).toMatchObject({ name: 'All members', charge: '£342,409.74', baseline: '£553,924.73', savings: '£211,514.99', savingsPercent: '38.18%' });
    expect(c.lines.map((l) => l.amount)).toEqual(['£263,000.00', '£6,575.00', '£60,000.00', '£4,500.00', '£9,000.00', '−£665.26']);
    expect(c.total).toBe('£342,409.74');
    expect(c.serviceLines).toEqual([expect.objectContaining({ name: 'Payroll services (PAY)', operating: '£263,000.00', fee: '£6,575.00', credits: '−£665.26' })]);
    expect(c.summary[0]).toBe(
      'Over April to May 2025, the 3 members of North Vale Back Office Partnership were charged £342,409.74 in total against their combined baseline of £553,924.73 for running the same services themselves: a saving of £211,514.99 (38.18%).',
    );
    expect(String(c.chart)).toContain('DRV02');
    expect(c.pdfHref).toBe('/consortium/c1/reports/consolidated.pdf?from=2025-04&to=2025-05');
    expect(v.quickLinks.quarter).toEqual({ text: 'Last closed quarter: April to June 2025', href: '/consortium/c1/board?from=2025-04&to=2025-06', current: false });
  });

  it("counts every member's targets by status, with the worst as a tag in words", () => {
    const v = boardView(input());
    expect(v.performance.monthText).toBe('May 2025');
    expect(v.performance.rows.map((r) => [r.name, r.met, r.atRisk, r.breached, r.missing, r.pending, r.critical, r.tag?.text ?? r.noTargets])).toEqual([
      ['North Vale Hospitals NHS Foundation Trust (host)', '2', '0', '0', '0', '0', '0', 'Met'],
      ['Hillcrest Mental Health NHS Trust', '0', '1', '1', '0', '0', '1', 'Critical'],
      ['Riverside Community Health NHS Trust (your organisation)', '0', '1', '1', '0', '0', '0', 'Breached'],
    ]);
    expect(v.performance.total).toEqual({ met: '2', atRisk: '2', breached: '2', missing: '0', pending: '0', critical: '1' });
    expect(v.performance.attention).toEqual([
      "Persistent failures (breached or missing for three or more periods in a row) for Hillcrest Mental Health NHS Trust: for the board's attention.",
      'Targets breached or missing in May 2025 for Riverside Community Health NHS Trust.',
    ]);
    expect(v.performance.href).toBe('/consortium/c1/performance?month=2025-05');
    expect(v.performance.pdfHref).toBe('/consortium/c1/reports/performance.pdf?month=2025-05');
  });

  it('a member with no targets in the month says so; a month with none at all has no table', () => {
    const cards = memberScorecards(members, items.slice(0, 2), HOST);
    expect(cards.map((c) => c.name)).toEqual(['North Vale Hospitals NHS Foundation Trust', 'Hillcrest Mental Health NHS Trust', 'Riverside Community Health NHS Trust']);
    expect(cards.map((c) => c.targets)).toEqual([2, 0, 0]);
    expect(overallTag(cards[1])).toBeNull();
    expect(overallTag({ ...cards[1], targets: 1, pending: 1 })?.text).toBe('Not yet due');
    expect(overallTag({ ...cards[1], targets: 1, missing: 1 })?.text).toBe('Missing');
    const v = boardView(input({ performance: { month: '2025-05', items: items.slice(0, 2) } }));
    expect(v.performance.rows[1].noTargets).toBe('No targets applied');
    expect(v.performance.attention).toEqual(['No target was breached or missing in May 2025.']);
    expect(boardView(input({ performance: { month: '2025-05', items: [] } })).performance.hasTargets).toBe(false);
  });

  it('a period with errors shows the form, no statement', () => {
    const v = boardView(
      input({
        period: null,
        consolidated: null,
        form: { from: '2025-06', to: '2025-04', errors: [{ id: 'to', message: 'The last month must be the same as the first month or after it' }] },
      }),
    );
    expect(v.consolidated).toBeNull();
    expect(v.form.to.error).toBe('The last month must be the same as the first month or after it');
  });
});
