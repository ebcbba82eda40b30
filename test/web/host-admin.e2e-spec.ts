/**
 * The host's statement batches, its organisation's users and the partnership's audit and decisions
 * (issue 15) in real Chromium: what the pages show is what the API says for the same request, the
 * batch page never reloads unasked (WCAG 2.2.1) but without JavaScript reloads itself while a batch
 * runs when its user asks (and stops when it is done or asked to), and redraws its progress with
 * JavaScript, each PDF is downloadable as soon as it is made (the ZIP once all are), the PDFs and the
 * ZIP are the API's, forms are refused
 * without their CSRF token, a member who does not run the partnership is refused as the API refuses
 * it, another tenant's partnership is the 404 page, and every page passes axe at WCAG 2.2 AA.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { formatGbp } from '../../src/reports/view/format';
import type { StatementView } from '../../src/statements/dto';
import { ADMIN } from '../support/app';
import { pdfPages } from '../support/pdf';
import { axeViolations, openPage, PASSWORD, signIn, startWebWorld, textOf, USERS, type OpenPage, type WebWorld } from './support/browser';

const text: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 422: 'Unprocessable Entity' };
/** Chrome logs a page answered 4xx on purpose as a console error: that one line, nothing else. */
const answered = (status: number) => [`console: Failed to load resource: the server responded with a status of ${status} (${text[status]})`];

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('web: statement batches, users, audit and decisions (browser)', () => {
  let w: WebWorld;
  let base: string;
  let otherConsortium: string;
  beforeAll(async () => {
    w = await startWebWorld();
    base = `/consortium/${w.consortiumId}`;
    // a partnership of another tenant: hosted by Riverside, with no part for the demo's host
    const admin = await w.t.login(ADMIN.email, ADMIN.password);
    const other = await w.t.http
      .post('/api/v1/consortia')
      .set('Authorization', admin)
      .send({ name: 'Another Partnership', deliveryModel: 'cooperative', hostOrganisationId: w.orgs.riverside, startDate: '2025-04-01' });
    expect(other.status).toBe(201);
    otherConsortium = other.body.id as string;
  }, 180_000);
  afterAll(() => w?.close());

  async function apiGet<T>(email: string, path: string, status = 200): Promise<T> {
    const res = await w.t.http.get(path).set('Authorization', await w.api(email));
    expect(res.status).toBe(status);
    return res.body as T;
  }

  async function cookie(p: OpenPage): Promise<string> {
    return (await p.page.browserContext().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  }

  async function get(p: OpenPage, href: string): Promise<{ status: number; refresh: string | null; type: string; disposition: string; body: Buffer }> {
    const res = await fetch(`${w.base}${href}`, { headers: { cookie: await cookie(p) }, redirect: 'manual' });
    return {
      status: res.status,
      refresh: res.headers.get('refresh'),
      type: res.headers.get('content-type') ?? '',
      disposition: res.headers.get('content-disposition') ?? '',
      body: Buffer.from(await res.arrayBuffer()),
    };
  }

  /** Posts a form as the signed-in browser would, without the browser (a crafted request). */
  async function post(p: OpenPage, href: string, fields: Record<string, string>): Promise<{ status: number; location: string | null; body: string }> {
    const res = await fetch(`${w.base}${href}`, {
      method: 'POST',
      headers: { cookie: await cookie(p), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
      redirect: 'manual',
    });
    return { status: res.status, location: res.headers.get('location'), body: await res.text() };
  }

  const csrfOf = (p: OpenPage) => p.page.$eval('input[name=_csrf]', (i) => (i as unknown as { value: string }).value);

  async function submit(p: OpenPage, selector: string): Promise<void> {
    await Promise.all([p.page.waitForNavigation(), p.page.click(selector)]);
  }

  async function submitLink(p: OpenPage, selector: string): Promise<void> {
    await Promise.all([p.page.waitForNavigation(), p.page.click(selector)]);
  }

  /**
   * Runs `fn` on a page that reloads itself every few seconds (the Refresh the user asked for): on a
   * busy machine a reload can land mid-way (a node detached, a context destroyed); `fn` then runs
   * again on the page as reloaded.
   */
  async function onReloadingPage<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (attempt >= 5 || !/detached|not clickable|Execution context was destroyed|Cannot find context|navigat/i.test(String(e))) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  /** A reload of the batch page that the user's own next navigation overtook (Chromium aborts it): not a fault of the page. */
  function dropOvertakenReloads(p: OpenPage): void {
    for (let i = p.problems.length - 1; i >= 0; i--) if (/^request failed: \S*\/batches\/\S+ net::ERR_ABORTED$/.test(p.problems[i])) p.problems.splice(i, 1);
  }

  /** Whether the page as it stands now would reload itself (the Refresh header the user asked for; never a meta refresh). */
  const hasRefresh = async (p: OpenPage) => {
    expect(await p.page.$('meta[http-equiv="refresh"]')).toBeNull();
    const u = new URL(p.page.url());
    return (await get(p, `${u.pathname}${u.search}`)).refresh !== null;
  };

  // ------------------------------------------------------------------ statement batches

  describe('statement batches', () => {
    const jobsPath = () => `/api/v1/consortia/${w.consortiumId}/reports/jobs`;

    it('JavaScript off: start the closed quarter April–June 2025, ask the page to follow the batch until it is done, then every PDF and the ZIP equal the API’s statements', async () => {
      const p = await openPage(w, { js: false });
      await signIn(w, p, USERS.host, `${base}/batches`);
      expect(await textOf(p.page, 'h1')).toBe('Statement batches');
      expect(await textOf(p.page, '.app-subnav__link[aria-current="page"]')).toBe('Statement batches');
      expect(await p.page.$eval('#from', (s) => (s as unknown as { value: string }).value)).toBe('2025-04');
      expect(await p.page.$eval('#to', (s) => (s as unknown as { value: string }).value)).toBe('2025-06');
      expect(await axeViolations(p)).toEqual([]);
      await submit(p, 'main form button[type=submit]');
      const jobId = new URL(p.page.url()).pathname.split('/').at(-1)!;
      expect(await textOf(p.page, 'h1')).toBe('Statements for April to June 2025');
      expect(await textOf(p.page, '#batch-started')).toContain('The batch has started');
      const first = await apiGet<{ status: string; total: number }>(USERS.host, `${jobsPath()}/${jobId}`);
      if (first.status === 'queued' || first.status === 'running') {
        // it does not reload unasked (WCAG 2.2.1): the user looks again, or asks it to follow the batch
        expect(await hasRefresh(p)).toBe(false);
        expect(await p.page.$('#batch-refresh')).not.toBeNull();
        expect(await axeViolations(p)).toEqual([]);
        if (await p.page.$('#batch-follow')) await submitLink(p, '#batch-follow').catch(() => undefined);
      }
      // the page reloads itself (no JavaScript): wait for the finished page
      // (a query can meet the page mid-reload: then it asks again)
      const finished = () => p.page.$('#batch-zip').then(Boolean, () => false);
      for (let i = 0; !(await finished()); i++) {
        if (i > 240) throw new Error(`the batch page never finished: ${flat(await textOf(p.page, 'main'))}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      const job = await apiGet<{ status: string; total: number; done: number; files: { organisationId: string; organisationName: string; url: string }[] }>(
        USERS.host,
        `${jobsPath()}/${jobId}`,
      );
      expect(job.status).toBe('completed');
      await p.page.waitForNetworkIdle({ idleTime: 300 }).catch(() => undefined);
      expect(await hasRefresh(p)).toBe(false);
      expect(await textOf(p.page, '#batch-progress-text')).toBe(`${job.done} of ${job.total} statements ready`);
      expect(await p.page.$eval('#batch-progress-bar', (e) => [e.getAttribute('value'), e.getAttribute('max')])).toEqual([String(job.done), String(job.total)]);
      expect(await p.page.$$eval('#batch-files tbody th', (ths) => ths.map((t) => (t.textContent ?? '').trim()))).toEqual(job.files.map((f) => f.organisationName));
      expect(await axeViolations(p)).toEqual([]);

      // one PDF: the page's link is the API's file
      const href = await p.page.$eval(`#batch-files tr[data-organisation="${w.orgs.riverside}"] a`, (a) => a.getAttribute('href')!);
      const one = await get(p, href);
      expect([one.status, one.type]).toEqual([200, 'application/pdf']);
      const viaApi = await w.t.http
        .get(job.files.find((f) => f.organisationId === w.orgs.riverside)!.url)
        .set('Authorization', await w.api(USERS.host))
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(one.body.equals(viaApi.body as Buffer)).toBe(true);

      // the ZIP: every PDF, named by member, each with the API's statement figures
      const zipHref = await p.page.$eval('#batch-zip', (a) => a.getAttribute('href')!);
      const z = await get(p, zipHref);
      expect([z.status, z.type, z.disposition]).toEqual([200, 'application/zip', 'attachment; filename="statements-2025-04-2025-06.zip"']);
      const dir = mkdtempSync(join(tmpdir(), 'web-batch-'));
      try {
        const file = join(dir, 'batch.zip');
        writeFileSync(file, z.body);
        const names = execFileSync('unzip', ['-Z', '-1', file]).toString('utf8').trim().split('\n');
        expect(names).toEqual(job.files.map((f) => `${f.organisationName} statement 2025-04 to 2025-06.pdf`));
        for (const [i, f] of job.files.entries()) {
          const pdf = execFileSync('unzip', ['-p', file, names[i]], { maxBuffer: 64 * 1024 * 1024 });
          const s = await apiGet<StatementView>(USERS.host, `/api/v1/consortia/${w.consortiumId}/statements/${f.organisationId}?from=2025-04&to=2025-06`);
          const doc = flat((await pdfPages(pdf)).text);
          for (const k of ['charge', 'baseline', 'operating', 'fee'] as const) expect(doc).toContain(formatGbp(s[k]));
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }

      // the list shows it, as the API lists it
      await p.page.goto(`${w.base}${base}/batches`);
      const listed = await apiGet<{ items: { id: string }[] }>(USERS.host, jobsPath());
      expect(await p.page.$$eval('#batches tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-job')))).toEqual(listed.items.map((j) => j.id));
      expect(await textOf(p.page, `#batches tr[data-job="${jobId}"]`)).toContain('Finished');
      expect(p.problems).toEqual([]);
    }, 300_000);

    it('a batch still waiting: the page never reloads unasked; without JavaScript the user can have it reload and stop it; axe passes both ways', async () => {
      // a row the worker never sees: it stays queued
      const db = new Client({ connectionString: w.t.databaseUrl });
      await db.connect();
      let pending: string;
      try {
        const host = await apiGet<{ id: string }>(USERS.host, '/api/v1/auth/me');
        const r = await db.query<{ id: string }>(
          `INSERT INTO report_jobs (consortium_id, kind, params, organisation_ids, requested_by) VALUES ($1, 'statements', $2, $3, $4) RETURNING id`,
          [w.consortiumId, JSON.stringify({ from: '2025-04', to: '2025-04' }), [w.orgs.host, w.orgs.riverside], JSON.stringify({ userId: host.id })],
        );
        pending = r.rows[0].id;
      } finally {
        await db.end();
      }
      for (const js of [false, true]) {
        const p = await openPage(w, { js });
        await signIn(w, p, USERS.host, `${base}/batches/${pending}`);
        expect(await textOf(p.page, '#batch-progress-text')).toBe('0 of 2 statements ready');
        expect(await textOf(p.page, '#batch-summary [data-term="status"] dd')).toBe('Waiting to start');
        expect(await p.page.$('#batch-zip')).toBeNull();
        // never reloads unasked; without JavaScript the user may ask it to, and stop it
        expect(await hasRefresh(p)).toBe(false);
        expect(await axeViolations(p)).toEqual([]);
        const controls = await p.page.$eval('#batch-no-script', (e) => (e as unknown as { offsetParent: unknown }).offsetParent !== null);
        expect(controls).toBe(!js);
        if (!js) {
          await submitLink(p, '#batch-follow');
          expect(await hasRefresh(p)).toBe(true);
          expect(await onReloadingPage(() => textOf(p.page, '#batch-following'))).toBe('This page reloads itself every 3 seconds until the batch is finished.');
          expect(await onReloadingPage(() => axeViolations(p))).toEqual([]);
          // the link that stops it, followed where it leads (a click could meet the page mid-reload)
          const stop = await onReloadingPage(() => p.page.$eval('#batch-stop-following', (a) => a.getAttribute('href')!));
          await p.page.goto(new URL(stop, p.page.url()).href);
          expect(await hasRefresh(p)).toBe(false);
          dropOvertakenReloads(p);
        }
        const zip = await get(p, `${base}/batches/${pending}/files.zip`);
        expect(zip.status).toBe(409);
        expect(p.problems).toEqual([]);
      }
    }, 180_000);

    it('a batch half done: the statement ready is downloadable while the other is made; as the batch moves on, the bar, the files and the ZIP follow without the user doing anything (JavaScript off: the page it asked to reload; on: redrawn)', async () => {
      // a batch the worker never sees, moved on by hand: one member's PDF made, then the other's
      const pdf = (who: string) => Buffer.from(`%PDF-1.4\n% ${who}'s statement, June 2025 (made by this test)\n%%EOF\n`);
      const names = { host: 'North Vale Hospitals NHS Foundation Trust', riverside: 'Riverside Community Health NHS Trust' };
      const db = new Client({ connectionString: w.t.databaseUrl });
      await db.connect();
      const addFile = (job: string, key: 'host' | 'riverside') =>
        db.query(`INSERT INTO report_files (job_id, organisation_id, filename, content, sha256, size) VALUES ($1, $2, $3, $4, $5, $6)`, [
          job,
          w.orgs[key],
          `${key}.pdf`,
          pdf(key),
          createHash('sha256').update(pdf(key)).digest('hex'),
          pdf(key).length,
        ]);
      const pages: OpenPage[] = [];
      try {
        const host = await apiGet<{ id: string }>(USERS.host, '/api/v1/auth/me');
        const job = (
          await db.query<{ id: string }>(
            `INSERT INTO report_jobs (consortium_id, kind, params, status, organisation_ids, done, requested_by, started_at)
             VALUES ($1, 'statements', $2, 'running', $3, 1, $4, now()) RETURNING id`,
            [w.consortiumId, JSON.stringify({ from: '2025-06', to: '2025-06' }), [w.orgs.host, w.orgs.riverside], JSON.stringify({ userId: host.id })],
          )
        ).rows[0].id;
        await addFile(job, 'riverside');
        for (const js of [false, true]) {
          const p = await openPage(w, { js });
          pages.push(p);
          await signIn(w, p, USERS.host, `${base}/batches/${job}`);
          expect(await textOf(p.page, '#batch-progress-text')).toBe('1 of 2 statements ready');
          expect(await p.page.$eval('#batch-progress-bar', (e) => [e.getAttribute('value'), e.getAttribute('max')])).toEqual(['1', '2']);
          expect(await textOf(p.page, '#batch-summary [data-term="status"] dd')).not.toBe('Finished');
          // the statement made so far: listed and downloadable now; the ZIP only when all are made
          expect(await p.page.$$eval('#batch-files tbody th', (ths) => ths.map((t) => (t.textContent ?? '').trim()))).toEqual([names.riverside]);
          const href = await p.page.$eval(`#batch-files tr[data-organisation="${w.orgs.riverside}"] a`, (a) => a.getAttribute('href')!);
          const one = await get(p, href);
          expect([one.status, one.type, one.body.equals(pdf('riverside'))]).toEqual([200, 'application/pdf', true]);
          expect(await p.page.$('#batch-zip')).toBeNull();
          expect((await get(p, `${base}/batches/${job}/files.zip`)).status).toBe(409);
          expect(await axeViolations(p)).toEqual([]);
          if (js) await p.page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
          else await submitLink(p, '#batch-follow');
        }
        // the other member's PDF is made and the batch finishes
        await addFile(job, 'host');
        await db.query(`UPDATE report_jobs SET done = 2, status = 'completed', finished_at = now() WHERE id = $1`, [job]);
        for (const p of pages) {
          // JavaScript off: the page reloads itself (a query can meet it mid-reload: then ask again)
          const finished = () => p.page.$('#batch-zip').then(Boolean, () => false);
          for (let i = 0; !(await finished()); i++) {
            if (i > 120) throw new Error(`the batch page never showed the finished batch (JavaScript ${p.js ? 'on' : 'off'})`);
            await new Promise((r) => setTimeout(r, 500));
          }
          await p.page.waitForNetworkIdle({ idleTime: 300 }).catch(() => undefined);
          if (p.js) expect(await p.page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
          else expect(await hasRefresh(p)).toBe(false);
          expect(await textOf(p.page, '#batch-progress-text')).toBe('2 of 2 statements ready');
          expect(await p.page.$eval('#batch-progress-bar', (e) => [e.getAttribute('value'), e.getAttribute('max')])).toEqual(['2', '2']);
          expect((await p.page.$$eval('#batch-files tbody th', (ths) => ths.map((t) => (t.textContent ?? '').trim()))).sort()).toEqual([names.host, names.riverside]);
          const zip = await get(p, await p.page.$eval('#batch-zip', (a) => a.getAttribute('href')!));
          expect([zip.status, zip.type]).toEqual([200, 'application/zip']);
          expect(await axeViolations(p)).toEqual([]);
          expect([p.js, p.problems]).toEqual([p.js, []]);
        }
      } finally {
        await db.end();
        for (const p of pages) await p.page.browserContext().close();
      }
    }, 240_000);

    it('JavaScript on: the progress is redrawn without a reload until the batch is done', async () => {
      const p = await openPage(w, { js: true });
      await signIn(w, p, USERS.host, `${base}/batches`);
      await p.page.select('#from', '2025-04');
      await p.page.select('#to', '2025-05');
      await submit(p, 'main form button[type=submit]');
      expect(await textOf(p.page, 'h1')).toBe('Statements for April to May 2025');
      await p.page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
      await p.page.waitForSelector('#batch-zip', { timeout: 180_000 });
      expect(await p.page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
      const jobId = new URL(p.page.url()).pathname.split('/').at(-1)!;
      const job = await apiGet<{ status: string; total: number; done: number }>(USERS.host, `${jobsPath()}/${jobId}`);
      expect(job.status).toBe('completed');
      expect(await textOf(p.page, '#batch-progress-text')).toBe(`${job.done} of ${job.total} statements ready`);
      expect(await textOf(p.page, '#batch-announce')).toBe(`Finished. ${job.done} of ${job.total} statements ready`);
      expect(await textOf(p.page, '#batch-summary [data-term="status"] dd')).toBe('Finished');
      expect(await axeViolations(p)).toEqual([]);
      expect(p.problems).toEqual([]);
    }, 300_000);

    it('a batch posted without its CSRF token is refused and nothing is queued; a form with a bad period lists its errors', async () => {
      const p = await openPage(w, { js: false });
      await signIn(w, p, USERS.host, `${base}/batches`);
      const before = (await apiGet<{ total: number }>(USERS.host, jobsPath())).total;
      const r = await post(p, `${base}/batches`, { from: '2025-07', to: '2025-09' });
      expect(r.status).toBe(403);
      expect(r.body).toContain('This form has expired');
      const bad = await post(p, `${base}/batches`, { _csrf: await csrfOf(p), from: '2025-06', to: '2025-04' });
      expect(bad.status).toBe(400);
      expect(bad.body).toContain('<title>Error: Statement batches');
      expect(bad.body).toContain('href="#to"');
      expect((await apiGet<{ total: number }>(USERS.host, jobsPath())).total).toBe(before);
    }, 120_000);

    it('a partner is refused as the API refuses it (403), and another tenant’s partnership is the 404 page', async () => {
      const p = await openPage(w, { js: false });
      await signIn(w, p, USERS.partner, `${base}/batches`);
      expect(await textOf(p.page, 'h1')).toBe('You cannot do this');
      await apiGet(USERS.partner, jobsPath(), 403);
      const r = await post(p, `${base}/batches`, { _csrf: await csrfOf(p), from: '2025-04', to: '2025-06' });
      expect(r.status).toBe(403);
      const h = await openPage(w, { js: true });
      await signIn(w, h, USERS.host);
      const res = await h.page.goto(`${w.base}/consortium/${otherConsortium}/batches`);
      expect(res!.status()).toBe(404);
      expect(await textOf(h.page, 'h1')).toBe('Page not found');
      await apiGet(USERS.host, `/api/v1/consortia/${otherConsortium}/reports/jobs`, 404);
      expect(await axeViolations(h)).toEqual([]);
      expect(h.problems).toEqual(answered(404));
    }, 120_000);
  });

  // ------------------------------------------------------------------ the host organisation's users

  describe("the host organisation's users", () => {
    const NEW = 'new.analyst@northvale.demo.nhs.example';

    async function apiLogin(email: string, password: string): Promise<number> {
      return (await w.t.http.post('/api/v1/auth/login').send({ email, password })).status;
    }

    it('JavaScript off: from the header, add a user (temporary password shown once), disable them (they can no longer sign in), reset a password after a confirmation', async () => {
      const p = await openPage(w, { js: false });
      await signIn(w, p, USERS.host);
      await submitLink(p, 'a.nhsuk-header__account-link[href="/organisation/users"]');
      expect(await textOf(p.page, 'h1')).toMatch(/^Users of /);
      const listed = await apiGet<{ items: { email: string }[] }>(USERS.host, '/api/v1/users');
      expect(await p.page.$$eval('#users tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-email')))).toEqual(listed.items.map((u) => u.email));
      expect(await axeViolations(p)).toEqual([]);

      // every error on its field
      await submit(p, '#add-user button[type=submit]');
      expect(await p.page.title()).toMatch(/^Error: Users of /);
      expect(await p.page.$$eval('.nhsuk-error-summary a', (as) => as.map((a) => a.getAttribute('href')))).toEqual(['#email', '#role']);
      expect(await axeViolations(p)).toEqual([]);

      // add
      await p.page.type('#email', NEW);
      await p.page.click('#role-partner_user');
      await submit(p, '#add-user button[type=submit]');
      expect(await textOf(p.page, '#temporary-password-panel h2')).toBe(`${NEW} has been added`);
      const temp = await textOf(p.page, '#temporary-password');
      expect(await axeViolations(p)).toEqual([]);
      expect(await apiLogin(NEW, temp)).toBe(200);
      const created = (await apiGet<{ items: { id: string; email: string; role: string }[] }>(USERS.host, '/api/v1/users')).items.find((u) => u.email === NEW)!;
      expect(created.role).toBe('partner_user');

      // disable: they can no longer sign in
      await p.page.goto(`${w.base}/organisation/users`);
      await submit(p, `#users tr[data-user="${created.id}"] button[data-action="disable"]`);
      expect(await textOf(p.page, '#users-done')).toContain(`${NEW} has been disabled`);
      expect(await textOf(p.page, `#users tr[data-user="${created.id}"] .nhsuk-tag`)).toBe('Disabled');
      expect(await apiLogin(NEW, temp)).toBe(401);
      const them = await openPage(w, { js: false });
      await them.page.goto(`${w.base}/sign-in`);
      await them.page.type('#email', NEW);
      await them.page.type('#password', temp);
      await Promise.all([them.page.waitForNavigation(), them.page.click('button[type=submit]')]);
      expect(new URL(them.page.url()).pathname).toBe('/sign-in');

      // enable again, then reset: a confirmation first, then a new temporary password that works (the old one no longer does)
      await submit(p, `#users tr[data-user="${created.id}"] button[data-action="enable"]`);
      expect(await textOf(p.page, '#users-done')).toContain(`${NEW} has been enabled`);
      await submitLink(p, `#users tr[data-user="${created.id}"] a[data-action="reset"]`);
      expect(await textOf(p.page, 'h1')).toBe(`Reset the password of ${NEW}`);
      expect(await axeViolations(p)).toEqual([]);
      await submit(p, 'main form button[type=submit]');
      expect(await textOf(p.page, '#temporary-password-panel h2')).toBe(`The password of ${NEW} has been reset`);
      const fresh = await textOf(p.page, '#temporary-password');
      expect(fresh).not.toBe(temp);
      expect(await apiLogin(NEW, temp)).toBe(401);
      expect(await apiLogin(NEW, fresh)).toBe(200);
      // the host's own row has no actions (nobody disables or resets themselves here)
      const me = await apiGet<{ id: string }>(USERS.host, '/api/v1/auth/me');
      expect(await p.page.$(`#users tr[data-user="${me.id}"] form`)).toBeNull();
      // the form with errors answered 400 on purpose
      expect(p.problems).toEqual(answered(400));
    }, 240_000);

    it('JavaScript on: the page passes axe with no console errors', async () => {
      const p = await openPage(w, { js: true });
      await signIn(w, p, USERS.host, '/organisation/users');
      expect(await textOf(p.page, 'h1')).toMatch(/^Users of /);
      expect(await axeViolations(p)).toEqual([]);
      expect(p.problems).toEqual([]);
    }, 120_000);

    it('a user added without the CSRF token is refused and nobody is added; a partner is refused as the API refuses it (403)', async () => {
      const p = await openPage(w, { js: false });
      await signIn(w, p, USERS.host, '/organisation/users');
      const r = await post(p, '/organisation/users', { email: 'csrf.probe@northvale.demo.nhs.example', role: 'partner_user' });
      expect(r.status).toBe(403);
      expect(r.body).toContain('This form has expired');
      const users = await apiGet<{ items: { email: string }[] }>(USERS.host, '/api/v1/users');
      expect(users.items.map((u) => u.email)).not.toContain('csrf.probe@northvale.demo.nhs.example');
      const partner = await openPage(w, { js: false });
      await signIn(w, partner, USERS.partner, '/organisation/users');
      expect(await textOf(partner.page, 'h1')).toBe('You cannot do this');
      expect(await partner.page.$('a.nhsuk-header__account-link[href="/organisation/users"]')).toBeNull();
      await apiGet(USERS.partner, '/api/v1/users', 403);
      // another organisation's user (a partner's, to the host's administrator) is the 404 page, as the API's 404
      const riversideUser = (await apiGet<{ items: { id: string; email: string }[] }>(USERS.partnerAdmin, '/api/v1/users')).items.find((u) => u.email === USERS.partner)!;
      const res = await p.page.goto(`${w.base}/organisation/users/${riversideUser.id}/reset`);
      expect(res!.status()).toBe(404);
      const viaApi = await w.t.http.post(`/api/v1/users/${riversideUser.id}/password-reset`).set('Authorization', await w.api(USERS.host));
      expect(viaApi.status).toBe(404);
      const crafted = await post(p, `/organisation/users/${riversideUser.id}`, { _csrf: await csrfOf(p), change: 'disable' });
      expect(crafted.status).toBe(404);
      expect(await apiLogin(USERS.partner, PASSWORD)).toBe(200);
    }, 120_000);
  });

  // ------------------------------------------------------------------ audit and decisions

  describe('audit and decisions', () => {
    const auditPath = () => `/api/v1/consortia/${w.consortiumId}/audit`;
    const ids = (p: OpenPage, sel: string, attr: string) => p.page.$$eval(sel, (trs, a) => trs.map((tr) => tr.getAttribute(a)), attr);

    it('JavaScript off: the entries as the API lists them, paged; a search finds an entry made in this test, with its before and after', async () => {
      // an entry made here: the partnership renamed (and back)
      const host = await w.api(USERS.host);
      const { name } = (await w.t.http.get(`/api/v1/consortia/${w.consortiumId}`).set('Authorization', host).expect(200)).body as { name: string };
      await w.t.http
        .patch(`/api/v1/consortia/${w.consortiumId}`)
        .set('Authorization', host)
        .send({ name: `${name} audit probe` })
        .expect(200);
      await w.t.http.patch(`/api/v1/consortia/${w.consortiumId}`).set('Authorization', host).send({ name }).expect(200);

      const p = await openPage(w, { js: false });
      await signIn(w, p, USERS.host, `${base}/audit`);
      expect(await textOf(p.page, 'h1')).toBe('Audit and decisions');
      const first = await apiGet<{ items: { id: string }[]; total: number }>(USERS.host, `${auditPath()}?limit=25`);
      expect(first.total).toBeGreaterThan(25);
      expect(await ids(p, '#audit-entries tbody tr', 'data-entry')).toEqual(first.items.map((e) => e.id));
      expect(await axeViolations(p)).toEqual([]);
      await submitLink(p, '.nhsuk-pagination__link--next');
      const second = await apiGet<{ items: { id: string }[] }>(USERS.host, `${auditPath()}?limit=25&offset=25`);
      expect(await ids(p, '#audit-entries tbody tr', 'data-entry')).toEqual(second.items.map((e) => e.id));

      // search: the words of the rename, by the host, a change
      await p.page.goto(`${w.base}${base}/audit`);
      await p.page.type('#q', 'audit probe');
      await p.page.select('#action', 'update');
      await p.page.type('#actor', 'host.admin');
      await submit(p, '#audit-search button[type=submit]');
      const found = await apiGet<{ items: { id: string; before: { name: string }; after: { name: string } }[] }>(
        USERS.host,
        `${auditPath()}?q=audit%20probe&action=update&actor=host.admin`,
      );
      expect(found.items).toHaveLength(2);
      expect(await ids(p, '#audit-entries tbody tr', 'data-entry')).toEqual(found.items.map((e) => e.id));
      const row = `#audit-entries tr[data-entry="${found.items[1].id}"]`;
      expect(await textOf(p.page, row)).toContain('host.admin@demo.nhs.example');
      expect(await textOf(p.page, row)).toContain('Changed consortium');
      const details = await textOf(p.page, `${row} details`);
      expect(details).toContain(`Name Before: ${name}`);
      expect(details).toContain(`After: ${name} audit probe`);
      expect(new URL(p.page.url()).searchParams.get('q')).toBe('audit probe');
      expect(await axeViolations(p)).toEqual([]);

      // a day that is not one: the error summary, linked to the field
      await p.page.goto(`${w.base}${base}/audit?from=2025-02-30`);
      expect(await p.page.title()).toMatch(/^Error: Audit and decisions/);
      expect(await p.page.$$eval('.nhsuk-error-summary a', (as) => as.map((a) => a.getAttribute('href')))).toEqual(['#from']);
      expect(await axeViolations(p)).toEqual([]);

      // the decisions log, as the API lists it, searchable by kind
      await p.page.goto(`${w.base}${base}/audit?show=decisions`);
      const decisions = await apiGet<{ items: { id: string; kind: string }[] }>(USERS.host, `/api/v1/consortia/${w.consortiumId}/decisions?limit=25`);
      expect(decisions.items.length).toBeGreaterThan(0);
      expect(await ids(p, '#decisions tbody tr', 'data-decision')).toEqual(decisions.items.map((d) => d.id));
      await p.page.select('#kind', 'month_closed');
      await submit(p, '#audit-search button[type=submit]');
      const closes = await apiGet<{ items: { id: string }[] }>(USERS.host, `/api/v1/consortia/${w.consortiumId}/decisions?kind=month_closed&limit=25`);
      expect(await ids(p, '#decisions tbody tr', 'data-decision')).toEqual(closes.items.map((d) => d.id));
      expect(await axeViolations(p)).toEqual([]);
      // the search with a bad day answered 400 on purpose
      expect(p.problems).toEqual(answered(400));
    }, 240_000);

    it('JavaScript on: the page passes axe with no console errors, the details open', async () => {
      const p = await openPage(w, { js: true });
      await signIn(w, p, USERS.host, `${base}/audit`);
      await p.page.click('#audit-entries details summary');
      expect(await p.page.$eval('#audit-entries details', (d) => d.hasAttribute('open'))).toBe(true);
      expect(await axeViolations(p)).toEqual([]);
      expect(p.problems).toEqual([]);
    }, 120_000);

    it('a partner is refused as the API refuses it (403); another tenant’s partnership is the 404 page', async () => {
      const p = await openPage(w, { js: true });
      await signIn(w, p, USERS.partner);
      const res = await p.page.goto(`${w.base}${base}/audit`);
      expect(res!.status()).toBe(403);
      expect(await textOf(p.page, 'h1')).toBe('You cannot do this');
      await apiGet(USERS.partner, auditPath(), 403);
      const h = await openPage(w, { js: true });
      await signIn(w, h, USERS.host);
      const other = await h.page.goto(`${w.base}/consortium/${otherConsortium}/audit`);
      expect(other!.status()).toBe(404);
      await apiGet(USERS.host, `/api/v1/consortia/${otherConsortium}/audit`, 404);
      expect(await axeViolations(p)).toEqual([]);
      expect(p.problems).toEqual(answered(403));
    }, 120_000);
  });
});
