/**
 * The host's set-up pages (issue 15), in real Chromium: set up a new partnership through the
 * question pages and "check your answers" (JavaScript on, and once off), invite an organisation and
 * accept as its administrator, add two service lines and change one, add an SLA with a target from
 * the catalogue filtered by the line's function, retire it after its confirmation page. Each page's
 * list equals the API's; validation errors are listed and linked to their fields; a member's user
 * gets the 403 page and another partnership the 404 page, as the API answers; a form without its
 * CSRF token is refused with nothing written; axe finds nothing at WCAG 2.2 AA.
 */
import type { InvitationView, MemberView } from '../../src/consortia/dto';
import type { ServiceLineView } from '../../src/service-lines/dto';
import type { SlaView } from '../../src/slas/dto';
import { ADMIN } from '../support/app';
import { axeViolations, openPage, signIn, startWebWorld, textOf, USERS, type OpenPage, type WebWorld } from './support/browser';

/** Chrome logs a page answered 4xx on purpose as a console error: those lines, nothing else. */
const answered = (...statuses: number[]) => {
  const text: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' };
  return statuses.map((s) => `console: Failed to load resource: the server responded with a status of ${s} (${text[s]})`);
};

describe('web: the host sets up a partnership (browser)', () => {
  let w: WebWorld;
  /** The partnership set up with JavaScript on (the later tests work in it). */
  let id: string;
  beforeAll(async () => {
    w = await startWebWorld();
  }, 180_000);
  afterAll(() => w?.close());

  async function api<T>(email: string, path: string): Promise<T> {
    const res = await w.t.http.get(`/api/v1${path}`).set('Authorization', await w.api(email));
    expect(res.status).toBe(200);
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

  /** The error summary's links: [text, href]. */
  const summary = (p: OpenPage) => p.page.$$eval('.nhsuk-error-summary a', (a) => a.map((x) => [(x.textContent ?? '').trim(), x.getAttribute('href') ?? '']));

  async function cookie(p: OpenPage): Promise<string> {
    return (await p.page.browserContext().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  }

  /** Posts a form as the signed-in browser would, without the browser (a crafted request). */
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

  it('sets up a partnership: question pages with their errors, check your answers with a change, then its overview (JavaScript on)', async () => {
    const p = await openPage(w);
    await signIn(w, p, USERS.host);
    expect(await axeViolations(p)).toEqual([]);
    expect(await submit(p, '#set-up-partnership')).toBe(200);
    expect(new URL(p.page.url()).pathname).toBe('/consortium/new');
    expect(await textOf(p.page, 'h1')).toContain('What is the partnership called?');
    expect(await axeViolations(p)).toEqual([]);

    // nothing entered: the error summary links to the field, the title says "Error: "
    expect(await submit(p, '#continue')).toBe(400);
    expect(await summary(p)).toEqual([['Enter a name for the partnership', '#name']]);
    expect(await p.page.title()).toMatch(/^Error: /);
    expect(await axeViolations(p)).toEqual([]);
    await p.page.type('#name', 'Eastfield Payroll Partnershp');
    expect(await submit(p, '#continue')).toBe(200);

    expect(await textOf(p.page, 'h1')).toContain('How are the services delivered?');
    expect(await p.page.$$eval('input[name=deliveryModel]', (i) => i.map((x) => (x as unknown as { value: string; name: string }).value))).toEqual([
      'in_house',
      'cooperative',
      'shared_services_company',
      'joint_venture',
      'outsourcing',
    ]);
    expect(await axeViolations(p)).toEqual([]);
    expect(await submit(p, '#continue')).toBe(400);
    expect(await summary(p)).toEqual([['Select how the services are delivered', '#deliveryModel']]);
    await p.page.click('#deliveryModel-cooperative');
    expect(await submit(p, '#continue')).toBe(200);

    expect(await textOf(p.page, 'h1')).toContain('When does the partnership start?');
    await p.page.type('#startDate-day', '31');
    await p.page.type('#startDate-month', '2');
    await p.page.type('#startDate-year', '2027');
    expect(await submit(p, '#continue')).toBe(400);
    expect(await summary(p)).toEqual([['The start date must be a real date, for example 1 4 2026', '#startDate-day']]);
    expect(await axeViolations(p)).toEqual([]);
    await fill(p, '#startDate-day', '1');
    await fill(p, '#startDate-month', '4');
    expect(await submit(p, '#continue')).toBe(200);

    expect(await textOf(p.page, 'h1')).toBe('Check your answers before setting up the partnership');
    const rows = () =>
      p.page.$$eval('#answers .nhsuk-summary-list__row', (r) => r.map((x) => [x.querySelector('dt')!.textContent!.trim(), x.querySelector('dd')!.textContent!.trim()]));
    expect(await rows()).toEqual([
      ['Name', 'Eastfield Payroll Partnershp'],
      ['Host organisation', 'North Vale Hospitals NHS Foundation Trust'],
      ['Delivery model', 'Co-operative'],
      ['Start date', '1 April 2027'],
    ]);
    expect(await axeViolations(p)).toEqual([]);
    // the typo: "Change" goes back to the question with the answer, and back here
    expect(await submit(p, '[data-answer=name] a')).toBe(200);
    expect(await p.page.$eval('#name', (i) => (i as unknown as { value: string; name: string }).value)).toBe('Eastfield Payroll Partnershp');
    await fill(p, '#name', 'Eastfield Payroll Partnership');
    expect(await submit(p, '#continue')).toBe(200);
    expect(new URL(p.page.url()).pathname).toBe('/consortium/new/check');
    expect((await rows())[0]).toEqual(['Name', 'Eastfield Payroll Partnership']);

    const before = (await api<{ total: number }>(USERS.host, '/consortia')).total;
    expect(await submit(p, '#create')).toBe(200);
    id = new URL(p.page.url()).pathname.split('/')[2];
    expect(await textOf(p.page, '#confirmation')).toContain('Eastfield Payroll Partnership has been set up');
    expect(await axeViolations(p)).toEqual([]);
    const made = await api<{ name: string; deliveryModel: string; startDate: string; hostOrganisationId: string }>(USERS.host, `/consortia/${id}`);
    expect(made).toMatchObject({ name: 'Eastfield Payroll Partnership', deliveryModel: 'cooperative', startDate: '2027-04-01', hostOrganisationId: w.orgs.host });
    expect((await api<{ total: number }>(USERS.host, '/consortia')).total).toBe(before + 1);
    expect(p.problems).toEqual(answered(400, 400, 400));
  }, 240_000);

  it('sets up a partnership with JavaScript off; the check page posted without its CSRF token sets up nothing', async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.host, '/consortium/new');
    await p.page.type('#name', 'Westfield HR Partnership');
    expect(await submit(p, '#continue')).toBe(200);
    await p.page.click('input[name=deliveryModel][value=in_house]');
    expect(await submit(p, '#continue')).toBe(200);
    await p.page.type('#startDate-day', '1');
    await p.page.type('#startDate-month', '5');
    await p.page.type('#startDate-year', '2027');
    expect(await submit(p, '#continue')).toBe(200);
    expect(await axeViolations(p)).toEqual([]);
    const before = (await api<{ total: number }>(USERS.host, '/consortia')).total;
    const fields = await p.page.$$eval('#create-form input[type=hidden]', (i) =>
      i.map((x) => [(x as unknown as { value: string; name: string }).name, (x as unknown as { value: string; name: string }).value]),
    );
    const forged = await post(p, '/consortium/new/check', Object.fromEntries(fields.filter(([n]) => n !== '_csrf')));
    expect(forged.status).toBe(403);
    expect((await api<{ total: number }>(USERS.host, '/consortia')).total).toBe(before);
    expect(await submit(p, '#create')).toBe(200);
    expect(await textOf(p.page, '#confirmation')).toContain('Westfield HR Partnership has been set up');
    expect((await api<{ total: number }>(USERS.host, '/consortia')).total).toBe(before + 1);
    expect(p.problems).toEqual([]);
  }, 240_000);

  it("a partner user is not offered the journey, and gets the API's 403", async () => {
    const p = await openPage(w);
    await signIn(w, p, USERS.partner);
    expect(await p.page.$('#set-up-partnership')).toBeNull();
    const res = await p.page.goto(`${w.base}/consortium/new`);
    expect(res!.status()).toBe(403);
    const viaApi = await w.t.http
      .post('/api/v1/consortia')
      .set('Authorization', await w.api(USERS.partner))
      .send({ name: 'X', deliveryModel: 'cooperative', hostOrganisationId: w.orgs.riverside, startDate: '2027-04-01' });
    expect(viaApi.status).toBe(403);
  }, 120_000);

  it('invites an organisation (its errors first), lists the invitations as the API does, withdraws one; its administrator accepts the other', async () => {
    const p = await openPage(w);
    await signIn(w, p, USERS.host, `/consortium/${id}/members`);
    expect(await textOf(p.page, 'h1')).toBe('Members and invitations');
    expect(await textOf(p.page, '.app-subnav__link[aria-current="page"]')).toBe('Members and invitations');
    expect(await axeViolations(p)).toEqual([]);
    expect(await submit(p, '#send-invitation')).toBe(400);
    expect(await summary(p)).toEqual([
      ['Select the organisation to invite', '#organisationId'],
      ['Enter the date it joins', '#joinedOn-day'],
    ]);
    expect(await axeViolations(p)).toEqual([]);
    // the directory, less the members: the host is not offered
    const offered = await p.page.$$eval('#organisationId option', (o) => o.map((x) => (x as unknown as { value: string; name: string }).value).filter(Boolean));
    expect(offered).toEqual(expect.arrayContaining([w.orgs.riverside, w.orgs.hillcrest]));
    expect(offered).not.toContain(w.orgs.host);
    // before the partnership starts: the service's refusal next to the date
    await p.page.select('#organisationId', w.orgs.riverside);
    await p.page.type('#joinedOn-day', '1');
    await p.page.type('#joinedOn-month', '3');
    await p.page.type('#joinedOn-year', '2027');
    expect(await submit(p, '#send-invitation')).toBe(400);
    expect((await summary(p)).map((x) => x[1])).toEqual(['#joinedOn-day']);
    expect((await summary(p))[0][0]).toContain('2027-04-01');
    await fill(p, '#joinedOn-month', '5');
    expect(await submit(p, '#send-invitation')).toBe(200);
    expect(await textOf(p.page, '#confirmation')).toContain('Riverside Community Health NHS Trust has been invited');

    // Hillcrest too, then withdrawn
    await p.page.select('#organisationId', w.orgs.hillcrest);
    await p.page.type('#joinedOn-day', '1');
    await p.page.type('#joinedOn-month', '5');
    await p.page.type('#joinedOn-year', '2027');
    expect(await submit(p, '#send-invitation')).toBe(200);
    const invitations = await api<{ items: InvitationView[] }>(USERS.host, `/consortia/${id}/invitations`);
    const hillcrest = invitations.items.find((x) => x.organisationId === w.orgs.hillcrest)!;
    expect(await submit(p, `[data-invitation="${hillcrest.id}"] button`)).toBe(200);
    expect(await textOf(p.page, '#confirmation')).toContain('The invitation to Hillcrest Mental Health NHS Trust has been withdrawn');

    const list = await api<{ items: InvitationView[] }>(USERS.host, `/consortia/${id}/invitations`);
    const shown = await p.page.$$eval('#invitations tbody tr', (r) =>
      r.map((x) => [x.getAttribute('data-invitation'), x.getAttribute('data-status'), x.querySelector('.nhsuk-tag')!.textContent!.trim()]),
    );
    expect(shown).toEqual(list.items.map((x) => [x.id, x.status, x.status === 'pending' ? 'Waiting for an answer' : x.status === 'withdrawn' ? 'Withdrawn' : x.status]));
    expect(shown.map((x) => x[1]).sort()).toEqual(['pending', 'withdrawn']);
    expect(await axeViolations(p)).toEqual([]);
    expect(p.problems).toEqual(answered(400, 400));

    // Riverside's administrator: home says an invitation is waiting; accepting makes it a member
    const a = await openPage(w, { js: false });
    await signIn(w, a, USERS.partnerAdmin);
    expect(await textOf(a.page, '#invitations-waiting')).toContain('invitation to join a partnership waiting');
    expect(await submit(a, '#invitations-waiting a')).toBe(200);
    expect(await textOf(a.page, 'h1')).toBe('Invitations to join a partnership');
    expect(await axeViolations(a)).toEqual([]);
    const riverside = list.items.find((x) => x.organisationId === w.orgs.riverside)!;
    expect(await submit(a, `#invitation-${riverside.id} form[action$="/accept"] button`)).toBe(200);
    expect(await textOf(a.page, '#confirmation')).toContain('Riverside Community Health NHS Trust has joined Eastfield Payroll Partnership');
    expect(await axeViolations(a)).toEqual([]);
    expect(a.problems).toEqual([]);

    await p.page.goto(`${w.base}/consortium/${id}/members`);
    const members = await api<{ items: MemberView[] }>(USERS.host, `/consortia/${id}/members`);
    expect(members.items.map((m) => m.organisationId).sort()).toEqual([w.orgs.host, w.orgs.riverside].sort());
    const rows = await p.page.$$eval('#members tbody tr', (r) =>
      r.map((x) => [x.getAttribute('data-organisation'), x.querySelector('[data-figure=joined]')!.textContent!.trim(), !!x.querySelector('.nhsuk-tag')]),
    );
    expect(rows).toEqual([
      [w.orgs.host, '1 April 2027', true],
      [w.orgs.riverside, '1 May 2027', false],
    ]);
    expect(await p.page.$eval(`[data-invitation="${riverside.id}"]`, (x) => x.getAttribute('data-status'))).toBe('accepted');
  }, 240_000);

  it("adds two service lines (errors first, a duplicate code refused beside its field), changes one; the list is the API's", async () => {
    const p = await openPage(w);
    await signIn(w, p, USERS.host, `/consortium/${id}/service-lines`);
    expect(await p.page.$('#no-lines')).not.toBeNull();
    expect(await axeViolations(p)).toEqual([]);
    expect(await submit(p, '#add-line')).toBe(200);
    expect(await axeViolations(p)).toEqual([]);
    expect(await submit(p, '#save-line')).toBe(400);
    expect(await summary(p)).toEqual([
      ['Enter the name of the service line', '#name'],
      ['Enter a short code for the service line, for example PAY', '#code'],
      ['Select the function of the service line', '#function'],
      ['Select the kind of work', '#classification'],
    ]);
    expect(await axeViolations(p)).toEqual([]);
    await p.page.type('#name', 'Payroll services');
    await p.page.type('#code', 'PAY');
    await p.page.select('#function', 'payroll');
    await p.page.click('#classification');
    expect(await submit(p, '#save-line')).toBe(200);
    expect(await textOf(p.page, '#confirmation')).toContain('Payroll services has been added');

    // the second: finance, for Riverside only, from June 2027; first with PAY again (the service's 409)
    await p.page.goto(`${w.base}/consortium/${id}/service-lines/new`);
    await p.page.type('#name', 'Accounts payable');
    await p.page.type('#code', 'PAY');
    await p.page.select('#function', 'finance');
    await p.page.click('#classification');
    await p.page.type('#goLive-month', '6');
    await p.page.type('#goLive-year', '2027');
    await p.page.click('#recipients-chosen');
    const boxes = await p.page.$$eval('input[name=recipientIds]', (i) => i.map((x) => [x.id, (x as unknown as { value: string; name: string }).value]));
    await p.page.click(`#${boxes.find(([, v]) => v === w.orgs.riverside)![0]}`);
    expect(await submit(p, '#save-line')).toBe(409);
    expect(await summary(p)).toEqual([['Already used in this consortium.', '#code']]);
    expect(await textOf(p.page, '#refusal')).toContain('A service line with code PAY already exists');
    expect(await axeViolations(p)).toEqual([]);
    await fill(p, '#code', 'FIN-AP');
    expect(await submit(p, '#save-line')).toBe(200);

    const lines = async () => (await api<{ items: ServiceLineView[] }>(USERS.host, `/consortia/${id}/service-lines`)).items;
    const shown = () =>
      p.page.$$eval('#service-lines tbody tr', (r) =>
        r.map((x) => ['name', 'code', 'function', 'goLive', 'recipients'].map((k) => x.querySelector(`[data-figure=${k}]`)!.textContent!.trim())),
      );
    let api1 = await lines();
    expect(api1.map((l) => [l.code, l.goLive, l.recipientIds]).sort()).toEqual([
      ['FIN-AP', '2027-06', [w.orgs.riverside]],
      ['PAY', '2027-04', null],
    ]);
    expect(await shown()).toEqual([
      ['Accounts payable', 'FIN-AP', 'Finance', 'June 2027', 'Riverside Community Health NHS Trust'],
      ['Payroll services', 'PAY', 'Payroll', 'April 2027', 'Every member'],
    ]);

    // change the finance line: its name, a later go-live, every member
    const fin = api1.find((l) => l.code === 'FIN-AP')!;
    expect(await submit(p, `[data-id="${fin.id}"] a`)).toBe(200);
    expect(await axeViolations(p)).toEqual([]);
    expect(await p.page.$eval('#goLive-month', (i) => (i as unknown as { value: string; name: string }).value)).toBe('6');
    await fill(p, '#name', 'Accounts payable and expenses');
    await fill(p, '#goLive-month', '');
    expect(await submit(p, '#save-line')).toBe(400);
    expect(await summary(p)).toEqual([['The go-live month must include a month', '#goLive-month']]);
    await fill(p, '#goLive-month', '7');
    await p.page.click('#recipients');
    expect(await submit(p, '#save-line')).toBe(200);
    expect(await textOf(p.page, '#confirmation')).toContain('Accounts payable and expenses has been changed');
    api1 = await lines();
    expect(api1.find((l) => l.id === fin.id)).toMatchObject({ name: 'Accounts payable and expenses', goLive: '2027-07', recipientIds: null });
    expect((await shown())[0]).toEqual(['Accounts payable and expenses', 'FIN-AP', 'Finance', 'July 2027', 'Every member']);
    expect(p.problems).toEqual(answered(400, 409, 400));
  }, 240_000);

  it("adds an SLA with a target from the catalogue filtered by the line's function, changes it and retires it after a confirmation (JavaScript off)", async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.host, `/consortium/${id}/slas`);
    expect(await axeViolations(p)).toEqual([]);
    expect(await submit(p, '[data-service-line=PAY] .app-add-sla')).toBe(200);
    expect(await axeViolations(p)).toEqual([]);
    const offered = () =>
      p.page.$$eval('#targets-0-kpiCode option', (o) =>
        o
          .map((x) => (x as unknown as { value: string; name: string }).value)
          .filter(Boolean)
          .sort(),
      );
    const payroll = (await api<{ items: { code: string }[] }>(USERS.host, '/kpis?function=payroll&limit=500')).items.map((k) => k.code).sort();
    expect(await offered()).toEqual(payroll);
    expect(payroll).toContain('PAY_ACCURACY');

    // every function, deliberately: what was typed is kept
    await p.page.type('#name', 'Payroll SLA 2027 to 2028');
    expect(await submit(p, '#toggle-cross-function')).toBe(200);
    expect((await offered()).length).toBeGreaterThan(payroll.length);
    expect(await p.page.$eval('#name', (i) => (i as unknown as { value: string; name: string }).value)).toBe('Payroll SLA 2027 to 2028');
    expect(await submit(p, '#toggle-cross-function')).toBe(200);
    expect(await offered()).toEqual(payroll);

    // errors listed and linked: the cap, the month, the target's numbers
    await p.page.select('#targets-0-kpiCode', 'PAY_ACCURACY');
    await p.page.type('#targets-0-target', 'high');
    expect(await submit(p, '#save-sla')).toBe(400);
    expect(await summary(p)).toEqual([
      ['Enter the cap on credits as a percentage, for example 10', '#creditCapPercent'],
      ['Enter the first month it applies', '#effectiveFrom-month'],
      ['Enter the target of target 1 as a number, for example 99.5', '#targets-0-target'],
      ['Enter the threshold of target 1 as a number, for example 98', '#targets-0-threshold'],
      ['Enter the service credit of target 1 as a percentage, for example 2', '#targets-0-creditPercent'],
    ]);
    expect(await axeViolations(p)).toEqual([]);
    await p.page.type('#creditCapPercent', '10');
    await p.page.type('#effectiveFrom-month', '4');
    await p.page.type('#effectiveFrom-year', '2027');
    await fill(p, '#targets-0-target', '99.5');
    await p.page.type('#targets-0-threshold', '99');
    await p.page.type('#targets-0-creditPercent', '2');
    expect(await submit(p, '#save-sla')).toBe(200);
    expect(await textOf(p.page, '#confirmation')).toContain('Payroll SLA 2027 to 2028 has been added');

    const slas = await api<{ items: SlaView[] }>(USERS.host, `/consortia/${id}/slas`);
    expect(slas.items).toHaveLength(1);
    const sla = slas.items[0];
    expect(sla).toMatchObject({
      name: 'Payroll SLA 2027 to 2028',
      kind: 'SLA',
      frequency: 'monthly',
      creditCapPercent: '10',
      effectiveFrom: '2027-04',
      effectiveTo: null,
      crossFunction: false,
    });
    expect(sla.targets.map((t) => [t.kpiCode, t.target, t.threshold, t.creditPercent])).toEqual([['PAY_ACCURACY', '99.5', '99', '2']]);
    const card = `[data-sla="${sla.id}"]`;
    expect(
      await p.page.$$eval(`${card} tbody tr`, (r) =>
        r.map((x) => [x.getAttribute('data-kpi'), ...['target', 'threshold', 'credit'].map((k) => x.querySelector(`[data-figure=${k}]`)!.textContent!.trim())]),
      ),
    ).toEqual([['PAY_ACCURACY', '99.5%', '99%', '2%']]);
    expect(await axeViolations(p)).toEqual([]);

    // change its target
    expect(await submit(p, `${card} a[href$="/edit"]`)).toBe(200);
    await fill(p, '#targets-0-threshold', '98.5');
    expect(await submit(p, '#save-sla')).toBe(200);
    expect((await api<SlaView>(USERS.host, `/consortia/${id}/slas/${sla.id}`)).targets[0].threshold).toBe('98.5');

    // retire: the month, then "are you sure", then retired
    expect(await submit(p, `${card} a[href$="/retire"]`)).toBe(200);
    expect(await axeViolations(p)).toEqual([]);
    expect(await submit(p, '#retire-continue')).toBe(400);
    expect(await summary(p)).toEqual([['Enter the last month it applies', '#effectiveTo-month']]);
    await p.page.type('#effectiveTo-month', '3');
    await p.page.type('#effectiveTo-year', '2028');
    expect(await submit(p, '#retire-continue')).toBe(200);
    expect(await textOf(p.page, 'h1')).toBe('Are you sure you want to retire Payroll SLA 2027 to 2028?');
    expect((await api<SlaView>(USERS.host, `/consortia/${id}/slas/${sla.id}`)).effectiveTo).toBeNull();
    expect(await axeViolations(p)).toEqual([]);
    expect(await submit(p, '#retire-confirm')).toBe(200);
    expect(await textOf(p.page, '#confirmation')).toContain('Payroll SLA 2027 to 2028 has been retired');
    expect((await api<SlaView>(USERS.host, `/consortia/${id}/slas/${sla.id}`)).effectiveTo).toBe('2028-03');
    expect(p.problems).toEqual(answered(400, 400));
  }, 240_000);

  it("a member's user reads the lists as the API lets it, and gets the 403 page for the host's forms; a form without its CSRF token writes nothing", async () => {
    const p = await openPage(w);
    await signIn(w, p, USERS.partner, `/consortium/${id}/service-lines`);
    expect(await p.page.$('#add-line')).toBeNull();
    expect(await p.page.$$eval('#service-lines tbody tr', (r) => r.length)).toBe(2);
    for (const path of ['members', 'service-lines/new', 'slas/new']) {
      const res = await p.page.goto(`${w.base}/consortium/${id}/${path}`);
      expect([path, res!.status()]).toEqual([path, 403]);
      expect(await textOf(p.page, 'h1')).toBe('You cannot do this');
    }
    const viaApi = await w.t.http.get(`/api/v1/consortia/${id}/invitations`).set('Authorization', await w.api(USERS.partner));
    expect(viaApi.status).toBe(403);
    const r = await post(p, `/consortium/${id}/members/invitations`, {
      _csrf: await csrfOf(p),
      organisationId: w.orgs.moorland,
      'joinedOn-day': '1',
      'joinedOn-month': '6',
      'joinedOn-year': '2027',
    });
    expect(r.status).toBe(403);

    // the host, without the token: refused, nothing written
    const h = await openPage(w);
    await signIn(w, h, USERS.host, `/consortium/${id}/members`);
    const before = (await api<{ total: number }>(USERS.host, `/consortia/${id}/invitations`)).total;
    const forged = await post(h, `/consortium/${id}/members/invitations`, { organisationId: w.orgs.moorland, 'joinedOn-day': '1', 'joinedOn-month': '6', 'joinedOn-year': '2027' });
    expect(forged.status).toBe(403);
    expect(forged.body).toContain('This form has expired');
    const line = await post(h, `/consortium/${id}/service-lines/new`, { name: 'Estates', code: 'EST', function: 'estates', classification: 'operational', recipients: 'all' });
    expect(line.status).toBe(403);
    expect((await api<{ total: number }>(USERS.host, `/consortia/${id}/invitations`)).total).toBe(before);
    expect((await api<{ total: number }>(USERS.host, `/consortia/${id}/service-lines`)).total).toBe(2);
  }, 240_000);

  it("another partnership's set-up pages are the 404 page, as the API's", async () => {
    const admin = await w.t.login(ADMIN.email, ADMIN.password);
    const other = await w.t.http
      .post('/api/v1/consortia')
      .set('Authorization', admin)
      .send({ name: 'Moorland Estates Partnership', deliveryModel: 'cooperative', hostOrganisationId: w.orgs.moorland, startDate: '2027-04-01' });
    expect(other.status).toBe(201);
    const oid = other.body.id as string;
    const p = await openPage(w);
    await signIn(w, p, USERS.host);
    for (const path of ['members', 'service-lines', 'service-lines/new', 'slas']) {
      const res = await p.page.goto(`${w.base}/consortium/${oid}/${path}`);
      expect([path, res!.status()]).toEqual([path, 404]);
      expect(await textOf(p.page, 'h1')).toBe('Page not found');
    }
    expect(await axeViolations(p)).toEqual([]);
    const viaApi = await w.t.http.get(`/api/v1/consortia/${oid}/service-lines`).set('Authorization', await w.api(USERS.host));
    expect(viaApi.status).toBe(404);
    await p.page.goto(`${w.base}/`);
    const r = await post(p, `/consortium/${oid}/members/invitations`, {
      _csrf: await csrfOf(p),
      organisationId: w.orgs.riverside,
      'joinedOn-day': '1',
      'joinedOn-month': '6',
      'joinedOn-year': '2027',
    });
    expect(r.status).toBe(404);
  }, 240_000);
});
