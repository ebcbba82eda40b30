/**
 * "Change your password" in real Chromium: a user the host's administrator adds on the users page
 * signs in with the temporary password shown there and can do nothing but choose their own (every
 * page leads back to it, the API answers 403 `password_change_required`), then goes on to where they
 * were going; any user changes theirs from the header, their other sessions end. Errors on their
 * fields, linked from the summary; axe-clean with JavaScript off and on; a POST without the CSRF
 * token changes nothing.
 */
import { axeViolations, openPage, PASSWORD, signIn, startWebWorld, textOf, USERS, type OpenPage, type WebWorld } from './support/browser';

jest.setTimeout(240_000);

describe('web: change your password', () => {
  let w: WebWorld;
  beforeAll(async () => {
    w = await startWebWorld();
  });
  afterAll(() => w?.close());

  async function submit(p: OpenPage, selector: string): Promise<void> {
    await Promise.all([p.page.waitForNavigation(), p.page.click(selector)]);
  }

  async function fill(p: OpenPage, fields: { current?: string; next?: string; again?: string }): Promise<void> {
    for (const [id, value] of [
      ['#current-password', fields.current],
      ['#new-password', fields.next],
      ['#confirm-password', fields.again],
    ] as const) {
      await p.page.$eval(id, (i) => ((i as unknown as { value: string }).value = ''));
      if (value) await p.page.type(id, value);
    }
  }

  const path = (p: OpenPage) => new URL(p.page.url()).pathname;
  const summaryLinks = (p: OpenPage) => p.page.$$eval('.nhsuk-error-summary a', (as) => as.map((a) => [a.getAttribute('href'), (a.textContent ?? '').trim()]));
  const apiStatus = async (token: string, url: string) => (await w.t.http.get(url).set('Authorization', token)).status;

  it('JavaScript off: a user added on the users page must choose their own password before anything else, then goes where they were going', async () => {
    const NEW = 'new.starter@northvale.demo.nhs.example';
    const host = await openPage(w, { js: false });
    await signIn(w, host, USERS.host, '/organisation/users');
    await host.page.type('#email', NEW);
    await host.page.click('#role-partner_user');
    await submit(host, '#add-user button[type=submit]');
    const temp = await textOf(host.page, '#temporary-password');
    expect(await textOf(host.page, '#temporary-password-panel')).toContain('they must choose their own password');
    await host.page.goto(`${w.base}/organisation/users`);
    const row = `#users tr[data-email="${NEW}"] .nhsuk-tag`;
    expect(await textOf(host.page, row)).toBe('Waiting for a new password');

    // they sign in, meaning to read performance: they are asked for their own password first
    const them = await openPage(w, { js: false });
    const performance = `/consortium/${w.consortiumId}/performance`;
    await them.page.goto(`${w.base}/sign-in?next=${encodeURIComponent(performance)}`);
    await them.page.type('#email', NEW);
    await them.page.type('#password', temp);
    await submit(them, 'button[type=submit]');
    expect(path(them)).toBe('/account/password');
    expect(await textOf(them.page, 'h1')).toBe('Choose your own password');
    expect(await textOf(them.page, '#temporary-notice')).toContain('temporary password');
    expect(await textOf(them.page, 'label[for=current-password]')).toBe('Temporary password');
    expect(await axeViolations(them)).toEqual([]);
    // every other page leads back here; the API refuses the same token
    for (const page of ['/', performance, '/account/notifications', `/consortium/${w.consortiumId}/statements`]) {
      await them.page.goto(`${w.base}${page}`);
      expect(path(them)).toBe('/account/password');
    }
    const token = await w.t.login(NEW, temp);
    expect(await apiStatus(token, '/api/v1/consortia')).toBe(403);

    // every problem on its field, linked from the summary; nothing changed
    await them.page.goto(`${w.base}/account/password?next=${encodeURIComponent(performance)}`);
    await fill(them, { current: 'not-the-temporary-one', next: 'short', again: 'different' });
    await submit(them, '#save-password');
    expect(await them.page.title()).toMatch(/^Error: /);
    expect(await summaryLinks(them)).toEqual([
      ['#new-password', 'Your new password must be at least 12 characters'],
      ['#confirm-password', 'The new passwords do not match'],
    ]);
    expect(await them.page.$eval('#new-password', (i) => (i as unknown as { value: string }).value)).toBe('');
    expect(await axeViolations(them)).toEqual([]);
    await fill(them, { current: 'not-the-temporary-one', next: 'three calm rivers at dawn', again: 'three calm rivers at dawn' });
    await submit(them, '#save-password');
    expect(await summaryLinks(them)).toEqual([['#current-password', 'The temporary password is not right']]);
    expect(
      await w.t.http
        .post('/api/v1/auth/login')
        .send({ email: NEW, password: 'three calm rivers at dawn' })
        .then((r) => r.status),
    ).toBe(401);

    // chosen: the confirmation, then on to performance
    await fill(them, { current: temp, next: 'three calm rivers at dawn', again: 'three calm rivers at dawn' });
    await submit(them, '#save-password');
    expect(path(them)).toBe('/account/password');
    expect(await textOf(them.page, '#password-changed h1')).toBe('Your password has been changed');
    expect(await them.page.$eval('#continue', (a) => a.getAttribute('href'))).toBe(performance);
    expect(await axeViolations(them)).toEqual([]);
    await submit(them, '#continue');
    expect(path(them)).toBe(performance);
    expect(await textOf(them.page, 'h1')).not.toBe('Choose your own password');
    // the temporary password no longer signs in; theirs does; the host sees them active
    expect(
      await w.t.http
        .post('/api/v1/auth/login')
        .send({ email: NEW, password: temp })
        .then((r) => r.status),
    ).toBe(401);
    expect(await apiStatus(await w.t.login(NEW, 'three calm rivers at dawn'), '/api/v1/consortia')).toBe(200);
    await host.page.goto(`${w.base}/organisation/users`);
    expect(await textOf(host.page, row)).toBe('Active');
    // the form with errors answered 400 on purpose
    expect(them.problems.every((x) => x.includes('400'))).toBe(true);
  });

  it('JavaScript on: from the header, a board member changes theirs; their other sessions end; this one goes on', async () => {
    const other = await openPage(w, { js: true });
    await signIn(w, other, USERS.board);
    const p = await openPage(w, { js: true });
    await signIn(w, p, USERS.board);
    await submit(p, 'a.nhsuk-header__account-link[href="/account/password"]');
    expect(await textOf(p.page, 'h1')).toBe('Change your password');
    expect(await textOf(p.page, 'label[for=current-password]')).toBe('Current password');
    expect(await p.page.$('#temporary-notice')).toBeNull();
    expect(await axeViolations(p)).toEqual([]);
    await fill(p, { current: PASSWORD, next: PASSWORD, again: PASSWORD });
    await submit(p, '#save-password');
    expect(await summaryLinks(p)).toEqual([['#new-password', 'Your new password must be different from your current one']]);
    await fill(p, { current: PASSWORD, next: 'board papers by candlelight', again: 'board papers by candlelight' });
    await submit(p, '#save-password');
    expect(await textOf(p.page, '#password-changed h1')).toBe('Your password has been changed');
    expect(await axeViolations(p)).toEqual([]);
    await submit(p, '#continue');
    expect(path(p)).toBe('/');
    // the other browser's session has ended
    await other.page.goto(`${w.base}/`);
    expect(path(other)).toBe('/sign-in');
    expect(
      await w.t.http
        .post('/api/v1/auth/login')
        .send({ email: USERS.board, password: PASSWORD })
        .then((r) => r.status),
    ).toBe(401);
    expect(p.problems.filter((x) => !x.includes('400'))).toEqual([]);
  });

  it('a change posted without the CSRF token is refused and changes nothing', async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.partner, '/account/password');
    const cookie = (await p.page.browserContext().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await fetch(`${w.base}/account/password`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ currentPassword: PASSWORD, newPassword: 'a forged new passphrase', confirmPassword: 'a forged new passphrase' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('This form has expired');
    expect(
      await w.t.http
        .post('/api/v1/auth/login')
        .send({ email: USERS.partner, password: PASSWORD })
        .then((r) => r.status),
    ).toBe(200);
    // no link shows the confirmation, nor leads its Continue button off the site
    await p.page.goto(`${w.base}/account/password?changed=1&next=${encodeURIComponent('/\t/evil.example')}`);
    expect(await textOf(p.page, 'h1')).toBe('Change your password');
    expect(await p.page.$('#password-changed')).toBeNull();
    expect(await p.page.$eval('input[name=next]', (i) => (i as unknown as { value: string }).value)).toBe('/');
  });
});
