/**
 * The host's month end to end (issue 15, "What it must show"), in real Chromium, on a fresh database
 * (demo mode off): the platform administrator adds two organisations and their administrators
 * through the API, and everything else is done through the pages in the test.
 * The host's administrator sets up a co-operative partnership that started on 1 April 2026 (a month
 * that has ended: today is December 2026), invites Riverside, whose administrator accepts; adds the
 * finance and payroll service lines and an SLA on payroll; drafts the agreement (bases, fee, exit
 * terms), checks it and proposes it; each member's approver votes until it is approved; enters
 * April's costs (a double click on submit makes one entry), activity and baselines (a CSV with bad
 * rows lists them and writes nothing, then a good one), a measurement that breaches the SLA; previews
 * April and closes it: the issued figures equal the preview's, figure by figure, and the API's, and
 * they are the rulebook's (domain.md §11, April 2025, with a 2% credit for the breach); runs the
 * statement batch for April, follows its progress (JavaScript off: the user asks the page to reload
 * until done) and downloads the ZIP, whose PDFs carry the issued figures.
 *
 * The whole journey runs with JavaScript on, then again on a second partnership with JavaScript off
 * (the tables and the CSV uploads swapped between activity and baselines, so both ways are used
 * each time). axe-core finds nothing at WCAG 2.2 AA on any page visited; the only console errors are
 * Chrome's lines for the pages answered 4xx on purpose (a form with errors).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgreementVersionView } from '../../src/agreements/dto';
import type { InvitationView, MemberView } from '../../src/consortia/dto';
import type { CostList } from '../../src/ledger/dto';
import { formatGbp, formatReduction } from '../../src/reports/view/format';
import type { ServiceLineView } from '../../src/service-lines/dto';
import type { SlaView } from '../../src/slas/dto';
import type { ClosedMonthView, MonthPreviewView, StatementView } from '../../src/statements/dto';
import type { HTTPRequest } from 'puppeteer';
import { pdfPages } from '../support/pdf';
import { axeViolations, FRESH_USERS as USERS, openPage, signIn, startFreshWebWorld, textOf, type OpenPage, type WebWorld } from './support/browser';

/** Chrome logs a page answered 4xx on purpose as a console error: those lines, nothing else. */
const answered = (...statuses: number[]) => {
  const text: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' };
  return statuses.map((s) => `console: Failed to load resource: the server responded with a status of ${s} (${text[s]})`);
};

/** The statement lines of the month's figures table, in the page's order. */
const LINES = ['operating', 'fee', 'investment', 'sharedRisk', 'attributedRisk', 'credits', 'charge', 'baseline', 'savings', 'feeIncome', 'creditsFunded'] as const;

/**
 * April 2026 as the rulebook prices it (domain.md §11, April 2025: the same organisations, costs,
 * activity, bases and fee), Riverside's payroll accuracy breached: 2% of its payroll charge
 * (11052.63 + 276.32) × 2% = 226.58 credited, funded by the host.
 */
const APRIL: Record<'host' | 'riverside', Partial<Record<(typeof LINES)[number], string>>> = {
  host: {
    operating: '80485.83',
    fee: '2012.14',
    investment: '0.00',
    sharedRisk: '0.00',
    attributedRisk: '0.00',
    credits: '0.00',
    charge: '82497.97',
    baseline: '160000.00',
    savings: '77502.03',
    feeIncome: '3250.00',
    creditsFunded: '226.58',
  },
  riverside: {
    operating: '49514.17',
    fee: '1237.86',
    investment: '0.00',
    sharedRisk: '0.00',
    attributedRisk: '0.00',
    credits: '-226.58',
    charge: '50525.45',
    baseline: '100833.33',
    savings: '50307.88',
  },
};

/** One partnership's journey: its state, filled in step by step. */
class Run {
  /** The host's administrator's page, signed in, kept through the journey. */
  p!: OpenPage;
  id = '';
  lines: Record<'FIN' | 'PAY', string> = { FIN: '', PAY: '' };
  /** Console errors expected on the host's page so far (Chrome's lines for 4xx answered on purpose). */
  expected: string[] = [];
  constructor(
    readonly js: boolean,
    readonly name: string,
  ) {}
}

