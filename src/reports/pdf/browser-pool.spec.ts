/**
 * The PDF pool against a real Chromium (no mocks). Chromium must be installed (CI installs it):
 * without it these tests fail with findChromium's explanation.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { barVsLineChart, distributionChart, lineChart } from '../charts';
import { type PdfPoolEvent, PdfBrowserPool } from './browser-pool';
import { findChromium } from './chromium';
import { PdfBusyError, PdfError, PdfTimeoutError } from './errors';
import { delay, eventually, heavyHtml, pdfText, processGroupAlive, statementHtml } from './testing/pdf-fixtures';

describe('PdfBrowserPool (real Chromium)', () => {
  let pool: PdfBrowserPool;
  const events: PdfPoolEvent[] = [];
  const blocked = (): Array<Extract<PdfPoolEvent, { type: 'request-blocked' }>> =>
    events.filter((e): e is Extract<PdfPoolEvent, { type: 'request-blocked' }> => e.type === 'request-blocked');

  beforeAll(async () => {
    const found = findChromium();
    if ('error' in found) throw new Error(found.error);
    pool = new PdfBrowserPool({
      executablePath: found.path,
      pages: 2,
      maxQueue: 2,
      queueTimeoutMs: 20_000,
      renderTimeoutMs: 15_000,
      recycleAfter: 100,
      browserRecycleAfter: 1000,
      onEvent: (e) => events.push(e),
    });
    await pool.start();
  });

  afterAll(async () => {
    await pool?.stop();
  });

  it('renders an A4 PDF whose text and "Page N of M" footers can be read back', async () => {
    const pdf = await pool.render(statementHtml({ org: 'Northern Shared Services', rows: 10, pageBreak: true }), {
      headerTemplate: '<div style="font-size:8px;width:100%;text-align:center">Consortium statement</div>',
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text, numpages } = await pdfText(pdf);
    expect(numpages).toBe(2);
    expect(text).toContain('Statement of account');
    expect(text).toContain('Northern Shared Services');
    expect(text).toContain('Second page of the statement.');
    expect(text).toContain('Page 1 of 2');
    expect(text).toContain('Page 2 of 2');
    expect(text.match(/Consortium statement/g)).toHaveLength(2);
    // A4 portrait: 595 × 842 pt
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    expect(Math.abs(Number(box![1]) - 595.3)).toBeLessThan(1.5);
    expect(Math.abs(Number(box![2]) - 841.9)).toBeLessThan(1.5);
  });

  it('renders landscape on request', async () => {
    const pdf = await pool.render(statementHtml({ rows: 3 }), { landscape: true });
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    expect(Number(box![1])).toBeGreaterThan(Number(box![2]));
  });

  it('runs no script and blocks file://, network and loopback requests even in unescaped HTML', async () => {
    const before = pool.stats().blockedRequests;
    const hostile =
      '<meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/steal">' +
      '<p>REPORT-BODY</p>' +
      '<script>document.body.innerHTML = "SCRIPT-RAN"</script>' +
      '<noscript><p>NOSCRIPT-SHOWN</p></noscript>' +
      '<img src=x onerror="document.body.innerHTML=\'ONERROR-RAN\'">' +
      '<img src="file:///etc/passwd">' +
      '<iframe src="file:///etc/passwd"></iframe>' +
      '<img src="http://127.0.0.1:9/pixel.png">' +
      '<img src="http://169.254.169.254/latest/meta-data/">' +
      '<link rel="stylesheet" href="https://example.com/evil.css">' +
      '<iframe src="http://localhost:1/"></iframe>' +
      '<img alt="inline ok" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==">';
    const pdf = await pool.render(statementHtml({ rows: 2, extra: hostile }));
    const { text } = await pdfText(pdf);
    expect(text).toContain('REPORT-BODY');
    expect(text).toContain('NOSCRIPT-SHOWN'); // <noscript> renders only when JavaScript is off
    expect(text).not.toContain('SCRIPT-RAN');
    expect(text).not.toContain('ONERROR-RAN');
    expect(text).not.toMatch(/root:.*:0:0/);
    expect(text).not.toMatch(/can.t be reached|ERR_|blocked/i); // no Chromium error page

    const urls = (): string[] => blocked().map((e) => e.url);
    await eventually(() => ['file:///etc/passwd', 'http://127.0.0.1:9/pixel.png', 'https://example.com/evil.css'].every((u) => urls().includes(u)));
    expect(urls()).toEqual(
      expect.arrayContaining([
        'file:///etc/passwd',
        'http://127.0.0.1:9/pixel.png',
        'http://169.254.169.254/latest/meta-data/',
        'https://example.com/evil.css',
        'http://localhost:1/',
      ]),
    );
    expect(blocked().find((e) => e.url === 'file:///etc/passwd')?.reason).toBe('local-file');
    expect(blocked().find((e) => e.url === 'http://localhost:1/')?.reason).toBe('navigation');
    expect(urls().some((u) => u.startsWith('data:'))).toBe(false);
    expect(pool.stats().blockedRequests - before).toBeGreaterThanOrEqual(6);

    // the page is still a good page for the next report (the refresh did not navigate it away)
    const next = await pdfText(await pool.render(statementHtml({ org: 'After hostile', rows: 1 })));
    expect(next.text).toContain('After hostile');
    expect(next.text).not.toContain('REPORT-BODY');
  });

  it('makes no connection at all to a loopback server, even for what interception cannot see', async () => {
    const hits: string[] = [];
    let connections = 0;
    const server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('leak');
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const u = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const html =
        `<html><head><link rel="prefetch" href="${u}/prefetch"><link rel="preconnect" href="${u}/">` +
        `<link rel="preload" as="image" href="${u}/preload"><link rel="stylesheet" href="${u}/css">` +
        `<style>@font-face{font-family:F;src:url(${u}/font)} p{font-family:F}</style></head>` +
        `<body><p>LOOPBACK-TEST</p><img src="${u}/img"><iframe src="${u}/frame"></iframe><object data="${u}/object"></object>` +
        `<svg><image href="${u}/svg"/></svg><div style="background:url(${u}/bg)">x</div></body></html>`;
      const pdf = await pool.render(html, { headerTemplate: `<img src="${u}/header">`, footerTemplate: `<img src="${u}/footer">` });
      expect((await pdfText(pdf)).text).toContain('LOOPBACK-TEST');
      await delay(500); // give stray prefetches a chance to show up
      expect(hits).toEqual([]);
      expect(connections).toBe(0);
      expect(blocked().map((e) => e.url)).toEqual(expect.arrayContaining([`${u}/img`, `${u}/css`, `${u}/frame`]));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('prints the server-side SVG charts', async () => {
    const months = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'];
    const charts =
      lineChart({
        title: 'SLA trend',
        points: months.map((label, i) => ({ label, value: String(90 + (i % 8)) })),
        target: { value: '95' },
        threshold: { value: '91' },
        unit: '%',
      }) +
      barVsLineChart({ title: 'Charge against baseline', months: months.map((label, i) => ({ label, charge: `${12000 + i * 100}.00`, baseline: '12500.00' })) }) +
      distributionChart({
        title: 'Benchmark <KPI> & peers',
        unit: '%',
        peers: ['91.2', '88.4', '97.2', '93.0', '95.5', '99.1'].map((value, i) => ({ name: `Trust ${i + 1}`, value, self: i === 2 })),
      });
    const { text } = await pdfText(await pool.render(`<!doctype html><html><body>${charts}</body></html>`));
    for (const s of ['SLA trend', 'Target 95.0%', 'Threshold 91.0%', 'Charge against baseline', '£12.1k', 'Benchmark <KPI> & peers', 'Your organisation: 97.2% (2nd of 6)']) {
      expect(text).toContain(s);
    }
  });

  it('rejects with PdfBusyError when every page is busy and the queue is full, and serves the rest', async () => {
    const busyBefore = pool.stats().busyRejections;
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => pool.render(statementHtml({ org: `Queued ${i}`, rows: 30 }))));
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1); // 2 pages + 2 waiting
    expect(rejected[0].reason).toBeInstanceOf(PdfBusyError);
    expect(rejected[0].reason).toMatchObject({ code: 'PDF_BUSY', reason: 'queue_full' });
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    expect(pool.stats().busyRejections).toBe(busyBefore + 1);
    expect(pool.stats().queued).toBe(0);
  });

  it('stops a render at its hard timeout with PdfTimeoutError, replaces the page and keeps working', async () => {
    const before = pool.stats();
    const t0 = Date.now();
    await expect(pool.render(heavyHtml(4000), { timeoutMs: 300 })).rejects.toBeInstanceOf(PdfTimeoutError);
    expect(Date.now() - t0).toBeLessThan(1500);
    const after = pool.stats();
    expect(after.timeouts).toBe(before.timeouts + 1);
    const { text } = await pdfText(await pool.render(statementHtml({ org: 'After timeout', rows: 2 })));
    expect(text).toContain('After timeout');
    // both pages work again (the timed-out one was replaced)
    const both = await Promise.all([pool.render(statementHtml({ rows: 1 })), pool.render(statementHtml({ rows: 1 }))]);
    expect(both.every((b) => b.subarray(0, 5).toString('latin1') === '%PDF-')).toBe(true);
    expect(pool.stats().pagesReplaced).toBeGreaterThan(before.pagesReplaced);
    expect(pool.stats().browserGeneration).toBe(before.browserGeneration); // only the page, not the browser
  });

  it('survives the browser being killed mid-render: that render is retried or fails typed, the next one succeeds', async () => {
    const before = pool.stats();
    const pid = before.browserPid!;
    expect(pid).toBeGreaterThan(0);
    const inFlight = pool.render(heavyHtml(400)).then(
      (pdf) => ({ ok: true as const, pdf }),
      (err: unknown) => ({ ok: false as const, err }),
    );
    await delay(120); // the page is printing (~0.5 s for this document)
    process.kill(pid, 'SIGKILL'); // what browser.process().kill('SIGKILL') does
    const outcome = await inFlight;
    if (outcome.ok) {
      expect((await pdfText(outcome.pdf)).text).toContain('END-OF-HEAVY');
      expect(pool.stats().retries).toBe(before.retries + 1);
    } else {
      expect(outcome.err).toBeInstanceOf(PdfError);
    }
    const next = await pool.render(statementHtml({ org: 'After crash', rows: 2 }));
    expect((await pdfText(next)).text).toContain('After crash');
    const after = pool.stats();
    expect(after.browserDisconnects).toBe(before.browserDisconnects + 1);
    expect(after.browserPid).not.toBe(pid);
    expect(after.browserGeneration).toBe(before.browserGeneration + 1);
    // the killed browser's renderer/zygote children were reaped too
    expect(await eventually(() => !processGroupAlive(pid), 5000)).toBe(true);
  });

  it('reports its state in stats()', () => {
    const s = pool.stats();
    expect(s).toMatchObject({ started: true, stopped: false, pages: 2, maxQueue: 2, busyPages: 0, queued: 0 });
    expect(s.renders).toBeGreaterThanOrEqual(10);
    expect(s.browserLaunches).toBe(2);
  });
});
