/**
 * Statements through the HTTP API: the whole worked example of domain.md §11 to the penny (both the
 * co-operative and the shared_services_company variants), access rules, and rule errors.
 */
import { dec, formatMoney } from '../src/common/money';
import { WORKED_EXAMPLE as EX, type OrgKey } from '../src/statements/core/worked-example.fixture';
import { ADMIN, createAppOn, createTestApp, TestApp } from './support/app';
import { buildWorkedExample, type WorkedExample } from './support/worked-example';
import { buildWorld, unique, World } from './support/world';

describe('statements (e2e)', () => {
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

  const url = (ex: WorkedExample, path: string) => `/api/v1/consortia/${ex.consortiumId}${path}`;
  const keyOf = (ex: WorkedExample, orgId: string) => (Object.keys(ex.org) as OrgKey[]).find((k) => ex.org[k] === orgId)!;

  describe('worked example, co-operative', () => {
    it('per service line and month: operating / fee / credits to the penny (single-month statements)', async () => {
      for (const month of ['2025-04', '2025-05']) {
        const res = await t.http.get(url(ex, '/statements')).query({ from: month, to: month }).set('Authorization', ex.tokens.host).expect(200);
        expect(res.body.from).toBe(month);
        const got: { month: string; line: string; org: string; operating: string; fee: string; credits: string }[] = [];
        for (const s of res.body.items) {
          for (const l of s.serviceLines) {
            if (l.operating === '0.00' && l.fee === '0.00' && l.credits === '0.00') continue; // C before joining: "–"
            got.push({ month, line: l.code, org: keyOf(ex, s.organisationId), operating: l.operating, fee: l.fee, credits: l.credits });
          }
        }
        const want = EX.expected.perServiceLine.filter((r) => r.month === month);
        expect(got.sort((a, b) => `${a.line}${a.org}`.localeCompare(`${b.line}${b.org}`))).toEqual(
          [...want].sort((a, b) => `${a.line}${a.org}`.localeCompare(`${b.line}${b.org}`)),
        );
      }
    });

    it('statements 2025-04..2025-05 for A, B and C: every line of the table', async () => {
      const res = await t.http.get(url(ex, '/statements')).query({ from: '2025-04', to: '2025-05' }).set('Authorization', ex.tokens.host).expect(200);
      expect(res.body.items.map((s: { organisationId: string }) => keyOf(ex, s.organisationId))).toEqual(['A', 'B', 'C']);
      for (const s of res.body.items) {
        const k = keyOf(ex, s.organisationId);
        expect(s).toMatchObject({ ...EX.expected.statements[k], from: '2025-04', to: '2025-05' });
        if (k !== 'A') {
          expect(s.feeIncome).toBeUndefined();
          expect(s.creditsFunded).toBeUndefined();
        }
        expect(s.income).toBeUndefined();
      }
      expect(res.body.items.map((s: { savingsPercent: string }) => s.savingsPercent)).toEqual(['39.62', '36.79', '32.69']);
      const b = res.body.items[1];
      expect(b.serviceLines).toEqual([
        {
          serviceLineId: ex.line.FIN,
          code: 'FIN',
          serviceLineCode: 'FIN',
          serviceLineName: expect.any(String),
          operating: '72829.61',
          fee: '1820.74',
          credits: '0.00',
          baseline: '158333.33',
        },
        {
          serviceLineId: ex.line.PAY,
          code: 'PAY',
          serviceLineCode: 'PAY',
          serviceLineName: expect.any(String),
          operating: '21656.51',
          fee: '541.42',
          credits: '-543.45',
          baseline: '43333.33',
        },
      ]);
      expect(b.months).toEqual([
        { month: '2025-04', charge: '50752.03', baseline: '100833.33' },
        { month: '2025-05', charge: '76720.20', baseline: '100833.33' },
      ]);
      const c = res.body.items[2];
      expect(c.serviceLines).toEqual([
        {
          serviceLineId: ex.line.FIN,
          code: 'FIN',
          serviceLineCode: 'FIN',
          serviceLineName: expect.any(String),
          operating: '10643.02',
          fee: '266.08',
          credits: '0.00',
          baseline: '25806.45',
        },
        {
          serviceLineId: ex.line.PAY,
          code: 'PAY',
          serviceLineCode: 'PAY',
          serviceLineName: expect.any(String),
          operating: '3961.22',
          fee: '99.03',
          credits: '-121.81',
          baseline: '6451.61',
        },
      ]);
    });

    it('the SLA performance view prices the credits in pounds with the same figures (B −543.45, C −121.81)', async () => {
      const res = await t.http.get(url(ex, '/performance')).query({ month: '2025-05' }).set('Authorization', ex.tokens.host).expect(200);
      const amounts = Object.fromEntries(res.body.credits.map((c: { organisationId: string; amount: string }) => [keyOf(ex, c.organisationId), c.amount]));
      expect(amounts).toEqual({ B: '543.45', C: '121.81' });
      const partner = await t.http.get(url(ex, '/performance')).query({ month: '2025-05' }).set('Authorization', ex.tokens.partnerB).expect(200);
      expect(partner.body.credits.map((c: { amount: string }) => c.amount)).toEqual(['543.45']);
    });

    it('a partner reads its own statement (the same figures) and nobody else’s; a board viewer (the partnership board) reads every member’s', async () => {
      const own = await t.http
        .get(url(ex, `/statements/${ex.org.B}`))
        .query({ from: '2025-04', to: '2025-05' })
        .set('Authorization', ex.tokens.partnerB)
        .expect(200);
      expect(own.body).toMatchObject(EX.expected.statements.B);
      const board = await t.http
        .get(url(ex, `/statements/${ex.org.B}`))
        .query({ from: '2025-04', to: '2025-05' })
        .set('Authorization', ex.tokens.boardB)
        .expect(200);
      expect(board.text).toBe(own.text);
      const host = await t.http
        .get(url(ex, `/statements/${ex.org.B}`))
        .query({ from: '2025-04', to: '2025-05' })
        .set('Authorization', ex.tokens.host)
        .expect(200);
      expect(host.text).toBe(own.text);
      for (const other of [ex.org.A, ex.org.C]) {
        await t.http
          .get(url(ex, `/statements/${other}`))
          .query({ from: '2025-04', to: '2025-05' })
          .set('Authorization', ex.tokens.partnerB)
          .expect(404);
        const seen = await t.http
          .get(url(ex, `/statements/${other}`))
          .query({ from: '2025-04', to: '2025-05' })
          .set('Authorization', ex.tokens.boardB)
          .expect(200);
        expect(seen.body).toMatchObject(EX.expected.statements[keyOf(ex, other)]);
      }
      await t.http.get(url(ex, '/statements')).query({ from: '2025-04', to: '2025-05' }).set('Authorization', ex.tokens.partnerB).expect(403);
      await t.http.get(url(ex, '/statements')).query({ from: '2025-04', to: '2025-05' }).set('Authorization', ex.tokens.boardB).expect(200);
      // the host's statement has feeIncome and creditsFunded
      const a = await t.http
        .get(url(ex, `/statements/${ex.org.A}`))
        .query({ from: '2025-04', to: '2025-05' })
        .set('Authorization', ex.tokens.host)
        .expect(200);
      expect(a.body).toMatchObject({ feeIncome: '6575.00', creditsFunded: '665.26' });
    });

    it('other tenants get 404 and anonymous callers 401', async () => {
      const q = { from: '2025-04', to: '2025-05' };
      await t.http.get(url(ex, '/statements')).query(q).set('Authorization', w.tokens.host!).expect(404);
      await t.http
        .get(url(ex, `/statements/${ex.org.B}`))
        .query(q)
        .set('Authorization', w.tokens.partner!)
        .expect(404);
      await t.http
        .get(url(ex, `/statements/${w.c1.partnerOrgIds[0]}`))
        .query(q)
        .set('Authorization', w.tokens.partner!)
        .expect(404);
      await t.http.get(url(ex, '/statements')).query(q).expect(401);
      await t.http
        .get(url(ex, `/statements/${ex.org.B}`))
        .query(q)
        .expect(401);
    });

    it('an organisation that is not a member is 404; bad ranges are 400 naming the field', async () => {
      const q = { from: '2025-04', to: '2025-05' };
      await t.http
        .get(url(ex, `/statements/${w.c1.hostOrgId}`))
        .query(q)
        .set('Authorization', admin)
        .expect(404);
      const r1 = await t.http.get(url(ex, '/statements')).query({ from: '2025-05', to: '2025-04' }).set('Authorization', admin).expect(400);
      expect(r1.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
      const r2 = await t.http.get(url(ex, '/statements')).query({ to: '2025-04' }).set('Authorization', admin).expect(400);
      expect(r2.body.errors.map((e: { field: string }) => e.field)).toContain('from');
      const r3 = await t.http.get(url(ex, '/statements')).query({ from: '2025-13', to: '2025-04' }).set('Authorization', admin).expect(400);
      expect(r3.body.errors.map((e: { field: string }) => e.field)).toContain('from');
      const r4 = await t.http.get(url(ex, '/statements')).query({ from: '2015-01', to: '2025-04' }).set('Authorization', admin).expect(400);
      expect(r4.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
      await t.http.get(url(ex, '/statements/not-a-uuid')).query(q).set('Authorization', admin).expect(400);
    });

    it('months outside any membership are zero; the statement is still well formed', async () => {
      const res = await t.http
        .get(url(ex, `/statements/${ex.org.C}`))
        .query({ from: '2025-01', to: '2025-04' })
        .set('Authorization', ex.tokens.partnerC)
        .expect(200);
      expect(res.body).toMatchObject({ charge: '0.00', baseline: '0.00', savings: '0.00', savingsPercent: null });
      expect(res.body.months).toHaveLength(4);
    });
  });

  describe('worked example, shared_services_company', () => {
    let cx: WorkedExample;
    beforeAll(async () => {
      cx = await buildWorkedExample(t, admin, { model: 'commercial', org: ex.org, tokens: ex.tokens });
    });

    it('charges A 256000.00, B 160466.65 (credits −866.67), C 25651.61 (credits −154.84); the host has income, costs and margin', async () => {
      const res = await t.http.get(url(cx, '/statements')).query({ from: '2025-04', to: '2025-05' }).set('Authorization', cx.tokens.host).expect(200);
      const by = Object.fromEntries(res.body.items.map((s: { organisationId: string }) => [keyOf(cx, s.organisationId), s]));
      for (const k of ['A', 'B', 'C'] as OrgKey[]) expect(by[k]).toMatchObject(EX.expected.commercial.statements[k]);
      // the host carries the risk: costs are not passed on
      expect(by.B).toMatchObject({ fee: '0.00', investment: '0.00', sharedRisk: '0.00', attributedRisk: '0.00' });
      expect(by.A).toMatchObject({ income: '186118.26', costs: '336500.00', margin: '-150381.74' });
      expect(by.A.feeIncome).toBeUndefined();
      expect(by.B.income).toBeUndefined();
    });
  });

  describe('rule errors are 422', () => {
    it('no approved agreement: 422 no_agreement', async () => {
      const res = await t.http.get(`/api/v1/consortia/${w.c1.consortiumId}/statements`).query({ from: '2025-04', to: '2025-04' }).set('Authorization', w.tokens.host!).expect(422);
      expect(res.body.code).toBe('no_agreement');
    });

    it('an activity-based line with cost and no activity: 422 activity_all_zero naming the line and month', async () => {
      const c = await buildWorkedExample(t, admin, { model: 'cooperative', org: ex.org, tokens: ex.tokens, agreementOnly: true });
      await t.http
        .post(url(c, '/costs'))
        .set('Authorization', c.tokens.host)
        .send({ month: '2025-06', category: 'operating', amount: '1000.00', serviceLineId: c.line.PAY, description: 'Payroll June' })
        .expect(201);
      const res = await t.http.get(url(c, '/statements')).query({ from: '2025-06', to: '2025-06' }).set('Authorization', c.tokens.host).expect(422);
      expect(res.body.code).toBe('activity_all_zero');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'serviceLineId', message: c.line.PAY },
          { field: 'month', message: '2025-06' },
        ]),
      );
    });

    it('an in-house consortium has no statements', async () => {
      const c = await t.http
        .post('/api/v1/consortia')
        .set('Authorization', admin)
        .send({ name: unique('In house '), deliveryModel: 'in_house', hostOrganisationId: ex.org.A, startDate: '2025-04-01' })
        .expect(201);
      const res = await t.http.get(`/api/v1/consortia/${c.body.id}/statements`).query({ from: '2025-04', to: '2025-04' }).set('Authorization', admin).expect(422);
      expect(res.body.code).toBe('agreement_not_applicable');
    });
  });
  describe('an organisation that left and rejoined', () => {
    it('is charged for the days of both periods in one statement, the same as its single-month statements', async () => {
      const rx = await buildWorkedExample(t, admin, { model: 'cooperative' });
      await t.http
        .patch(url(rx, `/members/${rx.org.B}`))
        .set('Authorization', admin)
        .send({ leftOn: '2025-04-20' })
        .expect(200);
      await t.http.post(url(rx, '/members')).set('Authorization', admin).send({ organisationId: rx.org.B, joinedOn: '2025-05-10' }).expect(201);
      const statement = async (from: string, to: string) =>
        (
          await t.http
            .get(url(rx, `/statements/${rx.org.B}`))
            .query({ from, to })
            .set('Authorization', rx.tokens.host)
            .expect(200)
        ).body;
      const april = await statement('2025-04', '2025-04');
      const may = await statement('2025-05', '2025-05');
      const both = await statement('2025-04', '2025-05');
      expect(Number(april.charge)).toBeGreaterThan(0);
      expect(Number(may.charge)).toBeGreaterThan(0);
      const sum = (a: string, b: string) => formatMoney(dec(a).plus(b));
      expect(both.charge).toBe(sum(april.charge, may.charge));
      expect(both.months.map((m: { month: string; charge: string }) => [m.month, m.charge])).toEqual([
        ['2025-04', april.charge],
        ['2025-05', may.charge],
      ]);
      // the host's list over the range includes B once, with the same figures
      const list = await t.http.get(url(rx, '/statements')).query({ from: '2025-04', to: '2025-05' }).set('Authorization', rx.tokens.host).expect(200);
      const bs = list.body.items.filter((x: { organisationId: string }) => x.organisationId === rx.org.B);
      expect(bs).toHaveLength(1);
      expect(bs[0].charge).toBe(both.charge);
    });
  });

  describe('memoised ledgers are never stale', () => {
    it('a statement follows a new cost, its reversal and a turnover change, and agrees with an app that memoises nothing', async () => {
      // Organisations of its own: the turnover change must not reach the other tests' consortia.
      const mx = await buildWorkedExample(t, admin, { model: 'cooperative' });
      const uncached = await createAppOn(t.databaseUrl, { STATEMENT_CACHE_MB: '0' });
      try {
        const read = async (app: TestApp) =>
          (
            await app.http
              .get(url(mx, `/statements/${mx.org.B}`))
              .query({ from: '2025-04', to: '2025-05' })
              .set('Authorization', mx.tokens.host)
              .expect(200)
          ).body;
        const both = async () => {
          const [a, b] = [await read(t), await read(uncached)];
          expect(a).toEqual(b);
          return a.charge as string;
        };
        const start = await both();
        expect(await both()).toBe(start); // the second read is memoised: same figures
        const cost = (amount: string) =>
          t.http
            .post(url(mx, '/costs'))
            .set('Authorization', mx.tokens.host)
            .send({ month: '2025-05', category: 'operating', amount, serviceLineId: mx.line.FIN, description: 'late invoice' })
            .expect(201);
        await cost('3000.00');
        const afterCost = await both();
        expect(afterCost).not.toBe(start);
        await cost('-3000.00');
        expect(await both()).toBe(start);
        // a profile edit prices nothing (the consortium keeps its own drivers) ...
        await t.http.patch(`/api/v1/organisations/${mx.org.B}`).set('Authorization', admin).send({ annualTurnover: '900000000.00' }).expect(200);
        expect(await both()).toBe(start);
        // ... a change of the consortium's drivers does
        await t.http
          .put(url(mx, '/drivers'))
          .set('Authorization', mx.tokens.host)
          .send({ items: [{ organisationId: mx.org.B, financialYear: '2025/26', annualTurnover: '900000000.00', headcount: '3500' }] })
          .expect(200);
        expect(await both()).not.toBe(start);
      } finally {
        await uncached.close();
      }
    });
  });
});
