/**
 * Issue 17 review: attacks on notifications and webhooks by someone with an account in one partner
 * trust (or one host).
 *
 * Finding 1 (fixed): recipients were chosen once, when the event fanned out, and only "still
 * enabled" was checked when the message went. A digest waits up to a day: a board viewer whose
 * role was taken away (or any other change that drops a user from the event's rule) still got the
 * board pack notice and its link the next morning. Eligibility is now checked again, as the user
 * is when the message is composed, for immediate messages and for each item of a digest.
 *
 * Finding 2 (fixed): the answers carrying a webhook's signing secret (create, rotate) had no
 * `Cache-Control: no-store`; a cache between the host and the API could keep the secret. They have.
 *
 * Held (tested here so that they stay held): another host or a member cannot read, change, rotate,
 * delete or read the deliveries of an endpoint; the secret is never shown again (list, get, the
 * audit log); every disguise of an internal address (decimal, hex, octal, IPv4-mapped and NAT64
 * IPv6, unique-local, link-local, userinfo, plain http) is refused with a 400 naming `url`, on
 * create and on PATCH; the delivery log and preferences are the caller's own.
 */
import { UnitOfWork } from '../../../src/database/sql';
import { EventsService } from '../../../src/events/events.service';
import { NotificationsService } from '../../../src/notifications/notifications.service';
import { createTestApp, type TestApp } from '../../support/app';
import { SmtpCapture } from '../../support/smtp';
import { buildWorld, unique, type World } from '../../support/world';

jest.setTimeout(180_000);

const PW = 'password-1234567';

