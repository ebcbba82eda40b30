/**
 * Exit quotes through the HTTP API: B's quote of the worked example (domain.md §11) to the penny,
 * the shared_services_company variant, access (a partner sees only its own), and rule errors.
 */
import { WORKED_EXAMPLE as EX } from '../src/statements/core/worked-example.fixture';
import { ADMIN, createTestApp, TestApp } from './support/app';
import { buildWorkedExample, type WorkedExample } from './support/worked-example';
import { buildWorld, World } from './support/world';

describe('exit quotes (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let ex: WorkedExample;
  let cx: WorkedExample;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login(ADMIN.email, ADMIN.password);
    ex = await buildWorkedExample(t, admin, { model: 'cooperative', withoutSla: true });
    cx = await buildWorkedExample(t, admin, { model: 'commercial', org: ex.org, tokens: ex.tokens, withoutSla: true });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const quote = (e: WorkedExample, org: string) => `/api/v1/consortia/${e.consortiumId}/members/${org}/exit-quote`;
  const B = { noticeDate: EX.exitRequest.noticeDate, redundancyCosts: EX.exitRequest.redundancyCosts };

  it('co-operative: B giving notice on 2025-06-10 with redundancy costs 45000.00 — every figure', async () => {
    const res = await t.http.get(quote(ex, ex.org.B)).query(B).set('Authorization', ex.tokens.host).expect(200);
    expect(res.body).toMatchObject({ ...EX.expected.exitQuoteB, organisationId: ex.org.B, noticeDate: '2025-06-10' });
    expect(res.body.remainingMembers.map((r: { organisationId: string }) => r.organisationId)).toEqual([ex.org.A, ex.org.C]);
    for (const r of res.body.remainingMembers) expect(r.averageMonthlyIncrease).toMatch(/^\d+\.\d{2}$/);
    expect(res.body.organisationName).toMatch(/Riverside/);
    for (const r of res.body.remainingMembers) expect(r.organisationName).toEqual(expect.any(String));
    // B's charges are re-allocated to the others: April and May operating + fee of B, averaged
    const sum = res.body.remainingMembers.reduce((a: number, r: { averageMonthlyIncrease: string }) => a + Math.round(Number(r.averageMonthlyIncrease) * 100), 0);
    expect(Math.abs(sum - 4842414)).toBeLessThanOrEqual(2);
  });

  it('redundancyCosts defaults to 0.00', async () => {
    const res = await t.http.get(quote(ex, ex.org.B)).query({ noticeDate: '2025-06-10' }).set('Authorization', ex.tokens.host).expect(200);
    expect(res.body).toMatchObject({ redundancyCosts: '0.00', total: '577170.20' });
  });

  it('commercial: contract year 1, exit charge 120000.00', async () => {
    const res = await t.http.get(quote(cx, cx.org.B)).query(B).set('Authorization', cx.tokens.host).expect(200);
    expect(res.body).toEqual({ organisationId: cx.org.B, organisationName: expect.stringMatching(/Riverside/), noticeDate: '2025-06-10', ...EX.expected.commercial.exitQuoteB });
  });

  it('a partner and a board viewer get their own organisation’s quote; any other member is 404', async () => {
    const own = await t.http.get(quote(ex, ex.org.B)).query(B).set('Authorization', ex.tokens.partnerB).expect(200);
    expect(own.body.total).toBe('622170.20');
    await t.http.get(quote(ex, ex.org.B)).query(B).set('Authorization', ex.tokens.boardB).expect(200);
    await t.http.get(quote(ex, ex.org.A)).query(B).set('Authorization', ex.tokens.partnerB).expect(404);
    await t.http.get(quote(ex, ex.org.C)).query(B).set('Authorization', ex.tokens.boardB).expect(404);
    await t.http.get(quote(ex, ex.org.B)).query(B).set('Authorization', ex.tokens.partnerC).expect(404);
    await t.http.get(quote(ex, ex.org.C)).query({ noticeDate: '2025-09-01' }).set('Authorization', ex.tokens.partnerC).expect(200);
  });

  it('other tenants 404, anonymous 401', async () => {
    await t.http.get(quote(ex, ex.org.B)).query(B).set('Authorization', w.tokens.host!).expect(404);
    await t.http.get(quote(ex, ex.org.B)).query(B).set('Authorization', w.tokens.partner!).expect(404);
    await t.http.get(quote(ex, ex.org.B)).query(B).expect(401);
  });

  it('no charging history is 422 no_charging_history (C joined on 16 May: no complete month before June)', async () => {
    const res = await t.http.get(quote(ex, ex.org.C)).query({ noticeDate: '2025-06-01' }).set('Authorization', ex.tokens.host).expect(422);
    expect(res.body.code).toBe('no_charging_history');
  });

  it('400 for bad input, 404 for a non-member, 422 without an approved agreement', async () => {
    const r1 = await t.http.get(quote(ex, ex.org.B)).query({ noticeDate: '2025-02-30' }).set('Authorization', admin).expect(400);
    expect(r1.body.errors.map((e: { field: string }) => e.field)).toEqual(['noticeDate']);
    const r2 = await t.http.get(quote(ex, ex.org.B)).query({ noticeDate: '2025-06-10', redundancyCosts: '1.234' }).set('Authorization', admin).expect(400);
    expect(r2.body.errors.map((e: { field: string }) => e.field)).toEqual(['redundancyCosts']);
    await t.http.get(quote(ex, ex.org.B)).set('Authorization', admin).expect(400);
    await t.http.get(quote(ex, w.c1.hostOrgId)).query(B).set('Authorization', admin).expect(404);
    await t.http.get(`/api/v1/consortia/${ex.consortiumId}/members/nope/exit-quote`).query(B).set('Authorization', admin).expect(400);
    const r3 = await t.http
      .get(quote({ ...ex, consortiumId: w.c1.consortiumId }, w.c1.partnerOrgIds[0]))
      .query(B)
      .set('Authorization', w.tokens.host!)
      .expect(422);
    expect(r3.body.code).toBe('no_agreement');
  });
  it('the exit terms are those of the version in force in the notice month (domain.md §12)', async () => {
    const api = `/api/v1/consortia/${cx.consortiumId}/agreement`;
    const active = (await t.http.get(api).set('Authorization', admin).expect(200)).body;
    // from September 2025: 3 months' notice and a year-1 exit charge of 150000.00
    const v2 = await t.http
      .put(api)
      .set('Authorization', admin)
      .send({ model: 'commercial', prices: active.prices, effectiveFrom: '2025-09', exit: { noticeMonths: 3, exitChargeSchedule: [{ contractYear: 1, amount: '150000.00' }] } })
      .expect(200);
    expect(v2.body.effectiveFrom).toBe('2025-09');
    expect((await t.http.post(`${api}/approve`).set('Authorization', admin).expect(200)).body).toMatchObject({ status: 'approved', effectiveFrom: '2025-09' });
    const at = async (noticeDate: string) => (await t.http.get(quote(cx, cx.org.B)).query({ noticeDate }).set('Authorization', cx.tokens.host).expect(200)).body;
    // notice in August: version 1's terms (6 months' notice, 120000.00)
    expect(await at('2025-08-10')).toMatchObject({ exitMonth: '2026-02', contractYear: 1, exitCharge: '120000.00', total: '120000.00' });
    // notice in September: version 2's (3 months' notice, 150000.00)
    expect(await at('2025-09-10')).toMatchObject({ exitMonth: '2025-12', contractYear: 1, exitCharge: '150000.00', total: '150000.00' });
    // the worked example's notice (June) still quotes version 1's figures
    expect(await at(B.noticeDate)).toMatchObject(EX.expected.commercial.exitQuoteB);
  });
});
