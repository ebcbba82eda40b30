/** The what-if scenario's PDF against POST/GET /scenarios: the same figures, the same access. */
import { formatGbp } from '../../src/reports/view/format';
import { ADMIN, createTestApp, TestApp } from '../support/app';
import { fetchPdf, keepSample, pdfPages } from '../support/pdf';
import { buildWorkedExample, type WorkedExample } from '../support/worked-example';
import { buildWorld, World } from '../support/world';

interface Lines {
  charge: string;
  savings: string;
  operating: string;
  fee: string;
  baseline: string;
}
interface Item {
  organisationId: string | null;
  name: string;
  current: Lines;
  scenario: Lines;
  difference: Lines;
}

describe('scenario report PDF (e2e, real Chromium)', () => {
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

  const flat = (s: string) => s.replace(/\s+/g, ' ');
  const re = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const signed = (v: string) => (v === '0.00' ? formatGbp(v) : v.startsWith('-') ? formatGbp(v) : `+${formatGbp(v)}`);
  const changes = () => [
    {
      kind: 'join',
      name: 'Dale Valley NHS Trust',
      annualTurnover: '200000000.00',
      headcount: '3000',
      joinedOn: '2025-04-01',
      baselines: [{ serviceLineId: ex.line.FIN, annualAmount: '800000.00' }],
    },
    { kind: 'costChange', serviceLineId: ex.line.PAY, percent: '-10' },
  ];
  const body = () => ({ from: '2025-04', to: '2025-05', changes: changes() });
  const postPdf = (token: string, b: object) =>
    t.http
      .post(`/api/v1/consortia/${ex.consortiumId}/reports/scenario.pdf`)
      .set('Authorization', token)
      .send(b)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });

  const checkFigures = (doc: string, api: { items: Item[]; totals: { current: Lines; scenario: Lines; difference: Lines } }) => {
    for (const i of api.items) {
      const name = i.organisationId === null ? `${i.name} (joining)` : i.name;
      expect(doc).toMatch(new RegExp(`${re(name)} ?${re(formatGbp(i.current.charge))} ?${re(formatGbp(i.scenario.charge))} ?${re(signed(i.difference.charge))}`));
    }
    const T = api.totals;
    expect(doc).toMatch(new RegExp(`Total charge ?${re(formatGbp(T.current.charge))} ?${re(formatGbp(T.scenario.charge))} ?${re(signed(T.difference.charge))}`));
    expect(doc).toMatch(new RegExp(`Operating costs ?${re(formatGbp(T.current.operating))} ?${re(formatGbp(T.scenario.operating))} ?${re(signed(T.difference.operating))}`));
    expect(doc).toMatch(new RegExp(`Baseline ?${re(formatGbp(T.current.baseline))} ?${re(formatGbp(T.scenario.baseline))} ?${re(signed(T.difference.baseline))}`));
  };

  it('priced from a body: the changes in plain English and every figure of POST /scenarios, to the penny', async () => {
    const res = await postPdf(ex.tokens.host, body());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    keepSample('scenario', res.body as Buffer);
    const doc = flat((await pdfPages(res.body as Buffer)).text);
    const api = (await t.http.post(`/api/v1/consortia/${ex.consortiumId}/scenarios`).set('Authorization', ex.tokens.host).send(body()).expect(200)).body;
    expect(doc).toContain('What-if scenario');
    expect(doc).toContain('Dale Valley NHS Trust joins on 1 April 2025');
    expect(doc).toContain('Operating costs of PAY (Payroll) fall by 10% in every month of the period.');
    checkFigures(doc, api);
    expect(api.items).toHaveLength(4);
  });

  it('a saved scenario: its name, reference and date on the cover, its stored figures', async () => {
    const saved = (
      await t.http
        .post(`/api/v1/consortia/${ex.consortiumId}/scenarios`)
        .set('Authorization', ex.tokens.boardB)
        .send({ ...body(), name: 'Dale Valley joins, payroll −10%' })
        .expect(200)
    ).body;
    const res = await fetchPdf(t, `/api/v1/consortia/${ex.consortiumId}/reports/scenario.pdf?scenarioId=${saved.id}`, ex.tokens.boardB);
    expect(res.status).toBe(200);
    const doc = flat((await pdfPages(res.body)).text);
    expect(doc).toContain('What if: Dale Valley joins, payroll −10%');
    expect(doc).toContain(saved.id);
    expect(doc).toMatch(/Saved on \d{1,2} \w+ \d{4}/);
    checkFigures(doc, saved);
  });

  it('a partner’s PDF shows its own organisation’s line only; other tenants 404; a bad body 400 naming the field', async () => {
    const res = await postPdf(ex.tokens.partnerB, body());
    expect(res.status).toBe(200);
    const doc = flat((await pdfPages(res.body as Buffer)).text);
    const api = (await t.http.post(`/api/v1/consortia/${ex.consortiumId}/scenarios`).set('Authorization', ex.tokens.partnerB).send(body()).expect(200)).body;
    expect(api.items).toHaveLength(1);
    checkFigures(doc, api);
    expect(doc).not.toContain('North Vale Hospitals');
    expect(doc).not.toContain('Dale Valley NHS Trust (joining)');
    expect((await postPdf(w.tokens.host!, body())).status).toBe(404);
    const bad = await t.http
      .post(`/api/v1/consortia/${ex.consortiumId}/reports/scenario.pdf`)
      .set('Authorization', ex.tokens.host)
      .send({ ...body(), changes: [{ kind: 'costChange', percent: 'x' }] })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['changes[0].percent']);
    await t.http
      .post(`/api/v1/consortia/${ex.consortiumId}/reports/scenario.pdf`)
      .set('Authorization', ex.tokens.host)
      .send({ ...body(), name: 'x' })
      .expect(400);
  });
});
