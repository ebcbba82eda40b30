/**
 * The host's month (issue 15), in real Chromium as the host's administrator: costs (a double submit
 * of the same form makes one entry, with JavaScript on and off; the list, filters and totals equal
 * the API's; a correction), and closing a month (the preview equals what the close then issues,
 * figure by figure; figures that changed since the preview are refused). Every page with JavaScript
 * on and off, axe 0 violations, no console errors; a form without its CSRF token is refused and
 * writes nothing; a partner gets the 403 page as from the API; another partnership is the 404 page.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CostList } from '../../src/ledger/dto';
import { formatGbp, formatMonthLong } from '../../src/reports/view/format';
import type { ClosedMonthView, MonthPreviewView } from '../../src/statements/dto';
import { axeViolations, openPage, signIn, startWebWorld, textOf, USERS, type OpenPage, type WebWorld } from './support/browser';

const answered = (status: number) => {
  const text: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' };
  return [`console: Failed to load resource: the server responded with a status of ${status} (${text[status]})`];
};

describe('web: the host runs the month (browser)', () => {
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
  async function cookie(p: OpenPage): Promise<string> {
    return (await p.page.browserContext().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  }
  async function post(p: OpenPage, href: string, fields: Record<string, string>): Promise<{ status: number; location: string | null; body: string }> {
    const res = await fetch(`${w.base}${href}`, {
      method: 'POST',
      headers: { cookie: await cookie(p), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
      redirect: 'manual',
    });
    return { status: res.status, location: res.headers.get('location'), body: await res.text() };
  }
  const csrfOf = (p: OpenPage) => p.page.$eval('input[name=_csrf]', (i) => (i as unknown as { value: string }).value);
  const costs = (q = '') => api<CostList>(USERS.host, `/costs?limit=500${q}`);
  const lineId = async (code: string) => (await api<{ items: { id: string; code: string }[] }>(USERS.host, '/service-lines')).items.find((l) => l.code === code)!.id;

  async function fillCost(p: OpenPage, o: { month: string; category: string; line?: string; amount: string; description: string }) {
    await p.page.select('#month', o.month);
    await p.page.click(`#category-${o.category}`);
    if (o.line) await p.page.select('#serviceLineId', await lineId(o.line));
    await p.page.$eval('#amount', (e) => ((e as unknown as { value: string }).value = ''));
    await p.page.type('#amount', o.amount);
    await p.page.$eval('#description', (e) => ((e as unknown as { value: string }).value = ''));
    await p.page.type('#description', o.description);
  }

  it('costs, JavaScript on: a double click on submit records one entry; "already recorded" on the repeat', async () => {
    const p = await openPage(w, { js: true });
    await signIn(w, p, USERS.host, `${base}/costs`);
    expect(await textOf(p.page, 'h1')).toBe('Costs');
    expect(await axeViolations(p)).toEqual([]);
    const before = await costs();
    await fillCost(p, { month: '2025-08', category: 'operating', line: 'PAY', amount: '1234.56', description: 'Payroll agency staff (double click)' });
    await Promise.all([p.page.waitForNavigation(), p.page.click('#record-cost', { count: 2, delay: 5 })]);
    const after = await costs();
    const added = after.items.filter((c) => c.description === 'Payroll agency staff (double click)');
    expect(added.map((c) => [c.month, c.category, c.amount])).toEqual([['2025-08', 'operating', '1234.56']]);
    expect(after.total).toBe(before.total + 1);
    expect(await textOf(p.page, '#recorded')).toMatch(/Cost recorded|This cost was already recorded/);
    expect(await textOf(p.page, '#recorded')).toContain('£1,234.56 for August 2025');
    expect(await axeViolations(p)).toEqual([]);
    // when the second click goes out before the first answer, Chromium abandons the first request,
    // or the redirect that answered it (and logs it): both posts reached the server, and the
    // idempotency key kept them to one entry. Any other failure is a fault.
    const abandoned = (x: string) => x.startsWith(`request failed: ${w.base}${base}/costs`) && x.endsWith(' net::ERR_ABORTED');
    expect(p.problems.filter((x) => !abandoned(x))).toEqual([]);
  }, 240_000);

  it('costs, JavaScript off: the same form sent twice records one entry, the second says it was already recorded; errors are linked to their fields', async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.host, `${base}/costs`);
    // nothing filled in: every error in the summary, linked to its field
    const [bad] = await Promise.all([p.page.waitForNavigation(), p.page.click('#record-cost')]);
    expect(bad!.status()).toBe(400);
    expect(await p.page.title()).toMatch(/^Error: Costs/);
    expect(await p.page.$$eval('.nhsuk-error-summary a', (as) => as.map((a) => a.getAttribute('href')))).toEqual(['#month', '#category-operating', '#amount', '#description']);
    expect(await axeViolations(p)).toEqual([]);
    await fillCost(p, { month: '2025-09', category: 'investment', amount: '£2,500.00', description: 'New scanner (sent twice)' });
    const fields = await p.page.$$eval('#cost-form input, #cost-form select, #cost-form textarea', (es) =>
      es
        .filter((e) => (e as unknown as { type: string }).type !== 'radio' || (e as unknown as { checked: boolean }).checked)
        .map((e) => [(e as unknown as { name: string }).name, (e as unknown as { value: string }).value]),
    );
    const form = Object.fromEntries(fields) as Record<string, string>;
    expect(form.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    const before = await costs();
    const first = await post(p, `${base}/costs`, form);
    const second = await post(p, `${base}/costs`, form);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.location).toContain('replayed=1');
    const after = await costs();
    expect(after.total).toBe(before.total + 1);
    expect(after.items.filter((c) => c.description === 'New scanner (sent twice)').map((c) => c.amount)).toEqual(['2500.00']);
    await p.page.goto(`${w.base}${second.location!}`);
    expect(await textOf(p.page, '#recorded')).toContain('This cost was already recorded');
    expect(await axeViolations(p)).toEqual([]);
    expect(p.problems).toEqual(answered(400));
  }, 240_000);

  it.each([true, false])(
    'the list (JavaScript %s): filters and totals equal the API’s; a correction is a negative entry in an open month',
    async (js) => {
      const p = await openPage(w, { js });
      const pay = await lineId('PAY');
      await signIn(w, p, USERS.host, `${base}/costs?from=2025-07&to=2025-09&serviceLineId=${pay}`);
      const list = await costs(`&from=2025-07&to=2025-09&serviceLineId=${pay}`);
      expect(await textOf(p.page, '#costs-total [data-figure="totalAmount"]')).toBe(formatGbp(list.totalAmount));
      expect(await textOf(p.page, '#costs-total [data-figure="count"]')).toBe(`${list.total} entries`);
      expect(
        await p.page.$$eval('#costs tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-entry'), tr.querySelector('[data-figure="amount"]')?.textContent?.trim()])),
      ).toEqual(list.items.map((c) => [c.id, formatGbp(c.amount)]));
      expect(await axeViolations(p)).toEqual([]);
      // a bad filter: an error linked to its field, the rest still applied
      await p.page.goto(`${w.base}${base}/costs?from=July`);
      expect(await p.page.$$eval('.nhsuk-error-summary a', (as) => as.map((a) => a.getAttribute('href')))).toEqual(['#filter-from']);
      expect(await axeViolations(p)).toEqual([]);
      if (!js) return;
      // correct an entry of closed June: the correction goes in the next open month, with the opposite amount
      const june = (await costs('&from=2025-06&to=2025-06')).items.find((c) => c.category === 'operating')!;
      await p.page.goto(`${w.base}${base}/costs?from=2025-06&to=2025-06`);
      await Promise.all([p.page.waitForNavigation(), p.page.click(`#costs tr[data-entry="${june.id}"] a`)]);
      expect(await textOf(p.page, '#enter-cost')).toBe('Enter a correction');
      expect(await p.page.$eval('#month', (e) => (e as unknown as { value: string }).value)).toBe('2025-07');
      expect(await p.page.$eval('#amount', (e) => (e as unknown as { value: string }).value)).toBe(`-${june.amount}`);
      expect(await axeViolations(p)).toEqual([]);
      await Promise.all([p.page.waitForNavigation(), p.page.click('#record-cost')]);
      const correction = (await costs('&from=2025-07&to=2025-07')).items.find((c) => c.description.startsWith('Correction of'))!;
      expect([correction.amount, correction.serviceLineId, correction.category]).toEqual([`-${june.amount}`, june.serviceLineId, 'operating']);
      expect(correction.description).toContain(june.id.slice(0, 8));
      expect(p.problems).toEqual([]);
    },
    240_000,
  );

  it('a cost posted without its CSRF token is refused and nothing is written; a partner gets the 403 page as from the API; another partnership is the 404 page', async () => {
    const p = await openPage(w);
    await signIn(w, p, USERS.host, `${base}/costs`);
    const before = await costs();
    const r = await post(p, `${base}/costs`, { month: '2025-09', category: 'investment', amount: '10.00', description: 'No token' });
    expect(r.status).toBe(403);
    expect(r.body).toContain('This form has expired');
    const r2 = await post(p, `${base}/months/2025-07/close`, { previewToken: 'a'.repeat(64) });
    expect(r2.status).toBe(403);
    expect((await costs()).total).toBe(before.total);
    expect((await api<{ nextToClose: string }>(USERS.host, '/months')).nextToClose).toBe('2025-07');

    const partner = await openPage(w);
    await signIn(w, partner, USERS.partner);
    for (const path of ['/costs', '/months', '/months/2025-07/preview']) {
      const res = await partner.page.goto(`${w.base}${base}${path}`);
      expect([path, res!.status()]).toEqual([path, 403]);
      expect(await textOf(partner.page, 'h1')).toBe('You cannot do this');
    }
    const viaApi = await w.t.http.get(`/api/v1/consortia/${w.consortiumId}/costs`).set('Authorization', await w.api(USERS.partner));
    expect(viaApi.status).toBe(403);
    const crafted = await post(partner, `${base}/costs`, { _csrf: await csrfOf(partner), month: '2025-09', category: 'investment', amount: '10.00', description: 'Partner' });
    expect(crafted.status).toBe(403);
    expect((await costs()).total).toBe(before.total);
    expect(await axeViolations(partner)).toEqual([]);

    const other = await w.t.http
      .post('/api/v1/consortia')
      .set('Authorization', await w.api(USERS.host))
      .send({ name: 'Another Partnership for costs', deliveryModel: 'cooperative', hostOrganisationId: w.orgs.host, startDate: '2025-04-01' });
    expect(other.status).toBe(201);
    for (const path of ['/costs', '/months']) {
      const res = await partner.page.goto(`${w.base}/consortium/${other.body.id as string}${path}`);
      expect(res!.status()).toBe(404);
      expect(await textOf(partner.page, 'h1')).toBe('Page not found');
    }
  }, 240_000);

  const activityOf = async (month: string) =>
    (await api<{ items: { serviceLineId: string; organisationId: string; volume: string }[] }>(USERS.host, `/activity?from=${month}&to=${month}&limit=500`)).items
      .map((a) => `${a.serviceLineId}/${a.organisationId}=${a.volume}`)
      .sort();
  const baselinesNow = async () =>
    (await api<{ items: { serviceLineId: string; organisationId: string; annualAmount: string; effectiveFrom: string }[] }>(USERS.host, '/baselines')).items
      .map((b) => `${b.serviceLineId}/${b.organisationId}/${b.effectiveFrom}=${b.annualAmount}`)
      .sort();
  async function upload(p: OpenPage, input: string, button: string, name: string, text: string) {
    const file = join(mkdtempSync(join(tmpdir(), 'host-month-')), name);
    writeFileSync(file, text);
    const el = await p.page.$(input);
    await (el as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(file);
    const [r] = await Promise.all([p.page.waitForNavigation(), p.page.click(button)]);
    return r!.status();
  }
  const csvTable = (p: OpenPage, id: string) => p.page.$$eval(`#${id} tbody tr`, (trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));

  it.each([true, false])(
    'activity (JavaScript %s): the table saves a changed volume; a bad cell is an error linked to it and nothing is written',
    async (js) => {
      const p = await openPage(w, { js });
      const pay = await lineId('PAY');
      await signIn(w, p, USERS.host, `${base}/activity?month=2025-09`);
      expect(await textOf(p.page, 'h1')).toBe('Activity and baselines');
      const cell = `#volume-${pay}-${w.orgs.riverside}`;
      const before = await activityOf('2025-09');
      expect(await p.page.$eval(cell, (e) => (e as unknown as { value: string }).value)).toBe(before.find((a) => a.startsWith(`${pay}/${w.orgs.riverside}=`))!.split('=')[1]);
      expect(await axeViolations(p)).toEqual([]);
      await p.page.$eval(cell, (e) => ((e as unknown as { value: string }).value = ''));
      await p.page.type(cell, 'lots');
      const [bad] = await Promise.all([p.page.waitForNavigation(), p.page.click('#save-activity')]);
      expect(bad!.status()).toBe(400);
      expect(await p.page.title()).toMatch(/^Error: Activity and baselines/);
      expect(await p.page.$$eval('.nhsuk-error-summary a', (as) => as.map((a) => a.getAttribute('href')))).toEqual([cell]);
      expect(await activityOf('2025-09')).toEqual(before);
      expect(await axeViolations(p)).toEqual([]);
      await p.page.$eval(cell, (e) => ((e as unknown as { value: string }).value = ''));
      await p.page.type(cell, js ? '3600' : '3,700');
      await Promise.all([p.page.waitForNavigation(), p.page.click('#save-activity')]);
      expect(await textOf(p.page, '#saved')).toContain('1 volume was saved for September 2025');
      const after = await activityOf('2025-09');
      expect(after.filter((a) => !before.includes(a))).toEqual([`${pay}/${w.orgs.riverside}=${js ? '3600.00' : '3700.00'}`]);
      expect(await axeViolations(p)).toEqual([]);
      expect(p.problems).toEqual(answered(400));
    },
    240_000,
  );

  it('activity and baselines by CSV (JavaScript off): the templates; a file with bad rows lists every one and writes nothing; then a good file is saved', async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.host, `${base}/activity`);
    const tpl = await fetch(`${w.base}${base}/activity/template.csv?month=2025-09`, { headers: { cookie: await cookie(p) } });
    expect([tpl.status, tpl.headers.get('content-type'), (await tpl.text()).split('\r\n')[0]]).toEqual([200, 'text/csv; charset=utf-8', 'serviceLine,organisation,month,volume']);
    const btpl = await fetch(`${w.base}${base}/activity/baselines-template.csv`, { headers: { cookie: await cookie(p) } });
    expect((await btpl.text()).split('\r\n')[0]).toBe('serviceLine,organisation,annualAmount,effectiveFrom');
    const members = (await w.t.http.get(`/api/v1/consortia/${w.consortiumId}/members`).set('Authorization', await w.api(USERS.host))).body.items as {
      organisationId: string;
      odsCode: string;
    }[];
    const odsOf = (org: string) => members.find((m) => m.organisationId === org)!.odsCode;
    const [riverside, hillcrest] = [odsOf(w.orgs.riverside), odsOf(w.orgs.hillcrest)];
    const pay = await lineId('PAY');

    const before = await activityOf('2025-10');
    const badStatus = await upload(
      p,
      '#activity-file',
      '#upload-activity',
      'activity-bad.csv',
      `serviceLine,organisation,month,volume\nPAY,${riverside},2025-10,3510\nNOPE,${riverside},2025-10,10\nPAY,XXXXX,2025-10,ten\n`,
    );
    expect(badStatus).toBe(400);
    expect(await csvTable(p, 'activity-csv-errors')).toEqual([
      ['3', 'serviceLine', 'No service line with code NOPE'],
      ['4', 'organisation', 'XXXXX is not a member of this partnership'],
      ['4', 'volume', 'The volume must be a number of 0 or more with at most 2 decimals'],
    ]);
    expect(await p.page.$$eval('.nhsuk-error-summary a', (as) => as.map((a) => a.getAttribute('href')))).toEqual(['#activity-file']);
    expect(await activityOf('2025-10')).toEqual(before);
    expect(await axeViolations(p)).toEqual([]);
    // more rows than the API takes in one request: refused before anything is sent, nothing written
    const huge = await upload(
      p,
      '#activity-file',
      '#upload-activity',
      'activity-huge.csv',
      `serviceLine,organisation,month,volume\n${`PAY,${riverside},2025-10,1\n`.repeat(20001)}`,
    );
    expect(huge).toBe(400);
    expect(await textOf(p.page, '#activity-file-error')).toContain('The file has more than 20,000 rows: split it into smaller files');
    expect(await activityOf('2025-10')).toEqual(before);
    // a closed month: the service's refusal, row by row; nothing written
    const closedStatus = await upload(
      p,
      '#activity-file',
      '#upload-activity',
      'activity-closed.csv',
      `serviceLine,organisation,month,volume\nPAY,${riverside},2025-10,3510\nPAY,${hillcrest},2025-06,2500\n`,
    );
    expect(closedStatus).toBe(409);
    expect(await csvTable(p, 'activity-csv-errors')).toEqual([['3', 'month', '2025-06 is closed: its figures are final']]);
    expect(await activityOf('2025-10')).toEqual(before);
    const ok = await upload(
      p,
      '#activity-file',
      '#upload-activity',
      'activity.csv',
      `serviceLine,organisation,month,volume\nPAY,${riverside},2025-10,3510\nPAY,${hillcrest},2025-10,2505.5\n`,
    );
    expect(ok).toBe(200);
    expect(await textOf(p.page, '#saved')).toContain('2 volumes were saved');
    expect((await activityOf('2025-10')).filter((a) => !before.includes(a))).toEqual([`${pay}/${w.orgs.riverside}=3510.00`, `${pay}/${w.orgs.hillcrest}=2505.50`].sort());

    // baselines: bad rows listed, nothing written; then a good file and the table
    const baseBefore = await baselinesNow();
    const bBad = await upload(
      p,
      '#baseline-file',
      '#upload-baselines',
      'baselines-bad.csv',
      `serviceLine,organisation,annualAmount,effectiveFrom\nPAY,${riverside},-5,2025-10\nPAY,${riverside},100000.00,October\n`,
    );
    expect(bBad).toBe(400);
    expect((await csvTable(p, 'baseline-csv-errors')).map((r) => r.slice(0, 2))).toEqual([
      ['2', 'annualAmount'],
      ['3', 'effectiveFrom'],
    ]);
    expect(await baselinesNow()).toEqual(baseBefore);
    expect(await axeViolations(p)).toEqual([]);
    const bOk = await upload(
      p,
      '#baseline-file',
      '#upload-baselines',
      'baselines.csv',
      `serviceLine,organisation,annualAmount,effectiveFrom\nPAY,${riverside},140000.00,2025-10\n`,
    );
    expect(bOk).toBe(200);
    expect((await baselinesNow()).filter((b) => !baseBefore.includes(b))).toEqual([`${pay}/${w.orgs.riverside}/2025-10=140000.00`]);

    await p.page.goto(`${w.base}${base}/activity?from=2025-11`);
    const cell = `#baseline-${pay}-${w.orgs.hillcrest}`;
    await p.page.$eval(cell, (e) => ((e as unknown as { value: string }).value = ''));
    await p.page.type(cell, '£90,000');
    await Promise.all([p.page.waitForNavigation(), p.page.click('#save-baselines')]);
    expect(await textOf(p.page, '#saved')).toContain('1 baseline was saved');
    expect((await baselinesNow()).filter((b) => !baseBefore.includes(b))).toEqual(
      [`${pay}/${w.orgs.hillcrest}/2025-11=90000.00`, `${pay}/${w.orgs.riverside}/2025-10=140000.00`].sort(),
    );
    expect(await axeViolations(p)).toEqual([]);
    expect(p.problems).toEqual([...answered(400), ...answered(400), ...answered(409), ...answered(400)]);
  }, 300_000);

  it('activity: a partner gets the 403 page as from the API; a table posted without its CSRF token is refused; the host can submit measurements', async () => {
    const partner = await openPage(w);
    await signIn(w, partner, USERS.partner);
    const res = await partner.page.goto(`${w.base}${base}/activity`);
    expect(res!.status()).toBe(403);
    expect(await textOf(partner.page, 'h1')).toBe('You cannot do this');
    const viaApi = await w.t.http
      .put(`/api/v1/consortia/${w.consortiumId}/activity`)
      .set('Authorization', await w.api(USERS.partner))
      .send({ items: [] });
    expect(viaApi.status).toBe(403);
    const p = await openPage(w);
    await signIn(w, p, USERS.host, `${base}/measurements`);
    expect(await textOf(p.page, 'h1')).toBe('Submit measurements');
    expect(await p.page.$('#csv-template')).not.toBeNull();
    const pay = await lineId('PAY');
    const before = await activityOf('2025-11');
    const r = await post(p, `${base}/activity`, { month: '2025-11', [`cell.${pay}.${w.orgs.riverside}`]: '1' });
    expect(r.status).toBe(403);
    expect(await activityOf('2025-11')).toEqual(before);
  }, 240_000);

  it.each([false, true])(
    'close a month (JavaScript %s): the preview is every member’s figures as the API previews them; figures changed since are refused; the close issues the preview',
    async (js) => {
      const p = await openPage(w, { js });
      await signIn(w, p, USERS.host, `${base}/months`);
      const next = (await api<{ nextToClose: string }>(USERS.host, '/months')).nextToClose;
      expect(await textOf(p.page, '#next-heading')).toBe(`Next month to close: ${formatMonthLong(next)}`);
      expect(await axeViolations(p)).toEqual([]);
      await Promise.all([p.page.waitForNavigation(), p.page.click('#preview-next')]);
      expect(await textOf(p.page, 'h1')).toBe(`Preview ${formatMonthLong(next)}`);
      const preview = await api<MonthPreviewView>(USERS.host, `/months/${next}/preview`);
      const figures = async (table: string) =>
        p.page.$$eval(`#${table} td[data-figure]`, (tds) => tds.map((td) => [td.getAttribute('data-organisation'), td.getAttribute('data-figure'), td.textContent?.trim()]));
      const expected = (items: { organisationId: string; statement: object }[]) => {
        const keys = ['operating', 'fee', 'investment', 'sharedRisk', 'attributedRisk', 'credits', 'charge', 'baseline', 'savings', 'feeIncome', 'creditsFunded'];
        return keys.flatMap((k) =>
          items.map((i) => {
            const v = (i.statement as Record<string, unknown>)[k];
            return [i.organisationId, k, typeof v === 'string' ? formatGbp(v) : '\u2013'];
          }),
        );
      };
      expect(await figures('preview-figures')).toEqual(expected(preview.items));
      expect(await p.page.$$eval('#preview-figures-hashes [data-figure="contentHash"]', (cs) => cs.map((c) => c.textContent))).toEqual(preview.items.map((i) => i.contentHash));
      expect(await axeViolations(p)).toEqual([]);
      await Promise.all([p.page.waitForNavigation(), p.page.click('#continue-to-close')]);
      expect(await textOf(p.page, 'h1')).toBe(`Close ${formatMonthLong(next)}: this cannot be undone`);
      expect(await axeViolations(p)).toEqual([]);

      if (!js) {
        // a cost entered meanwhile (through the API): the close is refused, the preview shown again with the new figures
        const res = await w.t.http
          .post(`/api/v1/consortia/${w.consortiumId}/costs`)
          .set('Authorization', await w.api(USERS.host))
          .send({ month: next, category: 'investment', amount: '999.00', description: 'Late invoice after the preview' });
        expect(res.status).toBe(201);
        const [refused] = await Promise.all([p.page.waitForNavigation(), p.page.click('#close-month')]);
        expect(refused!.status()).toBe(409);
        expect(await textOf(p.page, '#preview-changed')).toContain('The figures changed since your preview');
        expect((await api<{ nextToClose: string }>(USERS.host, '/months')).nextToClose).toBe(next);
        const fresh = await api<MonthPreviewView>(USERS.host, `/months/${next}/preview`);
        expect(fresh.previewToken).not.toBe(preview.previewToken);
        expect(await figures('preview-figures')).toEqual(expected(fresh.items));
        expect(await axeViolations(p)).toEqual([]);
        await Promise.all([p.page.waitForNavigation(), p.page.click('#continue-to-close')]);
        preview.items = fresh.items;
      }
      await p.page.type('#note', 'Reconciled with the general ledger');
      const [closed] = await Promise.all([p.page.waitForNavigation(), p.page.click('#close-month')]);
      expect(closed!.status()).toBe(200);
      expect(new URL(p.page.url()).pathname).toBe(`${base}/months/${next}`);
      expect(await textOf(p.page, '#confirmation')).toContain(`${formatMonthLong(next)} is closed`);
      const issued = await api<ClosedMonthView>(USERS.host, `/months/${next}/statements`);
      // the issued figures equal the preview's, figure by figure and hash by hash
      expect(issued.items.map((i) => [i.organisationId, i.contentHash, i.statement])).toEqual(preview.items.map((i) => [i.organisationId, i.contentHash, i.statement]));
      expect(await figures('issued-figures')).toEqual(expected(preview.items));
      expect(await p.page.$$eval('#issued-figures-hashes [data-figure="contentHash"]', (cs) => cs.map((c) => c.textContent))).toEqual(issued.items.map((i) => i.contentHash));
      expect(await axeViolations(p)).toEqual([]);
      expect(p.problems).toEqual(js ? [] : answered(409));
    },
    300_000,
  );
});
