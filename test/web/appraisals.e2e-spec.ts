/**
 * Options appraisal pages (domain.md §15) in real Chromium with JavaScript off: the host makes an
 * appraisal through the form (the status quo left empty: the members' baselines, shown as the hint),
 * a bad field is named in the error summary and linked to the field, the results page's figures are
 * the API's for the saved appraisal, the PDF link answers a PDF, a partner user reads but cannot
 * make one (403 page), and every page is accessible.
 */
import { LedgerService } from '../../src/ledger/ledger.service';
import { formatGbp } from '../../src/reports/view/format';
import { axeViolations, openPage, signIn, textOf, USERS, startWebWorld, type OpenPage, type WebWorld } from './support/browser';

interface Stream {
  npc: string;
  costs: string[];
  presentValues: string[];
  cumulativeCosts: string[];
}
interface Answer {
  id: string;
  name: string;
  years: number;
  discountRatePercent: string;
  statusQuoAnnualCost: string;
  statusQuoFromBaselines: boolean;
  discountFactors: string[];
  statusQuo: Stream;
  options: Array<Stream & { name: string; rank: number; savingVsStatusQuo: string; paybackYear: number | null }>;
  preferred: string;
}

describe('web options appraisals (browser, JavaScript off)', () => {
  let w: WebWorld;
  let base: string;
  beforeAll(async () => {
    w = await startWebWorld();
    base = `/consortium/${w.consortiumId}`;
  }, 240_000);
  afterAll(() => w?.close());

  async function submit(p: OpenPage, selector: string): Promise<number> {
    const [res] = await Promise.all([p.page.waitForNavigation(), p.page.click(selector)]);
    return res!.status();
  }
  async function fill(p: OpenPage, selector: string, value: string): Promise<void> {
    await p.page.$eval(selector, (e) => ((e as unknown as { value: string }).value = ''));
    if (value) await p.page.type(selector, value);
  }
  const summary = (p: OpenPage) => p.page.$$eval('.nhsuk-error-summary a', (a) => a.map((x) => [(x.textContent ?? '').trim(), x.getAttribute('href') ?? '']));
  const cells = (p: OpenPage, table: string) =>
    p.page.$$eval(`${table} tbody tr`, (rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())));

  it('the host makes an appraisal without JavaScript; a bad field is linked from the error summary; the results are the API’s', async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.host, `${base}/appraisals`);
    expect(await textOf(p.page, 'h1')).toBe('Options appraisals');
    expect(await axeViolations(p)).toEqual([]);
    // the sub-navigation has the section
    expect(await p.page.$eval(`nav a[href="${base}/appraisals"]`, (a) => (a.textContent ?? '').trim())).toBe('Options appraisals');
    await submit(p, '#new-appraisal');
    expect(await textOf(p.page, 'h1')).toBe('New options appraisal');
    expect(await axeViolations(p)).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const baselines = await w.t.app.get(LedgerService).currentAnnualBaselines(null, w.consortiumId, today);
    expect(await textOf(p.page, '#statusQuoAnnualCost-hint')).toContain(formatGbp(baselines));

    await fill(p, '#name', 'Payroll options');
    await fill(p, '#years', '6');
    await fill(p, '#option-1-name', 'Shared services company');
    await p.page.select('#option-1-deliveryModel', 'shared_services_company');
    await fill(p, '#option-1-startYear', '7'); // beyond year 5: the service refuses it
    await fill(p, '#option-1-annualRunningCost', '150,000');
    await fill(p, '#option-1-optimismBiasPercent', '24');
    await fill(p, '#option-1-oneOff-1-year', '0');
    await fill(p, '#option-1-oneOff-1-amount', '£60,000');
    await fill(p, '#option-2-name', 'Outsourcing');
    await p.page.select('#option-2-deliveryModel', 'outsourcing');
    await fill(p, '#option-2-startYear', '1');
    await fill(p, '#option-2-annualRunningCost', 'lots');
    expect(await submit(p, '#appraise')).toBe(400);
    // the form alone finds the amount that is not one; the period rule is the service's, after it
    expect(await summary(p)).toEqual([['Enter the annual running cost of option 2 as an amount in pounds, like 3400000', '#option-2-annualRunningCost']]);
    expect(await p.page.$eval('#option-2-annualRunningCost', (i) => (i as unknown as { value: string }).value)).toBe('lots');
    await fill(p, '#option-2-annualRunningCost', '140000');
    expect(await submit(p, '#appraise')).toBe(400);
    expect(await summary(p)).toEqual([['Option 1: The start year must be from 0 to 5', '#option-1-startYear']]);
    // the link leads to the field, which says what is wrong
    expect(await p.page.$('#option-1-startYear')).not.toBeNull();
    expect(await textOf(p.page, '#option-1-startYear-error')).toBe('Error: Option 1: The start year must be from 0 to 5');
    expect(await p.page.$eval('#option-1-startYear', (i) => i.getAttribute('aria-describedby'))).toContain('option-1-startYear-error');
    expect(await axeViolations(p)).toEqual([]);

    await fill(p, '#option-1-startYear', '1');
    expect(await submit(p, '#appraise')).toBe(200);
    const path = new URL(p.page.url()).pathname;
    expect(path).toMatch(new RegExp(`^${base}/appraisals/[0-9a-f-]{36}$`));
    const id = path.split('/').pop()!;
    expect(await axeViolations(p)).toEqual([]);

    const api = (
      await w.t.http
        .get(`/api/v1/consortia/${w.consortiumId}/appraisals/${id}`)
        .set('Authorization', await w.api(USERS.host))
        .expect(200)
    ).body as Answer;
    expect(api.statusQuoFromBaselines).toBe(true);
    expect(api.statusQuoAnnualCost).toBe(baselines);
    expect(api.years).toBe(6);
    expect(await textOf(p.page, 'h1')).toBe('Payroll options');
    expect(await textOf(p.page, '#preferred')).toBe(api.preferred);
    // the ranking: every option's rank, npc, saving and payback; the preferred one tagged
    const ranking = await cells(p, '#ranking');
    expect(ranking.map((r) => [r[0], r[3], r[4], r[5]])).toEqual(
      api.options.map((o) => [String(o.rank), formatGbp(o.npc), formatGbp(o.savingVsStatusQuo), o.paybackYear === null ? 'Not within the period' : `Year ${o.paybackYear}`]),
    );
    expect(ranking[0][1]).toContain(`${api.options[0].name} Preferred`);
    expect(ranking[1][1]).not.toContain('Preferred');
    // costs by year with the discount factors, present values, cumulative costs (the chart's table)
    const series = [api.statusQuo, ...api.options];
    expect(await cells(p, '#costs')).toEqual(api.discountFactors.map((f, t) => [`Year ${t}`, f, ...series.map((s) => formatGbp(s.costs[t]))]));
    expect(await cells(p, '#present-values')).toEqual([
      ...api.discountFactors.map((_, t) => [`Year ${t}`, ...series.map((s) => formatGbp(s.presentValues[t]))]),
      ['Net present cost', ...series.map((s) => formatGbp(s.npc))],
    ]);
    expect(await cells(p, '#cumulative')).toEqual(api.discountFactors.map((_, t) => [`Year ${t}`, ...series.map((s) => formatGbp(s.cumulativeCosts[t]))]));
    expect(await p.page.$$eval('.app-chart svg path.series', (x) => x.length)).toBe(3);

    // the PDF link answers the report
    const href = await p.page.$eval('#appraisal-pdf', (a) => a.getAttribute('href')!);
    const cookie = (await p.page.browserContext().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const pdf = await fetch(`${w.base}${href}`, { headers: { cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');

    // the list shows it, and the reports page links its PDF
    await p.page.goto(`${w.base}${base}/appraisals`);
    expect(await textOf(p.page, `#appraisals tr[data-appraisal="${id}"]`)).toContain(`Payroll options ${api.preferred}`);
    await p.page.goto(`${w.base}${base}/reports`);
    expect(await p.page.$eval(`#appraisal-${id}`, (a) => a.getAttribute('href'))).toBe(href);
    expect(await axeViolations(p)).toEqual([]);
    await p.page.browserContext().close();
  }, 120_000);

  it('an empty form names the appraisal and the first option', async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.board, `${base}/appraisals/new`);
    expect(await textOf(p.page, 'h1')).toBe('New options appraisal');
    expect(await submit(p, '#appraise')).toBe(400);
    expect(await summary(p)).toEqual([
      ['Enter a name for the appraisal', '#name'],
      ['Enter at least one option: a name, a delivery model and its annual running cost', '#option-1-name'],
    ]);
    expect(await axeViolations(p)).toEqual([]);
    await p.page.browserContext().close();
  }, 60_000);

  it('a partner user reads the appraisals but cannot make one', async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.partner, `${base}/appraisals`);
    expect(await textOf(p.page, 'h1')).toBe('Options appraisals');
    expect(await p.page.$('#new-appraisal')).toBeNull();
    const res = await p.page.goto(`${w.base}${base}/appraisals/new`);
    expect(res!.status()).toBe(403);
    await p.page.browserContext().close();
  }, 60_000);
});
