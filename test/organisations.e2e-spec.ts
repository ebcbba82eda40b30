import { Client } from 'pg';
import { createTestApp, TestApp } from './support/app';
import { buildWorld, World } from './support/world';

describe('organisations (e2e)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const body = (over: Record<string, unknown> = {}) => ({
    name: 'Riverside Community Health NHS Trust',
    odsCode: 'RY9',
    type: 'community_trust',
    region: 'North West',
    annualTurnover: '250000000.00',
    headcount: '3500',
    ...over,
  });

  it('creates, reads and lists an organisation', async () => {
    const created = await t.http.post('/api/v1/organisations').set('Authorization', w.tokens.admin!).send(body()).expect(201);
    expect(created.body).toMatchObject({
      name: 'Riverside Community Health NHS Trust',
      odsCode: 'RY9',
      type: 'community_trust',
      annualTurnover: '250000000.00',
      headcount: '3500.00',
    });
    const got = await t.http.get(`/api/v1/organisations/${created.body.id}`).set('Authorization', w.tokens.admin!).expect(200);
    expect(got.body.id).toBe(created.body.id);
    const list = await t.http.get('/api/v1/organisations?limit=500').set('Authorization', w.tokens.admin!).expect(200);
    expect(list.body.items.map((o: { id: string }) => o.id)).toContain(created.body.id);
    expect(list.body.total).toBeGreaterThanOrEqual(list.body.items.length);
  });

  it('keeps turnover exact: 400000000.01 round-trips through the API and a numeric column', async () => {
    const created = await t.http
      .post('/api/v1/organisations')
      .set('Authorization', w.tokens.admin!)
      .send(body({ odsCode: 'EXA1', annualTurnover: '400000000.01' }))
      .expect(201);
    expect(created.body.annualTurnover).toBe('400000000.01');
    const got = await t.http.get(`/api/v1/organisations/${created.body.id}`).set('Authorization', w.tokens.admin!).expect(200);
    expect(got.body.annualTurnover).toBe('400000000.01');
    const c = new Client({ connectionString: t.databaseUrl });
    await c.connect();
    const col = await c.query(
      `SELECT data_type, numeric_precision, numeric_scale FROM information_schema.columns WHERE table_name = 'organisations' AND column_name = 'annual_turnover'`,
    );
    const raw = await c.query(`SELECT annual_turnover::text AS v, annual_turnover = 400000000.01 AS exact FROM organisations WHERE id = $1`, [created.body.id]);
    await c.end();
    expect(col.rows[0]).toMatchObject({ data_type: 'numeric', numeric_precision: 16, numeric_scale: 2 });
    expect(raw.rows[0]).toEqual({ v: '400000000.01', exact: true });
  });

  it('refuses money as a number, with three decimals, or negative — naming the field', async () => {
    for (const annualTurnover of [400000000.01, '1.234', '-5.00', 'lots', '']) {
      const res = await t.http
        .post('/api/v1/organisations')
        .set('Authorization', w.tokens.admin!)
        .send(body({ odsCode: undefined, annualTurnover }))
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['annualTurnover']);
    }
  });

  it('400 names every bad field and refuses unknown ones (mass assignment)', async () => {
    const res = await t.http
      .post('/api/v1/organisations')
      .set('Authorization', w.tokens.admin!)
      .send({ name: '', type: 'hospital', annualTurnover: '1', headcount: -3, odsCode: 'bad code', role: 'admin', createdByOrganisationId: w.c2.hostOrgId })
      .expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['createdByOrganisationId', 'headcount', 'name', 'odsCode', 'role', 'type']);
    expect(res.body).toMatchObject({ type: '/problems/validation-error', status: 400 });
  });

  it('refuses a duplicate ODS code with the field named', async () => {
    await t.http
      .post('/api/v1/organisations')
      .set('Authorization', w.tokens.admin!)
      .send(body({ odsCode: 'DUP1' }))
      .expect(201);
    const res = await t.http
      .post('/api/v1/organisations')
      .set('Authorization', w.tokens.admin!)
      .send(body({ odsCode: 'DUP1' }))
      .expect(400);
    expect(res.body.errors[0].field).toBe('odsCode');
  });

  it('a partner sees its own organisation and its fellow members, not another consortium’s', async () => {
    const res = await t.http.get('/api/v1/organisations').set('Authorization', w.tokens.partner!).expect(200);
    const ids = res.body.items.map((o: { id: string }) => o.id);
    expect(ids).toEqual(expect.arrayContaining([w.c1.hostOrgId, ...w.c1.partnerOrgIds]));
    expect(ids).not.toContain(w.c2.hostOrgId);
    expect(ids).not.toContain(w.c2.partnerOrgIds[0]);
    await t.http.get(`/api/v1/organisations/${w.c2.hostOrgId}`).set('Authorization', w.tokens.partner!).expect(404);
    await t.http.get(`/api/v1/organisations/${w.c1.hostOrgId}`).set('Authorization', w.tokens.partner!).expect(200);
  });

  it("an organisation's own administrators edit its profile; nobody else's (404); partners 403; only an admin registers one", async () => {
    const own = await t.http.patch(`/api/v1/organisations/${w.c1.hostOrgId}`).set('Authorization', w.tokens.host!).send({ region: 'Yorkshire' }).expect(200);
    expect(own.body.region).toBe('Yorkshire');
    const p1 = await t.http.patch(`/api/v1/organisations/${w.c1.partnerOrgIds[0]}`).set('Authorization', w.tokens.orgAdmin!).send({ name: 'Renamed Trust' }).expect(200);
    expect(p1.body.name).toBe('Renamed Trust');
    await t.http.patch(`/api/v1/organisations/${w.c2.hostOrgId}`).set('Authorization', w.tokens.host!).send({ region: 'London' }).expect(404);
    await t.http.patch(`/api/v1/organisations/${w.c1.partnerOrgIds[0]}`).set('Authorization', w.tokens.host!).send({ region: 'London' }).expect(404);
    await t.http.patch(`/api/v1/organisations/${w.c1.hostOrgId}`).set('Authorization', w.tokens.orgAdmin!).send({ region: 'London' }).expect(404);
    await t.http.patch(`/api/v1/organisations/${w.c1.partnerOrgIds[0]}`).set('Authorization', w.tokens.partner!).send({ region: 'London' }).expect(403);
    for (const who of ['host', 'partner', 'orgAdmin'] as const) {
      await t.http
        .post('/api/v1/organisations')
        .set('Authorization', w.tokens[who]!)
        .send(body({ odsCode: 'PRT1' }))
        .expect(403);
    }
    // an admin edits any
    const alone = await t.http
      .post('/api/v1/organisations')
      .set('Authorization', w.tokens.admin!)
      .send(body({ odsCode: 'ALN1' }))
      .expect(201);
    const edited = await t.http.patch(`/api/v1/organisations/${alone.body.id}`).set('Authorization', w.tokens.admin!).send({ headcount: '6100.5' }).expect(200);
    expect(edited.body.headcount).toBe('6100.50');
    // a member's own profile: its turnover and headcount too (they price nothing: each consortium keeps its own drivers)
    await t.http.patch(`/api/v1/organisations/${w.c1.hostOrgId}`).set('Authorization', w.tokens.host!).send({ headcount: '6100' }).expect(200);
  });

  it('the directory shows every organisation, public fields only, searchable by name or ODS code', async () => {
    const res = await t.http.get('/api/v1/organisations/directory?limit=500').set('Authorization', w.tokens.foreignPartner!).expect(200);
    const ids = res.body.items.map((o: { id: string }) => o.id);
    expect(ids).toEqual(expect.arrayContaining([w.c1.hostOrgId, ...w.c1.partnerOrgIds, w.c2.hostOrgId]));
    for (const item of res.body.items) expect(Object.keys(item).sort()).toEqual(['id', 'name', 'odsCode', 'type']);
    const made = await t.http
      .post('/api/v1/organisations')
      .set('Authorization', w.tokens.admin!)
      .send(body({ name: 'Search_Me 100% Trust', odsCode: 'SRCH1' }))
      .expect(201);
    const byName = await t.http.get('/api/v1/organisations/directory?q=search_me%20100%25').set('Authorization', w.tokens.partner!).expect(200);
    expect(byName.body.items.map((o: { id: string }) => o.id)).toEqual([made.body.id]);
    const byCode = await t.http.get('/api/v1/organisations/directory?q=srch1').set('Authorization', w.tokens.partner!).expect(200);
    expect(byCode.body.items.map((o: { id: string }) => o.id)).toEqual([made.body.id]);
    // a wildcard typed by the user is a character, not a wildcard
    const literal = await t.http.get('/api/v1/organisations/directory?q=%25%25%25').set('Authorization', w.tokens.partner!).expect(200);
    expect(literal.body.total).toBe(0);
  });

  it('400 for a malformed id, 404 for an unknown one, 401 without a token', async () => {
    const bad = await t.http.get('/api/v1/organisations/not-a-uuid').set('Authorization', w.tokens.admin!).expect(400);
    expect(bad.body.errors[0].field).toBe('id');
    await t.http.get('/api/v1/organisations/7b0c6b52-7d0e-4a55-9d8e-1f1f1f1f1f1f').set('Authorization', w.tokens.admin!).expect(404);
    await t.http.get('/api/v1/organisations').expect(401);
  });

  it('validates list paging', async () => {
    const res = await t.http.get('/api/v1/organisations?limit=501&offset=-1').set('Authorization', w.tokens.admin!).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'offset']);
    const page = await t.http.get('/api/v1/organisations?limit=1&offset=1').set('Authorization', w.tokens.admin!).expect(200);
    expect(page.body.items).toHaveLength(1);
  });
});
