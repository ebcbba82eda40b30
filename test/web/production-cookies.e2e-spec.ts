/**
 * The web front door's cookies in production (issue 14): the session, the CSRF cookie and the
 * pre-session id are `Secure` (and `__Host-` prefixed, so a subdomain cannot set them), HttpOnly and
 * SameSite; the Content-Security-Policy upgrades insecure requests. Outside production the same
 * cookies are set without `Secure`, so the demo works on http://localhost.
 */
import { ADMIN, createTestApp, type TestApp } from '../support/app';

const STRONG_SECRET = 'q8ZrT3vN1xLw0pYcK5mB7hJ2dG9sF4aE6uR1tV3nX8yW';
const ADMIN_PASSWORD = 'Vq3-unlisted-admin-pass';

/** The Set-Cookie headers of a response, by cookie name. */
function setCookies(res: { headers: Record<string, unknown> }): Map<string, string> {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  return new Map(list.map((c) => [c.slice(0, c.indexOf('=')), c]));
}
const attributes = (cookie: string) =>
  cookie
    .split(';')
    .slice(1)
    .map((a) => a.trim().toLowerCase());

/** Signs in through the form: the sign-in page's cookies, then the session cookie the POST sets. */
async function signIn(t: TestApp, password: string): Promise<{ page: Map<string, string>; session: Map<string, string> }> {
  const form = await t.http.get('/sign-in').expect(200);
  const page = setCookies(form);
  const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  const jar = [...page.values()].map((c) => c.split(';')[0]).join('; ');
  const res = await t.http.post('/sign-in').set('Cookie', jar).type('form').send({ _csrf: token, email: ADMIN.email, password }).expect(303);
  return { page, session: setCookies(res) };
}

describe('web cookies in production and outside it (e2e)', () => {
  let production: TestApp;
  let test: TestApp;
  beforeAll(async () => {
    // the test app first: it serves the OpenAPI document the test apps' conformance check reads
    // (production serves it only when asked: asked here, as it changes nothing about cookies)
    test = await createTestApp();
    production = await createTestApp({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET, ADMIN_PASSWORD, ALLOW_EMBEDDED_DB: 'true', API_DOCS: 'true' });
  }, 120_000);
  afterAll(async () => {
    await production?.close();
    await test?.close();
  });

  it('production: every web cookie is __Host-, Secure, HttpOnly and SameSite; the CSP upgrades insecure requests', async () => {
    const { page, session } = await signIn(production, ADMIN_PASSWORD);
    expect([...page.keys()].sort()).toEqual(['__Host-cp_csrf', '__Host-cp_pre']);
    expect([...session.keys()]).toEqual(['__Host-cp_session']);
    for (const [name, cookie] of [...page, ...session]) {
      const a = attributes(cookie);
      expect([name, a.includes('secure'), a.includes('httponly'), a.includes('path=/'), a.some((x) => /^samesite=(lax|strict)$/.test(x))]).toEqual([name, true, true, true, true]);
      // a __Host- cookie may name no domain
      expect([name, a.some((x) => x.startsWith('domain='))]).toEqual([name, false]);
    }
    expect(attributes(session.get('__Host-cp_session')!)).toContain('samesite=lax');
    expect(attributes(page.get('__Host-cp_csrf')!)).toContain('samesite=strict');
    const csp = (await production.http.get('/sign-in')).headers['content-security-policy'];
    expect(csp).toContain('upgrade-insecure-requests');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('outside production: the same cookies without Secure (the demo runs on http://localhost)', async () => {
    const { page, session } = await signIn(test, ADMIN.password);
    expect([...page.keys()].sort()).toEqual(['cp_csrf', 'cp_pre']);
    expect([...session.keys()]).toEqual(['cp_session']);
    for (const [name, cookie] of [...page, ...session]) {
      const a = attributes(cookie);
      expect([name, a.includes('secure'), a.includes('httponly')]).toEqual([name, false, true]);
    }
    expect((await test.http.get('/sign-in')).headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });
});
