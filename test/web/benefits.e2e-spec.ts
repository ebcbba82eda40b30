/**
 * The benefits page (domain.md §16) in real Chromium: the host sets a financial year's plan with
 * JavaScript off (a bad amount is refused with an error summary linking to its field, nothing
 * written), the figures on the benefits, statements and board pages are the API's, a partner sees
 * its own organisation only, and every page is accessible.
 */
import { formatGbp } from '../../src/reports/view/format';
import type { StatementView } from '../../src/statements/dto';
import { axeViolations, openPage, signIn, startWebWorld, textOf, USERS, type OpenPage, type WebWorld } from './support/browser';

describe('web benefits against plan (browser)', () => {
  let w: WebWorld;
  let base: string;
  beforeAll(async () => {
    w = await startWebWorld();
    base = `/consortium/${w.consortiumId}`;
  }, 240_000);
  afterAll(() => w?.close());

  async function apiGet<T>(email: string, path: string): Promise<T> {
    const res = await w.t.http.get(`/api/v1${path}`).set('Authorization', await w.api(email));
    expect([path, res.status]).toEqual([path, 200]);
    return res.body as T;
  }

  const figures = (p: OpenPage, selector: string) =>
    p.page.$$eval(selector, (rows) =>
      rows.map((tr) => ({
        key: tr.getAttribute('data-organisation') ?? '',
        ...Object.fromEntries([...tr.querySelectorAll('[data-figure]')].map((c) => [c.getAttribute('data-figure'), (c.textContent ?? '').replace(/\s+/g, ' ').trim()])),
      })),
    );
  const dash = (v: string | null) => (v === null ? '–' : formatGbp(v));
  const expected = (m: StatementView, name?: string) => ({
    key: m.organisationId,
    ...(name !== undefined ? { name } : {}),
    plannedSavings: formatGbp(m.plannedSavings),
    savings: formatGbp(m.savings),
    savingsGap: formatGbp(m.savingsGap),
    guaranteed: dash(m.guaranteed),
    shortfall: dash(m.shortfall),
  });
  const summary = (p: OpenPage) => p.page.$$eval('.nhsuk-error-summary a', (a) => a.map((x) => [(x.textContent ?? '').trim(), x.getAttribute('href') ?? '']));

  it('the host sets a year’s plan with JavaScript off: a bad amount is refused (error summary linking to the field, nothing written), then saved', async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.host, `${base}/benefits?year=2025%2F26`);
    expect(await textOf(p.page, 'h1')).toBe('Benefits against plan');
    expect(await axeViolations(p)).toEqual([]);
    // the demo's plan for 2025/26 is in the form; find Riverside's row
    const rows = await p.page.$$eval('input[name^="organisation-"]', (xs) => xs.map((x) => [x.getAttribute('name')!.split('-')[1], (x as unknown as { value: string }).value]));
    const n = rows.find(([, id]) => id === w.orgs.riverside)![0];
    const before = await apiGet<{ items: { organisationId: string; financialYear: string; plannedSavings: string; guaranteedPercent: string | null }[] }>(
      USERS.host,
      `/consortia/${w.consortiumId}/benefits-plan`,
    );
    const mine = before.items.find((r) => r.organisationId === w.orgs.riverside && r.financialYear === '2025/26')!;
    expect(await p.page.$eval(`#planned-${n}`, (x) => (x as unknown as { value: string }).value)).toBe(mine.plannedSavings);

    await p.page.$eval(`#planned-${n}`, (x) => ((x as unknown as { value: string }).value = ''));
    await p.page.type(`#planned-${n}`, '12.345');
    await Promise.all([p.page.waitForNavigation(), p.page.click('#save-plan')]);
    expect(await summary(p)).toEqual([[expect.stringContaining('must be an amount in pounds'), `#planned-${n}`]]);
    expect(await textOf(p.page, `#planned-${n}-error`)).toContain('Planned savings for Riverside');
    expect(await p.page.$eval(`#planned-${n}`, (x) => (x as unknown as { value: string }).value)).toBe('12.345');
    expect(await axeViolations(p)).toEqual([]);
    const unchanged = await apiGet<typeof before>(USERS.host, `/consortia/${w.consortiumId}/benefits-plan`);
    expect(unchanged.items).toEqual(before.items);

    await p.page.$eval(`#planned-${n}`, (x) => ((x as unknown as { value: string }).value = ''));
    await p.page.type(`#planned-${n}`, '£250,000');
    await p.page.$eval(`#guaranteed-${n}`, (x) => ((x as unknown as { value: string }).value = ''));
    await p.page.type(`#guaranteed-${n}`, '12.5');
    await Promise.all([p.page.waitForNavigation(), p.page.click('#save-plan')]);
    expect(await textOf(p.page, '#saved')).toContain('The benefits plan for 2025/26 was saved');
    const after = await apiGet<typeof before>(USERS.host, `/consortia/${w.consortiumId}/benefits-plan`);
    expect(after.items.find((r) => r.organisationId === w.orgs.riverside && r.financialYear === '2025/26')).toMatchObject({
      plannedSavings: '250000.00',
      guaranteedPercent: '12.5000',
    });
    expect(await p.page.$eval(`tr[data-organisation="${w.orgs.riverside}"][data-year="2025/26"] [data-figure="plannedSavings"]`, (x) => x.textContent)).toBe('£250,000.00');
    expect(await axeViolations(p)).toEqual([]);
    // the refused form was answered 400 on purpose (and said so in the console)
    expect(p.problems).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });

  it.each([true, false])('the board reads every member against the plan, the API’s figures (JavaScript %s); the board page shows the same and links the board pack', async (js) => {
    const p = await openPage(w, { js });
    await signIn(w, p, USERS.board, `${base}/benefits?from=2025-04&to=2025-06`);
    const c = await apiGet<{ totals: StatementView; items: StatementView[] }>(USERS.board, `/consortia/${w.consortiumId}/statements/consolidated?from=2025-04&to=2025-06`);
    const want = [
      ...c.items.map((m) => expected(m, `${m.organisationName}${m.organisationId === w.orgs.host ? ' (host)' : ''}`)),
      { ...expected({ ...c.totals, organisationId: 'all' }) },
    ];
    expect(await figures(p, '#benefits-members tbody tr')).toEqual(want);
    expect(await p.page.$('#plan-form')).toBeNull(); // the board reads; the host edits
    expect(await axeViolations(p)).toEqual([]);

    await p.page.goto(`${w.base}${base}/board?from=2025-04&to=2025-06`);
    expect(await figures(p, '#benefits-members tbody tr')).toEqual(want);
    expect(await p.page.$eval('#board-pack-pdf', (a) => a.getAttribute('href'))).toBe(`${base}/reports/board-pack.pdf?from=2025-04&to=2025-06`);
    expect(await axeViolations(p)).toEqual([]);
    await p.page.goto(`${w.base}${base}/reports`);
    expect(await p.page.$eval('a[href*="board-pack.pdf"]', (a) => a.textContent ?? '')).toContain('Board pack (PDF)');
    expect(p.problems).toEqual([]);
  });

  it('a partner sees its own organisation’s row only, and its statement page shows the gap the API gives', async () => {
    const p = await openPage(w, { js: true });
    await signIn(w, p, USERS.partner, `${base}/benefits?from=2025-04&to=2025-06`);
    const s = await apiGet<StatementView>(USERS.partner, `/consortia/${w.consortiumId}/statements/${w.orgs.riverside}?from=2025-04&to=2025-06`);
    expect(await figures(p, '#benefits-members tbody tr')).toEqual([expected(s, s.organisationName)]);
    expect(await p.page.$$eval('#plan-rows tbody tr', (rs) => rs.map((r) => r.getAttribute('data-organisation')))).toEqual(expect.arrayContaining([w.orgs.riverside]));
    expect(await p.page.$('#plan-form')).toBeNull(); // only the host edits the plan
    expect(new Set(await p.page.$$eval('#plan-rows tbody tr', (rs) => rs.map((r) => r.getAttribute('data-organisation'))))).toEqual(new Set([w.orgs.riverside]));
    expect(await axeViolations(p)).toEqual([]);

    await p.page.goto(`${w.base}${base}/statements?from=2025-04&to=2025-06`);
    const fig = (f: string) => textOf(p.page, `#statement-figures [data-figure="${f}"]`);
    expect([await fig('plannedSavings'), await fig('savingsGap'), await fig('guaranteed'), await fig('shortfall')]).toEqual([
      formatGbp(s.plannedSavings),
      formatGbp(s.savingsGap),
      formatGbp(s.guaranteed!),
      formatGbp(s.shortfall!),
    ]);
    expect(await axeViolations(p)).toEqual([]);
    expect(p.problems).toEqual([]);
  });
});
