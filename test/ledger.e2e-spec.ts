/**
 * The ledger through the HTTP API: cost entries (with Idempotency-Key: 10 concurrent posts with one
 * key create one row; another body with the key is 409), activity and baselines (all or nothing,
 * every bad item named), money round-trips, access across roles and tenants.
 */
import { Client } from 'pg';
import { ADMIN, createTestApp, TestApp } from './support/app';
import { buildWorld, org, World } from './support/world';

describe('ledger: costs, activity, baselines (e2e)', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  let pg: Client;
  let c1: string;
  let host: string;
  let lateJoiner: string;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    admin = await t.login(ADMIN.email, ADMIN.password);
    c1 = `/api/v1/consortia/${w.c1.consortiumId}`;
    host = w.tokens.host!;
    lateJoiner = await org(t, admin);
    await t.http.post(`${c1}/members`).set('Authorization', admin).send({ organisationId: lateJoiner, joinedOn: '2025-05-16' }).expect(201);
    pg = new Client({ connectionString: t.databaseUrl });
    await pg.connect();
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  const fields = (res: { body: { errors?: { field: string }[] } }) => [...new Set((res.body.errors ?? []).map((e) => e.field))].sort();
  const cost = (over: Record<string, unknown> = {}) => ({
    month: '2025-06',
    category: 'operating',
    amount: '100000.00',
    serviceLineId: w.c1.serviceLineId,
    description: 'Payroll staff',
    ...over,
  });

  describe('costs', () => {
    it('creates entries (money exact, negative corrections allowed) and lists them with filters and totals', async () => {
      const a = await t.http
        .post(`${c1}/costs`)
        .set('Authorization', host)
        .send(cost({ amount: '400000000.01' }))
        .expect(201);
      expect(a.body).toMatchObject({
        consortiumId: w.c1.consortiumId,
        month: '2025-06',
        category: 'operating',
        amount: '400000000.01',
        serviceLineId: w.c1.serviceLineId,
        attributableTo: null,
        description: 'Payroll staff',
      });
      await t.http
        .post(`${c1}/costs`)
        .set('Authorization', admin)
        .send(cost({ amount: '-0.01', description: 'Correction' }))
        .expect(201);
      await t.http.post(`${c1}/costs`).set('Authorization', host).send({ month: '2025-07', category: 'investment', amount: '60000.00', description: 'Ledger system' }).expect(201);
      const risk = await t.http
        .post(`${c1}/costs`)
        .set('Authorization', host)
        .send({ month: '2025-07', category: 'risk', amount: '9000.00', attributableTo: w.c1.partnerOrgIds[0], description: 'Rework for P1' })
        .expect(201);
      expect(risk.body.attributableTo).toBe(w.c1.partnerOrgIds[0]);
      const all = await t.http.get(`${c1}/costs`).query({ from: '2025-06', to: '2025-07' }).set('Authorization', host).expect(200);
      expect(all.body.total).toBe(4);
      expect(all.body.totalAmount).toBe('400069000.00');
      const june = await t.http.get(`${c1}/costs`).query({ from: '2025-06', to: '2025-06', category: 'operating' }).set('Authorization', host).expect(200);
      expect(june.body.items.map((x: { amount: string }) => x.amount)).toEqual(['400000000.01', '-0.01']);
      const page = await t.http.get(`${c1}/costs`).query({ limit: 1, offset: 1 }).set('Authorization', host).expect(200);
      expect(page.body.items).toHaveLength(1);
      expect(page.body.total).toBe(4);
      const audit = await pg.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'cost_entry' AND consortium_id = $1`, [w.c1.consortiumId]);
      expect(audit.rows[0].n).toBe(4);
    });

    it('400 naming every bad field; nothing is written', async () => {
      const before = (await pg.query(`SELECT count(*)::int AS n FROM cost_entries`)).rows[0].n;
      const post = (body: unknown) =>
        t.http
          .post(`${c1}/costs`)
          .set('Authorization', host)
          .send(body as object)
          .expect(400);
      expect(fields(await post(cost({ amount: 100000 })))).toEqual(['amount']);
      expect(fields(await post(cost({ amount: '1.234' })))).toEqual(['amount']);
      expect(fields(await post(cost({ amount: 'lots' })))).toEqual(['amount']);
      expect(fields(await post(cost({ amount: '0.00' })))).toEqual(['amount']);
      expect(fields(await post(cost({ month: '2025-13' })))).toEqual(['month']);
      expect(fields(await post(cost({ month: '2025-03' })))).toEqual(['month']); // before the start month
      expect(fields(await post(cost({ category: 'other' })))).toEqual(['category']);
      expect(fields(await post(cost({ serviceLineId: undefined })))).toEqual(['serviceLineId']);
      expect(fields(await post(cost({ serviceLineId: w.c2.serviceLineId })))).toEqual(['serviceLineId']);
      expect(fields(await post(cost({ attributableTo: w.c1.partnerOrgIds[0] })))).toEqual(['attributableTo']);
      expect(fields(await post(cost({ category: 'risk', serviceLineId: undefined, attributableTo: lateJoiner, month: '2025-04' })))).toEqual(['attributableTo']);
      expect(fields(await post(cost({ category: 'risk', serviceLineId: undefined, attributableTo: w.c2.hostOrgId })))).toEqual(['attributableTo']);
      expect(fields(await post(cost({ description: undefined })))).toEqual(['description']);
      expect(fields(await post(cost({ description: '   ' })))).toEqual(['description']);
      expect(fields(await post(cost({ extra: true })))).toEqual(['extra']);
      expect(fields(await post({}))).toEqual(expect.arrayContaining(['amount', 'category', 'description', 'month']));
      // format errors and what only the service finds (a line of another consortium, a member of
      // none) in one answer; a malformed value is named once, by its format error
      expect(fields(await post(cost({ amount: 'lots', month: '2025-13', serviceLineId: w.c2.serviceLineId })))).toEqual(['amount', 'month', 'serviceLineId']);
      expect(fields(await post(cost({ category: 'risk', serviceLineId: undefined, amount: '1.234', attributableTo: w.c2.hostOrgId, description: '  ' })))).toEqual([
        'amount',
        'attributableTo',
        'description',
      ]);
      // with the category malformed, a member is not refused for not bearing a risk: the category's error says what is wrong
      expect(fields(await post(cost({ category: 'other', attributableTo: w.c1.partnerOrgIds[0] })))).toEqual(['category']);
      expect(fields(await post(cost({ category: 'other', attributableTo: w.c2.hostOrgId })))).toEqual(['attributableTo', 'category']);
      await t.http.post(`${c1}/costs`).set('Authorization', host).set('Content-Type', 'application/json').send('{"month": ').expect(400);
      // the late joiner is a member in May (from the 16th): its risk can be attributed then
      await t.http
        .post(`${c1}/costs`)
        .set('Authorization', host)
        .send(cost({ category: 'risk', serviceLineId: undefined, attributableTo: lateJoiner, month: '2025-05' }))
        .expect(201);
      expect((await pg.query(`SELECT count(*)::int AS n FROM cost_entries`)).rows[0].n).toBe(before + 1);
    });

    it('Idempotency-Key: 10 concurrent posts with one key create ONE row and all get the first response', async () => {
      const key = `cost-${Date.now()}`;
      const body = cost({ month: '2025-08', amount: '1234.56', description: 'Idempotent' });
      const results = await Promise.all(Array.from({ length: 10 }, () => t.http.post(`${c1}/costs`).set('Authorization', host).set('Idempotency-Key', key).send(body)));
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
      const ids = new Set(results.map((r) => r.body.id));
      expect(ids.size).toBe(1);
      expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
      expect(results.every((r) => r.text === results[0].text)).toBe(true);
      const rows = await pg.query(`SELECT count(*)::int AS n FROM cost_entries WHERE consortium_id = $1 AND description = 'Idempotent'`, [w.c1.consortiumId]);
      expect(rows.rows[0].n).toBe(1);
      // the same request again with a malformed extra (removed before the key is looked at) is its
      // format errors, not a replay of the entry and not a server error
      const extra = await t.http
        .post(`${c1}/costs`)
        .set('Authorization', host)
        .set('Idempotency-Key', key)
        .send({ ...body, extra: true, attributableTo: 'not-a-uuid' })
        .expect(400);
      expect(fields(extra)).toEqual(['attributableTo', 'extra']);
      const keys = await pg.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [key]);
      expect(keys.rows[0].n).toBe(1);

      // a later retry replays; a different body with the same key is 409 and writes nothing
      const again = await t.http.post(`${c1}/costs`).set('Authorization', admin).set('Idempotency-Key', key).send(body).expect(201);
      expect(again.body.id).toBe([...ids][0]);
      const other = await t.http
        .post(`${c1}/costs`)
        .set('Authorization', host)
        .set('Idempotency-Key', key)
        .send({ ...body, amount: '1234.57' })
        .expect(409);
      expect(other.body.code).toBe('idempotency_key_reused');
      expect((await pg.query(`SELECT count(*)::int AS n FROM cost_entries WHERE description = 'Idempotent'`)).rows[0].n).toBe(1);
      // a key is per consortium: the same key on another consortium is another request
      await t.http
        .post(`/api/v1/consortia/${w.c2.consortiumId}/costs`)
        .set('Authorization', w.tokens.otherHost!)
        .set('Idempotency-Key', key)
        .send(cost({ serviceLineId: w.c2.serviceLineId }))
        .expect(201);
    });

    it('a request that failed (400) stores no key: the key may be used again', async () => {
      const key = `retry-${Date.now()}`;
      await t.http
        .post(`${c1}/costs`)
        .set('Authorization', host)
        .set('Idempotency-Key', key)
        .send(cost({ amount: '0.00' }))
        .expect(400);
      await t.http
        .post(`${c1}/costs`)
        .set('Authorization', host)
        .set('Idempotency-Key', key)
        .send(cost({ amount: '5.00' }))
        .expect(201);
      const bad = await t.http.post(`${c1}/costs`).set('Authorization', host).set('Idempotency-Key', 'x'.repeat(300)).send(cost()).expect(400);
      expect(fields(bad)).toEqual(['Idempotency-Key']);
    });

    it('access: host and admin write and read; partners and board viewers 403; other tenants 404; anonymous 401', async () => {
      for (const a of ['partner', 'otherPartner', 'board', 'foreignPartner'] as const) {
        await t.http.post(`${c1}/costs`).set('Authorization', w.tokens[a]!).send(cost()).expect(403);
        await t.http.get(`${c1}/costs`).set('Authorization', w.tokens[a]!).expect(403);
      }
      await t.http.post(`${c1}/costs`).set('Authorization', w.tokens.otherHost!).send(cost()).expect(404);
      await t.http.get(`${c1}/costs`).set('Authorization', w.tokens.otherHost!).expect(404);
      await t.http.post(`${c1}/costs`).send(cost()).expect(401);
      await t.http.get(`${c1}/costs`).expect(401);
      await t.http.get(`/api/v1/consortia/00000000-0000-4000-8000-000000000000/costs`).set('Authorization', admin).expect(404);
    });
  });

  describe('activity', () => {
    const item = (over: Record<string, unknown> = {}) => ({ serviceLineId: w.c1.serviceLineId, organisationId: w.c1.hostOrgId, month: '2025-06', volume: '6000', ...over });

    it('upserts all or nothing and names every bad item', async () => {
      const r = await t.http
        .put(`${c1}/activity`)
        .set('Authorization', host)
        .send({ items: [item(), item({ organisationId: w.c1.partnerOrgIds[0], volume: 3500 }), item({ organisationId: w.c1.partnerOrgIds[1], volume: '12.5' })] })
        .expect(200);
      expect(r.body).toEqual({ accepted: 3, created: 3, updated: 0 });
      const r2 = await t.http
        .put(`${c1}/activity`)
        .set('Authorization', host)
        .send({ items: [item({ volume: '6050' })] })
        .expect(200);
      expect(r2.body).toEqual({ accepted: 1, created: 0, updated: 1 });

      const bad = await t.http
        .put(`${c1}/activity`)
        .set('Authorization', host)
        .send({
          items: [
            item({ month: '2025-09' }),
            item({ serviceLineId: w.c2.serviceLineId }),
            item({ organisationId: lateJoiner, month: '2025-04' }),
            item({ volume: '-1' }),
            item({ volume: 'many' }),
            item({ month: '2025-09' }),
            item({ month: '2025-02' }),
          ],
        })
        .expect(400);
      // every error in one answer: the shape errors (class-validator) with the membership, service-line
      // and duplicate errors of the other items (items.4 repeats items.3, but its volume is what is wrong)
      expect(fields(bad)).toEqual(['items.1.serviceLineId', 'items.2.organisationId', 'items.3.volume', 'items.4.volume', 'items.5', 'items.6.month', 'items.6.organisationId']);
      const bad2 = await t.http
        .put(`${c1}/activity`)
        .set('Authorization', host)
        .send({
          items: [
            item({ month: '2025-09' }),
            item({ serviceLineId: w.c2.serviceLineId }),
            item({ organisationId: lateJoiner, month: '2025-04' }),
            item({ month: '2025-09' }),
            item({ month: '2025-02' }),
          ],
        })
        .expect(400);
      expect(fields(bad2)).toEqual(['items.1.serviceLineId', 'items.2.organisationId', 'items.3', 'items.4.month', 'items.4.organisationId'].sort());
      const none = await pg.query(`SELECT count(*)::int AS n FROM activity_volumes WHERE month = '2025-09'`);
      expect(none.rows[0].n).toBe(0);
      await t.http.put(`${c1}/activity`).set('Authorization', host).send({ items: [] }).expect(400);
    });

    it('lists: the host sees every row, a partner or board viewer only its own organisation’s', async () => {
      const h = await t.http.get(`${c1}/activity`).query({ from: '2025-06', to: '2025-06' }).set('Authorization', host).expect(200);
      expect(h.body.total).toBe(3);
      expect(h.body.items.find((x: { organisationId: string }) => x.organisationId === w.c1.hostOrgId).volume).toBe('6050.00');
      for (const a of ['partner', 'board'] as const) {
        const p = await t.http.get(`${c1}/activity`).set('Authorization', w.tokens[a]!).expect(200);
        expect(p.body.items.map((x: { organisationId: string }) => x.organisationId)).toEqual([w.c1.partnerOrgIds[0]]);
      }
      await t.http.get(`${c1}/activity`).set('Authorization', w.tokens.foreignPartner!).expect(404);
      await t.http
        .put(`${c1}/activity`)
        .set('Authorization', w.tokens.partner!)
        .send({ items: [item()] })
        .expect(403);
      await t.http
        .put(`${c1}/activity`)
        .set('Authorization', w.tokens.otherHost!)
        .send({ items: [item()] })
        .expect(404);
      await t.http
        .put(`${c1}/activity`)
        .send({ items: [item()] })
        .expect(401);
    });
  });

  describe('baselines', () => {
    const item = (over: Record<string, unknown> = {}) => ({ organisationId: w.c1.hostOrgId, serviceLineId: w.c1.serviceLineId, annualAmount: '420000.00', ...over });

    it('upserts all or nothing, names bad items, and lists (partners: their own)', async () => {
      const r = await t.http
        .put(`${c1}/baselines`)
        .set('Authorization', host)
        .send({ items: [item(), item({ organisationId: w.c1.partnerOrgIds[0], annualAmount: '260000.00' })] })
        .expect(200);
      expect(r.body).toEqual({ accepted: 2, created: 2, updated: 0 });
      const r2 = await t.http
        .put(`${c1}/baselines`)
        .set('Authorization', host)
        .send({ items: [item({ annualAmount: '400000000.01' })] })
        .expect(200);
      expect(r2.body).toEqual({ accepted: 1, created: 0, updated: 1 });
      const bad = await t.http
        .put(`${c1}/baselines`)
        .set('Authorization', host)
        .send({
          items: [
            item(),
            item({ annualAmount: 5 }),
            item({ organisationId: w.c2.hostOrgId }),
            item({ serviceLineId: w.c2.serviceLineId }),
            item({ annualAmount: '-1.00' }),
            item(),
          ],
        })
        .expect(400);
      // the amounts' format errors with the membership, service-line and duplicate errors, in one answer
      expect(fields(bad)).toEqual(['items.1.annualAmount', 'items.2.organisationId', 'items.3.serviceLineId', 'items.4.annualAmount', 'items.5']);
      const bad2 = await t.http
        .put(`${c1}/baselines`)
        .set('Authorization', host)
        .send({ items: [item({ annualAmount: '1.00' }), item({ organisationId: w.c2.hostOrgId }), item({ serviceLineId: w.c2.serviceLineId }), item()] })
        .expect(400);
      expect(fields(bad2)).toEqual(['items.1.organisationId', 'items.2.serviceLineId', 'items.3']);
      const list = await t.http.get(`${c1}/baselines`).set('Authorization', host).expect(200);
      expect(list.body.items.map((x: { annualAmount: string }) => x.annualAmount).sort()).toEqual(['260000.00', '400000000.01']);
      const own = await t.http.get(`${c1}/baselines`).set('Authorization', w.tokens.partner!).expect(200);
      expect(own.body.items).toEqual([expect.objectContaining({ organisationId: w.c1.partnerOrgIds[0], annualAmount: '260000.00' })]);
      const other = await t.http.get(`${c1}/baselines`).set('Authorization', w.tokens.otherPartner!).expect(200);
      expect(other.body.items).toEqual([]);
      await t.http
        .put(`${c1}/baselines`)
        .set('Authorization', w.tokens.board!)
        .send({ items: [item()] })
        .expect(403);
      await t.http.get(`${c1}/baselines`).set('Authorization', w.tokens.otherHost!).expect(404);
      const audit = await pg.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'baselines' AND consortium_id = $1`, [w.c1.consortiumId]);
      expect(audit.rows[0].n).toBe(2);
    });
  });
});
