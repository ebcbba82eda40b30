import { benefitsOf, benefitsTable, planRows } from './benefits.view';

/** The worked example's plan figures 2025-04..2025-05 (docs/calculation-rules.md, benefits against plan). */
const A = { organisationId: 'a', organisationName: 'North Vale', savings: '126774.78', plannedSavings: '160000.00', savingsGap: '-33225.22', guaranteed: null, shortfall: null };
const B = {
  organisationId: 'b',
  organisationName: 'Riverside',
  savings: '74194.44',
  plannedSavings: '50000.00',
  savingsGap: '24194.44',
  guaranteed: '20166.67',
  shortfall: '0.00',
};
const C = {
  organisationId: 'c',
  organisationName: 'Hillcrest',
  savings: '10545.77',
  plannedSavings: '5161.29',
  savingsGap: '5384.48',
  guaranteed: '12903.23',
  shortfall: '2357.46',
};
const T = { savings: '211514.99', plannedSavings: '215161.29', savingsGap: '-3646.30', guaranteed: '33069.90', shortfall: '2357.46' };

describe('benefits against plan in the reports', () => {
  it('a statement’s rows: planned, actual, behind or ahead, and the guarantee only when there is one', () => {
    expect(planRows(C).map((r) => [r.label, r.amount])).toEqual([
      ['Planned savings', '£5,161.29'],
      ['Actual savings', '£10,545.77'],
      ['Ahead of plan by', '£5,384.48'],
      ['Guaranteed savings', '£12,903.23'],
      ['Shortfall against the guarantee', '£2,357.46'],
    ]);
    expect(planRows(A).map((r) => [r.label, r.amount])).toEqual([
      ['Planned savings', '£160,000.00'],
      ['Actual savings', '£126,774.78'],
      ['Behind plan by', '−£33,225.22'],
    ]);
  });

  it('the members’ table: dashes for no guarantee, a shortfall marked, the totals as the total row, plain-English summary', () => {
    const t = benefitsTable([A, B, C], T, 'a');
    expect(t.rows.map((r) => [r.name, r.planned, r.actual, r.gap, r.against, r.guaranteed, r.shortfall, r.short])).toEqual([
      ['North Vale (host)', '£160,000.00', '£126,774.78', '−£33,225.22', 'behind plan', '–', '–', false],
      ['Riverside', '£50,000.00', '£74,194.44', '£24,194.44', 'ahead of plan', '£20,166.67', '£0.00', false],
      ['Hillcrest', '£5,161.29', '£10,545.77', '£5,384.48', 'ahead of plan', '£12,903.23', '£2,357.46', true],
    ]);
    expect(t.total).toMatchObject({ name: 'All members', planned: '£215,161.29', gap: '−£3,646.30', guaranteed: '£33,069.90', shortfall: '£2,357.46' });
    expect(t.summary).toEqual([
      'Together the members saved £211,514.99 against a plan of £215,161.29: £3,646.30 behind plan.',
      'Short of the guaranteed saving: Hillcrest by £2,357.46.',
    ]);
    expect(benefitsTable([], { savings: '0.00', plannedSavings: '0.00', savingsGap: '0.00', guaranteed: null, shortfall: null }, 'a').summary).toEqual([
      'No benefits plan has been recorded for this period.',
    ]);
  });

  it('benefitsOf: null for a statement without the plan’s figures (older callers)', () => {
    expect(benefitsOf({ savings: '1.00' })).toBeNull();
    expect(benefitsOf({ savings: '1.00', plannedSavings: '2.00', savingsGap: '-1.00' })).toEqual({
      savings: '1.00',
      plannedSavings: '2.00',
      savingsGap: '-1.00',
      guaranteed: null,
      shortfall: null,
    });
  });
});
