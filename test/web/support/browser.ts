/**
 * Browser tests of the web pages: the real app (demo consortium seeded, listening on a loopback
 * port), real Chromium through puppeteer, axe-core for accessibility. Every page a test opens
 * records its console errors and failed requests, so a test can assert there were none.
 */
import type { AddressInfo } from 'node:net';
import { AxePuppeteer } from '@axe-core/puppeteer';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { findChromium } from '../../../src/reports/pdf/chromium';
import { ConsortiaService } from '../../../src/consortia/consortia.service';
import { seedDemoActivity } from '../../../src/seed/demo-activity';
import { DEMO } from '../../../src/seed/demo-data';
import { ADMIN, createTestApp, type TestApp } from '../../support/app';

export const PASSWORD = 'demo-password-2025';
/** Demo users (src/seed): a partner trust's user, its board member (the partnership board), the host's board member, the host admin. */
export const USERS = {
  partner: 'partner@riverside.demo.nhs.example',
  partnerAdmin: 'admin@riverside.demo.nhs.example',
  board: 'board@riverside.demo.nhs.example',
  hostBoard: 'board@northvale.demo.nhs.example',
  host: 'host.admin@demo.nhs.example',
  otherPartner: 'partner@hillcrest.demo.nhs.example',
} as const;

export interface WebWorld {
  t: TestApp;
  base: string;
  browser: Browser;
  consortiumId: string;
  /** Organisation ids of the demo members by key (host, riverside, hillcrest, moorland). */
  orgs: Record<string, string>;
  /** An API Authorization header for a demo user (to compare a page's figures with the API's). */
  api(email: string): Promise<string>;
  close(): Promise<void>;
}

export async function startWebWorld(env: Record<string, string> = {}): Promise<WebWorld> {
  const t = await createTestApp({ DEMO_MODE: 'true', ...env });
  const host = await t.login(USERS.host, PASSWORD);
  const consortiumId = (await t.http.get('/api/v1/consortia').set('Authorization', host).expect(200)).body.items[0].id as string;
  await seedDemoActivity(t.app, consortiumId);
  const members = await t.app.get(ConsortiaService).listMembers({ userId: '', email: '', role: 'admin', organisationId: null }, consortiumId);
  const orgs: Record<string, string> = {};
  for (const m of members.items) orgs[m.isHost ? 'host' : m.organisationName.split(' ')[0].toLowerCase()] = m.organisationId;
  return launch(t, consortiumId, orgs);
}

/** The users of a fresh world (startFreshWebWorld): the host's administrator and Riverside's. */
export const FRESH_USERS = {
  host: 'finance.admin@northvale.nhs.example',
  partnerAdmin: 'it.admin@riverside.nhs.example',
} as const;

/**
 * A fresh database (demo mode off: no consortium, no demo users, only the platform administrator and
 * the KPI catalogue its migrations hold), where the platform administrator adds, through the API,
 * two organisations (the profiles of domain.md §11's worked example: North Vale, the host to be,
 * and Riverside) and each one's administrator (FRESH_USERS, password PASSWORD). No partnership
 * exists: `consortiumId` is empty; `orgs` has `host` and `riverside`.
 */
export async function startFreshWebWorld(env: Record<string, string> = {}): Promise<WebWorld> {
  const t = await createTestApp(env);
  const admin = await t.login(ADMIN.email, ADMIN.password);
  const consortia = await t.http.get('/api/v1/consortia').set('Authorization', admin).expect(200);
  if ((consortia.body as { items: unknown[] }).items.length !== 0) throw new Error('a fresh database holds no partnership');
  const orgs: Record<string, string> = {};
  const users: Record<'host' | 'riverside', { email: string; role: string }> = {
    host: { email: FRESH_USERS.host, role: 'host_admin' },
    riverside: { email: FRESH_USERS.partnerAdmin, role: 'org_admin' },
  };
  for (const key of ['host', 'riverside'] as const) {
    const { name, odsCode, type, region, annualTurnover, headcount } = DEMO.organisations.find((o) => o.key === key)!;
    const org = await t.http.post('/api/v1/organisations').set('Authorization', admin).send({ name, odsCode, type, region, annualTurnover, headcount }).expect(201);
    orgs[key] = (org.body as { id: string }).id;
    await t.http
      .post('/api/v1/users')
      .set('Authorization', admin)
      .send({ ...users[key], password: PASSWORD, organisationId: orgs[key] })
      .expect(201);
  }
  return launch(t, '', orgs);
}

async function launch(t: TestApp, consortiumId: string, orgs: Record<string, string>): Promise<WebWorld> {
  await t.app.listen(0, '127.0.0.1');
  const port = (t.app.getHttpServer().address() as AddressInfo).port;
  const found = findChromium();
  if ('error' in found) throw new Error(found.error);
  const browser = await puppeteer.launch({ executablePath: found.path, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  return {
    t,
    base: `http://127.0.0.1:${port}`,
    browser,
    consortiumId,
    orgs,
    api: (email) => t.login(email, PASSWORD),
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

export interface OpenPage {
  page: Page;
  /** Whether JavaScript is on for the pages themselves. */
  js: boolean;
  /** Console errors and failed requests seen on this page so far. */
  problems: string[];
}

/** A new browser context (its own cookies) and page; `js: false` turns JavaScript off. */
export async function openPage(w: WebWorld, o: { js?: boolean } = {}): Promise<OpenPage> {
  const context = await w.browser.createBrowserContext();
  const page = await context.newPage();
  await page.setJavaScriptEnabled(o.js !== false);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e instanceof Error ? e.message : String(e)}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    // the pages under test answer 4xx on purpose (404 page, form errors); an asset never should
    if (r.status() >= 400 && r.url().includes('/assets/')) problems.push(`asset ${r.status()}: ${r.url()}`);
  });
  return { page, js: o.js !== false, problems };
}

/** Signs in through the sign-in form and lands on `next` (default: home). */
export async function signIn(w: WebWorld, p: OpenPage, email: string, next = '/'): Promise<void> {
  await p.page.goto(`${w.base}/sign-in?next=${encodeURIComponent(next)}`);
  await p.page.type('#email', email);
  await p.page.type('#password', PASSWORD);
  await Promise.all([p.page.waitForNavigation(), p.page.click('button[type=submit]')]);
  if (new URL(p.page.url()).pathname === '/sign-in') throw new Error(`sign-in as ${email} failed`);
}

/**
 * axe-core at WCAG 2.2 AA on the page as loaded: the violations, as short strings (an empty list
 * passes). axe runs as a script, so with the page's JavaScript off it is allowed for the check only
 * (the page was rendered without it) and turned off again.
 */
export async function axeViolations(p: OpenPage | Page): Promise<string[]> {
  const page = 'page' in p ? p.page : p;
  const off = 'page' in p && !p.js;
  if (off) await page.setJavaScriptEnabled(true);
  try {
    const r = await new AxePuppeteer(page).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  } finally {
    if (off) await page.setJavaScriptEnabled(false);
  }
}

/** The visible text of an element (whitespace collapsed). */
export async function textOf(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim());
}
