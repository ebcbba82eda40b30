import { benchmarkingHref, benchmarkingView, ordinal, quarterText, rankText, type BenchmarkingPageInput, type PeerViewRowInput } from './benchmarking.view';

const RIVERSIDE = '00000000-0000-4000-8000-000000000002';
const at = new Date('2026-01-15T10:00:00Z');

/** Riverside among six community trusts, finance 2024/25 (the demo returns): KPIs 0.8, 0.9, 1.0, 1.1 (Riverside), 1.2, 1.4. */
const finance: PeerViewRowInput = {
  function: 'finance',
  submitted: true,
  n: 6,
  trimmed: 1,
  kpi: '1.1000',
  rank: 4,
  average: '1.0500',
  median: '1.0500',
  lowerQuartile: '0.9250',
  upperQuartile: '1.1750',
  hackett: { median: '1.1570', bestInClass: '0.6090' },
  savingsPotential: '125000.00',
  savingsToLowerQuartile: '437500.00',
  suppressed: null,
};
const hr: PeerViewRowInput = {
  ...finance,
  function: 'hr',
  kpi: '0.6000',
  rank: 3,
  average: '0.6125',
  median: '0.6250',
  lowerQuartile: '0.5250',
  upperQuartile: '0.6875',
  hackett: { median: '0.7770', bestInClass: '0.4770' },
  savingsPotential: '0.00',
  savingsToLowerQuartile: '187500.00',
};
const none = (fn: PeerViewRowInput['function']): PeerViewRowInput => ({
  function: fn,
  submitted: false,
  n: 0,
  trimmed: 0,
  kpi: null,
  rank: null,
  average: null,
  median: null,
  lowerQuartile: null,
  upperQuartile: null,
  hackett: null,
  savingsPotential: null,
  savingsToLowerQuartile: null,
  suppressed: null,
});

const unnamed = (rank: number) => ({
  organisationId: null,
  organisationName: null,
  peer: `Peer ${rank}`,
  rank,
  excluded: rank === 1 || rank === 6,
  kpi: null,
  savingsPotential: null,
  savingsToLowerQuartile: null,
});
const financeGroup = {
  financialYear: '2024/25',
  function: 'finance',
  organisationType: 'community_trust',
  n: 6,
  trimmed: 1,
  average: '1.0500',
  median: '1.0500',
  lowerQuartile: '0.9250',
  upperQuartile: '1.1750',
  hackett: { median: '1.1570', bestInClass: '0.6090' },
  totalSavingsPotential: '920000.00',
  items: [
    unnamed(1),
    unnamed(2),
    unnamed(3),
    {
      organisationId: RIVERSIDE,
      organisationName: 'Riverside Community Health NHS Trust',
      peer: 'Peer 4',
      rank: 4,
      excluded: false,
      kpi: '1.1000',
      savingsPotential: '125000.00',
      savingsToLowerQuartile: '437500.00',
    },
    unnamed(5),
    unnamed(6),
  ],
  position: { organisationId: RIVERSIDE, rank: 4, kpi: '1.1000', savingsPotential: '125000.00', savingsToLowerQuartile: '437500.00' },
  suppressed: null,
};

function input(over: Partial<BenchmarkingPageInput> = {}): BenchmarkingPageInput {
  return {
    consortiumId: 'c1',
    organisation: { id: RIVERSIDE, name: 'Riverside Community Health NHS Trust', type: 'community_trust' },
    own: true,
    members: [],
    years: ['2024/25'],
    financialYear: '2024/25',
    peerView: {
      organisationId: RIVERSIDE,
      organisationName: 'Riverside Community Health NHS Trust',
      organisationType: 'community_trust',
      financialYear: '2024/25',
      functions: [finance, hr, none('imt'), none('procurement'), none('estates'), none('payroll'), none('governance_risk')],
      totalSavingsPotential: '125000.00',
      totalSavingsToLowerQuartile: '625000.00',
    },
    groups: { finance: financeGroup },
    ownReturnsOnly: false,
    at,
    ...over,
  };
}

