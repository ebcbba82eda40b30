/**
 * The host's "Webhooks" page (issue 17) in real Chromium, JavaScript off: add an endpoint (its
 * secret shown once, on the answer to the form), the error summary for a refused address and for no
 * events, a real event delivered to a receiver on loopback and shown in the delivery log, disable
 * and enable, a new secret, delete; a member is refused as the API refuses it, and every page passes
 * axe at WCAG 2.2 AA.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { UnitOfWork } from '../../src/database/sql';
import { EventsService } from '../../src/events/events.service';
import { verify } from '../../src/webhooks/core/signature';
import { axeViolations, openPage, signIn, startWebWorld, textOf, USERS, type OpenPage, type WebWorld } from './support/browser';

describe('web: webhooks (browser)', () => {
  let w: WebWorld;
  let receiver: http.Server;
  let target = '';
  const received: { headers: http.IncomingHttpHeaders; raw: Buffer }[] = [];
  const page = () => `/consortium/${w.consortiumId}/webhooks`;

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, raw: Buffer.concat(chunks) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
    w = await startWebWorld({ WEBHOOK_ALLOW_LOOPBACK: 'true', JOB_POLL_SECONDS: '1' });
  }, 180_000);
  afterAll(async () => {
    await w?.close();
    await new Promise((r) => receiver.close(r));
  });

  async function submit(p: OpenPage, selector: string): Promise<void> {
    await Promise.all([p.page.waitForNavigation(), p.page.click(selector)]);
  }

  it('the host adds an endpoint, sees its secret once, and its delivery log; disables, enables, rotates and deletes it', async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.host, page());
    expect(await textOf(p.page, 'h1')).toBe('Webhooks');
    expect(await textOf(p.page, '.app-subnav__link[aria-current="page"]')).toBe('Webhooks');
    expect(await p.page.$('#no-endpoints')).not.toBeNull();
    expect(await axeViolations(p)).toEqual([]);

    // refused: plain http to the internet, and no events chosen → the error summary links to each field
    await p.page.type('#url', 'http://example.com/hook');
    await p.page.click('#events'); // untick "every event"
    await submit(p, '#add-endpoint');
    expect(await p.page.$$eval('.nhsuk-error-summary a', (as) => as.map((a) => [a.getAttribute('href'), (a.textContent ?? '').trim()]))).toEqual([
      ['#events', 'Choose the events to send, or every event'],
    ]);
    await p.page.click('#events-month-closed');
    await p.page.click('#events-board-pack-due');
    await submit(p, '#add-endpoint');
    const summary = await p.page.$$eval('.nhsuk-error-summary a', (as) => as.map((a) => [a.getAttribute('href'), (a.textContent ?? '').trim()]));
    expect(summary).toEqual([['#url', expect.stringMatching(/^The address must be an https:\/\/ URL/)]]);
    expect(await textOf(p.page, '#url-error')).toContain('https://');
    expect(await p.page.$eval('#events-month-closed', (i) => (i as unknown as { checked: boolean }).checked)).toBe(true);
    expect(await axeViolations(p)).toEqual([]);

    // accepted (loopback is allowed in this test)
    await p.page.$eval('#url', (i) => ((i as unknown as { value: string }).value = ''));
    await p.page.type('#url', target);
    await p.page.type('#description', 'Test receiver');
    await submit(p, '#add-endpoint');
    const secret = await textOf(p.page, '#secret-value');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(await textOf(p.page, '#webhook-secret')).toContain('It will not be shown again');
    expect(await axeViolations(p)).toEqual([]);
    const api = await w.api(USERS.host);
    const list = await w.t.http.get(`/api/v1/consortia/${w.consortiumId}/webhooks`).set('Authorization', api).expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ url: target, events: ['month.closed', 'board_pack.due'], description: 'Test receiver', enabled: true })]);
    const id = list.body.items[0].id as string;
    // shown once: the page itself never shows it again
    await p.page.goto(`${w.base}${page()}`);
    expect(await p.page.content()).not.toContain(secret);
    expect(await textOf(p.page, `#endpoint-${id} [data-figure="status"]`)).toBe('Enabled');

    // a real event, through the outbox and the worker, to the receiver; then in the log
    await w.t.app
      .get(UnitOfWork)
      .run((tx) => w.t.app.get(EventsService).publish(tx, w.consortiumId, 'board_pack.due', { from: '2025-04', to: '2025-06', scheduledFor: '2025-07-01' }, null));
    for (let i = 0; received.length === 0; i++) {
      if (i > 240) throw new Error('no delivery reached the receiver');
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(verify(secret, received[0].headers, received[0].raw, new Date())).toEqual({ ok: true });
    for (let i = 0; ; i++) {
      await p.page.goto(`${w.base}${page()}`);
      if ((await p.page.$(`#deliveries-${id} tbody tr`)) && (await textOf(p.page, `#deliveries-${id} tbody [data-figure="status"]`)) === 'Delivered') break;
      if (i > 40) throw new Error('the delivery log never showed the delivery');
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await textOf(p.page, `#deliveries-${id} tbody tr`)).toContain('The monthly board pack is due');
    expect(await textOf(p.page, `#deliveries-${id} tbody [data-figure="answer"]`)).toMatch(/^HTTP 204/);
    expect(await axeViolations(p)).toEqual([]);

    // disable, enable
    await submit(p, `#disable-${id}`);
    expect(await textOf(p.page, '#confirmation')).toContain('The endpoint is disabled');
    expect(await textOf(p.page, `#endpoint-${id} [data-figure="status"]`)).toContain('Disabled Disabled by the host.');
    expect(await axeViolations(p)).toEqual([]);
    await submit(p, `#enable-${id}`);
    expect(await textOf(p.page, `#endpoint-${id} [data-figure="status"]`)).toBe('Enabled');
    expect(await textOf(p.page, `#endpoint-${id} [data-figure="failures"]`)).toBe('0');

    // a new secret, shown once
    await submit(p, `#rotate-${id}`);
    const rotated = await textOf(p.page, '#secret-value');
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);

    // delete
    await submit(p, `#delete-${id}`);
    expect(await textOf(p.page, '#confirmation')).toContain('The endpoint was deleted');
    expect(await p.page.$('#no-endpoints')).not.toBeNull();
    await w.t.http.get(`/api/v1/consortia/${w.consortiumId}/webhooks/${id}`).set('Authorization', api).expect(404);
    expect(p.problems.filter((x) => !x.includes('status of 400'))).toEqual([]);
  });

  it('a form without its CSRF token is refused, and a member may not see the page (403), as the API refuses it', async () => {
    const host = await openPage(w, { js: false });
    await signIn(w, host, USERS.host, page());
    const cookie = (await host.page.browserContext().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const forged = await fetch(`${w.base}${page()}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ url: 'https://hooks.example.com/in', events: '*' }),
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);
    const api = await w.api(USERS.host);
    expect((await w.t.http.get(`/api/v1/consortia/${w.consortiumId}/webhooks`).set('Authorization', api).expect(200)).body.total).toBe(0);

    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.partner, `/consortium/${w.consortiumId}`);
    expect(await p.page.$$eval('.app-subnav__link', (a) => a.map((x) => x.textContent?.trim()))).not.toContain('Webhooks');
    const res = await p.page.goto(`${w.base}${page()}`);
    expect(res?.status()).toBe(403);
    expect(await axeViolations(p)).toEqual([]);
  });
});
