import { ADMIN, createTestApp, TestApp } from '../support/app';
import { fetchPdf, keepSample, pdfPages } from '../support/pdf';
import { buildWorkedExample, type WorkedExample } from '../support/worked-example';
import { buildWorld, World } from '../support/world';
import { formatGbp } from '../../src/reports/view/format';

/**
 * The board pack for a period against the API: the consolidated statement's totals, every member
 * against the benefits plan (GET /statements/consolidated), each SLA target's status by month
 * (GET /performance), the decisions of the period (GET /decisions); the same access as the
 * consolidated statement.
 */
describe('board pack PDF (e2e, real Chromium)', () => {
  let t: TestApp;
  let admin: string;
  let ex: WorkedExample;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login(ADMIN.email, ADMIN.password);
    ex = await buildWorkedExample(t, admin, { model: 'cooperative' });
    w = await buildWorld(t);
    await t.http
      .put(`/api/v1/consortia/${ex.consortiumId}/benefits-plan`)
      .set('Authorization', ex.tokens.host)
      .send({
        items: [
          { organisationId: ex.org.A, financialYear: '2025/26', plannedSavings: '960000.00' },
          { organisationId: ex.org.B, financialYear: '2025/26', plannedSavings: '300000.00', guaranteedPercent: '10' },
          { organisationId: ex.org.C, financialYear: '2025/26', plannedSavings: '120000.00', guaranteedPercent: '40' },
        ],
      })
      .expect(200);
  });
  afterAll(() => t.close());

  const url = (from: string, to: string, cid = ex.consortiumId) => `/api/v1/consortia/${cid}/reports/board-pack.pdf?from=${from}&to=${to}`;
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  const re = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const api = (path: string, token = ex.tokens.boardB) => t.http.get(`/api/v1/consortia/${ex.consortiumId}${path}`).set('Authorization', token);

  it('the consolidated totals, every member against the plan, the performance by month and “no decisions” for 2025-04..2025-05, as the API answers', async () => {
    const res = await fetchPdf(t, url('2025-04', '2025-05'), ex.tokens.boardB);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('inline; filename="board-pack-2025-04-2025-05.pdf"');
    keepSample('board-pack', res.body);
    const { text, pages, numpages } = await pdfPages(res.body);
    const doc = flat(text);
    const cons = (await api('/statements/consolidated?from=2025-04&to=2025-05').expect(200)).body;
    const T = cons.totals;
    expect(doc).toContain('Board pack for ');
    expect(doc).toContain('April to May 2025');
    for (const h of ['1. Consolidated statement', '2. Benefits against plan', '3. Performance summary', '4. Decisions taken in the period']) expect(doc).toContain(h);
    const line = (label: string, amount: string) => expect(doc).toMatch(new RegExp(`${re(label)}[^£\u2212]*${re(amount)}`));
    line('Operating costs', formatGbp(T.operating));
    line('Total charge', formatGbp(T.charge));
    line('Combined baseline', formatGbp(T.baseline));
    // benefits against plan: each member's planned, actual, gap, guaranteed, shortfall; the total row the API's totals
    const dash = (x: string | null) => (x === null ? '\u2013' : formatGbp(x));
    const planCells = (x: { plannedSavings: string; savings: string; savingsGap: string; guaranteed: string | null; shortfall: string | null }) =>
      `${re(formatGbp(x.plannedSavings))} ?${re(formatGbp(x.savings))} ?${re(formatGbp(x.savingsGap))}[a-z ]* ?${re(dash(x.guaranteed))} ?${re(dash(x.shortfall))}`;
    expect(T).toMatchObject({ plannedSavings: '215161.29', savingsGap: '-3646.30', guaranteed: '33069.90', shortfall: '2357.46' });
    for (const m of cons.items) expect(doc).toMatch(new RegExp(`${re(m.organisationName)}[^£]*${planCells(m)}`));
    expect(doc).toMatch(new RegExp(`All members ?${planCells(T)}`));
    expect(doc).toContain(`Short of the guaranteed saving: ${cons.items.find((m: { organisationId: string }) => m.organisationId === ex.org.C).organisationName} by £2,357.46`);
    // performance: each target's status per month as GET /performance answers it (– before C joined)
    const LABEL: Record<string, string> = { met: 'MET', at_risk: 'AT RISK', breached: 'BREACHED', missing: 'MISSING' };
    type Item = { organisationId: string; organisationName: string; kpiCode: string; status: string | null };
    const [apr, may] = await Promise.all(['2025-04', '2025-05'].map(async (m) => (await api(`/performance?month=${m}`).expect(200)).body.items as Item[]));
    expect(may.filter((i) => i.status === 'breached').length).toBe(2);
    expect(doc).toMatch(/Apr 25 ?May 25/);
    for (const i of may) {
      const before = apr.find((a) => a.organisationId === i.organisationId && a.kpiCode === i.kpiCode);
      const cell = (x: Item | undefined) => (x ? (LABEL[x.status ?? ''] ?? 'PENDING') : '\u2013');
      expect(doc).toMatch(new RegExp(`${re(i.organisationName)} [0-9.]+% ?${re(cell(before))} ?${re(cell(i))}`));
    }
    expect(doc).toContain('No decisions were recorded in the period.');
    pages.forEach((p, i) => expect(p).toContain(`Page ${i + 1} of ${numpages}`));
  });

  it('a period up to this month lists the decisions of the log in it (those of GET /decisions for its dates)', async () => {
    const now = new Date().toISOString().slice(0, 7);
    const res = await fetchPdf(t, url('2025-04', now), ex.tokens.host);
    expect(res.status).toBe(200);
    const doc = flat((await pdfPages(res.body)).text);
    const log = (await api(`/decisions?from=2025-04-01&limit=100`, ex.tokens.host).expect(200)).body;
    expect(log.total).toBeGreaterThan(0);
    for (const d of log.items as { summary: string }[]) expect(doc).toContain(flat(d.summary));
    expect(doc).toContain(`${log.total} decision${log.total === 1 ? ' was' : 's were'} recorded in the period.`);
    const T = (await api(`/statements/consolidated?from=2025-04&to=${now}`, ex.tokens.host).expect(200)).body.totals;
    expect(doc).toMatch(new RegExp(`All members ?${re(formatGbp(T.plannedSavings))} ?${re(formatGbp(T.savings))}`));
    expect(doc).toContain('The last 12 months of the period are shown');
  });

  it('the statement and consolidated PDFs show planned, actual, gap, guaranteed and shortfall as the API gives them', async () => {
    const c = (await api(`/statements/${ex.org.C}?from=2025-04&to=2025-05`, ex.tokens.host).expect(200)).body;
    const st = await fetchPdf(t, `/api/v1/consortia/${ex.consortiumId}/reports/statement.pdf?organisationId=${ex.org.C}&from=2025-04&to=2025-05`, ex.tokens.host);
    expect(st.status).toBe(200);
    const sdoc = flat((await pdfPages(st.body)).text);
    const row = (label: string, amount: string) => expect(sdoc).toMatch(new RegExp(`${re(label)}[^£\u2212]*${re(formatGbp(amount))}`));
    row('Planned savings', c.plannedSavings);
    row('Actual savings', c.savings);
    row('Ahead of plan by', c.savingsGap);
    row('Guaranteed savings', c.guaranteed);
    row('Shortfall against the guarantee', c.shortfall);
    expect(c).toMatchObject({ plannedSavings: '5161.29', savingsGap: '5384.48', guaranteed: '12903.23', shortfall: '2357.46' });

    const cons = (await api('/statements/consolidated?from=2025-04&to=2025-05').expect(200)).body;
    const pdf = await fetchPdf(t, `/api/v1/consortia/${ex.consortiumId}/reports/consolidated.pdf?from=2025-04&to=2025-05`, ex.tokens.boardB);
    const doc = flat((await pdfPages(pdf.body)).text);
    expect(doc).toContain('Against the benefits plan');
    const T = cons.totals;
    expect(doc).toMatch(
      new RegExp(
        `All members ?${re(formatGbp(T.plannedSavings))} ?${re(formatGbp(T.savings))} ?${re(formatGbp(T.savingsGap))} ?${re(formatGbp(T.guaranteed))} ?${re(formatGbp(T.shortfall))}`,
      ),
    );
  });

  it('host, admin and the board read it; a member’s partner 403; another tenant 404; bad ranges 400', async () => {
    expect((await fetchPdf(t, url('2025-04', '2025-05'), admin)).status).toBe(200);
    expect((await fetchPdf(t, url('2025-04', '2025-05'), ex.tokens.partnerB)).status).toBe(403);
    expect((await fetchPdf(t, url('2025-04', '2025-05'), w.tokens.host)).status).toBe(404);
    expect((await fetchPdf(t, url('2025-04', '2025-05'))).status).toBe(401);
    const bad = await fetchPdf(t, `/api/v1/consortia/${ex.consortiumId}/reports/board-pack.pdf?from=2025-13`, ex.tokens.host);
    expect(bad.status).toBe(400);
    expect(bad.json?.errors?.map((e) => e.field).sort()).toEqual(['from', 'to']);
    expect((await fetchPdf(t, url('2025-05', '2025-04'), ex.tokens.host)).status).toBe(400);
  });
});
