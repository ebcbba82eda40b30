/**
 * `npm run docs:screenshots`: screenshots of the main web pages into docs/ (web-*.png), from the
 * built app with the demo consortium, signed in as the demo partner trust's user and as its board
 * member (the partnership board), and as the host's administrator (the host's pages, a batch started
 * and a partnership's set-up answered up to "check your answers"). Run after `npm run build`.
 */
import * as path from 'node:path';
import puppeteer, { type Page } from 'puppeteer';
import { findChromium } from '../src/reports/pdf/chromium';
import { dropDatabase, freshDatabase, startApp, stopBenchServer } from './support';

const PASSWORD = 'demo-password-2025';

async function signIn(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.type('#email', email);
  await page.type('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

/** The questions of setting up a partnership, answered, up to "check your answers". */
async function answerNewConsortium(page: Page): Promise<void> {
  const next = () => Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('#continue')]);
  await page.type('#name', 'Vale and Coast Payroll Partnership');
  await next();
  await page.click('#deliveryModel-cooperative');
  await next();
  await page.type('#startDate-day', '1');
  await page.type('#startDate-month', '4');
  await page.type('#startDate-year', '2027');
  await next();
}

async function main(): Promise<void> {
  const name = 'cp_screenshots';
  const app = await startApp(await freshDatabase(name), { DEMO_MODE: 'true' });
  const found = findChromium();
  if ('error' in found) throw new Error(found.error);
  const browser = await puppeteer.launch({ executablePath: found.path, headless: true, args: ['--no-sandbox'] });
  try {
    const shots: [string, string, string][] = [
      ['partner@riverside.demo.nhs.example', '/', 'web-home'],
      ['partner@riverside.demo.nhs.example', '/overview', 'web-overview'],
      ['partner@riverside.demo.nhs.example', '/performance', 'web-performance'],
      ['partner@riverside.demo.nhs.example', '/measurements', 'web-measurements'],
      ['partner@riverside.demo.nhs.example', '/statements', 'web-statements'],
      ['partner@riverside.demo.nhs.example', '/exit-quote?noticeDate=2026-12-31', 'web-exit-quote'],
      ['admin@riverside.demo.nhs.example', '/agreement', 'web-agreement'],
      ['partner@riverside.demo.nhs.example', '/benchmarking', 'web-benchmarking'],
      ['board@riverside.demo.nhs.example', '/board', 'web-board'],
      ['partner@riverside.demo.nhs.example', '/reports', 'web-reports'],
      ['board@riverside.demo.nhs.example', '/benefits', 'web-benefits'],
      ['board@riverside.demo.nhs.example', '/scenarios', 'web-scenarios'],
      ['board@riverside.demo.nhs.example', '/scenarios >> a[href*="/scenarios/"]', 'web-scenario'],
      ['board@riverside.demo.nhs.example', '/appraisals', 'web-appraisals'],
      ['board@riverside.demo.nhs.example', '/appraisals/new', 'web-appraisal-new'],
      ['board@riverside.demo.nhs.example', '/appraisals >> main a[href*="/appraisals/"]:not([href$="/new"])', 'web-appraisal'],
      ['host.admin@demo.nhs.example', '/members', 'web-host-members'],
      ['host.admin@demo.nhs.example', '/service-lines', 'web-host-service-lines'],
      ['host.admin@demo.nhs.example', '/slas', 'web-host-slas'],
      ['host.admin@demo.nhs.example', '/agreement/draft', 'web-host-agreement-draft'],
      ['host.admin@demo.nhs.example', '/costs', 'web-host-costs'],
      ['host.admin@demo.nhs.example', '/activity', 'web-host-activity'],
      ['host.admin@demo.nhs.example', '/months/2025-07/preview', 'web-host-month-preview'],
      ['host.admin@demo.nhs.example', '/months/2025-06', 'web-host-month-issued'],
      ['host.admin@demo.nhs.example', '/batches', 'web-host-batches'],
      ['host.admin@demo.nhs.example', '/batches >> main form button[type=submit]', 'web-host-batch'],
      ['host.admin@demo.nhs.example', '/audit', 'web-host-audit'],
      ['host.admin@demo.nhs.example', '@/organisation/users', 'web-host-users'],
      ['host.admin@demo.nhs.example', '@/consortium/new', 'web-host-new-consortium-check'],
    ];
    let consortium = '';
    for (const [email, where, file] of shots) {
      const ctx = await browser.createBrowserContext();
      const page = await ctx.newPage();
      await page.setViewport({ width: 1100, height: 900 });
      await signIn(page, app.base, email);
      if (!consortium) consortium = (await page.$eval('.nhsuk-card__link', (a) => a.getAttribute('href')))!.split('/')[2];
      // '@/path' is a page outside any partnership
      // 'path >> selector': open the path, then follow the first link the selector finds (a saved item)
      const [at, follow] = where.split(' >> ');
      const url = at === '/' ? `${app.base}/` : at.startsWith('@') ? `${app.base}${at.slice(1)}` : `${app.base}/consortium/${consortium}${at === '/overview' ? '' : at}`;
      await page.goto(url, { waitUntil: 'networkidle0' });
      if (follow) await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click(follow)]);
      if (at === '@/consortium/new') await answerNewConsortium(page);
      await page.screenshot({ path: path.join(__dirname, '..', 'docs', `${file}.png`), fullPage: true });
      console.log(`docs/${file}.png  ${page.url()}`);
      await ctx.close();
    }
  } finally {
    await browser.close();
    await app.stop();
    await dropDatabase(name);
    await stopBenchServer();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
