/**
 * The email notifications page (issue 17), in real Chromium: reached from the header, saved with
 * JavaScript off (CSRF token in the form), what the API then reads back, an error on its field, a
 * POST without the token refused, axe-clean with JavaScript off and on.
 */
import { EVENT_KINDS } from '../../src/events/event-kinds';
import { axeViolations, openPage, signIn, startWebWorld, textOf, USERS, type OpenPage, type WebWorld } from './support/browser';

jest.setTimeout(240_000);

describe('web: email notification preferences', () => {
  let w: WebWorld;
  beforeAll(async () => {
    w = await startWebWorld();
  });
  afterAll(() => w?.close());

  async function submit(p: OpenPage, selector: string): Promise<void> {
    await Promise.all([p.page.waitForNavigation(), p.page.click(selector)]);
  }

  async function apiPrefs(email: string): Promise<{ kind: string; enabled: boolean; mode: string; attachPdf: boolean }[]> {
    const r = await w.t.http.get('/api/v1/me/notification-preferences').set('Authorization', await w.api(email));
    expect(r.status).toBe(200);
    return r.body.items as { kind: string; enabled: boolean; mode: string; attachPdf: boolean }[];
  }

  it('JavaScript off: from the header, choose and save; the API reads back the same choices; the page is axe-clean', async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.board);
    await submit(p, 'a.nhsuk-header__account-link[href="/account/notifications"]');
    expect(await textOf(p.page, 'h1')).toBe('Email notifications');
    expect(await p.page.$$eval('fieldset legend', (ls) => ls.length)).toBe(EVENT_KINDS.length);
    expect(await axeViolations(p)).toEqual([]);

    await p.page.click('#sla-breached-enabled'); // off
    await p.page.click('#month-closed-mode-digest');
    await p.page.click('#month-closed-attach');
    await submit(p, '#save-notifications');
    expect(new URL(p.page.url()).pathname).toBe('/account/notifications');
    expect(await textOf(p.page, '#notifications-saved')).toContain('Your email choices have been saved');
    expect(await p.page.$eval('#month-closed-mode-digest', (i) => (i as unknown as { checked: boolean }).checked)).toBe(true);
    expect(await axeViolations(p)).toEqual([]);

    const prefs = await apiPrefs(USERS.board);
    expect(prefs.find((x) => x.kind === 'sla.breached')).toEqual({ kind: 'sla.breached', enabled: false, mode: 'immediate', attachPdf: false });
    expect(prefs.find((x) => x.kind === 'month.closed')).toEqual({ kind: 'month.closed', enabled: true, mode: 'digest', attachPdf: true });
    // the same user's choices only: another user keeps the defaults
    expect((await apiPrefs(USERS.partner)).every((x) => x.enabled && x.mode === 'immediate')).toBe(true);
    expect(p.problems).toEqual([]);
  });

  it('a form without a choice of when is an error on its field; a POST without the CSRF token changes nothing', async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.partner, '/account/notifications');
    const cookie = (await p.page.browserContext().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = await p.page.$eval('input[name=_csrf]', (i) => (i as unknown as { value: string }).value);
    const bad = await fetch(`${w.base}/account/notifications`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, 'agreement-proposed-enabled': 'yes' }),
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('<title>Error: Email notifications');
    expect(html).toContain('href="#agreement-proposed-mode"');
    const expired = await fetch(`${w.base}/account/notifications`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ 'agreement-proposed-mode': 'digest' }),
    });
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('This form has expired');
    expect((await apiPrefs(USERS.partner)).every((x) => x.enabled && x.mode === 'immediate')).toBe(true);
  });

  it('JavaScript on: the page passes axe with no console errors', async () => {
    const p = await openPage(w, { js: true });
    await signIn(w, p, USERS.host, '/account/notifications');
    expect(await textOf(p.page, 'h1')).toBe('Email notifications');
    expect(await axeViolations(p)).toEqual([]);
    expect(p.problems).toEqual([]);
  });
});
