/**
 * Reports under a burst: the admission gate lets as many reports as the pool has pages be made at
 * once; with no queue the rest get 429 problem documents with Retry-After at once, before any data
 * is computed; afterwards reports render normally.
 */
import { createTestApp, TestApp } from '../support/app';
import { buildWorld, World } from '../support/world';

describe('reports under a burst (e2e)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp({ PDF_POOL_PAGES: '1', PDF_MAX_QUEUE: '0' });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After beyond the pool, and recovers', async () => {
    const url = `/api/v1/consortia/${w.c1.consortiumId}/reports/performance.pdf?month=2025-06`;
    const results = await Promise.all(Array.from({ length: 6 }, () => t.http.get(url).set('Authorization', w.tokens.host!)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    const busy = results.filter((r) => r.status === 429);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    for (const r of busy) {
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    const again = await t.http.get(url).set('Authorization', w.tokens.host!).expect(200);
    expect(again.headers['content-type']).toMatch(/application\/pdf/);
  });
});