describe('benchmarking page view', () => {
  it('words a position: ordinal rank, 1st the lowest cost, and the quarter (lower cost is better)', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st']);
    expect(rankText(4, 6)).toBe('4th of 6 (1st is the lowest cost)');
    expect(rankText(1, 1)).toBe('The only return in its peer group');
    const q = { lowerQuartile: '0.9250', median: '1.0500', upperQuartile: '1.1750' };
    expect(quarterText('0.9250', q)).toBe('In the lowest-cost quarter of its peers');
    expect(quarterText('1.0000', q)).toBe('In the second quarter: below the median, above the lower quartile');
    expect(quarterText('1.0500', q)).toBe('At the median of its peers');
    expect(quarterText('1.1000', q)).toBe('In the third quarter: above the median, at or below the upper quartile');
    expect(quarterText('1.4000', q)).toBe('In the highest-cost quarter of its peers');
  });

  it("shows each function with the API's figures, the position in words and the savings", () => {
    const v = benchmarkingView(input());
    expect(v.empty).toBeNull();
    expect(v.rows).toEqual([
      {
        function: 'finance',
        label: 'Finance',
        kpi: '1.1000%',
        position: '4th of 6 (1st is the lowest cost)',
        average: '1.0500%',
        median: '1.0500%',
        savings: '£125,000.00',
        toLowerQuartile: '£437,500.00',
      },
      {
        function: 'hr',
        label: 'Human resources',
        kpi: '0.6000%',
        position: '3rd of 6 (1st is the lowest cost)',
        average: '0.6125%',
        median: '0.6250%',
        savings: '£0.00',
        toLowerQuartile: '£187,500.00',
      },
    ]);
    expect(v.totals).toEqual({ savings: '£125,000.00', toLowerQuartile: '£625,000.00' });
    expect(v.notSubmitted).toBe('No return for 2024/25 for information management and technology, procurement, estates, payroll, governance and risk.');
    const [fin] = v.sections;
    expect(Object.fromEntries(fin.facts.map((f) => [f.figure, f.value]))).toEqual({
      kpi: '1.1000%',
      rank: '4th of 6 (1st is the lowest cost)',
      quarter: 'In the third quarter: above the median, at or below the upper quartile',
      average: '1.0500%',
      median: '1.0500%',
      lowerQuartile: '0.9250%',
      upperQuartile: '1.1750%',
      savings: '£125,000.00',
      toLowerQuartile: '£437,500.00',
      hackett: 'median 1.1570%, best in class 0.6090%',
    });
    expect(fin.summary[0]).toBe(
      'Riverside Community Health NHS Trust spends 1.1000% of its turnover on finance, above the average of 1.0500% for 6 community trusts in 2024/25 (ranked 4 of 6, 1 = lowest cost).',
    );
    // the chart is the PDF's, ranked over the whole group though only Riverside's bar may be drawn
    expect(String(fin.chart)).toContain('Riverside Community Health NHS Trust: 1.10% (4th of 6)');
    // its text alternative: every peer by rank, Riverside's figures and no one else's
    expect(fin.peers.map((p) => [p.rank, p.name, p.kpi, p.savings, p.self])).toEqual([
      ['1', 'Peer 1', '–', '–', false],
      ['2', 'Peer 2', '–', '–', false],
      ['3', 'Peer 3', '–', '–', false],
      ['4', 'Riverside Community Health NHS Trust (this organisation)', '1.1000%', '£125,000.00', true],
      ['5', 'Peer 5', '–', '–', false],
      ['6', 'Peer 6', '–', '–', false],
    ]);
    expect(fin.unnamedNote).toContain('shown by their rank only');
    expect(fin.pdfHref).toBe('/consortium/c1/reports/benchmark.pdf?financialYear=2024%2F25&function=finance&organisationType=community_trust');
    // a function whose peer group was not fetched has no chart, but its figures
    expect(v.sections[1].chart).toBeNull();
    expect(v.sections[1].facts.find((f) => f.figure === 'savings')!.value).toBe('£0.00');
  });

  it('a peer group below the minimum size shows the own KPI only, and says why', () => {
    const small: PeerViewRowInput = {
      ...finance,
      n: 3,
      rank: null,
      average: null,
      median: null,
      lowerQuartile: null,
      upperQuartile: null,
      savingsPotential: null,
      savingsToLowerQuartile: null,
      suppressed: 'peer group smaller than 5',
    };
    const v = benchmarkingView(input({ peerView: { ...input().peerView!, functions: [small] }, groups: {} }));
    expect(v.rows[0]).toMatchObject({ kpi: '1.1000%', position: 'Not shown', average: '–', savings: '–' });
    expect(v.sections[0].suppressed).toBe(
      "The peers' figures are not shown: the peer group has 3 returns (peer group smaller than 5), too few to keep each organisation's figures private.",
    );
    expect(v.sections[0].facts.map((f) => f.figure)).toEqual(['kpi', 'hackett']);
  });

  it('an organisation with no returns gets a plain-English empty state', () => {
    const v = benchmarkingView(
      input({ organisation: { id: 'h', name: 'Hillcrest Mental Health NHS Trust', type: 'mental_health_trust' }, years: [], financialYear: '2025/26', peerView: null, groups: {} }),
    );
    expect(v.empty).toBe(
      "Hillcrest Mental Health NHS Trust has not made any benchmark returns yet, so there is nothing to compare. A benchmark return is the cost of one back-office function for a financial year with that year's turnover; once it is sent, this page compares it with other mental health trusts.",
    );
    expect(v.rows).toEqual([]);
    expect(v.sections).toEqual([]);
    expect(v.totals).toBeNull();
    expect(v.form.years).toBeNull();
  });

  it('offers the years with returns, and the members to an administrator', () => {
    const v = benchmarkingView(
      input({
        own: false,
        years: ['2024/25', '2023/24'],
        members: [
          { organisationId: 'h', organisationName: 'North Vale', isHost: true },
          { organisationId: RIVERSIDE, organisationName: 'Riverside', isHost: false },
        ],
      }),
    );
    expect(v.form.years).toEqual([
      { value: '2024/25', text: '2024/25', selected: true },
      { value: '2023/24', text: '2023/24', selected: false },
    ]);
    expect(v.form.members).toEqual([
      { value: 'h', text: 'North Vale (host)', selected: false },
      { value: RIVERSIDE, text: 'Riverside', selected: true },
    ]);
    expect(v.sections[0].pdfHref).toBeNull(); // the PDF route is for the caller's own organisation
    expect(benchmarkingHref('c1', { financialYear: '2024/25', organisationId: RIVERSIDE })).toBe(`/consortium/c1/benchmarking?organisationId=${RIVERSIDE}&financialYear=2024%2F25`);
    expect(benchmarkingView(input({ ownReturnsOnly: true })).ownReturnsOnly).toBe(
      "Each organisation's benchmark returns are its own to share, so this page shows Riverside Community Health NHS Trust's. The other members see their own on this page.",
    );
  });
});
