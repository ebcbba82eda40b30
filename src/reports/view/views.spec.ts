import { buildPerformanceView, type Names, type PerfItemInput } from './performance.view';
import { buildStatementView, type StatementInput } from './statement.view';
import { buildBenchmarkView } from './benchmark.view';

const at = new Date('2025-06-03T13:05:00Z');
const names: Names = {
  organisation: (id) => ({ A: 'North Vale', B: 'Riverside', C: 'Hillcrest' })[id] ?? id,
  serviceLine: () => ({ code: 'PAY', name: 'Payroll' }),
  kpi: (code) => ({ name: code === 'ACC' ? 'Payroll accuracy' : 'Paid on time', unit: 'percent', direction: 'higher_is_better' }),
};
const item = (org: string, kpiCode: string, value: string | null, status: PerfItemInput['status'], consecutiveBreaches = 0): PerfItemInput => ({
  slaId: 's1',
  slaName: 'Payroll SLA',
  kind: 'SLA',
  frequency: 'monthly',
  serviceLineId: 'l1',
  kpiCode,
  organisationId: org,
  value,
  target: '99.5',
  threshold: '99',
  status,
  consecutiveBreaches,
  critical: consecutiveBreaches >= 3,
  periodStart: '2025-05',
  periodEnd: '2025-05',
});

describe('performance view model', () => {
  it('summarises the month in words a board can read, and labels every status', () => {
    const v = buildPerformanceView({
      consortiumName: 'P',
      audience: null,
      month: '2025-05',
      at,
      history: [],
      items: [item('A', 'ACC', '99.6', 'met'), item('B', 'ACC', '98.7', 'breached', 3), item('C', 'ACC', '99.2', 'at_risk'), item('C', 'ONT', null, null)],
      credits: [{ slaId: 's1', organisationId: 'B', serviceLineId: 'l1', periodMonths: ['2025-05'], creditPercent: '10', amount: '1086.90' }],
      names,
    });
    expect(v.frame.summary).toEqual([
      '2 of 3 targets due in May 2025 were met or within tolerance (1 met, 1 at risk).',
      '1 was breached or had no figure: Riverside – Payroll accuracy.',
      'Service credits of £1,086.90 reduce the charges of Riverside this month.',
      "1 target has failed three or more periods in a row and needs the board's attention.",
      '1 target is not yet due.',
    ]);
    expect(v.slas[0].rows.map((r) => r.status.label)).toEqual(['MET', 'BREACHED', 'AT RISK', 'PENDING']);
    expect(v.slas[0].rows[1]).toMatchObject({ value: '98.7%', target: '≥ 99.5%', threshold: '99%', streak: '3 – CRITICAL' });
    expect(v.credits[0]).toMatchObject({ percent: '10%', amount: '\u2212£1,086.90' });
    expect(v.creditsTotal).toBe('\u2212£1,086.90');
    expect(v.tiles.find((t) => t.label === 'Service credits')!.value).toBe('£1,086.90');
  });

  it('says so when credits are not priced yet and when nothing applied', () => {
    const v = buildPerformanceView({
      consortiumName: 'P',
      audience: 'Riverside',
      month: '2025-05',
      at,
      history: [],
      items: [item('B', 'ACC', '98.7', 'breached')],
      credits: [{ slaId: 's1', organisationId: 'B', serviceLineId: 'l1', periodMonths: ['2025-05'], creditPercent: '5', amount: null }],
      names,
    });
    expect(v.frame.summary[2]).toBe("Service credits are due to Riverside; they are priced when the month's charges are calculated.");
    expect(v.creditsTotal).toBe('to be priced');
    const none = buildPerformanceView({ consortiumName: 'P', audience: 'Riverside', month: '2025-05', at, history: [], items: [], credits: [], names });
    expect(none.frame.summary).toEqual(['No SLA targets applied to Riverside in May 2025.']);
  });
});