describe('attacks on notifications and webhooks (e2e)', () => {
  let t: TestApp;
  let w: World;
  const smtp = new SmtpCapture();
  const { inbox } = smtp;

  async function until<T>(what: string, probe: () => T | Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (ok(v)) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  const as = (token: string) => ({
    get: (path: string) => t.http.get(path).set('Authorization', token),
    post: (path: string, body?: object) => t.http.post(path).set('Authorization', token).send(body),
    patch: (path: string, body: object) => t.http.patch(path).set('Authorization', token).send(body),
    put: (path: string, body: object) => t.http.put(path).set('Authorization', token).send(body),
    delete: (path: string) => t.http.delete(path).set('Authorization', token),
  });

  async function addUser(role: string, organisationId: string): Promise<{ id: string; email: string; token: string }> {
    const email = `${unique('att')}@t.example`;
    const r = await as(w.tokens.admin!).post('/api/v1/users', { email, password: PW, role, organisationId });
    expect(r.status).toBe(201);
    return { id: r.body.id as string, email: email.toLowerCase(), token: await t.login(email, PW) };
  }

  async function logOf(consortiumId: string, email: string): Promise<{ kind: string; status: string }[]> {
    const r = await as(w.tokens.host!).get(`/api/v1/consortia/${consortiumId}/notifications?limit=500`).expect(200);
    return (r.body.items as { email: string; kind: string; status: string }[]).filter((i) => i.email.toLowerCase() === email);
  }

  beforeAll(async () => {
    const smtpUrl = await smtp.listen();
    t = await createTestApp({ SMTP_URL: smtpUrl, NOTIFY_RETRY_DELAY_SECONDS: '1', JOB_POLL_SECONDS: '1', WEBHOOK_ALLOW_LOOPBACK: 'false' });
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('finding 1: a board viewer demoted while the board pack notice waits for the digest is not told', async () => {
    const viewer = await addUser('board_viewer', w.c1.partnerOrgIds[0]);
    await as(viewer.token)
      .put('/api/v1/me/notification-preferences', { items: [{ kind: 'board_pack.due', enabled: true, mode: 'digest', attachPdf: false }] })
      .expect(200);
    await t.app
      .get(UnitOfWork)
      .run((tx) => t.app.get(EventsService).publish(tx, w.c1.consortiumId, 'board_pack.due', { from: '2025-04', to: '2025-04', scheduledFor: '2025-05-06' }, null));
    await until(
      'the notice to wait for the digest',
      () => logOf(w.c1.consortiumId, viewer.email),
      (r) => r.some((i) => i.kind === 'board_pack.due' && i.status === 'pending_digest'),
    );
    // the organisation takes the board role away before the digest goes
    await as(w.tokens.admin!).patch(`/api/v1/users/${viewer.id}`, { role: 'partner_user' }).expect(200);
    await t.app.get(NotificationsService).sendDigests();
    const final = await until(
      'the digest to settle',
      () => logOf(w.c1.consortiumId, viewer.email),
      (r) => r.some((i) => i.kind === 'board_pack.due' && ['digest_sent', 'digest_skipped', 'digest_failed'].includes(i.status)),
    );
    expect(final.find((i) => i.kind === 'board_pack.due')!.status).toBe('digest_skipped');
    expect(inbox.filter((m) => m.to.includes(viewer.email))).toEqual([]);
  });

  describe('webhooks', () => {
    let hookId: string;
    let secret: string;
    const base = () => `/api/v1/consortia/${w.c1.consortiumId}/webhooks`;

    beforeAll(async () => {
      const r = await as(w.tokens.host!).post(base(), { url: 'https://hooks.example.com/in', events: ['*'] });
      expect(r.status).toBe(201);
      hookId = r.body.id as string;
      secret = r.body.secret as string;
      expect(secret.length).toBeGreaterThan(20);
    });

    it('finding 2: the answers carrying the secret are not to be stored by any cache', async () => {
      const made = await as(w.tokens.host!).post(base(), { url: 'https://hooks.example.com/other' });
      expect(made.status).toBe(201);
      expect(made.headers['cache-control']).toMatch(/no-store/);
      const rotated = await as(w.tokens.host!).post(`${base()}/${made.body.id as string}/rotate-secret`);
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).toEqual(expect.any(String));
      expect(rotated.headers['cache-control']).toMatch(/no-store/);
      await as(w.tokens.host!)
        .delete(`${base()}/${made.body.id as string}`)
        .expect(204);
    });

    it('the secret is never shown again: list, get, PATCH, the audit log', async () => {
      const answers = [
        await as(w.tokens.host!).get(base()).expect(200),
        await as(w.tokens.host!).get(`${base()}/${hookId}`).expect(200),
        await as(w.tokens.host!).patch(`${base()}/${hookId}`, { description: 'changed' }).expect(200),
        await as(w.tokens.admin!).get('/api/v1/audit?limit=200').expect(200),
      ];
      for (const a of answers) expect(JSON.stringify(a.body)).not.toContain(secret);
    });

    it("a member, another host and another host's own path: no endpoint, no delivery log, no change", async () => {
      for (const token of [w.tokens.partner!, w.tokens.board!, w.tokens.otherHost!]) {
        const r = as(token);
        for (const res of [
          await r.get(base()),
          await r.get(`${base()}/${hookId}`),
          await r.get(`${base()}/${hookId}/deliveries`),
          await r.patch(`${base()}/${hookId}`, { url: 'https://attacker.example.com/in' }),
          await r.post(`${base()}/${hookId}/rotate-secret`),
          await r.delete(`${base()}/${hookId}`),
        ]) {
          expect([403, 404]).toContain(res.status);
          expect(JSON.stringify(res.body)).not.toContain(secret);
        }
      }
      // the other host through its own consortium, naming C1's endpoint: 404
      const other = `/api/v1/consortia/${w.c2.consortiumId}/webhooks/${hookId}`;
      await as(w.tokens.otherHost!).get(other).expect(404);
      await as(w.tokens.otherHost!).get(`${other}/deliveries`).expect(404);
      await as(w.tokens.otherHost!).patch(other, { url: 'https://attacker.example.com/in' }).expect(404);
      await as(w.tokens.otherHost!).post(`${other}/rotate-secret`).expect(404);
      await as(w.tokens.otherHost!).delete(other).expect(404);
      const still = await as(w.tokens.host!).get(`${base()}/${hookId}`).expect(200);
      expect(still.body.url).toBe('https://hooks.example.com/in');
    });

    it('every disguise of an internal address is refused, on create and on PATCH, with a 400 naming url', async () => {
      const bad = [
        'http://hooks.example.com/in',
        'https://user:pw@hooks.example.com/in',
        'https://127.0.0.1/in',
        'https://2130706433/in',
        'https://0x7f000001/in',
        'https://017700000001/in',
        'https://127.1/in',
        'https://0/in',
        'https://localhost./in',
        'https://a.localhost/in',
        'https://169.254.169.254/latest/meta-data',
        'https://10.0.0.1/in',
        'https://[::1]/in',
        'https://[::]/in',
        'https://[::ffff:127.0.0.1]/in',
        'https://[::ffff:a9fe:a9fe]/in',
        'https://[64:ff9b::a00:1]/in',
        'https://[fd00::1]/in',
        'https://[fe80::1]/in',
        'file:///etc/passwd',
        'gopher://hooks.example.com/',
      ];
      for (const url of bad) {
        const made = await as(w.tokens.host!).post(base(), { url });
        expect({ url, status: made.status }).toEqual({ url, status: 400 });
        expect(JSON.stringify(made.body)).toContain('"url"');
        const changed = await as(w.tokens.host!).patch(`${base()}/${hookId}`, { url });
        expect({ url, status: changed.status }).toEqual({ url, status: 400 });
      }
      const still = await as(w.tokens.host!).get(`${base()}/${hookId}`).expect(200);
      expect(still.body.url).toBe('https://hooks.example.com/in');
    });
  });

  it("the delivery log is the host's: a member and another host get no rows and no emails", async () => {
    for (const token of [w.tokens.partner!, w.tokens.board!, w.tokens.otherHost!]) {
      const r = await as(token).get(`/api/v1/consortia/${w.c1.consortiumId}/notifications`);
      expect([403, 404]).toContain(r.status);
      expect(JSON.stringify(r.body)).not.toContain('@t.example');
    }
    // the other host's own log holds nothing of C1
    const own = await as(w.tokens.otherHost!).get(`/api/v1/consortia/${w.c2.consortiumId}/notifications?limit=500`).expect(200);
    expect(JSON.stringify(own.body)).not.toContain(w.users.partner.email.toLowerCase());
  });

  it('preferences are the caller’s own: no user id is taken, another user’s are untouched', async () => {
    const before = (await as(w.tokens.board!).get('/api/v1/me/notification-preferences').expect(200)).body as unknown;
    const r = await as(w.tokens.partner!).put('/api/v1/me/notification-preferences', {
      userId: w.users.board.id,
      items: [{ kind: 'month.closed', enabled: false, mode: 'immediate', attachPdf: false }],
    });
    expect(r.status).toBe(400); // an unknown property is refused, not applied to anyone
    expect((await as(w.tokens.board!).get('/api/v1/me/notification-preferences').expect(200)).body).toEqual(before);
  });

  it('schedules: only the host sets them; junk is a 400 naming the field, never a 500', async () => {
    const path = `/api/v1/consortia/${w.c1.consortiumId}/schedules`;
    const good = { boardPackWorkingDay: 5, reminderWorkingDaysBefore: 3 };
    for (const token of [w.tokens.partner!, w.tokens.board!, w.tokens.orgAdmin!]) expect((await as(token).put(path, good)).status).toBe(403);
    // another partnership's host: the consortium does not exist for it
    expect((await as(w.tokens.otherHost!).put(path, good)).status).toBe(404);
    // a partner user anywhere is refused by its role before the consortium is looked at
    expect((await as(w.tokens.foreignPartner!).put(path, good)).status).toBe(403);
    const junk: [object, string][] = [
      [{ boardPackWorkingDay: 'five', reminderWorkingDaysBefore: 3 }, 'boardPackWorkingDay'],
      [{ boardPackWorkingDay: 2.5, reminderWorkingDaysBefore: 3 }, 'boardPackWorkingDay'],
      [{ boardPackWorkingDay: 21, reminderWorkingDaysBefore: 3 }, 'boardPackWorkingDay'],
      [{ boardPackWorkingDay: 0, reminderWorkingDaysBefore: 3 }, 'boardPackWorkingDay'],
      [{ reminderWorkingDaysBefore: 3 }, 'boardPackWorkingDay'],
      [{ boardPackWorkingDay: 5, reminderWorkingDaysBefore: -1 }, 'reminderWorkingDaysBefore'],
      [{ boardPackWorkingDay: 5, reminderWorkingDaysBefore: [3] }, 'reminderWorkingDaysBefore'],
      [{ boardPackWorkingDay: 5, reminderWorkingDaysBefore: 3, consortiumId: w.c2.consortiumId }, 'consortiumId'],
    ];
    for (const [body, field] of junk) {
      const r = await as(w.tokens.host!).put(path, body);
      expect({ body, status: r.status }).toEqual({ body, status: 400 });
      expect(JSON.stringify(r.body)).toContain(field);
    }
    // nothing of that was saved
    const now = await as(w.tokens.host!).get(path).expect(200);
    expect(now.body.boardPackWorkingDay).not.toBe(21);
  });

  it('/metrics labels carry no ids or email addresses', async () => {
    const r = await t.http.get('/metrics');
    expect(r.status).toBe(200);
    const text = r.text;
    expect(text).toMatch(/http_request/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(text).not.toMatch(/@t\.example/i);
  });
});
