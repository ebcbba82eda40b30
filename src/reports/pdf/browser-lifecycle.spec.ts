/**
 * The browser's life against a real Chromium (no mocks): one launch for all callers, relaunch
 * after a kill, recycling, and closing that leaves no process and no profile behind.
 */
import { existsSync } from 'node:fs';
import { BrowserLifecycle, POOL_CHROMIUM_ARGS } from './browser-lifecycle';
import { findChromium } from './chromium';
import { PdfUnavailableError } from './errors';
import type { PdfPoolEvent } from './options';
import { eventually, processGroupAlive } from './testing/pdf-fixtures';

describe('BrowserLifecycle (real Chromium)', () => {
  let executablePath: string;
  beforeAll(() => {
    const found = findChromium();
    if ('error' in found) throw new Error(found.error);
    executablePath = found.path;
  });

  function lifecycle(overrides: { browserRecycleAfter?: number; onBrowserLost?: () => void } = {}) {
    const events: PdfPoolEvent[] = [];
    const browsers = new BrowserLifecycle({
      executablePath,
      launchArgs: [],
      sandbox: false,
      launchTimeoutMs: 30_000,
      renderTimeoutMs: 15_000,
      browserRecycleAfter: overrides.browserRecycleAfter ?? 1000,
      emit: (e) => events.push(e),
      onBrowserLost: overrides.onBrowserLost ?? (() => undefined),
    });
    return { browsers, events };
  }

  it('keeps the browser off the network by its flags', () => {
    expect(POOL_CHROMIUM_ARGS).toEqual(expect.arrayContaining(['--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=<-loopback>', '--host-resolver-rules=MAP * ~NOTFOUND']));
  });

  it('launches once for concurrent callers, relaunches after a kill, and closes without leftovers', async () => {
    let lost = 0;
    const { browsers, events } = lifecycle({ onBrowserLost: () => lost++ });
    try {
      const [a, b] = await Promise.all([browsers.get(), browsers.get()]);
      expect(a).toBe(b);
      expect(browsers.generation).toBe(1);
      expect(browsers.isCurrent(a)).toBe(true);
      expect(a.pid).toBeGreaterThan(0);
      expect(existsSync(a.userDataDir)).toBe(true);
      expect(events).toEqual([expect.objectContaining({ type: 'browser-launched', pid: a.pid, generation: 1 })]);

      process.kill(a.pid!, 'SIGKILL');
      expect(await eventually(() => a.dead, 5000)).toBe(true);
      expect(lost).toBe(1);
      expect(browsers.counters.browserDisconnects).toBe(1);
      expect(await eventually(() => !processGroupAlive(a.pid!) && !existsSync(a.userDataDir), 5000)).toBe(true);

      const c = await browsers.get();
      expect(c).not.toBe(a);
      expect(c.generation).toBe(2);

      browsers.beginStop();
      await expect(browsers.get()).rejects.toBeInstanceOf(PdfUnavailableError);
      await browsers.closeAll();
      expect(processGroupAlive(c.pid!)).toBe(false);
      expect(existsSync(c.userDataDir)).toBe(false);
      expect(browsers.currentHandle).toBeNull();
      expect(lost).toBe(1); // closing it ourselves is not a loss
    } finally {
      browsers.beginStop();
      await browsers.closeAll();
    }
  });

  it('retires a browser after browserRecycleAfter renders, closes it after its last user, and launches the successor', async () => {
    const { browsers, events } = lifecycle({ browserRecycleAfter: 2 });
    try {
      const first = await browsers.get();
      let release!: () => void;
      const using = browsers.use(first, () => new Promise<void>((r) => (release = r)));
      browsers.countRender(first);
      expect(first.retired).toBe(false);
      browsers.countRender(first);
      expect(first.retired).toBe(true);
      expect(browsers.counters.browserRecycles).toBe(1);
      expect(events).toContainEqual({ type: 'browser-recycled', generation: 1, renders: 2 });
      expect(first.closing).toBeNull(); // still in use
      release();
      await using;
      expect(first.closing).not.toBeNull();
      await first.closing;
      expect(processGroupAlive(first.pid!)).toBe(false);
      const next = await browsers.get();
      expect(next.generation).toBe(2);
    } finally {
      browsers.beginStop();
      await browsers.closeAll();
    }
  });

  it('fails with PdfUnavailableError and the install hint when the browser cannot start', async () => {
    const broken = new BrowserLifecycle({
      executablePath: '/nonexistent/chromium',
      launchArgs: [],
      sandbox: false,
      launchTimeoutMs: 5000,
      renderTimeoutMs: 1000,
      browserRecycleAfter: 10,
      emit: () => undefined,
      onBrowserLost: () => undefined,
    });
    await expect(broken.get()).rejects.toThrow(/Chromium at \/nonexistent\/chromium could not be started.*apt-get install chromium/);
  });
});
