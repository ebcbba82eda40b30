import { ADMIN, createTestApp, TestApp } from '../support/app';
import { fetchPdf, keepSample, pdfPages } from '../support/pdf';
import { buildWorkedExample, type WorkedExample } from '../support/worked-example';
import { buildWorld, World } from '../support/world';
import { formatGbp, formatPercent, sumMoney } from '../../src/reports/view/format';

/** The consolidated statement's PDF against GET /statements/consolidated: the same figures, the same access. */
describe('consolidated statement report PDF (e2e, real Chromium)', () => {
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

  const from = '2025-04';
  const to = '2025-05';
  const url = (cid = ex.consortiumId, f = from, tt = to) => `/api/v1/consortia/${cid}/reports/consolidated.pdf?from=${f}&to=${tt}`;
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  const re = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const statement = (token: string) => t.http.get(`/api/v1/consortia/${ex.consortiumId}/statements/consolidated`).query({ from, to }).set('Authorization', token);

  it('shows the totals and every member’s charge, baseline and savings of GET /statements/consolidated, to the penny', async () => {
    const res = await fetchPdf(t, url(), ex.tokens.boardB);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="consolidated-${from}-${to}.pdf"`);
    expect(res.headers['cache-control']).toBe('private, no-store');
    keepSample('consolidated', res.body);
    const { text, numpages, pages } = await pdfPages(res.body);
    const doc = flat(text);

    const api = (await statement(ex.tokens.boardB).expect(200)).body;
    expect(api.items.length).toBeGreaterThanOrEqual(2);
    expect(api.items.map((i: { organisationId: string }) => i.organisationId).sort()).toEqual([ex.org.A, ex.org.B, ex.org.C].sort());
    expect(doc).toContain('Consolidated statement for ');
    expect(doc).toContain('April to May 2025');

    // the consortium's totals: every line, in its own row
    const T = api.totals;
    const line = (label: string, amount: string) => expect(doc).toMatch(new RegExp(`${re(label)}[^£\u2212]*${re(amount)}`));
    line('Operating costs', formatGbp(T.operating));
    line('Management fee', formatGbp(T.fee));
    line('Investment', formatGbp(T.investment));
    line('Shared risk', formatGbp(T.sharedRisk));
    line('Attributed risk', formatGbp(T.attributedRisk));
    expect(T.credits).not.toBe('0.00'); // the example has credits, so the reduction is really shown
    line('Service credits', formatGbp(T.credits)); // ≤ 0: a reduction, "−£…"
    line('Total charge', formatGbp(T.charge));
    line('Combined baseline', formatGbp(T.baseline));
    expect(T.savingsPercent).not.toBeNull();
    expect(doc).toMatch(new RegExp(`Savings against baseline ?${re(formatPercent(T.savingsPercent, 2))} of baseline ?${re(formatGbp(T.savings))}`));

    // the members' table: each member's row (its charge first), and a total row that is the totals
    const pct = (p: string | null) => (p === null ? '\u2013' : formatPercent(p, 2));
    const cells = (x: { charge: string; baseline: string; savings: string; savingsPercent: string | null }) =>
      [formatGbp(x.charge), formatGbp(x.baseline), formatGbp(x.savings), pct(x.savingsPercent)].map(re).join(' ?');
    for (const m of api.items) expect(doc).toMatch(new RegExp(`${re(m.organisationName)}[^£]*${cells(m)}`));
    expect(doc).toMatch(new RegExp(`All members ?${cells(T)}`));

    // service lines: each summed over the members' statements
    type Line = { code: string; serviceLineName: string; operating: string; fee: string };
    const lines: Line[] = api.items.flatMap((m: { serviceLines: Line[] }) => m.serviceLines);
    for (const code of ['FIN', 'PAY']) {
      const of = lines.filter((l) => l.code === code);
      const sum = (k: 'operating' | 'fee') => formatGbp(sumMoney(of.map((l) => l[k])));
      expect(doc).toMatch(new RegExp(`${code} ?${re(of[0].serviceLineName)} ?${re(sum('operating'))} ?${re(sum('fee'))}`));
    }
    expect(doc).toContain('Charge against baseline by member');
    pages.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 1} of ${numpages}`);
      expect(p).toContain('Generated ');
    });
  });

  it('the host reads it as the board does; a member’s partner gets what the consolidated statement answers it (403); other tenants 404', async () => {
    expect((await fetchPdf(t, url(), ex.tokens.host)).status).toBe(200);
    expect((await fetchPdf(t, url(), admin)).status).toBe(200);
    for (const partner of [ex.tokens.partnerB, ex.tokens.partnerC]) {
      const json = await statement(partner);
      expect(json.status).toBe(403);
      const pdf = await fetchPdf(t, url(), partner);
      expect(pdf.status).toBe(json.status);
      expect(pdf.type).toContain('application/problem+json');
      expect(pdf.json?.code).toBe(json.body.code);
    }
    expect((await fetchPdf(t, url(), ex.tokens.boardB)).status).toBe(200);
    for (const other of [w.tokens.host!, w.tokens.partner!, w.tokens.board!]) {
      expect((await statement(other)).status).toBe(404);
      const res = await fetchPdf(t, url(), other);
      expect(res.status).toBe(404);
      expect(res.type).toContain('application/problem+json');
    }
    expect((await fetchPdf(t, url())).status).toBe(401);
  });

  it('validates the query as the statement does (400)', async () => {
    const bad = await fetchPdf(t, `/api/v1/consortia/${ex.consortiumId}/reports/consolidated.pdf?from=2025-13`, ex.tokens.host);
    expect(bad.status).toBe(400);
    expect(bad.json?.errors?.map((e) => e.field).sort()).toEqual(['from', 'to']);
    expect((await fetchPdf(t, url(ex.consortiumId, '2025-05', '2025-04'), ex.tokens.host)).status).toBe(400);
  });
});
