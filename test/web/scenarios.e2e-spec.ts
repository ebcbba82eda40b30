/**
 * The what-if scenarios page (domain.md §14) in real Chromium with JavaScript off: a trust joining,
 * built on the form, priced to the API's figures for the same request; the error summary on a bad
 * input, linking to the field; a partner sees its own organisation's line only; saving and the
 * saved scenario's page; the exit quote's "What if … left" link opens the form prefilled. Axe clean.
 */
import { formatGbp } from '../../src/reports/view/format';
import { axeViolations, openPage, signIn, startWebWorld, textOf, USERS, type OpenPage, type WebWorld } from './support/browser';

interface Lines {
  charge: string;
  savings: string;
}
interface Answer {
  items: { organisationId: string | null; name: string; current: Lines; scenario: Lines; difference: Lines }[];
  totals: { current: Lines; scenario: Lines; difference: Lines };
}

const signed = (v: string) => (v === '0.00' ? formatGbp(v) : v.startsWith('-') ? formatGbp(v) : `+${formatGbp(v)}`);

describe('web what-if scenarios (browser, JavaScript off)', () => {
  let w: WebWorld;
  let base: string;
  let lines: { id: string; code: string }[];
  beforeAll(async () => {
    w = await startWebWorld();
    base = `/consortium/${w.consortiumId}/scenarios`;
    const res = await w.t.http
      .get(`/api/v1/consortia/${w.consortiumId}/service-lines`)
      .set('Authorization', await w.api(USERS.host))
      .expect(200);
    lines = res.body.items;
  }, 240_000);
  afterAll(() => w?.close());

  const JOIN = { name: 'Dale Valley NHS Trust', turnover: '200,000,000', headcount: '3000', date: '2025-04-01', baseline: '800000' };

  async function fillJoin(p: OpenPage, o: Partial<typeof JOIN> = {}): Promise<void> {
    const v = { ...JOIN, ...o };
    await p.page.type('#from', '2025-04');
    await p.page.type('#to', '2025-09');
    await p.page.type('#join-name', v.name);
    await p.page.type('#join-turnover', v.turnover);
    await p.page.type('#join-headcount', v.headcount);
    await p.page.type('#join-date', v.date);
    await p.page.type(`#join-baseline-${lines[0].id}`, v.baseline);
  }

  async function submit(p: OpenPage, form = '#scenario-form'): Promise<void> {
    await Promise.all([p.page.waitForNavigation(), p.page.click(`${form} button[type=submit]`)]);
  }

  async function api(email: string): Promise<Answer> {
    const res = await w.t.http
      .post(`/api/v1/consortia/${w.consortiumId}/scenarios`)
      .set('Authorization', await w.api(email))
      .send({
        from: '2025-04',
        to: '2025-09',
        changes: [
          {
            kind: 'join',
            name: JOIN.name,
            annualTurnover: '200000000',
            headcount: '3000',
            joinedOn: '2025-04-01',
            baselines: [{ serviceLineId: lines[0].id, annualAmount: '800000' }],
          },
        ],
      })
      .expect(200);
    return res.body as Answer;
  }

  const rows = (p: OpenPage) =>
    p.page.$$eval('#scenario-members tbody tr', (trs) =>
      trs.map((tr) => ({
        name: (tr.querySelector('th')?.textContent ?? '').trim(),
        ...Object.fromEntries([...tr.querySelectorAll('[data-figure]')].map((c) => [c.getAttribute('data-figure'), (c.textContent ?? '').trim()])),
      })),
    );

  it('the host builds a join scenario: the API’s figures, member by member and in total; accessible', async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.host, base);
    expect(await textOf(p.page, 'h1')).toBe('What-if scenarios');
    expect(await axeViolations(p)).toEqual([]);
    await fillJoin(p);
    await submit(p);
    expect(await textOf(p.page, '#results-heading')).toBe('The scenario priced');
    const a = await api(USERS.host);
    expect(a.items.length).toBeGreaterThanOrEqual(4);
    expect(await rows(p)).toEqual([
      ...a.items.map((i) => ({
        name: i.organisationId === null ? `${i.name} (joining)` : i.name,
        current: formatGbp(i.current.charge),
        scenario: formatGbp(i.scenario.charge),
        difference: signed(i.difference.charge),
        currentSavings: formatGbp(i.current.savings),
        scenarioSavings: formatGbp(i.scenario.savings),
      })),
      {
        name: 'All members',
        current: formatGbp(a.totals.current.charge),
        scenario: formatGbp(a.totals.scenario.charge),
        difference: signed(a.totals.difference.charge),
        currentSavings: formatGbp(a.totals.current.savings),
        scenarioSavings: formatGbp(a.totals.scenario.savings),
      },
    ]);
    // every existing member pays less on the line the joiner shares
    for (const i of a.items.filter((x) => x.organisationId !== null && x.current.charge !== '0.00')) expect(i.difference.charge.startsWith('-')).toBe(true);
    expect(await textOf(p.page, '#scenario-changes')).toContain('Dale Valley NHS Trust joins on 1 April 2025');
    expect(await p.page.$('.app-chart svg')).not.toBeNull();
    expect(await axeViolations(p)).toEqual([]);

    // saved as a name: its own page, the same figures
    await p.page.type('#save-name', 'Dale Valley joins');
    await submit(p, '#save-form');
    expect(p.page.url()).toMatch(/\/scenarios\/[0-9a-f-]{36}$/);
    expect(await textOf(p.page, 'h1')).toBe('What if: Dale Valley joins');
    expect((await rows(p)).slice(0, -1).map((r) => (r as Record<string, string>).scenario)).toEqual(a.items.map((i) => formatGbp(i.scenario.charge)));
    expect(await axeViolations(p)).toEqual([]);
    const savedId = p.page.url().split('/').pop()!;
    await p.page.goto(`${w.base}${base}`);
    expect(await textOf(p.page, '#saved-scenarios')).toContain('Dale Valley joins');
    // the reports page lists its PDF, and the PDF is served
    await p.page.goto(`${w.base}/consortium/${w.consortiumId}/reports`);
    const pdfHref = `/consortium/${w.consortiumId}/scenarios/${savedId}/report.pdf`;
    expect(await p.page.$eval(`a[href="${pdfHref}"]`, (a) => (a.textContent ?? '').trim())).toBe('Dale Valley joins, April to September 2025 (PDF)');
    const cookie = (await p.page.browserContext().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const pdf = await fetch(`${w.base}${pdfHref}`, { headers: { cookie } });
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    // its author (the host) deletes it
    await p.page.goto(`${w.base}${base}/${savedId}`);
    await Promise.all([p.page.waitForNavigation(), p.page.click('#delete-form button')]);
    expect(new URL(p.page.url()).pathname).toBe(base);
    expect(await p.page.$(`a[href="${base}/${savedId}"]`)).toBeNull();
    expect(p.problems).toEqual([]);
  });

  it('a bad input: the error summary links to the field; nothing else is lost', async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.host, base);
    await fillJoin(p, { turnover: 'lots' });
    await submit(p);
    const links = await p.page.$$eval('.nhsuk-error-summary a', (as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', text: (a.textContent ?? '').trim() })));
    expect(links).toEqual([{ href: '#join-turnover', text: expect.stringMatching(/^Annual turnover: /) }]);
    expect(await p.page.$eval('#join-name', (e) => (e as unknown as { value: string }).value)).toBe(JOIN.name);
    expect(await p.page.$('#join-turnover-error')).not.toBeNull();
    expect(await p.page.title()).toMatch(/^Error: /);
    expect(await axeViolations(p)).toEqual([]);
    // no change at all
    const q = await openPage(w, { js: false });
    await signIn(w, q, USERS.host, base);
    await q.page.type('#from', '2025-04');
    await q.page.type('#to', '2025-09');
    await submit(q);
    expect(await textOf(q.page, '.nhsuk-error-summary')).toContain('Describe at least one change');
  });

  it('a partner sees its own organisation’s line only, and cannot save', async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.partner, base);
    await fillJoin(p);
    await submit(p);
    const a = await api(USERS.partner);
    expect(a.items).toHaveLength(1);
    const r = await rows(p);
    expect(r).toHaveLength(2);
    expect(r[0]).toMatchObject({ name: a.items[0].name, scenario: formatGbp(a.items[0].scenario.charge), difference: signed(a.items[0].difference.charge) });
    expect(r[1]).toMatchObject({ name: 'Total', scenario: formatGbp(a.totals.scenario.charge) });
    expect(await p.page.$('#save-form')).toBeNull();
    // the form offers only what the API lets it try: its own organisation leaving, the fee, no sharing basis
    expect(await p.page.$$eval('#leave-member option', (os) => os.map((o) => (o as unknown as { value: string }).value))).toEqual(['', a.items[0].organisationId]);
    expect(await p.page.$('#agreement-basis')).toBeNull();
    expect(await p.page.$('#agreement-fee')).not.toBeNull();
    expect(await axeViolations(p)).toEqual([]);
    // a form post without its CSRF token is refused before anything runs
    const cookie = (await p.page.browserContext().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const forged = await fetch(`${w.base}${base}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=run&from=2025-04&to=2025-09&cost-percent=10',
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);
  });

  it('the exit quote links to the form with the member leaving over its charging months', async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.host, `/consortium/${w.consortiumId}/exit-quote?organisationId=${w.orgs.riverside}&noticeDate=2025-09-10`);
    const href = await p.page.$eval('#exit-what-if a', (a) => a.getAttribute('href') ?? '');
    expect(href).toContain(`leave=${w.orgs.riverside}`);
    await Promise.all([p.page.waitForNavigation(), p.page.click('#exit-what-if a')]);
    expect(await p.page.$eval('#leave-member', (e) => (e as unknown as { value: string }).value)).toBe(w.orgs.riverside);
    expect(await p.page.$eval('#from', (e) => (e as unknown as { value: string }).value)).toBe('2025-04');
    expect(await p.page.$eval('#to', (e) => (e as unknown as { value: string }).value)).toBe('2025-08');
    await submit(p);
    const r = await rows(p);
    const riverside = r.find((x) => x.name.startsWith('Riverside')) as Record<string, string>;
    expect(riverside.scenario).toBe(formatGbp('0.00'));
  });
});
