/**
 * PDF rendering bench (real Chromium): `npx ts-node bench/pdf.bench.ts`
 *
 * For the same statement-like A4 HTML:
 *  - cold:  launch a browser per render (launch, page, setContent, pdf, close);
 *  - pool:  PdfBrowserPool with warm pages;
 *  - bare:  setContent + page.pdf() on one already-open page (the floor);
 *  - soak:  500 renders through a fresh pool (2 at a time): p95 drift (last 50 / first 50) and
 *           browser RSS growth (end / after warm-up; VmRSS of the browser and its children).
 *
 * `runPdfBench()` returns entries for a later `bench/run`: pdf.warm_vs_bare, pdf.cold_vs_warm,
 * pdf.soak_p95_drift, pdf.soak_rss_growth ({ name, value, unit, baseline, ratio }).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type PDFOptions } from 'puppeteer';
import { lineChart } from '../src/reports/charts';
import { DEFAULT_FOOTER_TEMPLATE, DEFAULT_HEADER_TEMPLATE, DOCUMENT_PDF_OPTIONS, PdfBrowserPool, POOL_CHROMIUM_ARGS } from '../src/reports/pdf/browser-pool';
import { findChromium } from '../src/reports/pdf/chromium';
import { statementHtml } from '../src/reports/pdf/testing/pdf-fixtures';

export interface BenchEntry {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  goal?: string;
}

export interface PdfBenchOptions {
  cold?: number;
  warm?: number;
  bare?: number;
  soak?: number;
  log?: (line: string) => void;
}

const PDF_OPTIONS: PDFOptions = {
  format: 'A4',
  printBackground: true,
  displayHeaderFooter: true,
  headerTemplate: DEFAULT_HEADER_TEMPLATE,
  footerTemplate: DEFAULT_FOOTER_TEMPLATE,
  margin: { top: '16mm', right: '14mm', bottom: '16mm', left: '14mm' },
  ...DOCUMENT_PDF_OPTIONS, // the same document options as the pool: the bare floor does the same work
};

function benchHtml(): string {
  const months = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'];
  const chart = lineChart({
    title: 'Payroll accuracy (SLA)',
    points: months.map((label, i) => ({ label, value: (93 + ((i * 7) % 6) + 0.25).toFixed(2) })),
    target: { value: '95' },
    threshold: { value: '90' },
    unit: '%',
  });
  return statementHtml({ org: 'Northern Shared Services', rows: 60, extra: chart });
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (h - lo);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function launch(executablePath: string): Promise<{ browser: Browser; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pdf-bench-'));
  const browser = await puppeteer.launch({
    executablePath,
    headless: 'shell',
    pipe: true,
    userDataDir: dir,
    // as the pool does: Chromium's sandbox unless this process is root, where Chromium cannot use it
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ...POOL_CHROMIUM_ARGS],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  return { browser, dir };
}

/**
 * Memory of `pid` and all its descendants, from /proc, in kB: the sum of VmRSS (counts shared
 * pages once per process, so it overstates the total) and the sum of Pss (shared pages split
 * between the processes that map them; closer to the real footprint; 0 where unavailable).
 */
export function treeMemoryKb(pid: number): { rss: number; pss: number } {
  const children = new Map<number, number[]>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(e));
      children.set(ppid, list);
    } catch {
      /* gone */
    }
  }
  let rss = 0;
  let pss = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    stack.push(...(children.get(p) ?? []));
    try {
      rss += Number(/VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* gone or not readable */
    }
  }
  return { rss, pss };
}

