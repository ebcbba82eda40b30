import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { ReportJobsService } from '../../src/reports/jobs/report-jobs.service';
import { ADMIN, createTestApp, reopenTestApp, TestApp } from '../support/app';
import { fetchPdf, pdfPages } from '../support/pdf';
import { buildWorkedExample, type WorkedExample } from '../support/worked-example';
import { formatGbp } from '../../src/reports/view/format';

/** The job document as the API returns it (the fields these tests read). */
interface JobBody {
  status: string;
  id: string;
  files: { organisationId: string; url: string; size: number; sha256: string }[];
}

async function waitFor(t: TestApp, token: string, path: string, done: (body: JobBody) => boolean, ms = 30_000): Promise<JobBody> {
  const end = Date.now() + ms;
  for (;;) {
    const res = await t.http.get(path).set('Authorization', token).expect(200);
    if (done(res.body)) return res.body;
    if (Date.now() > end) throw new Error(`timed out waiting: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('quarter-end statement batch (e2e, pg-boss + real Chromium)', () => {
  let t: TestApp;
  let admin: string;
  let ex: WorkedExample;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login(ADMIN.email, ADMIN.password);
    ex = await buildWorkedExample(t, admin, { model: 'cooperative' });
  });
  afterAll(() => t.close());

  const base = (e: WorkedExample) => `/api/v1/consortia/${e.consortiumId}/reports`;

  it('queues a statement PDF for every member, reports progress, and serves the files with their hash', async () => {
    const q = await t.http
      .post(`${base(ex)}/statements`)
      .set('Authorization', ex.tokens.host)
      .send({ from: '2025-04', to: '2025-05' })
      .expect(202);
    expect(q.body).toMatchObject({ kind: 'statements', from: '2025-04', to: '2025-05', total: 3, status: 'queued', done: 0 });
    const job = await waitFor(t, ex.tokens.host, `${base(ex)}/jobs/${q.body.id}`, (b) => b.status === 'completed');
    expect(job).toMatchObject({ total: 3, done: 3, failed: 0, errors: [] });
    expect(job.files.map((f: { organisationId: string }) => f.organisationId)).toEqual([ex.org.A, ex.org.B, ex.org.C]);
    const want: Record<string, string> = { [ex.org.A]: '193225.22', [ex.org.B]: '127472.23', [ex.org.C]: '21712.29' };
    for (const f of job.files) {
      const res = await fetchPdf(t, f.url, ex.tokens.host);
      expect(res.status).toBe(200);
      expect(res.type).toBe('application/pdf');
      expect(createHash('sha256').update(res.body).digest('hex')).toBe(f.sha256);
      expect(res.headers['x-content-sha256']).toBe(f.sha256);
      expect(f.size).toBe(res.body.length);
      const { text } = await pdfPages(res.body);
      expect(text.replace(/\s+/g, ' ')).toContain(formatGbp(want[f.organisationId]));
    }
  });

  it('only the host and admins may run batches and read jobs', async () => {
    await t.http
      .post(`${base(ex)}/statements`)
      .set('Authorization', ex.tokens.partnerB)
      .send({ from: '2025-04', to: '2025-05' })
      .expect(403);
    await t.http
      .post(`${base(ex)}/statements`)
      .set('Authorization', ex.tokens.boardB)
      .send({ from: '2025-04', to: '2025-05' })
      .expect(403);
    const bad = await t.http
      .post(`${base(ex)}/statements`)
      .set('Authorization', ex.tokens.host)
      .send({ from: '2025-06', to: '2025-04' })
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
    const q = await t.http
      .post(`${base(ex)}/statements`)
      .set('Authorization', admin)
      .send({ from: '2025-05', to: '2025-05' })
      .expect(202);
    await t.http
      .get(`${base(ex)}/jobs/${q.body.id}`)
      .set('Authorization', ex.tokens.partnerB)
      .expect(403);
    const other = await buildWorkedExample(t, admin, { model: 'cooperative' });
    // another consortium's host: 404 (the job is not in its consortium, nor is the consortium its own)
    await t.http
      .get(`${base(other)}/jobs/${q.body.id}`)
      .set('Authorization', other.tokens.host)
      .expect(404);
    await t.http
      .get(`${base(ex)}/jobs/${q.body.id}`)
      .set('Authorization', other.tokens.host)
      .expect(404);
    await t.http
      .get(`${base(ex)}/jobs/00000000-0000-4000-8000-000000000000`)
      .set('Authorization', admin)
      .expect(404);
    await waitFor(t, admin, `${base(ex)}/jobs/${q.body.id}`, (b) => b.status === 'completed');
    await t.http
      .get(`${base(ex)}/jobs/${q.body.id}/files/${ex.org.B}.pdf`)
      .set('Authorization', ex.tokens.partnerB)
      .expect(403);
    await t.http
      .get(`${base(ex)}/jobs/${q.body.id}/files/${other.org.B}.pdf`)
      .set('Authorization', admin)
      .expect(404);
  });

  it('deletes finished batches older than REPORT_RETENTION_DAYS (90 by default) with their PDFs, and keeps recent ones', async () => {
    const run = async () => {
      const q = await t.http
        .post(`${base(ex)}/statements`)
        .set('Authorization', ex.tokens.host)
        .send({ from: '2025-04', to: '2025-04' })
        .expect(202);
      return waitFor(t, ex.tokens.host, `${base(ex)}/jobs/${q.body.id}`, (b) => b.status === 'completed');
    };
    const old = await run();
    const recent = await run();
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      await db.query(`UPDATE report_jobs SET finished_at = now() - interval '91 days' WHERE id = $1`, [old.id]);
      await db.query(`UPDATE report_jobs SET finished_at = now() - interval '89 days' WHERE id = $1`, [recent.id]);
      expect(t.config.reportRetentionDays).toBe(90);
      expect(await t.app.get(ReportJobsService).deleteExpired()).toBe(1);
      const files = await db.query(`SELECT count(*)::int AS n FROM report_files WHERE job_id = $1`, [old.id]);
      expect(files.rows[0].n).toBe(0);
    } finally {
      await db.end();
    }
    await t.http
      .get(`${base(ex)}/jobs/${old.id}`)
      .set('Authorization', ex.tokens.host)
      .expect(404);
    await t.http.get(old.files[0].url).set('Authorization', ex.tokens.host).expect(404);
    await t.http
      .get(`${base(ex)}/jobs/${recent.id}`)
      .set('Authorization', ex.tokens.host)
      .expect(200);
    await t.http.get(recent.files[0].url).set('Authorization', ex.tokens.host).expect(200);
  });
});

describe('a job queued before a restart completes after it (e2e)', () => {
  it('survives closing the app: the next process’s worker renders it', async () => {
    // first process: API only (no worker), so the job is certainly still queued when it stops
    const first = await createTestApp({ REPORT_WORKER: 'false' });
    const admin1 = await first.login(ADMIN.email, ADMIN.password);
    const ex = await buildWorkedExample(first, admin1, { model: 'cooperative' });
    const q = await first.http.post(`/api/v1/consortia/${ex.consortiumId}/reports/statements`).set('Authorization', admin1).send({ from: '2025-04', to: '2025-05' }).expect(202);
    await new Promise((r) => setTimeout(r, 500));
    expect((await first.http.get(`/api/v1/consortia/${ex.consortiumId}/reports/jobs/${q.body.id}`).set('Authorization', admin1).expect(200)).body.status).toBe('queued');
    await first.app.close();

    const second = await reopenTestApp(first.databaseUrl, { JOB_POLL_SECONDS: '1' });
    try {
      const admin2 = await second.login(ADMIN.email, ADMIN.password);
      // three member jobs, one at a time, after Chromium starts: slow on a busy 2-CPU machine
      const job = await waitFor(second, admin2, `/api/v1/consortia/${ex.consortiumId}/reports/jobs/${q.body.id}`, (b) => b.status === 'completed', 120_000);
      expect(job).toMatchObject({ total: 3, done: 3, attempts: 1 });
      const res = await fetchPdf(second, `/api/v1/consortia/${ex.consortiumId}/reports/jobs/${q.body.id}/files/${ex.org.B}.pdf`, admin2);
      expect(res.status).toBe(200);
      expect((await pdfPages(res.body)).text.replace(/\s+/g, ' ')).toContain('£127,472.23');
    } finally {
      await second.close();
    }
  }, 180_000);
});

describe('a batch is one pg-boss job per member (e2e)', () => {
  it('queues a job per member with the batch; a repeated delivery changes nothing; a member failing its last attempt is recorded and the batch finishes once', async () => {
    // no worker in this process, and no browser: the test delivers the member jobs itself
    const t = await createTestApp({ REPORT_WORKER: 'false', PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' });
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const admin = await t.login(ADMIN.email, ADMIN.password);
      const ex = await buildWorkedExample(t, admin, { model: 'cooperative' });
      const q = await t.http
        .post(`/api/v1/consortia/${ex.consortiumId}/reports/statements`)
        .set('Authorization', ex.tokens.host)
        .send({ from: '2025-04', to: '2025-05' })
        .expect(202);
      const jobId = q.body.id as string;
      const queued = await db.query<{ org: string }>(`SELECT data->>'organisationId' AS org FROM pgboss.job WHERE name = 'report-statements' AND data->>'reportJobId' = $1`, [
        jobId,
      ]);
      expect(queued.rows.map((r) => r.org).sort()).toEqual([ex.org.A, ex.org.B, ex.org.C].sort());

      const service = t.app.get(ReportJobsService);
      const finished = async () =>
        (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM domain_events WHERE kind = 'batch.finished' AND payload->>'jobId' = $1`, [jobId])).rows[0].n;
      const job = async () => (await t.http.get(`/api/v1/consortia/${ex.consortiumId}/reports/jobs/${jobId}`).set('Authorization', ex.tokens.host).expect(200)).body;

      // an attempt that pg-boss will retry: the member stays open
      await expect(service.renderMember(jobId, ex.org.A, { retryCount: 0, lastAttempt: false })).rejects.toThrow();
      expect(await job()).toMatchObject({ status: 'running', done: 0, failed: 0, attempts: 1 });
      expect((await job()).lastError).toBeTruthy();
      // the last attempt of each member: recorded as that member's error; the last one completes the batch
      await expect(service.renderMember(jobId, ex.org.A, { retryCount: 3, lastAttempt: true })).rejects.toThrow();
      await expect(service.renderMember(jobId, ex.org.B, { retryCount: 3, lastAttempt: true })).rejects.toThrow();
      expect(await job()).toMatchObject({ status: 'running', failed: 2 });
      expect(await finished()).toBe(0);
      await expect(service.renderMember(jobId, ex.org.C, { retryCount: 3, lastAttempt: true })).rejects.toThrow();
      const done = await job();
      expect(done).toMatchObject({ status: 'completed', total: 3, done: 0, failed: 3, attempts: 4, files: [] });
      expect(done.errors.map((e: { organisationId: string }) => e.organisationId)).toEqual([ex.org.A, ex.org.B, ex.org.C]);
      expect(await finished()).toBe(1);
      // a repeated delivery of a settled member (or of any member of a finished batch) changes nothing
      await service.renderMember(jobId, ex.org.B, { retryCount: 0, lastAttempt: true });
      expect(await job()).toMatchObject({ status: 'completed', failed: 3 });
      expect(await finished()).toBe(1);

      // a whole-batch job queued by the earlier version ({ reportJobId } alone) is split into member jobs
      const legacy = await t.http
        .post(`/api/v1/consortia/${ex.consortiumId}/reports/statements`)
        .set('Authorization', ex.tokens.host)
        .send({ from: '2025-05', to: '2025-05' })
        .expect(202);
      await db.query(`DELETE FROM pgboss.job WHERE name = 'report-statements' AND data->>'reportJobId' = $1`, [legacy.body.id]);
      await service.split(legacy.body.id);
      const split = await db.query<{ org: string }>(`SELECT data->>'organisationId' AS org FROM pgboss.job WHERE name = 'report-statements' AND data->>'reportJobId' = $1`, [
        legacy.body.id,
      ]);
      expect(legacy.body.total).toBe(3);
      expect(split.rows.map((r) => r.org).sort()).toEqual([ex.org.A, ex.org.B, ex.org.C].sort());

      // a member job pg-boss gives up on goes to the dead-letter queue; one that ran out of time on its
      // last attempt (failed by maintenance, no handler saw it) is recorded there, and its batch finishes
      const dlq = await db.query<{ dead_letter: string }>(`SELECT dead_letter FROM pgboss.queue WHERE name = 'report-statements'`);
      expect(dlq.rows[0].dead_letter).toBe('report-statements.gave-up');
      const late = await t.http
        .post(`/api/v1/consortia/${ex.consortiumId}/reports/statements`)
        .set('Authorization', ex.tokens.host)
        .send({ from: '2025-06', to: '2025-06' })
        .expect(202);
      const lateJob = async () => (await t.http.get(`/api/v1/consortia/${ex.consortiumId}/reports/jobs/${late.body.id}`).set('Authorization', ex.tokens.host).expect(200)).body;
      await expect(service.renderMember(late.body.id, ex.org.A, { retryCount: 3, lastAttempt: true })).rejects.toThrow();
      await service.memberGaveUp(late.body.id, ex.org.A); // already recorded by its last attempt: unchanged
      await service.memberGaveUp(late.body.id, ex.org.B);
      expect(await lateJob()).toMatchObject({ status: 'running', failed: 2 });
      await service.memberGaveUp(late.body.id, ex.org.C);
      const lateDone = await lateJob();
      expect(lateDone).toMatchObject({ status: 'completed', total: 3, done: 0, failed: 3 });
      expect(lateDone.errors.filter((e: { message: string }) => e.message.includes('did not finish within'))).toHaveLength(2);
      const lateFinished = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM domain_events WHERE kind = 'batch.finished' AND payload->>'jobId' = $1`, [late.body.id]);
      expect(lateFinished.rows[0].n).toBe(1);
      await service.memberGaveUp(late.body.id, ex.org.C);
      expect(await lateJob()).toMatchObject({ status: 'completed', failed: 3 });
    } finally {
      await db.end();
      await t.close();
    }
  });
});
