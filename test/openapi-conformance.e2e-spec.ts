/**
 * The OpenAPI document describes the API as it is.
 *
 * Every e2e file's responses are validated against the document by test/support/app.ts (a file
 * fails on any mismatch; the global teardown prints the run's total). This file adds:
 *   - checks of the document itself: every operation documents a 2xx body with a schema (or a
 *     PDF/CSV content type), no property is a bare `object`, lists are `{ items, total }`, paging
 *     parameters are integers, named objects are closed;
 *   - a tour of the API (the worked example, then every read route, as each role) so that every
 *     operation is exercised at least once in one file;
 *   - a self-test: the checker reports a body that breaks the document (so "0 mismatches" means
 *     something).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ADMIN, createTestApp, type TestApp } from './support/app';
import { ConformanceChecker, type OpenApiDoc } from './support/openapi';
import { buildWorkedExample, type WorkedExample } from './support/worked-example';

type Schema = Record<string, unknown>;

let t: TestApp;
let doc: OpenApiDoc;
let admin: string;
let ex: WorkedExample;

beforeAll(async () => {
  t = await createTestApp();
  doc = (await t.http.get('/api/docs-json')).body as OpenApiDoc;
  fs.mkdirSync(path.resolve(__dirname, '../data'), { recursive: true });
  fs.writeFileSync(path.resolve(__dirname, '../data/openapi.json'), JSON.stringify(doc, null, 2));
  admin = await t.login(ADMIN.email, ADMIN.password);
  ex = await buildWorkedExample(t, admin);
});

afterAll(async () => {
  await t?.close();
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.entries(item).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${p}`,
      op: op as { responses: Record<string, { content?: Record<string, { schema?: Schema }> }>; parameters?: Schema[] },
    })),
  );

function resolve(s: Schema | undefined): Schema | undefined {
  const ref = s?.$ref;
  if (typeof ref !== 'string') return s;
  return doc.components?.schemas?.[ref.split('/').pop() as string];
}

describe('the document', () => {
  it('documents a body for the success response of every operation', () => {
    const missing: string[] = [];
    for (const { key, op } of operations()) {
      const ok = Object.entries(op.responses).filter(([code]) => /^2/.test(code));
      if (ok.length === 0) missing.push(`${key}: no 2xx response`);
      for (const [code, r] of ok) {
        const content = r.content ?? {};
        // 204 No Content has, by definition, no body (logout, password change)
        if (!Object.keys(content).length && code !== '204') missing.push(`${key} ${code}: no content`);
        for (const [type, m] of Object.entries(content)) if (/json/.test(type) && !m.schema) missing.push(`${key} ${code} ${type}: no schema`);
      }
    }
    expect(missing).toEqual([]);
    expect(operations().length).toBeGreaterThanOrEqual(63);
  });

  it('has no property typed as a bare object, and closes every named object', () => {
    const loose: string[] = [];
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      const s = schema as Schema;
      if (s.type === 'object' && s.properties && s.additionalProperties === undefined) loose.push(`${name}: not closed`);
      for (const [prop, p] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) {
        if (p.type === 'object' && !p.properties && p.additionalProperties === undefined && !p.allOf) loose.push(`${name}.${prop}: bare object`);
      }
    }
    expect(loose).toEqual([]);
  });

  it('describes every list as { items, total } with integer paging parameters', () => {
    const wrong: string[] = [];
    for (const { key, op } of operations()) {
      for (const p of op.parameters ?? []) {
        if ((p.name === 'limit' || p.name === 'offset') && (p.schema as Schema).type !== 'integer') wrong.push(`${key} ${String(p.name)}`);
      }
      const json = op.responses['200']?.content?.['application/json'];
      if (!json) continue; // PDF and CSV
      const body = resolve(json.schema);
      const props = body?.properties as Record<string, Schema> | undefined;
      if (props?.items && props.total) {
        if (props.total.type !== 'integer') wrong.push(`${key}: total not integer`);
        if (props.items.type !== 'array') wrong.push(`${key}: items not an array`);
      }
      if (op.parameters?.some((p) => p.name === 'limit') && !(props?.items && props.total)) wrong.push(`${key}: paged but not { items, total }`);
    }
    expect(wrong).toEqual([]);
  });

  it('gives uuids, months, dates and timestamps their formats', () => {
    const s = doc.components!.schemas!;
    const prop = (schema: string, p: string) => ((s[schema] as Schema).properties as Record<string, Schema>)[p];
    expect(prop('ConsortiumView', 'id')).toMatchObject({ type: 'string', format: 'uuid' });
    expect(prop('ConsortiumView', 'startDate')).toMatchObject({ type: 'string', format: 'date' });
    expect(prop('ConsortiumView', 'createdAt')).toMatchObject({ type: 'string', format: 'date-time' });
    expect(prop('CostView', 'month')).toMatchObject({ type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' });
    expect(prop('CostView', 'amount')).toMatchObject({ type: 'string', pattern: '^-?\\d+\\.\\d{2}$' });
    expect(prop('BenchmarkReturnView', 'financialYear')).toMatchObject({ type: 'string', pattern: '^\\d{4}/\\d{2}$' });
    expect(prop('CooperativeExitTermsView', 'earlyTerminationPercent')).toMatchObject({ type: 'string' });
    expect(prop('ExitTermsDto', 'earlyTerminationPercent')).toMatchObject({ oneOf: [{ type: 'string' }, { type: 'number' }] });
  });
});

describe('the checker', () => {
  it('reports a body that breaks the document, an undocumented status and an unknown route', () => {
    const c = new ConformanceChecker(doc);
    const consortium = {
      id: ex.consortiumId,
      name: 'x',
      deliveryModel: 'cooperative',
      hostOrganisationId: ex.org.A,
      startDate: '2025-04-01',
      archivedAt: null,
      archiveNote: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    const x = (status: number, body: unknown, url = `/api/v1/consortia/${ex.consortiumId}`) => ({
      method: 'GET',
      url,
      status,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify(body),
      size: 1,
    });
    expect(c.check(x(200, consortium))).toEqual([]);
    expect(c.check(x(200, { ...consortium, extra: 1 }))[0].problem).toMatch(/additional properties \(extra\)/);
    expect(c.check(x(200, { ...consortium, id: 'nope' }))[0].problem).toMatch(/\/id must match format "uuid"/);
    expect(c.check(x(200, { ...consortium, startDate: '2025-04' }))[0].problem).toMatch(/startDate must match format "date"/);
    expect(c.check(x(202, consortium))[0].problem).toMatch(/status 202 is not documented/);
    expect(c.check(x(200, {}, '/api/v1/nowhere'))[0].problem).toMatch(/no operation/);
    expect(c.check({ ...x(404, { type: '/problems/not-found', title: 'Not Found', status: 404 }), contentType: 'application/problem+json' })[0].problem).toMatch(/detail/);
  });
});

describe('a tour of the API', () => {
  // Each response is checked by the watcher of test/support/app.ts; these only make the requests.
  const get = (token: string, url: string) => t.http.get(`/api/v1${url}`).set('Authorization', token);

  it('reads every resource of the worked example as the host, a partner and a board viewer', async () => {
    const c = `/consortia/${ex.consortiumId}`;
    const urls = [
      '/auth/me',
      '/users',
      '/organisations',
      `/organisations/${ex.org.A}`,
      '/consortia',
      c,
      `${c}/members`,
      `${c}/service-lines`,
      `${c}/service-lines/${ex.line.PAY}`,
      '/kpis',
      '/kpis/PAY_ACCURACY',
      `${c}/slas`,
      `${c}/measurements`,
      `${c}/measurements/export`,
      `${c}/performance?month=2025-05`,
      `${c}/performance/history?month=2025-06`,
      `${c}/agreement`,
      `${c}/agreement/versions`,
      `${c}/agreement/versions/1`,
      `${c}/costs`,
      `${c}/activity`,
      `${c}/baselines`,
      `${c}/statements?from=2025-04&to=2025-06`,
      `${c}/statements/${ex.org.B}?from=2025-04&to=2025-06`,
      `${c}/months`,
      `${c}/schedules`,
      `${c}/members/${ex.org.B}/exit-quote?noticeDate=2025-06-10&redundancyCosts=45000.00`,
      '/audit?limit=20',
      '/health',
      '/me/notification-preferences',
      `${c}/notifications`,
    ];
    for (const token of [admin, ex.tokens.host, ex.tokens.partnerB, ex.tokens.boardB]) {
      for (const url of urls) await get(token, url);
    }
    const slas = await get(admin, `${c}/slas`);
    expect(slas.status).toBe(200);
    await get(admin, `${c}/slas/${slas.body.items[0].id}`);
  });

  it('closes a month and reads its issued statements', async () => {
    const c = `/consortia/${ex.consortiumId}`;
    expect((await t.http.post(`/api/v1${c}/months/2025-04/close`).set('Authorization', ex.tokens.host).send({ note: 'reconciled' })).status).toBe(201);
    expect((await get(ex.tokens.host, `${c}/months/2025-04/statements`)).status).toBe(200);
    await get(ex.tokens.partnerB, `${c}/months/2025-04/statements`);
    await get(ex.tokens.host, `${c}/months`);
  });

  it('what-if scenarios: runs one as every role, saves one, lists and reads it', async () => {
    const c = `/api/v1/consortia/${ex.consortiumId}/scenarios`;
    const body = {
      from: '2025-04',
      to: '2025-05',
      changes: [
        {
          kind: 'join',
          name: 'Dale Valley NHS Trust',
          annualTurnover: '200000000.00',
          headcount: '3000',
          joinedOn: '2025-04-01',
          baselines: [{ serviceLineId: ex.line.FIN, annualAmount: '800000.00' }],
        },
        { kind: 'leave', organisationId: ex.org.C, leftOn: '2025-05-31' },
        { kind: 'agreement', effectiveFrom: '2025-05', managementFeePercent: '3', serviceLineBases: { [ex.line.FIN]: 'headcount' } },
        { kind: 'costChange', percent: '-2.5' },
        { kind: 'addCost', month: '2025-05', category: 'risk', amount: '1000.00', attributableTo: ex.org.B },
      ],
    };
    for (const token of [admin, ex.tokens.host, ex.tokens.boardB]) expect((await t.http.post(c).set('Authorization', token).send(body)).status).toBe(200);
    // a member's user who reads only its own figures: other terms and another member leaving are refused, the rest answered
    expect((await t.http.post(c).set('Authorization', ex.tokens.partnerB).send(body)).status).toBe(400);
    const own = { ...body, changes: [body.changes[0], { kind: 'agreement', effectiveFrom: '2025-05', managementFeePercent: '3' }, body.changes[3], body.changes[4]] };
    expect((await t.http.post(c).set('Authorization', ex.tokens.partnerB).send(own)).status).toBe(200);
    const saved = await t.http
      .post(c)
      .set('Authorization', ex.tokens.boardB)
      .send({ ...body, name: 'Everything at once' });
    expect(saved.status).toBe(200);
    await get(ex.tokens.partnerB, `/consortia/${ex.consortiumId}/scenarios`);
    await get(ex.tokens.partnerB, `/consortia/${ex.consortiumId}/scenarios/${saved.body.id}`);
    expect((await t.http.delete(`${c}/${saved.body.id}`).set('Authorization', ex.tokens.boardB)).status).toBe(204);
  });

  it('benchmarks: submits, imports and reads returns, peer groups, national and organisation views', async () => {
    const fy = '2024/25';
    const submit = await t.http
      .post('/api/v1/benchmarks/returns')
      .set('Authorization', admin)
      .send({ organisationId: ex.org.A, financialYear: fy, function: 'finance', cost: '1650000.00', turnover: '150000000.00' });
    expect(submit.status).toBe(201);
    await t.http
      .post('/api/v1/benchmarks/returns/import')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv')
      .send(`organisation,financialYear,function,cost,turnover\n${ex.org.B},${fy},finance,1200000.00,250000000.00\n${ex.org.C},${fy},payroll,300000.00,150000000.00\n`);
    for (const token of [admin, ex.tokens.partnerB]) {
      await get(token, `/benchmarks/returns?financialYear=${encodeURIComponent(fy)}`);
      await get(token, `/benchmarks?financialYear=${encodeURIComponent(fy)}&function=finance&organisationType=acute_trust`);
      await get(token, `/benchmarks?financialYear=${encodeURIComponent(fy)}&function=finance&organisationType=community_trust`);
      await get(token, `/benchmarks/national?financialYear=${encodeURIComponent(fy)}`);
      await get(token, `/benchmarks/organisations/${ex.org.B}?financialYear=${encodeURIComponent(fy)}`);
    }
  });

  it('writes: organisations, consortia, members, users, KPIs, costs with an idempotency key', async () => {
    const org = await t.http
      .post('/api/v1/organisations')
      .set('Authorization', admin)
      .send({ name: 'Tour Trust', type: 'acute_trust', annualTurnover: '1000000.00', headcount: '10' });
    expect(org.status).toBe(201);
    await t.http.patch(`/api/v1/organisations/${org.body.id}`).set('Authorization', admin).send({ region: 'North' });
    await t.http.patch(`/api/v1/consortia/${ex.consortiumId}`).set('Authorization', admin).send({ name: 'Renamed partnership' });
    await t.http.post(`/api/v1/consortia/${ex.consortiumId}/members`).set('Authorization', admin).send({ organisationId: org.body.id, joinedOn: '2025-07-01' });
    await t.http.patch(`/api/v1/consortia/${ex.consortiumId}/members/${org.body.id}`).set('Authorization', admin).send({ leftOn: '2026-03-31' });
    await t.http
      .post('/api/v1/users')
      .set('Authorization', admin)
      .send({ email: `tour${Date.now()}@t.example`, password: 'password-1234567', role: 'partner_user', organisationId: org.body.id });
    await t.http
      .post('/api/v1/kpis')
      .set('Authorization', admin)
      .send({ code: `TOUR_${Date.now()}`, name: 'Tour KPI', unit: 'percent', direction: 'higher_is_better', function: 'payroll', category: 'service' });
    const cost = { month: '2025-06', category: 'operating', amount: '-10.50', serviceLineId: ex.line.PAY, description: 'correction' };
    for (let i = 0; i < 2; i++) await t.http.post(`/api/v1/consortia/${ex.consortiumId}/costs`).set('Authorization', ex.tokens.host).set('Idempotency-Key', 'tour-1').send(cost);
    await t.http
      .put(`/api/v1/consortia/${ex.consortiumId}/agreement`)
      .set('Authorization', ex.tokens.host)
      .send({
        model: 'cooperative',
        basis: 'turnover',
        managementFeePercent: 2.5,
        exit: { minimumTermMonths: 36, noticeMonths: 6, earlyTerminationPercent: 25, strandedCostMonths: 12, fixedCostPercent: '40', amortisationMonths: 60 },
      });
    await get(ex.tokens.host, `/consortia/${ex.consortiumId}/agreement/draft`);
  });
});