describe('web: the host runs a partnership’s month end to end (browser)', () => {
  let w: WebWorld;
  const tmp = mkdtempSync(join(tmpdir(), 'host-journey-'));
  beforeAll(async () => {
    w = await startFreshWebWorld();
  }, 180_000);
  afterAll(() => w?.close());

  const runs = [new Run(true, 'Kingsford Back Office Partnership'), new Run(false, 'Ashdown Finance and Payroll Partnership')];

  // ---- helpers (as the other host specs: submit, fill, summary, post, csrfOf) ----

  async function api<T>(email: string, path: string): Promise<T> {
    const res = await w.t.http.get(`/api/v1${path}`).set('Authorization', await w.api(email));
    expect([path, res.status]).toEqual([path, 200]);
    return res.body as T;
  }
  async function submit(p: OpenPage, selector: string): Promise<number> {
    const [res] = await Promise.all([p.page.waitForNavigation(), p.page.click(selector)]);
    return res!.status();
  }
  async function fill(p: OpenPage, selector: string, value: string): Promise<void> {
    await p.page.$eval(selector, (e) => ((e as unknown as { value: string }).value = ''));
    if (value) await p.page.type(selector, value);
  }
  const summary = (p: OpenPage) => p.page.$$eval('.nhsuk-error-summary a', (a) => a.map((x) => [(x.textContent ?? '').trim(), x.getAttribute('href') ?? '']));
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
  /** Follows a link of the host's sub-navigation (or any link) to a partnership page, as a user does. */
  async function follow(p: OpenPage, href: string): Promise<void> {
    expect(await submit(p, `a[href="${href}"]`)).toBe(200);
  }
  /** The page passes axe, and its console errors are only the ones expected so far. */
  async function clean(r: Run | OpenPage): Promise<void> {
    const p = 'p' in r ? r.p : r;
    expect(await axeViolations(p)).toEqual([]);
    expect(p.problems).toEqual('p' in r ? r.expected : []);
  }
  async function upload(p: OpenPage, input: string, button: string, name: string, text: string): Promise<number> {
    const file = join(tmp, name);
    writeFileSync(file, text);
    // as a user does: the file chooser opened from the field
    const [chooser] = await Promise.all([p.page.waitForFileChooser(), p.page.click(input)]);
    await chooser.accept([file]);
    return submit(p, button);
  }
  const csvErrors = (p: OpenPage, id: string) => p.page.$$eval(`#${id} tbody tr`, (trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
  /** The figures of a month's table (preview or issued): [organisation, line, text]. */
  const figures = (p: OpenPage, table: string) =>
    p.page.$$eval(`#${table} td[data-figure]`, (tds) => tds.map((td) => [td.getAttribute('data-organisation'), td.getAttribute('data-figure'), td.textContent?.trim()]));
  const expectedFigures = (items: { organisationId: string; statement: object }[]) =>
    LINES.flatMap((k) =>
      items.map((i) => {
        const v = (i.statement as Record<string, unknown>)[k];
        return [i.organisationId, k, typeof v === 'string' ? formatGbp(v) : '\u2013'];
      }),
    );
  const ods = { host: 'DNV01', riverside: 'DRV02' };

  // ---- the journey's steps, each a test, run for each partnership in turn ----

  async function setUp(r: Run): Promise<void> {
    r.p = await openPage(w, { js: r.js });
    const p = r.p;
    // a fresh database: before the first run, no partnership at all
    if (r === runs[0]) expect((await api<{ items: unknown[] }>(USERS.host, '/consortia')).items).toEqual([]);
    await signIn(w, p, USERS.host);
    await clean(r);
    expect(await submit(p, '#set-up-partnership')).toBe(200);
    expect(await textOf(p.page, 'h1')).toContain('What is the partnership called?');
    await clean(r);
    if (r.js) {
      // nothing entered: the error summary links to the field
      expect(await submit(p, '#continue')).toBe(400);
      r.expected.push(...answered(400));
      expect(await summary(p)).toEqual([['Enter a name for the partnership', '#name']]);
      expect(await p.page.title()).toMatch(/^Error: /);
      await clean(r);
    }
    await p.page.type('#name', r.name);
    expect(await submit(p, '#continue')).toBe(200);
    expect(await textOf(p.page, 'h1')).toContain('How are the services delivered?');
    await clean(r);
    await p.page.click('#deliveryModel-cooperative');
    expect(await submit(p, '#continue')).toBe(200);
    expect(await textOf(p.page, 'h1')).toContain('When does the partnership start?');
    await clean(r);
    await p.page.type('#startDate-day', '1');
    await p.page.type('#startDate-month', '4');
    await p.page.type('#startDate-year', '2026');
    expect(await submit(p, '#continue')).toBe(200);

    expect(await textOf(p.page, 'h1')).toBe('Check your answers before setting up the partnership');
    const rows = await p.page.$$eval('#answers .nhsuk-summary-list__row', (rs) =>
      rs.map((x) => [x.querySelector('dt')!.textContent!.trim(), x.querySelector('dd')!.textContent!.trim()]),
    );
    expect(rows).toEqual([
      ['Name', r.name],
      ['Host organisation', 'North Vale Hospitals NHS Foundation Trust'],
      ['Delivery model', 'Co-operative'],
      ['Start date', '1 April 2026'],
    ]);
    await clean(r);
    expect(await submit(p, '#create')).toBe(200);
    r.id = new URL(p.page.url()).pathname.split('/')[2];
    expect(await textOf(p.page, '#confirmation')).toContain(`${r.name} has been set up`);
    await clean(r);
    expect(await api<object>(USERS.host, `/consortia/${r.id}`)).toMatchObject({
      name: r.name,
      deliveryModel: 'cooperative',
      startDate: '2026-04-01',
      hostOrganisationId: w.orgs.host,
    });
  }

  async function invite(r: Run): Promise<void> {
    const { p, id } = r;
    await follow(p, `/consortium/${id}/members`);
    expect(await textOf(p.page, 'h1')).toBe('Members and invitations');
    await clean(r);
    await p.page.select('#organisationId', w.orgs.riverside);
    await p.page.type('#joinedOn-day', '1');
    await p.page.type('#joinedOn-month', '4');
    await p.page.type('#joinedOn-year', '2026');
    expect(await submit(p, '#send-invitation')).toBe(200);
    expect(await textOf(p.page, '#confirmation')).toContain('Riverside Community Health NHS Trust has been invited');
    await clean(r);
    const [invitation] = (await api<{ items: InvitationView[] }>(USERS.host, `/consortia/${id}/invitations`)).items;
    expect(invitation).toMatchObject({ organisationId: w.orgs.riverside, status: 'pending', joinedOn: '2026-04-01' });
    expect(await p.page.$eval(`[data-invitation="${invitation.id}"]`, (x) => x.getAttribute('data-status'))).toBe('pending');

    // Riverside's administrator accepts from the invitations waiting for it
    const a = await openPage(w, { js: r.js });
    await signIn(w, a, USERS.partnerAdmin);
    expect(await textOf(a.page, '#invitations-waiting')).toContain('invitation to join a partnership waiting');
    expect(await submit(a, '#invitations-waiting a')).toBe(200);
    expect(await textOf(a.page, 'h1')).toBe('Invitations to join a partnership');
    await clean(a);
    expect(await submit(a, `#invitation-${invitation.id} form[action$="/accept"] button`)).toBe(200);
    expect(await textOf(a.page, '#confirmation')).toContain(`Riverside Community Health NHS Trust has joined ${r.name}`);
    await clean(a);
    // a member, not the host: the host's pages are the 403 page, as the API answers
    const refused = await a.page.goto(`${w.base}/consortium/${id}/costs`);
    expect(refused!.status()).toBe(403);
    expect(await textOf(a.page, 'h1')).toBe('You cannot do this');
    expect((await w.t.http.get(`/api/v1/consortia/${id}/costs`).set('Authorization', await w.api(USERS.partnerAdmin))).status).toBe(403);
    const crafted = await post(a, `/consortium/${id}/costs`, { _csrf: await csrfOf(a), month: '2026-04', category: 'investment', amount: '10.00', description: 'Not the host' });
    expect(crafted.status).toBe(403);
    expect((await api<CostList>(USERS.host, `/consortia/${id}/costs`)).total).toBe(0);
    expect(await axeViolations(a)).toEqual([]);
    expect(a.problems).toEqual(answered(403));
    await a.page.browserContext().close();

    await p.page.reload();
    const members = await api<{ items: MemberView[] }>(USERS.host, `/consortia/${id}/members`);
    expect(members.items.map((m) => [m.organisationId, m.joinedOn]).sort()).toEqual(
      [
        [w.orgs.host, '2026-04-01'],
        [w.orgs.riverside, '2026-04-01'],
      ].sort(),
    );
    expect(await p.page.$$eval('#members tbody tr', (rs) => rs.map((x) => x.getAttribute('data-organisation')))).toEqual([w.orgs.host, w.orgs.riverside]);
    expect(await p.page.$eval(`[data-invitation="${invitation.id}"]`, (x) => x.getAttribute('data-status'))).toBe('accepted');
    await clean(r);
  }

  async function serviceLinesAndSla(r: Run): Promise<void> {
    const { p, id } = r;
    await follow(p, `/consortium/${id}/service-lines`);
    await clean(r);
    for (const l of [
      { name: 'Finance transactions', code: 'FIN', fn: 'finance' },
      { name: 'Payroll services', code: 'PAY', fn: 'payroll' },
    ]) {
      expect(await submit(p, '#add-line')).toBe(200);
      await clean(r);
      await p.page.type('#name', l.name);
      await p.page.type('#code', l.code);
      await p.page.select('#function', l.fn);
      await p.page.click('#classification');
      expect(await submit(p, '#save-line')).toBe(200);
      expect(await textOf(p.page, '#confirmation')).toContain(`${l.name} has been added`);
    }
    const lines = (await api<{ items: ServiceLineView[] }>(USERS.host, `/consortia/${id}/service-lines`)).items;
    expect(lines.map((l) => [l.code, l.goLive, l.recipientIds]).sort()).toEqual([
      ['FIN', '2026-04', null],
      ['PAY', '2026-04', null],
    ]);
    r.lines = { FIN: lines.find((l) => l.code === 'FIN')!.id, PAY: lines.find((l) => l.code === 'PAY')!.id };
    expect(await p.page.$$eval('#service-lines tbody tr [data-figure=code]', (cs) => cs.map((c) => c.textContent!.trim()))).toEqual(['FIN', 'PAY']);
    await clean(r);

    // an SLA on payroll: payroll accuracy from the catalogue, 2% credit below 99%
    await follow(p, `/consortium/${id}/slas`);
    await clean(r);
    expect(await submit(p, '[data-service-line=PAY] .app-add-sla')).toBe(200);
    await clean(r);
    await p.page.type('#name', 'Payroll SLA 2026 to 2027');
    await p.page.type('#creditCapPercent', '10');
    await p.page.type('#effectiveFrom-month', '4');
    await p.page.type('#effectiveFrom-year', '2026');
    await p.page.select('#targets-0-kpiCode', 'PAY_ACCURACY');
    await p.page.type('#targets-0-target', '99.5');
    await p.page.type('#targets-0-threshold', '99');
    await p.page.type('#targets-0-creditPercent', '2');
    expect(await submit(p, '#save-sla')).toBe(200);
    expect(await textOf(p.page, '#confirmation')).toContain('Payroll SLA 2026 to 2027 has been added');
    await clean(r);
    const [sla] = (await api<{ items: SlaView[] }>(USERS.host, `/consortia/${id}/slas`)).items;
    expect(sla).toMatchObject({ serviceLineId: r.lines.PAY, kind: 'SLA', frequency: 'monthly', creditCapPercent: '10', effectiveFrom: '2026-04', effectiveTo: null });
    expect(sla.targets.map((t) => [t.kpiCode, t.target, t.threshold, t.creditPercent])).toEqual([['PAY_ACCURACY', '99.5', '99', '2']]);
  }

  async function agreement(r: Run): Promise<void> {
    const { p, id } = r;
    const base = `/consortium/${id}/agreement`;
    await follow(p, base);
    await clean(r);
    expect(await submit(p, '#draft-link')).toBe(200);
    expect(await textOf(p.page, 'h1')).toBe('Change the agreement: draft of version 1');
    expect(await textOf(p.page, '#effectiveFrom-hint')).toContain('Leave it blank for April 2026.');
    await clean(r);
    await fill(p, '#managementFeePercent', r.js ? 'two and a half' : '2.5');
    await p.page.click('#basis-turnover');
    await p.page.select(`[id="serviceLineBases-${r.lines.PAY}"]`, 'activity');
    const exit = { minimumTermMonths: '36', noticeMonths: '6', earlyTerminationPercent: '25', strandedCostMonths: '12', fixedCostPercent: '40', amortisationMonths: '60' };
    for (const [k, v] of Object.entries(exit)) await fill(p, `#exit-${k}`, v);
    if (r.js) {
      // an error: listed, linked to its field, nothing saved
      expect(await submit(p, '#save-draft')).toBe(400);
      r.expected.push(...answered(400));
      expect(await summary(p)).toEqual([['The management fee must be a number with up to 4 decimal places, like 2.5', '#managementFeePercent']]);
      expect(await p.page.title()).toMatch(/^Error: Change the agreement/);
      await clean(r);
      const none = await w.t.http.get(`/api/v1/consortia/${id}/agreement/draft`).set('Authorization', await w.api(USERS.host));
      expect(none.status).toBe(404);
      await fill(p, '#managementFeePercent', '2.5');
    }
    expect(await submit(p, '#save-draft')).toBe(200);
    expect(new URL(p.page.url()).pathname).toBe(`${base}/draft/check`);
    expect(await textOf(p.page, '#confirmation')).toContain('The draft of version 1 was saved');
    await clean(r);
    const draft = await api<AgreementVersionView>(USERS.host, `/consortia/${id}/agreement/draft`);
    expect(draft).toMatchObject({
      version: 1,
      status: 'draft',
      model: 'cooperative',
      effectiveFrom: '2026-04',
      decisionRule: 'unanimous',
      basis: 'turnover',
      managementFeePercent: '2.5',
      serviceLineBases: { [r.lines.PAY]: 'activity' },
      exit: Object.fromEntries(Object.entries(exit).map(([k, v]) => [k, k.endsWith('Percent') ? v : Number(v)])),
    });

    // proposed from the check page; each member's approver votes
    expect(await submit(p, '#propose')).toBe(200);
    expect(new URL(p.page.url()).search).toBe('?proposed=1');
    expect(await textOf(p.page, '#confirmation')).toContain('Version 1 was proposed to the members');
    expect((await api<AgreementVersionView>(USERS.host, `/consortia/${id}/agreement/versions/1`)).status).toBe('proposed');
    await clean(r);
    const voters: [string, OpenPage][] = [[USERS.host, p]];
    const riverside = await openPage(w, { js: r.js });
    await signIn(w, riverside, USERS.partnerAdmin, base);
    voters.push([USERS.partnerAdmin, riverside]);
    for (const [n, [email, v]] of voters.entries()) {
      if (v === p) await p.page.goto(`${w.base}${base}`);
      expect(await textOf(v.page, '#proposal-heading')).toBe('Version 1: proposed to take effect from April 2026');
      // no terms in force to compare the first version with (the API's impact is 422 no_agreement): no comparison shown
      expect(await v.page.$('#impact')).toBeNull();
      await clean(v === p ? r : v);
      await v.page.click('#vote');
      expect([email, await submit(v, '#send-vote')]).toEqual([email, 200]);
      expect(new URL(v.page.url()).search).toBe('?voted=1');
      await clean(v === p ? r : v);
      const v1 = await api<AgreementVersionView>(USERS.host, `/consortia/${id}/agreement/versions/1`);
      expect(v1.status).toBe(n === 0 ? 'proposed' : 'approved');
    }
    await riverside.page.browserContext().close();
    await p.page.goto(`${w.base}${base}`);
    expect(await p.page.$eval('#versions tr[data-version="1"] [data-figure="status"]', (c) => c.textContent?.trim())).toBe('In force');
    const inForce = await api<AgreementVersionView>(USERS.host, `/consortia/${id}/agreement`);
    expect(inForce).toMatchObject({ version: 1, status: 'approved', effectiveFrom: '2026-04' });
    await clean(r);
  }

  async function costs(r: Run): Promise<void> {
    const { p, id } = r;
    const list = () => api<CostList>(USERS.host, `/consortia/${id}/costs?limit=500`);
    await follow(p, `/consortium/${id}/costs`);
    expect(await textOf(p.page, 'h1')).toBe('Costs');
    await clean(r);
    for (const c of [
      { line: 'FIN' as const, amount: '100000.00', description: 'Finance team, April' },
      { line: 'PAY' as const, amount: '30000.00', description: 'Payroll team, April' },
    ]) {
      await p.page.select('#month', '2026-04');
      await p.page.click('#category-operating');
      await p.page.select('#serviceLineId', r.lines[c.line]);
      await fill(p, '#amount', c.amount);
      await fill(p, '#description', c.description);
      const form = Object.fromEntries(
        await p.page.$$eval('#cost-form input, #cost-form select, #cost-form textarea', (es) =>
          es
            .filter((e) => (e as unknown as { type: string }).type !== 'radio' || (e as unknown as { checked: boolean }).checked)
            .map((e) => [(e as unknown as { name: string }).name, (e as unknown as { value: string }).value]),
        ),
      ) as Record<string, string>;
      expect(form.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
      const before = await list();
      // a double click on submit: the browser sends the form once or twice (the design system's button
      // holds back a second click with JavaScript on; without it the browser abandons the first request
      // for the second, which is not a fault); either way one entry, by the form's idempotency key
      let posts = 0;
      const count = (q: HTTPRequest) => void (q.method() === 'POST' && q.url() === `${w.base}/consortium/${id}/costs` && posts++);
      p.page.on('request', count);
      await Promise.all([p.page.waitForNavigation(), p.page.click('#record-cost', { count: 2, delay: 5 })]);
      p.page.off('request', count);
      expect([1, 2]).toContain(posts);
      // and the same form sent once more (a retry after a lost answer): recorded already, nothing new
      const again = await post(p, `/consortium/${id}/costs`, form);
      expect([again.status, again.location]).toEqual([303, expect.stringContaining('replayed=1')]);
      const after = await list();
      expect(after.total).toBe(before.total + 1);
      expect(after.items.filter((x) => x.description === c.description).map((x) => [x.month, x.category, x.serviceLineId, x.amount])).toEqual([
        ['2026-04', 'operating', r.lines[c.line], c.amount],
      ]);
      // the second click's navigation abandons the first's request: its POST, or the page it was sent on to
      const costsUrl = `${w.base}/consortium/${id}/costs`.replace(/[.?]/g, '\\$&');
      const abandoned = new RegExp(`^request failed: ${costsUrl}(\\?recorded=[^ ]+)? net::ERR_ABORTED$`);
      expect(p.problems.filter((x) => abandoned.test(x)).length).toBeLessThanOrEqual(1);
      for (let i = p.problems.length - 1; i >= 0; i--) if (abandoned.test(p.problems[i])) p.problems.splice(i, 1);
      expect(await textOf(p.page, '#recorded')).toMatch(/Cost recorded|This cost was already recorded/);
      expect(await textOf(p.page, '#recorded')).toContain(`${formatGbp(c.amount)} for April 2026`);
      await clean(r);
    }
    // the list and its total, as the API's
    await p.page.goto(`${w.base}/consortium/${id}/costs?from=2026-04&to=2026-04`);
    const april = await api<CostList>(USERS.host, `/consortia/${id}/costs?from=2026-04&to=2026-04`);
    expect(april.totalAmount).toBe('130000.00');
    expect(await textOf(p.page, '#costs-total [data-figure="totalAmount"]')).toBe('£130,000.00');
    expect(await textOf(p.page, '#costs-total [data-figure="count"]')).toBe('2 entries');
    await clean(r);
  }

  const activityOf = async (id: string) =>
    (await api<{ items: { serviceLineId: string; organisationId: string; volume: string }[] }>(USERS.host, `/consortia/${id}/activity?from=2026-04&to=2026-04&limit=500`)).items
      .map((a) => `${a.serviceLineId}/${a.organisationId}=${a.volume}`)
      .sort();
  const baselinesOf = async (id: string) =>
    (await api<{ items: { serviceLineId: string; organisationId: string; annualAmount: string; effectiveFrom: string }[] }>(USERS.host, `/consortia/${id}/baselines`)).items
      .map((b) => `${b.serviceLineId}/${b.organisationId}/${b.effectiveFrom}=${b.annualAmount}`)
      .sort();
  const BASELINES = { FIN: { host: '1500000.00', riverside: '950000.00' }, PAY: { host: '420000.00', riverside: '260000.00' } };

  async function activityCsv(r: Run): Promise<void> {
    const { p, id } = r;
    const tpl = await fetch(`${w.base}/consortium/${id}/activity/template.csv?month=2026-04`, { headers: { cookie: await cookie(p) } });
    expect([tpl.status, (await tpl.text()).split('\r\n')[0]]).toEqual([200, 'serviceLine,organisation,month,volume']);
    const bad = await upload(
      p,
      '#activity-file',
      '#upload-activity',
      `activity-bad-${r.js}.csv`,
      `serviceLine,organisation,month,volume\nPAY,${ods.host},2026-04,6000\nPAY,${ods.riverside},2026-04,lots\nHR,${ods.riverside},2026-04,10\n`,
    );
    expect(bad).toBe(400);
    r.expected.push(...answered(400));
    expect(await csvErrors(p, 'activity-csv-errors')).toEqual([
      ['3', 'volume', 'The volume must be a number of 0 or more with at most 2 decimals'],
      ['4', 'serviceLine', 'No service line with code HR'],
    ]);
    expect(await summary(p)).toEqual([['2 rows have problems, so nothing was saved: correct the rows listed and upload the file again', '#activity-file']]);
    expect(await p.page.title()).toMatch(/^Error: Activity and baselines/);
    await clean(r);
    expect(await activityOf(id)).toEqual([]);
    expect(
      await upload(
        p,
        '#activity-file',
        '#upload-activity',
        `activity-${r.js}.csv`,
        `serviceLine,organisation,month,volume\nPAY,${ods.host},2026-04,6000\nPAY,${ods.riverside},2026-04,3500\n`,
      ),
    ).toBe(200);
    expect(await textOf(p.page, '#saved')).toContain('2 volumes were saved');
    await clean(r);
  }

  async function activityTable(r: Run): Promise<void> {
    const { p, id } = r;
    const host = `#volume-${r.lines.PAY}-${w.orgs.host}`;
    const riverside = `#volume-${r.lines.PAY}-${w.orgs.riverside}`;
    await fill(p, host, '6,000');
    await fill(p, riverside, 'lots');
    expect(await submit(p, '#save-activity')).toBe(400);
    r.expected.push(...answered(400));
    expect((await summary(p)).map((x) => x[1])).toEqual([riverside]);
    await clean(r);
    expect(await activityOf(id)).toEqual([]);
    await fill(p, riverside, '3500');
    expect(await submit(p, '#save-activity')).toBe(200);
    expect(await textOf(p.page, '#saved')).toContain('volumes were saved for April 2026');
    await clean(r);
  }

  async function baselinesCsv(r: Run): Promise<void> {
    const { p, id } = r;
    const tpl = await fetch(`${w.base}/consortium/${id}/activity/baselines-template.csv`, { headers: { cookie: await cookie(p) } });
    expect([tpl.status, (await tpl.text()).split('\r\n')[0]]).toEqual([200, 'serviceLine,organisation,annualAmount,effectiveFrom']);
    const rows = (['FIN', 'PAY'] as const).flatMap((l) => (['host', 'riverside'] as const).map((m) => `${l},${ods[m]},${BASELINES[l][m]},2026-04`));
    const bad = await upload(
      p,
      '#baseline-file',
      '#upload-baselines',
      `baselines-bad-${r.js}.csv`,
      `serviceLine,organisation,annualAmount,effectiveFrom\n${rows[0]}\nFIN,${ods.riverside},-950000.00,2026-04\nPAY,${ods.host},420000.00,April\n`,
    );
    expect(bad).toBe(400);
    r.expected.push(...answered(400));
    expect((await csvErrors(p, 'baseline-csv-errors')).map((x) => x.slice(0, 2))).toEqual([
      ['3', 'annualAmount'],
      ['4', 'effectiveFrom'],
    ]);
    await clean(r);
    expect(await baselinesOf(id)).toEqual([]);
    expect(await upload(p, '#baseline-file', '#upload-baselines', `baselines-${r.js}.csv`, `serviceLine,organisation,annualAmount,effectiveFrom\n${rows.join('\n')}\n`)).toBe(200);
    expect(await textOf(p.page, '#saved')).toContain('4 baselines were saved');
    await clean(r);
  }

  async function baselinesTable(r: Run): Promise<void> {
    const { p } = r;
    for (const l of ['FIN', 'PAY'] as const) for (const m of ['host', 'riverside'] as const) await fill(p, `#baseline-${r.lines[l]}-${w.orgs[m]}`, formatGbp(BASELINES[l][m]));
    expect(await submit(p, '#save-baselines')).toBe(200);
    expect(await textOf(p.page, '#saved')).toContain('4 baselines were saved');
    await clean(r);
  }

  async function activityAndBaselines(r: Run): Promise<void> {
    const { p, id } = r;
    await follow(p, `/consortium/${id}/activity`);
    expect(await textOf(p.page, 'h1')).toBe('Activity and baselines');
    expect(await textOf(p.page, '#activity-heading')).toBe('Activity for April 2026');
    await clean(r);
    // with JavaScript on, activity by CSV and baselines by the table; off, the other way round
    if (r.js) {
      await activityCsv(r);
      await baselinesTable(r);
    } else {
      await activityTable(r);
      await baselinesCsv(r);
    }
    expect(await activityOf(id)).toEqual([`${r.lines.PAY}/${w.orgs.host}=6000.00`, `${r.lines.PAY}/${w.orgs.riverside}=3500.00`].sort());
    expect(await baselinesOf(id)).toEqual(
      (['FIN', 'PAY'] as const).flatMap((l) => (['host', 'riverside'] as const).map((m) => `${r.lines[l]}/${w.orgs[m]}/2026-04=${BASELINES[l][m]}`)).sort(),
    );
  }

  async function measurement(r: Run): Promise<void> {
    const { p, id } = r;
    await follow(p, `/consortium/${id}/measurements`);
    expect(await textOf(p.page, 'h1')).toBe('Submit measurements');
    await clean(r);
    // the template, then a file with a bad row: the row listed, nothing written
    const tpl = await fetch(`${w.base}${await p.page.$eval('#csv-template', (a) => a.getAttribute('href')!)}`, { headers: { cookie: await cookie(p) } });
    expect([tpl.status, (await tpl.text()).split(/\r?\n/)[0]]).toEqual([200, 'kpiCode,serviceLine,organisation,month,value']);
    const bad = await upload(
      p,
      '#file',
      '#upload-file',
      `measurements-bad-${r.js}.csv`,
      `kpiCode,serviceLine,organisation,month,value\nPAY_ACCURACY,PAY,${ods.host},2026-04,99.9\nPAY_ACCURACY,PAY,${ods.riverside},2026-04,lots\n`,
    );
    expect(bad).toBe(400);
    r.expected.push(...answered(400));
    expect(await csvErrors(p, 'csv-errors')).toEqual([['3', 'value', 'Value must be a number with at most four decimals']]);
    expect(await summary(p)).toEqual([[expect.stringContaining('1 row has problems, so nothing was saved'), '#file']]);
    await clean(r);
    expect((await api<{ items: unknown[] }>(USERS.host, `/consortia/${id}/measurements?limit=50`)).items).toEqual([]);
    expect(
      await upload(p, '#file', '#upload-file', `measurements-${r.js}.csv`, `kpiCode,serviceLine,organisation,month,value\nPAY_ACCURACY,PAY,${ods.riverside},2026-04,98.7\n`),
    ).toBe(200);
    expect(await textOf(p.page, '#confirmation')).toContain('1 measurement was accepted');
    await clean(r);
    const m = await api<{ items: { kpiCode: string; month: string; value: string; organisationId: string | null; serviceLineId: string }[] }>(
      USERS.host,
      `/consortia/${id}/measurements?limit=50`,
    );
    expect(m.items.map((x) => [x.kpiCode, x.serviceLineId, x.organisationId, x.month, x.value])).toEqual([['PAY_ACCURACY', r.lines.PAY, w.orgs.riverside, '2026-04', '98.7']]);
  }

  async function closeApril(r: Run): Promise<void> {
    const { p, id } = r;
    await follow(p, `/consortium/${id}/months`);
    expect(await textOf(p.page, '#next-heading')).toBe('Next month to close: April 2026');
    expect(await p.page.$('#none-closed')).not.toBeNull();
    await clean(r);
    expect(await submit(p, '#preview-next')).toBe(200);
    expect(await textOf(p.page, 'h1')).toBe('Preview April 2026');
    await clean(r);
    const preview = await api<MonthPreviewView>(USERS.host, `/consortia/${id}/months/2026-04/preview`);
    expect(preview.items.map((i) => i.organisationId).sort()).toEqual([w.orgs.host, w.orgs.riverside].sort());
    // the preview is the rulebook's April, and the page shows the API's preview
    for (const i of preview.items) {
      const key = i.organisationId === w.orgs.host ? 'host' : 'riverside';
      expect([key, i.statement]).toMatchObject([key, APRIL[key]]);
    }
    const shown = await figures(p, 'preview-figures');
    expect(shown).toEqual(expectedFigures(preview.items));
    const shownHashes = await p.page.$$eval('#preview-figures-hashes [data-figure="contentHash"]', (cs) => cs.map((c) => c.textContent));
    expect(shownHashes).toEqual(preview.items.map((i) => i.contentHash));

    expect(await submit(p, '#continue-to-close')).toBe(200);
    expect(await textOf(p.page, 'h1')).toBe('Close April 2026: this cannot be undone');
    await clean(r);
    // the close posted without its CSRF token: refused, the month still open
    const token = await p.page.$eval('#close-form input[name=previewToken]', (i) => (i as unknown as { value: string }).value);
    expect(token).toBe(preview.previewToken);
    const forged = await post(p, `/consortium/${id}/months/2026-04/close`, { previewToken: token });
    expect(forged.status).toBe(403);
    expect((await api<{ nextToClose: string }>(USERS.host, `/consortia/${id}/months`)).nextToClose).toBe('2026-04');

    await p.page.type('#note', 'Reconciled with the general ledger');
    expect(await submit(p, '#close-month')).toBe(200);
    expect(new URL(p.page.url()).pathname).toBe(`/consortium/${id}/months/2026-04`);
    expect(await textOf(p.page, '#confirmation')).toContain('April 2026 is closed');
    await clean(r);
    expect((await api<{ nextToClose: string }>(USERS.host, `/consortia/${id}/months`)).nextToClose).toBe('2026-05');

    // issued = previewed, figure by figure and hash by hash: on the page and from the API
    expect(await figures(p, 'issued-figures')).toEqual(shown);
    expect(await p.page.$$eval('#issued-figures-hashes [data-figure="contentHash"]', (cs) => cs.map((c) => c.textContent))).toEqual(shownHashes);
    const issued = await api<ClosedMonthView>(USERS.host, `/consortia/${id}/months/2026-04/statements`);
    expect(issued.items.map((i) => [i.organisationId, i.contentHash, i.statement])).toEqual(preview.items.map((i) => [i.organisationId, i.contentHash, i.statement]));
    // and the API's statements for the month are the issued ones
    for (const i of issued.items) {
      const st = await api<StatementView>(USERS.host, `/consortia/${id}/statements/${i.organisationId}?from=2026-04&to=2026-04`);
      const lines = (s: object) => Object.fromEntries(LINES.filter((k) => k in s).map((k) => [k, (s as Record<string, unknown>)[k]]));
      expect(lines(st)).toEqual(lines(i.statement));
    }
  }

  async function batch(r: Run): Promise<void> {
    const { p, id } = r;
    await follow(p, `/consortium/${id}/batches`);
    expect(await textOf(p.page, 'h1')).toBe('Statement batches');
    await clean(r);
    await p.page.select('#from', '2026-04');
    await p.page.select('#to', '2026-04');
    expect(await submit(p, 'main form button[type=submit]')).toBe(200);
    const jobId = new URL(p.page.url()).pathname.split('/').at(-1)!;
    expect(await textOf(p.page, 'h1')).toBe('Statements for April 2026');
    // JavaScript on: the page redraws itself; off: the user asks it to reload until the batch is done
    if (!r.js && (await p.page.$('#batch-follow'))) await submit(p, '#batch-follow').catch(() => 0);
    const done = () => p.page.$('#batch-zip').then(Boolean, () => false);
    for (let i = 0; !(await done()); i++) {
      if (i > 240) throw new Error(`the batch never finished: ${await textOf(p.page, 'main')}`);
      await new Promise((res) => setTimeout(res, 500));
    }
    await p.page.waitForNetworkIdle({ idleTime: 300 }).catch(() => undefined);
    const job = await api<{ status: string; done: number; total: number; files: { organisationId: string; organisationName: string }[] }>(
      USERS.host,
      `/consortia/${id}/reports/jobs/${jobId}`,
    );
    expect([job.status, job.done, job.total]).toEqual(['completed', 2, 2]);
    expect(await textOf(p.page, '#batch-progress-text')).toBe('2 of 2 statements ready');
    await clean(r);

    // the ZIP: one PDF per member, each with the figures issued when April was closed
    const href = await p.page.$eval('#batch-zip', (a) => a.getAttribute('href')!);
    const res = await fetch(`${w.base}${href}`, { headers: { cookie: await cookie(p) } });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/zip']);
    const zip = join(tmp, `batch-${r.js ? 'on' : 'off'}.zip`);
    writeFileSync(zip, Buffer.from(await res.arrayBuffer()));
    const names = execFileSync('unzip', ['-Z', '-1', zip]).toString('utf8').trim().split('\n');
    expect(names).toEqual(job.files.map((f) => `${f.organisationName} statement 2026-04 to 2026-04.pdf`));
    const issued = await api<ClosedMonthView>(USERS.host, `/consortia/${id}/months/2026-04/statements`);
    expect(job.files.map((f) => f.organisationId).sort()).toEqual([w.orgs.host, w.orgs.riverside].sort());
    for (const [i, f] of job.files.entries()) {
      const text = (await pdfPages(execFileSync('unzip', ['-p', zip, names[i]], { maxBuffer: 64 * 1024 * 1024 }))).text.replace(/\s+/g, ' ');
      const key = f.organisationId === w.orgs.host ? 'host' : 'riverside';
      const item = issued.items.find((x) => x.organisationId === f.organisationId)!;
      const st = item.statement as unknown as Record<string, string> & { serviceLines: Record<string, string>[] };
      // the member's own statement, for April 2026
      expect(text).toContain(`Statement for ${f.organisationName}`);
      expect(text).toContain('April 2026');
      // every figure issued when April was closed (the rulebook's, asserted at the close), as the PDF prints it
      const printed: [string, string][] = [
        ['operating', formatGbp(st.operating)],
        ['fee', formatGbp(st.fee)],
        ['charge', formatGbp(st.charge)],
        ['baseline', formatGbp(st.baseline)],
        ['savings', formatGbp(st.savings)],
        ['credits', formatReduction(st.credits)],
      ];
      if (key === 'host') printed.push(['feeIncome', formatGbp(st.feeIncome)], ['creditsFunded', formatReduction(st.creditsFunded)]);
      for (const l of st.serviceLines) for (const k of ['operating', 'fee', 'baseline']) printed.push([`${l.code}.${k}`, formatGbp(l[k])]);
      expect(printed.filter(([, v]) => !text.includes(v)).map(([k, v]) => `${f.organisationName}: ${k} ${v}`)).toEqual([]);
      // and they are April's figures of the rulebook, not merely the API's
      for (const k of ['charge', 'baseline', 'savings'] as const) expect(text).toContain(formatGbp(APRIL[key][k]!));
      if (key === 'riverside') expect(text).toContain(`Service credits of ${formatGbp('226.58')} were deducted`);
      else expect(text).toContain(`received ${formatGbp('3250.00')} in management fees and funded ${formatGbp('226.58')} of service credits`);
    }
  }

  const steps: [string, (r: Run) => Promise<void>][] = [
    ['sets up a partnership that started on 1 April 2026, after checking the answers', setUp],
    ['invites Riverside, whose administrator accepts', invite],
    ['adds the finance and payroll service lines and an SLA on payroll', serviceLinesAndSla],
    ['drafts the agreement (bases, fee, exit terms), proposes it; each member’s approver votes until it is approved', agreement],
    ['enters April’s costs: a double click on submit makes one entry', costs],
    ['enters April’s activity and baselines: bad rows listed and nothing written, then saved', activityAndBaselines],
    ['submits a measurement that breaches the SLA, by CSV (a file with a bad row first: listed, nothing written)', measurement],
    ['previews April and closes it: the issued figures are the preview’s, the API’s and the rulebook’s', closeApril],
    ['runs a statement batch for the closed month, follows its progress and downloads the ZIP: its PDFs carry the issued figures', batch],
  ];
  for (const r of runs) {
    for (const [n, [title, step]] of steps.entries()) {
      it(`JavaScript ${r.js ? 'on' : 'off'}, ${n + 1}. ${title}`, () => step(r), 240_000);
    }
  }
});
