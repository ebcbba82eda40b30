import { consolidate } from '../../statements/core';
import { svgTexts } from '../charts/testing/xml-check';
import { buildConsolidatedView, sumServiceLines, type ConsolidatedInput, type ConsolidatedMemberInput, type ConsolidatedReportInput } from './consolidated.view';

const at = new Date('2025-06-03T13:05:00Z');

type Lines = Pick<ConsolidatedMemberInput, 'charge' | 'baseline' | 'savings' | 'savingsPercent'> & {
  operating: string;
  fee: string;
  investment: string;
  sharedRisk: string;
  attributedRisk: string;
  credits: string;
};

const sl = (id: string, name: string, operating: string, fee: string, credits: string, baseline: string) => ({
  serviceLineId: id,
  code: id,
  serviceLineName: name,
  operating,
  fee,
  credits,
  baseline,
});

function member(organisationId: string, organisationName: string, l: Lines, serviceLines: ConsolidatedMemberInput['serviceLines']): ConsolidatedMemberInput & Lines {
  return { organisationId, organisationName, ...l, serviceLines };
}

// Members like the worked example's (domain.md §11; B's are its figures): A hosts, C pays more than its baseline.
const A = member(
  'A',
  'North Vale',
  {
    operating: '151178.24',
    fee: '3779.46',
    investment: '32993.35',
    sharedRisk: '2474.50',
    attributedRisk: '0.00',
    credits: '0.00',
    charge: '190425.55',
    baseline: '337500.00',
    savings: '147074.45',
    savingsPercent: '43.58',
  },
  [sl('FIN', 'Finance', '116527.40', '2913.19', '0.00', '250000.00'), sl('PAY', 'Payroll', '34650.84', '866.27', '0.00', '87500.00')],
);
const B = member(
  'B',
  'Riverside',
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
    savingsPercent: '36.79',
  },
  [sl('FIN', 'Finance', '72829.61', '1820.74', '0.00', '158333.33'), sl('PAY', 'Payroll', '21656.51', '541.42', '-543.45', '43333.33')],
);
const C = member(
  'C',
  'Hillcrest',
  {
    operating: '16535.11',
    fee: '413.38',
    investment: '3607.45',
    sharedRisk: '270.57',
    attributedRisk: '0.00',
    credits: '-121.81',
    charge: '20704.70',
    baseline: '18000.00',
    savings: '-2704.70',
    savingsPercent: '-15.03',
  },
  [sl('FIN', 'Finance', '12744.68', '318.62', '0.00', '13000.00'), sl('PAY', 'Payroll', '3790.43', '94.76', '-121.81', '5000.00'), sl('HR', 'HR', '0.00', '0.00', '0.00', '0.00')],
);

const consolidated = (items: Array<ConsolidatedMemberInput & Lines>): ConsolidatedInput => ({ from: '2025-04', to: '2025-05', totals: consolidate(items), items });

const input = (over: Partial<ConsolidatedReportInput> = {}): ConsolidatedReportInput => ({
  consortiumName: 'North Vale Partnership',
  deliveryModel: 'cooperative',
  hostOrganisationId: 'A',
  consolidated: consolidated([A, B, C]),
  shortLabel: (id) => `ODS-${id}`,
  at,
  ...over,
});

