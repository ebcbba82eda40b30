/**
 * Risk-sharing agreements through the HTTP API: versions (draft → active → superseded), optimistic
 * concurrency with If-Match (20 concurrent edits: exactly one wins), validation naming every field,
 * access across roles and tenants, audit rows.
 */
import { Client } from 'pg';
import { ADMIN, createTestApp, TestApp } from './support/app';
import { EXIT } from './support/agreement';
import { buildWorld, org, unique, World } from './support/world';

describe('agreements (e2e)', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  let base: string;
  let coop: Record<string, unknown>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    admin = await t.login(ADMIN.email, ADMIN.password);
    base = `/api/v1/consortia/${w.c1.consortiumId}/agreement`;
    coop = { model: 'cooperative', basis: 'turnover', serviceLineBases: { [w.c1.serviceLineId]: 'activity' }, managementFeePercent: '2.5', exit: EXIT };
  });
  afterAll(() => t.close());

  const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field).sort();

  describe('versions', () => {
    it('draft → approved (by the admin, for the partnership) → in force; a new draft from the same month replaces it; the earlier version is kept, superseded', async () => {
      await t.http.get(base).set('Authorization', w.tokens.host!).expect(404);
      await t.http.get(`${base}/draft`).set('Authorization', w.tokens.host!).expect(404);
      const d1 = await t.http.put(base).set('Authorization', w.tokens.host!).send(coop).expect(200);
      expect(d1.headers.etag).toBe('"1"');
      expect(d1.body).toMatchObject({
        consortiumId: w.c1.consortiumId,
        version: 1,
        status: 'draft',
        revision: 1,
        model: 'cooperative',
        basis: 'turnover',
        managementFeePercent: '2.5',
        approvedAt: null,
      });
      expect(d1.body.exit).toEqual(EXIT);
      expect(d1.body.serviceLineBases).toEqual({ [w.c1.serviceLineId]: 'activity' });
      await t.http.get(base).set('Authorization', w.tokens.host!).expect(404); // not approved yet

      // replacing the draft needs If-Match
      const missing = await t.http
        .put(base)
        .set('Authorization', w.tokens.host!)
        .send({ ...coop, managementFeePercent: 3 })
        .expect(428);
      expect(missing.body.code).toBe('precondition_required');
      const d1b = await t.http
        .put(base)
        .set('Authorization', w.tokens.host!)
        .set('If-Match', '"1"')
        .send({ ...coop, managementFeePercent: 3 })
        .expect(200);
      expect(d1b.body).toMatchObject({ version: 1, revision: 2, managementFeePercent: '3' });
      const stale = await t.http.put(base).set('Authorization', w.tokens.host!).set('If-Match', '1').send(coop).expect(409);
      expect(stale.body.code).toBe('revision_conflict');
      await t.http.put(base).set('Authorization', w.tokens.host!).set('If-Match', 'abc').send(coop).expect(400);

      // in a co-operative the members decide: the host cannot approve alone
      const alone = await t.http.post(`${base}/approve`).set('Authorization', w.tokens.host!).expect(403);
      expect(alone.body.detail).toContain('propose');
      const a1 = await t.http.post(`${base}/approve`).set('Authorization', admin).expect(200);
      expect(a1.body).toMatchObject({ version: 1, status: 'approved', revision: 2, decisionRule: 'unanimous', inForce: true });
      expect(a1.body.approvedAt).toEqual(expect.any(String));
      await t.http.post(`${base}/approve`).set('Authorization', admin).expect(409);
      const active = await t.http.get(base).set('Authorization', w.tokens.partner!).expect(200);
      expect(active.body).toMatchObject({ version: 1, status: 'approved', managementFeePercent: '3' });

      // the draft was approved: an If-Match for it is stale; without If-Match a new draft version starts
      await t.http.put(base).set('Authorization', w.tokens.host!).set('If-Match', '2').send(coop).expect(409);
      const d2 = await t.http
        .put(base)
        .set('Authorization', w.tokens.host!)
        .send({ ...coop, basis: 'headcount' })
        .expect(200);
      expect(d2.body).toMatchObject({ version: 2, status: 'draft', revision: 1, basis: 'headcount' });
      const draft = await t.http.get(`${base}/draft`).set('Authorization', w.tokens.board!).expect(200);
      expect(draft.headers.etag).toBe('"1"');
      // approving a draft that moved on since it was read is refused
      await t.http.post(`${base}/approve`).set('Authorization', w.tokens.host!).set('If-Match', '7').expect(409);
      await t.http.post(`${base}/approve`).set('Authorization', admin).set('If-Match', '1').expect(200);

      const versions = await t.http.get(`${base}/versions`).set('Authorization', w.tokens.partner!).expect(200);
      expect(versions.body.total).toBe(2);
      expect(versions.body.items.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
        [1, 'superseded'],
        [2, 'approved'],
      ]);
      const v1 = await t.http.get(`${base}/versions/1`).set('Authorization', w.tokens.board!).expect(200);
      expect(v1.body).toMatchObject({ version: 1, status: 'superseded', basis: 'turnover', managementFeePercent: '3' });
      await t.http.get(`${base}/versions/99`).set('Authorization', admin).expect(404);
      const bad = await t.http.get(`${base}/versions/abc`).set('Authorization', admin).expect(400);
      expect(fields(bad)).toEqual(['version']);
      expect((await t.http.get(base).set('Authorization', w.tokens.host!).expect(200)).body).toMatchObject({ version: 2, basis: 'headcount' });
    });

    it('approving with no draft is 409 no_draft', async () => {
      const res = await t.http.post(`/api/v1/consortia/${w.c2.consortiumId}/agreement/approve`).set('Authorization', w.tokens.otherHost!).expect(409);
      expect(res.body.code).toBe('no_draft');
    });

    it('writes audit rows in the same transaction', async () => {
      const res = await t.http.get('/api/v1/audit').query({ consortiumId: w.c1.consortiumId, entity: 'agreement_version', limit: 50 }).set('Authorization', admin).expect(200);
      const actions = res.body.items.map((a: { action: string }) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['create', 'update', 'approve']));
      expect(actions.filter((a: string) => a === 'approve')).toHaveLength(2);
    });
  });

  describe('lost updates', () => {
    it('20 concurrent edits of one draft with the same If-Match: exactly one wins, the rest 409, nothing is lost silently', async () => {
      const url = `/api/v1/consortia/${w.c2.consortiumId}/agreement`;
      const body = { model: 'cooperative', basis: 'equal', managementFeePercent: '1', exit: EXIT };
      const d = await t.http.put(url).set('Authorization', w.tokens.otherHost!).send(body).expect(200);
      const rev = d.body.revision;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t.http
            .put(url)
            .set('Authorization', w.tokens.otherHost!)
            .set('If-Match', `"${rev}"`)
            .send({ ...body, managementFeePercent: String(i + 10) }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      const winner = results.find((r) => r.status === 200)!;
      const now = await t.http.get(`${url}/draft`).set('Authorization', w.tokens.otherHost!).expect(200);
      expect(now.body.revision).toBe(rev + 1);
      expect(now.body.managementFeePercent).toBe(winner.body.managementFeePercent);
      // the losers re-read and retry: one more wins
      const retry = await t.http
        .put(url)
        .set('Authorization', w.tokens.otherHost!)
        .set('If-Match', String(now.body.revision))
        .send({ ...body, managementFeePercent: '99' })
        .expect(200);
      expect(retry.body.revision).toBe(rev + 2);
    });

    it('20 concurrent creations of a first draft: one draft, the rest 409', async () => {
      const c = await t.http
        .post('/api/v1/consortia')
        .set('Authorization', admin)
        .send({ name: unique('Race '), deliveryModel: 'cooperative', hostOrganisationId: w.c1.hostOrgId, startDate: '2025-04-01' })
        .expect(201);
      const url = `/api/v1/consortia/${c.body.id}/agreement`;
      const results = await Promise.all(
        Array.from({ length: 20 }, () => t.http.put(url).set('Authorization', admin).send({ model: 'cooperative', basis: 'equal', managementFeePercent: '1', exit: EXIT })),
      );
      const ok = results.filter((r) => r.status === 200);
      expect(ok).toHaveLength(1);
      expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409 || r.status === 428)).toBe(true);
      const pg = new Client({ connectionString: t.databaseUrl });
      await pg.connect();
      try {
        const rows = await pg.query(`SELECT count(*)::int AS n FROM agreement_versions WHERE consortium_id = $1`, [c.body.id]);
        expect(rows.rows[0].n).toBe(1);
      } finally {
        await pg.end();
      }
    });
  });

  describe('validation (400 naming the field)', () => {
    let cid: string;
    let url: string;
    let lineId: string;
    let members: string[];
    beforeAll(async () => {
      const c = await t.http
        .post('/api/v1/consortia')
        .set('Authorization', admin)
        .send({ name: unique('Val '), deliveryModel: 'cooperative', hostOrganisationId: w.c1.hostOrgId, startDate: '2025-04-01' })
        .expect(201);
      cid = c.body.id;
      url = `/api/v1/consortia/${cid}/agreement`;
      await t.http.post(`/api/v1/consortia/${cid}/members`).set('Authorization', admin).send({ organisationId: w.c1.partnerOrgIds[0], joinedOn: '2025-04-01' }).expect(201);
      lineId = (
        await t.http
          .post(`/api/v1/consortia/${cid}/service-lines`)
          .set('Authorization', admin)
          .send({ code: 'FIN', name: 'Finance', function: 'finance', classification: 'transactional' })
          .expect(201)
      ).body.id;
      members = [w.c1.hostOrgId, w.c1.partnerOrgIds[0]];
    });
    const put = (body: unknown) =>
      t.http
        .put(url)
        .set('Authorization', admin)
        .send(body as object);
    const good = () => ({ model: 'cooperative', basis: 'turnover', managementFeePercent: '2.5', exit: { ...EXIT } });

    it('co-operative rules', async () => {
      expect(fields(await put({ ...good(), model: 'commercial' }).expect(400))).toEqual(['model']);
      expect(fields(await put({ ...good(), basis: undefined }).expect(400))).toEqual(['basis']);
      expect(fields(await put({ ...good(), basis: 'activity' }).expect(400))).toEqual(['basis']);
      expect(fields(await put({ ...good(), basis: 'weird' }).expect(400))).toEqual(['basis']);
      expect(fields(await put({ ...good(), managementFeePercent: undefined }).expect(400))).toEqual(['managementFeePercent']);
      expect(fields(await put({ ...good(), managementFeePercent: '100.5' }).expect(400))).toEqual(['managementFeePercent']);
      expect(fields(await put({ ...good(), managementFeePercent: '2.12345' }).expect(400))).toEqual(['managementFeePercent']);
      const other = w.c2.serviceLineId;
      expect(fields(await put({ ...good(), serviceLineBases: { [other]: 'equal', [lineId]: 'nonsense' } }).expect(400))).toEqual(
        [`serviceLineBases.${lineId}`, `serviceLineBases.${other}`].sort(),
      );
      expect(fields(await put({ ...good(), basis: 'fixed', fixedShares: { [members[0]]: '60', [members[1]]: '30' } }).expect(400))).toEqual(['fixedShares']);
      expect(fields(await put({ ...good(), serviceLineBases: { [lineId]: 'fixed' }, fixedShares: { [members[0]]: '60' } }).expect(400))).toEqual(['fixedShares']);
      expect(fields(await put({ ...good(), fixedShares: { [w.c2.hostOrgId]: '100' } }).expect(400))).toEqual([`fixedShares.${w.c2.hostOrgId}`]);
      expect(fields(await put({ ...good(), fixedShares: { [members[0]]: 'x' } }).expect(400))).toEqual([`fixedShares.${members[0]}`]);
      expect(fields(await put({ ...good(), prices: [] }).expect(400))).toEqual(['prices']);
      expect(fields(await put({ ...good(), exit: { ...EXIT, minimumTermMonths: undefined, fixedCostPercent: '140' } }).expect(400))).toEqual([
        'exit.fixedCostPercent',
        'exit.minimumTermMonths',
      ]);
      expect(fields(await put({ ...good(), exit: { ...EXIT, exitChargeSchedule: [] } }).expect(400))).toEqual(['exit.exitChargeSchedule']);
      expect(fields(await put({ ...good(), exit: { ...EXIT, noticeMonths: 1.5 } }).expect(400))).toEqual(['exit.noticeMonths']);
      expect(fields(await put({ ...good(), exit: undefined }).expect(400))).toContain('exit');
      expect(fields(await put({ ...good(), surprise: 1 }).expect(400))).toEqual(['surprise']);
      // fixed shares summing to exactly 100 are fine (numbers accepted for percentages)
      const okRes = await put({ ...good(), basis: 'fixed', fixedShares: { [members[0]]: 62.5, [members[1]]: '37.5' } }).expect(200);
      expect(okRes.body.fixedShares).toEqual({ [members[0]]: '62.5', [members[1]]: '37.5' });
    });

    it('commercial rules', async () => {
      const ssc = await t.http
        .post('/api/v1/consortia')
        .set('Authorization', admin)
        .send({ name: unique('SSC '), deliveryModel: 'shared_services_company', hostOrganisationId: w.c1.hostOrgId, startDate: '2025-04-01' })
        .expect(201);
      const sid = ssc.body.id;
      const outsider = await org(t, admin);
      await t.http.post(`/api/v1/consortia/${sid}/members`).set('Authorization', admin).send({ organisationId: w.c1.partnerOrgIds[0], joinedOn: '2025-04-01' }).expect(201);
      const line = (
        await t.http
          .post(`/api/v1/consortia/${sid}/service-lines`)
          .set('Authorization', admin)
          .send({ code: 'PAY', name: 'Payroll', function: 'payroll', classification: 'transactional' })
          .expect(201)
      ).body.id;
      const p = (body: unknown) =>
        t.http
          .put(`/api/v1/consortia/${sid}/agreement`)
          .set('Authorization', admin)
          .send(body as object);
      const price = (over: Record<string, unknown> = {}) => ({ organisationId: w.c1.hostOrgId, serviceLineId: line, annualPrice: '1000.00', ...over });
      const goodC = () => ({
        model: 'commercial',
        prices: [price(), price({ organisationId: w.c1.partnerOrgIds[0] })],
        exit: { noticeMonths: 6, exitChargeSchedule: [{ contractYear: 1, amount: '100.00' }] },
      });
      expect(fields(await p({ ...goodC(), model: 'cooperative', basis: 'equal', managementFeePercent: '1', exit: EXIT }).expect(400))).toEqual(['model']);
      expect(fields(await p({ ...goodC(), managementFeePercent: '2.5', basis: 'equal', fixedShares: {}, serviceLineBases: {} }).expect(400))).toEqual(
        ['basis', 'fixedShares', 'managementFeePercent', 'serviceLineBases'].sort(),
      );
      expect(
        fields(
          await p({ ...goodC(), prices: [price(), price({ organisationId: w.c1.partnerOrgIds[0] }), price({ organisationId: w.c1.partnerOrgIds[0], annualPrice: 1000 })] }).expect(
            400,
          ),
        ),
      ).toEqual(['prices.2.annualPrice']);
      expect(fields(await p({ ...goodC(), prices: [price({ annualPrice: '1.234' })] }).expect(400))).toEqual(['prices.0.annualPrice']);
      expect(fields(await p({ ...goodC(), prices: [price({ annualPrice: '-1.00' })] }).expect(400))).toEqual(['prices.0.annualPrice']);
      expect(fields(await p({ ...goodC(), prices: [price(), price()] }).expect(400))).toEqual(['prices.1']);
      expect(fields(await p({ ...goodC(), prices: [price({ organisationId: outsider }), price({ serviceLineId: w.c2.serviceLineId })] }).expect(400))).toEqual([
        'prices.0.organisationId',
        'prices.1.serviceLineId',
      ]);
      expect(fields(await p({ ...goodC(), prices: [] }).expect(400))).toEqual(['prices']);
      expect(
        fields(
          await p({
            ...goodC(),
            exit: {
              exitChargeSchedule: [
                { contractYear: 1, amount: '1.00' },
                { contractYear: 1, amount: '2.00' },
              ],
            },
          }).expect(400),
        ),
      ).toEqual(['exit.exitChargeSchedule.1.contractYear']);
      expect(fields(await p({ ...goodC(), exit: { exitChargeSchedule: [{ contractYear: 0, amount: '1.00' }] } }).expect(400))).toEqual(['exit.exitChargeSchedule.0.contractYear']);
      expect(fields(await p({ ...goodC(), exit: { minimumTermMonths: 36, exitChargeSchedule: [] } }).expect(400))).toEqual(['exit.minimumTermMonths']);
      expect(fields(await p({ ...goodC(), exit: { noticeMonths: 6 } }).expect(400))).toEqual(['exit.exitChargeSchedule']);
      const ok = await p(goodC()).expect(200);
      expect(ok.body).toMatchObject({ model: 'commercial', exit: { noticeMonths: 6, exitChargeSchedule: [{ contractYear: 1, amount: '100.00' }] } });
      expect(ok.body.basis).toBeUndefined();
      expect(ok.body.prices).toHaveLength(2);
    });

    it('an in-house consortium has no agreement: 422', async () => {
      const c = await t.http
        .post('/api/v1/consortia')
        .set('Authorization', admin)
        .send({ name: unique('IH '), deliveryModel: 'in_house', hostOrganisationId: w.c1.hostOrgId, startDate: '2025-04-01' })
        .expect(201);
      const res = await t.http.put(`/api/v1/consortia/${c.body.id}/agreement`).set('Authorization', admin).send(good()).expect(422);
      expect(res.body.code).toBe('agreement_not_applicable');
    });

    it('approval re-checks the draft against the consortium: a delivery model changed since → 422 agreement_invalid', async () => {
      const c = await t.http
        .post('/api/v1/consortia')
        .set('Authorization', admin)
        .send({ name: unique('Switch '), deliveryModel: 'cooperative', hostOrganisationId: w.c1.hostOrgId, startDate: '2025-04-01' })
        .expect(201);
      const u = `/api/v1/consortia/${c.body.id}/agreement`;
      await t.http.put(u).set('Authorization', admin).send(good()).expect(200);
      await t.http.patch(`/api/v1/consortia/${c.body.id}`).set('Authorization', admin).send({ deliveryModel: 'joint_venture' }).expect(200);
      const res = await t.http.post(`${u}/approve`).set('Authorization', admin).expect(422);
      expect(res.body.code).toBe('agreement_invalid');
      expect(fields(res)).toEqual(['model']);
    });
  });

  describe('OpenAPI', () => {
    it('documents every route of issue 4 with its headers, bodies and problem responses', async () => {
      const res = await t.http.get('/api/docs-json').expect(200);
      const paths = res.body.paths;
      for (const [path, method] of [
        ['/api/v1/consortia/{id}/agreement', 'put'],
        ['/api/v1/consortia/{id}/agreement', 'get'],
        ['/api/v1/consortia/{id}/agreement/approve', 'post'],
        ['/api/v1/consortia/{id}/agreement/draft', 'get'],
        ['/api/v1/consortia/{id}/agreement/versions', 'get'],
        ['/api/v1/consortia/{id}/agreement/versions/{version}', 'get'],
        ['/api/v1/consortia/{id}/costs', 'post'],
        ['/api/v1/consortia/{id}/costs', 'get'],
        ['/api/v1/consortia/{id}/activity', 'put'],
        ['/api/v1/consortia/{id}/activity', 'get'],
        ['/api/v1/consortia/{id}/baselines', 'put'],
        ['/api/v1/consortia/{id}/baselines', 'get'],
        ['/api/v1/consortia/{id}/statements', 'get'],
        ['/api/v1/consortia/{id}/statements/{organisationId}', 'get'],
        ['/api/v1/consortia/{id}/months/{month}/close', 'post'],
        ['/api/v1/consortia/{id}/months', 'get'],
        ['/api/v1/consortia/{id}/months/{month}/statements', 'get'],
        ['/api/v1/consortia/{id}/members/{organisationId}/exit-quote', 'get'],
      ]) {
        expect([path, method, !!paths[path]?.[method]]).toEqual([path, method, true]);
        expect(paths[path][method].responses['404'].content['application/problem+json']).toBeDefined();
      }
      const names = (op: { parameters?: { name: string; in: string }[] }) => (op.parameters ?? []).map((x) => `${x.in}:${x.name}`);
      expect(names(paths['/api/v1/consortia/{id}/agreement'].put)).toContain('header:If-Match');
      expect(names(paths['/api/v1/consortia/{id}/costs'].post)).toContain('header:Idempotency-Key');
      expect(names(paths['/api/v1/consortia/{id}/statements'].get)).toEqual(expect.arrayContaining(['query:from', 'query:to']));
      expect(names(paths['/api/v1/consortia/{id}/members/{organisationId}/exit-quote'].get)).toEqual(expect.arrayContaining(['query:noticeDate', 'query:redundancyCosts']));
      const schemas = res.body.components.schemas;
      expect(schemas.PutAgreementDto.required).toEqual(expect.arrayContaining(['model', 'exit']));
      expect(schemas.CreateCostDto.required).toEqual(expect.arrayContaining(['month', 'category', 'amount', 'description']));
      expect(Object.keys(schemas.StatementView.properties)).toEqual(
        expect.arrayContaining(['operating', 'fee', 'credits', 'charge', 'baseline', 'savings', 'savingsPercent', 'serviceLines', 'feeIncome', 'margin']),
      );
    });
  });

  describe('access', () => {
    it('only the host and admins write; partners and board viewers read; other tenants 404; anonymous 401', async () => {
      const url = `/api/v1/consortia/${w.c1.consortiumId}/agreement`;
      for (const a of ['partner', 'otherPartner', 'board', 'foreignPartner'] as const) {
        await t.http.put(url).set('Authorization', w.tokens[a]!).send(coop).expect(403);
        await t.http.post(`${url}/approve`).set('Authorization', w.tokens[a]!).expect(403);
      }
      await t.http.put(url).set('Authorization', w.tokens.otherHost!).send(coop).expect(404);
      await t.http.get(url).set('Authorization', w.tokens.otherHost!).expect(404);
      await t.http.get(url).set('Authorization', w.tokens.foreignPartner!).expect(404);
      await t.http.get(`${url}/versions`).set('Authorization', w.tokens.foreignPartner!).expect(404);
      await t.http.get(url).expect(401);
      await t.http.put(url).send(coop).expect(401);
    });
  });
});
