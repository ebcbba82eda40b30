/**
 * Queue timeout, recycling, stop, and the "no browser" state: a second, tiny pool (one page).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PdfBrowserPool } from './browser-pool';
import { CHROMIUM_INSTALL_HINT, findChromium } from './chromium';
import { PdfBusyError, PdfUnavailableError } from './errors';
import { eventually, heavyHtml, pdfText, processGroupAlive, statementHtml } from './testing/pdf-fixtures';

describe('PdfBrowserPool limits (real Chromium)', () => {
  let pool: PdfBrowserPool;

  beforeAll(async () => {
    const found = findChromium();
    if ('error' in found) throw new Error(found.error);
    pool = new PdfBrowserPool({
      executablePath: found.path,
      pages: 1,
      maxQueue: 1,
      queueTimeoutMs: 100,
      recycleAfter: 3,
      browserRecycleAfter: 5,
    });
    await pool.start();
  });

  afterAll(async () => {
    await pool?.stop();
  });

  it('gives up waiting in the queue after queueTimeoutMs (PdfBusyError), and rejects past maxQueue at once', async () => {
    const slow = pool.render(heavyHtml(1500));
    const waiting = pool.render(statementHtml({ rows: 1 }));
    const overflow = pool.render(statementHtml({ rows: 1 }));
    await expect(overflow).rejects.toMatchObject({ code: 'PDF_BUSY', reason: 'queue_full' });
    const t0 = Date.now();
    await expect(waiting).rejects.toBeInstanceOf(PdfBusyError);
    await expect(waiting).rejects.toMatchObject({ reason: 'queue_timeout' });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect((await pdfText(await slow)).text).toContain('END-OF-HEAVY');
  });

  it('recycles pages after recycleAfter renders and the browser after browserRecycleAfter', async () => {
    const before = pool.stats();
    const firstPid = before.browserPid!;
    for (let i = 0; i < 6; i++) {
      const { text } = await pdfText(await pool.render(statementHtml({ org: `Recycle ${i}`, rows: 1 })));
      expect(text).toContain(`Recycle ${i}`);
    }
    const after = pool.stats();
    expect(after.pagesReplaced).toBeGreaterThan(before.pagesReplaced);
    expect(after.browserRecycles).toBeGreaterThanOrEqual(1);
    expect(after.browserPid).not.toBe(firstPid);
    expect(await eventually(() => !processGroupAlive(firstPid), 5000)).toBe(true); // the old browser was closed
  });

  it('stop() rejects later renders with PdfUnavailableError and removes the browser and its profile', async () => {
    const pid = pool.stats().browserPid!;
    const dirs = (): string[] => {
      try {
        return (
          execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' })
            .match(/--user-data-dir=(\S+)/)
            ?.slice(1) ?? []
        );
      } catch {
        return [];
      }
    };
    const profile = dirs()[0];
    expect(profile).toBeTruthy();
    expect(existsSync(profile)).toBe(true);
    await pool.stop();
    await expect(pool.render('<p>x</p>')).rejects.toBeInstanceOf(PdfUnavailableError);
    expect(processGroupAlive(pid)).toBe(false);
    expect(existsSync(profile)).toBe(false);
    expect(pool.stats().stopped).toBe(true);
  });

  it('answers PdfUnavailableError with install instructions when the browser cannot start', async () => {
    const broken = new PdfBrowserPool({ executablePath: '/nonexistent/chromium' });
    try {
      const err = await broken.render('<p>x</p>').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PdfUnavailableError);
      expect((err as PdfUnavailableError).code).toBe('PDF_UNAVAILABLE');
      expect((err as Error).message).toContain(CHROMIUM_INSTALL_HINT);
    } finally {
      await broken.stop();
    }
  });
});
