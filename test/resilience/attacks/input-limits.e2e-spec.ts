/**
 * Attacks of issue 12 on input limits (findings 8 and 9): NUL characters and deep JSON nesting
 * (finding 8), months and dates far away and money totals past numeric(16,2) (finding 9). Each
 * answer is a 400 naming the field, never a 500.
 */
import { createTestApp, ADMIN, TestApp } from '../../support/app';
import { buildWorkedExample, type WorkedExample } from '../../support/worked-example';
import { buildWorld, World } from '../../support/world';

const API = '/api/v1';
const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('attacks: input limits (issue 12)', () => {
  let t: TestApp;
  let w: World;
  let ex: WorkedExample;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    const admin = await t.login(ADMIN.email, ADMIN.password);
    ex = await buildWorkedExample(t, admin, { model: 'cooperative', withoutSla: true });
  });
  afterAll(() => t.close());

  it('finding 8: NUL characters in any string and JSON nested 10,000 deep are a 400 naming the field, never a 500', async () => {
    const host = w.tokens.host!;
    const c1 = `${API}/consortia/${w.c1.consortiumId}`;
    const outcomes: Record<string, string> = {};
    const record = (name: string, res: { status: number; body: { errors?: { field: string }[] } }) => {
      outcomes[name] = `${res.status} ${fields(res).join(',')}`;
    };
    // the unauthenticated login
    record('login email', await t.http.post(`${API}/auth/login`).send({ email: 'a\u0000@example.org', password: 'whatever-password' }));
    // a name and a description
    record('organisation name', await t.http.patch(`${API}/organisations/${w.c1.hostOrgId}`).set('Authorization', host).send({ name: 'Trust\u0000' }));
    record(
      'cost description',
      await t.http.post(`${c1}/costs`).set('Authorization', host).send({ month: '2025-06', category: 'investment', amount: '10.00', description: 'ledger\u0000' }),
    );
    // a query string
    record('query kpiCode', await t.http.get(`${c1}/measurements`).query({ kpiCode: 'PAY\u0000' }).set('Authorization', host));
    expect(outcomes).toEqual({
      'login email': '400 email',
      'organisation name': '400 name',
      'cost description': '400 description',
      'query kpiCode': '400 kpiCode',
    });

    // 10,000 levels deep, unauthenticated: refused before parsing, and the server keeps answering
    const started = Date.now();
    const res = await t.http
      .post(`${API}/auth/login`)
      .set('Content-Type', 'application/json')
      .send(`{"email":${deep(10000)},"password":"x"}`);
    expect({ status: res.status, fields: fields(res) }).toEqual({ status: 400, fields: ['body'] });
    expect(Date.now() - started).toBeLessThan(2000);
    const nested = await t.http
      .patch(`${API}/organisations/${w.c1.hostOrgId}`)
      .set('Authorization', host)
      .set('Content-Type', 'application/json')
      .send(`{"name":${deep(33)}}`);
    expect({ status: nested.status, fields: fields(nested) }).toEqual({ status: 400, fields: ['body'] });
    // within the limit the body is parsed and checked as usual
    const shallow = await t.http
      .patch(`${API}/organisations/${w.c1.hostOrgId}`)
      .set('Authorization', host)
      .set('Content-Type', 'application/json')
      .send(`{"name":${deep(30)}}`);
    expect({ status: shallow.status, fields: [...new Set(fields(shallow))] }).toEqual({ status: 400, fields: ['name'] });
    await t.http.get(`${API}/health`).expect(200);

    // CSV imports: a NUL in a cell is a row error naming the column; nothing is written
    const csv = [
      'kpiCode,serviceLine,organisation,month,value',
      `PAY_ACCURACY,PAY,${w.c1.partnerOrgIds[0]},2025-05,99.6`,
      `PAY\u0000,PAY,${w.c1.partnerOrgIds[0]},2025-05,99.6`,
    ].join('\n');
    const imp = await t.http.post(`${c1}/measurements/import`).set('Authorization', host).set('Content-Type', 'text/csv').send(csv);
    expect(imp.status).toBe(400);
    expect(imp.body.errors).toContainEqual({ row: 3, field: 'kpiCode', message: 'kpiCode must not contain a NUL character' });
  });

  it('finding 9: far months and dates are a 400 naming the field, and two maximal costs in one month keep the cost list at 200', async () => {
    const host = w.tokens.host!;
    const c1 = `${API}/consortia/${w.c1.consortiumId}`;
    const outcomes: Record<string, string> = {};
    const record = (name: string, res: { status: number; body: { errors?: { field: string }[] } }) => {
      outcomes[name] = `${res.status} ${fields(res).join(',')}`;
    };
    record('statements 9999', await t.http.get(`${API}/consortia/${ex.consortiumId}/statements`).query({ from: '9999-01', to: '9999-12' }).set('Authorization', ex.tokens.host));
    record(
      'exit quote 9999-12-31',
      await t.http.get(`${API}/consortia/${ex.consortiumId}/members/${ex.org.B}/exit-quote`).query({ noticeDate: '9999-12-31' }).set('Authorization', ex.tokens.host),
    );
    record('cost in 9999-12', await t.http.post(`${c1}/costs`).set('Authorization', host).send({ month: '9999-12', category: 'investment', amount: '10.00', description: 'far' }));
    record(
      'consortium from 0001-01-01',
      await t.http
        .post(`${API}/consortia`)
        .set('Authorization', host)
        .send({ name: 'Ancient partnership', deliveryModel: 'cooperative', hostOrganisationId: w.c1.hostOrgId, startDate: '0001-01-01' }),
    );
    record('close month 9999-12', await t.http.post(`${c1}/months/9999-12/close`).set('Authorization', host).send({}));
    record(
      'an amount that cannot be stored',
      await t.http.post(`${c1}/costs`).set('Authorization', host).send({ month: '2025-08', category: 'investment', amount: '100000000000000.00', description: 'too much' }),
    );
    expect(outcomes).toEqual({
      'statements 9999': '400 from,to',
      'exit quote 9999-12-31': '400 noticeDate',
      'cost in 9999-12': '400 month',
      'consortium from 0001-01-01': '400 startDate',
      'close month 9999-12': '400 month',
      'an amount that cannot be stored': '400 amount',
    });

    // Two of the largest storable amounts in one month: their sum has 15 digits; the list still answers.
    for (let i = 0; i < 2; i++) {
      await t.http
        .post(`${c1}/costs`)
        .set('Authorization', host)
        .send({ month: '2025-09', category: 'investment', amount: '99999999999999.99', description: `max ${i}` })
        .expect(201);
    }
    const list = await t.http.get(`${c1}/costs`).query({ from: '2025-09', to: '2025-09' }).set('Authorization', host);
    expect({ status: list.status, total: list.body.total, totalAmount: list.body.totalAmount }).toEqual({ status: 200, total: 2, totalAmount: '199999999999999.98' });
    const all = await t.http.get(`${c1}/costs`).set('Authorization', host);
    expect(all.status).toBe(200);
  });
});
