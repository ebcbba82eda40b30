/**
 * The web front door (issue 14): sign in and out with a session cookie, CSRF on every form, the
 * 404 page for what the user may not see, security headers, and the pages accessible and working
 * with JavaScript on and off.
 */
import { readFileSync } from 'node:fs';
import { axeViolations, openPage, signIn, startWebWorld, textOf, USERS, type WebWorld } from './support/browser';

describe('web front door (browser)', () => {
  let w: WebWorld;
  beforeAll(async () => {
    w = await startWebWorld();
  }, 120_000);
  afterAll(() => w?.close());

  it.each([true, false])('signs in and out (JavaScript %s); the old cookie then gets the sign-in page', async (js) => {
    const p = await openPage(w, { js });
    await p.page.goto(`${w.base}/`);
    expect(new URL(p.page.url()).pathname).toBe('/sign-in');
    expect(await axeViolations(p)).toEqual([]);
    await signIn(w, p, USERS.partner);
    expect(await textOf(p.page, 'h1')).toBe('Your partnerships');
    expect(await textOf(p.page, '.nhsuk-card__heading')).toBe('North Vale Back Office Partnership');
    expect(await axeViolations(p)).toEqual([]);
    const cookies = await p.page.browserContext().cookies();
    const session = cookies.find((c) => c.name === 'cp_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await Promise.all([p.page.waitForNavigation(), p.page.click('.nhsuk-header__account-button')]);
    expect(new URL(p.page.url()).pathname).toBe('/sign-in');
    // the old cookie, replayed, no longer opens a page
    const replay = await fetch(`${w.base}/`, { headers: { cookie: `cp_session=${session.value}` }, redirect: 'manual' });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toMatch(/^\/sign-in/);
    expect(p.problems).toEqual([]);
  });

  it('a wrong password shows the error summary linked to the field, in the page title too', async () => {
    const p = await openPage(w);
    await p.page.goto(`${w.base}/sign-in`);
    await p.page.type('#email', USERS.partner);
    await p.page.type('#password', 'not-the-password');
    await Promise.all([p.page.waitForNavigation(), p.page.click('button[type=submit]')]);
    expect(await p.page.title()).toMatch(/^Error: Sign in/);
    expect(await textOf(p.page, '.nhsuk-error-summary')).toContain('Enter a correct email address and password');
    expect(await p.page.$eval('.nhsuk-error-summary a', (a) => a.getAttribute('href'))).toBe('#email');
    expect(await axeViolations(p)).toEqual([]);
  });

  it('a form posted without its CSRF token is refused, and nothing happens', async () => {
    const res = await fetch(`${w.base}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: USERS.partner, password: 'demo-password-2025' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie') ?? '').not.toContain('cp_session=');
    expect(await res.text()).toContain('This form has expired');
  });

  it('sends a Content-Security-Policy without inline script, and long-lived versioned assets', async () => {
    const res = await fetch(`${w.base}/sign-in`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const css = html.match(/href="(\/assets\/nhsuk-frontend\/[\d.]+\/nhsuk-frontend\.min\.css)"/)![1];
    const asset = await fetch(`${w.base}${css}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).not.toContain('assets.nhs.uk');
    // every asset the page loads (the design system's CSS, JavaScript and favicon, the service's own
    // CSS and JavaScript, and the design system module app.js imports) is at a versioned path, a year's cache
    const version = (JSON.parse(readFileSync(require.resolve('nhsuk-frontend/package.json'), 'utf8')) as { version: string }).version;
    const appJs = html.match(/<script[^>]*src="(\/assets\/app\/[^"]+\/app\.js)"/)![1];
    const imported = [...(await (await fetch(`${w.base}${appJs}`)).text()).matchAll(/from '(\/assets\/[^']+)'/g)].map((m) => m[1]);
    expect(imported).toEqual([expect.stringMatching(new RegExp(`^/assets/nhsuk-frontend/${version.replace(/\./g, '\\.')}/`))]);
    const assets = [...new Set([...[...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]), ...imported])];
    expect(assets.length).toBeGreaterThanOrEqual(5);
    for (const a of assets) {
      expect(a).toMatch(new RegExp(`^/assets/(nhsuk-frontend/${version.replace(/\./g, '\\.')}|app/[0-9a-f]{8,})/`));
      const r = await fetch(`${w.base}${a}`);
      expect([a, r.status, r.headers.get('cache-control')]).toEqual([a, 200, 'public, max-age=31536000, immutable']);
    }
  });

  it.each([true, false])("home and the partnership's overview list what needs the organisation's attention (JavaScript %s)", async (js) => {
    const p = await openPage(w, { js });
    await signIn(w, p, USERS.partnerAdmin);
    const items = await p.page.$$eval('main .nhsuk-list li', (li) => li.map((x) => (x.textContent ?? '').replace(/\s+/g, ' ').trim()));
    expect(items).toEqual(
      expect.arrayContaining([
        expect.stringContaining("Vote needed Version 2 of the agreement, from October 2025, is waiting for your organisation's vote"),
        expect.stringContaining('New statement Statements for June 2025 were issued'),
      ]),
    );
    expect(await axeViolations(p)).toEqual([]);
    await Promise.all([p.page.waitForNavigation(), p.page.click('.nhsuk-card__link')]);
    expect(new URL(p.page.url()).pathname).toBe(`/consortium/${w.consortiumId}`);
    expect(await textOf(p.page, 'h1')).toBe('Overview');
    expect(await p.page.$$eval('.app-subnav__link', (a) => a.map((x) => x.textContent?.trim()))).toEqual([
      'Overview',
      'Service performance',
      'Statements',
      'Benefits against plan',
      'Agreement',
      'Exit quote',
      'What-if scenarios',
      'Benchmarking',
      'Options appraisals',
      'Reports',
    ]);
    expect(await textOf(p.page, 'main')).toContain('Riverside');
    expect(await axeViolations(p)).toEqual([]);
    expect(p.problems).toEqual([]);
  });

  it('a board member of a member trust is on the partnership board', async () => {
    const p = await openPage(w);
    await signIn(w, p, USERS.board, `/consortium/${w.consortiumId}`);
    expect(await p.page.$$eval('.app-subnav__link', (a) => a.map((x) => x.textContent?.trim()))).toContain('Partnership board');
    expect(await p.page.$$eval('.app-subnav__link', (a) => a.map((x) => x.textContent?.trim()))).not.toContain('Submit measurements');
  });

  it('a path nothing serves is the 404 page outside the API, a problem document inside it', async () => {
    const page = await fetch(`${w.base}/no-such-page`);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Page not found');
    const api = await fetch(`${w.base}/api/v1/no-such-route`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('an unknown or unreachable partnership is the 404 page', async () => {
    const p = await openPage(w);
    await signIn(w, p, USERS.partner);
    const res = await p.page.goto(`${w.base}/consortium/00000000-0000-4000-8000-000000000000`);
    expect(res!.status()).toBe(404);
    expect(await textOf(p.page, 'h1')).toBe('Page not found');
    expect(await axeViolations(p)).toEqual([]);
  });
});
