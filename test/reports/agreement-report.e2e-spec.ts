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
      '7. How this version was decided',
      '8. Signatures',
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
    // recorded for the partnership by the platform admin (terms signed on paper): no member voted
    expect(doc).toContain('The members decide this version unanimously');
    expect(doc).toMatch(/Approved on \d{1,2} \w+ \d{4} directly, for the partnership, by a platform administrator/);
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
      '7. How this version was decided',
      '8. Signatures',
    ]);
    for (const o of sections) expect(flat(pages[o.page - 1])).toContain(o.title);
    expect(sections[sections.length - 1].page).toBe(numpages); // the signatures start a page of their own, the last
  });

  it('"DRAFT" on every page of an unapproved version; the approved one stays the default', async () => {
    const active = (await t.http.get(`/api/v1/consortia/${ex.consortiumId}/agreement`).set('Authorization', admin).expect(200)).body;
    const body = { model: active.model, basis: active.basis, serviceLineBases: active.serviceLineBases, managementFeePercent: '3', exit: active.exit };
    const draft = (await t.http.put(`/api/v1/consortia/${ex.consortiumId}/agreement`).set('Authorization', admin).send(body).expect(200)).body;
    // proposed to the members; the host has voted, B and C not yet
    await t.http.post(`/api/v1/consortia/${ex.consortiumId}/agreement/propose`).set('Authorization', ex.tokens.host).expect(200);
    await t.http
      .post(`/api/v1/consortia/${ex.consortiumId}/agreement/versions/${draft.version}/votes`)
      .set('Authorization', ex.tokens.host)
      .send({ vote: 'approve', comment: 'Agreed at our board on 4 November' })
      .expect(200);
    const name = async (id: string) => (await t.http.get(`/api/v1/organisations/${id}`).set('Authorization', admin).expect(200)).body.name as string;
    const res = await fetchPdf(t, url(ex.consortiumId, `?version=${draft.version}`), ex.tokens.host);
    expect(res.status).toBe(200);
    keepSample('agreement-draft', res.body);
    const { text, pages } = await pdfPages(res.body);
    expect(flat(text)).toContain('management fee of 3%');
    // who decides it and how each member has voted so far
    const all = flat(text);
    const decided = all.slice(all.lastIndexOf('7. How this version was decided'), all.lastIndexOf('8. Signatures')); // the section, not the contents
    expect(decided).toMatch(/Proposed to the members on \d{1,2} \w+ \d{4}; the vote is open/);
    // the members on its first month decide it: each is listed with its vote, or "Not yet voted"
    const voters = (await t.http.get(`/api/v1/consortia/${ex.consortiumId}/agreement/versions/${draft.version}`).set('Authorization', admin).expect(200)).body.voters as {
      organisationId: string;
      organisationName: string;
    }[];
    expect(voters.map((v) => v.organisationId)).toContain(ex.org.A);
    expect(voters.length).toBeGreaterThan(1);
    for (const v of voters) expect(decided).toContain(await name(v.organisationId));
    expect(decided.split('Approved').length - 1).toBe(1); // the host
    expect(decided.split('Not yet voted').length - 1).toBe(voters.length - 1);
    expect(decided).toContain('Agreed at our board on 4 November');
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
