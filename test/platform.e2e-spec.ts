import { Client } from 'pg';
import { createTestApp, TestApp } from './support/app';
import { adminQuery, createTestDatabase } from './support/db';
import { buildWorld, World } from './support/world';

describe('platform: health, docs, errors, audit, KPIs (e2e)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('GET /health is public and reports the database', async () => {
    const res = await t.http.get('/api/v1/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up' });
  });

  it('serves the OpenAPI document describing every route with problem responses', async () => {
    const res = await t.http.get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(res.body.paths);
    for (const p of ['/api/v1/organisations', '/api/v1/consortia/{id}/members', '/api/v1/kpis', '/api/v1/auth/login', '/api/v1/health']) expect(paths).toContain(p);
    const op = res.body.paths['/api/v1/organisations'].post;
    expect(op.responses['400'].content['application/problem+json']).toBeDefined();
    expect(res.body.components.schemas.CreateOrganisationDto.required).toEqual(expect.arrayContaining(['name', 'type', 'annualTurnover', 'headcount']));
    await t.http.get('/api/docs').expect(200);
  });

  it('sets security headers (helmet)', async () => {
    const res = await t.http.get('/api/v1/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('answers malformed JSON with 400 and an oversized body with 413, as problem documents', async () => {
    const bad = await t.http.post('/api/v1/organisations').set('Authorization', w.tokens.admin!).set('Content-Type', 'application/json').send('{"name": ').expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.code).toBe('malformed_body');
    const big = await t.http
      .post('/api/v1/organisations')
      .set('Authorization', w.tokens.admin!)
      .send({ name: 'x'.repeat(2 * 1024 * 1024), type: 'acute_trust', annualTurnover: '1.00', headcount: '1' })
      .expect(413);
    expect(big.body).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('unknown routes are 404 problem documents', async () => {
    const res = await t.http.get('/api/v1/nothing-here').set('Authorization', w.tokens.admin!).expect(404);
    expect(res.body.status).toBe(404);
  });

  it('writes an audit row for every write, with actor, before and after; admins only may read it', async () => {
    const created = await t.http
      .post('/api/v1/organisations')
      .set('Authorization', w.tokens.admin!)
      .send({ name: 'Audited Trust', type: 'acute_trust', annualTurnover: '1000.00', headcount: '10' })
      .expect(201);
    await t.http.patch(`/api/v1/organisations/${created.body.id}`).set('Authorization', w.tokens.host!).send({ annualTurnover: '2000.00' }).expect(404);
    await t.http.patch(`/api/v1/organisations/${created.body.id}`).set('Authorization', w.tokens.admin!).send({ annualTurnover: '2000.00' }).expect(200);
    const log = await t.http.get(`/api/v1/audit?entity=organisation&entityId=${created.body.id}`).set('Authorization', w.tokens.admin!).expect(200);
    expect(log.body.items).toHaveLength(2);
    const [update, create] = log.body.items;
    expect(create).toMatchObject({ action: 'create', actorEmail: w.users.admin.email, before: null });
    expect(create.after.annualTurnover).toBe('1000.00');
    expect(update).toMatchObject({ action: 'update', actorEmail: w.users.admin.email });
    expect(update.before.annualTurnover).toBe('1000.00');
    expect(update.after.annualTurnover).toBe('2000.00');
    expect(new Date(update.at).getTime()).toBeGreaterThan(Date.now() - 60000);
    // every write of the world (users, consortia, members, service lines) is there too
    const all = await t.http.get('/api/v1/audit?limit=500').set('Authorization', w.tokens.admin!).expect(200);
    const entities = new Set(all.body.items.map((a: { entity: string }) => a.entity));
    for (const e of ['organisation', 'consortium', 'member', 'service_line', 'user']) expect(entities).toContain(e);
    expect(JSON.stringify(all.body)).not.toMatch(/argon2|passwordHash/);
    await t.http.get('/api/v1/audit').set('Authorization', w.tokens.host!).expect(403);
  });

  it('a failed write leaves nothing half-written and no audit row', async () => {
    const before = (await t.http.get('/api/v1/audit?limit=1').set('Authorization', w.tokens.admin!)).body.total;
    await t.http
      .post(`/api/v1/consortia/${w.c1.consortiumId}/service-lines`)
      .set('Authorization', w.tokens.host!)
      .send({ code: 'PAY', name: 'dup', function: 'payroll', classification: 'transactional' })
      .expect(409);
    const after = (await t.http.get('/api/v1/audit?limit=1').set('Authorization', w.tokens.admin!)).body.total;
    expect(after).toBe(before);
  });

  describe('KPI catalogue', () => {
    it('is seeded with the QIPP indicators of seeds table 15 and service-level KPIs', async () => {
      const res = await t.http.get('/api/v1/kpis?limit=500').set('Authorization', w.tokens.partner!).expect(200);
      const codes = res.body.items.map((k: { code: string }) => k.code);
      for (const c of ['FIN_COST_PCT', 'HR_COST_PCT', 'IMT_COST_PCT', 'PROC_COST_PCT', 'EST_COST_PCT', 'PAY_COST_PCT', 'GOV_COST_PCT']) expect(codes).toContain(c);
      for (const c of [
        'BPPC_NUMBER_PCT',
        'BPPC_VALUE_PCT',
        'PAY_ACCURACY',
        'PAY_ON_TIME',
        'HR_TIME_TO_HIRE',
        'MGMT_ACCOUNTS_WD',
        'IMT_FIRST_CONTACT_RESOLUTION',
        'IMT_CALLS_60S_PCT',
        'PAY_COST_PER_PAYSLIP',
        'FIN_COST_PER_INVOICE',
      ]) {
        expect(codes).toContain(c);
      }
      const headline = res.body.items.filter((k: { category: string }) => k.category === 'headline');
      expect(headline).toHaveLength(7);
      const accuracy = res.body.items.find((k: { code: string }) => k.code === 'PAY_ACCURACY');
      expect(accuracy).toMatchObject({ unit: 'percent', direction: 'higher_is_better', function: 'payroll', category: 'service_level' });
      const filtered = await t.http.get('/api/v1/kpis?category=service_level&function=payroll').set('Authorization', w.tokens.board!).expect(200);
      expect(filtered.body.items.map((k: { code: string }) => k.code).sort()).toEqual(['PAY_ACCURACY', 'PAY_ON_TIME']);
    });

    it('admins add KPIs; others 403; duplicates 409; bad input 400 naming fields', async () => {
      const body = {
        code: 'PAY_QUERIES_5D_PCT',
        name: 'Payroll queries resolved in 5 days',
        unit: 'percent',
        direction: 'higher_is_better',
        function: 'payroll',
        category: 'service_level',
      };
      await t.http.post('/api/v1/kpis').set('Authorization', w.tokens.host!).send(body).expect(403);
      await t.http.post('/api/v1/kpis').set('Authorization', w.tokens.admin!).send(body).expect(201);
      await t.http.post('/api/v1/kpis').set('Authorization', w.tokens.admin!).send(body).expect(409);
      const bad = await t.http
        .post('/api/v1/kpis')
        .set('Authorization', w.tokens.admin!)
        .send({ ...body, code: 'x', unit: 'furlongs', direction: 'up' })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['code', 'direction', 'unit']);
      const got = await t.http.get('/api/v1/kpis/PAY_QUERIES_5D_PCT').set('Authorization', w.tokens.partner!).expect(200);
      expect(got.body.name).toBe(body.name);
      await t.http.get('/api/v1/kpis/NOPE').set('Authorization', w.tokens.partner!).expect(404);
    });
  });
});

