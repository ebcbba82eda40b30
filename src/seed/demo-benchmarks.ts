/**
 * Demo benchmark returns (domain.md §10) for financial year 2024/25, the year before the demo
 * partnership started: the host (an acute foundation trust) and Riverside (a community trust), each
 * with five peers of its own type, for finance and HR. Six returns per peer group, above the minimum
 * peer group (BENCHMARK_MIN_PEER_GROUP, default 5), so a demo user sees its position and the peer
 * statistics. The peers are organisations outside the partnership. Entered through the same service
 * as `POST /benchmarks/returns`, as the platform admin (who files returns for any organisation).
 *
 * The figures are round: community trusts' finance KPIs 0.8, 0.9, 1.0, 1.1 (Riverside), 1.2 and
 * 1.4 % of turnover (trimmed mean 1.05 %, Riverside's savings potential £125,000.00); acute
 * foundation trusts' 0.9, 1.0, 1.1, 1.2 (the host), 1.3 and 1.4 % (trimmed mean 1.15 %, the host's
 * savings potential £200,000.00).
 */
import type { INestApplication } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import { BenchmarkingService } from '../benchmarking/benchmarking.service';
import type { BenchmarkFunction } from '../benchmarking/core';
import type { OrganisationType } from '../common/enums';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { DEMO } from './demo-data';

export const DEMO_BENCHMARK_YEAR = '2024/25';

interface Peer {
  name: string;
  odsCode: string;
  type: OrganisationType;
  annualTurnover: string;
  /** Cost per function in the year (£). */
  costs: Partial<Record<BenchmarkFunction, string>>;
}

/** The demo organisations' own returns, by key (their turnover is the demo's). */
const OWN: Record<string, Partial<Record<BenchmarkFunction, string>>> = {
  host: { finance: '4800000.00', hr: '2000000.00' },
  riverside: { finance: '2750000.00', hr: '1500000.00' },
};

const PEERS: Peer[] = [
  { name: 'Eastbrook Community Health NHS Trust', odsCode: 'DPC01', type: 'community_trust', annualTurnover: '200000000.00', costs: { finance: '1800000.00', hr: '1000000.00' } },
  { name: 'Westfield Community Services NHS Trust', odsCode: 'DPC02', type: 'community_trust', annualTurnover: '180000000.00', costs: { finance: '2160000.00', hr: '1260000.00' } },
  {
    name: 'Southmoor Community Healthcare NHS Trust',
    odsCode: 'DPC03',
    type: 'community_trust',
    annualTurnover: '300000000.00',
    costs: { finance: '3000000.00', hr: '2400000.00' },
  },
  { name: 'Northdale Community Health NHS Trust', odsCode: 'DPC04', type: 'community_trust', annualTurnover: '150000000.00', costs: { finance: '2100000.00', hr: '675000.00' } },
  { name: 'Greenholm Community Care NHS Trust', odsCode: 'DPC05', type: 'community_trust', annualTurnover: '220000000.00', costs: { finance: '1760000.00', hr: '1430000.00' } },
  {
    name: 'Ashcombe Hospitals NHS Foundation Trust',
    odsCode: 'DPA01',
    type: 'acute_foundation_trust',
    annualTurnover: '500000000.00',
    costs: { finance: '5000000.00', hr: '3000000.00' },
  },
  {
    name: 'Bramley Teaching Hospitals NHS Foundation Trust',
    odsCode: 'DPA02',
    type: 'acute_foundation_trust',
    annualTurnover: '450000000.00',
    costs: { finance: '4950000.00', hr: '1800000.00' },
  },
  {
    name: 'Castleford University Hospitals NHS Foundation Trust',
    odsCode: 'DPA03',
    type: 'acute_foundation_trust',
    annualTurnover: '600000000.00',
    costs: { finance: '8400000.00', hr: '4200000.00' },
  },
  {
    name: 'Dunmore General Hospital NHS Foundation Trust',
    odsCode: 'DPA04',
    type: 'acute_foundation_trust',
    annualTurnover: '350000000.00',
    costs: { finance: '3150000.00', hr: '1925000.00' },
  },
  {
    name: 'Elmside Hospitals NHS Foundation Trust',
    odsCode: 'DPA05',
    type: 'acute_foundation_trust',
    annualTurnover: '380000000.00',
    costs: { finance: '4940000.00', hr: '1710000.00' },
  },
];

/** Files the demo benchmark returns (creating the peer organisations if need be). */
export async function seedDemoBenchmarks(app: INestApplication): Promise<void> {
  const admin = await app.get(AuthService).firstAdmin();
  if (!admin) throw new Error('There is no admin to file the demo benchmark returns');
  const directory = app.get(OrganisationDirectoryService);
  const organisations = app.get(OrganisationsService);
  const benchmarking = app.get(BenchmarkingService);
  const file = async (organisationId: string, turnover: string, costs: Partial<Record<BenchmarkFunction, string>>) => {
    for (const [fn, cost] of Object.entries(costs) as [BenchmarkFunction, string][]) {
      await benchmarking.submit(admin, { organisationId, financialYear: DEMO_BENCHMARK_YEAR, function: fn, cost, turnover });
    }
  };
  for (const [key, costs] of Object.entries(OWN)) {
    const o = DEMO.organisations.find((x) => x.key === key)!;
    const id = await directory.idByOdsCode(null, o.odsCode);
    if (!id) throw new Error(`The demo organisation ${o.odsCode} does not exist`);
    await file(id, o.annualTurnover, costs);
  }
  for (const { costs, ...peer } of PEERS) {
    const id = (await directory.idByOdsCode(null, peer.odsCode)) ?? (await organisations.create(admin, { ...peer, region: 'North East and Yorkshire', headcount: '3000' })).id;
    await file(id, peer.annualTurnover, costs);
  }
}
