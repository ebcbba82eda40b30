/**
 * Six months of demo activity for the demo consortium, entered through the same services (and so
 * the same validation) as the API, as its host admin: an approved co-operative agreement, costs,
 * payroll activity, baselines, SLAs on payroll and accounts payable with measurements. With it a
 * newcomer's first statement, performance view and PDF reports show real figures. April to June
 * 2025 are closed (statements issued), and a fee change from October 2025 is proposed, awaiting votes;
 * a saved what-if scenario and an options appraisal give the board's decision pages figures.
 */
import type { INestApplication } from '@nestjs/common';
import { AgreementsService } from '../agreements/agreements.service';
import type { PutAgreementDto } from '../agreements/dto';
import type { Principal } from '../auth/principal';
import { AuthService } from '../auth/auth.service';
import { AppraisalsService } from '../appraisals/appraisals.service';
import { BenefitsPlanService } from '../benefits/benefits-plan.service';
import { lastDay, monthRange } from '../common/months';
import { ConsortiaService } from '../consortia/consortia.service';
import { LedgerService } from '../ledger/ledger.service';
import type { SubmitMeasurementsDto } from '../measurements/dto';
import { MonthCloseService } from '../months/month-close.service';
import { MeasurementsService } from '../measurements/measurements.service';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { ScenariosService } from '../scenarios/scenarios.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import { SlasService } from '../slas/slas.service';
import { DEMO } from './demo-data';

const MONTHS = monthRange('2025-04', '2025-09');
/** Monthly operating cost per line (pounds), with a small month-to-month movement. */
const OPERATING: Record<string, number> = { 'FIN-AP': 42000, 'FIN-GL': 38000, 'HR-ADM': 26000, 'HR-REC': 21000, PAY: 30000 };
/** What each member spent per year in-house on those lines before joining (baseline). */
const BASELINE_SHARE: Record<string, number> = { host: 1.0, riverside: 0.62, hillcrest: 0.4, moorland: 0.33 };
/** The share of its baseline each member plans to save (the benefits plan). */
const PLANNED_SHARE = 0.2;
const PAYSLIPS: Record<string, number> = { host: 6000, riverside: 3500, hillcrest: 2500, moorland: 2100 };

const pounds = (n: number) => n.toFixed(2);

