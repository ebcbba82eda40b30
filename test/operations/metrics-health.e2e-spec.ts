import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ReadinessService } from '../../src/health/readiness.service';
import { workerHttp } from '../../src/worker-http';
import { ADMIN, createTestApp, type TestApp } from '../support/app';

const TOKEN = 'metrics-token-0123456789';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses Prometheus text exposition (the subset prom-client writes). */
function parse(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`unparsable line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}

describe('operations: /metrics and health (e2e)', () => {
  let t: TestApp;
  let open: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: TOKEN });
    // A second app in the same process: each has its own registry (no clash of metric names).
    open = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
    await open?.close();
  });

  it('/metrics needs the bearer token when METRICS_TOKEN is set', async () => {
    const none = await t.http.get('/metrics').expect(401);
    expect(none.body).toMatchObject({ status: 401, code: 'unauthorized' });
    await t.http.get('/metrics').set('Authorization', 'Bearer metrics-token-0123456788').expect(401);
    await t.http.get('/metrics').set('Authorization', TOKEN).expect(401);
    const ok = await t.http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('times requests by route pattern, method and status; no label carries an id', async () => {
    const admin = await t.login(ADMIN.email, ADMIN.password);
    const id = randomUUID();
    await t.http.get(`/api/v1/consortia/${id}`).set('Authorization', admin).expect(404);
    await t.http.get(`/api/v1/consortia/${randomUUID()}`).set('Authorization', admin).expect(404);
    await t.http.get('/api/v1/health').expect(200);
    await t.http.get(`/no/such/${id}`).expect(404);
    const text = (await t.http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200)).text;
    const samples = parse(text);
    const count = (route: string, status: string) =>
      samples.find((s) => s.name === 'http_request_duration_seconds_count' && s.labels.route === route && s.labels.method === 'GET' && s.labels.status_code === status)?.value;
    expect(count('/api/v1/consortia/:id', '404')).toBe(2);
    expect(count('/api/v1/health', '200')).toBe(1);
    expect(count('unmatched', '404')).toBe(1);
    expect(samples.some((s) => s.name === 'http_request_duration_seconds_bucket' && s.labels.route === '/api/v1/consortia/:id' && s.labels.le === '+Inf')).toBe(true);
    const withIds = samples.filter((s) => Object.values(s.labels).some((v) => UUID.test(v)));
    expect(withIds).toEqual([]);
    expect(text).not.toContain(id);
  });

  it('reports the process, the PDF pool, the job queues, the database pool and the notification counters', async () => {
    const samples = parse((await t.http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200)).text);
    const names = new Set(samples.map((s) => s.name));
    for (const n of ['process_cpu_user_seconds_total', 'nodejs_eventloop_lag_seconds', 'pdf_queue_length', 'pdf_renders_total', 'pdf_renders_failed_total', 'db_pool_waiting']) {
      expect({ n, present: names.has(n) }).toEqual({ n, present: true });
    }
    expect(
      samples
        .filter((s) => s.name === 'pdf_pages')
        .map((s) => s.labels.state)
        .sort(),
    ).toEqual(['busy', 'idle']);
    const queues = samples.filter((s) => s.name === 'jobs_queued').map((s) => s.labels.queue);
    expect(queues.length).toBeGreaterThan(0);
    const total = samples.find((s) => s.name === 'db_pool_connections' && s.labels.state === 'total')!.value;
    expect(total).toBeGreaterThan(0);
    // Counters other modules increment: declared (HELP lines) and countable.
    const text = (await t.http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`)).text;
    expect(text).toContain('# TYPE notifications_sent_total counter');
    expect(text).toContain('# TYPE webhook_deliveries_total counter');
    expect(text).toContain('# TYPE jobs_processed_total counter');
  });

  it('without METRICS_TOKEN /metrics is open (the proxy does not route it), and /metrics is not an API route', async () => {
    const samples = parse((await open.http.get('/metrics').expect(200)).text);
    expect(samples.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
    await open.http.get('/api/v1/metrics').expect(404);
  });

  it('GET /health stays as it was; /health/live is up; /health/ready lists its checks', async () => {
    expect((await open.http.get('/api/v1/health').expect(200)).body).toEqual({ status: 'ok', db: 'up' });
    expect((await open.http.get('/api/v1/health/live').expect(200)).body).toEqual({ status: 'ok' });
    expect((await open.http.get('/api/v1/health/ready').expect(200)).body).toEqual({ status: 'ok', checks: { db: 'up', migrations: 'up', jobs: 'up', shutdown: 'up' } });
  });

  it("a worker's own HTTP server (WORKER_PORT) serves its metrics and health, nothing of the API", async () => {
    const worker = request(workerHttp(open.app, undefined));
    expect(parse((await worker.get('/metrics').expect(200)).text).some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
    expect((await worker.get('/api/v1/health/live').expect(200)).body).toEqual({ status: 'ok' });
    expect((await worker.get('/api/v1/health/ready').expect(200)).body).toMatchObject({ status: 'ok' });
    await worker.get('/api/v1/auth/me').expect(404);
    await worker.post('/api/v1/auth/login').send(ADMIN).expect(404);
    const guarded = request(workerHttp(t.app, TOKEN));
    await guarded.get('/metrics').expect(401);
    await guarded.get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
  });

  it('once shutdown has begun, /health/ready is 503 naming it while /health/live stays 200; app.close() begins it', async () => {
    open.app.get(ReadinessService).drain();
    const res = await open.http.get('/api/v1/health/ready').expect(503);
    expect(res.body).toEqual({ status: 'error', checks: { db: 'up', migrations: 'up', jobs: 'up', shutdown: 'down' } });
    await open.http.get('/api/v1/health/live').expect(200);
    const readiness = t.app.get(ReadinessService);
    expect(readiness.isDraining).toBe(false);
    await t.app.close();
    expect(readiness.isDraining).toBe(true);
  });
});
