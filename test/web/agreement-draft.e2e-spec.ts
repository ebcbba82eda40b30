/**
 * The host's side of the agreement (issue 15): the draft edited through its form (every error the
 * API gives, class-validator's and the service's, in one error summary linked to its field, nothing
 * saved), saved as the API's draft, checked beside the terms in force, proposed after the demo's
 * pending version 2 is withdrawn, and voted on by each member's approver through the agreement page
 * until it is approved, the host following the votes and the decisions log. JavaScript on and off;
 * refused without the CSRF token, to a partner (403 as the API) and for another partnership (404).
 */
import type { AgreementVersionView } from '../../src/agreements/dto';
import { Clock } from '../../src/common/clock';
import type { DecisionView } from '../../src/decisions/dto';
import { formatMonthLong } from '../../src/reports/view/format';
import { axeViolations, openPage, signIn, startWebWorld, textOf, USERS, type OpenPage, type WebWorld } from './support/browser';

const APPROVERS: Record<string, string> = {
  host: USERS.host,
  riverside: USERS.partnerAdmin,
  hillcrest: 'admin@hillcrest.demo.nhs.example',
  moorland: 'admin@moorland.demo.nhs.example',
};

const answered = (status: number) => {
  const text: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' };
  return `console: Failed to load resource: the server responded with a status of ${status} (${text[status]})`;
};

