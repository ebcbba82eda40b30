/**
 * The benchmarking and partnership board pages (issue 14) in real Chromium: the figures on the page
 * are the API's for the same request (benchmarks, the consolidated statement, the month's
 * performance), a member outside the board gets the API's 403 as the 403 page, another
 * partnership's pages are the 404 page, and every page is accessible and works with JavaScript on
 * and off. The demo benchmark returns (src/seed/demo-benchmarks.ts) are filed first.
 */
import { formatGbp, formatNumber, formatPercent, formatReduction } from '../../src/reports/view/format';
import { seedDemoBenchmarks } from '../../src/seed/demo-benchmarks';
import type { StatementView } from '../../src/statements/dto';
import { axeViolations, openPage, signIn, startWebWorld, textOf, USERS, type OpenPage, type WebWorld } from './support/browser';

const answered = (status: number) => [
  `console: Failed to load resource: the server responded with a status of ${status} (${status === 404 ? 'Not Found' : status === 403 ? 'Forbidden' : 'Bad Request'})`,
];
const pct = (v: string | null) => (v === null ? '–' : `${formatNumber(v, 4)}%`);
const gbp = (v: string | null) => (v === null ? '–' : formatGbp(v));
const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th')}`;

interface PeerRow {
  function: string;
  submitted: boolean;
  n: number;
  kpi: string | null;
  rank: number | null;
  average: string | null;
  median: string | null;
  lowerQuartile: string | null;
  upperQuartile: string | null;
  savingsPotential: string | null;
  savingsToLowerQuartile: string | null;
  suppressed: string | null;
}
interface PeerViewAnswer {
  organisationName: string;
  organisationType: string;
  functions: PeerRow[];
  totalSavingsPotential: string;
  totalSavingsToLowerQuartile: string;
}
interface PeerGroupAnswer {
  n: number;
  items: { rank: number; organisationId: string | null; organisationName: string | null; peer: string; kpi: string | null; savingsPotential: string | null }[];
  position: { rank: number; kpi: string | null } | null;
}
interface PerformanceAnswer {
  items: { organisationId: string; status: string | null; critical: boolean }[];
}

