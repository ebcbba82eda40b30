/**
 * Finds a Chromium/Chrome executable at run time. Nothing is downloaded at install time
 * (`.puppeteerrc.cjs` has skipDownload), so the order is:
 *   1. PUPPETEER_EXECUTABLE_PATH (if set it must work: a wrong explicit setting is an error, not
 *      silently replaced by another browser);
 *   2. the system's browser: /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome;
 *   3. puppeteer's own cache (`npx puppeteer browsers install chrome-headless-shell`).
 */
import { accessSync, constants, statSync } from 'node:fs';
import puppeteer from 'puppeteer';

export const SYSTEM_CHROMIUM_PATHS: readonly string[] = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** How to get a browser; part of every "no browser" message (shown by the 503 of the PDF routes). */
export const CHROMIUM_INSTALL_HINT =
  'Install Chromium: `apt-get install chromium` (Debian/Ubuntu), ' +
  'or set PUPPETEER_EXECUTABLE_PATH to an installed Chrome/Chromium executable, ' +
  'or, where browser downloads are allowed, run `npx puppeteer browsers install chrome-headless-shell`.';

export type ChromiumLookup = { path: string } | { error: string };

export interface FindChromiumOptions {
  /** System locations to try (tests override this). */
  systemPaths?: readonly string[];
  /** Candidates from puppeteer's cache; by default `puppeteer.executablePath()` for both channels. */
  puppeteerPaths?: () => string[];
}

function isExecutableFile(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function puppeteerCachePaths(): string[] {
  const out: string[] = [];
  for (const get of [() => puppeteer.executablePath({ headless: 'shell' }), () => puppeteer.executablePath()]) {
    try {
      const p = get();
      if (p) out.push(p);
    } catch {
      // puppeteer could not compute a path (no cache configured): nothing to try
    }
  }
  return out;
}

export function findChromium(env: NodeJS.ProcessEnv = process.env, options: FindChromiumOptions = {}): ChromiumLookup {
  const explicit = env.PUPPETEER_EXECUTABLE_PATH?.trim();
  if (explicit) {
    if (isExecutableFile(explicit)) return { path: explicit };
    return {
      error: `No browser for PDF rendering: PUPPETEER_EXECUTABLE_PATH is set to "${explicit}", ` + `which is not an executable file. Fix or unset it. ${CHROMIUM_INSTALL_HINT}`,
    };
  }
  const tried: string[] = [];
  for (const p of options.systemPaths ?? SYSTEM_CHROMIUM_PATHS) {
    tried.push(p);
    if (isExecutableFile(p)) return { path: p };
  }
  for (const p of (options.puppeteerPaths ?? puppeteerCachePaths)()) {
    tried.push(p);
    if (isExecutableFile(p)) return { path: p };
  }
  return {
    error: `No browser for PDF rendering: Chromium was not found (tried ${tried.join(', ') || 'nothing'}). ${CHROMIUM_INSTALL_HINT}`,
  };
}
