/**
 * The partnership decides its terms (domain.md §12, §13): the host proposes a dated version, each
 * member organisation's approvers vote, the decision rule decides it, the decisions log lists each
 * step, and an approved version prices only the months from its effectiveFrom.
 */
import { createTestApp, type TestApp } from './support/app';
import { buildWorld, org, unique, type World } from './support/world';
import { coopAgreement } from './support/agreement';

interface Partnership {
  id: string;
  hostOrgId: string;
  partnerOrgIds: string[];
  lineId: string;
  /** host_admin of the host, org_admin of each partner, board_viewer of the first partner, partner_user of the first partner */
  tokens: { host: string; admins: string[]; board: string; partnerUser: string };
}

describe('governance of the partnership (e2e)', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    admin = w.tokens.admin!;
  });
  afterAll(() => t.close());

  const pw = 'a-Long-passphrase-for-tests';
  async function user(role: string, organisationId: string): Promise<string> {
    const email = `${unique(role.replace('_', ''))}@gov.example`;
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ email, password: pw, role, organisationId }).expect(201);
    return t.login(email, pw);
  }

  /** A fresh partnership: a host and `n` partners from April 2025, one service line, no agreement yet. */
  async function partnership(n: number, deliveryModel = 'cooperative'): Promise<Partnership> {
    const hostOrgId = await org(t, admin, { name: unique('Gov host '), type: 'acute_trust' });
    const c = await t.http
      .post('/api/v1/consortia')
      .set('Authorization', admin)
      .send({ name: unique('Gov '), deliveryModel, hostOrganisationId: hostOrgId, startDate: '2025-04-01' })
      .expect(201);
    const partnerOrgIds: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = await org(t, admin, { name: unique(`Gov partner ${i + 1} `), type: 'community_trust' });
      await t.http.post(`/api/v1/consortia/${c.body.id}/members`).set('Authorization', admin).send({ organisationId: id, joinedOn: '2025-04-01' }).expect(201);
      partnerOrgIds.push(id);
    }
    const line = await t.http
      .post(`/api/v1/consortia/${c.body.id}/service-lines`)
      .set('Authorization', admin)
      .send({ code: 'FIN', name: 'Finance', function: 'finance', classification: 'transactional' })
      .expect(201);
    const admins: string[] = [];
    for (const id of partnerOrgIds) admins.push(await user('org_admin', id));
    return {
      id: c.body.id,
      hostOrgId,
      partnerOrgIds,
      lineId: line.body.id,
      tokens: { host: await user('host_admin', hostOrgId), admins, board: await user('board_viewer', partnerOrgIds[0]), partnerUser: await user('partner_user', partnerOrgIds[0]) },
    };
  }

  const coop = (over: Record<string, unknown> = {}) => coopAgreement({ managementFeePercent: '2', ...over });
  const url = (p: Partnership, path = '') => `/api/v1/consortia/${p.id}/agreement${path}`;
  const vote = (p: Partnership, token: string, version: number, v: 'approve' | 'object', comment?: string) =>
    t.http
      .post(url(p, `/versions/${version}/votes`))
      .set('Authorization', token)
      .send({ vote: v, ...(comment ? { comment } : {}) });

  it('unanimous: proposed → every member approves → approved; the decisions log lists each step; every member reads it', async () => {
    const p = await partnership(2);
    const draft = await t.http.put(url(p)).set('Authorization', p.tokens.host).send(coop()).expect(200);
    expect(draft.body).toMatchObject({ status: 'draft', effectiveFrom: '2025-04', decisionRule: 'unanimous', voters: [], votes: [] });
    const proposed = await t.http.post(url(p, '/propose')).set('Authorization', p.tokens.host).expect(200);
    expect(proposed.body.status).toBe('proposed');
    expect(proposed.body.voters.map((v: { organisationId: string }) => v.organisationId).sort()).toEqual([p.hostOrgId, ...p.partnerOrgIds].sort());

    expect((await vote(p, p.tokens.host, 1, 'approve').expect(200)).body.status).toBe('proposed');
    expect((await vote(p, p.tokens.admins[0], 1, 'approve', 'Agreed at our board on 4 November').expect(200)).body.status).toBe('proposed');
    const decided = await vote(p, p.tokens.admins[1], 1, 'approve').expect(200);
    expect(decided.body).toMatchObject({ status: 'approved', inForce: true });
    expect(decided.body.voters.every((v: { vote: string }) => v.vote === 'approve')).toBe(true);
    expect(decided.body.votes.find((v: { organisationId: string }) => v.organisationId === p.partnerOrgIds[0]).comment).toBe('Agreed at our board on 4 November');

    // a decided version cannot be voted on again
    expect((await vote(p, p.tokens.admins[0], 1, 'object').expect(409)).body.code).toBe('version_decided');

    const log = await t.http.get(`/api/v1/consortia/${p.id}/decisions`).set('Authorization', p.tokens.partnerUser).expect(200);
    const kinds = log.body.items.map((d: { kind: string }) => d.kind).reverse();
    expect(kinds.filter((k: string) => k !== 'member_joined')).toEqual(['agreement_proposed', 'vote_cast', 'vote_cast', 'vote_cast', 'agreement_approved']);
    const votes = log.body.items.filter((d: { kind: string }) => d.kind === 'vote_cast');
    expect(votes.map((d: { actorOrganisationId: string }) => d.actorOrganisationId).sort()).toEqual([p.hostOrgId, ...p.partnerOrgIds].sort());
    expect(votes.every((d: { summary: string }) => / approved version 1/.test(d.summary))).toBe(true);
    expect(log.body.items[0]).toMatchObject({ kind: 'agreement_approved', subject: { version: 1, effectiveFrom: '2025-04' } });
    // another tenant does not read it
    await t.http.get(`/api/v1/consortia/${p.id}/decisions`).set('Authorization', w.tokens.foreignPartner!).expect(404);
  });

  it('unanimous: one objection rejects; the terms in force stay; the version cannot be voted on again', async () => {
    const p = await partnership(2);
    await t.http.put(url(p)).set('Authorization', p.tokens.host).send(coop()).expect(200);
    await t.http.post(url(p, '/approve')).set('Authorization', admin).expect(200); // version 1, recorded for the partnership by the admin
    await t.http
      .put(url(p))
      .set('Authorization', p.tokens.host)
      .send(coop({ managementFeePercent: '5' }))
      .expect(200);
    await t.http.post(url(p, '/propose')).set('Authorization', p.tokens.host).expect(200);
    await vote(p, p.tokens.host, 2, 'approve').expect(200);
    await vote(p, p.tokens.admins[0], 2, 'approve').expect(200);
    const rejected = await vote(p, p.tokens.admins[1], 2, 'object', 'Our board cannot accept a higher fee').expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', inForce: false });
    expect((await t.http.get(url(p)).set('Authorization', p.tokens.partnerUser).expect(200)).body).toMatchObject({ version: 1, managementFeePercent: '2' });
    expect((await vote(p, p.tokens.admins[1], 2, 'approve').expect(409)).body.code).toBe('version_decided');
    const log = await t.http.get(`/api/v1/consortia/${p.id}/decisions`).query({ kind: 'agreement_rejected' }).set('Authorization', p.tokens.board).expect(200);
    expect(log.body.total).toBe(1);
  });

  it('majority: approved when approvals are more than half of the members; objections of half or more reject', async () => {
    const p = await partnership(2); // three voters
    await t.http
      .put(url(p))
      .set('Authorization', p.tokens.host)
      .send(coop({ decisionRule: 'majority' }))
      .expect(200);
    await t.http.post(url(p, '/propose')).set('Authorization', p.tokens.host).expect(200);
    expect((await vote(p, p.tokens.admins[1], 1, 'object').expect(200)).body.status).toBe('proposed'); // 1 of 3 objects
    expect((await vote(p, p.tokens.host, 1, 'approve').expect(200)).body.status).toBe('proposed'); // 1 of 3 approves
    // the first partner's board viewer votes for its organisation: 2 of 3 approve
    expect((await vote(p, p.tokens.board, 1, 'approve').expect(200)).body.status).toBe('approved');
    const steps = (await t.http.get(`/api/v1/consortia/${p.id}/decisions`).set('Authorization', p.tokens.partnerUser).expect(200)).body.items as {
      kind: string;
      summary: string;
    }[];
    expect(
      steps
        .filter((d) => d.kind !== 'member_joined')
        .map((d) => d.kind)
        .reverse(),
    ).toEqual(['agreement_proposed', 'vote_cast', 'vote_cast', 'vote_cast', 'agreement_approved']);
    expect(steps[0].summary).toMatch(/approved by the members \(by a majority/);

    const q = await partnership(3); // four voters: two objections reject
    await t.http
      .put(url(q))
      .set('Authorization', q.tokens.host)
      .send(coop({ decisionRule: 'majority' }))
      .expect(200);
    await t.http.post(url(q, '/propose')).set('Authorization', q.tokens.host).expect(200);
    await vote(q, q.tokens.admins[0], 1, 'object').expect(200);
    expect((await vote(q, q.tokens.admins[1], 1, 'object').expect(200)).body.status).toBe('rejected');
  });

  it('votes cast at the same moment are decided once: the last two approvals together approve once; an approval racing an objection always ends rejected', async () => {
    const kinds = async (p: Partnership) =>
      ((await t.http.get(`/api/v1/consortia/${p.id}/decisions`).query({ limit: 100 }).set('Authorization', p.tokens.host).expect(200)).body.items as { kind: string }[])
        .map((d) => d.kind)
        .filter((k) => k !== 'member_joined')
        .sort();
    const p = await partnership(2);
    await t.http.put(url(p)).set('Authorization', p.tokens.host).send(coop()).expect(200);
    await t.http.post(url(p, '/propose')).set('Authorization', p.tokens.host).expect(200);
    await vote(p, p.tokens.host, 1, 'approve').expect(200);
    const both = await Promise.all([vote(p, p.tokens.admins[0], 1, 'approve'), vote(p, p.tokens.admins[1], 1, 'approve')]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    // exactly one of the two saw every approval and decided the version
    expect(both.map((r) => r.body.status).sort()).toEqual(['approved', 'proposed']);
    expect(await kinds(p)).toEqual(['agreement_approved', 'agreement_proposed', 'vote_cast', 'vote_cast', 'vote_cast']);
    expect((await t.http.get(url(p, '/versions/1')).set('Authorization', p.tokens.host).expect(200)).body).toMatchObject({ status: 'approved', inForce: true });

    const q = await partnership(2);
    await t.http.put(url(q)).set('Authorization', q.tokens.host).send(coop()).expect(200);
    await t.http.post(url(q, '/propose')).set('Authorization', q.tokens.host).expect(200);
    await vote(q, q.tokens.host, 1, 'approve').expect(200);
    const race = await Promise.all([vote(q, q.tokens.admins[0], 1, 'approve'), vote(q, q.tokens.admins[1], 1, 'object')]);
    // the objection rejects whichever comes first; an approval after it finds the version decided
    expect(race[1].status).toBe(200);
    expect(race[1].body.status).toBe('rejected');
    // a problem document carries `status` too (the HTTP status), so the loser is read by its code
    expect([race[0].status, race[0].status === 200 ? race[0].body.status : race[0].body.code]).toEqual(race[0].status === 200 ? [200, 'proposed'] : [409, 'version_decided']);
    const decided = await kinds(q);
    expect(decided.filter((k) => k.startsWith('agreement_'))).toEqual(['agreement_proposed', 'agreement_rejected']);
    expect((await t.http.get(url(q, '/versions/1')).set('Authorization', q.tokens.host).expect(200)).body).toMatchObject({ status: 'rejected', inForce: false });
  });

  it('a host cannot approve alone in a co-operative, nor choose the host rule; a partner user and outsiders do not vote', async () => {
    const p = await partnership(1);
    const bad = await t.http
      .put(url(p))
      .set('Authorization', p.tokens.host)
      .send(coop({ decisionRule: 'host', managementFeePercent: '101' }))
      .expect(400);
    // every field error of the request in one answer
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['decisionRule', 'managementFeePercent']);
    await t.http.put(url(p)).set('Authorization', p.tokens.host).send(coop()).expect(200);
    const alone = await t.http.post(url(p, '/approve')).set('Authorization', p.tokens.host).expect(403);
    expect(alone.body.detail).toMatch(/members decide/);
    await t.http.post(url(p, '/propose')).set('Authorization', p.tokens.host).expect(200);
    await vote(p, p.tokens.partnerUser, 1, 'approve').expect(403);
    await vote(p, w.tokens.foreignPartner!, 1, 'approve').expect(403); // a partner user of another partnership: not a voting role
    await vote(p, w.tokens.orgAdmin!, 1, 'approve').expect(404); // an administrator of another partnership's member
    await vote(p, admin, 1, 'approve').expect(403); // a platform admin approves directly, it does not vote for an organisation
    // only one proposal at a time
    await t.http
      .put(url(p))
      .set('Authorization', p.tokens.host)
      .send(coop({ managementFeePercent: '3' }))
      .expect(200);
    expect((await t.http.post(url(p, '/propose')).set('Authorization', p.tokens.host).expect(409)).body.code).toBe('proposal_pending');
    // the host withdraws its proposal
    expect((await t.http.post(url(p, '/withdraw')).set('Authorization', p.tokens.host).expect(200)).body.status).toBe('rejected');
    await t.http.post(url(p, '/propose')).set('Authorization', p.tokens.host).expect(200);
  });

  it('commercial models: the host decides by default', async () => {
    const p = await partnership(1, 'shared_services_company');
    const d = await t.http
      .put(url(p))
      .set('Authorization', p.tokens.host)
      .send({ model: 'commercial', prices: [{ organisationId: p.partnerOrgIds[0], serviceLineId: p.lineId, annualPrice: '120000.00' }], exit: { exitChargeSchedule: [] } })
      .expect(200);
    expect(d.body.decisionRule).toBe('host');
    await t.http.post(url(p, '/propose')).set('Authorization', p.tokens.host).expect(200);
    await vote(p, p.tokens.admins[0], 1, 'approve').expect(403); // the host decides
    expect((await vote(p, p.tokens.host, 1, 'approve').expect(200)).body.status).toBe('approved');
  });

  it('dated versions: a fee rise agreed after September is priced from October only; closed months and their hashes stay', async () => {
    const p = await partnership(1);
    await t.http.put(url(p)).set('Authorization', p.tokens.host).send(coop()).expect(200);
    await t.http.post(url(p, '/approve')).set('Authorization', admin).expect(200);
    for (const month of ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10']) {
      await t.http
        .post(`/api/v1/consortia/${p.id}/costs`)
        .set('Authorization', p.tokens.host)
        .send({ month, category: 'operating', amount: '1000.00', serviceLineId: p.lineId, description: 'Finance team' })
        .expect(201);
    }
    const hashes: string[] = [];
    for (const month of ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09']) {
      const closed = await t.http.post(`/api/v1/consortia/${p.id}/months/${month}/close`).set('Authorization', p.tokens.host).send({}).expect(201);
      hashes.push(...closed.body.items.map((i: { contentHash: string }) => i.contentHash));
    }
    // a version cannot take effect in a closed month
    const early = await t.http
      .put(url(p))
      .set('Authorization', p.tokens.host)
      .send(coop({ managementFeePercent: '4', effectiveFrom: '2025-09' }))
      .expect(409);
    expect(early.body).toMatchObject({ code: 'month_closed', errors: [{ field: 'effectiveFrom', message: 'must be 2025-10 or later' }] });
    // by default a new version takes effect in the first open month
    const d2 = await t.http
      .put(url(p))
      .set('Authorization', p.tokens.host)
      .send(coop({ managementFeePercent: '4' }))
      .expect(200);
    expect(d2.body.effectiveFrom).toBe('2025-10');
    await t.http.post(url(p, '/propose')).set('Authorization', p.tokens.host).expect(200);
    await vote(p, p.tokens.host, 2, 'approve').expect(200);
    expect((await vote(p, p.tokens.admins[0], 2, 'approve').expect(200)).body.status).toBe('approved');

    const s = await t.http
      .get(`/api/v1/consortia/${p.id}/statements/${p.partnerOrgIds[0]}`)
      .query({ from: '2025-09', to: '2025-10' })
      .set('Authorization', p.tokens.partnerUser)
      .expect(200);
    // September: 2% of 1000 = 20.00, half each; October: 4% = 40.00, half each
    expect([s.body.operating, s.body.fee]).toEqual(['1000.00', '30.00']);
    const after: string[] = [];
    for (const month of ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09']) {
      const m = await t.http.get(`/api/v1/consortia/${p.id}/months/${month}/statements`).set('Authorization', p.tokens.host).expect(200);
      after.push(...m.body.items.map((i: { contentHash: string }) => i.contentHash));
    }
    expect(after).toEqual(hashes);
    const versions = await t.http.get(url(p, '/versions')).set('Authorization', p.tokens.board).expect(200);
    expect(versions.body.items.map((v: { version: number; status: string; effectiveFrom: string }) => [v.version, v.status, v.effectiveFrom])).toEqual([
      [1, 'approved', '2025-04'],
      [2, 'approved', '2025-10'],
    ]);
  });

  it('every member sees what a proposed version would change in its own charge over the last complete quarter; the board sees every member', async () => {
    const p = await partnership(1);
    await t.http.put(url(p)).set('Authorization', p.tokens.host).send(coop()).expect(200);
    await t.http.post(url(p, '/approve')).set('Authorization', admin).expect(200);
    const today = new Date().toISOString().slice(0, 7);
    const m = Number(today.slice(5, 7));
    const first = new Date(Date.UTC(Number(today.slice(0, 4)), m - 1 - ((m - 1) % 3) - 3, 1));
    const quarter = [0, 1, 2].map((i) => new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + i, 1)).toISOString().slice(0, 7));
    for (const month of quarter) {
      await t.http
        .post(`/api/v1/consortia/${p.id}/costs`)
        .set('Authorization', p.tokens.host)
        .send({ month, category: 'operating', amount: '1000.00', serviceLineId: p.lineId, description: 'Finance team' })
        .expect(201);
    }
    await t.http
      .put(url(p))
      .set('Authorization', p.tokens.host)
      .send(coop({ managementFeePercent: '4' }))
      .expect(200);
    await t.http.post(url(p, '/propose')).set('Authorization', p.tokens.host).expect(200);
    const own = await t.http.get(url(p, '/versions/2/impact')).set('Authorization', p.tokens.partnerUser).expect(200);
    expect(own.body).toMatchObject({ version: 2, status: 'proposed', from: quarter[0], to: quarter[2] });
    expect(own.body.items).toHaveLength(1);
    // 3 × 1000 shared equally: a fee of 2% is 30.00 for the member, of 4% 60.00
    expect(own.body.items[0]).toMatchObject({
      organisationId: p.partnerOrgIds[0],
      current: { operating: '1500.00', fee: '30.00', charge: '1530.00' },
      proposed: { operating: '1500.00', fee: '60.00', charge: '1560.00' },
      difference: { operating: '0.00', fee: '30.00', charge: '30.00', savings: '-30.00' },
    });
    const board = await t.http.get(url(p, '/versions/2/impact')).set('Authorization', p.tokens.board).expect(200);
    expect(board.body.items.map((i: { organisationId: string }) => i.organisationId).sort()).toEqual([p.hostOrgId, p.partnerOrgIds[0]].sort());
    await t.http.get(url(p, '/versions/2/impact')).set('Authorization', w.tokens.foreignPartner!).expect(404);
    await t.http.get(url(p, '/versions/9/impact')).set('Authorization', p.tokens.host).expect(404);
  });

  it('a delivery-model change with terms in force is refused with what to do', async () => {
    const p = await partnership(1);
    await t.http.put(url(p)).set('Authorization', p.tokens.host).send(coop()).expect(200);
    await t.http.post(url(p, '/approve')).set('Authorization', admin).expect(200);
    const res = await t.http.patch(`/api/v1/consortia/${p.id}`).set('Authorization', p.tokens.host).send({ deliveryModel: 'joint_venture' }).expect(409);
    expect(res.body).toMatchObject({ code: 'terms_in_force', errors: [{ field: 'deliveryModel' }] });
    expect(res.body.detail).toMatch(/create a consortium with the new model/);
    await t.http.get(`/api/v1/consortia/${p.id}/statements/${p.partnerOrgIds[0]}`).query({ from: '2025-04', to: '2025-04' }).set('Authorization', p.tokens.host).expect(200);
  });
});
