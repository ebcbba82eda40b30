/**
 * The partnership board (domain.md §13): board viewers of each member read the consortium as a
 * whole: every member's statement and performance, and the consolidated statement (the sum of the
 * members' lines, exactly). Statements and performance carry names beside their ids.
 */
import { createTestApp, type TestApp } from './support/app';
import { buildWorld, type World } from './support/world';
import { approvedAgreement } from './support/agreement';

const LINES = ['operating', 'fee', 'investment', 'sharedRisk', 'attributedRisk', 'credits', 'charge', 'baseline', 'savings'] as const;

describe('the partnership board (e2e)', () => {
  let t: TestApp;
  let w: World;
  let cid: string;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    cid = w.c1.consortiumId;
    const admin = w.tokens.admin!;
    await approvedAgreement(t, w, cid, { basis: 'turnover' });
    for (const [month, amount] of [
      ['2025-04', '70000.01'],
      ['2025-05', '65432.10'],
    ]) {
      await t.http
        .post(`/api/v1/consortia/${cid}/costs`)
        .set('Authorization', admin)
        .send({ month, category: 'operating', amount, serviceLineId: w.c1.serviceLineId, description: 'Payroll team' })
        .expect(201);
    }
    await t.http
      .put(`/api/v1/consortia/${cid}/baselines`)
      .set('Authorization', admin)
      .send({ items: w.c1.partnerOrgIds.map((organisationId) => ({ organisationId, serviceLineId: w.c1.serviceLineId, annualAmount: '123456.78' })) })
      .expect(200);
    await t.http
      .post(`/api/v1/consortia/${cid}/slas`)
      .set('Authorization', admin)
      .send({
        serviceLineId: w.c1.serviceLineId,
        name: 'Payroll accuracy',
        kind: 'SLA',
        frequency: 'monthly',
        creditCapPercent: '10',
        effectiveFrom: '2025-04',
        targets: [{ kpiCode: 'PAY_ACCURACY', target: '99.5', threshold: '99', creditPercent: '5' }],
      })
      .expect(201);
  });
  afterAll(() => t.close());

  const get = (token: string, path: string) => t.http.get(`/api/v1/consortia/${cid}${path}`).set('Authorization', token);

  it('a board viewer reads every member’s statement; the consolidated totals are the sum of the members’ lines, exactly', async () => {
    const res = await get(w.tokens.board!, '/statements/consolidated?from=2025-04&to=2025-05').expect(200);
    const members = [w.c1.hostOrgId, ...w.c1.partnerOrgIds];
    expect(res.body.items.map((s: { organisationId: string }) => s.organisationId).sort()).toEqual([...members].sort());
    for (const l of LINES) {
      const pence = res.body.items.reduce((acc: bigint, s: Record<string, string>) => acc + BigInt(s[l].replace('.', '')), 0n);
      expect({ line: l, total: BigInt(res.body.totals[l].replace('.', '')) }).toEqual({ line: l, total: pence });
    }
    // the whole operating cost is shared out, to the penny
    expect(res.body.totals.operating).toBe('135432.11');
    expect(res.body.totals.savingsPercent).toEqual(expect.any(String));
    // the same items as the host's list, and each as the member's own statement says
    const hostList = await get(w.tokens.host!, '/statements?from=2025-04&to=2025-05').expect(200);
    expect(res.body.items).toEqual(hostList.body.items);
    const p2 = await get(w.tokens.board!, `/statements/${w.c1.partnerOrgIds[1]}?from=2025-04&to=2025-05`).expect(200);
    expect(p2.body).toEqual(res.body.items.find((s: { organisationId: string }) => s.organisationId === w.c1.partnerOrgIds[1]));
  });

  it('a former member’s board viewer is not on the board: it reads its own organisation’s figures only', async () => {
    const admin = w.tokens.admin!;
    const former = await t.http
      .post('/api/v1/organisations')
      .set('Authorization', admin)
      .send({ name: 'Former Trust', type: 'acute_trust', annualTurnover: '1000000.00', headcount: '10' })
      .expect(201);
    await t.http.post(`/api/v1/consortia/${cid}/members`).set('Authorization', admin).send({ organisationId: former.body.id, joinedOn: '2025-04-01' }).expect(201);
    await t.http.patch(`/api/v1/consortia/${cid}/members/${former.body.id}`).set('Authorization', admin).send({ leftOn: '2025-05-31' }).expect(200);
    const email = `former-board-${Date.now()}@x.example`;
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ email, password: 'long-password-1', role: 'board_viewer', organisationId: former.body.id }).expect(201);
    const token = await t.login(email, 'long-password-1');
    await get(token, '/statements/consolidated?from=2025-04&to=2025-05').expect(403);
    await get(token, `/statements/${w.c1.partnerOrgIds[0]}?from=2025-04&to=2025-05`).expect(404);
    await get(token, `/statements/${former.body.id}?from=2025-04&to=2025-05`).expect(200);
    const perf = await get(token, '/performance?month=2025-05').expect(200);
    expect([...new Set(perf.body.items.map((i: { organisationId: string }) => i.organisationId))]).toEqual([former.body.id]);
  });

  it('the board reads every member’s issued statement of a closed month; a partner its own', async () => {
    await t.http.post(`/api/v1/consortia/${cid}/months/2025-04/close`).set('Authorization', w.tokens.host!).send({}).expect(201);
    const board = await get(w.tokens.board!, '/months/2025-04/statements').expect(200);
    expect(board.body.items.map((i: { organisationId: string }) => i.organisationId)).toEqual(expect.arrayContaining([w.c1.hostOrgId, ...w.c1.partnerOrgIds]));
    const partner = await get(w.tokens.partner!, '/months/2025-04/statements').expect(200);
    expect(partner.body.items.map((i: { organisationId: string }) => i.organisationId)).toEqual([w.c1.partnerOrgIds[0]]);
  });

  it('statements carry the names beside the ids', async () => {
    const res = await get(w.tokens.partner!, `/statements/${w.c1.partnerOrgIds[0]}?from=2025-04&to=2025-05`).expect(200);
    expect(res.body.organisationName).toMatch(/partner 1$/);
    expect(res.body.serviceLines[0]).toMatchObject({ serviceLineId: w.c1.serviceLineId, code: 'PAY', serviceLineCode: 'PAY', serviceLineName: 'Payroll' });
  });

  it('other members’ users read their own statement only: the list and the consolidated statement are 403, another member’s 404', async () => {
    for (const who of ['partner', 'orgAdmin', 'otherPartner'] as const) {
      await get(w.tokens[who]!, '/statements/consolidated?from=2025-04&to=2025-05').expect(403);
      await get(w.tokens[who]!, '/statements?from=2025-04&to=2025-05').expect(403);
    }
    await get(w.tokens.partner!, `/statements/${w.c1.partnerOrgIds[1]}?from=2025-04&to=2025-05`).expect(404);
    await get(w.tokens.otherHost!, '/statements/consolidated?from=2025-04&to=2025-05').expect(404);
    await get(w.tokens.foreignPartner!, '/statements/consolidated?from=2025-04&to=2025-05').expect(404);
    const bad = await get(w.tokens.board!, '/statements/consolidated?from=2025-06&to=2025-04').expect(400);
    expect(bad.body.errors[0].field).toBe('to');
  });

  it('a board viewer reads every member’s performance, with names; a partner its own', async () => {
    const board = await get(w.tokens.board!, '/performance?month=2025-06').expect(200);
    const orgs = [...new Set(board.body.items.map((i: { organisationId: string }) => i.organisationId))].sort();
    expect(orgs).toEqual([w.c1.hostOrgId, ...w.c1.partnerOrgIds].sort());
    expect(board.body.items[0]).toMatchObject({ serviceLineCode: 'PAY', serviceLineName: 'Payroll', organisationName: expect.any(String) });
    const partner = await get(w.tokens.partner!, '/performance?month=2025-06').expect(200);
    expect([...new Set(partner.body.items.map((i: { organisationId: string }) => i.organisationId))]).toEqual([w.c1.partnerOrgIds[0]]);
  });
});
