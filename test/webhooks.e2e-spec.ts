/**
 * Webhooks end to end: a real receiver on loopback (node:http), real events from the API (agreement
 * proposals and decisions, a month close), the real pg-boss worker in the app. The receiver checks
 * every request with the documented recipe (the core `verify`, as docs/webhooks.md shows it).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { createTestApp, ADMIN, type TestApp } from './support/app';
import { approvedAgreement, freshProposal } from './support/agreement';
import { buildWorld, org, unique, type World } from './support/world';
import { UnitOfWork } from '../src/database/sql';
import { EventsService } from '../src/events/events.service';
import { verify, type VerifyResult } from '../src/webhooks/core/signature';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  body: { id: string; type: string; createdAt: string; consortiumId: string; data: unknown };
  verified: VerifyResult;
  answered: number;
}

/** A webhook receiver: one secret per path; answers each path with the status it is told (200 by default). */
class Receiver {
  readonly received: Received[] = [];
  readonly secrets = new Map<string, string>();
  readonly answers = new Map<string, number>();
  private server!: http.Server;
  base = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const path = req.url ?? '';
        const secret = this.secrets.get(path) ?? '';
        const answered = this.answers.get(path) ?? 200;
        this.received.push({ path, headers: req.headers, raw, body: JSON.parse(raw.toString('utf8')), verified: verify(secret, req.headers, raw, new Date()), answered });
        res.writeHead(answered, { 'Content-Type': 'text/plain' }).end(answered < 300 ? 'ok' : 'unavailable');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, deadlineMs = 60_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const DISABLE_AFTER = 10;

// Retries back off exponentially and each waits for a job poll: on a busy machine a receiver that
// was down takes more than jest's default minute to be caught up (each wait below has its own deadline).
jest.setTimeout(240_000);

describe('webhooks (e2e)', () => {
  let t: TestApp;
  let w: World;
  let db: Client;
  const rx = new Receiver();
  const hooks = (id: string) => `/api/v1/consortia/${id}/webhooks`;

  beforeAll(async () => {
    await rx.start();
    t = await createTestApp({
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      WEBHOOK_RETRY_DELAY_SECONDS: '1',
      WEBHOOK_RETRY_LIMIT: '12',
      WEBHOOK_DISABLE_AFTER: String(DISABLE_AFTER),
      WEBHOOK_TIMEOUT_MS: '3000',
      JOB_POLL_SECONDS: '1',
    });
    w = await buildWorld(t);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
    await rx.close();
  });

  /** A new endpoint of C1 made by its host, on receiver path `path`; the receiver learns its secret. */
  async function endpoint(path: string, events?: string[]): Promise<string> {
    const res = await t.http
      .post(hooks(w.c1.consortiumId))
      .set('Authorization', w.tokens.host!)
      .send({ url: `${rx.base}${path}`, ...(events ? { events } : {}), description: `receiver ${path}` })
      .expect(201);
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    rx.secrets.set(path, res.body.secret as string);
    return res.body.id as string;
  }

  async function deliveries(id: string): Promise<{ id: string; status: string; attempts: number; eventId: string; eventKind: string }[]> {
    const res = await t.http
      .get(`${hooks(w.c1.consortiumId)}/${id}/deliveries?limit=500`)
      .set('Authorization', w.tokens.host!)
      .expect(200);
    return res.body.items;
  }

  async function eventsSince(since: Date): Promise<{ id: string; kind: string }[]> {
    const r = await db.query<{ id: string; kind: string }>(`SELECT id, kind FROM domain_events WHERE consortium_id = $1 AND occurred_at > $2 ORDER BY occurred_at`, [
      w.c1.consortiumId,
      since,
    ]);
    return r.rows;
  }

  describe('who may and what', () => {
    it('refuses plain http, private addresses and credentials (400 naming url)', async () => {
      for (const url of ['http://example.com/hook', 'https://10.0.0.7/hook', 'https://169.254.169.254/latest', 'https://[fd00::1]/x', 'https://u:p@example.com/x', 'not a url']) {
        const res = await t.http.post(hooks(w.c1.consortiumId)).set('Authorization', w.tokens.host!).send({ url }).expect(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'url' })]);
      }
      const bad = await t.http
        .post(hooks(w.c1.consortiumId))
        .set('Authorization', w.tokens.host!)
        .send({ url: 'https://example.com/x', events: ['month.opened'] })
        .expect(400);
      expect(JSON.stringify(bad.body.errors)).toContain('events');
    });

    it("members' users and board viewers may not list or add webhooks (403); another consortium's host gets 404", async () => {
      for (const who of ['partner', 'board', 'orgAdmin'] as const) {
        await t.http.get(hooks(w.c1.consortiumId)).set('Authorization', w.tokens[who]!).expect(403);
        await t.http.post(hooks(w.c1.consortiumId)).set('Authorization', w.tokens[who]!).send({ url: 'https://example.com/hook' }).expect(403);
      }
      await t.http.get(hooks(w.c1.consortiumId)).set('Authorization', w.tokens.otherHost!).expect(404);
      await t.http.post(hooks(w.c1.consortiumId)).set('Authorization', w.tokens.otherHost!).send({ url: 'https://example.com/hook' }).expect(404);
      const mine = await t.http.post(hooks(w.c1.consortiumId)).set('Authorization', w.tokens.host!).send({ url: 'https://example.com/hook' }).expect(201);
      await t.http
        .get(`${hooks(w.c2.consortiumId)}/${mine.body.id}`)
        .set('Authorization', w.tokens.otherHost!)
        .expect(404);
      await t.http
        .get(`${hooks(w.c1.consortiumId)}/${mine.body.id}`)
        .set('Authorization', w.tokens.otherHost!)
        .expect(404);
      const list = await t.http.get(hooks(w.c1.consortiumId)).set('Authorization', w.tokens.host!).expect(200);
      expect(list.body.items.map((e: { id: string }) => e.id)).toContain(mine.body.id);
      expect(JSON.stringify(list.body)).not.toContain('whsec_');
      await t.http
        .delete(`${hooks(w.c1.consortiumId)}/${mine.body.id}`)
        .set('Authorization', w.tokens.host!)
        .expect(204);
      await t.http
        .get(`${hooks(w.c1.consortiumId)}/${mine.body.id}`)
        .set('Authorization', w.tokens.host!)
        .expect(404);
    });
  });

  describe('deliveries', () => {
    let all: string;
    let closesOnly: string;
    let since: Date;

    it('every event reaches the endpoints subscribed to it, once each, every signature valid', async () => {
      since = new Date();
      all = await endpoint('/all');
      closesOnly = await endpoint('/closes', ['month.closed']);
      await approvedAgreement(t, w, w.c1.consortiumId); // agreement.decided (approved)
      await freshProposal(t, w, w.c1.consortiumId); // agreement.proposed
      await t.http.post(`/api/v1/consortia/${w.c1.consortiumId}/months/2025-04/close`).set('Authorization', w.tokens.host!).expect(201); // month.closed
      await freshProposal(t, w, w.c1.consortiumId); // agreement.decided (withdrawn), agreement.proposed
      const events = await eventsSince(since);
      expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['agreement.decided', 'agreement.proposed', 'month.closed']));

      const delivered = await until('every delivery of /all', async () => {
        const d = await deliveries(all);
        return d.length === events.length && d.every((x) => x.status === 'delivered') && d;
      });
      expect(new Set(delivered.map((d) => d.eventId))).toEqual(new Set(events.map((e) => e.id)));
      await until('the month.closed delivery of /closes', async () => (await deliveries(closesOnly)).some((d) => d.status === 'delivered'));
      const closes = await deliveries(closesOnly);
      expect(closes.map((d) => d.eventKind)).toEqual(['month.closed']);

      const got = rx.at('/all');
      expect(got.map((r) => r.verified)).toEqual(got.map(() => ({ ok: true })));
      expect(got.map((r) => r.headers['webhook-id']).sort()).toEqual(delivered.map((d) => d.id).sort()); // each once
      for (const r of got) {
        expect(r.body.id).toBe(r.headers['webhook-id']);
        expect(r.body.consortiumId).toBe(w.c1.consortiumId);
        expect(r.headers['content-type']).toBe('application/json');
        expect(r.headers['user-agent']).toMatch(/Webhooks/);
        expect(r.headers['webhook-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
      }
      const close = got.find((r) => r.body.type === 'month.closed')!;
      expect(close.body.data).toEqual(expect.objectContaining({ month: '2025-04', statements: expect.any(Array) }));
      expect(rx.at('/closes')).toHaveLength(1);
      expect(rx.at('/closes')[0].verified).toEqual({ ok: true });
      // C2's host saw nothing of this: no endpoint of C2 got a delivery, and C1's log is not C2's
      await t.http
        .get(`${hooks(w.c1.consortiumId)}/${all}/deliveries`)
        .set('Authorization', w.tokens.otherHost!)
        .expect(404);
    });

    it('a tampered body and a replayed request fail verification', () => {
      const r = rx.at('/all')[0];
      const secret = rx.secrets.get('/all')!;
      expect(verify(secret, r.headers, r.raw, new Date(Number(r.headers['webhook-timestamp']) * 1000))).toEqual({ ok: true });
      const tampered = Buffer.from(r.raw.toString('utf8').replace('"consortiumId":"', '"consortiumId":"x'));
      expect(verify(secret, r.headers, tampered, new Date())).toEqual({ ok: false, reason: 'bad_signature' });
      const oneByte = Buffer.from(r.raw);
      oneByte[oneByte.length - 2] ^= 1;
      expect(verify(secret, r.headers, oneByte, new Date())).toEqual({ ok: false, reason: 'bad_signature' });
      // the same request, replayed ten minutes later
      const later = new Date((Number(r.headers['webhook-timestamp']) + 600) * 1000);
      expect(verify(secret, r.headers, r.raw, later)).toEqual({ ok: false, reason: 'timestamp_too_old' });
      // another endpoint's secret does not verify it
      expect(verify(rx.secrets.get('/closes')!, r.headers, r.raw, new Date())).toEqual({ ok: false, reason: 'bad_signature' });
    });

    it('a receiver down for a while gets each delivery later, exactly once', async () => {
      rx.answers.set('/down', 503);
      const down = await endpoint('/down', ['agreement.proposed', 'agreement.decided']);
      const before = new Date();
      // two deliveries, not more: two failed attempts each is 4 failures in a row, and the endpoint is
      // disabled at DISABLE_AFTER (10); with retries backing off from 1 s that leaves ~15 s to see
      // them pending, however slow the machine is to answer the polls below (with four deliveries the
      // window was a second or two, and a busy CI machine missed it)
      await freshProposal(t, w, w.c1.consortiumId); // withdrawn + proposed
      const events = (await eventsSince(before)).filter((e) => e.kind.startsWith('agreement.'));
      expect(events.length).toBe(2);
      // every delivery refused at least twice
      await until('two failed attempts of each delivery', async () => {
        const d = await deliveries(down);
        if (d.some((x) => x.status !== 'pending')) throw new Error(`a delivery of /down ended while the receiver was down: ${JSON.stringify(d)}`);
        return d.length === events.length && d.every((x) => x.attempts >= 2);
      });
      const mid = await t.http
        .get(`${hooks(w.c1.consortiumId)}/${down}`)
        .set('Authorization', w.tokens.host!)
        .expect(200);
      expect(mid.body.consecutiveFailures).toBeGreaterThanOrEqual(events.length * 2);
      expect(mid.body.enabled).toBe(true);
      rx.answers.set('/down', 200);
      const done = await until('every delivery of /down', async () => {
        const d = await deliveries(down);
        return d.every((x) => x.status === 'delivered') && d;
      });
      expect(new Set(done.map((d) => d.eventId))).toEqual(new Set(events.map((e) => e.id)));
      const got = rx.at('/down');
      expect(got.every((r) => r.verified.ok)).toBe(true);
      const ok = got.filter((r) => r.answered === 200);
      expect(ok.map((r) => r.headers['webhook-id']).sort()).toEqual(done.map((d) => d.id).sort()); // once each
      expect(new Set(ok.map((r) => `${r.body.type}:${JSON.stringify(r.body.data)}`)).size).toBe(events.length); // once per event
      for (const r of got.filter((x) => x.answered === 503)) expect(done.map((d) => d.id)).toContain(r.headers['webhook-id']); // retries carry the same id
      const after = await t.http
        .get(`${hooks(w.c1.consortiumId)}/${down}`)
        .set('Authorization', w.tokens.host!)
        .expect(200);
      expect(after.body.consecutiveFailures).toBe(0);
    });

    it(`an endpoint failing ${DISABLE_AFTER} times in a row is disabled and its pending deliveries cancelled; re-enabling resets it`, async () => {
      rx.answers.set('/broken', 503);
      const broken = await endpoint('/broken', ['agreement.proposed', 'agreement.decided']);
      await freshProposal(t, w, w.c1.consortiumId);
      await freshProposal(t, w, w.c1.consortiumId);
      const disabled = await until(
        'the endpoint disabled',
        async () => {
          const r = await t.http
            .get(`${hooks(w.c1.consortiumId)}/${broken}`)
            .set('Authorization', w.tokens.host!)
            .expect(200);
          return !r.body.enabled && r.body;
        },
        90_000,
      );
      // up to 4 attempts run at once (the queue's concurrency): one already on the wire when the limit is reached still counts
      expect(disabled.consecutiveFailures).toBeGreaterThanOrEqual(DISABLE_AFTER);
      expect(disabled.disabledReason).toContain(`${DISABLE_AFTER} failed attempts in a row`);
      expect(disabled.disabledAt).toEqual(expect.any(String));
      const d = await deliveries(broken);
      expect(d.length).toBe(4);
      expect(d.every((x) => x.status === 'cancelled')).toBe(true);
      expect(d.reduce((n, x) => n + x.attempts, 0)).toBeGreaterThanOrEqual(DISABLE_AFTER);
      expect(rx.at('/broken').length).toBeGreaterThanOrEqual(DISABLE_AFTER);
      expect(rx.at('/broken').length).toBeLessThan(DISABLE_AFTER + 4);

      // while disabled, new events are not queued for it
      await freshProposal(t, w, w.c1.consortiumId);
      const re = await t.http
        .patch(`${hooks(w.c1.consortiumId)}/${broken}`)
        .set('Authorization', w.tokens.host!)
        .send({ enabled: true })
        .expect(200);
      expect(re.body).toEqual(expect.objectContaining({ enabled: true, consecutiveFailures: 0, disabledAt: null, disabledReason: null }));
    });

    it('the host disables, rotates the secret and deletes; deliveries follow the new secret', async () => {
      const path = '/rotating';
      const id = await endpoint(path, ['agreement.proposed']);
      const rot = await t.http
        .post(`${hooks(w.c1.consortiumId)}/${id}/rotate-secret`)
        .set('Authorization', w.tokens.host!)
        .expect(200);
      expect(rot.body.secret).not.toBe(rx.secrets.get(path));
      rx.secrets.set(path, rot.body.secret as string);
      await freshProposal(t, w, w.c1.consortiumId);
      await until('a delivery with the new secret', async () => rx.at(path).length > 0);
      expect(rx.at(path).map((r) => r.verified)).toEqual([{ ok: true }]);
      const off = await t.http
        .patch(`${hooks(w.c1.consortiumId)}/${id}`)
        .set('Authorization', w.tokens.host!)
        .send({ enabled: false })
        .expect(200);
      expect(off.body).toEqual(expect.objectContaining({ enabled: false, disabledReason: 'Disabled by the host' }));
      await t.http
        .delete(`${hooks(w.c1.consortiumId)}/${id}`)
        .set('Authorization', w.tokens.host!)
        .expect(204);
    });
  });
});

