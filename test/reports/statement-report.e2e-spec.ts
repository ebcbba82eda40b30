import { ADMIN, createTestApp, TestApp } from '../support/app';
import { fetchPdf, keepSample, pdfPages } from '../support/pdf';
import { buildWorkedExample, type WorkedExample } from '../support/worked-example';
import { buildWorld, World } from '../support/world';
import { formatGbp } from '../../src/reports/view/format';

describe('statement report PDF (e2e, real Chromium)', () => {
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

  const url = (org: string, from = '2025-04', to = '2025-05') => `/api/v1/consortia/${ex.consortiumId}/reports/statement.pdf?organisationId=${org}&from=${from}&to=${to}`;
  const flat = (s: string) => s.replace(/\s+/g, ' ');

  it('B’s statement shows the figures of GET /statements/B to the penny, the monthly series, and the exit quote of GET /exit-quote', async () => {
    const res = await fetchPdf(t, url(ex.org.B), ex.tokens.partnerB);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    keepSample('statement', res.body);
    const { text, numpages, pages } = await pdfPages(res.body);
    const api = (
      await t.http.get(`/api/v1/consortia/${ex.consortiumId}/statements/${ex.org.B}`).query({ from: '2025-04', to: '2025-05' }).set('Authorization', ex.tokens.partnerB).expect(200)
    ).body;
    expect(api.charge).toBe('127472.23');
    const doc = flat(text);
    expect(doc).toContain('£127,472.23');
    for (const k of ['operating', 'fee', 'investment', 'sharedRisk', 'attributedRisk', 'charge', 'baseline', 'savings']) expect(doc).toContain(formatGbp(api[k]));
    expect(doc).toContain('£94,486.12');
    expect(doc).toContain('£201,666.67');
    expect(doc).toContain('£74,194.44');
    expect(doc).toContain('36.79%');
    expect(doc).toContain('\u2212£543.45'); // credits as a reduction
    for (const l of api.serviceLines) for (const k of ['operating', 'fee', 'baseline']) expect(doc).toContain(formatGbp(l[k]));
    for (const m of api.months) expect(doc).toContain(formatGbp(m.charge));
    expect(doc).toContain('Charge against baseline by month');
    expect(doc).toContain('a saving of £74,194.44 (36.79%)');
    // exit quote summary for notice on the day after the period (same service as the API)
    const quote = (
      await t.http
        .get(`/api/v1/consortia/${ex.consortiumId}/members/${ex.org.B}/exit-quote`)
        .query({ noticeDate: '2025-06-01' })
        .set('Authorization', ex.tokens.partnerB)
        .expect(200)
    ).body;
    expect(doc).toMatch(new RegExp(`Total exit charge\\s*${formatGbp(quote.total)}`));
    expect(doc).toContain(formatGbp(quote.earlyTermination));
    expect(doc).toContain('December 2025');
    pages.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 1} of ${numpages}`);
      expect(p).toContain('Generated ');
    });
  });

  it('the host’s statement adds fee income and credits funded; the host may fetch any member’s', async () => {
    const { text } = await pdfPages((await fetchPdf(t, url(ex.org.A), ex.tokens.host)).body);
    const doc = flat(text);
    expect(doc).toContain('£193,225.22');
    expect(doc).toContain('£6,575.00');
    expect(doc).toContain('£665.26');
    const c = await fetchPdf(t, url(ex.org.C), ex.tokens.host);
    expect(c.status).toBe(200);
    expect(flat((await pdfPages(c.body)).text)).toContain('£21,712.29');
  });

  it('a partner cannot fetch another member’s statement (404), other tenants neither; the partnership board can', async () => {
    for (const other of [ex.org.A, ex.org.C]) {
      const res = await fetchPdf(t, url(other), ex.tokens.partnerB);
      expect(res.status).toBe(404);
      expect(res.type).toContain('application/problem+json');
      expect((await fetchPdf(t, url(other), ex.tokens.boardB)).status).toBe(200);
    }
    expect((await fetchPdf(t, url(ex.org.B), ex.tokens.boardB)).status).toBe(200);
    expect((await fetchPdf(t, url(ex.org.B), w.tokens.host)).status).toBe(404);
    expect((await fetchPdf(t, url(ex.org.B), w.tokens.partner)).status).toBe(404);
    expect((await fetchPdf(t, url(ex.org.B))).status).toBe(401);
  });

  it('validates the query (400 naming the fields)', async () => {
    const res = await fetchPdf(t, `/api/v1/consortia/${ex.consortiumId}/reports/statement.pdf?organisationId=nope&from=2025-13`, ex.tokens.host);
    expect(res.status).toBe(400);
    expect(res.json?.errors?.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'organisationId', 'to']);
    const backwards = await fetchPdf(t, url(ex.org.B, '2025-05', '2025-04'), ex.tokens.host);
    expect(backwards.status).toBe(400);
  });
});
