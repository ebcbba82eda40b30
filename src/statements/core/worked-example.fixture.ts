/**
 * The worked example of domain.md §11 as plain data, with every expected figure, for the unit tests
 * here and the HTTP tests. Organisations, service lines and members are keyed by short keys ('A',
 * 'B', 'C', 'FIN', 'PAY'); `workedExampleInput()` uses those keys as ids. HTTP tests create the
 * records, then map keys to the ids they got back.
 */
import type { CommercialExitTerms, CooperativeExitTerms, CreditPercentInput, LedgerInput, MemberInput } from './types';

export type OrgKey = 'A' | 'B' | 'C';
export type LineKey = 'FIN' | 'PAY';

export const WORKED_EXAMPLE = {
  organisations: [
    {
      key: 'A',
      name: 'North Vale Hospitals NHS Foundation Trust',
      type: 'acute_foundation_trust',
      annualTurnover: '400000000.00',
      headcount: '6000',
      joinedOn: '2025-04-01',
      isHost: true,
    },
    { key: 'B', name: 'Riverside Community Health NHS Trust', type: 'community_trust', annualTurnover: '250000000.00', headcount: '3500', joinedOn: '2025-04-01', isHost: false },
    { key: 'C', name: 'Hillcrest Mental Health NHS Trust', type: 'mental_health_trust', annualTurnover: '150000000.00', headcount: '2500', joinedOn: '2025-05-16', isHost: false },
  ] as const,
  consortium: { name: 'Worked example consortium', deliveryModel: 'cooperative', host: 'A' as OrgKey, startDate: '2025-04-01' },
  serviceLines: [
    { key: 'FIN', code: 'FIN', name: 'Finance', function: 'finance', classification: 'transactional' },
    { key: 'PAY', code: 'PAY', name: 'Payroll', function: 'payroll', classification: 'transactional' },
  ] as const,
  agreement: {
    model: 'cooperative',
    basis: 'turnover',
    serviceLineBases: { PAY: 'activity' } as Record<LineKey, 'activity'>,
    managementFeePercent: '2.5',
    exit: {
      minimumTermMonths: 36,
      noticeMonths: 6,
      earlyTerminationPercent: '25',
      strandedCostMonths: 12,
      fixedCostPercent: '40',
      amortisationMonths: 60,
    },
  },
  commercialAgreement: {
    deliveryModel: 'shared_services_company',
    model: 'commercial',
    prices: [
      { organisation: 'A', serviceLine: 'FIN', annualPrice: '1200000.00' },
      { organisation: 'B', serviceLine: 'FIN', annualPrice: '760000.00' },
      { organisation: 'C', serviceLine: 'FIN', annualPrice: '480000.00' },
      { organisation: 'A', serviceLine: 'PAY', annualPrice: '336000.00' },
      { organisation: 'B', serviceLine: 'PAY', annualPrice: '208000.00' },
      { organisation: 'C', serviceLine: 'PAY', annualPrice: '120000.00' },
    ] as { organisation: OrgKey; serviceLine: LineKey; annualPrice: string }[],
    exit: {
      noticeMonths: 6,
      exitChargeSchedule: [
        { contractYear: 1, amount: '120000.00' },
        { contractYear: 2, amount: '80000.00' },
      ],
    },
  },
  costs: [
    { key: 'c1', month: '2025-04', category: 'operating', amount: '100000.00', serviceLine: 'FIN', attributableTo: null, description: 'Finance staff April' },
    { key: 'c2', month: '2025-04', category: 'operating', amount: '30000.00', serviceLine: 'PAY', attributableTo: null, description: 'Payroll staff April' },
    { key: 'c3', month: '2025-05', category: 'operating', amount: '100000.00', serviceLine: 'FIN', attributableTo: null, description: 'Finance staff May' },
    { key: 'c4', month: '2025-05', category: 'operating', amount: '33000.00', serviceLine: 'PAY', attributableTo: null, description: 'Payroll staff May' },
    { key: 'c5', month: '2025-05', category: 'investment', amount: '60000.00', serviceLine: null, attributableTo: null, description: 'Shared ledger system' },
    { key: 'c6', month: '2025-05', category: 'risk', amount: '9000.00', serviceLine: null, attributableTo: 'B', description: 'Data migration rework for Riverside' },
    { key: 'c7', month: '2025-05', category: 'risk', amount: '4500.00', serviceLine: null, attributableTo: null, description: 'Shared contingency' },
  ] as {
    key: string;
    month: string;
    category: 'operating' | 'investment' | 'risk';
    amount: string;
    serviceLine: LineKey | null;
    attributableTo: OrgKey | null;
    description: string;
  }[],
  activity: [
    { serviceLine: 'PAY', organisation: 'A', month: '2025-04', volume: '6000' },
    { serviceLine: 'PAY', organisation: 'B', month: '2025-04', volume: '3500' },
    { serviceLine: 'PAY', organisation: 'A', month: '2025-05', volume: '6050' },
    { serviceLine: 'PAY', organisation: 'B', month: '2025-05', volume: '3480' },
    { serviceLine: 'PAY', organisation: 'C', month: '2025-05', volume: '1300' },
  ] as { serviceLine: LineKey; organisation: OrgKey; month: string; volume: string }[],
  baselines: [
    { organisation: 'A', serviceLine: 'FIN', annualAmount: '1500000.00' },
    { organisation: 'B', serviceLine: 'FIN', annualAmount: '950000.00' },
    { organisation: 'C', serviceLine: 'FIN', annualAmount: '600000.00' },
    { organisation: 'A', serviceLine: 'PAY', annualAmount: '420000.00' },
    { organisation: 'B', serviceLine: 'PAY', annualAmount: '260000.00' },
    { organisation: 'C', serviceLine: 'PAY', annualAmount: '150000.00' },
  ] as { organisation: OrgKey; serviceLine: LineKey; annualAmount: string }[],
  sla: {
    serviceLine: 'PAY' as LineKey,
    name: 'Payroll SLA',
    kind: 'SLA',
    frequency: 'monthly',
    creditCapPercent: '10',
    effectiveFrom: '2025-04',
    targets: [
      { kpiCode: 'PAY_ACCURACY', direction: 'higher_is_better', target: '99.5', threshold: '99.0', creditPercent: '5' },
      { kpiCode: 'PAY_ON_TIME', direction: 'higher_is_better', target: '100', threshold: '99.8', creditPercent: '3' },
    ],
  },
  measurements: [
    { kpiCode: 'PAY_ACCURACY', serviceLine: 'PAY', organisation: 'A', month: '2025-04', value: '99.7' },
    { kpiCode: 'PAY_ON_TIME', serviceLine: 'PAY', organisation: 'A', month: '2025-04', value: '100' },
    { kpiCode: 'PAY_ACCURACY', serviceLine: 'PAY', organisation: 'B', month: '2025-04', value: '99.6' },
    { kpiCode: 'PAY_ON_TIME', serviceLine: 'PAY', organisation: 'B', month: '2025-04', value: '100' },
    { kpiCode: 'PAY_ACCURACY', serviceLine: 'PAY', organisation: 'A', month: '2025-05', value: '99.6' },
    { kpiCode: 'PAY_ON_TIME', serviceLine: 'PAY', organisation: 'A', month: '2025-05', value: '100' },
    { kpiCode: 'PAY_ACCURACY', serviceLine: 'PAY', organisation: 'B', month: '2025-05', value: '98.7' },
    { kpiCode: 'PAY_ON_TIME', serviceLine: 'PAY', organisation: 'B', month: '2025-05', value: '99.9' },
    { kpiCode: 'PAY_ACCURACY', serviceLine: 'PAY', organisation: 'C', month: '2025-05', value: '99.2' },
    { kpiCode: 'PAY_ON_TIME', serviceLine: 'PAY', organisation: 'C', month: '2025-05', value: '99.7' },
  ] as { kpiCode: string; serviceLine: LineKey; organisation: OrgKey; month: string; value: string }[],
  /** What the SLA evaluation yields for 2025-05 (B: accuracy breached 5; C: on time breached 3). */
  creditPercents: [
    { organisation: 'B', serviceLine: 'PAY', periodMonths: ['2025-05'], creditPercent: '5' },
    { organisation: 'C', serviceLine: 'PAY', periodMonths: ['2025-05'], creditPercent: '3' },
  ] as { organisation: OrgKey; serviceLine: LineKey; periodMonths: string[]; creditPercent: string }[],
  from: '2025-04',
  to: '2025-05',
  exitRequest: { organisation: 'B' as OrgKey, noticeDate: '2025-06-10', redundancyCosts: '45000.00' },

  expected: {
    /** operating / fee / credits per month, service line and member ('–' rows of C omitted). */
    perServiceLine: [
      { month: '2025-04', line: 'FIN', org: 'A', operating: '61538.46', fee: '1538.46', credits: '0.00' },
      { month: '2025-04', line: 'FIN', org: 'B', operating: '38461.54', fee: '961.54', credits: '0.00' },
      { month: '2025-04', line: 'PAY', org: 'A', operating: '18947.37', fee: '473.68', credits: '0.00' },
      { month: '2025-04', line: 'PAY', org: 'B', operating: '11052.63', fee: '276.32', credits: '0.00' },
      { month: '2025-05', line: 'FIN', org: 'A', operating: '54988.91', fee: '1374.72', credits: '0.00' },
      { month: '2025-05', line: 'FIN', org: 'B', operating: '34368.07', fee: '859.20', credits: '0.00' },
      { month: '2025-05', line: 'FIN', org: 'C', operating: '10643.02', fee: '266.08', credits: '0.00' },
      { month: '2025-05', line: 'PAY', org: 'A', operating: '18434.90', fee: '460.87', credits: '0.00' },
      { month: '2025-05', line: 'PAY', org: 'B', operating: '10603.88', fee: '265.10', credits: '-543.45' },
      { month: '2025-05', line: 'PAY', org: 'C', operating: '3961.22', fee: '99.03', credits: '-121.81' },
    ] as { month: string; line: LineKey; org: OrgKey; operating: string; fee: string; credits: string }[],
    statements: {
      A: {
        operating: '153909.64',
        fee: '3847.73',
        investment: '32993.35',
        sharedRisk: '2474.50',
        attributedRisk: '0.00',
        credits: '0.00',
        charge: '193225.22',
        baseline: '320000.00',
        savings: '126774.78',
        feeIncome: '6575.00',
        creditsFunded: '665.26',
      },
      B: {
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
      C: {
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
    } as Record<OrgKey, Record<string, string>>,
    exitQuoteB: {
      model: 'cooperative',
      exitMonth: '2025-12',
      minimumTermEndMonth: '2028-03',
      earlyMonths: 27,
      averageMonthlyCharge: '48424.14',
      earlyTermination: '326862.94',
      strandedCosts: '232435.87',
      unrecoveredInvestment: '17871.39',
      redundancyCosts: '45000.00',
      total: '622170.20',
    },
    commercial: {
      statements: {
        A: { charge: '256000.00', credits: '0.00' },
        B: { charge: '160466.65', credits: '-866.67' },
        C: { charge: '25651.61', credits: '-154.84' },
      } as Record<OrgKey, { charge: string; credits: string }>,
      exitQuoteB: { model: 'commercial', exitMonth: '2025-12', contractYear: 1, exitCharge: '120000.00', total: '120000.00' },
    },
  },
} as const;

/** Members of the example with the keys as organisation ids. */
export function workedExampleMembers(): MemberInput[] {
  return WORKED_EXAMPLE.organisations.map((o) => ({
    organisationId: o.key,
    name: o.name,
    annualTurnover: o.annualTurnover,
    headcount: o.headcount,
    joinedOn: o.joinedOn,
    leftOn: null,
    isHost: o.isHost,
  }));
}

export function workedExampleCredits(): CreditPercentInput[] {
  return WORKED_EXAMPLE.creditPercents.map((c) => ({
    organisationId: c.organisation,
    serviceLineId: c.serviceLine,
    periodMonths: [...c.periodMonths],
    creditPercent: c.creditPercent,
  }));
}

/** The example as ledger input (keys as ids): co-operative, or the shared_services_company variant. */
export function workedExampleInput(model: 'cooperative' | 'commercial' = 'cooperative'): LedgerInput {
  const ex = WORKED_EXAMPLE;
  return {
    members: workedExampleMembers(),
    serviceLines: ex.serviceLines.map((s) => ({ id: s.key, code: s.code, recipientIds: null })),
    terms:
      model === 'cooperative'
        ? {
            model: 'cooperative',
            basis: 'turnover',
            serviceLineBases: { ...ex.agreement.serviceLineBases },
            fixedShares: {},
            managementFeePercent: ex.agreement.managementFeePercent,
          }
        : {
            model: 'commercial',
            prices: ex.commercialAgreement.prices.map((p) => ({
              organisationId: p.organisation,
              serviceLineId: p.serviceLine,
              annualPrice: p.annualPrice,
            })),
          },
    costs: ex.costs.map((c) => ({
      id: c.key,
      month: c.month,
      category: c.category,
      amount: c.amount,
      serviceLineId: c.serviceLine,
      attributableTo: c.attributableTo,
    })),
    activity: ex.activity.map((a) => ({
      serviceLineId: a.serviceLine,
      organisationId: a.organisation,
      month: a.month,
      volume: a.volume,
    })),
    baselines: ex.baselines.map((b) => ({
      organisationId: b.organisation,
      serviceLineId: b.serviceLine,
      annualAmount: b.annualAmount,
    })),
    credits: workedExampleCredits(),
  };
}

export function workedExampleExitTerms(model: 'cooperative'): CooperativeExitTerms;
export function workedExampleExitTerms(model: 'commercial'): CommercialExitTerms;
export function workedExampleExitTerms(model: 'cooperative' | 'commercial'): CooperativeExitTerms | CommercialExitTerms {
  const ex = WORKED_EXAMPLE;
  if (model === 'cooperative') return { model: 'cooperative', ...ex.agreement.exit };
  return {
    model: 'commercial',
    noticeMonths: ex.commercialAgreement.exit.noticeMonths,
    exitChargeSchedule: ex.commercialAgreement.exit.exitChargeSchedule.map((r) => ({ ...r })),
  };
}
