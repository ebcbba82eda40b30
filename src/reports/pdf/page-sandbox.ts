/**
 * The page sandbox: a report page runs no script and nothing leaves it. JavaScript is off, and
 * request interception lets only `data:` (and `about:blank`) through: network, loopback and
 * `file://` requests are aborted, navigations are answered 204 (so the page stays on the report),
 * and every refusal is reported. Behind it, the browser's own flags (POOL_CHROMIUM_ARGS) send any
 * traffic interception cannot see to a dead proxy.
 */
import type { HTTPRequest, Page } from 'puppeteer';
import { noop } from './util';

export type BlockReason = 'intercepted' | 'navigation' | 'local-file';

/** What happens to one request of a report page. */
export type RequestVerdict = 'continue' | 'navigation' | 'intercepted';

const LOCAL_RESOURCE_MSG = 'Not allowed to load local resource:';
const MAX_URL_IN_EVENT = 200;

/** Only the blank page and inline `data:` assets load; a navigation anywhere else is cancelled. */
export function requestVerdict(url: string, isNavigation: boolean): RequestVerdict {
  if (url === 'about:blank' || (!isNavigation && url.startsWith('data:'))) return 'continue';
  return isNavigation ? 'navigation' : 'intercepted';
}

/** Long (data-like) URLs are cut for logs. */
export function shortUrl(url: string): string {
  return url.length > MAX_URL_IN_EVENT ? `${url.slice(0, MAX_URL_IN_EVENT)}…` : url;
}

/** The calls of a puppeteer request the sandbox needs. */
export type SandboxRequest = Pick<HTTPRequest, 'isInterceptResolutionHandled' | 'url' | 'isNavigationRequest' | 'continue' | 'respond' | 'abort'>;

/** Answers one intercepted request; `onBlocked` hears of every refusal. */
export function handleRequest(req: SandboxRequest, onBlocked: (url: string, reason: BlockReason) => void): void {
  if (req.isInterceptResolutionHandled()) return;
  const url = req.url();
  const verdict = requestVerdict(url, req.isNavigationRequest());
  switch (verdict) {
    case 'continue':
      req.continue().catch(noop);
      return;
    case 'navigation':
      // Aborting a navigation would show Chromium's error page instead of the report; a 204
      // answer cancels the navigation (meta refresh, iframes, links) and the report stays.
      onBlocked(shortUrl(url), 'navigation');
      req.respond({ status: 204, contentType: 'text/plain', body: '' }).catch(noop);
      return;
    case 'intercepted':
      onBlocked(shortUrl(url), 'intercepted');
      req.abort('blockedbyclient').catch(noop);
      return;
  }
}

/** Chromium's console line for a refused file:// load (seen even with JS off); the URL, or null. */
export function refusedLocalResource(consoleText: string): string | null {
  return consoleText.startsWith(LOCAL_RESOURCE_MSG) ? consoleText.slice(LOCAL_RESOURCE_MSG.length).trim() : null;
}

/** Makes a fresh page a sandboxed report page. */
export async function sandboxPage(page: Page, opts: { defaultTimeoutMs: number; onBlocked: (url: string, reason: BlockReason) => void }): Promise<void> {
  await page.setJavaScriptEnabled(false);
  page.setDefaultTimeout(opts.defaultTimeoutMs);
  await page.setRequestInterception(true);
  page.on('request', (req: HTTPRequest) => handleRequest(req, opts.onBlocked));
  // Chromium itself refuses file:// from the report's about:blank origin before interception
  // sees it; it says so on the console (even with JS off): count those as blocked too.
  page.on('console', (msg) => {
    const url = refusedLocalResource(msg.text());
    if (url !== null) opts.onBlocked(shortUrl(url), 'local-file');
  });
  page.on('pageerror', noop);
}
