import { ADMIN, createTestApp, TestApp } from './support/app';
import { buildWorld, World } from './support/world';

describe('auth and users (e2e)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('signs in with the right password and returns a bearer token with expiry', async () => {
    const res = await t.http.post('/api/v1/auth/login').send(ADMIN).expect(200);
    expect(res.body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(res.body.expiresIn).toBe(3600);
    const me = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ email: ADMIN.email, role: 'admin', organisationId: null });
    expect(me.body.passwordHash).toBeUndefined();
  });

  it('refuses a wrong password or unknown email with 401 problem documents', async () => {
    const wrong = await t.http.post('/api/v1/auth/login').send({ email: ADMIN.email, password: 'nope-nope-nope' }).expect(401);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrong.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    await t.http.post('/api/v1/auth/login').send({ email: 'ghost@x.example', password: 'whatever-123' }).expect(401);
  });

  it('names the bad fields of a login body', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ email: 5, extra: true }).expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['email', 'extra', 'password']));
  });

  it('401 without a token, with a forged token and with an expired token', async () => {
    await t.http.get('/api/v1/auth/me').expect(401);
    await t.http.get('/api/v1/auth/me').set('Authorization', 'Bearer abc.def.ghi').expect(401);
    const { JwtService } = await import('@nestjs/jwt');
    const forged = new JwtService({ secret: 'another-secret-another-secret-another' }).sign({ sub: 'x', role: 'admin' });
    await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${forged}`).expect(401);
    const expired = new JwtService({ secret: t.config.jwtSecret }).sign({ sub: 'x', email: 'x', role: 'admin', org: null }, { expiresIn: -10 });
    await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${expired}`).expect(401);
  });

  it('me returns role and organisation for each role', async () => {
    const me = await t.http.get('/api/v1/auth/me').set('Authorization', w.tokens.partner!).expect(200);
    expect(me.body).toMatchObject({ role: 'partner_user', organisationId: w.c1.partnerOrgIds[0] });
  });

  describe('POST /users', () => {
    it("an organisation's administrators create users in their own organisation (the default)", async () => {
      const res = await t.http
        .post('/api/v1/users')
        .set('Authorization', w.tokens.orgAdmin!)
        .send({ email: 'New.Partner@Example.org', password: 'long-password-1', role: 'board_viewer' })
        .expect(201);
      expect(res.body).toMatchObject({ email: 'new.partner@example.org', role: 'board_viewer', organisationId: w.c1.partnerOrgIds[0], disabled: false });
      await t.login('new.partner@example.org', 'long-password-1');
      const own = await t.http
        .post('/api/v1/users')
        .set('Authorization', w.tokens.host!)
        .send({ email: 'deputy.host@example.org', password: 'long-password-1', role: 'host_admin', organisationId: w.c1.hostOrgId })
        .expect(201);
      expect(own.body.organisationId).toBe(w.c1.hostOrgId);
    });

    it('a host_admin cannot create users in a member organisation or another consortium’s (404), nor admins (403)', async () => {
      for (const organisationId of [w.c1.partnerOrgIds[1], w.c2.partnerOrgIds[0], w.c2.hostOrgId]) {
        await t.http
          .post('/api/v1/users')
          .set('Authorization', w.tokens.host!)
          .send({ email: `x-${organisationId}@example.org`, password: 'long-password-1', role: 'host_admin', organisationId })
          .expect(404);
      }
      await t.http.post('/api/v1/users').set('Authorization', w.tokens.host!).send({ email: 'x2@example.org', password: 'long-password-1', role: 'admin' }).expect(403);
    });

    it('partners and board viewers may not create users (403)', async () => {
      for (const a of ['partner', 'board'] as const) {
        await t.http
          .post('/api/v1/users')
          .set('Authorization', w.tokens[a]!)
          .send({ email: `${a}-made@example.org`, password: 'long-password-1', role: 'partner_user', organisationId: w.c1.partnerOrgIds[0] })
          .expect(403);
      }
    });

    it('400 naming each bad field, and a duplicate email', async () => {
      const res = await t.http
        .post('/api/v1/users')
        .set('Authorization', w.tokens.admin!)
        .send({ email: 'not-an-email', password: 'short', role: 'emperor', organisationId: 'nope' })
        .expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['email', 'organisationId', 'password', 'role']);
      await t.http.post('/api/v1/users').set('Authorization', w.tokens.admin!).send({ email: 'nobody@example.org', password: 'long-password-1', role: 'partner_user' }).expect(400);
      const dup = await t.http
        .post('/api/v1/users')
        .set('Authorization', w.tokens.admin!)
        .send({ email: w.users.partner.email, password: 'long-password-1', role: 'partner_user', organisationId: w.c1.partnerOrgIds[0] })
        .expect(400);
      expect(dup.body.errors[0].field).toBe('email');
    });

    it("GET /users lists the caller's own organisation only (admin: everyone)", async () => {
      const res = await t.http.get('/api/v1/users').set('Authorization', w.tokens.host!).expect(200);
      const emails = res.body.items.map((u: { email: string }) => u.email);
      expect(emails).toContain(w.users.host.email);
      expect(emails).not.toContain(w.users.partner.email);
      expect(emails).not.toContain(w.users.foreignPartner.email);
      expect(res.body.items.every((u: { organisationId: string }) => u.organisationId === w.c1.hostOrgId)).toBe(true);
      const p1 = await t.http.get('/api/v1/users').set('Authorization', w.tokens.orgAdmin!).expect(200);
      expect(p1.body.items.map((u: { email: string }) => u.email)).toEqual(expect.arrayContaining([w.users.partner.email, w.users.board.email, w.users.orgAdmin.email]));
      expect(p1.body.items.every((u: { organisationId: string }) => u.organisationId === w.c1.partnerOrgIds[0])).toBe(true);
      const all = await t.http.get('/api/v1/users?limit=500').set('Authorization', w.tokens.admin!).expect(200);
      expect(all.body.items.map((u: { email: string }) => u.email)).toEqual(expect.arrayContaining([w.users.partner.email, w.users.foreignPartner.email]));
    });
  });
});

describe('login rate limit (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '3', LOGIN_RATE_WINDOW_MS: '60000' });
  });
  afterAll(() => t.close());

  it('answers 429 after LOGIN_RATE_LIMIT attempts for one email from one address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await t.http.post('/api/v1/auth/login').send({ email: ADMIN.email, password: 'wrong-password' })).status);
    }
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    const res = await t.http.post('/api/v1/auth/login').send(ADMIN).expect(429);
    expect(res.body).toMatchObject({ status: 429 });
    // another account from the same address is not locked out
    await t.http.post('/api/v1/auth/login').send({ email: 'other@x.example', password: 'whatever-123' }).expect(401);
  });
});