describe('web agreement draft: the host changes the terms (browser)', () => {
  let w: WebWorld;
  let base: string;
  beforeAll(async () => {
    w = await startWebWorld();
    base = `/consortium/${w.consortiumId}`;
    // mid-November 2025, as the agreement page's spec: April to June 2025 are closed
    jest.spyOn(w.t.app.get(Clock), 'now').mockReturnValue(new Date('2025-11-14T12:00:00Z'));
  }, 180_000);
  afterAll(() => w?.close());

  async function api(email: string, path: string): Promise<{ status: number; body: unknown }> {
    const res = await w.t.http.get(`/api/v1/consortia/${w.consortiumId}${path}`).set('Authorization', await w.api(email));
    return { status: res.status, body: res.body as unknown };
  }
  const draftViaApi = () => api(USERS.host, '/agreement/draft');
  const version = async (n: number) => (await api(USERS.host, `/agreement/versions/${n}`)).body as AgreementVersionView;

  async function cookie(p: OpenPage): Promise<string> {
    return (await p.page.browserContext().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  }
  async function post(p: OpenPage, href: string, fields: Record<string, string>): Promise<{ status: number; body: string }> {
    const res = await fetch(`${w.base}${href}`, {
      method: 'POST',
      headers: { cookie: await cookie(p), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
      redirect: 'manual',
    });
    return { status: res.status, body: await res.text() };
  }
  const csrfOf = (p: OpenPage) => p.page.$eval('input[name=_csrf]', (i) => (i as unknown as { value: string }).value);

  /** Replaces an input's value. */
  async function fill(p: OpenPage, id: string, value: string): Promise<void> {
    await p.page.$eval(`[id="${id}"]`, (e, v) => ((e as unknown as { value: string }).value = v), value);
  }
  async function submit(p: OpenPage, selector: string) {
    const [r] = await Promise.all([p.page.waitForNavigation(), p.page.click(selector)]);
    return r!;
  }
  /** The error summary's links, and whether each leads to a field on the page with its own message. */
  async function errorSummary(p: OpenPage): Promise<{ href: string; text: string; field: boolean; inline: boolean }[]> {
    const links = await p.page.$$eval('.nhsuk-error-summary a', (as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', text: (a.textContent ?? '').trim() })));
    const out = [];
    for (const l of links) {
      const id = l.href.slice(1);
      out.push({ ...l, field: (await p.page.$(`[id="${id}"]`)) !== null, inline: (await p.page.$(`[id="${id}-error"]`)) !== null });
    }
    return out;
  }

  it('a partner is refused the draft as the API refuses it (403 page); another partnership is the 404 page', async () => {
    const p = await openPage(w);
    await signIn(w, p, USERS.partnerAdmin, `${base}/agreement`);
    expect(await p.page.$('#draft-link')).toBeNull();
    expect(await p.page.$('#agreement-decisions')).toBeNull();
    for (const path of ['/agreement/draft', '/agreement/draft/check', '/agreement/withdraw']) {
      const res = await p.page.goto(`${w.base}${base}${path}`);
      expect([path, res!.status()]).toEqual([path, 403]);
      expect(await textOf(p.page, 'h1')).toBe('You cannot do this');
    }
    expect(await axeViolations(p)).toEqual([]);
    const viaApi = await w.t.http
      .put(`/api/v1/consortia/${w.consortiumId}/agreement`)
      .set('Authorization', await w.api(USERS.partnerAdmin))
      .send({ model: 'cooperative' });
    expect(viaApi.status).toBe(403);
    await p.page.goto(`${w.base}${base}/agreement`);
    const r = await post(p, `${base}/agreement/draft`, { _csrf: await csrfOf(p), managementFeePercent: '9' });
    expect(r.status).toBe(403);
    expect((await post(p, `${base}/agreement/withdraw`, { _csrf: await csrfOf(p), version: '2' })).status).toBe(403);
    expect((await version(2)).status).toBe('proposed');
    expect((await draftViaApi()).status).toBe(404);

    const other = await w.t.http
      .post('/api/v1/consortia')
      .set('Authorization', await w.api(USERS.host))
      .send({ name: 'Another Partnership', deliveryModel: 'cooperative', hostOrganisationId: w.orgs.host, startDate: '2025-04-01' });
    expect(other.status).toBe(201);
    const res = await p.page.goto(`${w.base}/consortium/${other.body.id as string}/agreement/draft`);
    expect(res!.status()).toBe(404);
    expect(await textOf(p.page, 'h1')).toBe('Page not found');
    expect(p.problems).toEqual([answered(403), answered(403), answered(403), answered(404)]);
  }, 180_000);

  it('forms posted without their CSRF token are refused, and nothing is written', async () => {
    const p = await openPage(w);
    await signIn(w, p, USERS.host, `${base}/agreement/draft`);
    type Field = { name: string; value: string; type: string; checked: boolean };
    const fields = await p.page.$$eval('#draft-form input, #draft-form select', (es) =>
      es.map((e) => {
        const f = e as unknown as Field;
        return { name: f.name, value: f.value, type: f.type, checked: f.checked };
      }),
    );
    const body = Object.fromEntries(fields.filter((f) => f.name !== '_csrf' && (f.type !== 'radio' || f.checked)).map((f) => [f.name, f.value]));
    expect(body.managementFeePercent).toBe('2.5');
    const r = await post(p, `${base}/agreement/draft`, body);
    expect(r.status).toBe(403);
    expect(r.body).toContain('This form has expired');
    expect((await draftViaApi()).status).toBe(404);
    expect((await post(p, `${base}/agreement/withdraw`, { version: '2' })).status).toBe(403);
    expect((await post(p, `${base}/agreement/propose`, {})).status).toBe(403);
    expect((await version(2)).status).toBe('proposed');
  }, 120_000);

  it('JavaScript on: the host drafts version 3 (every error on its field, nothing saved), checks it, withdraws version 2, proposes version 3, and follows the votes until it is approved', async () => {
    const p = await openPage(w, { js: true });
    await signIn(w, p, USERS.host, `${base}/agreement`);
    expect(await textOf(p.page, '#draft-link')).toBe('Change the terms: start a draft');
    await submit(p, '#draft-link');
    expect(new URL(p.page.url()).pathname).toBe(`${base}/agreement/draft`);
    expect(await textOf(p.page, 'h1')).toBe('Change the agreement: draft of version 3');
    expect(await textOf(p.page, '#draft-status')).toContain('The form starts from version 1, the terms in force');

    // the form starts from the terms in force (GET …/agreement)
    const v1 = (await api(USERS.host, '/agreement')).body as AgreementVersionView;
    const [payLine] = Object.keys(v1.serviceLineBases!);
    const value = (id: string) => p.page.$eval(`[id="${id}"]`, (e) => (e as unknown as { value: string }).value);
    const checked = (id: string) => p.page.$eval(`[id="${id}"]`, (e) => (e as unknown as { checked: boolean }).checked);
    expect(await value('managementFeePercent')).toBe(v1.managementFeePercent);
    expect(await checked('basis-turnover')).toBe(true);
    expect(await value(`serviceLineBases-${payLine}`)).toBe('activity');
    expect(await value('exit-noticeMonths')).toBe(String(v1.exit.noticeMonths));
    expect(await value('effectiveFrom')).toBe('');
    expect(await checked('decisionRule')).toBe(true);
    expect(await axeViolations(p)).toEqual([]);

    // 1. the API's validation (class-validator): every error listed and linked to its field
    await fill(p, 'effectiveFrom', '13');
    await fill(p, 'effectiveFrom-year', '2026');
    await fill(p, 'managementFeePercent', 'two');
    await fill(p, 'exit-noticeMonths', '1.5');
    await fill(p, 'exit-earlyTerminationPercent', 'a quarter');
    let r = await submit(p, '#save-draft');
    expect(r.status()).toBe(400);
    expect(await p.page.title()).toMatch(/^Error: Change the agreement/);
    let links = await errorSummary(p);
    expect(links.map((l) => l.href).sort()).toEqual(['#effectiveFrom', '#exit-earlyTerminationPercent', '#exit-noticeMonths', '#managementFeePercent']);
    expect(links.every((l) => l.field && l.inline)).toBe(true);
    expect(links.find((l) => l.href === '#managementFeePercent')!.text).toBe('The management fee must be a number with up to 4 decimal places, like 2.5');
    expect(links.find((l) => l.href === '#exit-noticeMonths')!.text).toBe('The notice to leave must be a whole number');
    expect(await value('managementFeePercent')).toBe('two');
    expect(await axeViolations(p)).toEqual([]);
    expect((await draftViaApi()).status).toBe(404);

    // 2. the service's rules: out of range, shares that do not add up to 100, a missing term
    await fill(p, 'effectiveFrom', '');
    await fill(p, 'effectiveFrom-year', '');
    await fill(p, 'managementFeePercent', '150');
    await fill(p, 'exit-noticeMonths', '9');
    await fill(p, 'exit-earlyTerminationPercent', '25');
    await fill(p, 'exit-minimumTermMonths', '');
    await p.page.click('#basis-fixed');
    await fill(p, `fixedShares-${w.orgs.riverside}`, '50');
    await fill(p, `fixedShares-${w.orgs.hillcrest}`, '40%');
    r = await submit(p, '#save-draft');
    expect(r.status()).toBe(400);
    links = await errorSummary(p);
    expect(links.every((l) => l.field && l.inline)).toBe(true);
    expect(links.map((l) => l.text).sort()).toEqual([
      'Enter the minimum term',
      'The fixed shares must add up to exactly 100% (they add up to 90%)',
      'The management fee must be between 0 and 100',
    ]);
    expect(links.find((l) => l.text.startsWith('The fixed shares'))!.href).toMatch(/^#fixedShares-/);
    expect(await checked('basis-fixed')).toBe(true);
    expect(await axeViolations(p)).toEqual([]);
    expect((await draftViaApi()).status).toBe(404);

    // 3. a closed month (the service's 409, on the month's field)
    await fill(p, 'managementFeePercent', '3');
    await fill(p, 'exit-minimumTermMonths', '36');
    await fill(p, `fixedShares-${w.orgs.host}`, '40');
    await fill(p, `fixedShares-${w.orgs.riverside}`, '30');
    await fill(p, `fixedShares-${w.orgs.hillcrest}`, '20');
    await fill(p, `fixedShares-${w.orgs.moorland}`, '10');
    await fill(p, 'effectiveFrom', '5');
    await fill(p, 'effectiveFrom-year', '2025');
    r = await submit(p, '#save-draft');
    expect(r.status()).toBe(409);
    links = await errorSummary(p);
    expect(links).toEqual([{ href: '#effectiveFrom', text: 'The month it takes effect must be July 2025 or later', field: true, inline: true }]);
    expect((await draftViaApi()).status).toBe(404);

    // 4. fixed and saved: the API's draft is what was entered
    await fill(p, 'effectiveFrom', '1');
    await fill(p, 'effectiveFrom-year', '2026');
    r = await submit(p, '#save-draft');
    expect(r.status()).toBe(200);
    expect(new URL(p.page.url()).pathname).toBe(`${base}/agreement/draft/check`);
    expect(await textOf(p.page, '#confirmation')).toContain('The draft of version 3 was saved');
    const draft = (await draftViaApi()).body as AgreementVersionView;
    expect(draft).toMatchObject({
      version: 3,
      status: 'draft',
      model: 'cooperative',
      effectiveFrom: '2026-01',
      decisionRule: 'unanimous',
      basis: 'fixed',
      managementFeePercent: '3',
      serviceLineBases: v1.serviceLineBases,
      fixedShares: { [w.orgs.host]: '40', [w.orgs.riverside]: '30', [w.orgs.hillcrest]: '20', [w.orgs.moorland]: '10' },
      exit: { ...v1.exit, noticeMonths: 9 },
    });

    // 5. beside the terms in force: only what differs is marked
    expect(await textOf(p.page, 'h1')).toBe('Version 3 beside the terms in force');
    const rows = await p.page.$$eval('#comparison tbody tr', (trs) =>
      trs.map((tr) => ({
        key: tr.getAttribute('data-term'),
        changed: tr.getAttribute('data-changed') === 'true',
        inForce: tr.querySelector('[data-figure="inForce"]')?.textContent?.trim(),
        draft: tr.querySelector('[data-figure="draft"]')?.textContent?.trim(),
        tag: tr.querySelector('.nhsuk-tag')?.textContent?.trim() ?? null,
      })),
    );
    const changed = rows.filter((x) => x.changed).map((x) => x.key);
    expect(changed.sort()).toEqual(
      ['effectiveFrom', 'managementFeePercent', 'basis', 'exit.noticeMonths', ...['host', 'riverside', 'hillcrest', 'moorland'].map((k) => `fixedShare:${w.orgs[k]}`)].sort(),
    );
    expect(rows.every((x) => (x.changed ? x.tag === 'Changed' : x.tag === null && x.inForce === x.draft))).toBe(true);
    const row = (k: string) => rows.find((x) => x.key === k)!;
    expect([row('effectiveFrom').inForce, row('effectiveFrom').draft]).toEqual([formatMonthLong(v1.effectiveFrom), 'January 2026']);
    expect([row('managementFeePercent').inForce, row('managementFeePercent').draft]).toEqual(['2.5% of operating costs', '3% of operating costs']);
    expect([row('basis').inForce, row('basis').draft]).toEqual(['Annual turnover', 'Fixed shares']);
    expect([row('exit.noticeMonths').inForce, row('exit.noticeMonths').draft]).toEqual(['6 months', '9 months']);
    expect(row(`fixedShare:${w.orgs.host}`).inForce).toBe('None');
    expect(await textOf(p.page, '#changes-summary')).toBe('8 terms differ from the terms in force: marked "Changed" below.');
    expect(await axeViolations(p)).toEqual([]);

    // 6. version 2 is before the members: no proposal until it is withdrawn
    expect(await p.page.$('#propose-form')).toBeNull();
    expect(await textOf(p.page, '#propose-blocked')).toContain('Version 2 is before the members');
    await submit(p, '#withdraw-link');
    expect(await textOf(p.page, 'h1')).toBe('Withdraw version 2?');
    expect(await axeViolations(p)).toEqual([]);
    await submit(p, '#withdraw');
    expect(new URL(p.page.url()).search).toBe('?withdrawn=2');
    expect(await textOf(p.page, '#confirmation')).toContain('Version 2 was withdrawn');
    expect((await version(2)).status).toBe('rejected');
    expect(await textOf(p.page, '#latest-decision')).toContain('Version 2 withdrawn by the host');

    // 7. proposed from the check page
    await submit(p, '#check-link');
    expect(await textOf(p.page, '#propose')).toBe('Propose version 3 to the members');
    await submit(p, '#propose');
    expect(new URL(p.page.url()).pathname + new URL(p.page.url()).search).toBe(`${base}/agreement?proposed=3`);
    expect(await textOf(p.page, '#confirmation')).toContain('Version 3 was proposed to the members');
    const proposed = await version(3);
    expect(proposed.status).toBe('proposed');
    expect(await textOf(p.page, '#proposal-heading')).toBe('Version 3: proposed to take effect from January 2026');
    const decisions = ((await api(USERS.host, '/decisions?kind=agreement_proposed')).body as { items: DecisionView[] }).items;
    expect(await textOf(p.page, `#agreement-decisions tr[data-decision="${decisions[0].id}"]`)).toContain(decisions[0].summary);
    expect(await axeViolations(p)).toEqual([]);

    // 8. each member's approver votes through the agreement page; the host follows who has voted and who has not
    const keyOf = (org: string) => Object.entries(w.orgs).find(([, id]) => id === org)![0];
    const voters = proposed.voters.map((v) => keyOf(v.organisationId));
    expect(voters.sort()).toEqual(['hillcrest', 'host', 'moorland', 'riverside']);
    const order = ['host', 'riverside', 'hillcrest', 'moorland'];
    for (const [n, key] of order.entries()) {
      const voter = key === 'host' ? p : await openPage(w, { js: n % 2 === 0 });
      if (key !== 'host') await signIn(w, voter, APPROVERS[key], `${base}/agreement`);
      else await p.page.goto(`${w.base}${base}/agreement`);
      await voter.page.click('#vote');
      await submit(voter, '#send-vote');
      expect(new URL(voter.page.url()).search).toBe('?voted=3');
      if (voter !== p) expect(voter.problems).toEqual([]);
      // the host's page: who has voted and who has not, as the API says
      await p.page.goto(`${w.base}${base}/agreement`);
      const v3 = await version(3);
      if (n < order.length - 1) {
        const votes = await p.page.$$eval('#votes tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-organisation'), tr.getAttribute('data-vote')]));
        expect(votes).toEqual(v3.voters.map((v) => [v.organisationId, v.vote ?? 'none']));
        expect(votes.filter(([, v]) => v === 'approve').length).toBe(n + 1);
        expect(await textOf(p.page, '#votes-tally')).toContain(`${n + 1} approved, 0 objected, ${3 - n} ${3 - n === 1 ? 'has' : 'have'} not voted yet`);
      } else {
        expect(v3.status).toBe('approved');
        expect(await p.page.$('#proposal-heading')).toBeNull();
        expect(await p.page.$eval('#versions tr[data-version="3"] [data-figure="status"]', (c) => c.textContent?.trim())).toBe('Approved');
        const approved = ((await api(USERS.host, '/decisions?kind=agreement_approved')).body as { items: DecisionView[] }).items[0];
        expect(approved.summary).toContain('Version 3 approved by the members');
        expect(await textOf(p.page, '#latest-decision')).toContain(approved.summary);
        expect(await textOf(p.page, `#agreement-decisions tr[data-decision="${approved.id}"]`)).toContain('Approved');
      }
    }
    expect(await axeViolations(p)).toEqual([]);
    expect(p.problems).toEqual([answered(400), answered(400), answered(409)]);
  }, 600_000);

  it('JavaScript off: the host drafts version 4 (an error, then saved), checks it, proposes it and withdraws it', async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.host, `${base}/agreement/draft`);
    expect(await textOf(p.page, 'h1')).toBe('Change the agreement: draft of version 4');
    // version 3, approved from January 2026, is the earliest a new version can take effect: the month left blank is that
    expect(await textOf(p.page, '#effectiveFrom-hint')).toContain('Leave it blank for January 2026.');
    await fill(p, 'managementFeePercent', '-1');
    let r = await submit(p, '#save-draft');
    expect(r.status()).toBe(400);
    expect(await errorSummary(p)).toEqual([{ href: '#managementFeePercent', text: 'The management fee must be between 0 and 100', field: true, inline: true }]);
    expect(await axeViolations(p)).toEqual([]);
    expect((await draftViaApi()).status).toBe(404);

    await fill(p, 'managementFeePercent', '2.25');
    r = await submit(p, '#save-draft');
    expect(r.status()).toBe(200);
    const draft = (await draftViaApi()).body as AgreementVersionView;
    expect(draft).toMatchObject({ version: 4, managementFeePercent: '2.25', revision: 1, effectiveFrom: '2026-01' });
    expect(await textOf(p.page, '#confirmation')).toContain('The draft of version 4 was saved');

    // changed again: the draft keeps its version, at the next revision (If-Match the revision read)
    await submit(p, '#change-draft');
    expect(await textOf(p.page, '#draft-status')).toContain('You are changing the draft of version 4');
    expect(await p.page.$eval('input[name=revision]', (i) => (i as unknown as { value: string }).value)).toBe('1');
    await fill(p, 'managementFeePercent', '2.3');
    await submit(p, '#save-draft');
    expect(((await draftViaApi()).body as AgreementVersionView).managementFeePercent).toBe('2.3');
    expect(((await draftViaApi()).body as AgreementVersionView).revision).toBe(2);
    expect(await axeViolations(p)).toEqual([]);

    // changed by someone else while the form was open (the API, If-Match 2): refused, nothing overwritten, what was typed kept
    await submit(p, '#change-draft');
    const current = (await draftViaApi()).body as AgreementVersionView;
    const {
      consortiumId: _c,
      version: _v,
      status: _s,
      inForce: _i,
      revision: _r,
      createdAt: _ca,
      updatedAt: _u,
      approvedAt: _a,
      approvedBy: _b,
      proposedAt: _p,
      decidedAt: _d,
      voters: _vs,
      votes: _vo,
      ...terms
    } = current;
    const other = await w.t.http
      .put(`/api/v1/consortia/${w.consortiumId}/agreement`)
      .set('Authorization', await w.api(USERS.host))
      .set('If-Match', '"2"')
      .send({ ...terms, managementFeePercent: '2.4' });
    expect(other.status).toBe(200);
    await fill(p, 'managementFeePercent', '2.35');
    r = await submit(p, '#save-draft');
    expect(r.status()).toBe(409);
    expect(await textOf(p.page, '#draft-refusal')).toContain('Someone changed the draft of version 4 since you opened this page');
    expect(await p.page.$eval('[id="managementFeePercent"]', (e) => (e as unknown as { value: string }).value)).toBe('2.35');
    expect(((await draftViaApi()).body as AgreementVersionView).managementFeePercent).toBe('2.4');
    expect(await axeViolations(p)).toEqual([]);
    // saving again, knowingly, replaces their change
    await submit(p, '#save-draft');
    expect((await draftViaApi()).body as AgreementVersionView).toMatchObject({ managementFeePercent: '2.35', revision: 4 });

    await submit(p, '#propose');
    expect(new URL(p.page.url()).search).toBe('?proposed=4');
    expect((await version(4)).status).toBe('proposed');
    await submit(p, '#withdraw-link');
    await submit(p, '#withdraw');
    expect(await textOf(p.page, '#confirmation')).toContain('Version 4 was withdrawn');
    expect((await version(4)).status).toBe('rejected');
    expect(await axeViolations(p)).toEqual([]);
    // Chrome logs the pages answered 400 and 409 on purpose, with JavaScript off too
    expect(p.problems).toEqual([answered(400), answered(409)]);
  }, 300_000);
});
