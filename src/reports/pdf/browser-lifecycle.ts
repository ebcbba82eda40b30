/**
 * The browser's life: one long-lived headless Chromium at a time, launched on demand (one launch
 * for all callers), relaunched after a crash or kill, retired after `browserRecycleAfter` renders
 * (its last user closes it), and closed by a graceful close then a SIGKILL of its whole process
 * group, its temporary profile removed. Ideas for crash handling and process-group killing follow
 * jsreport's chrome-pdf.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { CHROMIUM_INSTALL_HINT } from './chromium';
import { PdfUnavailableError } from './errors';
import type { PdfPoolEvent } from './options';
import { killProcessGroup, processGroupAlive } from './process-group';
import { delay, errorMessage, noop, within } from './util';

/** Flags for a headless browser that must not talk to the network on its own (`--no-sandbox` is added only when the sandbox is off). */
export const POOL_CHROMIUM_ARGS: readonly string[] = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-extensions',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--no-pings',
  '--mute-audio',
  // Defence in depth behind request interception, which does not see everything: <link
  // rel=prefetch> is fetched by the browser process and <link rel=preconnect> opens sockets.
  // All traffic goes to a dead proxy (loopback included) and no host name resolves.
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

export interface BrowserHandle {
  browser: Browser;
  generation: number;
  pid: number | null;
  userDataDir: string;
  renders: number;
  /** Renders and page preparations currently using this browser. */
  users: number;
  /** Replaced by a newer browser; closed when `users` reaches 0. */
  retired: boolean;
  /** Disconnected without us closing it (crash or kill). */
  dead: boolean;
  closing: Promise<void> | null;
}

export interface BrowserLifecycleOptions {
  executablePath: string;
  launchArgs: readonly string[];
  /** Chromium's own sandbox; off only where it cannot work (as root). */
  sandbox: boolean;
  launchTimeoutMs: number;
  /** The render limit; the protocol timeout is at least twice it. */
  renderTimeoutMs: number;
  browserRecycleAfter: number;
  emit: (event: PdfPoolEvent) => void;
  /** A browser died on its own (not stopping): warm pages on its successor now. */
  onBrowserLost: () => void;
}

export interface BrowserCounters {
  browserLaunches: number;
  browserDisconnects: number;
  browserRecycles: number;
}

function processAlive(h: BrowserHandle): boolean {
  const proc = h.browser.process();
  return proc != null && proc.exitCode == null && proc.signalCode == null;
}

export class BrowserLifecycle {
  private current: BrowserHandle | null = null;
  private readonly handles = new Set<BrowserHandle>();
  private launching: Promise<BrowserHandle> | null = null;
  private generationCount = 0;
  private stopping = false;
  readonly counters: BrowserCounters = { browserLaunches: 0, browserDisconnects: 0, browserRecycles: 0 };

  constructor(private readonly opts: BrowserLifecycleOptions) {}

  /** Generations launched so far. */
  get generation(): number {
    return this.generationCount;
  }

  /** The browser new pages are opened on (null before the first launch, after a crash, when stopped). */
  get currentHandle(): BrowserHandle | null {
    return this.current;
  }

  isCurrent(h: BrowserHandle | null): boolean {
    return h != null && h === this.current;
  }

  /** The current browser, launching one if there is none usable (one launch for all callers). */
  get(): Promise<BrowserHandle> {
    if (this.stopping) return Promise.reject(new PdfUnavailableError('PDF renderer is shutting down'));
    const cur = this.current;
    if (cur && !cur.dead && !cur.retired && cur.browser.connected) return Promise.resolve(cur);
    if (!this.launching) {
      const p = this.launch();
      this.launching = p;
      p.catch(noop).finally(() => {
        if (this.launching === p) this.launching = null;
      });
    }
    return this.launching;
  }

  /** Runs fn while counting a user of `h`; closes a retired browser after its last user. */
  async use<T>(h: BrowserHandle, fn: () => Promise<T>): Promise<T> {
    h.users++;
    try {
      return await fn();
    } finally {
      h.users--;
      if (h.retired && h.users === 0) void this.close(h);
    }
  }

  /** Called after each successful render on `h`: retires the browser after browserRecycleAfter renders. */
  countRender(h: BrowserHandle): void {
    h.renders++;
    if (h.renders >= this.opts.browserRecycleAfter && !h.retired && !h.dead && this.current === h) {
      h.retired = true;
      this.current = null;
      this.counters.browserRecycles++;
      this.opts.emit({ type: 'browser-recycled', generation: h.generation, renders: h.renders });
      if (h.users === 0) void this.close(h); // else the last user closes it (use)
      if (!this.stopping) this.get().catch(noop); // launch the successor now
    }
  }

