import { EventEmitter } from 'node:events';
import { type BlockReason, handleRequest, refusedLocalResource, requestVerdict, sandboxPage, type SandboxRequest, shortUrl } from './page-sandbox';

function fakeRequest(url: string, nav = false, handled = false) {
  const did: string[] = [];
  const req = {
    isInterceptResolutionHandled: () => handled,
    url: () => url,
    isNavigationRequest: () => nav,
    continue: () => (did.push('continue'), Promise.resolve()),
    respond: (r: { status: number }) => (did.push(`respond ${r.status}`), Promise.resolve()),
    abort: (why: string) => (did.push(`abort ${why}`), Promise.reject(new Error('already handled'))), // a failure is swallowed
  } as unknown as SandboxRequest;
  return { req, did };
}

describe('requestVerdict', () => {
  it('lets only the blank page and inline data: assets load', () => {
    expect(requestVerdict('about:blank', true)).toBe('continue');
    expect(requestVerdict('about:blank', false)).toBe('continue');
    expect(requestVerdict('data:image/png;base64,AAAA', false)).toBe('continue');
  });

  it('cancels every navigation (a data: one too) and intercepts every other request', () => {
    expect(requestVerdict('data:text/html,<p>x</p>', true)).toBe('navigation');
    expect(requestVerdict('http://localhost:1/', true)).toBe('navigation');
    for (const url of ['file:///etc/passwd', 'http://127.0.0.1:9/pixel.png', 'https://example.com/evil.css', 'http://169.254.169.254/latest/meta-data/']) {
      expect(requestVerdict(url, false)).toBe('intercepted');
    }
  });
});

describe('handleRequest', () => {
  it('continues allowed requests without reporting them', () => {
    const blocked: string[] = [];
    const { req, did } = fakeRequest('data:image/png;base64,AAAA');
    handleRequest(req, (u) => blocked.push(u));
    expect(did).toEqual(['continue']);
    expect(blocked).toEqual([]);
  });

  it('answers a navigation 204 and aborts anything else, reporting both', () => {
    const blocked: Array<[string, BlockReason]> = [];
    const nav = fakeRequest('http://localhost:1/', true);
    handleRequest(nav.req, (u, r) => blocked.push([u, r]));
    const img = fakeRequest('http://127.0.0.1:9/pixel.png');
    handleRequest(img.req, (u, r) => blocked.push([u, r]));
    expect(nav.did).toEqual(['respond 204']);
    expect(img.did).toEqual(['abort blockedbyclient']);
    expect(blocked).toEqual([
      ['http://localhost:1/', 'navigation'],
      ['http://127.0.0.1:9/pixel.png', 'intercepted'],
    ]);
  });

  it('leaves a request another handler already answered', () => {
    const { req, did } = fakeRequest('http://example.com/', false, true);
    handleRequest(req, () => undefined);
    expect(did).toEqual([]);
  });

  it('reports long URLs cut to 200 characters', () => {
    const long = `http://example.com/${'a'.repeat(300)}`;
    const blocked: string[] = [];
    handleRequest(fakeRequest(long).req, (u) => blocked.push(u));
    expect(blocked[0]).toBe(`${long.slice(0, 200)}…`);
    expect(shortUrl('http://x/')).toBe('http://x/');
  });
});

describe('refusedLocalResource', () => {
  it('reads the URL of a file:// load Chromium refused, and nothing else', () => {
    expect(refusedLocalResource('Not allowed to load local resource: file:///etc/passwd')).toBe('file:///etc/passwd');
    expect(refusedLocalResource('Some other console line')).toBeNull();
  });
});

describe('sandboxPage', () => {
  it('turns JavaScript off, sets the default timeout, intercepts requests and reports refused local files', async () => {
    const calls: string[] = [];
    const page = Object.assign(new EventEmitter(), {
      setJavaScriptEnabled: (on: boolean) => Promise.resolve(void calls.push(`js ${on}`)),
      setDefaultTimeout: (ms: number) => void calls.push(`timeout ${ms}`),
      setRequestInterception: (on: boolean) => Promise.resolve(void calls.push(`intercept ${on}`)),
    });
    const blocked: Array<[string, BlockReason]> = [];
    await sandboxPage(page as never, { defaultTimeoutMs: 15_000, onBlocked: (u, r) => blocked.push([u, r]) });
    expect(calls).toEqual(['js false', 'timeout 15000', 'intercept true']);
    expect(page.listenerCount('request')).toBe(1);
    expect(page.listenerCount('pageerror')).toBe(1);
    page.emit('console', { text: () => 'Not allowed to load local resource: file:///etc/passwd' });
    page.emit('console', { text: () => 'hello' });
    const img = fakeRequest('https://example.com/evil.css');
    page.emit('request', img.req);
    expect(blocked).toEqual([
      ['file:///etc/passwd', 'local-file'],
      ['https://example.com/evil.css', 'intercepted'],
    ]);
    expect(img.did).toEqual(['abort blockedbyclient']);
  });
});
