/**
 * The sender against real sockets on loopback: 2xx is success, a redirect is a failure and is not
 * followed, a silent target times out, a long answer is not read to its end, and a host name that
 * resolves to a loopback or private address is refused at connection time (SSRF through DNS).
 */
import * as dns from 'node:dns';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import { classifyAddress } from './core/target';
import { WebhookSender } from './webhook-sender';

describe('WebhookSender (real sockets)', () => {
  const sender = new WebhookSender();
  const hits: string[] = [];
  let server: http.Server;
  let base = '';
  const pending: http.ServerResponse[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      req.resume();
      req.on('end', () => {
        if (req.url === '/ok') res.writeHead(202).end('accepted');
        else if (req.url === '/redirect') res.writeHead(302, { Location: '/landed' }).end();
        else if (req.url === '/landed') res.writeHead(200).end();
        else if (req.url === '/silent') pending.push(res);
        else if (req.url === '/huge') {
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.write('x'.repeat(1024 * 1024)); // and never ends
          pending.push(res);
        } else res.writeHead(503).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const r of pending) r.destroy();
    await new Promise((r) => server.close(r));
  });

  const post = (path: string, o: { timeoutMs?: number; allowLoopback?: boolean } = {}) =>
    sender.post(`${base}${path}`, '{"a":1}', { 'Content-Type': 'application/json' }, { timeoutMs: o.timeoutMs ?? 5000, allowLoopback: o.allowLoopback ?? true });

  it('a 2xx is success, with its status', async () => {
    expect(await post('/ok')).toEqual(expect.objectContaining({ ok: true, statusCode: 202, error: null }));
  });

  it('any other status is a failure', async () => {
    expect(await post('/down')).toEqual(expect.objectContaining({ ok: false, statusCode: 503, error: 'HTTP 503' }));
  });

  it('never follows a redirect', async () => {
    const r = await post('/redirect');
    expect(r).toEqual(expect.objectContaining({ ok: false, statusCode: 302 }));
    expect(r.error).toContain('redirects are not followed');
    expect(hits).not.toContain('/landed');
  });

  it('gives up on a target that does not answer in time', async () => {
    const r = await post('/silent', { timeoutMs: 300 });
    expect(r).toEqual(expect.objectContaining({ ok: false, statusCode: null }));
    expect(r.error).toContain('no answer within 300 ms');
  });

  it('reads only the start of a long answer', async () => {
    // the answer never ends: success comes from its status and first bytes, not from reading it all
    expect(await post('/huge', { timeoutMs: 3000 })).toEqual(expect.objectContaining({ ok: true, statusCode: 200 }));
  });

  it('refuses loopback without the flag, before connecting', async () => {
    const before = hits.length;
    const r = await post('/ok', { allowLoopback: false });
    expect(r).toEqual(expect.objectContaining({ ok: false, statusCode: null }));
    expect(r.error).toContain('loopback');
    expect(hits.length).toBe(before);
  });

  it("refuses a host name that resolves to a loopback or private address (this machine's own name)", async () => {
    const name = os.hostname();
    const addresses = await dns.promises.lookup(name, { all: true });
    const inside = addresses.some((a) => classifyAddress(a.address) !== 'public');
    const port = (server.address() as AddressInfo).port;
    const r = await sender.post(`https://${name}:${port}/ok`, '{}', {}, { timeoutMs: 2000, allowLoopback: false });
    expect(r.ok).toBe(false);
    // the name itself looks public; only its resolution says where it points
    if (inside) expect(r.error).toMatch(/resolves to .*(loopback|private)/);
    else expect(r.error).not.toMatch(/resolves to/);
  });
});
