/**
 * Web bench (issue 14): `BENCH=web npm run bench` (builds first).
 *
 * The built app (child process) with the demo consortium (DEMO_MODE seeds it on start), signed in as
 * the demo partner trust's user:
 *  - web.statement_page_vs_api: p50 latency of the statement page (GET /consortium/:id/statements,
 *    HTML with the chart, the issued months and their hashes) against the JSON statement of the same
 *    request (GET /api/v1/consortia/:id/statements/:organisationId), same autocannon settings, same
 *    run, in alternating rounds (median of each side). ratio = page / API (goal ≤ 1.3).
 *  - web.first_load_kb: what the statement page costs a browser opening it with an empty cache: the
 *    bytes on the wire (CDP encodedDataLength) of the HTML, CSS, JavaScript, images and fonts, in
 *    real Chromium (goal ≤ 300 KB).
 */
import autocannon from 'autocannon';
import puppeteer from 'puppeteer';
import { findChromium } from '../src/reports/pdf/chromium';
import { BenchResult, freshDatabase, dropDatabase, login, startApp } from './support';

const SECONDS = Number(process.env.WEB_BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.WEB_BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.WEB_BENCH_CONNECTIONS ?? 10);
const PARTNER = 'partner@riverside.demo.nhs.example';
const PASSWORD = 'demo-password-2025';
const log = (s: string) => console.log(`  ${s}`);

/** Signs in through the form as a browser would (CSRF token from the page); returns the Cookie header. */
async function webSession(base: string, email: string): Promise<string> {
  const page = await fetch(`${base}/sign-in`);
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  keep(page);
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ _csrf: token, email, password: PASSWORD, next: '/' }),
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`web sign-in failed: ${res.status}`);
  keep(res);
  return cookie();
}

/** The round with the median p50 (its requests per second alongside). */
function median(rounds: { p50: number; rps: number }[]): { p50: number; rps: number } {
  return [...rounds].sort((a, b) => a.p50 - b.p50)[Math.floor(rounds.length / 2)];
}

async function p50(url: string, headers: Record<string, string>): Promise<{ p50: number; rps: number }> {
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  if (r.non2xx || r.errors || r.timeouts) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  return { p50: r.latency.p50, rps: r.requests.average };
}

export async function runWebBench(): Promise<BenchResult[]> {
  const name = 'cp_bench_web';
  const url = await freshDatabase(name);
  const app = await startApp(url, { DEMO_MODE: 'true' });
  try {
    const auth = await login(app.base, PARTNER, PASSWORD);
    const c = ((await (await fetch(`${app.base}/api/v1/consortia`, { headers: { authorization: auth } })).json()) as { items: { id: string }[] }).items[0].id;
    const me = (await (await fetch(`${app.base}/api/v1/auth/me`, { headers: { authorization: auth } })).json()) as { organisationId: string };
    const q = 'from=2025-04&to=2025-09';
    const apiUrl = `${app.base}/api/v1/consortia/${c}/statements/${me.organisationId}?${q}`;
    const pageUrl = `${app.base}/consortium/${c}/statements?${q}`;
    const cookie = await webSession(app.base, PARTNER);
    const check = await fetch(pageUrl, { headers: { cookie } });
    if (check.status !== 200) throw new Error(`statement page ${check.status}`);
    // Rounds alternate page and API, so a slower spell of this shared machine falls on both; each
    // side's figure is the median of its rounds' p50s.
    const pages: { p50: number; rps: number }[] = [];
    const apis: { p50: number; rps: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      pages.push(await p50(pageUrl, { cookie }));
      apis.push(await p50(apiUrl, { authorization: auth }));
    }
    const page = median(pages);
    const api = median(apis);
    log(`statement page p50 ${page.p50} ms (${page.rps.toFixed(1)} req/s), JSON p50 ${api.p50} ms (${api.rps.toFixed(1)} req/s); medians of ${ROUNDS} alternating rounds`);

    const found = findChromium();
    if ('error' in found) throw new Error(found.error);
    const browser = await puppeteer.launch({ executablePath: found.path, headless: true, args: ['--no-sandbox'] });
    let bytes = 0;
    const kinds = new Map<string, number>();
    try {
      const ctx = await browser.createBrowserContext();
      const tab = await ctx.newPage();
      await tab.setCookie(...cookie.split('; ').map((kv) => ({ name: kv.split('=')[0], value: kv.slice(kv.indexOf('=') + 1), url: app.base })));
      const cdp = await tab.createCDPSession();
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      const types = new Map<string, string>();
      cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
      cdp.on('Network.loadingFinished', (e) => {
        bytes += e.encodedDataLength;
        const t = types.get(e.requestId) ?? 'Other';
        kinds.set(t, (kinds.get(t) ?? 0) + e.encodedDataLength);
      });
      await tab.goto(pageUrl, { waitUntil: 'networkidle0' });
    } finally {
      await browser.close();
    }
    const kb = bytes / 1024;
    log(`first load of the statement page: ${kb.toFixed(1)} KB on the wire (${[...kinds].map(([k, v]) => `${k} ${(v / 1024).toFixed(1)} KB`).join(', ')})`);
    return [
      {
        name: 'web.statement_page_vs_api',
        value: page.p50,
        unit: 'ms',
        baseline: api.p50,
        ratio: page.p50 / Math.max(api.p50, 1),
        goal: '≤ 1.3',
        note: `p50, ${CONNECTIONS} connections × ${SECONDS} s, the demo partner's statement ${q} as a page and as JSON`,
      },
      {
        name: 'web.first_load_kb',
        value: kb,
        unit: 'KB',
        baseline: 300,
        ratio: kb / 300,
        goal: '≤ 300 KB',
        note: 'the statement page with an empty cache, bytes on the wire in Chromium',
      },
    ];
  } finally {
    await app.stop();
    await dropDatabase(name);
  }
}