describe('webhooks without WEBHOOK_ALLOW_LOOPBACK (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('refuses loopback targets, http or https', async () => {
    const admin = await t.login(ADMIN.email, ADMIN.password);
    const host = await org(t, admin);
    const c = await t.http
      .post('/api/v1/consortia')
      .set('Authorization', admin)
      .send({ name: unique('Loop '), deliveryModel: 'cooperative', hostOrganisationId: host, startDate: '2025-04-01' })
      .expect(201);
    for (const url of ['http://127.0.0.1:8080/hook', 'https://127.0.0.1/hook', 'https://localhost/hook', 'http://[::1]/hook']) {
      const res = await t.http.post(`/api/v1/consortia/${c.body.id}/webhooks`).set('Authorization', admin).send({ url }).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'url', message: expect.stringMatching(/loopback/) })]);
    }
    await t.http.post(`/api/v1/consortia/${c.body.id}/webhooks`).set('Authorization', admin).send({ url: 'https://hooks.example.com/in' }).expect(201);
  });
});

describe('webhooks: retries that run out, an archived consortium (e2e)', () => {
  let t: TestApp;
  const rx = new Receiver();
  beforeAll(async () => {
    await rx.start();
    t = await createTestApp({ WEBHOOK_ALLOW_LOOPBACK: 'true', WEBHOOK_RETRY_DELAY_SECONDS: '1', WEBHOOK_RETRY_LIMIT: '2', JOB_POLL_SECONDS: '1' });
  });
  afterAll(async () => {
    await t?.close();
    await rx.close();
  });

  it('a delivery refused on every attempt ends failed after retryLimit retries, and is not tried again', async () => {
    const admin = await t.login(ADMIN.email, ADMIN.password);
    const c = await t.http
      .post('/api/v1/consortia')
      .set('Authorization', admin)
      .send({ name: unique('Retry '), deliveryModel: 'cooperative', hostOrganisationId: await org(t, admin), startDate: '2025-04-01' })
      .expect(201);
    rx.answers.set('/never', 500);
    const made = await t.http
      .post(`/api/v1/consortia/${c.body.id}/webhooks`)
      .set('Authorization', admin)
      .send({ url: `${rx.base}/never` })
      .expect(201);
    rx.secrets.set('/never', made.body.secret as string);
    // a real event through the outbox (a schedule's kind: no user action needed)
    await t.app
      .get(UnitOfWork)
      .run((tx) => t.app.get(EventsService).publish(tx, c.body.id as string, 'board_pack.due', { from: '2025-04', to: '2025-06', scheduledFor: '2025-07-01' }, null));
    const log = `/api/v1/consortia/${c.body.id}/webhooks/${made.body.id}/deliveries`;
    const failed = await until('the delivery failed', async () => {
      const r = await t.http.get(log).set('Authorization', admin).expect(200);
      return r.body.items[0]?.status === 'failed' && r.body.items[0];
    });
    expect(failed).toEqual(expect.objectContaining({ attempts: 3, lastStatusCode: 500, lastError: 'HTTP 500', deliveredAt: null }));
    expect(rx.at('/never')).toHaveLength(3);
    expect(rx.at('/never').every((r) => r.verified.ok && r.headers['webhook-id'] === failed.id)).toBe(true);
    const e = await t.http.get(`/api/v1/consortia/${c.body.id}/webhooks/${made.body.id}`).set('Authorization', admin).expect(200);
    expect(e.body).toEqual(expect.objectContaining({ enabled: true, consecutiveFailures: 3 }));
  });

  it("an archived consortium's webhooks can be read, not changed (409 consortium_archived)", async () => {
    const admin = await t.login(ADMIN.email, ADMIN.password);
    const c = await t.http
      .post('/api/v1/consortia')
      .set('Authorization', admin)
      .send({ name: unique('Archived '), deliveryModel: 'cooperative', hostOrganisationId: await org(t, admin), startDate: '2025-04-01' })
      .expect(201);
    const base = `/api/v1/consortia/${c.body.id}/webhooks`;
    const made = await t.http.post(base).set('Authorization', admin).send({ url: 'https://hooks.invalid/in' }).expect(201);
    await t.http.post(`/api/v1/consortia/${c.body.id}/archive`).set('Authorization', admin).send({}).expect(200);
    expect((await t.http.get(base).set('Authorization', admin).expect(200)).body.total).toBe(1);
    await t.http.get(`${base}/${made.body.id}/deliveries`).set('Authorization', admin).expect(200);
    for (const r of [
      t.http.post(base).set('Authorization', admin).send({ url: 'https://hooks.invalid/other' }),
      t.http.patch(`${base}/${made.body.id}`).set('Authorization', admin).send({ enabled: false }),
      t.http.post(`${base}/${made.body.id}/rotate-secret`).set('Authorization', admin),
      t.http.delete(`${base}/${made.body.id}`).set('Authorization', admin),
    ]) {
      const res = await r;
      expect([res.status, res.body.code]).toEqual([409, 'consortium_archived']);
    }
  });
});
