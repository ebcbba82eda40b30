import { ADMIN, createTestApp, type TestApp } from '../support/app';
import { fetchPdf, keepSample, pdfPages } from '../support/pdf';
import { buildWorkedExample, type WorkedExample } from '../support/worked-example';
import { buildWorld, type World } from '../support/world';
import { formatGbp } from '../../src/reports/view/format';

jest.setTimeout(120000);

const OPTIONS = [
  {
    name: 'Shared services company',
    deliveryModel: 'shared_services_company',
    startYear: 1,
    annualRunningCost: '3400000.00',
    oneOffCosts: [{ year: 0, amount: '750000.00' }],
    optimismBiasPercent: '24',
  },
  { name: 'Outsourcing', deliveryModel: 'outsourcing', startYear: 2, annualRunningCost: '3900000.00', oneOffCosts: [{ year: 1, amount: '1200000.00' }], optimismBiasPercent: '40' },
];

/** The options appraisal PDF against GET /consortia/:id/appraisals/:appraisalId: the same figures, the same access. */
describe('options appraisal report PDF (e2e, real Chromium)', () => {
  let t: TestApp;
  let admin: string;
  let ex: WorkedExample;
  let w: World;
  let id: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login(ADMIN.email, ADMIN.password);
    ex = await buildWorkedExample(t, admin, { withoutSla: true });
    w = await buildWorld(t);
    const res = await t.http
      .post('/api/v1/appraisals')
      .set('Authorization', ex.tokens.host)
      .send({ consortiumId: ex.consortiumId, name: 'Back office options', years: 6, options: OPTIONS })
      .expect(201);
    id = res.body.id;
  });
  afterAll(() => t.close());

  const url = (cid: string, aid: string) => `/api/v1/consortia/${cid}/reports/appraisal.pdf?appraisalId=${aid}`;
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  const re = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('shows the inputs, the ranking, every cost stream with discount factors and present values, and the chart, as the API answers', async () => {
    const res = await fetchPdf(t, url(ex.consortiumId, id), ex.tokens.partnerB);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    keepSample('appraisal', res.body);
    const { text } = await pdfPages(res.body);
    const doc = flat(text);
    const api = (await t.http.get(`/api/v1/consortia/${ex.consortiumId}/appraisals/${id}`).set('Authorization', ex.tokens.partnerB).expect(200)).body;

    expect(doc).toContain('Options appraisal: Back office options');
    expect(doc).toContain(`${formatGbp('3880000.00')} (the members’ current annual baselines)`);
    expect(doc).toContain('6 years (year 0 to year 5)');
    expect(doc).toContain('3.5%');
    // the ranking: rank, name, npc, saving, payback of each option; the preferred one tagged
    for (const o of api.options) {
      const payback = o.paybackYear === null ? 'Not within the period' : `Year ${o.paybackYear}`;
      expect(doc).toMatch(
        new RegExp(`${o.rank} ?${re(o.name)}${o.rank === 1 ? ' ?\\(preferred\\)' : ''}.*?${re(formatGbp(o.npc))} ?${re(formatGbp(o.savingVsStatusQuo))} ?${re(payback)}`),
      );
    }
    expect(api.preferred).toBe(api.options[0].name);
    expect(doc).toContain(`The preferred option is ${api.preferred}`);
    // each stream year by year: discount factor, cost, present value, cumulative cost
    const streams = [
      { title: 'Status quo: cost by year', s: api.statusQuo },
      ...api.options.map((o: { rank: number; name: string }) => ({ title: `Option ${o.rank}: ${o.name}: cost by year`, s: o })),
    ];
    for (const { title, s } of streams) {
      const from = doc.indexOf(title);
      expect(from).toBeGreaterThan(-1);
      const section = doc.slice(from);
      for (let y = 0; y < api.years; y++) {
        expect(section).toMatch(
          new RegExp(`Year ${y} ?${re(api.discountFactors[y])} ?${re(formatGbp(s.costs[y]))} ?${re(formatGbp(s.presentValues[y]))} ?${re(formatGbp(s.cumulativeCosts[y]))}`),
        );
      }
      expect(section).toMatch(new RegExp(`Net present cost ?${re(formatGbp(s.npc))}`));
    }
    expect(api.discountFactors).toEqual(['1.0000', '0.9662', '0.9335', '0.9019', '0.8714', '0.8420']);
    // the chart's table alternative: cumulative cost of every series in the last year
    const last = api.years - 1;
    expect(doc).toMatch(
      new RegExp(`Year ${last} ?${[api.statusQuo, ...api.options].map((s: { cumulativeCosts: string[] }) => re(formatGbp(s.cumulativeCosts[last]))).join(' ?')}`),
    );
    expect(doc).toContain('Cumulative cost by option – Back office options');
  });

  it('is 404 for another consortium’s appraisal and for a consortium the caller is not in', async () => {
    const other = await t.http
      .post('/api/v1/appraisals')
      .set('Authorization', w.tokens.host!)
      .send({ consortiumId: w.c1.consortiumId, name: 'Elsewhere', statusQuoAnnualCost: '100.00', options: OPTIONS })
      .expect(201);
    expect((await fetchPdf(t, url(ex.consortiumId, other.body.id), ex.tokens.host)).status).toBe(404);
    expect((await fetchPdf(t, url(w.c1.consortiumId, other.body.id), ex.tokens.host)).status).toBe(404);
    expect((await fetchPdf(t, url(ex.consortiumId, 'not-a-uuid'), ex.tokens.host)).status).toBe(400);
  });
});
