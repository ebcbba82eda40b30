/**
 * Issue 12, finding 11: login throttling was per ip|email in process memory: password spraying
 * across emails was unlimited, a restart forgot it, two processes each had their own, any loopback
 * client chose its own address with X-Forwarded-For, and the 429 sent `Retry-After-login`.
 */
import { createAppOn, createTestApp, type TestApp } from '../../support/app';

const login = (t: TestApp, email: string, forwardedFor?: string) => {
  const r = t.http.post('/api/v1/auth/login');
  if (forwardedFor) void r.set('X-Forwarded-For', forwardedFor);
  return r.send({ email, password: 'not-the-password-123' });
};

describe('attacks on login throttling (e2e)', () => {
  describe('one address, many accounts', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ LOGIN_RATE_LIMIT: '100', LOGIN_ADDRESS_RATE_LIMIT: '5' });
    });
    afterAll(() => t.close());

    it('finding 11: password spraying across emails from one address is stopped, with a standard Retry-After', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await login(t, `victim-${i}@example.org`)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
      const res = await login(t, 'victim-5@example.org').expect(429);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(Object.keys(res.headers).filter((h) => h.startsWith('retry-after-'))).toEqual([]);
      expect(res.body).toMatchObject({ status: 429, code: 'too_many_login_attempts' });
    });

    it('finding 11: X-Forwarded-For from an untrusted client does not choose the address counted', async () => {
      const res = await login(t, 'victim-6@example.org', '203.0.113.77').expect(429);
      expect(res.body.code).toBe('too_many_login_attempts');
    });
  });

  describe('one account, two processes and a restart', () => {
    let a: TestApp;
    beforeAll(async () => {
      a = await createTestApp({ LOGIN_RATE_LIMIT: '3' });
    });
    afterAll(() => a.close());

    it('finding 11: the count lives in PostgreSQL: a second process (or the same one restarted) sees it', async () => {
      for (let i = 0; i < 3; i++) await login(a, 'target@example.org').expect(401);
      const b = await createAppOn(a.databaseUrl, { LOGIN_RATE_LIMIT: '3' });
      try {
        await login(b, 'target@example.org').expect(429);
        // another account from another process is not held back by this one's count
        await login(b, 'someone-else@example.org').expect(401);
      } finally {
        await b.close();
      }
    });
  });

  describe('behind a trusted proxy', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ LOGIN_RATE_LIMIT: '100', LOGIN_ADDRESS_RATE_LIMIT: '2', TRUSTED_PROXIES: 'loopback' });
    });
    afterAll(() => t.close());

    it('finding 11: a configured proxy’s X-Forwarded-For names the client, so clients behind it are counted apart', async () => {
      await login(t, 'p1@example.org', '198.51.100.1').expect(401);
      await login(t, 'p2@example.org', '198.51.100.1').expect(401);
      await login(t, 'p3@example.org', '198.51.100.1').expect(429);
      await login(t, 'p4@example.org', '198.51.100.2').expect(401);
    });
  });
});
