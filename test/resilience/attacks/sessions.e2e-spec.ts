/**
 * Issue 12, finding 7: tokens outlived their users. A deleted or demoted user's token still worked,
 * across restarts; there was no logout, password change or disabling of a user.
 */
import { Client } from 'pg';
import { createAppOn, createTestApp, type TestApp } from '../../support/app';
import { buildWorld, unique, type World } from '../../support/world';
import { ReportJobsService } from '../../../src/reports/jobs/report-jobs.service';
import { approvedAgreement } from '../../support/agreement';

const PW = 'long-password-1';

describe('attacks on sessions (e2e)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const me = (token: string) => t.http.get('/api/v1/auth/me').set('Authorization', token);
  async function member(role = 'partner_user'): Promise<{ id: string; email: string; token: string }> {
    const email = `${unique('s')}@x.example`;
    const res = await t.http.post('/api/v1/users').set('Authorization', w.tokens.orgAdmin!).send({ email, password: PW, role }).expect(201);
    return { id: res.body.id, email, token: await t.login(email, PW) };
  }

  it('finding 7: logout ends the session at once; other sessions of the user go on', async () => {
    const u = await member();
    const other = await t.login(u.email, PW);
    await me(u.token).expect(200);
    await t.http.post('/api/v1/auth/logout').set('Authorization', u.token).expect(204);
    const res = await me(u.token).expect(401);
    expect(res.body.detail).toMatch(/session has ended/);
    await me(other).expect(200);
  });

  it('finding 7: a password change ends every other session; the old password stops working', async () => {
    const u = await member();
    const other = await t.login(u.email, PW);
    const bad = await t.http
      .post('/api/v1/auth/password')
      .set('Authorization', u.token)
      .send({ currentPassword: 'not-my-password-1', newPassword: 'a-brand-new-passphrase' })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('currentPassword');
    const weak = await t.http.post('/api/v1/auth/password').set('Authorization', u.token).send({ currentPassword: PW, newPassword: '1234567890' }).expect(400);
    expect(weak.body.errors[0].field).toBe('newPassword');
    await t.http.post('/api/v1/auth/password').set('Authorization', u.token).send({ currentPassword: PW, newPassword: 'a-brand-new-passphrase' }).expect(204);
    await me(u.token).expect(200);
    await me(other).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: u.email, password: PW }).expect(401);
    await t.login(u.email, 'a-brand-new-passphrase');
  });

  it('finding 7: disabling a user stops its tokens at once and its sign-in; re-enabling lets it sign in again (the old tokens stay dead)', async () => {
    const u = await member();
    const disabled = await t.http.patch(`/api/v1/users/${u.id}`).set('Authorization', w.tokens.orgAdmin!).send({ disabled: true }).expect(200);
    expect(disabled.body.disabled).toBe(true);
    await me(u.token).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: u.email, password: PW }).expect(401);
    await t.http.patch(`/api/v1/users/${u.id}`).set('Authorization', w.tokens.orgAdmin!).send({ disabled: false }).expect(200);
    await me(u.token).expect(401);
    await me(await t.login(u.email, PW)).expect(200);
    // another organisation's administrator cannot touch it (404), nor can a user disable itself
    await t.http.patch(`/api/v1/users/${u.id}`).set('Authorization', w.tokens.host!).send({ disabled: true }).expect(404);
    await t.http.patch(`/api/v1/users/${u.id}`).set('Authorization', w.tokens.otherHost!).send({ disabled: true }).expect(404);
    const self = await t.http.patch(`/api/v1/users/${w.users.orgAdmin.id}`).set('Authorization', w.tokens.orgAdmin!).send({ disabled: true }).expect(422);
    expect(self.body.code).toBe('own_account');
  });

  it("finding 7: a demoted user's token carries its new role on the next request", async () => {
    const u = await member('partner_user');
    const submit = () =>
      t.http
        .post(`/api/v1/consortia/${w.c1.consortiumId}/measurements`)
        .set('Authorization', u.token)
        .send({ items: [{ kpiCode: 'PAY_ACCURACY', serviceLineId: w.c1.serviceLineId, organisationId: w.c1.partnerOrgIds[0], month: '2025-06', value: '99.6' }] });
    await submit().expect(200);
    await t.http.patch(`/api/v1/users/${u.id}`).set('Authorization', w.tokens.orgAdmin!).send({ role: 'board_viewer' }).expect(200);
    await submit().expect(403);
    expect((await me(u.token).expect(200)).body.role).toBe('board_viewer');
  });

  it("finding 7: a deleted user's token stops, and a revoked session stays revoked across a restart", async () => {
    const gone = await member();
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      await db.query('DELETE FROM users WHERE id = $1', [gone.id]);
    } finally {
      await db.end();
    }
    await me(gone.token).expect(401);

    const u = await member();
    await t.http.post('/api/v1/auth/logout').set('Authorization', u.token).expect(204);
    const live = await t.login(u.email, PW);
    // a second process on the same database (a restart, or another instance behind the balancer)
    const again = await createAppOn(t.databaseUrl);
    try {
      await again.http.get('/api/v1/auth/me').set('Authorization', u.token).expect(401);
      await again.http.get('/api/v1/auth/me').set('Authorization', live).expect(200);
    } finally {
      await again.close();
    }
  });
});

describe('attacks on sessions: queued work (e2e)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    // no worker in this process: the test runs the job itself, after the requester is disabled
    t = await createTestApp({ REPORT_WORKER: 'false' });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it("finding 7: a statement batch renders as its requester is when it runs: a disabled host_admin's queued batch renders nothing", async () => {
    const h = { email: `${unique('h')}@x.example`, password: PW };
    const made = await t.http
      .post('/api/v1/users')
      .set('Authorization', w.tokens.host!)
      .send({ ...h, role: 'host_admin' })
      .expect(201);
    const token = await t.login(h.email, h.password);
    const cid = w.c1.consortiumId;
    await approvedAgreement(t, w, cid, { managementFeePercent: '0' });
    const queued = await t.http.post(`/api/v1/consortia/${cid}/reports/statements`).set('Authorization', token).send({ from: '2025-04', to: '2025-05' }).expect(202);
    await t.http.patch(`/api/v1/users/${made.body.id}`).set('Authorization', w.tokens.host!).send({ disabled: true }).expect(200);
    await t.app.get(ReportJobsService).run(queued.body.id);
    const job = (await t.http.get(`/api/v1/consortia/${cid}/reports/jobs/${queued.body.id}`).set('Authorization', w.tokens.host!).expect(200)).body;
    expect(job).toMatchObject({ status: 'failed', done: 0, files: [] });
    expect(job.lastError).toMatch(/can no longer sign in/);
  });
});
