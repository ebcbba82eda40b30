import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { Sql, type On } from '../../database/sql';
import type { ReportJob } from './report-job.model';

const JOB = `id, consortium_id AS "consortiumId", kind, params, status, organisation_ids AS "organisationIds", done, errors,
  requested_by AS "requestedBy", attempts, last_error AS "lastError", created_at AS "createdAt", started_at AS "startedAt",
  finished_at AS "finishedAt"`;

/** A job's file as listed in its view: the rendered PDF's name, size and hash, and its organisation's name. */
export interface ReportFileListing {
  organisationId: string;
  organisationName: string;
  filename: string;
  size: number;
  sha256: string;
}

/** report_jobs and report_files: the statement batches and the PDFs they rendered. */
@Injectable()
export class ReportJobsRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Inserts a statement batch unless an identical one (same consortium, from and to) is pending
   * (queued or running): then returns that one (`created: false`). The partial unique index
   * ux_report_jobs_pending makes this hold under concurrent requests too.
   */
  async insertUnlessPending(
    on: On,
    j: { consortiumId: string; from: string; to: string; organisationIds: string[]; requestedBy: Principal },
  ): Promise<{ job: ReportJob; created: boolean }> {
    for (;;) {
      const inserted = await this.sql.one<ReportJob>(
        on,
        `INSERT INTO report_jobs (consortium_id, kind, params, organisation_ids, requested_by) VALUES ($1, 'statements', $2, $3, $4)
         ON CONFLICT (consortium_id, kind, (params->>'from'), (params->>'to')) WHERE status IN ('queued', 'running') DO NOTHING
         RETURNING ${JOB}`,
        [j.consortiumId, JSON.stringify({ from: j.from, to: j.to }), j.organisationIds, JSON.stringify(j.requestedBy)],
      );
      if (inserted) return { job: inserted, created: true };
      const pending = await this.sql.one<ReportJob>(
        on,
        `SELECT ${JOB} FROM report_jobs
          WHERE consortium_id = $1 AND kind = 'statements' AND params->>'from' = $2 AND params->>'to' = $3 AND status IN ('queued', 'running')`,
        [j.consortiumId, j.from, j.to],
      );
      if (pending) return { job: pending, created: false };
      // the pending one finished in between: try again
    }
  }

  find(on: On, consortiumId: string, jobId: string): Promise<ReportJob | null> {
    return this.sql.one<ReportJob>(on, `SELECT ${JOB} FROM report_jobs WHERE id = $1 AND consortium_id = $2`, [jobId, consortiumId]);
  }

  /** A page of a consortium's jobs, newest first. */
  async list(on: On, consortiumId: string, limit: number, offset: number): Promise<{ items: ReportJob[]; total: number }> {
    const items = await this.sql.rows<ReportJob>(on, `SELECT ${JOB} FROM report_jobs WHERE consortium_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`, [
      consortiumId,
      limit,
      offset,
    ]);
    const [{ total }] = await this.sql.rows<{ total: number }>(on, `SELECT count(*)::int AS total FROM report_jobs WHERE consortium_id = $1`, [consortiumId]);
    return { items, total };
  }

  /** The organisations a job renders for (null: no such job). */
  async organisationIds(on: On, jobId: string): Promise<string[] | null> {
    const row = await this.sql.one<{ organisationIds: string[] }>(on, `SELECT organisation_ids AS "organisationIds" FROM report_jobs WHERE id = $1`, [jobId]);
    return row?.organisationIds ?? null;
  }

  /** Marks a queued or running job running (one more attempt); null when it is gone or already finished. */
  start(on: On, jobId: string): Promise<ReportJob | null> {
    return this.sql.one<ReportJob>(
      on,
      `UPDATE report_jobs SET status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now())
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${JOB}`,
      [jobId],
    );
  }

  /** Records that one organisation's statement cannot be given (a 4xx): it is not retried. */
  async addError(on: On, jobId: string, organisationId: string, message: string): Promise<void> {
    await this.sql.exec(on, `UPDATE report_jobs SET errors = errors || $2::jsonb WHERE id = $1`, [jobId, JSON.stringify([{ organisationId, message }])]);
  }

  /** Marks the job completed; resolves with it, or null when it was already finished (another attempt completed it). */
  async complete(on: On, jobId: string): Promise<ReportJob | null> {
    return this.sql.one<ReportJob>(
      on,
      `UPDATE report_jobs SET status = 'completed', finished_at = now(), last_error = NULL WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${JOB}`,
      [jobId],
    );
  }

  /** Records a failed attempt: still running (pg-boss retries it) or, the last one, failed. */
  async failAttempt(on: On, jobId: string, message: string, final: boolean): Promise<void> {
    await this.sql.exec(on, `UPDATE report_jobs SET last_error = $2, status = $3, finished_at = CASE WHEN $3 = 'failed' THEN now() END WHERE id = $1`, [
      jobId,
      message,
      final ? 'failed' : 'running',
    ]);
  }

  /** Deletes finished jobs (and their files, by cascade) older than `days`; resolves with how many. */
  deleteFinishedBefore(on: On, days: number): Promise<number> {
    return this.sql.exec(on, `DELETE FROM report_jobs WHERE status IN ('completed', 'failed') AND finished_at < now() - make_interval(days => $1)`, [days]);
  }

  // ---------------------------------------------------------------- report_files

  /** The organisations whose PDF a job has stored. */
  async renderedOrganisationIds(on: On, jobId: string): Promise<string[]> {
    const rows = await this.sql.rows<{ organisationId: string }>(on, `SELECT organisation_id AS "organisationId" FROM report_files WHERE job_id = $1`, [jobId]);
    return rows.map((r) => r.organisationId);
  }

  /** Stores one PDF (once: a second store of the same organisation is ignored) and counts it done. */
  async addFile(on: On, f: { jobId: string; organisationId: string; filename: string; content: Buffer; sha256: string }): Promise<void> {
    await this.sql.exec(
      on,
      `WITH f AS (INSERT INTO report_files (job_id, organisation_id, filename, content, sha256, size) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING 1)
       UPDATE report_jobs SET done = done + (SELECT count(*) FROM f) WHERE id = $1`,
      [f.jobId, f.organisationId, f.filename, f.content, f.sha256, f.content.length],
    );
  }

  /** One stored PDF with its content and when it was stored, or null. */
  fileContent(on: On, jobId: string, organisationId: string): Promise<{ content: Buffer; filename: string; sha256: string; createdAt: Date } | null> {
    return this.sql.one(on, `SELECT content, filename, sha256, created_at AS "createdAt" FROM report_files WHERE job_id = $1 AND organisation_id = $2`, [jobId, organisationId]);
  }

  /** A job's files in the order of its organisations (the service adds their names). */
  files(on: On, jobId: string, organisationIds: readonly string[]): Promise<Omit<ReportFileListing, 'organisationName'>[]> {
    return this.sql.rows(
      on,
      `SELECT f.organisation_id AS "organisationId", f.filename, f.size, f.sha256
         FROM report_files f
        WHERE f.job_id = $1 ORDER BY array_position($2::uuid[], f.organisation_id)`,
      [jobId, [...organisationIds]],
    );
  }
}
