/**
 * Issue 12, finding 12 (first half): passwords of ten spaces or `1234567890` were accepted. The NCSC
 * rule now applies to every password the platform sets: users made through the API and the first
 * admin from ADMIN_PASSWORD.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../../src/config/configuration';
import { createTestApp, type TestApp } from '../../support/app';
import { buildWorld, type World } from '../../support/world';

describe('attacks on weak passwords (e2e)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('finding 12: passwords of ten spaces, 1234567890 and common ones are refused, naming the field and saying why', async () => {
    const attempt = (password: string, n: number) =>
      t.http
        .post('/api/v1/users')
        .set('Authorization', w.tokens.admin!)
        .send({ email: `weak-${n}@example.org`, password, role: 'partner_user', organisationId: w.c1.partnerOrgIds[0] });
    const cases: [string, RegExp][] = [
      [' '.repeat(10), /must not be blank/],
      ['1234567890', /at least 12 characters/],
      ['123456789012', /most common|too easy/],
      ['password1234', /most common/],
      ['aaaaaaaaaaaaaaaa', /too easy/],
    ];
    for (const [i, [password, why]] of cases.entries()) {
      const res = await attempt(password, i).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'password', message: expect.stringMatching(why) })]);
    }
    // a long passphrase is fine, with no composition rules
    await attempt('correct horse battery staple', 99).expect(201);
    await t.login('weak-99@example.org', 'correct horse battery staple');
  });

  it('finding 12: the first admin password from the environment follows the same rule', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-'));
    try {
      expect(() => loadConfig({ DATA_DIR: dataDir, ADMIN_EMAIL: 'a@b.c', ADMIN_PASSWORD: ' '.repeat(12) })).toThrow(/ADMIN_PASSWORD: must not be blank/);
      expect(() => loadConfig({ DATA_DIR: dataDir, ADMIN_EMAIL: 'a@b.c', ADMIN_PASSWORD: 'qwertyuiop123' })).toThrow(/ADMIN_PASSWORD: is one of the most common|too easy/);
      expect(loadConfig({ DATA_DIR: dataDir, ADMIN_EMAIL: 'a@b.c', ADMIN_PASSWORD: 'a long admin passphrase' }).adminPassword).toBe('a long admin passphrase');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