describe('consolidated statement view model', () => {
  it('shows the consortium totals of the consolidated statement to the penny', () => {
    const v = buildConsolidatedView(input());
    expect(v.frame.title).toBe('Consolidated statement for North Vale Partnership');
    expect(v.frame.subtitle).toBe('April to May 2025');
    // operating, fee, investment, shared risk, attributed risk, credits: each the sum of the members' lines
    expect(v.lines.map((l) => l.amount)).toEqual(['£262,199.47', '£6,555.00', '£57,221.64', '£4,291.63', '£9,000.00', '\u2212£665.26']);
    expect(v.total.amount).toBe('£338,602.48');
    expect(v.comparison.map((r) => r.amount)).toEqual(['£338,602.48', '£557,166.67', '£218,564.19']);
    expect(v.comparison[2].note).toBe('39.23% of baseline');
    expect(v.tiles.map((x) => x.value)).toEqual(['£338,602.48', '£557,166.67', '£218,564.19', '\u2212£665.26']);
  });

  it('lists every member with a total row that is the consolidated totals, exactly', () => {
    const c = consolidated([A, B, C]);
    const v = buildConsolidatedView(input({ consolidated: c }));
    expect(v.members).toEqual([
      { name: 'North Vale (host)', code: 'ODS-A', charge: '£190,425.55', baseline: '£337,500.00', savings: '£147,074.45', savingsPercent: '43.58%' },
      { name: 'Riverside', code: 'ODS-B', charge: '£127,472.23', baseline: '£201,666.67', savings: '£74,194.44', savingsPercent: '36.79%' },
      { name: 'Hillcrest', code: 'ODS-C', charge: '£20,704.70', baseline: '£18,000.00', savings: '\u2212£2,704.70', savingsPercent: '\u221215.03%' },
    ]);
    expect(v.memberTotal).toEqual({ name: 'All members', code: null, charge: '£338,602.48', baseline: '£557,166.67', savings: '£218,564.19', savingsPercent: '39.23%' });
    // the total row is the totals given, whatever they are (not a sum made again by the view)
    const v2 = buildConsolidatedView(input({ consolidated: { ...c, totals: { ...c.totals, charge: '1.00' } } }));
    expect(v2.memberTotal.charge).toBe('£1.00');
  });

  it('says in plain English what the period cost against the baseline, and names a member that paid more', () => {
    const v = buildConsolidatedView(input());
    expect(v.frame.summary[0]).toBe(
      'Over April to May 2025, the 3 members of North Vale Partnership were charged £338,602.48 in total against their combined baseline of £557,166.67 for running the same services themselves: a saving of £218,564.19 (39.23%).',
    );
    expect(v.frame.summary[1]).toBe('1 member paid more than its own baseline: Hillcrest.');
    expect(v.frame.summary[2]).toBe("Service credits of £665.26 were deducted from members' charges because agreed service levels were missed.");
    expect(v.frame.facts.map((f) => f.label)).toEqual(['Consortium', 'Period', 'Members', 'Delivery model', 'Prepared for', 'Generated']);

    const noBaseline = (m: ConsolidatedMemberInput & Lines) => ({ ...m, baseline: '0.00', savings: `-${m.charge}`, savingsPercent: null });
    const none = buildConsolidatedView(input({ consolidated: consolidated([noBaseline(A), noBaseline(B)]) }));
    expect(none.frame.summary[0]).toContain('No baseline has been recorded, so savings cannot be shown.');
    expect(none.memberTotal.savingsPercent).toBe('\u2013');
    expect(none.members[0].savingsPercent).toBe('\u2013');

    const over = buildConsolidatedView(input({ consolidated: consolidated([C]) }));
    expect(over.frame.summary[0]).toBe(
      'Over April to May 2025, the only member of North Vale Partnership was charged £20,704.70 in total, which is £2,704.70 (15.03%) more than its baseline of £18,000.00 for running the same services itself.',
    );
    expect(over.comparison[2].label).toBe('Extra cost against baseline');
  });

  it('sums each service line over the members exactly, leaving out lines with nothing in them', () => {
    expect(sumServiceLines([A, B, C])).toEqual([
      { serviceLineId: 'FIN', code: 'FIN', name: 'Finance', operating: '202101.69', fee: '5052.55', credits: '0.00', baseline: '421333.33' },
      { serviceLineId: 'HR', code: 'HR', name: 'HR', operating: '0.00', fee: '0.00', credits: '0.00', baseline: '0.00' },
      { serviceLineId: 'PAY', code: 'PAY', name: 'Payroll', operating: '60097.78', fee: '1502.45', credits: '-665.26', baseline: '135833.33' },
    ]);
    const v = buildConsolidatedView(input());
    expect(v.serviceLines.map((l) => l.code)).toEqual(['FIN', 'PAY']);
    expect(v.serviceLinesOmitted).toBe(1);
    expect(v.serviceLines[1]).toEqual({
      code: 'PAY',
      name: 'Payroll',
      operating: '£60,097.78',
      fee: '£1,502.45',
      credits: '\u2212£665.26',
      total: '£60,934.97',
      baseline: '£135,833.33',
      savings: '£74,898.36',
    });
    // the lines' operating, fee and credits add up to the consortium's; the baseline total is the members' (…67, not …66)
    expect(v.serviceLineTotal).toMatchObject({ operating: '£262,199.47', fee: '£6,555.00', credits: '\u2212£665.26', baseline: '£557,166.67' });
    expect(v.baselineRoundingNote).not.toBe('');
    expect(buildConsolidatedView(input({ consolidated: consolidated([A]) })).baselineRoundingNote).toBe('');
  });

  it('draws charge against baseline per member, labelled by ODS code (the name when there is none), markers without a line', () => {
    const v = buildConsolidatedView(input({ shortLabel: (id) => (id === 'C' ? null : `ODS-${id}`) }));
    const svg = String(v.chart);
    const texts = svgTexts(svg);
    expect(texts).toEqual(expect.arrayContaining(['ODS-A', 'ODS-B', 'Hillcrest', 'Charge', 'Baseline']));
    expect(svg).not.toContain('class="baseline"');
    expect(v.members[2].code).toBeNull();
    const empty = buildConsolidatedView(input({ consolidated: consolidated([]) }));
    expect(empty.chart).toBeNull();
    expect(empty.hasMembers).toBe(false);
    expect(empty.memberTotal.charge).toBe('£0.00');
  });

  it('names the agreed prices for a priced (commercial) model', () => {
    expect(buildConsolidatedView(input({ deliveryModel: 'joint_venture' })).lines[0].label).toBe('Agreed prices');
    expect(buildConsolidatedView(input()).lines[0].label).toBe('Operating costs');
  });
});
