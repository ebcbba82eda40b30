import { PdfService } from '../../src/reports/pdf.service';
import { formatGeneratedAt } from '../../src/reports/view/format';
import { ADMIN, createTestApp, TestApp } from '../support/app';
import { fetchPdf, keepSample, pdfPages } from '../support/pdf';
import { buildWorld, World } from '../support/world';
import { Example, NAMES, userFor, workedExample } from './fixtures';

describe('performance report PDF (e2e, real Chromium)', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  let ex: Example;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    admin = await t.login(ADMIN.email, ADMIN.password);
    ex = await workedExample(t, admin);
  });
  afterAll(() => t.close());

  const url = (cid: string, month = '2025-05') => `/api/v1/consortia/${cid}/reports/performance.pdf?month=${month}`;

  it('does not launch Chromium until the first report is asked for', () => {
    expect(t.app.get(PdfService).stats()).toBeNull();
  });

  it('renders the month’s scorecard for the host with the figures of GET /performance, on every page name, time and "Page N of M"', async () => {
    const before = new Date();
    const res = await fetchPdf(t, url(ex.cid), admin);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('performance-2025-05.pdf');
    expect(res.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    keepSample('performance', res.body);
    const { text, numpages, pages } = await pdfPages(res.body);
    expect(numpages).toBeGreaterThanOrEqual(2);
    const api = (await t.http.get(`/api/v1/consortia/${ex.cid}/performance?month=2025-05`).set('Authorization', admin).expect(200)).body;
    expect(text).toContain('Service performance: May 2025');
    for (const item of api.items) expect(text).toContain(item.value); // 99.6, 100, 98.7, 99.9, 99.2, 99.7
    for (const s of ['MET', 'AT RISK', 'BREACHED']) expect(text).toContain(s);
    for (const n of Object.values(NAMES)) expect(text).toContain(n);
    expect(text).toContain('What this means');
    expect(text).toContain('4 of 6 targets due in May 2025 were met or within tolerance (2 met, 2 at risk).');
    // credits: B 5 %, C 3 % (amounts priced once charges exist)
    expect(text).toMatch(/Riverside Community Health NHS Trust\s*Payroll \(PAY\)\s*Payroll SLA\s*May 2025\s*5%/);
    expect(text).toMatch(/Hillcrest Mental Health NHS Trust\s*Payroll \(PAY\)\s*Payroll SLA\s*May 2025\s*3%/);
    expect(text).toContain('Trends over the last 12 months');
    expect(text).toContain('Target 99.5%');
    expect(text).toContain('Limit 99.0%');
    // every page: consortium name, generation time, page N of M
    const stamp = [formatGeneratedAt(before), formatGeneratedAt(new Date())];
    pages.forEach((page, i) => {
      expect(page).toContain(ex.consortiumName);
      expect(page).toContain(`Page ${i + 1} of ${numpages}`);
      expect(stamp.some((s) => page.includes(`Generated ${s}`))).toBe(true);
      expect(page).not.toContain('DRAFT');
    });
    expect(t.app.get(PdfService).stats()).toMatchObject({ started: true });
  });

  it('a partner gets its own organisation’s rows only; a board viewer (the partnership board) every member’s; another tenant gets 404', async () => {
    const partnerB = await userFor(t, admin, 'partner_user', ex.B);
    const { text } = await pdfPages((await fetchPdf(t, url(ex.cid), partnerB)).body);
    expect(text).toContain('Scorecard for Riverside Community Health NHS Trust');
    expect(text).toContain('98.7');
    expect(text).not.toContain(NAMES.C);
    expect(text).not.toContain('99.2');
    const boardC = await userFor(t, admin, 'board_viewer', ex.C);
    const c = await pdfPages((await fetchPdf(t, url(ex.cid), boardC)).body);
    expect(c.text).toContain('Scorecard for all members of the consortium');
    expect(c.text).toContain('99.2');
    expect(c.text).toContain('98.7');
    for (const who of [w.tokens.foreignPartner!, w.tokens.otherHost!, w.tokens.partner!]) {
      const res = await fetchPdf(t, url(ex.cid), who);
      expect(res.status).toBe(404);
      expect(res.type).toContain('application/problem+json');
    }
    expect((await fetchPdf(t, url(ex.cid))).status).toBe(401);
  });

  it('validates the month (400 naming it)', async () => {
    const res = await fetchPdf(t, url(ex.cid, '2025-13'), admin);
    expect(res.status).toBe(400);
    expect(res.json?.errors?.map((e: { field: string }) => e.field)).toEqual(['month']);
  });

  it('prints hostile names as text: no script runs, no request leaves the page', async () => {
    const hostile = {
      A: '<script>document.body.innerHTML="PW"+"NED"</script>Evil Host Trust',
      B: "<img src=x onerror=\"document.body.innerHTML='ONERROR'+'-RAN'\">Onerror Trust",
      C: '<img src="file:///etc/passwd">Passwd Trust',
    };
    const bad = await workedExample(t, admin, {
      consortiumName: '<b>Bold</b> & <i>"Quoted"</i> Partnership',
      names: hostile,
      slaName: '<iframe src="http://127.0.0.1:9/x"></iframe>SLA',
    });
    const blockedBefore = t.app.get(PdfService).stats()!.blockedRequests;
    const res = await fetchPdf(t, url(bad.cid), admin);
    expect(res.status).toBe(200);
    const { text, pages } = await pdfPages(res.body);
    const flat = text.replace(/\s+/g, '');
    for (const s of [...Object.values(hostile), '<iframe src="http://127.0.0.1:9/x"></iframe>SLA']) expect(flat).toContain(s.replace(/\s+/g, ''));
    expect(text).not.toContain('PWNED');
    expect(text).not.toContain('ONERROR-RAN');
    expect(text).not.toMatch(/root:.*:0:0/);
    for (const page of pages) expect(page).toContain('<b>Bold</b> & <i>"Quoted"</i> Partnership'); // header, escaped
    expect(t.app.get(PdfService).stats()!.blockedRequests).toBe(blockedBefore); // nothing even tried to load
  });
});

describe('no browser (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' });
  });
  afterAll(() => t.close());

  it('answers the PDF routes 503 with how to install Chromium, and the rest of the API works', async () => {
    const w = await buildWorld(t);
    const res = await fetchPdf(t, `/api/v1/consortia/${w.c1.consortiumId}/reports/performance.pdf?month=2025-05`, w.tokens.host);
    expect(res.status).toBe(503);
    expect(res.type).toContain('application/problem+json');
    expect(res.json).toMatchObject({ status: 503, code: 'pdf_unavailable' });
    expect(res.json?.detail).toContain('/nonexistent/chromium');
    expect(res.json?.detail).toContain('apt-get install chromium');
    expect(res.headers['retry-after']).toBeDefined();
    // access is still checked first: another tenant gets 404, not a hint about the browser
    expect((await fetchPdf(t, `/api/v1/consortia/${w.c1.consortiumId}/reports/performance.pdf?month=2025-05`, w.tokens.otherHost)).status).toBe(404);
    await t.http.get('/api/v1/health').expect(200);
    await t.http.get(`/api/v1/consortia/${w.c1.consortiumId}/performance?month=2025-05`).set('Authorization', w.tokens.host!).expect(200);
  });
});
