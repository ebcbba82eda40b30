/**
 * Issue 12, findings 1, 5 and the second half of 12: members were objects of the host. A host_admin
 * could mint users (host_admin included) in any member organisation and enrol any organisation
 * without its consent, so it could take over another host's consortium; GET /users listed every
 * member's users; a host filed its members' benchmark returns; a member's own profile edit repriced
 * every other member; creating a user with another organisation's email said that it existed.
 */
import { createTestApp, type TestApp } from '../../support/app';
import { buildWorld, org, unique, type World } from '../../support/world';
import { approvedAgreement } from '../../support/agreement';

const PW = 'long-password-1';

describe('attacks on the partnership (e2e)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (path: string) => t.http.get(path).set('Authorization', token),
    post: (path: string, body?: object) => t.http.post(path).set('Authorization', token).send(body),
    patch: (path: string, body: object) => t.http.patch(path).set('Authorization', token).send(body),
    put: (path: string, body: object) => t.http.put(path).set('Authorization', token).send(body),
  });

  it('finding 1: the whole takeover chain fails: enrol the victim host, mint a host_admin in it, run its consortium', async () => {
    const attacker = as(w.tokens.otherHost!); // H2's host_admin, host of C2
    const victimOrg = w.c1.hostOrgId; // H1, host of C1
    const victimConsortium = `/api/v1/consortia/${w.c1.consortiumId}`;
    // a trust sitting in both consortia gives the attacker a way to learn the victim host's id: make one
    const shared = await org(t, w.tokens.admin!);
    await as(w.tokens.admin!).post(`${victimConsortium}/members`, { organisationId: shared, joinedOn: '2025-04-01' }).expect(201);
    await as(w.tokens.admin!).post(`/api/v1/consortia/${w.c2.consortiumId}/members`, { organisationId: shared, joinedOn: '2025-04-01' }).expect(201);

    // step 1: enrol the victim's organisation in the attacker's consortium without its consent
    const enrol = await attacker.post(`/api/v1/consortia/${w.c2.consortiumId}/members`, { organisationId: victimOrg, joinedOn: '2025-05-01' });
    expect(enrol.status).toBe(403);
    // an invitation is allowed, but it is only an invitation: nothing changes until the victim's administrator accepts
    const invited = await attacker.post(`/api/v1/consortia/${w.c2.consortiumId}/invitations`, { organisationId: victimOrg, joinedOn: '2025-05-01' }).expect(201);
    expect(invited.body).toMatchObject({ status: 'pending', organisationId: victimOrg });
    const members = await attacker.get(`/api/v1/consortia/${w.c2.consortiumId}/members`).expect(200);
    expect(members.body.items.map((m: { organisationId: string }) => m.organisationId)).not.toContain(victimOrg);
    // the attacker cannot accept on the victim's behalf
    await attacker.post(`/api/v1/invitations/${invited.body.id}/accept`).expect(404);

    // step 2: mint a host_admin (or anyone) in the victim's organisation, or in the shared trust
    for (const organisationId of [victimOrg, shared]) {
      for (const role of ['host_admin', 'org_admin', 'partner_user', 'board_viewer']) {
        const res = await attacker.post('/api/v1/users', { email: `${unique('mole')}@x.example`, password: PW, role, organisationId });
        expect({ organisationId, role, status: res.status }).toEqual({ organisationId, role, status: 404 });
      }
    }

    // step 3: run the victim's consortium: every read and write is a 404
    await attacker.get(victimConsortium).expect(404);
    await attacker.get(`${victimConsortium}/costs`).expect(404);
    await attacker.get(`${victimConsortium}/statements?from=2025-04&to=2025-05`).expect(404);
    await attacker
      .post(`${victimConsortium}/costs`, { month: '2025-06', category: 'operating', amount: '1.00', serviceLineId: w.c1.serviceLineId, description: 'Attack' })
      .expect(404);
    await attacker.patch(victimConsortium, { name: 'Taken over' }).expect(404);
    // the victim's profile is not the attacker's to read in full or to change
    await attacker.get(`/api/v1/organisations/${victimOrg}`).expect(404);
    await attacker.patch(`/api/v1/organisations/${victimOrg}`, { name: 'Taken over' }).expect(404);
  });

  it('finding 1: invitations: the invited organisation’s administrator decides; the host sees the invitation, not the organisation', async () => {
    const admin = as(w.tokens.admin!);
    const newcomer = await org(t, w.tokens.admin!, { name: unique('Newcomer Trust '), odsCode: `N${Date.now() % 1e6}`.slice(0, 7) });
    const nAdmin = { email: `${unique('nadmin')}@x.example`, password: PW };
    await admin.post('/api/v1/users', { ...nAdmin, role: 'org_admin', organisationId: newcomer }).expect(201);
    const newcomerToken = await t.login(nAdmin.email, nAdmin.password);
    const host = as(w.tokens.host!);

    // the host finds it in the public directory: name, type and ODS code only
    const dir = await host.get(`/api/v1/organisations/directory?q=Newcomer`).expect(200);
    const entry = dir.body.items.find((o: { id: string }) => o.id === newcomer);
    expect(Object.keys(entry).sort()).toEqual(['id', 'name', 'odsCode', 'type']);
    await host.get(`/api/v1/organisations/${newcomer}`).expect(404);

    const inv = await host.post(`/api/v1/consortia/${w.c1.consortiumId}/invitations`, { organisationId: newcomer, joinedOn: '2025-06-01' }).expect(201);
    await host.post(`/api/v1/consortia/${w.c1.consortiumId}/invitations`, { organisationId: newcomer, joinedOn: '2025-07-01' }).expect(409);
    // only the invited organisation's administrators see it and decide
    const received = await as(newcomerToken).get('/api/v1/invitations?status=pending').expect(200);
    expect(received.body.items.map((i: { id: string }) => i.id)).toEqual([inv.body.id]);
    expect(received.body.items[0]).toMatchObject({ consortiumName: expect.any(String), hostOrganisationId: w.c1.hostOrgId, joinedOn: '2025-06-01' });
    const others = await as(w.tokens.orgAdmin!).get('/api/v1/invitations').expect(200);
    expect(others.body.items.map((i: { id: string }) => i.id)).not.toContain(inv.body.id);
    await as(w.tokens.orgAdmin!).post(`/api/v1/invitations/${inv.body.id}/accept`).expect(404);
    await host.post(`/api/v1/invitations/${inv.body.id}/accept`).expect(404);

    const accepted = await as(newcomerToken).post(`/api/v1/invitations/${inv.body.id}/accept`).expect(200);
    expect(accepted.body.status).toBe('accepted');
    await as(newcomerToken).post(`/api/v1/invitations/${inv.body.id}/decline`).expect(409);
    const members = await host.get(`/api/v1/consortia/${w.c1.consortiumId}/members`).expect(200);
    expect(members.body.items.find((m: { organisationId: string }) => m.organisationId === newcomer)).toMatchObject({ joinedOn: '2025-06-01', leftOn: null });
    // a member now: the host reads its profile, and the newcomer reads the consortium
    await host.get(`/api/v1/organisations/${newcomer}`).expect(200);
    await as(newcomerToken).get(`/api/v1/consortia/${w.c1.consortiumId}`).expect(200);

    // a declined or withdrawn invitation makes no member
    const other = await org(t, w.tokens.admin!);
    const inv2 = await host.post(`/api/v1/consortia/${w.c1.consortiumId}/invitations`, { organisationId: other, joinedOn: '2025-06-01' }).expect(201);
    const withdrawn = await host.post(`/api/v1/consortia/${w.c1.consortiumId}/invitations/${inv2.body.id}/withdraw`).expect(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    await admin.post(`/api/v1/invitations/${inv2.body.id}/accept`).expect(409);
    const after = await host.get(`/api/v1/consortia/${w.c1.consortiumId}/members`).expect(200);
    expect(after.body.items.map((m: { organisationId: string }) => m.organisationId)).not.toContain(other);
  });

  it("finding 1: an organisation's administrator grants no higher rank than its own: an org_admin makes no host_admin", async () => {
    // at the host organisation an org_admin that could mint a host_admin would run every consortium it hosts
    const hostOrgAdmin = { email: `${unique('hoa')}@x.example`, password: PW };
    await as(w.tokens.host!)
      .post('/api/v1/users', { ...hostOrgAdmin, role: 'org_admin' })
      .expect(201);
    const oa = as(await t.login(hostOrgAdmin.email, hostOrgAdmin.password));
    await oa.post('/api/v1/users', { email: `${unique('x')}@x.example`, password: PW, role: 'host_admin' }).expect(403);
    const made = await oa.post('/api/v1/users', { email: `${unique('x')}@x.example`, password: PW, role: 'partner_user' }).expect(201);
    await oa.patch(`/api/v1/users/${made.body.id}`, { role: 'host_admin' }).expect(403);
    // nor disables or re-roles a host_admin of its organisation
    await oa.patch(`/api/v1/users/${w.users.host.id}`, { disabled: true }).expect(403);
    await oa.patch(`/api/v1/users/${w.users.host.id}`, { role: 'board_viewer' }).expect(403);
    await oa.get(`/api/v1/consortia/${w.c1.consortiumId}/costs`).expect(403);
    // a host_admin may
    await as(w.tokens.host!).patch(`/api/v1/users/${made.body.id}`, { role: 'host_admin' }).expect(200);
    // and only a platform admin registers an organisation (nobody squats a trust's name and ODS code)
    await oa.post('/api/v1/organisations', { name: 'Squatted Trust', odsCode: 'SQT1', type: 'acute_trust', annualTurnover: '1.00', headcount: '1' }).expect(403);
    await as(w.tokens.host!).post('/api/v1/organisations', { name: 'Squatted Trust', odsCode: 'SQT1', type: 'acute_trust', annualTurnover: '1.00', headcount: '1' }).expect(403);
  });

  it('finding 1: a host cannot keep a member in by clearing or postponing its leaving date (that needs the member’s consent)', async () => {
    const o = await org(t, w.tokens.admin!);
    const url = `/api/v1/consortia/${w.c1.consortiumId}/members`;
    await as(w.tokens.admin!).post(url, { organisationId: o, joinedOn: '2025-04-01' }).expect(201);
    await as(w.tokens.host!).patch(`${url}/${o}`, { leftOn: '2025-12-31' }).expect(200);
    await as(w.tokens.host!).patch(`${url}/${o}`, { leftOn: null }).expect(403);
    await as(w.tokens.host!).patch(`${url}/${o}`, { leftOn: '2026-12-31' }).expect(403);
    const members = await as(w.tokens.host!).get(url).expect(200);
    expect(members.body.items.find((m: { organisationId: string }) => m.organisationId === o).leftOn).toBe('2025-12-31');
  });

  it('finding 1: GET /users shows the caller’s own organisation only', async () => {
    const res = await as(w.tokens.host!).get('/api/v1/users?limit=500').expect(200);
    const orgs = new Set(res.body.items.map((u: { organisationId: string }) => u.organisationId));
    expect([...orgs]).toEqual([w.c1.hostOrgId]);
    expect(res.body.items.map((u: { email: string }) => u.email)).not.toContain(w.users.partner.email);
  });

  it('finding 1: a host neither files nor overwrites nor reads a member’s benchmark returns', async () => {
    const ret = { organisationId: w.c1.partnerOrgIds[0], financialYear: '2024/25', function: 'hr', cost: '750000.00', turnover: '100000000.00' };
    await as(w.tokens.partner!).post('/api/v1/benchmarks/returns', ret).expect(201);
    const forged = await as(w.tokens.host!).post('/api/v1/benchmarks/returns', { ...ret, cost: '1.00' });
    expect(forged.status).toBe(403);
    const csv = `organisation,financialYear,function,cost,turnover\n${w.c1.partnerOrgIds[0]},2024/25,hr,2.00,100000000.00\n`;
    const imported = await t.http.post('/api/v1/benchmarks/returns/import').set('Authorization', w.tokens.host!).set('Content-Type', 'text/csv').send(csv);
    expect(imported.status).toBe(400);
    const hostView = await as(w.tokens.host!).get('/api/v1/benchmarks/returns?limit=500').expect(200);
    expect(hostView.body.items.map((r: { organisationId: string }) => r.organisationId)).not.toContain(w.c1.partnerOrgIds[0]);
    const own = await as(w.tokens.orgAdmin!).get('/api/v1/benchmarks/returns').expect(200);
    expect(own.body.items.find((r: { function: string }) => r.function === 'hr')).toMatchObject({ cost: '750000.00' });
  });

  it('finding 5: a member’s own profile edit does not reprice the other members', async () => {
    const admin = as(w.tokens.admin!);
    const cid = w.c1.consortiumId;
    await admin
      .post(`/api/v1/consortia/${cid}/costs`, { month: '2025-06', category: 'operating', amount: '90000.00', serviceLineId: w.c1.serviceLineId, description: 'Attack' })
      .expect(201);
    await approvedAgreement(t, w, cid, { basis: 'turnover', managementFeePercent: '0' });
    const statementOf = async (orgId: string) => (await admin.get(`/api/v1/consortia/${cid}/statements/${orgId}?from=2025-06&to=2025-06`).expect(200)).body;
    const before = await statementOf(w.c1.partnerOrgIds[1]);

    // P1's own administrator quadruples its turnover: its profile changes, nobody's charges do
    const res = await as(w.tokens.orgAdmin!).patch(`/api/v1/organisations/${w.c1.partnerOrgIds[0]}`, { annualTurnover: '400000000.00' }).expect(200);
    expect(res.body.annualTurnover).toBe('400000000.00');
    expect(await statementOf(w.c1.partnerOrgIds[1])).toEqual(before);
    // nor can the host change a member's profile
    await as(w.tokens.host!).patch(`/api/v1/organisations/${w.c1.partnerOrgIds[0]}`, { annualTurnover: '1.00' }).expect(404);
    // the consortium's own drivers (domain.md §12) are what price it: only the host changes them
    const drivers = await as(w.tokens.orgAdmin!).get(`/api/v1/consortia/${cid}/drivers`).expect(200);
    expect(drivers.body.items).toEqual([expect.objectContaining({ organisationId: w.c1.partnerOrgIds[0], financialYear: '2025/26', annualTurnover: '100000000.00' })]);
    await as(w.tokens.orgAdmin!)
      .put(`/api/v1/consortia/${cid}/drivers`, { items: [{ organisationId: w.c1.partnerOrgIds[0], financialYear: '2025/26', annualTurnover: '1.00', headcount: '1' }] })
      .expect(403);
  });

  it('finding 5: a joining member’s drivers are its profile as it is when it accepts; later profile edits price nothing', async () => {
    const admin = as(w.tokens.admin!);
    const invitee = await org(t, w.tokens.admin!, { annualTurnover: '120000000.00', headcount: '1500' });
    const ia = { email: `${unique('ia')}@x.example`, password: PW };
    await admin.post('/api/v1/users', { ...ia, role: 'org_admin', organisationId: invitee }).expect(201);
    const invTok = as(await t.login(ia.email, ia.password));
    const inv = await as(w.tokens.host!).post(`/api/v1/consortia/${w.c1.consortiumId}/invitations`, { organisationId: invitee, joinedOn: '2026-05-01' }).expect(201);
    await invTok.post(`/api/v1/invitations/${inv.body.id}/accept`).expect(200);
    await invTok.patch(`/api/v1/organisations/${invitee}`, { annualTurnover: '999999999.00', headcount: '1' }).expect(200);
    const rows = (await invTok.get(`/api/v1/consortia/${w.c1.consortiumId}/drivers`).expect(200)).body.items;
    expect(rows).toEqual([expect.objectContaining({ organisationId: invitee, financialYear: '2026/27', annualTurnover: '120000000.00', headcount: '1500.00' })]);
  });

  it('finding 12 (second half): creating a user with another organisation’s email says nothing about that account', async () => {
    const victim = w.users.partner; // a P1 user, in C1
    const fresh = await as(w.tokens.otherHost!).post('/api/v1/users', { email: `${unique('fresh')}@x.example`, password: PW, role: 'partner_user' });
    const taken = await as(w.tokens.otherHost!).post('/api/v1/users', { email: victim.email, password: 'another-long-password', role: 'partner_user' });
    expect(taken.status).toBe(fresh.status);
    expect(taken.status).toBe(201);
    expect(Object.keys(taken.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(taken.body.organisationId).toBe(w.c2.hostOrgId);
    // the two accounts stay apart: each password signs in to its own organisation
    const mine = await t.login(victim.email, victim.password);
    expect((await as(mine).get('/api/v1/auth/me').expect(200)).body.organisationId).toBe(w.c1.partnerOrgIds[0]);
    const theirs = await t.login(victim.email, 'another-long-password');
    expect((await as(theirs).get('/api/v1/auth/me').expect(200)).body.organisationId).toBe(w.c2.hostOrgId);
    // within the caller's own organisation a duplicate is still refused, naming the field
    const dup = await as(w.tokens.otherHost!).post('/api/v1/users', { email: victim.email, password: PW, role: 'board_viewer' }).expect(400);
    expect(dup.body.errors[0].field).toBe('email');
  });
});
