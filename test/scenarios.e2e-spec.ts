/**
 * What-if scenarios (domain.md §14) through the HTTP API on the worked example: the figures of the
 * core tests, access as statements are read (a partner sees its own organisation's item, the
 * partnership board every one), validation 400s naming the fields, and a saved scenario's round trip.
 */
import { WORKED_EXAMPLE as EX } from '../src/statements/core/worked-example.fixture';
import { ADMIN, createTestApp, TestApp } from './support/app';
import { buildWorkedExample, type WorkedExample } from './support/worked-example';
import { buildWorld, org, World } from './support/world';

interface Item {
  organisationId: string | null;
  name: string;
  current: Record<string, unknown> & { serviceLines: { serviceLineId: string; operating: string }[] };
  scenario: Record<string, unknown> & { serviceLines: { serviceLineId: string; operating: string }[] };
  difference: Record<string, unknown> & { serviceLines: { serviceLineId: string; operating: string; fee: string }[] };
}

describe('what-if scenarios (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let ex: WorkedExample;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login(ADMIN.email, ADMIN.password);
    ex = await buildWorkedExample(t, admin, { model: 'cooperative' });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const url = () => `/api/v1/consortia/${ex.consortiumId}/scenarios`;
  const join = () => ({
    kind: 'join',
    name: 'Dale Valley NHS Trust',
    annualTurnover: '200000000.00',
    headcount: '3000',
    joinedOn: '2025-04-01',
    baselines: [{ serviceLineId: ex.line.FIN, annualAmount: '800000.00' }],
  });
  const body = (changes: unknown[], extra: Record<string, unknown> = {}) => ({ from: EX.from, to: EX.to, changes, ...extra });

  it('a joiner on FIN: every existing member’s FIN charge falls, the joiner is listed with a null id, totals add up', async () => {
    const res = await t.http
      .post(url())
      .set('Authorization', ex.tokens.host)
      .send(body([join()]))
      .expect(200);
    const items = res.body.items as Item[];
    expect(items.map((i) => i.organisationId)).toEqual([ex.org.A, ex.org.B, ex.org.C, null]);
    const fin = (i: Item) => i.difference.serviceLines.find((l) => l.serviceLineId === ex.line.FIN)!;
    expect(items.slice(0, 3).map((i) => fin(i).operating)).toEqual(['-26338.12', '-16461.32', '-2295.19']);
    expect(items.map((i) => i.current.charge)).toEqual([EX.expected.statements.A.charge, EX.expected.statements.B.charge, EX.expected.statements.C.charge, '0.00']);
    expect(items[3]).toMatchObject({ name: 'Dale Valley NHS Trust', scenario: { charge: '60131.57', baseline: '133333.33' } });
    expect(res.body.totals.current.charge).toBe('342409.74');
    expect(res.body.totals.scenario.charge).toBe('342409.74');
    expect(res.body.totals.difference).toMatchObject({ charge: '0.00', baseline: '133333.33' });
    expect(res.body.changes).toEqual([join()]);
    expect(res.body.id).toBeUndefined();
  });

  it('costs +10 % on FIN, an added cost and a fee change from May', async () => {
    const up = await t.http
      .post(url())
      .set('Authorization', ex.tokens.host)
      .send(body([{ kind: 'costChange', serviceLineId: ex.line.FIN, percent: '10' }]))
      .expect(200);
    expect(up.body.items.map((i: Item) => i.difference.charge)).toEqual(['11944.07', '7465.03', '1090.90']);
    const fee = await t.http
      .post(url())
      .set('Authorization', ex.tokens.host)
      .send(body([{ kind: 'agreement', effectiveFrom: '2025-05', managementFeePercent: '5' }]))
      .expect(200);
    expect(fee.body.totals.difference.fee).toBe('3325.00');
    const add = await t.http
      .post(url())
      .set('Authorization', ex.tokens.host)
      .send(body([{ kind: 'addCost', month: '2025-05', category: 'operating', amount: '12000.00', serviceLineId: ex.line.PAY }]))
      .expect(200);
    expect(add.body.items.map((i: Item) => i.difference.charge)).toEqual(['6871.20', '3754.73', '1432.16']);
  });

  it('B leaving over the exit quote’s charging months: the others’ rise is B’s operating + fee', async () => {
    const res = await t.http
      .post(url())
      .set('Authorization', ex.tokens.host)
      .send(body([{ kind: 'leave', organisationId: ex.org.B, leftOn: '2025-03-31' }]))
      .expect(200);
    const rise = (i: Item) => Math.round((Number(i.difference.operating) + Number(i.difference.fee)) * 100);
    const items = res.body.items as Item[];
    expect(rise(items[0]) + rise(items[2])).toBe(9684828);
    expect(items[1].scenario.charge).toBe('0.00');
  });

  it('access: a partner sees its own organisation’s item only (totals over it), the board viewer every item; other tenants 404', async () => {
    const mine = await t.http
      .post(url())
      .set('Authorization', ex.tokens.partnerB)
      .send(body([join()]))
      .expect(200);
    expect(mine.body.items.map((i: Item) => i.organisationId)).toEqual([ex.org.B]);
    expect(mine.body.totals.current.charge).toBe(EX.expected.statements.B.charge);
    expect(mine.body.totals.difference.charge).toBe('-21653.31');
    const board = await t.http
      .post(url())
      .set('Authorization', ex.tokens.boardB)
      .send(body([join()]))
      .expect(200);
    expect(board.body.items).toHaveLength(4);
    await t.http
      .post(`/api/v1/consortia/${w.c1.consortiumId}/scenarios`)
      .set('Authorization', ex.tokens.host)
      .send(body([join()]))
      .expect(404);
    await t.http
      .post(url())
      .set('Authorization', w.tokens.host!)
      .send(body([join()]))
      .expect(404);
    await t.http
      .post(url())
      .send(body([join()]))
      .expect(401);
  });

  it('400s name the fields', async () => {
    const fields = async (b: object) => {
      const res = await t.http.post(url()).set('Authorization', ex.tokens.host).send(b).expect(400);
      return res.body.errors.map((e: { field: string }) => e.field);
    };
    expect(await fields({ from: '2025-04', to: '2028-05', changes: [join()] })).toEqual(['to']);
    expect(await fields(body(Array.from({ length: 21 }, () => ({ kind: 'costChange', percent: '1' }))))).toEqual(['changes']);
    expect(await fields(body([{ kind: 'leave', organisationId: ex.org.A, leftOn: '2025-04-30' }]))).toEqual(['changes[0].organisationId']);
    expect(await fields(body([{ ...join(), annualTurnover: '-1', prices: [] }]))).toEqual(['changes[0].annualTurnover', 'changes[0].prices']);
    expect(await fields(body([{ kind: 'addCost', month: '2025-05', category: 'operating', amount: '5.00' }]))).toEqual(['changes[0].serviceLineId']);
    expect(await fields(body([{ kind: 'costChange', percent: 'ten' }]))).toEqual(['changes[0].percent']);
    expect(await fields(body([join()], { name: '  ' }))).toEqual(['name']);
  });

  it('saved: round trip with the figures as computed, list, access to save and delete', async () => {
    const saved = await t.http
      .post(url())
      .set('Authorization', ex.tokens.boardB)
      .send(body([join()], { name: 'Dale Valley joins' }))
      .expect(200);
    expect(saved.body).toMatchObject({
      id: expect.any(String),
      name: 'Dale Valley joins',
      createdAt: expect.any(String),
      createdBy: expect.stringMatching(/Riverside.*board viewer/),
    });
    const got = await t.http.get(`${url()}/${saved.body.id}`).set('Authorization', ex.tokens.host).expect(200);
    expect(got.body.items).toEqual(saved.body.items);
    expect(got.body.totals).toEqual(saved.body.totals);
    expect(got.body.changes).toEqual([join()]);
    const partner = await t.http.get(`${url()}/${saved.body.id}`).set('Authorization', ex.tokens.partnerC).expect(200);
    expect(partner.body.items.map((i: Item) => i.organisationId)).toEqual([ex.org.C]);
    const list = await t.http.get(url()).set('Authorization', ex.tokens.partnerC).expect(200);
    expect(list.body.items[0]).toMatchObject({ id: saved.body.id, name: 'Dale Valley joins', from: '2025-04', to: '2025-05', canDelete: false });
    expect(JSON.stringify(list.body)).not.toMatch(/@/);
    // a partner user may run but not save
    await t.http
      .post(url())
      .set('Authorization', ex.tokens.partnerC)
      .send(body([join()], { name: 'Nope' }))
      .expect(403);
    // another tenant's id: 404; a member who is not its author nor the host: 403; the host deletes
    await t.http.get(`/api/v1/consortia/${w.c1.consortiumId}/scenarios/${saved.body.id}`).set('Authorization', admin).expect(404);
    await t.http.delete(`${url()}/${saved.body.id}`).set('Authorization', ex.tokens.partnerC).expect(403);
    await t.http.delete(`${url()}/${saved.body.id}`).set('Authorization', ex.tokens.host).expect(204);
    await t.http.get(`${url()}/${saved.body.id}`).set('Authorization', ex.tokens.host).expect(404);
    const own = await t.http
      .post(url())
      .set('Authorization', ex.tokens.boardB)
      .send(body([join()], { name: 'Mine' }))
      .expect(200);
    await t.http.delete(`${url()}/${own.body.id}`).set('Authorization', ex.tokens.boardB).expect(204);
  });

  describe('attacks of the issue 16 review', () => {
    const fixedOnMe = () => ({
      kind: 'agreement',
      effectiveFrom: '2025-04',
      basis: 'fixed',
      serviceLineBases: { [ex.line.FIN]: 'fixed', [ex.line.PAY]: 'fixed' },
      fixedShares: { [ex.org.A]: '0.0001', [ex.org.B]: '0.0001', [ex.org.C]: '99.9998' },
    });

    it('a member who reads only its own figures cannot move the others’ costs onto itself (which would show the totals); the board can', async () => {
      const terms = await t.http
        .post(url())
        .set('Authorization', ex.tokens.partnerC)
        .send(body([fixedOnMe()]))
        .expect(400);
      expect(terms.body.errors.map((e: { field: string }) => e.field)).toEqual(['changes[0].basis', 'changes[0].serviceLineBases', 'changes[0].fixedShares']);
      const leave = await t.http
        .post(url())
        .set('Authorization', ex.tokens.partnerC)
        .send(body([{ kind: 'leave', organisationId: ex.org.B, leftOn: '2025-03-31' }]))
        .expect(400);
      expect(leave.body.errors.map((e: { field: string }) => e.field)).toEqual(['changes[0].organisationId']);
      const risk = await t.http
        .post(url())
        .set('Authorization', ex.tokens.partnerC)
        .send(body([{ kind: 'addCost', month: '2025-05', category: 'risk', amount: '100.00', attributableTo: ex.org.B }]))
        .expect(400);
      expect(risk.body.errors.map((e: { field: string }) => e.field)).toEqual(['changes[0].attributableTo']);
      // what only scales its own line is open to it: a fee change, its own leaving
      const fee = await t.http
        .post(url())
        .set('Authorization', ex.tokens.partnerC)
        .send(body([{ kind: 'agreement', effectiveFrom: '2025-05', managementFeePercent: '5' }]))
        .expect(200);
      expect(fee.body.items.map((i: Item) => i.organisationId)).toEqual([ex.org.C]);
      await t.http
        .post(url())
        .set('Authorization', ex.tokens.partnerC)
        .send(body([{ kind: 'leave', organisationId: ex.org.C, leftOn: '2025-04-30' }]))
        .expect(200);
      // the partnership board sees every member anyway
      const board = await t.http
        .post(url())
        .set('Authorization', ex.tokens.boardB)
        .send(body([fixedOnMe()]))
        .expect(200);
      expect(board.body.items).toHaveLength(3);
    });

    it('bad figures are 400s naming the field, never 500s: far months and dates, a cost change beyond the ledger, huge amounts are summed', async () => {
      const fields = async (b: object) => (await t.http.post(url()).set('Authorization', ex.tokens.host).send(b).expect(400)).body.errors.map((e: { field: string }) => e.field);
      expect(await fields({ from: '9999-11', to: '9999-12', changes: [{ kind: 'costChange', percent: '1' }] })).toEqual(['from', 'to']);
      expect(await fields(body([{ ...join(), joinedOn: '0000-01-01' }]))).toEqual(['changes[0].joinedOn']);
      expect(await fields(body([{ kind: 'costChange', percent: '99999999999999.9999' }]))).toEqual(['changes[0].percent']);
      // a tenfold rise, three times, stays within what the ledger takes: answered
      await t.http
        .post(url())
        .set('Authorization', ex.tokens.host)
        .send(
          body([
            { kind: 'costChange', percent: '1000' },
            { kind: 'costChange', percent: '1000' },
            { kind: 'costChange', percent: '1000' },
          ]),
        )
        .expect(200);
      // the largest amount the ledger takes, twice: the sums pass 14 digits and are still answered
      const huge = await t.http
        .post(url())
        .set('Authorization', ex.tokens.host)
        .send(
          body([
            { kind: 'addCost', month: '2025-05', category: 'investment', amount: '99999999999999.99' },
            { kind: 'addCost', month: '2025-04', category: 'investment', amount: '99999999999999.99' },
          ]),
        )
        .expect(200);
      expect(huge.body.totals.difference.investment).toBe('199999999999999.98');
    });

    it('terms that leave a line impossible to share are a 400 naming the change’s field', async () => {
      const res = await t.http
        .post(url())
        .set('Authorization', ex.tokens.host)
        .send(body([{ kind: 'agreement', effectiveFrom: '2025-04', basis: 'fixed' }]))
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['changes[0].fixedShares']);
    });

    it('an archived partnership keeps its saved scenarios: no new one is saved, none deleted; a run still answers', async () => {
      const h = await org(t, admin, { name: `Archived host ${Date.now()}`, annualTurnover: '1000000.00', headcount: '10' });
      const c = (
        await t.http
          .post('/api/v1/consortia')
          .set('Authorization', admin)
          .send({ name: `Archived ${Date.now()}`, deliveryModel: 'cooperative', hostOrganisationId: h, startDate: '2025-04-01' })
          .expect(201)
      ).body.id as string;
      await t.http
        .put(`/api/v1/consortia/${c}/agreement`)
        .set('Authorization', admin)
        .send({
          model: 'cooperative',
          basis: 'equal',
          managementFeePercent: '2.5',
          exit: { minimumTermMonths: 36, noticeMonths: 6, earlyTerminationPercent: '25', strandedCostMonths: 12, fixedCostPercent: '40', amortisationMonths: 60 },
        })
        .expect(200);
      await t.http.post(`/api/v1/consortia/${c}/agreement/approve`).set('Authorization', admin).expect(200);
      const change = { from: '2025-04', to: '2025-05', changes: [{ kind: 'costChange', percent: '1' }] };
      const saved = await t.http
        .post(`/api/v1/consortia/${c}/scenarios`)
        .set('Authorization', admin)
        .send({ ...change, name: 'Before the archive' })
        .expect(200);
      expect((await t.http.post(`/api/v1/consortia/${c}/archive`).set('Authorization', admin).send({})).status).toBeLessThan(300);
      const again = await t.http
        .post(`/api/v1/consortia/${c}/scenarios`)
        .set('Authorization', admin)
        .send({ ...change, name: 'After the archive' })
        .expect(409);
      expect(again.body.code).toBe('consortium_archived');
      await t.http.delete(`/api/v1/consortia/${c}/scenarios/${saved.body.id}`).set('Authorization', admin).expect(409);
      await t.http.post(`/api/v1/consortia/${c}/scenarios`).set('Authorization', admin).send(change).expect(200);
      const list = await t.http.get(`/api/v1/consortia/${c}/scenarios`).set('Authorization', admin).expect(200);
      expect(list.body.items.map((x: { name: string }) => x.name)).toEqual(['Before the archive']);
    });
  });
});