describe('statement view model', () => {
  const B: StatementInput = {
    organisationId: 'B',
    from: '2025-04',
    to: '2025-05',
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
    serviceLines: [
      { serviceLineId: 'FIN', code: 'FIN', operating: '72829.61', fee: '1820.74', credits: '0.00', baseline: '158333.33' },
      { serviceLineId: 'PAY', code: 'PAY', operating: '21656.51', fee: '541.42', credits: '-543.45', baseline: '43333.33' },
    ],
    months: [
      { month: '2025-04', charge: '50752.03', baseline: '100833.33' },
      { month: '2025-05', charge: '76720.20', baseline: '100833.33' },
    ],
  };

  it('formats the worked example’s statement for B to the penny', () => {
    const v = buildStatementView({
      consortiumName: 'P',
      deliveryModel: 'cooperative',
      organisationName: 'Riverside',
      isHost: false,
      statement: B,
      serviceLineName: (id) => (id === 'FIN' ? 'Finance' : 'Payroll'),
      exit: { unavailable: 'none' },
      at,
    });
    expect(v.frame.summary[0]).toBe(
      'Over April to May 2025, Riverside was charged £127,472.23 against a baseline of £201,666.67 for running the same services itself: a saving of £74,194.44 (36.79%).',
    );
    expect(v.frame.summary[1]).toBe('Service credits of £543.45 were deducted because agreed service levels were missed.');
    expect(v.lines.map((l) => l.amount)).toEqual(['£94,486.12', '£2,362.16', '£20,620.84', '£1,546.56', '£9,000.00', '\u2212£543.45']);
    expect(v.total.amount).toBe('£127,472.23');
    expect(v.serviceLines[1]).toMatchObject({ name: 'Payroll (PAY)', total: '£21,654.48', credits: '\u2212£543.45' });
    // the total row shows the statement's baseline (exact, rounded once), not the sum of the rounded lines (…66)
    expect(v.serviceLineTotal.baseline).toBe('£201,666.67');
    expect(v.baselineRoundingNote).not.toBe('');
    expect(v.months[1]).toEqual({ month: 'May 2025', charge: '£76,720.20', baseline: '£100,833.33', savings: '£24,113.13' });
    expect(v.exit).toBeNull();
    expect(v.exitUnavailable).toBe('none');
  });

  it('leaves out service lines with nothing to show, and counts them', () => {
    const idle = { serviceLineId: 'HR', code: 'HR', operating: '0.00', fee: '0.00', credits: '0.00', baseline: '0.00' };
    const v = buildStatementView({
      consortiumName: 'P',
      deliveryModel: 'cooperative',
      organisationName: 'Riverside',
      isHost: false,
      statement: { ...B, serviceLines: [...B.serviceLines, idle] },
      serviceLineName: (id) => id,
      exit: { unavailable: 'none' },
      at,
    });
    expect(v.serviceLines).toHaveLength(B.serviceLines.length);
    expect(v.serviceLinesOmitted).toBe(1);
  });

  it('words an overspend as an extra cost, and shows the exit quote', () => {
    const over = { ...B, baseline: '100000.00', savings: '-27472.23', savingsPercent: '-27.47' };
    const v = buildStatementView({
      consortiumName: 'P',
      deliveryModel: 'cooperative',
      organisationName: 'Riverside',
      isHost: false,
      statement: over,
      serviceLineName: () => 'x',
      at,
      exit: {
        quote: {
          noticeDate: '2025-06-01',
          model: 'cooperative',
          exitMonth: '2025-12',
          minimumTermEndMonth: '2028-03',
          earlyMonths: 27,
          averageMonthlyCharge: '48424.14',
          earlyTermination: '326862.94',
          strandedCosts: '232435.87',
          unrecoveredInvestment: '17871.39',
          redundancyCosts: '0.00',
          total: '577170.20',
        },
      },
    });
    expect(v.frame.summary[0]).toContain('which is £27,472.23 (27.47%) more than its baseline of £100,000.00');
    expect(v.comparison[2].label).toBe('Extra cost against baseline');
    expect(v.exit!.total).toBe('£577,170.20');
    expect(v.frame.summary).toContain('If Riverside gave notice on 1 June 2025, it would leave at the end of December 2025 and the exit charge would be £577,170.20.');
  });
});

