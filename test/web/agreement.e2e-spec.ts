/**
 * The agreement page (issue 14): the terms in force and every version as the API gives them, the
 * proposed version (the demo's 2.75 % fee from October 2025) with what it changes in the caller's
 * organisation's charge (the API's impact route), and the vote: recorded through the same service
 * as `POST …/agreement/versions/:version/votes` with JavaScript on and off, refused without its CSRF
 * token, refused to a user who does not vote (as the API refuses), and a refusal of the service
 * (a version decided meanwhile) shown in plain English. Another partnership's page is the 404 page.
 */
import type { AgreementVersionView } from '../../src/agreements/dto';
import { Clock } from '../../src/common/clock';
import { formatGbp, formatMonthLong, formatPercent, formatReduction } from '../../src/reports/view/format';
import type { AgreementImpactView } from '../../src/statements/dto';
import { formatDifference } from '../../src/web/view/agreement.view';
import { axeViolations, openPage, signIn, startWebWorld, textOf, USERS, type OpenPage, type WebWorld } from './support/browser';

const HILLCREST_ADMIN = 'admin@hillcrest.demo.nhs.example';
const MOORLAND_ADMIN = 'admin@moorland.demo.nhs.example';

/** Chrome logs a page answered 4xx on purpose as a console error: that one line, nothing else. */
const answered = (status: number) => {
  const text: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' };
  return [`console: Failed to load resource: the server responded with a status of ${status} (${text[status]})`];
};