  /** A browser that cannot even close a page is wedged: kill it; the next render relaunches. */
  killWedged(h: BrowserHandle): void {
    if (!h.dead && h.browser.connected && !h.closing) {
      h.dead = true;
      if (this.current === h) this.current = null;
      void this.close(h);
    }
  }

  /** No more launches; a launch under way is closed as soon as it is done. */
  beginStop(): void {
    this.stopping = true;
  }

  /** Waits for a launch under way to end (either way). */
  async launchSettled(): Promise<void> {
    if (this.launching) await this.launching.catch(noop);
  }

  /** Closes every browser (after beginStop). */
  async closeAll(): Promise<void> {
    this.current = null;
    await Promise.all([...this.handles].map((h) => this.close(h)));
  }

  private async launch(): Promise<BrowserHandle> {
    const t0 = Date.now();
    const userDataDir = await mkdtemp(join(tmpdir(), 'pdf-pool-chromium-'));
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath: this.opts.executablePath,
        headless: 'shell', // plain --headless
        pipe: true, // no remote-debugging TCP port
        userDataDir,
        args: [...(this.opts.sandbox ? [] : ['--no-sandbox']), ...POOL_CHROMIUM_ARGS, ...this.opts.launchArgs],
        timeout: this.opts.launchTimeoutMs,
        protocolTimeout: Math.max(30_000, this.opts.renderTimeoutMs * 2),
        handleSIGINT: false, // the application owns its signals; puppeteer still kills on exit
        handleSIGTERM: false,
        handleSIGHUP: false,
        dumpio: false,
      });
    } catch (err) {
      await rm(userDataDir, { recursive: true, force: true }).catch(noop);
      throw new PdfUnavailableError(`Chromium at ${this.opts.executablePath} could not be started: ${errorMessage(err)}. ${CHROMIUM_INSTALL_HINT}`, { cause: err });
    }
    const handle: BrowserHandle = {
      browser,
      generation: ++this.generationCount,
      pid: browser.process()?.pid ?? null,
      userDataDir,
      renders: 0,
      users: 0,
      retired: false,
      dead: false,
      closing: null,
    };
    this.handles.add(handle);
    this.counters.browserLaunches++;
    browser.on('disconnected', () => this.onDisconnected(handle));
    if (this.stopping) {
      await this.close(handle);
      throw new PdfUnavailableError('PDF renderer is shutting down');
    }
    this.current = handle;
    this.opts.emit({ type: 'browser-launched', pid: handle.pid, generation: handle.generation, ms: Date.now() - t0 });
    return handle;
  }

  private onDisconnected(h: BrowserHandle): void {
    if (h.closing) return; // we closed it
    h.dead = true;
    this.counters.browserDisconnects++;
    this.opts.emit({ type: 'browser-disconnected', pid: h.pid, generation: h.generation });
    if (this.current === h) this.current = null;
    void this.close(h); // reap leftover children, remove the profile
    if (!this.stopping) this.opts.onBrowserLost(); // relaunch and rewarm now rather than on the next request
  }

  /** Graceful close, then SIGKILL of the browser's process group; removes the temp profile. */
  private close(h: BrowserHandle): Promise<void> {
    if (!h.closing) {
      h.closing = (async () => {
        if (h.browser.connected) {
          await within(h.browser.close().catch(noop), 5000);
        }
        const proc = h.browser.process();
        if (proc && processAlive(h)) {
          const exited = new Promise<void>((r) => proc.once('exit', () => r()));
          if (proc.pid === undefined || !killProcessGroup(proc.pid)) proc.kill('SIGKILL');
          await within(exited, 4000);
        }
        // Renderer/zygote children left behind (always the case after a crash or kill).
        if (h.pid != null && killProcessGroup(h.pid)) {
          for (let i = 0; i < 40 && processGroupAlive(h.pid); i++) await delay(25);
        }
        await Promise.resolve()
          .then(() => h.browser.disconnect())
          .catch(noop);
        await rm(h.userDataDir, { recursive: true, force: true, maxRetries: 3 }).catch(noop);
        this.handles.delete(h);
      })();
    }
    return h.closing;
  }
}
