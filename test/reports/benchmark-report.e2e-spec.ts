import { ADMIN, createTestApp, TestApp } from '../support/app';
import { fetchPdf, keepSample, pdfPages } from '../support/pdf';
import { org } from '../support/world';
import { userFor } from './fixtures';

/** domain.md §11: eight acute trusts, finance, 2024/25; average 1.0875 %. */
const RETURNS: [string, string, string][] = [
  ['T1', '800000.00', '100000000.00'],
  ['T2', '1900000.00', '200000000.00'],
  ['T3', '3000000.00', '300000000.00'],
  ['T4', '2100000.00', '200000000.00'],
  ['T5', '1650000.00', '150000000.00'],
  ['T6', '3000000.00', '250000000.00'],
  ['T7', '4200000.00', '300000000.00'],
  ['T8', '2000000.00', '100000000.00'],
];

describe('benchmarking report PDF (e2e, real Chromium)', () => {
  let t: TestApp;
  let admin: string;
  const ids: Record<string, string> = {};
  const names: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login(ADMIN.email, ADMIN.password);
    for (const [key, cost, turnover] of RETURNS) {
      names[key] = `Benchmark ${key} Hospitals NHS Trust`;
      ids[key] = await org(t, admin, { name: names[key], type: 'acute_trust', annualTurnover: turnover });
      await t.http
        .post('/api/v1/benchmarks/returns')
        .set('Authorization', admin)
        .send({ organisationId: ids[key], financialYear: '2024/25', function: 'finance', cost, turnover })
        .expect(201);
    }
  });
  afterAll(() => t.close());

  const url = (orgId?: string) => `/api/v1/benchmarks/report.pdf?financialYear=2024/25&function=finance&organisationType=acute_trust${orgId ? `&organisationId=${orgId}` : ''}`;

  it('shows the organisation against its peers with the figures of GET /benchmarks', async () => {
    const res = await fetchPdf(t, url(ids.T7), admin);
    expect(res.status).toBe(200);
    keepSample('benchmark', res.body);
    const { text, pages, numpages } = await pdfPages(res.body);
    const doc = text.replace(/\s+/g, ' ');
    const api = (
      await t.http
        .get('/api/v1/benchmarks')
        .query({ financialYear: '2024/25', function: 'finance', organisationType: 'acute_trust', organisationId: ids.T7 })
        .set('Authorization', admin)
        .expect(200)
    ).body;
    expect(api.average).toBe('1.0875');
    expect(doc).toContain('1.0875%');
    expect(doc).toContain('£937,500.00'); // T7's savings potential
    expect(doc).toContain('£912,500.00'); // T8
    expect(doc).toContain('£281,250.00'); // T6
    expect(doc).toContain('£18,750.00'); // T5
    expect(doc).toContain(`${names.T7} spends 1.4000% of its turnover on finance`);
    expect(doc).toContain('ranked 7 of 8');
    expect(doc).toContain(`${names.T7} (this organisation)`);
    pages.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 1} of ${numpages}`);
      expect(p).toContain(names.T7);
    });
  });

  it('a partner sees its own position and unnamed peers; another organisation’s report is 404', async () => {
    const partner = await userFor(t, admin, 'partner_user', ids.T5);
    const own = await fetchPdf(t, url(), partner);
    expect(own.status).toBe(200);
    const doc = (await pdfPages(own.body)).text.replace(/\s+/g, ' ');
    expect(doc).toContain(`${names.T5} (this organisation)`);
    expect(doc).toContain('£18,750.00');
    expect(doc).not.toContain(names.T7);
    expect(doc).toContain('Peer 8');
    expect((await fetchPdf(t, url(ids.T7), partner)).status).toBe(404);
    expect((await fetchPdf(t, url(ids.T7))).status).toBe(401);
    const bad = await fetchPdf(t, '/api/v1/benchmarks/report.pdf?financialYear=2024-25&function=magic', admin);
    expect(bad.status).toBe(400);
  });
});