describe('web agreement page (browser)', () => {
  let w: WebWorld;
  let base: string;
  beforeAll(async () => {
    w = await startWebWorld();
    base = `/consortium/${w.consortiumId}`;
    // mid-November 2025, so the impact route prices July to September 2025, a quarter with costs
    jest.spyOn(w.t.app.get(Clock), 'now').mockReturnValue(new Date('2025-11-14T12:00:00Z'));
  }, 180_000);
  afterAll(() => w?.close());

  async function api<T>(email: string, path: string): Promise<T> {
    const res = await w.t.http.get(`/api/v1/consortia/${w.consortiumId}${path}`).set('Authorization', await w.api(email));
    expect(res.status).toBe(200);
    return res.body as T;
  }

  const v2 = () => api<AgreementVersionView>(USERS.host, '/agreement/versions/2');

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

  /** A CSRF token issued to this browser's session (from the sign-out form every page has). */
  const csrfOf = (p: OpenPage) => p.page.$eval('input[name=_csrf]', (i) => (i as unknown as { value: string }).value);

  it('home\'s "vote needed" item links to the agreement page', async () => {
    const p = await openPage(w);
    await signIn(w, p, USERS.partnerAdmin);
    const link = await p.page.$$eval('main .nhsuk-list li a', (a) =>
      a.filter((x) => (x.textContent ?? '').includes('Version 2 of the agreement')).map((x) => x.getAttribute('href')),
    );
    expect(link).toEqual([`${base}/agreement`]);
    await Promise.all([p.page.waitForNavigation(), p.page.click(`main .nhsuk-list a[href="${base}/agreement"]`)]);
    expect(await textOf(p.page, 'h1')).toBe('Agreement');
    expect(await textOf(p.page, '.app-subnav__link[aria-current="page"]')).toBe('Agreement');
    expect(p.problems).toEqual([]);
  }, 120_000);

  it.each([
    ['partner', USERS.partner, 'riverside', true],
    ['board', USERS.board, 'riverside', false],
    ['hostBoard', USERS.hostBoard, 'host', true],
  ] as const)(
    "as %s: the terms in force, the versions and the proposal as the API gives them, and the impact on the organisation's charge",
    async (role, email, orgKey, js) => {
      const org = w.orgs[orgKey];
      const p = await openPage(w, { js });
      await signIn(w, p, email, `${base}/agreement`);
      expect(await textOf(p.page, 'h1')).toBe('Agreement');

      // the terms in force: GET …/agreement
      const active = await api<AgreementVersionView>(email, '/agreement');
      const term = (k: string) => textOf(p.page, `#terms-in-force [data-term="${k}"] dd`);
      expect(await textOf(p.page, '#in-force-version')).toBe(`Version ${active.version}, in force from ${formatMonthLong(active.effectiveFrom)}`);
      expect(await term('managementFeePercent')).toBe(`${formatPercent(active.managementFeePercent)} of operating costs`);
      expect(await term('effectiveFrom')).toBe(formatMonthLong(active.effectiveFrom));
      expect(await term('basis')).toBe('Annual turnover');
      expect(await term('exit.noticeMonths')).toBe(`${active.exit.noticeMonths as number} months`);
      // the service line's basis by its name, never its id
      const [lineId] = Object.keys(active.serviceLineBases!);
      const lineName = (await api<{ items: { id: string; name: string }[] }>(email, '/service-lines')).items.find((l) => l.id === lineId)!.name;
      expect(await textOf(p.page, `#terms-in-force [data-term="serviceLineBasis:${lineId}"]`)).toBe(`${lineName} shared by Activity (volumes of work)`);
      expect(await textOf(p.page, '#terms-in-force')).not.toContain(lineId);

      // every version: GET …/agreement/versions
      const versions = (await api<{ items: AgreementVersionView[] }>(email, '/agreement/versions')).items;
      const rows = await p.page.$$eval('#versions tbody tr', (trs) =>
        trs.map((tr) => [
          tr.getAttribute('data-version'),
          tr.querySelector('[data-figure="effectiveFrom"]')?.textContent?.trim(),
          tr.querySelector('[data-figure="status"]')?.textContent?.trim(),
        ]),
      );
      const words = (v: AgreementVersionView) => (v.status === 'approved' && v.inForce ? 'In force' : v.status[0].toUpperCase() + v.status.slice(1));
      expect(rows).toEqual([...versions].reverse().map((v) => [String(v.version), formatMonthLong(v.effectiveFrom), words(v)]));
      expect(rows.map((r) => r[2])).toEqual(['Proposed', 'In force']);

      // the proposal beside the terms in force
      const proposed = versions.find((v) => v.status === 'proposed')!;
      expect(proposed).toMatchObject({ version: 2, effectiveFrom: '2025-10', managementFeePercent: '2.75' });
      expect(await textOf(p.page, '#proposal-heading')).toBe('Version 2: proposed to take effect from October 2025');
      expect(await p.page.$$eval('#changes tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())))).toEqual([
        ['Takes effect from', formatMonthLong(active.effectiveFrom), 'October 2025'],
        ['Management fee', `${formatPercent(active.managementFeePercent)} of operating costs`, '2.75% of operating costs'],
      ]);

      // what it changes in the organisation's charge: GET …/agreement/versions/2/impact
      const impact = await api<AgreementImpactView>(email, '/agreement/versions/2/impact');
      expect([impact.from, impact.to]).toEqual(['2025-07', '2025-09']);
      const mine = impact.items.find((i) => i.organisationId === org)!;
      expect(Number(mine.difference.fee)).toBeGreaterThan(0);
      expect(Number(mine.difference.charge)).toBeGreaterThan(0);
      const line = (k: string, f: string) => textOf(p.page, `#impact tr[data-line="${k}"] [data-figure="${f}"]`);
      for (const k of ['operating', 'fee', 'investment', 'sharedRisk', 'attributedRisk'] as const) {
        expect([k, await line(k, 'inForce'), await line(k, 'proposed')]).toEqual([k, formatGbp(mine.current[k]), formatGbp(mine.proposed[k])]);
      }
      expect([await line('credits', 'inForce'), await line('credits', 'proposed')]).toEqual([formatReduction(mine.current.credits), formatReduction(mine.proposed.credits)]);
      for (const k of ['operating', 'fee', 'investment', 'sharedRisk', 'attributedRisk', 'credits'] as const) {
        expect([k, await line(k, 'difference')]).toEqual([k, formatDifference(mine.difference[k])]);
      }
      expect([await line('charge', 'inForce'), await line('charge', 'proposed'), await line('charge', 'difference')]).toEqual([
        formatGbp(mine.current.charge),
        formatGbp(mine.proposed.charge),
        `${formatGbp(mine.difference.charge)} more`,
      ]);
      expect(await textOf(p.page, '#impact-heading')).toBe(`What it would change in ${mine.organisationName}'s charge`);
      // every member's change for the partnership board; a partner sees its own organisation's only, as the API
      if (role === 'partner') {
        expect(impact.items.map((i) => i.organisationId)).toEqual([org]);
        expect(await p.page.$('#impact-members')).toBeNull();
      } else {
        expect(
          await p.page.$$eval('#impact-members tbody tr', (trs) =>
            trs.map((tr) => [tr.getAttribute('data-organisation'), tr.querySelector('[data-figure="proposed"]')?.textContent?.trim()]),
          ),
        ).toEqual(impact.items.map((i) => [i.organisationId, formatGbp(i.proposed.charge)]));
      }

      // the votes so far, by organisation name; no voter's email address
      expect(await p.page.$$eval('#votes tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-organisation'), tr.getAttribute('data-vote')]))).toEqual(
        proposed.voters.map((v) => [v.organisationId, v.vote ?? 'none']),
      );
      expect(await textOf(p.page, '#votes')).toContain(proposed.voters[0].organisationName);
      expect(await textOf(p.page, 'main')).not.toMatch(/@/);

      // the vote form only for the organisation's approvers (a board member votes; a partner user does not)
      if (role === 'partner') {
        expect(await p.page.$('#vote-form')).toBeNull();
        expect(await textOf(p.page, '#who-votes')).toContain("Each member organisation's vote is cast by its administrators and board members");
      } else {
        expect(await p.page.$('#vote-form')).not.toBeNull();
        expect(await textOf(p.page, '#vote-form legend')).toBe(`Does ${mine.organisationName} approve version 2?`);
      }
      expect(await axeViolations(p)).toEqual([]);
      expect(p.problems).toEqual([]);
    },
    240_000,
  );

  it('a board member votes for its organisation (JavaScript on): nothing chosen is an error linked to the field; then the vote is recorded', async () => {
    const p = await openPage(w, { js: true });
    await signIn(w, p, USERS.board, `${base}/agreement`);
    const [bad] = await Promise.all([p.page.waitForNavigation(), p.page.click('#send-vote')]);
    expect(bad!.status()).toBe(400);
    expect(await p.page.title()).toMatch(/^Error: Agreement/);
    expect(await p.page.$eval('.nhsuk-error-summary a', (a) => [a.getAttribute('href'), a.textContent?.trim()])).toEqual([
      '#vote',
      'Select whether your organisation approves version 2 or objects to it',
    ]);
    expect(await textOf(p.page, '#vote-error')).toContain('Select whether your organisation approves version 2 or objects to it');
    expect(await axeViolations(p)).toEqual([]);
    expect((await v2()).voters.find((v) => v.organisationId === w.orgs.riverside)!.vote).toBeNull();

    await p.page.click('#vote');
    await p.page.type('#comment', 'Agreed at our board on 4 November');
    const [ok] = await Promise.all([p.page.waitForNavigation(), p.page.click('#send-vote')]);
    expect(ok!.status()).toBe(200);
    expect(new URL(p.page.url()).pathname + new URL(p.page.url()).search).toBe(`${base}/agreement?voted=2`);
    expect(await textOf(p.page, '#confirmation')).toContain("Your organisation's vote was recorded");
    expect(await textOf(p.page, '#confirmation')).toContain('approved version 2');
    expect(await p.page.$eval(`#votes tr[data-organisation="${w.orgs.riverside}"]`, (tr) => tr.getAttribute('data-vote'))).toBe('approve');
    expect(await textOf(p.page, `#votes tr[data-organisation="${w.orgs.riverside}"]`)).toContain('Agreed at our board on 4 November');
    // the API shows it
    const after = await v2();
    expect(after.status).toBe('proposed');
    expect(after.voters.find((v) => v.organisationId === w.orgs.riverside)!.vote).toBe('approve');
    expect(after.votes.find((v) => v.organisationId === w.orgs.riverside)!.comment).toBe('Agreed at our board on 4 November');
    expect(await axeViolations(p)).toEqual([]);
    expect(p.problems).toEqual(answered(400));
  }, 240_000);

  it('an organisation administrator votes (JavaScript off): the vote is recorded and the API shows it', async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, HILLCREST_ADMIN, `${base}/agreement`);
    await p.page.click('#vote');
    await Promise.all([p.page.waitForNavigation(), p.page.click('#send-vote')]);
    expect(new URL(p.page.url()).search).toBe('?voted=2');
    expect(await textOf(p.page, '#confirmation')).toContain('approved version 2');
    expect(await p.page.$eval(`#votes tr[data-organisation="${w.orgs.hillcrest}"]`, (tr) => tr.getAttribute('data-vote'))).toBe('approve');
    expect((await v2()).voters.find((v) => v.organisationId === w.orgs.hillcrest)!.vote).toBe('approve');
    expect(await axeViolations(p)).toEqual([]);
    expect(p.problems).toEqual([]);
  }, 240_000);

  it('a vote posted without its CSRF token is refused, and nothing is recorded', async () => {
    const p = await openPage(w);
    await signIn(w, p, MOORLAND_ADMIN, `${base}/agreement`);
    expect(await p.page.$('#vote-form')).not.toBeNull();
    const r = await post(p, `${base}/agreement/versions/2/votes`, { vote: 'object' });
    expect(r.status).toBe(403);
    expect(r.body).toContain('This form has expired');
    expect((await v2()).voters.find((v) => v.organisationId === w.orgs.moorland)!.vote).toBeNull();
  }, 120_000);

  it('a user who does not vote sees no form, and a crafted vote is refused as the API refuses it; nothing is recorded', async () => {
    const p = await openPage(w);
    await signIn(w, p, USERS.otherPartner, `${base}/agreement`);
    expect(await p.page.$('#vote-form')).toBeNull();
    const before = await v2();
    const r = await post(p, `${base}/agreement/versions/2/votes`, { _csrf: await csrfOf(p), vote: 'object' });
    const viaApi = await w.t.http
      .post(`/api/v1/consortia/${w.consortiumId}/agreement/versions/2/votes`)
      .set('Authorization', await w.api(USERS.otherPartner))
      .send({ vote: 'object' });
    expect([r.status, viaApi.status]).toEqual([403, 403]);
    expect(r.body).toContain('You cannot do this');
    const after = await v2();
    expect([after.votes.length, after.voters.find((v) => v.organisationId === w.orgs.hillcrest)!.vote]).toEqual([before.votes.length, 'approve']);
  }, 120_000);

  it("another partnership's agreement page, and its vote, are the 404 page", async () => {
    const host = await w.api(USERS.host);
    const other = await w.t.http
      .post('/api/v1/consortia')
      .set('Authorization', host)
      .send({ name: 'Another Partnership', deliveryModel: 'cooperative', hostOrganisationId: w.orgs.host, startDate: '2025-04-01' });
    expect(other.status).toBe(201);
    const p = await openPage(w);
    await signIn(w, p, USERS.board, `${base}/agreement`);
    const res = await p.page.goto(`${w.base}/consortium/${other.body.id as string}/agreement`);
    expect(res!.status()).toBe(404);
    expect(await textOf(p.page, 'h1')).toBe('Page not found');
    expect(await axeViolations(p)).toEqual([]);
    expect(p.problems).toEqual(answered(404));
    const apiRes = await w.t.http.get(`/api/v1/consortia/${other.body.id as string}/agreement/versions`).set('Authorization', await w.api(USERS.board));
    expect(apiRes.status).toBe(404);
    await p.page.goto(`${w.base}${base}/agreement`);
    const r = await post(p, `/consortium/${other.body.id as string}/agreement/versions/1/votes`, { _csrf: await csrfOf(p), vote: 'approve' });
    expect(r.status).toBe(404);
    expect(r.body).toContain('Page not found');
  }, 120_000);

  it("a version decided while the form was open: the service's refusal in plain English, not an error page (JavaScript off)", async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.hostBoard, `${base}/agreement`);
    await p.page.click('#vote');
    // Moorland objects through the API: under the unanimous rule one objection rejects version 2
    const res = await w.t.http
      .post(`/api/v1/consortia/${w.consortiumId}/agreement/versions/2/votes`)
      .set('Authorization', await w.api(MOORLAND_ADMIN))
      .send({ vote: 'object', comment: 'Not this year' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('rejected');
    const [r] = await Promise.all([p.page.waitForNavigation(), p.page.click('#send-vote')]);
    expect(r!.status()).toBe(409);
    expect(await textOf(p.page, 'h1')).toBe('Agreement');
    expect(await textOf(p.page, '#vote-refusal')).toBe('Information: The vote was not recorded. Version 2 is rejected: only a proposed version is voted on.');
    expect(await p.page.$eval('#versions tr[data-version="2"] [data-figure="status"]', (c) => c.textContent?.trim())).toBe('Rejected');
    expect(await p.page.$('#vote-form')).toBeNull();
    expect((await v2()).voters.find((v) => v.organisationId === w.orgs.host)!.vote).toBeNull();
    expect(await axeViolations(p)).toEqual([]);
    expect(p.problems).toEqual(answered(409));
  }, 240_000);
});