describe('benchmark view model', () => {
  it('places the organisation among its peers with 4-decimal KPIs and pound savings', () => {
    const v0: Parameters<typeof buildBenchmarkView>[0] = {
      organisationName: 'T5',
      at,
      group: {
        financialYear: '2024/25',
        function: 'finance',
        organisationType: 'acute_trust',
        n: 8,
        trimmed: 2,
        average: '1.0875',
        median: '1.0750',
        lowerQuartile: '0.9875',
        upperQuartile: '1.2500',
        hackett: { median: '1.1570', bestInClass: '0.6090' },
        totalSavingsPotential: '2150000.00',
        items: [
          {
            organisationId: 'o5',
            organisationName: 'T5',
            peer: 'Peer 5',
            rank: 5,
            excluded: false,
            kpi: '1.1000',
            savingsPotential: '18750.00',
            savingsToLowerQuartile: '168750.00',
          },
        ],
        position: { organisationId: 'o5', rank: 5, kpi: '1.1000', savingsPotential: '18750.00', savingsToLowerQuartile: '168750.00' },
        suppressed: null,
      },
    };
    const v = buildBenchmarkView(v0);
    expect(v.frame.summary[0]).toBe('T5 spends 1.1000% of its turnover on finance, above the average of 1.0875% for 8 acute trusts in 2024/25 (ranked 5 of 8, 1 = lowest cost).');
    expect(v.frame.summary[1]).toBe('Bringing costs down to the average would save about £18,750.00 a year; to the lower quartile, £168,750.00.');
    expect(v.peers[0].name).toBe('T5 (this organisation)');
    // an acronym stays one: "on HR", not "on hr"
    const hr = buildBenchmarkView({ organisationName: 'T5', at, group: { ...v0.group, function: 'hr' } });
    expect(hr.frame.summary[0]).toMatch(/^T5 spends 1\.1000% of its turnover on HR, above/);
    expect(hr.frame.title).toBe('HR costs against peers, 2024/25');
    expect(String(v.chart)).toContain('<svg');
    // the rank over the whole group of 8, not over the one bar the caller may see
    expect(String(v.chart)).toContain('T5: 1.10% (5th of 8)');
  });

  const group = {
    financialYear: '2024/25',
    function: 'finance',
    organisationType: 'acute_trust',
    trimmed: 0,
    hackett: null,
    position: null,
  };

  it('shows an unnamed peer by rank only and leaves it out of the chart', () => {
    const v = buildBenchmarkView({
      organisationName: null,
      at,
      group: {
        ...group,
        n: 5,
        trimmed: 1,
        average: '1.0000',
        median: '1.0000',
        lowerQuartile: '0.9000',
        upperQuartile: '1.1000',
        totalSavingsPotential: null,
        items: [
          { organisationId: 'o1', organisationName: 'T1', peer: 'Peer 1', rank: 1, excluded: true, kpi: '0.8000', savingsPotential: '0.00', savingsToLowerQuartile: '0.00' },
          { organisationId: null, organisationName: null, peer: 'Peer 2', rank: 2, excluded: false, kpi: null, savingsPotential: null, savingsToLowerQuartile: null },
        ],
        suppressed: null,
      },
    });
    expect(v.peers[1]).toMatchObject({ name: 'Peer 2', kpi: '–', savings: '–', toLowerQuartile: '–' });
    expect(String(v.chart)).toContain('T1');
    expect(String(v.chart)).not.toContain('Peer 2');
    expect(v.stats.at(-1)).toEqual({ label: 'Savings potential of the whole group', value: '–' });
  });

  it('a suppressed peer group shows no figures, only why', () => {
    const v = buildBenchmarkView({
      organisationName: 'T1',
      at,
      group: {
        ...group,
        n: 2,
        average: null,
        median: null,
        lowerQuartile: null,
        upperQuartile: null,
        totalSavingsPotential: null,
        items: [],
        suppressed: 'peer group smaller than 5',
      },
    });
    expect(v.hasPeers).toBe(false);
    expect(v.chart).toBeNull();
    expect(v.suppressed).toContain('peer group smaller than 5');
    expect(v.frame.summary).toEqual([v.suppressed]);
    expect(v.tiles.map((t) => t.value)).toEqual(['–', '–', '–', '–']);
  });
});
