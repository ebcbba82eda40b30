import { ADMIN, createTestApp, TestApp } from './support/app';
import { org, unique } from './support/world';

/** An administrator resets a user's password to a temporary one (issue 15: the web page for an organisation's users needs it). */
describe('POST /users/:id/password-reset (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let orgA: string;
  const PW = 'long-password-123';

  async function user(role: string, organisationId: string): Promise<{ id: string; email: string }> {
    const email = `${unique(role)}@x.example`;
    const res = await t.http.post('/api/v1/users').set('Authorization', admin).send({ email, password: PW, role, organisationId }).expect(201);
    return { id: res.body.id as string, email };
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login(ADMIN.email, ADMIN.password);
    orgA = await org(t, admin);
  });
  afterAll(() => t.close());

  it('gives a temporary password once: it signs in, the old one no longer does, and the user’s sessions end; audited without it', async () => {
    const hostAdmin = await user('host_admin', orgA);
    const partner = await user('partner_user', orgA);
    const host = await t.login(hostAdmin.email, PW);
    const partnerToken = await t.login(partner.email, PW);
    const res = await t.http.post(`/api/v1/users/${partner.id}/password-reset`).set('Authorization', host).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.user).toMatchObject({ id: partner.id, email: partner.email, role: 'partner_user', disabled: false });
    const temp = res.body.temporaryPassword as string;
    expect(temp).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);
    await t.http.get('/api/v1/auth/me').set('Authorization', partnerToken).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: partner.email, password: PW }).expect(401);
    const fresh = await t.login(partner.email, temp);
    await t.http.post('/api/v1/auth/password').set('Authorization', fresh).send({ currentPassword: temp, newPassword: 'a-brand-new-passphrase' }).expect(204);
    const audit = await t.http.get(`/api/v1/audit?entity=user&entityId=${partner.id}`).set('Authorization', admin).expect(200);
    expect(audit.body.items.some((e: { after: unknown }) => JSON.stringify(e.after) === JSON.stringify({ passwordReset: true, sessionsEnded: true }))).toBe(true);
    expect(JSON.stringify(audit.body)).not.toContain(temp);
  });

  it('never on oneself (422 own_account); not a higher role (403); another organisation’s user is 404; a partner may not (403)', async () => {
    const hostAdmin = await user('host_admin', orgA);
    const orgAdmin = await user('org_admin', orgA);
    const partner = await user('partner_user', orgA);
    const host = await t.login(hostAdmin.email, PW);
    const self = await t.http.post(`/api/v1/users/${hostAdmin.id}/password-reset`).set('Authorization', host).expect(422);
    expect(self.body.code).toBe('own_account');
    await t.http
      .post(`/api/v1/users/${hostAdmin.id}/password-reset`)
      .set('Authorization', await t.login(orgAdmin.email, PW))
      .expect(403);
    const other = await user('host_admin', await org(t, admin));
    await t.http
      .post(`/api/v1/users/${partner.id}/password-reset`)
      .set('Authorization', await t.login(other.email, PW))
      .expect(404);
    await t.http
      .post(`/api/v1/users/${orgAdmin.id}/password-reset`)
      .set('Authorization', await t.login(partner.email, PW))
      .expect(403);
    await t.http.post('/api/v1/users/not-a-uuid/password-reset').set('Authorization', host).expect(400);
    // the admin resets anyone
    await t.http.post(`/api/v1/users/${hostAdmin.id}/password-reset`).set('Authorization', admin).expect(200);
  });
});
