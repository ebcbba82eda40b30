/** The worked example of domain.md §11 built through the API, for the report tests. */
import type { TestApp } from '../support/app';

export interface Example {
  A: string;
  B: string;
  C: string;
  cid: string;
  fin: string;
  pay: string;
  slaId: string;
  consortiumName: string;
}

export const NAMES = {
  A: 'North Vale Hospitals NHS Foundation Trust',
  B: 'Riverside Community Health NHS Trust',
  C: 'Hillcrest Mental Health NHS Trust',
};

export async function workedExample(
  t: TestApp,
  admin: string,
  opts: { consortiumName?: string; names?: Partial<typeof NAMES>; slaName?: string; ods?: string } = {},
): Promise<Example> {
  const names = { ...NAMES, ...opts.names };
  const ods = opts.ods ?? `R${Math.floor(Math.random() * 1e6)}`;
  const post = async (path: string, body: object) => {
    const res = await t.http.post(path).set('Authorization', admin).send(body);
    if (res.status !== 201 && res.status !== 200) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const mkOrg = async (name: string, code: string, type: string, annualTurnover: string, headcount: string) =>
    (await post('/api/v1/organisations', { name, odsCode: `${ods}${code}`, type, annualTurnover, headcount })).id as string;
  const A = await mkOrg(names.A, 'A', 'acute_foundation_trust', '400000000.00', '6000');
  const B = await mkOrg(names.B, 'B', 'community_trust', '250000000.00', '3500');
  const C = await mkOrg(names.C, 'C', 'mental_health_trust', '150000000.00', '2500');
  const consortiumName = opts.consortiumName ?? 'North Vale Back Office Partnership';
  const cid = (await post('/api/v1/consortia', { name: consortiumName, deliveryModel: 'cooperative', hostOrganisationId: A, startDate: '2025-04-01' })).id;
  await post(`/api/v1/consortia/${cid}/members`, { organisationId: B, joinedOn: '2025-04-01' });
  await post(`/api/v1/consortia/${cid}/members`, { organisationId: C, joinedOn: '2025-05-16' });
  const fin = (await post(`/api/v1/consortia/${cid}/service-lines`, { code: 'FIN', name: 'Finance', function: 'finance', classification: 'transactional' })).id;
  const pay = (await post(`/api/v1/consortia/${cid}/service-lines`, { code: 'PAY', name: 'Payroll', function: 'payroll', classification: 'transactional' })).id;
  const sla = await post(`/api/v1/consortia/${cid}/slas`, {
    serviceLineId: pay,
    name: opts.slaName ?? 'Payroll SLA',
    kind: 'SLA',
    frequency: 'monthly',
    creditCapPercent: '10',
    effectiveFrom: '2025-04',
    targets: [
      { kpiCode: 'PAY_ACCURACY', target: '99.5', threshold: '99.0', creditPercent: '5' },
      { kpiCode: 'PAY_ON_TIME', target: '100', threshold: '99.8', creditPercent: '3' },
    ],
  });
  const m = (kpiCode: string, organisationId: string, month: string, value: string) => ({ kpiCode, serviceLineId: pay, organisationId, month, value });
  await post(`/api/v1/consortia/${cid}/measurements`, {
    items: [
      m('PAY_ACCURACY', A, '2025-04', '99.7'),
      m('PAY_ON_TIME', A, '2025-04', '100'),
      m('PAY_ACCURACY', B, '2025-04', '99.6'),
      m('PAY_ON_TIME', B, '2025-04', '100'),
      m('PAY_ACCURACY', A, '2025-05', '99.6'),
      m('PAY_ON_TIME', A, '2025-05', '100'),
      m('PAY_ACCURACY', B, '2025-05', '98.7'),
      m('PAY_ON_TIME', B, '2025-05', '99.9'),
      m('PAY_ACCURACY', C, '2025-05', '99.2'),
      m('PAY_ON_TIME', C, '2025-05', '99.7'),
    ],
  });
  return { A, B, C, cid, fin, pay, slaId: sla.id, consortiumName };
}

export async function userFor(t: TestApp, admin: string, role: string, organisationId: string): Promise<string> {
  const email = `${role}.${Math.random().toString(36).slice(2)}@reports.example`;
  const password = 'password-1234567';
  const res = await t.http.post('/api/v1/users').set('Authorization', admin).send({ email, password, role, organisationId });
  if (res.status !== 201) throw new Error(`create user: ${res.status} ${JSON.stringify(res.body)}`);
  return t.login(email, password);
}