export async function seedDemoActivity(app: INestApplication, consortiumId: string): Promise<void> {
  const hostOds = DEMO.organisations.find((o) => o.key === DEMO.users[0].org)!.odsCode;
  const hostId = await app.get(OrganisationDirectoryService).idByOdsCode(null, hostOds);
  const host = hostId ? await app.get(AuthService).principalByEmail(DEMO.users[0].email, hostId) : null;
  if (!host) throw new Error(`The demo host admin ${DEMO.users[0].email} does not exist`);
  const p: Principal = host;
  const lines = new Map((await app.get(ServiceLinesService).list(p, consortiumId)).items.map((l) => [l.code, l.id]));
  const members = (await app.get(ConsortiaService).listMembers(p, consortiumId)).items;
  const orgOf = new Map<string, string>();
  for (const o of DEMO.organisations) {
    const id = await app.get(OrganisationDirectoryService).idByOdsCode(null, o.odsCode);
    if (!id) throw new Error(`The demo organisation ${o.odsCode} does not exist`);
    orgOf.set(o.key, id);
  }
  const joined = (key: string) => members.find((m) => m.organisationId === orgOf.get(key))!.joinedOn;
  const memberIn = (key: string, month: string) => joined(key) <= lastDay(month);

  const agreements = app.get(AgreementsService);
  const agreement = {
    model: 'cooperative',
    basis: 'turnover',
    serviceLineBases: { [lines.get('PAY')!]: 'activity' },
    managementFeePercent: '2.5',
    exit: { minimumTermMonths: 36, noticeMonths: 6, earlyTerminationPercent: '25', strandedCostMonths: 12, fixedCostPercent: '40', amortisationMonths: 60 },
  } as unknown as PutAgreementDto;
  await agreements.put(p, consortiumId, agreement, undefined);
  // the members decide it (domain.md §13): the host proposes, each voter's administrator approves
  const proposed = await agreements.propose(p, consortiumId, undefined);
  for (const voter of proposed.voters) {
    const key = [...orgOf].find(([, id]) => id === voter.organisationId)?.[0];
    const approver = DEMO.users.find((u) => u.org === key && (u.role === 'org_admin' || u.role === 'host_admin'));
    const who = approver ? await app.get(AuthService).principalByEmail(approver.email, voter.organisationId) : null;
    if (!who) throw new Error(`The demo organisation ${key ?? voter.organisationId} has no administrator to vote`);
    await agreements.vote(who, consortiumId, proposed.version, { vote: 'approve', comment: 'Approved by our board (demo)' });
  }

  const ledger = app.get(LedgerService);
  for (const [i, month] of MONTHS.entries()) {
    for (const [code, base] of Object.entries(OPERATING)) {
      const amount = pounds(base * (1 + ((i % 3) - 1) * 0.03));
      await ledger.createCost(p, consortiumId, { month, category: 'operating', amount, serviceLineId: lines.get(code), description: `${code} running costs` }, undefined);
    }
  }
  await ledger.createCost(p, consortiumId, { month: '2025-06', category: 'investment', amount: '60000.00', description: 'Shared e-payroll and purchase-to-pay system' }, undefined);
  await ledger.createCost(
    p,
    consortiumId,
    {
      month: '2025-07',
      category: 'risk',
      amount: '9000.00',
      attributableTo: orgOf.get('riverside'),
      description: 'Late change to Riverside pay scales (borne by Riverside)',
    },
    undefined,
  );
  await ledger.createCost(p, consortiumId, { month: '2025-08', category: 'risk', amount: '4500.00', description: 'Supplier dispute settlement (shared)' }, undefined);

  await ledger.putActivity(p, consortiumId, {
    items: MONTHS.flatMap((month, i) =>
      Object.keys(PAYSLIPS)
        .filter((k) => memberIn(k, month))
        .map((k) => ({ serviceLineId: lines.get('PAY')!, organisationId: orgOf.get(k)!, month, volume: String(PAYSLIPS[k] + i * 10) })),
    ),
  });

  await ledger.putBaselines(p, consortiumId, {
    items: Object.keys(BASELINE_SHARE).flatMap((k) =>
      Object.entries(OPERATING).map(([code, base]) => ({
        organisationId: orgOf.get(k)!,
        serviceLineId: lines.get(code)!,
        annualAmount: pounds(base * 12 * 0.7 * BASELINE_SHARE[k]),
      })),
    ),
  });

  // The benefits plan for 2025/26 (domain.md §16): each member plans to save a fifth of its baseline;
  // the partner trusts are guaranteed 15 % of theirs (the host, which carries the service, is not).
  await app.get(BenefitsPlanService).put(p, consortiumId, {
    items: Object.keys(BASELINE_SHARE).map((k) => ({
      organisationId: orgOf.get(k)!,
      financialYear: '2025/26',
      plannedSavings: pounds(Object.values(OPERATING).reduce((a, base) => a + base * 12 * 0.7 * BASELINE_SHARE[k], 0) * PLANNED_SHARE),
      guaranteedPercent: k === 'host' ? null : '15',
    })),
  });

  const slas = app.get(SlasService);
  await slas.create(p, consortiumId, {
    serviceLineId: lines.get('PAY')!,
    name: 'Payroll services SLA 2025/26',
    kind: 'SLA',
    frequency: 'monthly',
    creditCapPercent: '10',
    effectiveFrom: '2025-04',
    targets: [
      { kpiCode: 'PAY_ACCURACY', target: '99.5', threshold: '99.0', creditPercent: '5' },
      { kpiCode: 'PAY_ON_TIME', target: '100', threshold: '99.8', creditPercent: '3' },
    ],
  });
  await slas.create(p, consortiumId, {
    serviceLineId: lines.get('FIN-AP')!,
    name: 'Accounts payable SLA 2025/26',
    kind: 'SLA',
    frequency: 'monthly',
    creditCapPercent: '8',
    effectiveFrom: '2025-04',
    targets: [
      { kpiCode: 'BPPC_NUMBER_PCT', target: '95', threshold: '92', creditPercent: '2' },
      { kpiCode: 'BPPC_VALUE_PCT', target: '95', threshold: '92', creditPercent: '2' },
    ],
  });

  // Mostly good service, with a few misses a board would ask about (Riverside's payroll in the summer).
  const accuracy: Record<string, string[]> = {
    host: ['99.7', '99.6', '99.8', '99.7', '99.6', '99.8'],
    riverside: ['99.6', '98.7', '99.2', '98.9', '98.8', '99.6'],
    hillcrest: ['', '99.2', '99.6', '99.7', '99.5', '99.8'],
    moorland: ['', '', '', '99.4', '99.6', '99.7'],
  };
  const items: SubmitMeasurementsDto['items'] = [];
  for (const [k, values] of Object.entries(accuracy)) {
    MONTHS.forEach((month, i) => {
      if (!values[i]) return;
      items.push({ kpiCode: 'PAY_ACCURACY', serviceLineId: lines.get('PAY')!, organisationId: orgOf.get(k)!, month, value: values[i] });
      items.push({ kpiCode: 'PAY_ON_TIME', serviceLineId: lines.get('PAY')!, organisationId: orgOf.get(k)!, month, value: k === 'hillcrest' && i === 1 ? '99.7' : '100' });
    });
  }
  MONTHS.forEach((month, i) => {
    items.push({ kpiCode: 'BPPC_NUMBER_PCT', serviceLineId: lines.get('FIN-AP')!, month, value: ['96.1', '95.4', '93.8', '94.6', '95.9', '96.3'][i] });
    items.push({ kpiCode: 'BPPC_VALUE_PCT', serviceLineId: lines.get('FIN-AP')!, month, value: ['97.2', '96.8', '95.1', '95.6', '96.4', '97.0'][i] });
  });
  await app.get(MeasurementsService).submit(p, consortiumId, { items });

  // The first quarter is closed, its statements issued; and a change of terms awaits the members'
  // votes: a management fee of 2.75 % from October 2025 (what a partner's board sees on its home page).
  for (const month of ['2025-04', '2025-05', '2025-06']) await app.get(MonthCloseService).close(p, consortiumId, month, 'Closed by the demo');
  await agreements.put(p, consortiumId, { ...agreement, managementFeePercent: '2.75', effectiveFrom: '2025-10' }, undefined);
  await agreements.propose(p, consortiumId, undefined);

  // Decisions in hand (domain.md §14, §15): a saved what-if, a neighbouring trust joining in July, for
  // the board paper; and an options appraisal of how to deliver the services for the next ten years,
  // the status quo being the members' baselines.
  await app.get(ScenariosService).run(p, consortiumId, {
    from: '2025-04',
    to: '2025-09',
    name: 'Dale Valley Community Trust joins in July 2025',
    changes: [
      {
        kind: 'join',
        name: 'Dale Valley Community Trust',
        annualTurnover: '180000000.00',
        headcount: '2800',
        joinedOn: '2025-07-01',
        baselines: Object.entries(OPERATING).map(([code, base]) => ({ serviceLineId: lines.get(code)!, annualAmount: pounds(base * 12 * 0.7 * 0.36) })),
        activity: [{ serviceLineId: lines.get('PAY')!, monthlyVolume: '2300' }],
      },
    ],
  });
  await app.get(AppraisalsService).create(p, {
    consortiumId,
    name: 'Back-office delivery options, 2026 to 2036',
    years: 10,
    discountRatePercent: '3.5',
    options: [
      {
        name: 'Extend the co-operative partnership',
        deliveryModel: 'cooperative',
        startYear: 0,
        annualRunningCost: '2050000.00',
        oneOffCosts: [{ year: 0, amount: '120000.00' }],
        optimismBiasPercent: '10',
      },
      {
        name: 'Set up a shared services company',
        deliveryModel: 'shared_services_company',
        startYear: 1,
        annualRunningCost: '1860000.00',
        oneOffCosts: [
          { year: 0, amount: '450000.00' },
          { year: 1, amount: '150000.00' },
        ],
        optimismBiasPercent: '24',
      },
      {
        name: 'Outsource the transactional services',
        deliveryModel: 'outsourcing',
        startYear: 2,
        annualRunningCost: '1950000.00',
        oneOffCosts: [
          { year: 1, amount: '300000.00' },
          { year: 2, amount: '250000.00' },
        ],
        optimismBiasPercent: '40',
      },
    ],
  });
}