export async function runPdfBench(options: PdfBenchOptions = {}): Promise<BenchEntry[]> {
  const n = { cold: options.cold ?? 20, warm: options.warm ?? 50, bare: options.bare ?? 50, soak: options.soak ?? 500 };
  const log = options.log ?? ((l: string) => console.log(l));
  const found = findChromium();
  if ('error' in found) throw new Error(found.error);
  const exe = found.path;
  const html = benchHtml();
  const rows: Array<[string, number, number, number]> = [];

  // cold: a browser per render
  const cold: number[] = [];
  for (let i = 0; i < n.cold; i++) {
    cold.push(
      await timed(async () => {
        const { browser, dir } = await launch(exe);
        try {
          const page = await browser.newPage();
          await page.setContent(html, { waitUntil: 'load' });
          await page.pdf(PDF_OPTIONS);
        } finally {
          await browser.close();
          await rm(dir, { recursive: true, force: true });
        }
      }),
    );
  }
  rows.push(['launch per render', quantile(cold, 0.5), quantile(cold, 0.95), cold.length]);

  // bare: one open page
  const bare: number[] = [];
  {
    const { browser, dir } = await launch(exe);
    try {
      const page = await browser.newPage();
      for (let i = 0; i < 5; i++) {
        await page.setContent(html, { waitUntil: 'load' });
        await page.pdf(PDF_OPTIONS);
      }
      for (let i = 0; i < n.bare; i++) {
        bare.push(
          await timed(async () => {
            await page.setContent(html, { waitUntil: 'load' });
            await page.pdf(PDF_OPTIONS);
          }),
        );
      }
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  }
  rows.push(['bare setContent+pdf', quantile(bare, 0.5), quantile(bare, 0.95), bare.length]);

  // warm pool
  const warm: number[] = [];
  {
    const pool = new PdfBrowserPool({ executablePath: exe, pages: 2 });
    try {
      await pool.start();
      for (let i = 0; i < 5; i++) await pool.render(html);
      for (let i = 0; i < n.warm; i++) warm.push(await timed(() => pool.render(html)));
    } finally {
      await pool.stop();
    }
  }
  rows.push(['pool (warm page)', quantile(warm, 0.5), quantile(warm, 0.95), warm.length]);

  // soak: 500 renders, two at a time (both pages busy), through a fresh pool
  const soak: number[] = [];
  let memWarm = { rss: 0, pss: 0 };
  let memEnd = { rss: 0, pss: 0 };
  let soakStats = '';
  {
    const pool = new PdfBrowserPool({ executablePath: exe, pages: 2, recycleAfter: 100, browserRecycleAfter: 1000 });
    try {
      await pool.start();
      for (let i = 0; i < 10; i++) await pool.render(html);
      memWarm = treeMemoryKb(pool.stats().browserPid!);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < n.soak) {
          const i = next++;
          soak[i] = await timed(() => pool.render(html));
        }
      };
      await Promise.all([worker(), worker()]);
      memEnd = treeMemoryKb(pool.stats().browserPid!);
      const s = pool.stats();
      soakStats = `renders=${s.renders} failures=${s.failures} pagesReplaced=${s.pagesReplaced} browserLaunches=${s.browserLaunches}`;
    } finally {
      await pool.stop();
    }
  }
  const first = soak.slice(0, 50);
  const last = soak.slice(-50);
  rows.push(['soak first 50 (2 concurrent)', quantile(first, 0.5), quantile(first, 0.95), first.length]);
  rows.push(['soak last 50 (2 concurrent)', quantile(last, 0.5), quantile(last, 0.95), last.length]);

  const p50 = (xs: number[]): number => quantile(xs, 0.5);
  const round = (x: number, dp = 1): number => Math.round(x * 10 ** dp) / 10 ** dp;
  const entry = (name: string, value: number, unit: string, baseline: number, goal?: string): BenchEntry => ({
    ...(goal ? { goal } : {}),
    name,
    value: round(value),
    unit,
    baseline: round(baseline),
    ratio: round(value / baseline, 3),
  });
  const entries = [
    entry('pdf.warm_vs_bare', p50(warm), 'ms', p50(bare), '≤ 1.1'),
    entry('pdf.cold_vs_warm', p50(cold), 'ms', p50(warm), '≥ 5'),
    entry('pdf.soak_p95_drift', quantile(last, 0.95), 'ms', quantile(first, 0.95), '≤ 1.2'),
    entry('pdf.soak_rss_growth', memEnd.rss / 1024, 'MB', memWarm.rss / 1024),
  ];

  log(`Chromium: ${exe}`);
  log('');
  log('| scenario                     |  p50 ms |  p95 ms |   n |');
  log('| ---------------------------- | ------: | ------: | --: |');
  for (const [name, a, b, count] of rows) {
    log(`| ${name.padEnd(28)} | ${a.toFixed(1).padStart(7)} | ${b.toFixed(1).padStart(7)} | ${String(count).padStart(3)} |`);
  }
  log('');
  const mb = (kb: number): string => `${(kb / 1024).toFixed(1)} MB`;
  log(`soak: ${soakStats}`);
  log(`browser + children after warm-up: VmRSS sum ${mb(memWarm.rss)}, Pss sum ${mb(memWarm.pss)}`);
  log(`browser + children at end:        VmRSS sum ${mb(memEnd.rss)}, Pss sum ${mb(memEnd.pss)}`);
  log('');
  log('| metric               |    value | unit | baseline |  ratio |');
  log('| -------------------- | -------: | ---- | -------: | -----: |');
  for (const e of entries) {
    log(`| ${e.name.padEnd(20)} | ${String(e.value).padStart(8)} | ${e.unit.padEnd(4)} | ${String(e.baseline).padStart(8)} | ${String(e.ratio).padStart(6)} |`);
  }
  return entries;
}

if (require.main === module) {
  runPdfBench().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
