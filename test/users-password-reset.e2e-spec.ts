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
    // a temporary password opens nothing but who am I, changing it and signing out
    expect((await t.http.get('/api/v1/auth/me').set('Authorization', fresh).expect(200)).body).toMatchObject({ id: partner.id, mustChangePassword: true });
    for (const path of ['/api/v1/consortia', '/api/v1/me/notification-preferences', `/api/v1/users?limit=5`]) {
      const refused = await t.http.get(path).set('Authorization', fresh).expect(403);
      expect(refused.body).toMatchObject({ code: 'password_change_required', status: 403 });
    }
    const listed = await t.http.get('/api/v1/users').query({ limit: 100 }).set('Authorization', host).expect(200);
    expect(listed.body.items.find((u: { id: string }) => u.id === partner.id)).toMatchObject({ mustChangePassword: true });
    await t.http.post('/api/v1/auth/password').set('Authorization', fresh).send({ currentPassword: temp, newPassword: 'a-brand-new-passphrase' }).expect(204);
    // chosen: the same session now opens what the role allows
    await t.http.get('/api/v1/consortia').set('Authorization', fresh).expect(200);
    expect((await t.http.get('/api/v1/auth/me').set('Authorization', fresh).expect(200)).body.mustChangePassword).toBe(false);
    const audit = await t.http.get(`/api/v1/audit?entity=user&entityId=${partner.id}`).set('Authorization', admin).expect(200);
    expect(audit.body.items.some((e: { after: unknown }) => JSON.stringify(e.after) === JSON.stringify({ passwordReset: true, sessionsEnded: true }))).toBe(true);
    expect(JSON.stringify(audit.body)).not.toContain(temp);
  });

  it('a user created with mustChangePassword must choose their own password first; one created without it need not', async () => {
    const email = `${unique('temp')}@x.example`;
    const created = await t.http
      .post('/api/v1/users')
      .set('Authorization', admin)
      .send({ email, password: PW, role: 'partner_user', organisationId: orgA, mustChangePassword: true })
      .expect(201);
    expect(created.body.mustChangePassword).toBe(true);
    const token = await t.login(email, PW);
    expect((await t.http.get('/api/v1/consortia').set('Authorization', token).expect(403)).body.code).toBe('password_change_required');
    // a wrong current password changes nothing
    await t.http.post('/api/v1/auth/password').set('Authorization', token).send({ currentPassword: 'not-the-password-1', newPassword: 'another-long-passphrase' }).expect(400);
    await t.http.get('/api/v1/consortia').set('Authorization', token).expect(403);
    await t.http.post('/api/v1/auth/logout').set('Authorization', token).expect(204);
    const plain = await user('partner_user', orgA);
    expect(
      (
        await t.http
          .get('/api/v1/auth/me')
          .set('Authorization', await t.login(plain.email, PW))
          .expect(200)
      ).body.mustChangePassword,
    ).toBe(false);
    await t.http
      .get('/api/v1/consortia')
      .set('Authorization', await t.login(plain.email, PW))
      .expect(200);
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
