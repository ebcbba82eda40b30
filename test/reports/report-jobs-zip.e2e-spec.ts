import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ADMIN, createTestApp, TestApp } from '../support/app';
import { fetchPdf } from '../support/pdf';
import { buildWorkedExample, type WorkedExample } from '../support/worked-example';

/** The list of a consortium's batches and a batch's ZIP (issue 15: the host's statement batches page needs both). */
describe('statement batches: the list and the ZIP (e2e, pg-boss + real Chromium)', () => {
  let t: TestApp;
  let ex: WorkedExample;
  let jobId: string;
  const base = () => `/api/v1/consortia/${ex.consortiumId}/reports`;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.login(ADMIN.email, ADMIN.password);
    ex = await buildWorkedExample(t, admin, { model: 'cooperative' });
    jobId = (await t.http.post(`${base()}/statements`).set('Authorization', ex.tokens.host).send({ from: '2025-04', to: '2025-05' }).expect(202)).body.id;
    for (let i = 0; ; i++) {
      const r = await t.http.get(`${base()}/jobs/${jobId}`).set('Authorization', ex.tokens.host).expect(200);
      if (r.body.status === 'completed') break;
      if (i > 240) throw new Error(`not completed: ${JSON.stringify(r.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 120_000);
  afterAll(() => t.close());

  it('lists the batches newest first with their progress, paged', async () => {
    const second = await t.http.post(`${base()}/statements`).set('Authorization', ex.tokens.host).send({ from: '2025-05', to: '2025-05' }).expect(202);
    const all = await t.http.get(`${base()}/jobs`).set('Authorization', ex.tokens.host).expect(200);
    expect(all.body.total).toBe(2);
    expect(all.body.items.map((j: { id: string }) => j.id)).toEqual([second.body.id, jobId]);
    expect(all.body.items[1]).toMatchObject({ id: jobId, kind: 'statements', from: '2025-04', to: '2025-05', status: 'completed', total: 3, done: 3, failed: 0 });
    expect(all.body.items[1].files).toBeUndefined();
    const page = await t.http.get(`${base()}/jobs?limit=1&offset=1`).set('Authorization', ex.tokens.host).expect(200);
    expect(page.body).toMatchObject({ total: 2, items: [{ id: jobId }] });
    await t.http.get(`${base()}/jobs?limit=0`).set('Authorization', ex.tokens.host).expect(400);
    await t.http.get(`${base()}/jobs`).set('Authorization', ex.tokens.partnerB).expect(403);
  });

  it('sends every PDF of a finished batch as one ZIP, entries named by member, each byte for byte the file route’s PDF', async () => {
    const job = (await t.http.get(`${base()}/jobs/${jobId}`).set('Authorization', ex.tokens.host).expect(200)).body as {
      files: { organisationId: string; organisationName: string; url: string }[];
    };
    const res = await fetchPdf(t, `${base()}/jobs/${jobId}/files.zip`, ex.tokens.host);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="statements-2025-04-2025-05.zip"');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    const dir = mkdtempSync(join(tmpdir(), 'batch-zip-'));
    try {
      const file = join(dir, 'batch.zip');
      writeFileSync(file, res.body);
      expect(execFileSync('unzip', ['-tq', file]).toString()).toContain('No errors detected');
      const names = execFileSync('unzip', ['-Z', '-1', file]).toString('utf8').trim().split('\n');
      expect(names).toEqual(job.files.map((f) => `${f.organisationName} statement 2025-04 to 2025-05.pdf`));
      for (const [i, f] of job.files.entries()) {
        const pdf = await fetchPdf(t, f.url, ex.tokens.host);
        expect(execFileSync('unzip', ['-p', file, names[i]], { maxBuffer: 64 * 1024 * 1024 })).toEqual(pdf.body);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a batch still queued or running has no ZIP yet (409 report_not_ready); an unknown batch is 404', async () => {
    // a row the worker never sees (not in the queue): it stays queued
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    let pending: string;
    try {
      const r = await db.query<{ id: string }>(
        `INSERT INTO report_jobs (consortium_id, kind, params, organisation_ids, requested_by) VALUES ($1, 'statements', $2, $3, $4) RETURNING id`,
        [ex.consortiumId, JSON.stringify({ from: '2025-04', to: '2025-04' }), [ex.org.A], JSON.stringify({ userId: null })],
      );
      pending = r.rows[0].id;
    } finally {
      await db.end();
    }
    const res = await t.http.get(`${base()}/jobs/${pending}/files.zip`).set('Authorization', ex.tokens.host).expect(409);
    expect(res.body.code).toBe('report_not_ready');
    await t.http.get(`${base()}/jobs/00000000-0000-4000-8000-000000000000/files.zip`).set('Authorization', ex.tokens.host).expect(404);
  });
});
