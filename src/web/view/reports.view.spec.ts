import { statementPeriods } from './periods';
import { reportsView, type ReportsPageInput } from './reports.view';

const ORG = '00000000-0000-4000-8000-000000000002';

function input(o: Partial<ReportsPageInput> = {}): ReportsPageInput {
  return {
    consortiumId: 'c1',
    organisation: { id: ORG, name: 'Riverside', type: 'community_trust' },
    seesWholeConsortium: false,
    periods: statementPeriods({ startMonth: '2025-04', currentMonth: '2026-12', closed: ['2025-04', '2025-05', '2025-06'] }),
    performanceMonth: '2025-09',
    agreement: { version: 1, status: 'approved' },
    benchmark: { financialYear: '2025/26', functions: ['finance', 'payroll'] },
    ...o,
  };
}

const links = (v: ReturnType<typeof reportsView>) => v.groups.flatMap((g) => g.links.map((l) => [l.id, l.href]));

describe('reportsView', () => {
  it('a partner: its statements, the performance report, the agreement and benchmarking; no consolidated statement', () => {
    expect(links(reportsView(input()))).toEqual([
      ['statement-quarter', `/consortium/c1/statements/statement.pdf?organisationId=${ORG}&from=2025-04&to=2025-06`],
      ['statement-year-to-date', `/consortium/c1/statements/statement.pdf?organisationId=${ORG}&from=2025-04&to=2025-06`],
      ['performance', '/consortium/c1/reports/performance.pdf?month=2025-09'],
      ['agreement', '/consortium/c1/reports/agreement.pdf'],
      ['benchmark-finance', '/consortium/c1/reports/benchmark.pdf?financialYear=2025%2F26&function=finance&organisationType=community_trust'],
      ['benchmark-payroll', '/consortium/c1/reports/benchmark.pdf?financialYear=2025%2F26&function=payroll&organisationType=community_trust'],
    ]);
  });

  it('the partnership board also gets the consolidated statement', () => {
    const v = reportsView(input({ seesWholeConsortium: true }));
    expect(links(v)).toEqual(
      expect.arrayContaining([
        ['consolidated-quarter', '/consortium/c1/reports/consolidated.pdf?from=2025-04&to=2025-06'],
        ['consolidated-year-to-date', '/consortium/c1/reports/consolidated.pdf?from=2025-04&to=2025-06'],
        ['board-pack', '/consortium/c1/reports/board-pack.pdf?from=2025-04&to=2025-06'],
      ]),
    );
    expect(v.groups.map((g) => g.heading)).toEqual([
      'Statements of Riverside',
      'For the partnership board',
      'Service performance',
      'The agreement',
      'Benchmarking',
      'What-if scenarios',
    ]);
  });

  it('nothing closed: no statement links, said plainly', () => {
    const v = reportsView(input({ periods: statementPeriods({ startMonth: '2025-04', currentMonth: '2026-12', closed: [] }) }));
    expect(v.groups[0].links).toEqual([]);
    expect(v.groups[0].notes).toEqual([
      'No financial quarter has been closed yet, so there is no statement for a closed quarter.',
      'No month has been closed yet, so there is no statement for the financial year to date.',
    ]);
  });

  it('an administrator (no organisation): no statement or benchmarking links of its own', () => {
    const v = reportsView(input({ organisation: null, seesWholeConsortium: true }));
    expect(links(v).map(([id]) => id)).toEqual(['consolidated-quarter', 'consolidated-year-to-date', 'board-pack', 'performance', 'agreement']);
  });

  it('a proposed agreement is named so; none at all is said', () => {
    expect(reportsView(input({ agreement: { version: 2, status: 'proposed' } })).groups.find((g) => g.heading === 'The agreement')!.links[0].text).toBe(
      'The agreement, version 2 (proposed) (PDF)',
    );
    expect(reportsView(input({ agreement: null })).groups.find((g) => g.heading === 'The agreement')!.notes).toEqual(['There is no agreement yet.']);
  });

  it('saved what-if scenarios: a PDF each', () => {
    const v = reportsView(input({ scenarios: [{ id: 's1', name: 'Dale Valley joins', from: '2025-04', to: '2025-09' }] }));
    const g = v.groups.find((x) => x.heading === 'What-if scenarios')!;
    expect(g.links.map((l) => [l.id, l.href, l.text])).toEqual([['scenario-s1', '/consortium/c1/scenarios/s1/report.pdf', 'Dale Valley joins, April to September 2025 (PDF)']]);
    expect(reportsView(input()).groups.find((x) => x.heading === 'What-if scenarios')!.notes).toHaveLength(1);
  });
});
