/**
 * Renders the five reports of the worked example with clean names (every one must be a PDF), and
 * with REPORT_SAMPLES_DIR set also writes them there: the images in docs/ come from these
 * (`npm run docs:samples`, then `pdftoppm -png -r 70 -f 1 -l 1`).
 */
import { ADMIN, createTestApp, TestApp } from '../support/app';
import { fetchPdf, keepSample } from '../support/pdf';
import { buildWorkedExample } from '../support/worked-example';
import { org } from '../support/world';
import { NAMES } from './fixtures';

describe('report samples for docs/', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('renders the five reports of the worked example', async () => {
    const admin = await t.login(ADMIN.email, ADMIN.password);
    const ids = {
      A: await org(t, admin, { name: NAMES.A, type: 'acute_foundation_trust', annualTurnover: '400000000.00', headcount: '6000' }),
      B: await org(t, admin, { name: NAMES.B, type: 'community_trust', annualTurnover: '250000000.00', headcount: '3500' }),
      C: await org(t, admin, { name: NAMES.C, type: 'mental_health_trust', annualTurnover: '150000000.00', headcount: '2500' }),
    };
    const ex = await buildWorkedExample(t, admin, { model: 'cooperative', org: ids });
    const cid = ex.consortiumId;
    await t.http.patch(`/api/v1/consortia/${cid}`).set('Authorization', admin).send({ name: 'North Vale Back Office Partnership' }).expect(200);
    const get = async (name: string, path: string, token = admin) => {
      const res = await fetchPdf(t, path, token);
      expect(res.status).toBe(200);
      expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');
      keepSample(name, res.body);
    };
    await get('sample-performance', `/api/v1/consortia/${cid}/reports/performance.pdf?month=2025-05`);
    await get('sample-statement', `/api/v1/consortia/${cid}/reports/statement.pdf?organisationId=${ids.B}&from=2025-04&to=2025-05`, ex.tokens.partnerB);
    await get('sample-consolidated', `/api/v1/consortia/${cid}/reports/consolidated.pdf?from=2025-04&to=2025-05`, ex.tokens.boardB);
    const active = (await t.http.get(`/api/v1/consortia/${cid}/agreement`).set('Authorization', admin).expect(200)).body;
    await t.http
      .put(`/api/v1/consortia/${cid}/agreement`)
      .set('Authorization', admin)
      .send({ model: active.model, basis: active.basis, serviceLineBases: active.serviceLineBases, managementFeePercent: '2.75', exit: active.exit })
      .expect(200);
    await get('sample-agreement', `/api/v1/consortia/${cid}/reports/agreement.pdf?version=2`);
    const trusts: [string, string, string][] = [
      ['Ashdown', '800000.00', '100000000.00'],
      ['Beckford', '1900000.00', '200000000.00'],
      ['Carrow', '3000000.00', '300000000.00'],
      ['Dunmore', '2100000.00', '200000000.00'],
      ['Eastleigh', '1650000.00', '150000000.00'],
      ['Fairhaven', '3000000.00', '250000000.00'],
      ['Greystoke', '4200000.00', '300000000.00'],
      ['Hartwell', '2000000.00', '100000000.00'],
    ];
    const tIds: string[] = [];
    for (const [n, cost, turnover] of trusts) {
      const id = await org(t, admin, { name: `${n} Hospitals NHS Trust`, type: 'acute_trust', annualTurnover: turnover });
      tIds.push(id);
      await t.http
        .post('/api/v1/benchmarks/returns')
        .set('Authorization', admin)
        .send({ organisationId: id, financialYear: '2024/25', function: 'finance', cost, turnover })
        .expect(201);
    }
    await get('sample-benchmark', `/api/v1/benchmarks/report.pdf?financialYear=2024/25&function=finance&organisationType=acute_trust&organisationId=${tIds[6]}`);
  });
});
