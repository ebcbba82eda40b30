import type { TestApp } from './app';
import { ADMIN } from './app';

/**
 * Two consortia with users of every role, built through the public API:
 *   C1 hosted by H1 with partners P1 and P2;  C2 hosted by H2 with partner Q1.
 * Users: admin; host (H1 host_admin); otherHost (H2 host_admin); partner (P1 partner_user);
 * otherPartner (P2 partner_user, same consortium, another member); board (P1 board_viewer);
 * orgAdmin (P1 org_admin: administers P1's users, profile and invitations); foreignPartner (Q1 partner_user).
 */
export type Actor = 'admin' | 'host' | 'otherHost' | 'partner' | 'otherPartner' | 'board' | 'orgAdmin' | 'foreignPartner' | 'anonymous';
export const ACTORS: Actor[] = ['admin', 'host', 'otherHost', 'partner', 'otherPartner', 'board', 'orgAdmin', 'foreignPartner', 'anonymous'];

export interface Tenant {
  consortiumId: string;
  hostOrgId: string;
  partnerOrgIds: string[];
  serviceLineId: string;
}

export interface World {
  c1: Tenant;
  c2: Tenant;
  tokens: Record<Actor, string | undefined>;
  users: Record<Exclude<Actor, 'anonymous'>, { email: string; password: string; id?: string }>;
}

let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${process.pid}${counter}${Math.floor(Math.random() * 1e6)}`;
}

export async function org(t: TestApp, token: string, over: Record<string, unknown> = {}): Promise<string> {
  const res = await t.http
    .post('/api/v1/organisations')
    .set('Authorization', token)
    .send({ name: unique('Org '), type: 'acute_trust', annualTurnover: '100000000.00', headcount: '1000', ...over });
  if (res.status !== 201) throw new Error(`create org: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

async function post(t: TestApp, token: string, path: string, body: unknown): Promise<{ id: string }> {
  const res = await t.http
    .post(path)
    .set('Authorization', token)
    .send(body as object);
  if (res.status !== 201 && res.status !== 200) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

export async function buildWorld(t: TestApp): Promise<World> {
  const admin = await t.login(ADMIN.email, ADMIN.password);
  const pw = 'password-1234567';
  const mk = async (hostName: string, partners: number) => {
    const hostOrgId = await org(t, admin, { name: hostName, annualTurnover: '400000000.00', headcount: '6000' });
    const partnerOrgIds: string[] = [];
    for (let i = 0; i < partners; i++) partnerOrgIds.push(await org(t, admin, { name: `${hostName} partner ${i + 1}`, type: 'community_trust' }));
    const c = await post(t, admin, '/api/v1/consortia', { name: `${hostName} consortium`, deliveryModel: 'cooperative', hostOrganisationId: hostOrgId, startDate: '2025-04-01' });
    for (const p of partnerOrgIds) await post(t, admin, `/api/v1/consortia/${c.id}/members`, { organisationId: p, joinedOn: '2025-04-01' });
    const sl = await post(t, admin, `/api/v1/consortia/${c.id}/service-lines`, { code: 'PAY', name: 'Payroll', function: 'payroll', classification: 'transactional' });
    return { consortiumId: c.id, hostOrgId, partnerOrgIds, serviceLineId: sl.id };
  };
  const c1 = await mk(unique('North '), 2);
  const c2 = await mk(unique('South '), 1);
  const users: World['users'] = {
    admin: { email: ADMIN.email, password: ADMIN.password },
    host: { email: `${unique('host')}@t.example`, password: pw },
    otherHost: { email: `${unique('otherhost')}@t.example`, password: pw },
    partner: { email: `${unique('partner')}@t.example`, password: pw },
    otherPartner: { email: `${unique('otherpartner')}@t.example`, password: pw },
    board: { email: `${unique('board')}@t.example`, password: pw },
    orgAdmin: { email: `${unique('orgadmin')}@t.example`, password: pw },
    foreignPartner: { email: `${unique('foreign')}@t.example`, password: pw },
  };
  const spec: [Exclude<Actor, 'anonymous' | 'admin'>, string, string][] = [
    ['host', 'host_admin', c1.hostOrgId],
    ['otherHost', 'host_admin', c2.hostOrgId],
    ['partner', 'partner_user', c1.partnerOrgIds[0]],
    ['otherPartner', 'partner_user', c1.partnerOrgIds[1]],
    ['board', 'board_viewer', c1.partnerOrgIds[0]],
    ['orgAdmin', 'org_admin', c1.partnerOrgIds[0]],
    ['foreignPartner', 'partner_user', c2.partnerOrgIds[0]],
  ];
  for (const [actor, role, organisationId] of spec) {
    const u = await post(t, admin, '/api/v1/users', { email: users[actor].email, password: pw, role, organisationId });
    users[actor].id = u.id;
  }
  const tokens = { anonymous: undefined } as World['tokens'];
  for (const a of Object.keys(users) as Exclude<Actor, 'anonymous'>[]) tokens[a] = await t.login(users[a].email, users[a].password);
  return { c1, c2, tokens, users };
}
