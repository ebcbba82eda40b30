/**
 * The statements, exit quote and reports pages (issue 14): the figures on the page are the API's
 * for the same request, the PDFs are the API's reports (same service, same access), another
 * member's statement is the 404 page for a partner, and every page is accessible and works with
 * JavaScript on and off.
 */
import { formatGbp, formatPercent, formatReduction, isZero } from '../../src/reports/view/format';
import type { StatementView } from '../../src/statements/dto';
import { pdfPages } from '../support/pdf';
import { axeViolations, openPage, signIn, startWebWorld, textOf, USERS, type OpenPage, type WebWorld } from './support/browser';

const ROLES = [
  ['partner', USERS.partner, 'riverside'],
  ['board', USERS.board, 'riverside'],
  ['hostBoard', USERS.hostBoard, 'host'],
] as const;
const CASES = ROLES.flatMap(([role, email, org]) => [true, false].map((js) => [role, js, email, org] as const));

/** Chrome logs a page answered 4xx on purpose (a form with errors, the 404 page) as a console error: that one line, nothing else. */
const answered = (status: number) => [
  `console: Failed to load resource: the server responded with a status of ${status} (${status === 400 ? 'Bad Request' : status === 404 ? 'Not Found' : 'Forbidden'})`,
];

describe('web statements, exit quote and reports (browser)', () => {
  let w: WebWorld;
  let base: string;
  beforeAll(async () => {
    w = await startWebWorld();
    base = `/consortium/${w.consortiumId}`;
  }, 180_000);
  afterAll(() => w?.close());

  async function api<T>(email: string, path: string): Promise<T> {
    const res = await w.t.http.get(`/api/v1/consortia/${w.consortiumId}${path}`).set('Authorization', await w.api(email));
    expect(res.status).toBe(200);
    return res.body as T;
  }

  /** The browser's session cookie, for fetching what a link points at (a PDF) as the signed-in user. */
  async function cookie(p: OpenPage): Promise<string> {
    return (await p.page.browserContext().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  }

  async function get(p: OpenPage, href: string): Promise<{ status: number; type: string; disposition: string; body: Buffer }> {
    const res = await fetch(`${w.base}${href}`, { headers: { cookie: await cookie(p) }, redirect: 'manual' });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      disposition: res.headers.get('content-disposition') ?? '',
      body: Buffer.from(await res.arrayBuffer()),
    };
  }

  async function submit(p: OpenPage, selector = 'main form button[type=submit]'): Promise<void> {
    await Promise.all([p.page.waitForNavigation(), p.page.click(selector)]);
  }

  /** The page's statement equals the API's: the summary figures, each line, each service line shown (by name), the month table. */
  async function expectStatement(p: OpenPage, s: StatementView): Promise<void> {
    const figure = (f: string) => textOf(p.page, `#statement-figures [data-figure="${f}"]`);
    expect(await figure('charge')).toBe(formatGbp(s.charge));
    expect(await figure('baseline')).toBe(formatGbp(s.baseline));
    expect(await figure('savings')).toBe(formatGbp(s.savings));
    expect(await figure('savingsPercent')).toBe(formatPercent(s.savingsPercent, 2));
    expect(await textOf(p.page, '#statement-lines [data-figure="total"]')).toBe(formatGbp(s.charge));
    const lines = await p.page.$$eval('#statement-lines tbody tr', (rows) => rows.map((r) => (r.lastElementChild?.textContent ?? '').trim()));
    expect(lines).toEqual([s.operating, s.fee, s.investment, s.sharedRisk, s.attributedRisk].map((x) => formatGbp(x)).concat(formatReduction(s.credits), formatGbp(s.charge)));
    const shown = s.serviceLines.filter((l) => !(isZero(l.operating) && isZero(l.fee) && isZero(l.credits) && isZero(l.baseline)));
    expect(shown.length).toBeGreaterThan(0);
    const rows = await p.page.$$eval('#statement-service-lines tbody tr[data-service-line]:not([data-service-line="all"])', (trs) =>
      trs.map((tr) => ({
        code: tr.getAttribute('data-service-line'),
        ...Object.fromEntries([...tr.querySelectorAll('[data-figure]')].map((c) => [c.getAttribute('data-figure'), (c.textContent ?? '').trim()])),
      })),
    );
    expect(rows).toEqual(
      shown.map((l) => ({
        code: l.code,
        name: `${l.serviceLineName} (${l.code})`,
        operating: formatGbp(l.operating),
        fee: formatGbp(l.fee),
        credits: formatReduction(l.credits),
        total: expect.any(String),
        baseline: formatGbp(l.baseline),
        savings: expect.any(String),
      })),
    );
    const months = await p.page.$$eval('#statement-months tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
    expect(months.map((m) => [m[1], m[2]])).toEqual(s.months.map((m) => [formatGbp(m.charge), formatGbp(m.baseline)]));
    expect(
      await p.page.$eval('.app-chart svg', (svg) => [svg.getAttribute('role'), svg.ownerDocument.getElementById(svg.getAttribute('aria-labelledby') ?? '')?.textContent]),
    ).toEqual(['img', `Charge against baseline by month – ${s.organisationName}`]);
  }

  it.each(CASES)(
    "statements as %s (JavaScript %s): April to June 2025 by default, the API's figures and issued hashes, and the PDF",
    async (_role, js, email, orgKey) => {
      const org = w.orgs[orgKey];
      const p = await openPage(w, { js });
      await signIn(w, p, email, `${base}/statements`);
      expect(await textOf(p.page, 'h1')).toBe('Statements');
      expect(await p.page.$eval('#from', (s) => (s as unknown as { value: string }).value)).toBe('2025-04');
      expect(await p.page.$eval('#to', (s) => (s as unknown as { value: string }).value)).toBe('2025-06');
      expect(await p.page.$$eval('#quick-periods a', (a) => a.map((x) => x.textContent?.trim()))).toEqual([
        'Last closed quarter: April to June 2025',
        'Financial year 2025/26 to date: April to June 2025',
      ]);

      const s = await api<StatementView>(email, `/statements/${org}?from=2025-04&to=2025-06`);
      expect(await textOf(p.page, '#statement-heading')).toBe(`${s.organisationName}: April to June 2025`);
      await expectStatement(p, s);

      // the statements issued when April, May and June were closed, with their hashes in full
      const hashes = await p.page.$$eval('#issued-statements tbody tr', (trs) =>
        trs.map((tr) => [tr.getAttribute('data-month'), tr.querySelector('.app-hash')?.textContent?.trim()]),
      );
      const expected: [string, string][] = [];
      for (const month of ['2025-04', '2025-05', '2025-06']) {
        const issued = await api<{ items: { organisationId: string; contentHash: string }[] }>(email, `/months/${month}/statements`);
        expected.push([month, issued.items.find((i) => i.organisationId === org)!.contentHash]);
      }
      expect(hashes).toEqual(expected);
      expect(hashes.every(([, h]) => /^[0-9a-f]{64}$/.test(h ?? ''))).toBe(true);

      expect(await axeViolations(p)).toEqual([]);

      // the PDF: the API's statement report, through the web session
      const href = await p.page.$eval('#statement-pdf', (a) => a.getAttribute('href')!);
      expect(href).toBe(`${base}/statements/statement.pdf?organisationId=${org}&from=2025-04&to=2025-06`);
      const pdf = await get(p, href);
      expect(pdf.status).toBe(200);
      expect(pdf.type).toBe('application/pdf');
      expect(pdf.disposition).toMatch(/^inline; filename="statement-[a-z0-9]+-2025-04-2025-06\.pdf"$/);
      expect((await pdfPages(pdf.body)).text).toContain(formatGbp(s.charge));
      expect(p.problems).toEqual([]);
    },
    240_000,
  );

  it.each([true, false])(
    "the partnership board picks another member and a period with open months (JavaScript %s): the API's statement for them",
    async (js) => {
      const p = await openPage(w, { js });
      await signIn(w, p, USERS.board, `${base}/statements`);
      await p.page.select('#organisationId', w.orgs.hillcrest);
      await p.page.select('#from', '2025-05');
      await p.page.select('#to', '2025-09');
      await submit(p);
      expect(new URL(p.page.url()).search).toBe(`?organisationId=${w.orgs.hillcrest}&from=2025-05&to=2025-09`);
      const s = await api<StatementView>(USERS.board, `/statements/${w.orgs.hillcrest}?from=2025-05&to=2025-09`);
      expect(await textOf(p.page, '#statement-heading')).toBe(`${s.organisationName}: May to September 2025`);
      await expectStatement(p, s);
      expect(await textOf(p.page, 'main .nhsuk-inset-text')).toContain('July 2025 to September 2025 are not closed yet');
      // the quick links keep the member picked
      expect(await p.page.$eval('#quick-periods a', (a) => a.getAttribute('href'))).toBe(`${base}/statements?from=2025-04&to=2025-06&organisationId=${w.orgs.hillcrest}`);
      const issued = await api<{ items: { organisationId: string; contentHash: string }[] }>(USERS.board, `/months/2025-06/statements`);
      expect(await p.page.$$eval('#issued-statements .app-hash', (c) => c.map((x) => x.textContent?.trim()))).toEqual([
        (await api<{ items: { organisationId: string; contentHash: string }[] }>(USERS.board, `/months/2025-05/statements`)).items.find(
          (i) => i.organisationId === w.orgs.hillcrest,
        )!.contentHash,
        issued.items.find((i) => i.organisationId === w.orgs.hillcrest)!.contentHash,
      ]);
      expect(await axeViolations(p)).toEqual([]);
      expect(p.problems).toEqual([]);
    },
    240_000,
  );

  it.each([true, false])(
    'a period that ends before it starts is an error summary linked to the field (JavaScript %s)',
    async (js) => {
      const p = await openPage(w, { js });
      await signIn(w, p, USERS.partner, `${base}/statements`);
      await p.page.select('#from', '2025-07');
      await p.page.select('#to', '2025-04');
      const [res] = await Promise.all([p.page.waitForNavigation(), p.page.click('main form button[type=submit]')]);
      expect(res!.status()).toBe(400);
      expect(await p.page.title()).toMatch(/^Error: Statements/);
      expect(await textOf(p.page, '.nhsuk-error-summary')).toContain('The last month must be the same as the first month or after it');
      expect(await p.page.$eval('.nhsuk-error-summary a', (a) => a.getAttribute('href'))).toBe('#to');
      expect(await textOf(p.page, '#to-error')).toContain('The last month must be the same as the first month or after it');
      expect(await p.page.$('#statement-figures')).toBeNull();
      // a month that is not one
      await p.page.goto(`${w.base}${base}/statements?from=2025-13&to=2025-06`);
      expect(await p.page.$eval('.nhsuk-error-summary a', (a) => a.getAttribute('href'))).toBe('#from');
      expect(await axeViolations(p)).toEqual([]);
      expect(p.problems).toEqual([...answered(400), ...answered(400)]);
    },
    240_000,
  );

  it("another member's statement is the 404 page for a partner, as a page and as a PDF", async () => {
    const p = await openPage(w);
    await signIn(w, p, USERS.partner, `${base}/statements`);
    const res = await p.page.goto(`${w.base}${base}/statements?organisationId=${w.orgs.hillcrest}`);
    expect(res!.status()).toBe(404);
    expect(await textOf(p.page, 'h1')).toBe('Page not found');
    expect(await textOf(p.page, 'main')).not.toContain('Hillcrest');
    expect(await axeViolations(p)).toEqual([]);
    expect(p.problems).toEqual(answered(404));
    // the API says the same
    const apiRes = await w.t.http
      .get(`/api/v1/consortia/${w.consortiumId}/statements/${w.orgs.hillcrest}?from=2025-04&to=2025-06`)
      .set('Authorization', await w.api(USERS.partner));
    expect(apiRes.status).toBe(404);
    for (const href of [
      `${base}/statements/statement.pdf?organisationId=${w.orgs.hillcrest}&from=2025-04&to=2025-06`,
      `${base}/statements?organisationId=${w.orgs.hillcrest}&from=2025-07&to=2025-04`,
      `${base}/statements?organisationId=not-a-uuid`,
    ]) {
      const r = await get(p, href);
      expect([href, r.status]).toEqual([href, 404]);
      expect(r.body.toString()).toContain('Page not found');
    }
  }, 240_000);

  it.each(CASES)(
    "exit quote as %s (JavaScript %s): the API's quote explained line by line; a date that does not exist is an error linked to the field",
    async (_role, js, email, orgKey) => {
      const org = w.orgs[orgKey];
      const p = await openPage(w, { js });
      await signIn(w, p, email, `${base}/exit-quote`);
      expect(await textOf(p.page, 'h1')).toBe('Exit quote');
      expect(await p.page.$('#quote-lines')).toBeNull();
      expect(await axeViolations(p)).toEqual([]);
      await p.page.type('#noticeDate-day', '10');
      await p.page.type('#noticeDate-month', '6');
      await p.page.type('#noticeDate-year', '2025');
      await p.page.type('#redundancyCosts', '45,000');
      await submit(p);
      const q = await api<Record<string, string>>(email, `/members/${org}/exit-quote?noticeDate=2025-06-10&redundancyCosts=45000.00`);
      expect(await textOf(p.page, '#quote-lines [data-figure="total"]')).toBe(formatGbp(q.total));
      for (const f of ['earlyTermination', 'strandedCosts', 'unrecoveredInvestment', 'redundancyCosts']) {
        expect([f, await textOf(p.page, `#quote-lines [data-figure="${f}"]`)]).toEqual([f, formatGbp(q[f])]);
      }
      expect(await textOf(p.page, '[data-figure="averageMonthlyCharge"]')).toBe(formatGbp(q.averageMonthlyCharge));
      expect(await textOf(p.page, '[data-figure="leaves"]')).toBe('31 December 2025');
      const remaining = q.remainingMembers as unknown as { organisationId: string; averageMonthlyIncrease: string }[];
      expect(
        await p.page.$$eval('#quote-remaining tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-organisation'), tr.querySelector('[data-figure]')?.textContent?.trim()])),
      ).toEqual(remaining.map((r) => [r.organisationId, formatGbp(r.averageMonthlyIncrease)]));
      expect(await textOf(p.page, '#quote-lines')).toContain('× 25%, the share of the remaining term');
      expect(await axeViolations(p)).toEqual([]);

      // 31 February
      await p.page.$eval('#noticeDate-day', (i) => ((i as unknown as { value: string }).value = ''));
      await p.page.type('#noticeDate-day', '31');
      await p.page.$eval('#noticeDate-month', (i) => ((i as unknown as { value: string }).value = ''));
      await p.page.type('#noticeDate-month', '2');
      const [res] = await Promise.all([p.page.waitForNavigation(), p.page.click('main form button[type=submit]')]);
      expect(res!.status()).toBe(400);
      expect(await p.page.title()).toMatch(/^Error: Exit quote/);
      expect(await p.page.$eval('.nhsuk-error-summary a', (a) => [a.getAttribute('href'), a.textContent?.trim()])).toEqual([
        '#noticeDate-day',
        'The date notice would be given must be a real date',
      ]);
      expect(await textOf(p.page, '#noticeDate-error')).toContain('The date notice would be given must be a real date');
      expect(await p.page.$eval('#noticeDate-day', (i) => (i as unknown as { value: string }).value)).toBe('31');
      expect(await p.page.$('#quote-lines')).toBeNull();
      expect(await axeViolations(p)).toEqual([]);
      expect(p.problems).toEqual(answered(400));
    },
    240_000,
  );

  it('exit quote: bad redundancy costs and a date with no charges before it are errors on their fields', async () => {
    const p = await openPage(w);
    await signIn(w, p, USERS.partner, `${base}/exit-quote?noticeDate-day=10&noticeDate-month=6&noticeDate-year=2025&redundancyCosts=lots`);
    expect(await p.page.$eval('.nhsuk-error-summary a', (a) => a.getAttribute('href'))).toBe('#redundancyCosts');
    await p.page.goto(`${w.base}${base}/exit-quote?noticeDate=2025-04-10`);
    expect(await p.page.$eval('.nhsuk-error-summary a', (a) => [a.getAttribute('href'), a.textContent?.trim()])).toEqual([
      '#noticeDate-day',
      'No exit quote can be given for notice on 10 April 2025: there is no complete month of membership before April 2025 to base it on. Enter a later date',
    ]);
    expect(await axeViolations(p)).toEqual([]);
    // another member's quote is the 404 page for a partner, as in the API
    expect((await get(p, `${base}/exit-quote?organisationId=${w.orgs.hillcrest}&noticeDate=2025-06-10`)).status).toBe(404);
  }, 240_000);

  it.each(CASES)(
    'reports as %s (JavaScript %s): every link is a PDF; the consolidated statement only for the partnership board',
    async (role, js, email) => {
      const p = await openPage(w, { js });
      await signIn(w, p, email, `${base}/reports`);
      expect(await textOf(p.page, 'h1')).toBe('Reports');
      const links = await p.page.$$eval('a[data-report]', (a) => a.map((x) => [x.getAttribute('data-report')!, x.getAttribute('href')!] as const));
      const ids = links.map(([id]) => id);
      expect(ids).toEqual([
        'statement-quarter',
        'statement-year-to-date',
        ...(role === 'partner' ? [] : ['consolidated-quarter', 'consolidated-year-to-date', 'board-pack']),
        'performance',
        'agreement',
        'benchmark-finance',
        'benchmark-hr',
        'benchmark-payroll',
        // the demo's saved options appraisal and what-if scenario (every member reads them)
        expect.stringMatching(/^appraisal-/),
        expect.stringMatching(/^scenario-/),
      ]);
      expect(await axeViolations(p)).toEqual([]);
      expect(p.problems).toEqual([]);
      if (!js) return; // the same links; each PDF is read once per role
      for (const [id, href] of links) {
        const r = await get(p, href);
        expect([id, r.status, r.type]).toEqual([id, 200, 'application/pdf']);
        expect(r.body.subarray(0, 5).toString()).toBe('%PDF-');
      }
      // the consolidated statement for a partner: the API's 403, as the 403 page
      const consolidated = await get(p, `${base}/reports/consolidated.pdf?from=2025-04&to=2025-06`);
      const apiRes = await w.t.http.get(`/api/v1/consortia/${w.consortiumId}/reports/consolidated.pdf?from=2025-04&to=2025-06`).set('Authorization', await w.api(email));
      if (role === 'partner') {
        expect([consolidated.status, apiRes.status]).toEqual([403, 403]);
        expect(consolidated.type).toMatch(/^text\/html/);
        expect(consolidated.body.toString()).toContain('You cannot do this');
      } else expect([consolidated.status, apiRes.status]).toEqual([200, 200]);
      // the board pack: as the consolidated statement
      const pack = await get(p, `${base}/reports/board-pack.pdf?from=2025-04&to=2025-06`);
      expect(pack.status).toBe(role === 'partner' ? 403 : 200);
    },
    300_000,
  );

  it("a report link that is not right is a page saying so, not the API's JSON", async () => {
    const p = await openPage(w);
    await signIn(w, p, USERS.partner, `${base}/reports`);
    const r = await get(p, `${base}/reports/performance.pdf?month=2025-13`);
    expect(r.status).toBe(400);
    expect(r.type).toMatch(/^text\/html/);
    expect(r.body.toString()).toContain('This could not be done');
  }, 120_000);
});