async function tokenFor(t: TestApp): Promise<string> {
  const { JwtService } = await import('@nestjs/jwt');
  // a well-signed token naming a session: the guard must ask the database about it
  return `Bearer ${new JwtService({ secret: t.config.jwtSecret }).sign({ sub: '00000000-0000-4000-8000-000000000000', sid: '00000000-0000-4000-8000-000000000001' })}`;
}

describe('health when the database is gone (e2e)', () => {
  it('answers 503 with db down, and the API answers 503 problems instead of crashing', async () => {
    const t = await createTestApp();
    try {
      await t.http.get('/api/v1/health').expect(200);
      const name = new URL(t.databaseUrl).pathname.slice(1);
      // Take the database away under the running app.
      await adminQuery(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
      await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
      let res = await t.http.get('/api/v1/health');
      for (let i = 0; i < 20 && res.status !== 503; i++) {
        await new Promise((r) => setTimeout(r, 100));
        res = await t.http.get('/api/v1/health');
      }
      expect(res.status).toBe(503);
      // other routes answer a 503 problem rather than a 500 or a hang
      const api = await t.http.get('/api/v1/kpis').set('Authorization', await tokenFor(t));
      expect(api.status).toBe(503);
      expect(api.body.code).toBe('database_unavailable');
      expect(res.body).toEqual({ status: 'error', db: 'down' });
      await adminQuery(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`);
      let status = 0;
      for (let i = 0; i < 20 && status !== 200; i++) {
        status = (await t.http.get('/api/v1/health')).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('the test databases are real PostgreSQL with the migrations applied', async () => {
    const db = await createTestDatabase();
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const v = await c.query(`SELECT current_setting('server_version_num')::int AS v`);
    const m = await c.query(`SELECT count(*)::int AS n FROM migrations`);
    await c.end();
    expect(v.rows[0].v).toBeGreaterThanOrEqual(150000);
    expect(m.rows[0].n).toBeGreaterThanOrEqual(2);
  });
});
