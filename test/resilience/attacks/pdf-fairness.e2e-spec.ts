/**
 * Issue 12, finding 13: one user could fill the global PDF queue and keep everyone else at 429, and
 * identical statement batches could be queued without limit. Now each user and each consortium holds
 * at most its share of the admission gate's places (PDF_USER_SHARE, PDF_CONSORTIUM_SHARE), and a
 * second identical pending batch returns the first job.
 */
import type { Response } from 'supertest';
import { createTestApp, TestApp } from '../../support/app';
import { buildWorld, World } from '../../support/world';

describe('attacks: PDF fairness (e2e)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    // one page, four waiting places: the flooding user may hold two of the five
    t = await createTestApp({ PDF_POOL_PAGES: '1', PDF_MAX_QUEUE: '4', PDF_QUEUE_TIMEOUT_MS: '60000', PDF_USER_SHARE: '2', PDF_CONSORTIUM_SHARE: '4' });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('finding 13: one user floods the PDF queue; another user still gets a PDF; a second identical batch returns the first job', async () => {
    const perf = (consortiumId: string) => `/api/v1/consortia/${consortiumId}/reports/performance.pdf?month=2025-06`;
    // the flood: 12 reports at once from the host of C1
    let firstBusy: () => void;
    const busySeen = new Promise<void>((r) => (firstBusy = r));
    const flood = Array.from({ length: 12 }, () =>
      t.http
        .get(perf(w.c1.consortiumId))
        .set('Authorization', w.tokens.host!)
        .then((r: Response) => {
          if (r.status === 429) firstBusy();
          return r;
        }),
    );
    await busySeen; // the flooder is being turned away: the queue is as full as it can make it
    // meanwhile, other users: the host of another consortium, and a partner of the same one
    const [other, partner] = await Promise.all([
      t.http.get(perf(w.c2.consortiumId)).set('Authorization', w.tokens.otherHost!),
      t.http.get(perf(w.c1.consortiumId)).set('Authorization', w.tokens.partner!),
    ]);
    const flooded = await Promise.all(flood);
    expect({ other: other.status, partner: partner.status }).toEqual({ other: 200, partner: 200 });
    expect(other.headers['content-type']).toMatch(/application\/pdf/);
    const busy = flooded.filter((r) => r.status === 429);
    expect(busy.length).toBeGreaterThanOrEqual(12 - 2);
    for (const r of busy) {
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(flooded.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);

    // identical statement batches: the second (and a concurrent third) return the first job
    const batch = () => t.http.post(`/api/v1/consortia/${w.c1.consortiumId}/reports/statements`).set('Authorization', w.tokens.host!).send({ from: '2025-04', to: '2025-06' });
    const first = await batch();
    expect(first.status).toBe(202);
    const [second, third] = await Promise.all([batch(), batch()]);
    expect([second.status, third.status]).toEqual([202, 202]);
    expect([second.body.id, third.body.id]).toEqual([first.body.id, first.body.id]);
    // another period is another job
    const another = await t.http.post(`/api/v1/consortia/${w.c1.consortiumId}/reports/statements`).set('Authorization', w.tokens.host!).send({ from: '2025-04', to: '2025-05' });
    expect(another.status).toBe(202);
    expect(another.body.id).not.toBe(first.body.id);
  });
});
