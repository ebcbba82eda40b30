/**
 * The service performance page (the month's scorecard, credits, month picker, 12-month trends) and
 * the "Submit measurements" page (one result by form, a CSV file, the template), in Chromium with
 * JavaScript on and off: the figures equal the API's for the same request, the pages pass axe, and
 * the access rules are the API's (a board member reads and gets the 403 page on submitting; another
 * partnership is the 404 page).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { formatKpiValue } from '../../src/reports/view/format';
import { axeViolations, openPage, signIn, startWebWorld, textOf, USERS, type OpenPage, type WebWorld } from './support/browser';

const STATUS_WORDS: Record<string, string> = { met: 'Met', at_risk: 'At risk', breached: 'Breached', missing: 'Missing', pending: 'Not yet due' };
/** The demo's latest measured month (a partner's page opens on it). */
const DEFAULT_MONTH = '2025-09';

interface ApiSla {
  id: string;
  serviceLineId: string;
  targets: { kpiCode: string; unit: string }[];
}
interface ApiItem {
  slaId: string;
  kpiCode: string;
  organisationId: string;
  value: string | null;
  status: string | null;
  critical: boolean;
}
interface ApiSeries {
  slaId: string;
  kpiCode: string;
  organisationId: string;
  points: { periodStart: string; value: string | null; status: string | null; applicable: boolean }[];
}

