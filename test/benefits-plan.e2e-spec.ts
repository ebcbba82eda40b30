/**
 * The benefits plan (domain.md §16) through the HTTP API: the host sets planned and guaranteed
 * savings per member and financial year (upsert, all or nothing, audited); members read their own
 * rows, the host and the partnership board all; statements, and the consolidated statement, show
 * planned, gap, guaranteed and shortfall, exact on the worked example of §11.
 */
import { dec, formatMoney } from '../src/common/money';
import { ADMIN, createTestApp, type TestApp } from './support/app';
import { buildWorkedExample, type WorkedExample } from './support/worked-example';
import { buildWorld, type World } from './support/world';

describe('benefits plan (e2e)', () => {
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

  const url = (path: string) => `/api/v1/consortia/${ex.consortiumId}${path}`;
  const put = (token: string, items: object[]) => t.http.put(url('/benefits-plan')).set('Authorization', token).send({ items });
  const PLAN = () => [
    { organisationId: ex.org.A, financialYear: '2025/26', plannedSavings: '960000.00' },
    { organisationId: ex.org.B, financialYear: '2025/26', plannedSavings: '300000.00', guaranteedPercent: '10' },
    { organisationId: ex.org.C, financialYear: '2025/26', plannedSavings: '120000.00', guaranteedPercent: 40 },
  ];

  it('statements carry planned 0.00 and null guaranteed before any plan', async () => {
    const res = await t.http
      .get(url(`/statements/${ex.org.B}?from=2025-04&to=2025-05`))
      .set('Authorization', ex.tokens.host)
      .expect(200);
    expect(res.body).toMatchObject({ savings: '74194.44', plannedSavings: '0.00', savingsGap: '74194.44', guaranteed: null, shortfall: null });
  });

  it('the host sets the plan (upsert, audited); GET reads it back by organisation and year', async () => {
    const res = await put(ex.tokens.host, PLAN()).expect(200);
    expect(res.body).toEqual({ accepted: 3, created: 3, updated: 0 });
    const list = await t.http.get(url('/benefits-plan')).set('Authorization', ex.tokens.host).expect(200);
    expect(list.body.total).toBe(3);
    const byOrg = Object.fromEntries(list.body.items.map((r: { organisationId: string }) => [r.organisationId, r]));
    expect(byOrg[ex.org.B]).toMatchObject({
      financialYear: '2025/26',
      plannedSavings: '300000.00',
      guaranteedPercent: '10.0000',
      organisationName: expect.stringContaining('Riverside'),
    });
    expect(byOrg[ex.org.A].guaranteedPercent).toBeNull();
    expect(byOrg[ex.org.C].guaranteedPercent).toBe('40.0000');
    // a second PUT upserts: one row changed, the others stay
    const again = await put(ex.tokens.host, [{ organisationId: ex.org.A, financialYear: '2026/27', plannedSavings: '1000000.00', guaranteedPercent: '5.5' }, PLAN()[0]]).expect(
      200,
    );
    expect(again.body).toEqual({ accepted: 2, created: 1, updated: 1 });
    expect((await t.http.get(url('/benefits-plan')).set('Authorization', admin).expect(200)).body.total).toBe(4);
    const audit = await t.http.get(url('/audit?entity=benefits_plan')).set('Authorization', ex.tokens.host).expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'upsert',
      entity: 'benefits_plan',
      after: expect.arrayContaining([expect.objectContaining({ organisationId: ex.org.A, financialYear: '2026/27', guaranteedPercent: '5.5000' })]),
    });
    expect(audit.body.items[0].before).toEqual([{ organisationId: ex.org.A, financialYear: '2025/26', plannedSavings: '960000.00', guaranteedPercent: null }]);
  });

  it('statements gain planned, gap, guaranteed and shortfall, exact on the worked example (B ahead of plan; C short of its guarantee; A behind plan)', async () => {
    const list = await t.http.get(url('/statements?from=2025-04&to=2025-05')).set('Authorization', ex.tokens.host).expect(200);
    const by = Object.fromEntries(list.body.items.map((s: { organisationId: string }) => [s.organisationId, s]));
    expect(by[ex.org.A]).toMatchObject({ savings: '126774.78', plannedSavings: '160000.00', savingsGap: '-33225.22', guaranteed: null, shortfall: null });
    expect(by[ex.org.B]).toMatchObject({ savings: '74194.44', plannedSavings: '50000.00', savingsGap: '24194.44', guaranteed: '20166.67', shortfall: '0.00' });
    expect(by[ex.org.C]).toMatchObject({ savings: '10545.77', plannedSavings: '5161.29', savingsGap: '5384.48', guaranteed: '12903.23', shortfall: '2357.46' });
    const one = await t.http
      .get(url(`/statements/${ex.org.C}?from=2025-04&to=2025-05`))
      .set('Authorization', ex.tokens.partnerC)
      .expect(200);
    expect(one.body).toEqual(by[ex.org.C]);
    const cons = await t.http.get(url('/statements/consolidated?from=2025-04&to=2025-05')).set('Authorization', ex.tokens.boardB).expect(200);
    expect(cons.body.totals).toMatchObject({ savings: '211514.99', plannedSavings: '215161.29', savingsGap: '-3646.30', guaranteed: '33069.90', shortfall: '2357.46' });
    expect(cons.body.items).toEqual(list.body.items);
  });

  it('a range across financial years prices each month by its own year (A: 2025/26 none guaranteed, 2026/27 5.5%)', async () => {
    const res = await t.http
      .get(url(`/statements/${ex.org.A}?from=2026-03&to=2026-04`))
      .set('Authorization', ex.tokens.host)
      .expect(200);
    // planned: 960000 / 12 + 1000000 / 12 = 80000 + 83333.333… = 163333.33
    expect(res.body.plannedSavings).toBe('163333.33');
    // guaranteed: only April 2026 (2026/27): baseline 1920000 / 12 = 160000 × 5.5% = 8800.00
    expect(res.body.guaranteed).toBe('8800.00');
    expect(res.body.savingsGap).toBe(formatMoney(dec(res.body.savings).minus('163333.33')));
  });

  it('closing a month does not put the plan in the issued statement; editing the plan of a closed year is allowed and changes no hash', async () => {
    await t.http.post(url('/months/2025-04/close')).set('Authorization', ex.tokens.host).send({}).expect(201);
    const issued = await t.http.get(url('/months/2025-04/statements')).set('Authorization', ex.tokens.host).expect(200);
    const hashes = issued.body.items.map((i: { contentHash: string }) => i.contentHash);
    expect(Object.keys(issued.body.items[0].statement)).not.toContain('plannedSavings');
    await put(ex.tokens.host, [{ organisationId: ex.org.B, financialYear: '2025/26', plannedSavings: '360000.00', guaranteedPercent: '10' }]).expect(200);
    const after = await t.http.get(url('/months/2025-04/statements')).set('Authorization', ex.tokens.host).expect(200);
    expect(after.body.items.map((i: { contentHash: string }) => i.contentHash)).toEqual(hashes);
    const b = await t.http
      .get(url(`/statements/${ex.org.B}?from=2025-04&to=2025-05`))
      .set('Authorization', ex.tokens.host)
      .expect(200);
    expect(b.body).toMatchObject({ plannedSavings: '60000.00', savingsGap: '14194.44', guaranteed: '20166.67', shortfall: '0.00' });
  });

  describe('access', () => {
    it('a partner reads its own rows only; the board all; a partner cannot PUT; another consortium’s host 404', async () => {
      const own = await t.http.get(url('/benefits-plan')).set('Authorization', ex.tokens.partnerC).expect(200);
      expect(own.body.items.map((r: { organisationId: string }) => r.organisationId)).toEqual([ex.org.C]);
      const board = await t.http.get(url('/benefits-plan')).set('Authorization', ex.tokens.boardB).expect(200);
      expect(new Set(board.body.items.map((r: { organisationId: string }) => r.organisationId))).toEqual(new Set([ex.org.A, ex.org.B, ex.org.C]));
      await put(ex.tokens.partnerB, PLAN()).expect(403);
      await put(ex.tokens.boardB, PLAN()).expect(403);
      await t.http.get(url('/benefits-plan')).set('Authorization', w.tokens.otherHost!).expect(404);
      await put(w.tokens.otherHost!, PLAN()).expect(404);
    });
  });

  describe('validation', () => {
    const fields = (body: { errors: { field: string }[] }) => body.errors.map((e) => e.field);

    it('bad amounts, years and percentages are 400s naming the item field; nothing is written', async () => {
      const before = (await t.http.get(url('/benefits-plan')).set('Authorization', admin).expect(200)).body;
      let res = await put(ex.tokens.host, [{ organisationId: ex.org.B, financialYear: '2025/26', plannedSavings: '12.345' }]).expect(400);
      expect(fields(res.body)).toContain('items.0.plannedSavings');
      res = await put(ex.tokens.host, [{ organisationId: ex.org.B, financialYear: '2025/27', plannedSavings: '1.00' }]).expect(400);
      expect(fields(res.body)).toContain('items.0.financialYear');
      // a year outside the date window (as every month field): 0000/01 and 9999/00 are no plan
      for (const financialYear of ['0000/01', '9999/00']) {
        res = await put(ex.tokens.host, [{ organisationId: ex.org.B, financialYear, plannedSavings: '1.00' }]).expect(400);
        expect(fields(res.body)).toContain('items.0.financialYear');
      }
      res = await put(ex.tokens.host, [{ organisationId: ex.org.B, financialYear: '2025/26', plannedSavings: '-1.00' }]).expect(400);
      expect(fields(res.body)).toContain('items.0.plannedSavings');
      res = await put(ex.tokens.host, [
        { organisationId: ex.org.B, financialYear: '2027/28', plannedSavings: '1.00' },
        { organisationId: ex.org.B, financialYear: '2025/26', plannedSavings: '1.00', guaranteedPercent: '100.5' },
      ]).expect(400);
      expect(fields(res.body)).toEqual(['items.1.guaranteedPercent']);
      res = await put(ex.tokens.host, [{ organisationId: ex.org.B, financialYear: '2025/26', plannedSavings: '1.00', guaranteedPercent: 'ten' }]).expect(400);
      expect(fields(res.body)).toContain('items.0.guaranteedPercent');
      res = await put(ex.tokens.host, [
        { organisationId: ex.org.B, financialYear: '2027/28', plannedSavings: '1.00' },
        { organisationId: w.c1.hostOrgId, financialYear: '2025/26', plannedSavings: '1.00' },
      ]).expect(400);
      expect(fields(res.body)).toEqual(['items.1.organisationId']);
      res = await put(ex.tokens.host, [PLAN()[1], PLAN()[1]]).expect(400);
      expect(fields(res.body)).toEqual(['items.1']);
      // format errors beside what only the service finds (an organisation of no membership, a repeated member and year), in one answer
      res = await put(ex.tokens.host, [
        { organisationId: ex.org.B, financialYear: '2025-26', plannedSavings: '1.00' },
        { organisationId: w.c1.hostOrgId, financialYear: '2025/26', plannedSavings: 'lots' },
        { organisationId: ex.org.B, financialYear: '2026/27', plannedSavings: '1.00', guaranteedPercent: '101' },
        { organisationId: ex.org.B, financialYear: '2026/27', plannedSavings: '2.00' },
      ]).expect(400);
      expect(fields(res.body).sort()).toEqual(['items.0.financialYear', 'items.1.organisationId', 'items.1.plannedSavings', 'items.2.guaranteedPercent', 'items.3']);
      await put(ex.tokens.host, []).expect(400);
      expect((await t.http.get(url('/benefits-plan')).set('Authorization', admin).expect(200)).body).toEqual(before);
    });
  });
});
