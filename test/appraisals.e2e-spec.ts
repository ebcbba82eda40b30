/**
 * Options appraisal through the API (domain.md §15): the figures equal the core's, the default status
 * quo is the worked example's baselines (Σ 3,880,000.00 a year), validation names the fields, and
 * access: every member reads a consortium's appraisals, the host and the partnership board save them,
 * a partner user reads but does not save, another consortium's appraisal is a 404.
 */
import { appraise, type AppraisalInput } from '../src/appraisals/core';
import { WORKED_EXAMPLE as EX } from '../src/statements/core/worked-example.fixture';
import { ADMIN, createTestApp, type TestApp } from './support/app';
import { buildWorkedExample, type WorkedExample } from './support/worked-example';
import { buildWorld, type World } from './support/world';

jest.setTimeout(120000);

const OPTIONS = [
  {
    name: 'Shared services company',
    deliveryModel: 'shared_services_company',
    startYear: 1,
    annualRunningCost: '3400000.00',
    oneOffCosts: [
      { year: 0, amount: '750000.00' },
      { year: 1, amount: '250000.00' },
    ],
    optimismBiasPercent: '24',
  },
  { name: 'Outsourcing', deliveryModel: 'outsourcing', startYear: 2, annualRunningCost: '3100000.00', oneOffCosts: [{ year: 1, amount: '1200000.00' }], optimismBiasPercent: '40' },
  { name: 'Co-operative', deliveryModel: 'cooperative', startYear: 0, annualRunningCost: '3880000.00', oneOffCosts: [], optimismBiasPercent: '0' },
];

