import { buildBoardPackView } from './board-pack.view';
import type { PerfItemInput } from './performance.view';

const item = (organisationId: string, status: PerfItemInput['status'], over: Partial<PerfItemInput> = {}): PerfItemInput => ({
  slaId: 's1',
  slaName: 'Payroll SLA',
  kind: 'SLA',
  frequency: 'monthly',
  serviceLineId: 'l1',
  kpiCode: 'PAY_ACCURACY',
  organisationId,
  value: '99.0',
  target: '99.5',
  threshold: '99',
  status,
  consecutiveBreaches: 0,
  critical: false,
  periodStart: '2025-04',
  periodEnd: '2025-04',
  ...over,
});
const statement = (organisationId: string, organisationName: string) => ({
  organisationId,
  organisationName,
  charge: '100.00',
  baseline: '150.00',
  savings: '50.00',
  savingsPercent: '33.33',
  serviceLines: [],
  plannedSavings: '60.00',
  savingsGap: '-10.00',
  guaranteed: null,
  shortfall: null,
});
const names = {
  organisation: (id: string) => (id === 'a' ? 'North Vale' : 'Riverside'),
  serviceLine: () => ({ code: 'PAY', name: 'Payroll' }),
  kpi: () => ({ name: 'Payroll accuracy', unit: 'percent', direction: 'higher_is_better' as const }),
};

describe('board pack view', () => {
  const v = buildBoardPackView({
    consortiumName: 'North Vale Partnership',
    deliveryModel: 'cooperative',
    hostOrganisationId: 'a',
    consolidated: {
      from: '2025-04',
      to: '2025-06',
      totals: {
        operating: '200.00',
        fee: '0.00',
        investment: '0.00',
        sharedRisk: '0.00',
        attributedRisk: '0.00',
        credits: '0.00',
        charge: '200.00',
        baseline: '300.00',
        savings: '100.00',
        savingsPercent: '33.33',
        plannedSavings: '120.00',
        savingsGap: '-20.00',
        guaranteed: null,
        shortfall: null,
      },
      items: [statement('a', 'North Vale'), statement('b', 'Riverside')],
    },
    shortLabel: () => null,
    performance: [
      { month: '2025-05', items: [item('a', 'met'), item('b', 'breached', { consecutiveBreaches: 2 })] },
      { month: '2025-06', items: [item('a', 'met'), item('b', 'missing', { consecutiveBreaches: 3, critical: true })] },
    ],
    names,
    decisions: [{ at: new Date('2025-05-02T09:00:00Z'), kind: 'month_closed', summary: 'April 2025 was closed', actorOrganisationName: 'North Vale' }],
    decisionsTotal: 1,
    at: new Date('2025-07-01T10:00:00Z'),
  });

  it('a row per target and member with its status each month, a member’s critical failure called out', () => {
    expect(v.months).toEqual(['May 25', 'Jun 25']);
    expect(v.performance.map((r) => [r.organisation, r.cells.map((c) => c.status?.label ?? '–'), r.critical])).toEqual([
      ['North Vale', ['MET', 'MET'], false],
      ['Riverside', ['BREACHED', 'MISSING'], true],
    ]);
    expect(v.critical).toEqual([{ organisation: 'Riverside', measure: 'Payroll accuracy', sla: 'Payroll SLA', text: 'no figure for 3 periods in a row to Jun 25 (target 99.5%)' }]);
    expect(v.performanceNote).toBe('The last 2 months of the period are shown (May to June 2025).');
  });

  it('the benefits table is its own section (not repeated in the consolidated statement); decisions by date; the summary says it all', () => {
    expect(v.benefits!.total).toMatchObject({ planned: '£120.00', gap: '−£20.00' });
    expect(v.consolidated.benefits).toBeNull();
    expect(v.decisions).toEqual([{ date: '2 May 2025', kind: 'Month closed', summary: 'April 2025 was closed', by: 'North Vale' }]);
    expect(v.frame.summary).toContain('1 service level target has failed three or more periods in a row and needs the board’s attention.');
    expect(v.frame.summary).toContain('1 decision was recorded in the period.');
    expect(v.tiles.find((t) => t.label === 'Against plan')).toEqual({ label: 'Against plan', value: '−£20.00', note: 'behind a plan of £120.00' });
  });
});