describe('web benchmarking and partnership board (browser)', () => {
  let w: WebWorld;
  let base: string;
  let otherConsortium: string;
  beforeAll(async () => {
    w = await startWebWorld();
    base = `/consortium/${w.consortiumId}`;
    await seedDemoBenchmarks(w.t.app);
    // a partnership the demo's partners are not in
    const other = await w.t.http
      .post('/api/v1/consortia')
      .set('Authorization', await w.api(USERS.host))
      .send({ name: 'Another partnership', deliveryModel: 'cooperative', hostOrganisationId: w.orgs.host, startDate: '2025-04-01' })
      .expect(201);
    otherConsortium = other.body.id as string;
  }, 240_000);
  afterAll(() => w?.close());

  async function apiGet<T>(email: string, path: string, status = 200): Promise<T> {
    const res = await w.t.http.get(`/api/v1${path}`).set('Authorization', await w.api(email));
    expect([path, res.status]).toEqual([path, status]);
    return res.body as T;
  }

  async function cookie(p: OpenPage): Promise<string> {
    return (await p.page.browserContext().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  }

  async function get(p: OpenPage, href: string): Promise<{ status: number; type: string; body: Buffer }> {
    const res = await fetch(`${w.base}${href}`, { headers: { cookie: await cookie(p) }, redirect: 'manual' });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
  }

  const figures = (p: OpenPage, selector: string) =>
    p.page.$$eval(selector, (rows) =>
      rows.map((tr) => ({
        key: tr.getAttribute('data-function') ?? tr.getAttribute('data-organisation') ?? '',
        ...Object.fromEntries([...tr.querySelectorAll('[data-figure]')].map((c) => [c.getAttribute('data-figure'), (c.textContent ?? '').replace(/\s+/g, ' ').trim()])),
      })),
    );

  // ------------------------------------------------------------------ benchmarking

  const BENCH = [
    ['partner', USERS.partner, 'riverside'],
    ['board', USERS.board, 'riverside'],
    ['host', USERS.host, 'host'],
  ] as const;

  it.each(BENCH.flatMap(([role, email, org]) => [true, false].map((js) => [role, js, email, org] as const)))(
    "benchmarking as %s (JavaScript %s): its own organisation against its peers, the API's figures",
    async (role, js, email, orgKey) => {
      const org = w.orgs[orgKey];
      const p = await openPage(w, { js });
      await signIn(w, p, email, `${base}/benchmarking`);
      expect(await textOf(p.page, 'h1')).toBe('Benchmarking');
      const view = await apiGet<PeerViewAnswer>(email, `/benchmarks/organisations/${org}?financialYear=2024%2F25`);
      const submitted = view.functions.filter((f) => f.submitted);
      expect(submitted.map((f) => f.function)).toEqual(['finance', 'hr']);
      expect(await textOf(p.page, '#benchmark-summary caption')).toBe(`${view.organisationName}, 2024/25`);

      // the summary table: one row per function with a return, the API's figures
      expect(await figures(p, '#benchmark-summary tbody tr')).toEqual(
        submitted.map((f) => ({
          key: f.function,
          kpi: pct(f.kpi),
          rank: `${ordinal(f.rank!)} of ${f.n} (1st is the lowest cost)`,
          average: pct(f.average),
          median: pct(f.median),
          savings: gbp(f.savingsPotential),
          toLowerQuartile: gbp(f.savingsToLowerQuartile),
        })),
      );
      expect(await textOf(p.page, '#benchmark-totals [data-figure="totalSavingsPotential"]')).toBe(formatGbp(view.totalSavingsPotential));
      expect(await textOf(p.page, '#benchmark-totals [data-figure="totalSavingsToLowerQuartile"]')).toBe(formatGbp(view.totalSavingsToLowerQuartile));

      for (const f of submitted) {
        const section = `#benchmark-${f.function}`;
        const fact = (k: string) => textOf(p.page, `${section}-facts [data-figure="${k}"]`);
        expect([f.function, await fact('kpi'), await fact('lowerQuartile'), await fact('upperQuartile')]).toEqual([
          f.function,
          pct(f.kpi),
          pct(f.lowerQuartile),
          pct(f.upperQuartile),
        ]);
        // the peer group as GET /benchmarks answers it: the chart's data table, every peer by rank
        const group = await apiGet<PeerGroupAnswer>(email, `/benchmarks?financialYear=2024%2F25&function=${f.function}&organisationType=${view.organisationType}`);
        expect(group.position!.rank).toBe(f.rank);
        const rows = await p.page.$$eval(`${section}-peers tbody tr`, (trs) => trs.map((tr) => [...tr.querySelectorAll('[data-figure]')].map((c) => (c.textContent ?? '').trim())));
        expect(rows).toEqual(
          group.items.map((it) => [String(it.rank), `${it.organisationName ?? it.peer}${it.rank === f.rank ? ' (this organisation)' : ''}`, pct(it.kpi), gbp(it.savingsPotential)]),
        );
        // the distribution chart: an image with a title, the organisation ranked over the whole group
        const chart = await p.page.$eval(`${section} .app-chart svg`, (svg) => ({ role: svg.getAttribute('role'), text: svg.textContent ?? '' }));
        expect(chart.role).toBe('img');
        expect(chart.text).toContain(`${view.organisationName}: ${formatNumber(f.kpi!, 2)}% (${ordinal(f.rank!)} of ${f.n})`);
      }
      // the host and the board see the whole partnership, but benchmarks only of their own organisation: the page says so
      if (role === 'partner') expect(await p.page.$('#own-returns-only')).toBeNull();
      else expect(await textOf(p.page, '#own-returns-only')).toContain("Each organisation's benchmark returns are its own to share");

      expect(await axeViolations(p)).toEqual([]);
      expect(p.problems).toEqual([]);

      if (js && role === 'partner') {
        // the PDF linked is the API's benchmark report for the same organisation and function
        const href = await p.page.$eval('#benchmark-finance a[data-pdf]', (a) => a.getAttribute('href')!);
        expect(href).toBe(`${base}/reports/benchmark.pdf?financialYear=2024%2F25&function=finance&organisationType=community_trust`);
        const pdf = await get(p, href);
        expect([pdf.status, pdf.type, pdf.body.subarray(0, 5).toString()]).toEqual([200, 'application/pdf', '%PDF-']);
      }
    },
    240_000,
  );

  it.each([true, false])(
    'benchmarking for an organisation with no returns is a plain-English empty state (JavaScript %s)',
    async (js) => {
      const p = await openPage(w, { js });
      await signIn(w, p, USERS.otherPartner, `${base}/benchmarking`);
      expect(await textOf(p.page, '#benchmarking-empty')).toMatch(/^Hillcrest Mental Health NHS Trust has not made any benchmark returns yet, so there is nothing to compare\./);
      expect(await p.page.$('#benchmark-summary')).toBeNull();
      expect((await apiGet<{ total: number }>(USERS.otherPartner, `/benchmarks/returns?organisationId=${w.orgs.hillcrest}`)).total).toBe(0);
      expect(await axeViolations(p)).toEqual([]);
      expect(p.problems).toEqual([]);
    },
    240_000,
  );

  it("another organisation's benchmarks are the 404 page, as in the API", async () => {
    const p = await openPage(w);
    await signIn(w, p, USERS.host, `${base}/benchmarking`);
    // the host reads its own returns, not its members'
    await apiGet(USERS.host, `/benchmarks/organisations/${w.orgs.riverside}?financialYear=2024%2F25`, 404);
    for (const href of [`${base}/benchmarking?organisationId=${w.orgs.riverside}`, `${base}/benchmarking?organisationId=nope`, `${base}/benchmarking?financialYear=2024-25`]) {
      const r = await get(p, href);
      expect([href, r.status]).toEqual([href, 404]);
      expect(r.body.toString()).toContain('Page not found');
      expect(r.body.toString()).not.toContain('Riverside Community Health NHS Trust, 2024/25');
    }
  }, 120_000);

  // ------------------------------------------------------------------ the partnership board

  const BOARD = [
    ['board', USERS.board],
    ['hostBoard', USERS.hostBoard],
    ['host', USERS.host],
  ] as const;

  /** The page's consolidated statement equals the API's. */
  async function expectConsolidated(p: OpenPage, email: string, from: string, to: string): Promise<void> {
    const c = await apiGet<{ totals: StatementView; items: StatementView[] }>(email, `/consortia/${w.consortiumId}/statements/consolidated?from=${from}&to=${to}`);
    const fig = (f: string) => textOf(p.page, `#consolidated-figures [data-figure="${f}"]`);
    expect([await fig('charge'), await fig('baseline'), await fig('savings'), await fig('savingsPercent'), await fig('credits')]).toEqual([
      formatGbp(c.totals.charge),
      formatGbp(c.totals.baseline),
      formatGbp(c.totals.savings),
      formatPercent(c.totals.savingsPercent, 2),
      formatReduction(c.totals.credits),
    ]);
    const dash = (v: string | null) => (v === null ? '–' : formatPercent(v, 2));
    expect(await figures(p, '#consolidated-members tbody tr')).toEqual([
      ...c.items.map((m) => ({
        key: m.organisationId,
        name: `${m.organisationName}${m.organisationId === w.orgs.host ? ' (host)' : ''}`,
        charge: formatGbp(m.charge),
        baseline: formatGbp(m.baseline),
        savings: formatGbp(m.savings),
        savingsPercent: dash(m.savingsPercent),
      })),
      {
        key: 'all',
        charge: formatGbp(c.totals.charge),
        baseline: formatGbp(c.totals.baseline),
        savings: formatGbp(c.totals.savings),
        savingsPercent: dash(c.totals.savingsPercent),
      },
    ]);
    expect(await textOf(p.page, '#consolidated-lines [data-figure="total"]')).toBe(formatGbp(c.totals.charge));
    expect(await p.page.$eval('#consolidated-pdf', (a) => a.getAttribute('href'))).toBe(`${base}/reports/consolidated.pdf?from=${from}&to=${to}`);
  }

  it.each(BOARD.flatMap(([role, email]) => [true, false].map((js) => [role, js, email] as const)))(
    "the partnership board page as %s (JavaScript %s): the API's consolidated statement and every member's performance",
    async (role, js, email) => {
      const p = await openPage(w, { js });
      await signIn(w, p, email, `${base}/board`);
      expect(await textOf(p.page, 'h1')).toBe('Partnership board');
      // the last closed quarter by default, as on the statements page
      expect(await p.page.$eval('#from', (s) => (s as unknown as { value: string }).value)).toBe('2025-04');
      expect(await p.page.$eval('#to', (s) => (s as unknown as { value: string }).value)).toBe('2025-06');
      expect(await textOf(p.page, '#consolidated-heading')).toBe('North Vale Back Office Partnership: April to June 2025');
      await expectConsolidated(p, email, '2025-04', '2025-06');

      // the month's performance: each member's targets counted from GET /performance
      const month = new URL(`${w.base}${await p.page.$eval('#performance-link', (a) => a.getAttribute('href')!)}`).searchParams.get('month')!;
      expect(month).toMatch(/^\d{4}-\d{2}$/);
      const perf = await apiGet<PerformanceAnswer>(email, `/consortia/${w.consortiumId}/performance?month=${month}`);
      const members = await apiGet<{ items: { organisationId: string }[] }>(email, `/consortia/${w.consortiumId}/members`);
      const rows = await figures(p, '#board-performance tbody tr');
      expect(rows.map((r) => r.key).sort()).toEqual([...new Set(members.items.map((m) => m.organisationId)), 'all'].sort());
      const count = (org: string | null, f: (i: PerformanceAnswer['items'][number]) => boolean) =>
        String(perf.items.filter((i) => (org === null || i.organisationId === org) && f(i)).length);
      for (const r of rows) {
        const org = r.key === 'all' ? null : r.key;
        expect({ key: r.key, met: r.met, at_risk: r.at_risk, breached: r.breached, missing: r.missing, pending: r.pending, critical: r.critical }).toEqual({
          key: r.key,
          met: count(org, (i) => i.status === 'met'),
          at_risk: count(org, (i) => i.status === 'at_risk'),
          breached: count(org, (i) => i.status === 'breached'),
          missing: count(org, (i) => i.status === 'missing'),
          pending: count(org, (i) => i.status === null),
          critical: count(org, (i) => i.critical),
        });
      }
      expect(perf.items.length).toBeGreaterThan(0);
      // the overall status is a word, never colour alone
      const overall = rows.filter((r) => r.key !== 'all').map((r) => r.overall);
      expect(overall.every((t) => ['Met', 'At risk', 'Breached', 'Missing', 'Not yet due', 'Critical', 'No targets applied'].includes(t))).toBe(true);
      expect(await p.page.$eval('#performance-link', (a) => a.getAttribute('href'))).toBe(`${base}/performance?month=${month}`);

      expect(await axeViolations(p)).toEqual([]);

      // another period through the form: the API's figures for it
      await p.page.select('#from', '2025-05');
      await p.page.select('#to', '2025-09');
      await Promise.all([p.page.waitForNavigation(), p.page.click('main form button[type=submit]')]);
      expect(new URL(p.page.url()).search).toBe('?from=2025-05&to=2025-09');
      expect(await textOf(p.page, '#consolidated-heading')).toBe('North Vale Back Office Partnership: May to September 2025');
      await expectConsolidated(p, email, '2025-05', '2025-09');
      expect(p.problems).toEqual([]);

      if (js && role === 'board') {
        const pdf = await get(p, `${base}/reports/consolidated.pdf?from=2025-05&to=2025-09`);
        expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
      }
    },
    300_000,
  );

  it.each([true, false])(
    'a period that ends before it starts is an error summary on the board page (JavaScript %s)',
    async (js) => {
      const p = await openPage(w, { js });
      await signIn(w, p, USERS.board, `${base}/board?from=2025-07&to=2025-04`);
      expect(await p.page.title()).toMatch(/^Error: Partnership board/);
      expect(await p.page.$eval('.nhsuk-error-summary a', (a) => a.getAttribute('href'))).toBe('#to');
      expect(await p.page.$('#consolidated-figures')).toBeNull();
      expect(await axeViolations(p)).toEqual([]);
      expect(p.problems).toEqual(answered(400));
    },
    240_000,
  );

  it.each([true, false])(
    "a partner outside the board gets the 403 page for the board, as the API's 403 (JavaScript %s)",
    async (js) => {
      const p = await openPage(w, { js });
      await signIn(w, p, USERS.partner, base);
      // no link to it in the sub-navigation
      expect(await p.page.$(`a[href="${base}/board"]`)).toBeNull();
      const res = await p.page.goto(`${w.base}${base}/board`);
      expect(res!.status()).toBe(403);
      expect(await textOf(p.page, 'h1')).toBe('You cannot do this');
      expect(await textOf(p.page, 'main')).not.toContain('Hillcrest');
      await apiGet(USERS.partner, `/consortia/${w.consortiumId}/statements/consolidated?from=2025-04&to=2025-06`, 403);
      // whatever the period asked
      expect((await get(p, `${base}/board?from=2025-07&to=2025-04`)).status).toBe(403);
      expect(await axeViolations(p)).toEqual([]);
      expect(p.problems).toEqual(answered(403));
    },
    240_000,
  );

  it.each([
    ['partner', USERS.partner],
    ['board', USERS.board],
    ['hostBoard', USERS.hostBoard],
  ] as const)(
    "another partnership's benchmarking and board pages are the 404 page for %s",
    async (role, email) => {
      const p = await openPage(w);
      await signIn(w, p, email);
      // the host's board member sees the host's other partnership (its organisation hosts it); a made-up one is 404
      const id = role === 'hostBoard' ? '00000000-0000-4000-8000-00000000dead' : otherConsortium;
      for (const path of ['benchmarking', 'board', 'board?from=2025-04&to=2025-06']) {
        const res = await p.page.goto(`${w.base}/consortium/${id}/${path}`);
        expect([path, res!.status()]).toEqual([path, 404]);
        expect(await textOf(p.page, 'h1')).toBe('Page not found');
      }
      await apiGet(email, `/consortia/${id}/statements/consolidated?from=2025-04&to=2025-06`, 404);
      expect(await axeViolations(p)).toEqual([]);
      expect(p.problems).toEqual([...answered(404), ...answered(404), ...answered(404)]);
    },
    240_000,
  );
});