describe('web: service performance and measurements (browser)', () => {
  let w: WebWorld;
  let slas: ApiSla[];
  let payLineId: string;
  let riversideOds: string;
  const tmp = mkdtempSync(join(tmpdir(), 'web-perf-'));

  const tokens = new Map<string, Promise<string>>();
  /** An API Authorization header, signed in once per user. */
  const auth = (email: string): Promise<string> => {
    if (!tokens.has(email)) tokens.set(email, w.api(email));
    return tokens.get(email)!;
  };
  const api = async <T>(email: string, path: string): Promise<T> =>
    (
      await w.t.http
        .get(path)
        .set('Authorization', await auth(email))
        .expect(200)
    ).body as T;
  /**
   * The page's problems, less Chrome's console line for a form answered 400 on purpose (the page
   * again with its errors, as the service manual asks): that is the document itself, not an asset.
   */
  const problemsBesidesFormAnswers = (p: OpenPage) => p.problems.filter((x) => x !== 'console: Failed to load resource: the server responded with a status of 400 (Bad Request)');
  const base = () => `/api/v1/consortia/${w.consortiumId}`;
  const unitOf = (slaId: string, kpiCode: string) => slas.find((s) => s.id === slaId)!.targets.find((t) => t.kpiCode === kpiCode)!.unit;
  const shown = (value: string | null, unit: string) => (value === null ? '\u2013' : formatKpiValue(value, unit));
  const byKey = <T extends { sla: string | null; kpi: string | null; org: string | null }>(a: T, b: T) => `${a.sla}|${a.kpi}|${a.org}`.localeCompare(`${b.sla}|${b.kpi}|${b.org}`);

  beforeAll(async () => {
    w = await startWebWorld();
    slas = (await api<{ items: ApiSla[] }>(USERS.host, `${base()}/slas`)).items;
    const lines = (await api<{ items: { id: string; code: string }[] }>(USERS.host, `${base()}/service-lines`)).items;
    payLineId = lines.find((l) => l.code === 'PAY')!.id;
    const members = (await api<{ items: { organisationId: string; odsCode: string | null }[] }>(USERS.host, `${base()}/members`)).items;
    riversideOds = members.find((m) => m.organisationId === w.orgs.riverside)!.odsCode!;
  }, 120_000);
  afterAll(() => w?.close());

  /** Signs in as `email` and lands on `path`. */
  const go = (p: OpenPage, path: string, email: string) => signIn(w, p, email, path);

  async function click(page: Page, selector: string): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  }

  /** The scorecard rows on the page, and the API's for the same month, both as the page words them. */
  async function scorecards(p: OpenPage, email: string, month: string) {
    const onPage = await p.page.$$eval('table[id^="scorecard-"] tbody tr', (trs) =>
      trs.map((tr) => ({
        sla: tr.getAttribute('data-sla'),
        kpi: tr.getAttribute('data-kpi'),
        org: tr.getAttribute('data-organisation'),
        value: tr.querySelector('[data-figure="value"]')?.textContent?.trim() ?? null,
        status: tr.querySelector('[data-figure="status"]')?.textContent?.trim() ?? null,
        critical: !!tr.querySelector('[data-figure="critical"]'),
      })),
    );
    const perf = await api<{ items: ApiItem[]; credits: unknown[]; summary: Record<string, number> }>(email, `${base()}/performance?month=${month}`);
    const fromApi = perf.items.map((i) => ({
      sla: i.slaId,
      kpi: i.kpiCode,
      org: i.organisationId,
      value: shown(i.value, unitOf(i.slaId, i.kpiCode)),
      status: STATUS_WORDS[i.status ?? 'pending'],
      critical: i.critical,
    }));
    return { onPage: onPage.sort(byKey), fromApi: fromApi.sort(byKey), perf };
  }

  async function expectScorecardEqualsApi(p: OpenPage, email: string, month: string): Promise<ApiItem[]> {
    const { onPage, fromApi, perf } = await scorecards(p, email, month);
    expect(fromApi.length).toBeGreaterThan(0);
    expect(onPage).toEqual(fromApi);
    const summary = await p.page.$$eval('#summary [data-figure]', (dd) => Object.fromEntries(dd.map((d) => [d.getAttribute('data-figure'), d.textContent?.trim()])));
    expect(summary).toEqual({
      met: String(perf.summary.met),
      at_risk: String(perf.summary.atRisk),
      breached: String(perf.summary.breached),
      missing: String(perf.summary.missing),
      pending: String(perf.summary.pending),
      critical: String(perf.summary.critical),
    });
    expect((await p.page.$$('#credits tbody tr')).length).toBe(perf.credits.length);
    return perf.items;
  }

  describe('service performance', () => {
    const roles = [
      ['a partner', USERS.partner, false],
      ['the partnership board', USERS.board, true],
      ["the host's board", USERS.hostBoard, true],
    ] as const;
    const cases = roles.flatMap(([who, email, whole]) => [true, false].map((js) => [who, js, email, whole] as const));

    it.each(cases)("%s sees the API's scorecard and trends for the latest measured month (JavaScript %s)", async (_who, js, email, whole) => {
      const p = await openPage(w, { js });
      await go(p, `/consortium/${w.consortiumId}/performance`, email);
      expect(await textOf(p.page, 'h1')).toBe('Service performance: September 2025');
      expect(await p.page.$eval('#month', (e) => (e as unknown as { value: string }).value)).toBe(DEFAULT_MONTH);
      const items = await expectScorecardEqualsApi(p, email, DEFAULT_MONTH);
      const orgs = new Set(items.map((i) => i.organisationId));
      if (whole) {
        expect(orgs.size).toBeGreaterThan(1);
        // grouped by organisation: one table each
        expect((await p.page.$$('table[id^="scorecard-"]')).length).toBe(orgs.size);
      } else {
        expect([...orgs]).toEqual([w.orgs.riverside]);
      }

      // the trends: for each target and organisation, a chart and a table equal to the history API
      let series = 0;
      for (const s of slas) {
        const h = await api<{ series: ApiSeries[] }>(email, `${base()}/performance/history?month=${DEFAULT_MONTH}&slaId=${s.id}`);
        for (const x of h.series) {
          series++;
          const key = `${x.slaId}:${x.kpiCode}:${x.organisationId}`;
          const rows = await p.page.$$eval(`table[data-history="${key}"] tbody tr`, (trs) =>
            trs.map((tr) => ({
              period: tr.getAttribute('data-period'),
              value: tr.querySelector('[data-figure="value"]')?.textContent?.trim(),
              status: tr.querySelector('[data-figure="status"]')?.textContent?.trim(),
            })),
          );
          const unit = unitOf(x.slaId, x.kpiCode);
          expect(rows).toEqual(
            x.points.map((pt) => ({
              period: pt.periodStart,
              value: pt.applicable ? shown(pt.value, unit) : '\u2013',
              status: pt.applicable ? STATUS_WORDS[pt.status ?? 'pending'] : 'Not applicable',
            })),
          );
          expect(await p.page.$(`[data-trend="${key}"] svg[role="img"]`)).not.toBeNull();
        }
      }
      expect(series).toBeGreaterThan(0);
      expect((await p.page.$$('table[data-history]')).length).toBe(series);

      expect(await axeViolations(p)).toEqual([]);
      expect(p.problems).toEqual([]);
    });

    it.each([true, false])('the month picker moves months: previous, next and the select (JavaScript %s)', async (js) => {
      const p = await openPage(w, { js });
      await go(p, `/consortium/${w.consortiumId}/performance`, USERS.partner);
      await click(p.page, '#previous-month');
      expect(new URL(p.page.url()).searchParams.get('month')).toBe('2025-08');
      expect(await textOf(p.page, 'h1')).toBe('Service performance: August 2025');
      await expectScorecardEqualsApi(p, USERS.partner, '2025-08');
      // Riverside's payroll accuracy of August (98.8 %) missed its limit: a credit is booked
      expect(await p.page.$eval(`tr[data-kpi="PAY_ACCURACY"][data-organisation="${w.orgs.riverside}"] [data-figure="status"]`, (e) => e.textContent?.trim())).toBe('Breached');
      expect(await p.page.$('#credits')).not.toBeNull();
      await click(p.page, '#next-month');
      expect(await textOf(p.page, 'h1')).toBe('Service performance: September 2025');
      await p.page.select('#month', '2025-07');
      await click(p.page, 'form[method="get"] button[type="submit"]');
      expect(new URL(p.page.url()).searchParams.get('month')).toBe('2025-07');
      expect(await textOf(p.page, 'h1')).toBe('Service performance: July 2025');
      await expectScorecardEqualsApi(p, USERS.partner, '2025-07');
      expect(await axeViolations(p)).toEqual([]);
      expect(p.problems).toEqual([]);
      // a month that is not one is the 404 page
      const res = await p.page.goto(`${w.base}/consortium/${w.consortiumId}/performance?month=2025-13`);
      expect(res!.status()).toBe(404);
    });
  });

  describe('submitting measurements', () => {
    const measurements = async (email: string, q = '') =>
      api<{ items: { kpiCode: string; month: string; value: string; organisationId: string | null }[]; total: number }>(email, `${base()}/measurements?limit=200${q}`);

    it.each([
      [true, '2025-10'],
      [false, '2025-11'],
    ])('a partner submits a result for an open month; the scorecard then shows it with its status (JavaScript %s)', async (js, month) => {
      const before = await measurements(USERS.partner, `&from=${month}&to=${month}&kpiCode=PAY_ACCURACY`);
      expect(before.total).toBe(0);
      const p = await openPage(w, { js });
      await go(p, `/consortium/${w.consortiumId}/measurements`, USERS.partner);
      expect(await textOf(p.page, 'h1')).toBe('Submit measurements');
      expect(await textOf(p.page, '#applies-to')).toMatch(/^Riverside/);
      // the closed months are not offered
      const months = await p.page.$$eval('#month option', (o) => o.map((x) => x.getAttribute('value')));
      expect(months).toEqual(expect.arrayContaining(['2025-07', '2025-09', month]));
      expect(months).not.toEqual(expect.arrayContaining(['2025-06']));
      expect(await axeViolations(p)).toEqual([]);

      await p.page.select('#measure', `${payLineId}:PAY_ACCURACY`);
      await p.page.select('#month', month);
      await p.page.type('#value', '99.9');
      await click(p.page, '#submit-result');
      expect(new URL(p.page.url()).pathname).toBe(`/consortium/${w.consortiumId}/measurements`);
      expect(await textOf(p.page, '#confirmation')).toContain('1 measurement was accepted');
      expect(await axeViolations(p)).toEqual([]);

      const after = await measurements(USERS.partner, `&from=${month}&to=${month}&kpiCode=PAY_ACCURACY`);
      expect(after.items).toEqual([expect.objectContaining({ kpiCode: 'PAY_ACCURACY', month, value: '99.9', organisationId: w.orgs.riverside })]);

      await click(p.page, '#confirmation-link');
      expect(new URL(p.page.url()).searchParams.get('month')).toBe(month);
      const row = `tr[data-kpi="PAY_ACCURACY"][data-organisation="${w.orgs.riverside}"]`;
      expect(await p.page.$eval(`${row} [data-figure="value"]`, (e) => e.textContent?.trim())).toBe('99.9%');
      expect(await p.page.$eval(`${row} [data-figure="status"]`, (e) => e.textContent?.trim())).toBe('Met');
      await expectScorecardEqualsApi(p, USERS.partner, month);
      expect(p.problems).toEqual([]);
    });

    it.each([true, false])("the form's errors are listed in the error summary, linked to their fields; nothing is written (JavaScript %s)", async (js) => {
      const before = await measurements(USERS.partner);
      const p = await openPage(w, { js });
      await go(p, `/consortium/${w.consortiumId}/measurements`, USERS.partner);
      await click(p.page, '#submit-result');
      expect(await p.page.title()).toMatch(/^Error: Submit measurements/);
      expect(await p.page.$$eval('.nhsuk-error-summary a', (a) => a.map((x) => [x.getAttribute('href'), x.textContent?.trim()]))).toEqual([
        ['#measure', 'Select what the result measures'],
        ['#value', 'Enter the result'],
      ]);
      expect(await textOf(p.page, '#value-error')).toBe('Error: Enter the result');
      expect(await axeViolations(p)).toEqual([]);

      // the service's own checks, on the field they are about
      await p.page.select('#measure', `${payLineId}:PAY_ACCURACY`);
      await p.page.select('#month', '2025-12');
      await p.page.type('#value', '150');
      await click(p.page, '#submit-result');
      expect(await p.page.$$eval('.nhsuk-error-summary a', (a) => a.map((x) => [x.getAttribute('href'), x.textContent?.trim()]))).toEqual([
        ['#value', 'A percentage must be between 0 and 100'],
      ]);
      // what was entered is kept
      expect(await p.page.$eval('#value', (e) => (e as unknown as { value: string }).value)).toBe('150');
      expect(await p.page.$eval('#measure', (e) => (e as unknown as { value: string }).value)).toBe(`${payLineId}:PAY_ACCURACY`);
      expect(await axeViolations(p)).toEqual([]);
      expect((await measurements(USERS.partner)).total).toBe(before.total);
      expect(problemsBesidesFormAnswers(p)).toEqual([]);
    });

    async function upload(p: OpenPage, name: string, csv: string): Promise<void> {
      const file = join(tmp, name);
      writeFileSync(file, csv);
      // as a user does: the file chooser opened from the field (the input itself, or the design system's button with JavaScript on)
      const [chooser] = await Promise.all([p.page.waitForFileChooser(), p.page.click('#file')]);
      await chooser.accept([file]);
      await click(p.page, '#upload-file');
    }

    it.each([true, false])('a CSV with one bad row lists that row, and nothing is written (JavaScript %s)', async (js) => {
      const before = await measurements(USERS.partner);
      const p = await openPage(w, { js });
      await go(p, `/consortium/${w.consortiumId}/measurements`, USERS.partner);
      await upload(
        p,
        `bad-${js}.csv`,
        `kpiCode,serviceLine,organisation,month,value\nPAY_ON_TIME,PAY,${riversideOds},2025-12,100\nPAY_ACCURACY,PAY,${riversideOds},2025-12,lots\n`,
      );
      expect(await p.page.title()).toMatch(/^Error: Submit measurements/);
      expect(await p.page.$eval('.nhsuk-error-summary a', (a) => a.getAttribute('href'))).toBe('#file');
      expect(await textOf(p.page, '.nhsuk-error-summary')).toContain('1 row has problems, so nothing was saved');
      const rows = await p.page.$$eval('#csv-errors tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())));
      expect(rows).toEqual([['3', 'value', 'Value must be a number with at most four decimals']]);
      expect(await axeViolations(p)).toEqual([]);
      const after = await measurements(USERS.partner);
      expect(after.total).toBe(before.total);
      expect(after.items).toEqual(before.items);
      expect(problemsBesidesFormAnswers(p)).toEqual([]);
    });

    it('a CSV row for another organisation is refused as the API refuses it', async () => {
      const p = await openPage(w);
      await go(p, `/consortium/${w.consortiumId}/measurements`, USERS.partner);
      const members = (await api<{ items: { organisationId: string; odsCode: string | null }[] }>(USERS.host, `${base()}/members`)).items;
      const hillcrest = members.find((m) => m.organisationId === w.orgs.hillcrest)!.odsCode!;
      await upload(p, 'other.csv', `kpiCode,serviceLine,organisation,month,value\nPAY_ACCURACY,PAY,${hillcrest},2025-12,99.9\n`);
      const rows = await p.page.$$eval('#csv-errors tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())));
      expect(rows).toEqual([['2', 'organisation', 'Partner users submit measurements for their own organisation only']]);
    });

    it('a file over the size limit gets the page again, saying so; nothing is written', async () => {
      const before = await measurements(USERS.partner);
      const p = await openPage(w);
      await go(p, `/consortium/${w.consortiumId}/measurements`, USERS.partner);
      const row = `PAY_ACCURACY,PAY,${riversideOds},2025-12,99.9\n`;
      await upload(p, 'large.csv', `kpiCode,serviceLine,organisation,month,value\n${row.repeat(Math.ceil((17 * 1024 * 1024) / row.length))}`);
      expect(await p.page.title()).toMatch(/^Error: Submit measurements/);
      expect(await textOf(p.page, '#file-error')).toContain('The file must be smaller than 16 MB');
      expect((await measurements(USERS.partner)).total).toBe(before.total);
      expect(await axeViolations(p)).toEqual([]);
    });

    it('the CSV template downloads as an attachment, and uploads as it is', async () => {
      const p = await openPage(w);
      await go(p, `/consortium/${w.consortiumId}/measurements`, USERS.partner);
      const href = await p.page.$eval('#csv-template', (a) => a.getAttribute('href'));
      const cookie = (await p.page.browserContext().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      const res = await fetch(`${w.base}${href}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="measurements-template\.csv"/);
      const csv = await res.text();
      const lines = csv.trim().split(/\r?\n/);
      expect(lines[0]).toBe('kpiCode,serviceLine,organisation,month,value');
      expect(lines[1]).toMatch(new RegExp(`^PAY_ACCURACY,PAY,${riversideOds},\\d{4}-\\d{2},99\\.5$`));
      const before = await measurements(USERS.partner);
      await upload(p, 'template.csv', csv);
      expect(await textOf(p.page, '#confirmation')).toContain('1 measurement was accepted');
      expect((await measurements(USERS.partner)).total).toBe(before.total + 1);
      expect(await axeViolations(p)).toEqual([]);
      expect(p.problems).toEqual([]);
    });

    it.each([
      ['the partnership board', USERS.board],
      ["a member's organisation administrator", USERS.partnerAdmin],
    ])('%s gets the 403 page, as from the API, and no link to the form', async (_who, email) => {
      const p = await openPage(w);
      await go(p, `/consortium/${w.consortiumId}/performance`, email);
      expect(await p.page.$$eval('.app-subnav__link', (a) => a.map((x) => x.textContent?.trim()))).not.toContain('Submit measurements');
      for (const path of ['measurements', 'measurements/template']) {
        const res = await p.page.goto(`${w.base}/consortium/${w.consortiumId}/${path}`);
        expect(res!.status()).toBe(403);
        expect(await textOf(p.page, 'h1')).toBe('You cannot do this');
      }
      expect(await axeViolations(p)).toEqual([]);
      await w.t.http
        .post(`${base()}/measurements`)
        .set('Authorization', await auth(email))
        .send({ items: [{ kpiCode: 'PAY_ACCURACY', serviceLineId: payLineId, organisationId: w.orgs.riverside, month: '2025-12', value: '99' }] })
        .expect(403);
    });

    it("another partnership's pages are the 404 page", async () => {
      const other = await w.t.http
        .post('/api/v1/consortia')
        .set('Authorization', await auth(USERS.host))
        .send({ name: 'Another partnership', deliveryModel: 'cooperative', hostOrganisationId: w.orgs.host, startDate: '2025-04-01' })
        .expect(201);
      const p = await openPage(w);
      await signIn(w, p, USERS.partner);
      for (const path of ['performance', 'performance?month=2025-09', 'measurements', 'measurements/template']) {
        const res = await p.page.goto(`${w.base}/consortium/${other.body.id as string}/${path}`);
        expect(res!.status()).toBe(404);
        expect(await textOf(p.page, 'h1')).toBe('Page not found');
      }
      expect(await axeViolations(p)).toEqual([]);
    });
  });
});
