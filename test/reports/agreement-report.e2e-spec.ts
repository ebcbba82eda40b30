import { ADMIN, createTestApp, TestApp } from '../support/app';
import { fetchPdf, keepSample, pdfOutline, pdfPages } from '../support/pdf';
import { buildWorkedExample, type WorkedExample } from '../support/worked-example';
import { buildWorld, World } from '../support/world';

describe('agreement report PDF (e2e, real Chromium)', () => {
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

  const url = (cid: string, q = '') => `/api/v1/consortia/${cid}/reports/agreement.pdf${q}`;
  const flat = (s: string) => s.replace(/\s+/g, ' ');

  it('prints the approved agreement: contents, parties, service lines, SLAs with credits, terms, signatures; no DRAFT', async () => {
    const res = await fetchPdf(t, url(ex.consortiumId), ex.tokens.partnerB);
    expect(res.status).toBe(200);
    keepSample('agreement', res.body);
    const { text, numpages, pages } = await pdfPages(res.body);
    const doc = flat(text);
    const consortium = (await t.http.get(`/api/v1/consortia/${ex.consortiumId}`).set('Authorization', admin).expect(200)).body;
    const orgs = await Promise.all(Object.values(ex.org).map(async (id) => (await t.http.get(`/api/v1/organisations/${id}`).set('Authorization', admin).expect(200)).body.name));
    for (const s of [
      'Contents',
      '1. Parties',
      '2. Delivery model and term',
      '3. Service lines',
      '4. Service levels and service credits',
      '5. Risk sharing and charges',
      '6. Exit terms',
      '7. Signatures',
    ])
      expect(doc).toContain(s);
    for (const o of orgs) expect(doc).toContain(o);
    expect(doc).toContain('Payroll (PAY)');
    expect(doc).toContain('≥ 99.5%');
    expect(doc).toContain('management fee of 2.5%');
    expect(doc).toContain('6 months’ notice');
    expect(doc).toContain('minimum term is 36 months');
    expect(doc).toContain('Turnover (agreement-wide)');
    expect(doc).toContain('Activity');
    expect(doc).toContain('Signature');
    expect(doc).not.toContain('DRAFT');
    pages.forEach((p, i) => {
      expect(p).toContain(consortium.name);
      expect(p).toContain(`Page ${i + 1} of ${numpages}`);
      expect(p).toContain('Generated ');
    });
    // Bookmarks for every section, each pointing at the page its heading is on.
    const outline = await pdfOutline(res.body);
    const sections = outline.filter((o) => /^\d\. /.test(o.title));
    expect(sections.map((o) => o.title)).toEqual([
      '1. Parties',
      '2. Delivery model and term',
      '3. Service lines',
      '4. Service levels and service credits',
      '5. Risk sharing and charges',
      '6. Exit terms',
      '7. Signatures',
    ]);
    for (const o of sections) expect(flat(pages[o.page - 1])).toContain(o.title);
    expect(sections[sections.length - 1].page).toBe(numpages); // the signatures start a page of their own, the last
  });

  it('"DRAFT" on every page of an unapproved version; the approved one stays the default', async () => {
    const active = (await t.http.get(`/api/v1/consortia/${ex.consortiumId}/agreement`).set('Authorization', admin).expect(200)).body;
    const body = { model: active.model, basis: active.basis, serviceLineBases: active.serviceLineBases, managementFeePercent: '3', exit: active.exit };
    const draft = (await t.http.put(`/api/v1/consortia/${ex.consortiumId}/agreement`).set('Authorization', admin).send(body).expect(200)).body;
    const res = await fetchPdf(t, url(ex.consortiumId, `?version=${draft.version}`), ex.tokens.host);
    expect(res.status).toBe(200);
    keepSample('agreement-draft', res.body);
    const { text, pages } = await pdfPages(res.body);
    expect(flat(text)).toContain('management fee of 3%');
    for (const p of pages) expect(p).toContain('DRAFT');
    const def = await pdfPages((await fetchPdf(t, url(ex.consortiumId), ex.tokens.host)).body);
    expect(def.text).not.toContain('DRAFT');
    expect(flat(def.text)).toContain('management fee of 2.5%');
    expect((await fetchPdf(t, url(ex.consortiumId, '?version=99'), ex.tokens.host)).status).toBe(404);
    expect((await fetchPdf(t, url(ex.consortiumId, '?version=x'), ex.tokens.host)).status).toBe(400);
  });

  it('a consortium with only a draft prints the draft, DRAFT on every page; none at all is 404', async () => {
    await t.http
      .put(`/api/v1/consortia/${w.c1.consortiumId}/agreement`)
      .set('Authorization', admin)
      .send({
        model: 'cooperative',
        basis: 'equal',
        managementFeePercent: '2',
        exit: { minimumTermMonths: 24, noticeMonths: 3, earlyTerminationPercent: '10', strandedCostMonths: 6, fixedCostPercent: '30', amortisationMonths: 36 },
      })
      .expect(200);
    const res = await fetchPdf(t, url(w.c1.consortiumId), w.tokens.board);
    expect(res.status).toBe(200);
    const { pages } = await pdfPages(res.body);
    for (const p of pages) expect(p).toContain('DRAFT');
    expect((await fetchPdf(t, url(w.c2.consortiumId), w.tokens.otherHost)).status).toBe(404);
    expect((await fetchPdf(t, url(w.c1.consortiumId), w.tokens.otherHost)).status).toBe(404);
    expect((await fetchPdf(t, url(w.c1.consortiumId), w.tokens.foreignPartner)).status).toBe(404);
  });
});