describe('options appraisal (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let ex: WorkedExample;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login(ADMIN.email, ADMIN.password);
    ex = await buildWorkedExample(t, admin, { withoutSla: true });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const post = (token: string, body: object) => t.http.post('/api/v1/appraisals').set('Authorization', token).send(body);

  it('computes without saving: the figures equal the core’s', async () => {
    const body = { years: 10, discountRatePercent: '3.5', statusQuoAnnualCost: '3880000.00', options: OPTIONS };
    const res = await post(ex.tokens.partnerB, body).expect(200);
    const core = appraise(body as AppraisalInput);
    expect(res.body).toEqual({ id: null, consortiumId: null, name: null, createdAt: null, statusQuoFromBaselines: false, ...core });
    expect(res.body.discountFactors.slice(0, 3)).toEqual(['1.0000', '0.9662', '0.9335']);
    expect(res.body.statusQuo.npc).toBe('33397823.65');
    expect(res.body.options.map((o: { rank: number }) => o.rank)).toEqual([1, 2, 3]);
    expect(res.body.preferred).toBe(res.body.options[0].name);
    // nothing was saved
    const list = await t.http.get(`/api/v1/consortia/${ex.consortiumId}/appraisals`).set('Authorization', admin).expect(200);
    expect(list.body.total).toBe(0);
  });

  it('defaults the years, the rate and (with a consortium) the status quo from the members’ current baselines', async () => {
    const res = await post(ex.tokens.host, { consortiumId: ex.consortiumId, name: 'Payroll and finance options', options: OPTIONS }).expect(201);
    const sum = EX.baselines.reduce((s, b) => s + Math.round(Number(b.annualAmount) * 100), 0);
    expect(res.body.statusQuoAnnualCost).toBe((sum / 100).toFixed(2));
    expect(res.body.statusQuoAnnualCost).toBe('3880000.00');
    expect(res.body.statusQuoFromBaselines).toBe(true);
    expect(res.body.years).toBe(10);
    expect(res.body.discountRatePercent).toBe('3.5');
    const core = appraise({ years: 10, discountRatePercent: '3.5', statusQuoAnnualCost: '3880000.00', options: OPTIONS } as AppraisalInput);
    expect(res.body).toMatchObject({ name: 'Payroll and finance options', consortiumId: ex.consortiumId, ...core });
    expect(res.body.id).toEqual(expect.any(String));
    expect(typeof res.body.createdAt).toBe('string');

    // every member reads it back, figures unchanged
    for (const token of [ex.tokens.partnerC, ex.tokens.boardB, admin]) {
      const got = await t.http.get(`/api/v1/consortia/${ex.consortiumId}/appraisals/${res.body.id}`).set('Authorization', token).expect(200);
      expect(got.body).toEqual(res.body);
      const list = await t.http.get(`/api/v1/consortia/${ex.consortiumId}/appraisals`).set('Authorization', token).expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).toContain(res.body.id);
      expect(list.body.items.find((i: { id: string }) => i.id === res.body.id)).toMatchObject({
        name: 'Payroll and finance options',
        preferred: core.preferred,
        years: 10,
        discountRatePercent: '3.5',
      });
    }
  });

  it('takes a given status quo cost over the baselines, and the partnership board saves too', async () => {
    const res = await post(ex.tokens.boardB, {
      consortiumId: ex.consortiumId,
      name: 'Board view',
      statusQuoAnnualCost: '4000000',
      discountRatePercent: 0,
      years: 5,
      options: OPTIONS.slice(0, 1),
    }).expect(201);
    expect(res.body.statusQuoAnnualCost).toBe('4000000.00');
    expect(res.body.statusQuoFromBaselines).toBe(false);
    // r = 0: npc is the plain sum: year 0 750000 × 1.24 + 4000000 (status quo until the start), year 1
    // 250000 × 1.24 + 3400000, years 2–4 3400000; cumulative against 4, 8, 12, 16, 20 million: payback in year 3
    expect(res.body.options[0].costs).toEqual(['4930000.00', '3710000.00', '3400000.00', '3400000.00', '3400000.00']);
    expect(res.body.options[0].cumulativeCosts).toEqual(['4930000.00', '8640000.00', '12040000.00', '15440000.00', '18840000.00']);
    expect(res.body.options[0].npc).toBe('18840000.00');
    expect(res.body.statusQuo.npc).toBe('20000000.00');
    expect(res.body.options[0].savingVsStatusQuo).toBe('1160000.00');
    expect(res.body.options[0].paybackYear).toBe(3);
  });

  it('refuses bad input with 400 naming each field', async () => {
    const bad = await post(admin, {
      years: 3,
      discountRatePercent: '3.55555',
      options: [
        { name: 'A', deliveryModel: 'cooperative', startYear: 3, annualRunningCost: '1.00', oneOffCosts: [{ year: 5, amount: '1.00' }], optimismBiasPercent: '250' },
        { name: 'a', deliveryModel: 'cooperative', annualRunningCost: '1.00' },
      ],
    }).expect(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['discountRatePercent']));
    const bad2 = await post(admin, {
      years: 3,
      options: [
        { name: 'A', deliveryModel: 'cooperative', startYear: 3, annualRunningCost: '1.00', oneOffCosts: [{ year: 5, amount: '1.00' }], optimismBiasPercent: '250' },
        { name: 'a', deliveryModel: 'cooperative', annualRunningCost: '1.00' },
      ],
    }).expect(400);
    expect(bad2.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'statusQuoAnnualCost',
      'options.0.startYear',
      'options.0.optimismBiasPercent',
      'options.0.oneOffCosts.0.year',
      'options.1.name',
    ]);
    const types = await post(admin, { statusQuoAnnualCost: '1.001', options: [{ name: 'A', deliveryModel: 'nope', annualRunningCost: 5 }] }).expect(400);
    expect(types.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['statusQuoAnnualCost', 'options.0.deliveryModel', 'options.0.annualRunningCost']),
    );
    const none = await post(admin, { statusQuoAnnualCost: '1.00', options: [] }).expect(400);
    expect(none.body.errors.map((e: { field: string }) => e.field)).toEqual(['options']);
    const unnamed = await post(ex.tokens.host, { consortiumId: ex.consortiumId, options: OPTIONS }).expect(400);
    expect(unnamed.body.errors.map((e: { field: string }) => e.field)).toEqual(['name']);
  });

  it('access: a partner user reads but does not save; another consortium’s appraisal is a 404', async () => {
    await post(ex.tokens.partnerB, { consortiumId: ex.consortiumId, name: 'Mine', options: OPTIONS }).expect(403);
    // the world's consortium: its host saves one
    const other = await post(w.tokens.host!, { consortiumId: w.c1.consortiumId, name: 'Elsewhere', statusQuoAnnualCost: '1000.00', options: OPTIONS }).expect(201);
    // the worked example's users do not see it, not even by its id under their own consortium
    await t.http.get(`/api/v1/consortia/${w.c1.consortiumId}/appraisals/${other.body.id}`).set('Authorization', ex.tokens.host).expect(404);
    await t.http.get(`/api/v1/consortia/${ex.consortiumId}/appraisals/${other.body.id}`).set('Authorization', ex.tokens.host).expect(404);
    await t.http.get(`/api/v1/consortia/${w.c1.consortiumId}/appraisals`).set('Authorization', ex.tokens.partnerB).expect(404);
    await post(ex.tokens.host, { consortiumId: w.c1.consortiumId, name: 'Intruder', options: OPTIONS }).expect(404);
    // the world's partner reads its consortium's appraisal
    await t.http.get(`/api/v1/consortia/${w.c1.consortiumId}/appraisals/${other.body.id}`).set('Authorization', w.tokens.partner!).expect(200);
  });
  it('the default status quo counts the rows in force this month for today’s members only', async () => {
    const api = (path: string) => `/api/v1/consortia/${ex.consortiumId}${path}`;
    const month = new Date().toISOString().slice(0, 7);
    const [y, m] = month.split('-').map(Number);
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    // A's PAY baseline from this month replaces its first row; B's FIN row from next month is not yet in force
    await t.http
      .put(api('/baselines'))
      .set('Authorization', admin)
      .send({
        items: [
          { organisationId: ex.org.A, serviceLineId: ex.line.PAY, annualAmount: '500000.00', effectiveFrom: month },
          { organisationId: ex.org.B, serviceLineId: ex.line.FIN, annualAmount: '9999999.00', effectiveFrom: next },
        ],
      })
      .expect(200);
    const after = await post(ex.tokens.host, { consortiumId: ex.consortiumId, name: 'After the new rows', options: OPTIONS.slice(0, 1) }).expect(201);
    expect(after.body.statusQuoAnnualCost).toBe('3960000.00'); // 3,880,000 − 420,000 + 500,000
    // C left last year: its rows (FIN 600,000, PAY 150,000) no longer count
    await t.http
      .patch(api(`/members/${ex.org.C}`))
      .set('Authorization', admin)
      .send({ leftOn: `${y - 1}-12-31` })
      .expect(200);
    const left = await post(ex.tokens.host, { consortiumId: ex.consortiumId, name: 'After C left', options: OPTIONS.slice(0, 1) }).expect(201);
    expect(left.body.statusQuoAnnualCost).toBe('3210000.00');
    // the appraisal saved before keeps its figures
    const before = await t.http
      .get(api(`/appraisals/${after.body.id}`))
      .set('Authorization', admin)
      .expect(200);
    expect(before.body.statusQuoAnnualCost).toBe('3960000.00');
  });
});
