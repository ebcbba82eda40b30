import { appraise } from '../../appraisals/core';
import { buildAppraisalView } from './appraisal.view';

const result = appraise({
  years: 3,
  discountRatePercent: '10',
  statusQuoAnnualCost: '1000.00',
  options: [
    { name: 'A', deliveryModel: 'cooperative', startYear: 1, annualRunningCost: '500.00', oneOffCosts: [{ year: 0, amount: '1000.00' }], optimismBiasPercent: '10' },
    { name: 'B', deliveryModel: 'outsourcing', startYear: 0, annualRunningCost: '900.00', oneOffCosts: [], optimismBiasPercent: '0' },
  ],
});

describe('appraisal report view', () => {
  const v = buildAppraisalView({
    consortiumName: 'North',
    appraisal: { name: 'Options', createdAt: null, statusQuoFromBaselines: false, ...result },
    at: new Date('2026-01-05T10:00:00Z'),
  });

  it('ranks the options with the preferred first and says so in plain English', () => {
    // the hand-checked case of the core's spec: B 2461.98 (saving 273.55, payback year 0), A 2967.77 (−232.23, none)
    expect(v.ranking.map((r) => [r.rank, r.name, r.npc, r.saving, r.payback, r.preferred])).toEqual([
      [1, 'B', '£2,461.98', '£273.55', 'Year 0', true],
      [2, 'A', '£2,967.77', '\u2212£232.23', 'Not within the period', false],
    ]);
    expect(v.frame.summary[0]).toBe(
      'The preferred option is B, the cheapest of the 2 options over 3 years at a discount rate of 10%: a net present cost of £2,461.98 against £2,735.54 for the current arrangement, a saving of £273.55.',
    );
    expect(v.tiles.map((t) => t.value)).toEqual(['B', '£2,461.98', '£273.55', 'Year 0']);
  });

  it('lists every stream year by year with its discount factor, and the chart’s table', () => {
    const a = v.options.find((o) => o.name === 'A')!;
    expect(a.years).toEqual([
      { year: 0, factor: '1.0000', cost: '£2,100.00', presentValue: '£2,100.00', cumulative: '£2,100.00' },
      { year: 1, factor: '0.9091', cost: '£500.00', presentValue: '£454.55', cumulative: '£2,600.00' },
      { year: 2, factor: '0.8264', cost: '£500.00', presentValue: '£413.22', cumulative: '£3,100.00' },
    ]);
    expect(a.oneOffs).toBe('£1,000.00 in year 0');
    expect(v.chartHeads).toEqual(['Status quo', 'B', 'A']);
    expect(v.chartRows[2]).toEqual({ year: 2, cells: ['£3,000.00', '£2,700.00', '£3,100.00'] });
    expect(String(v.chart)).toContain('<svg');
  });
});
