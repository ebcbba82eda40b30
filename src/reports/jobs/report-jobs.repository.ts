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

  /**
   * Marks a queued or running batch running as one of its member jobs starts; `attempts` is the
   * highest attempt any member job has made. Null when the batch is gone or already finished.
   */
  start(on: On, jobId: string, attempt: number): Promise<ReportJob | null> {
    return this.sql.one<ReportJob>(
      on,
      `UPDATE report_jobs SET status = 'running', attempts = greatest(attempts, $2), started_at = coalesce(started_at, now())
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${JOB}`,
      [jobId, attempt],
    );
  }

  /** Whether a member of a batch is settled: its PDF stored, or its error recorded. */
  async settled(on: On, jobId: string, organisationId: string): Promise<boolean> {
    const row = await this.sql.one<{ settled: boolean }>(
      on,
      `SELECT EXISTS (SELECT 1 FROM report_files WHERE job_id = $1 AND organisation_id = $2)
           OR EXISTS (SELECT 1 FROM report_jobs WHERE id = $1 AND errors @> $3::jsonb) AS settled`,
      [jobId, organisationId, JSON.stringify([{ organisationId }])],
    );
    return row?.settled ?? false;
  }

  /**
   * Records that one organisation's statement cannot be given (a 4xx, or its last attempt failed):
   * once, and only while the batch is pending and that organisation has no PDF. True when recorded.
   */
  async addError(on: On, jobId: string, organisationId: string, message: string): Promise<boolean> {
    const n = await this.sql.exec(
      on,
      `UPDATE report_jobs SET errors = errors || $2::jsonb
        WHERE id = $1 AND status IN ('queued', 'running') AND NOT errors @> $3::jsonb
          AND NOT EXISTS (SELECT 1 FROM report_files WHERE job_id = $1 AND organisation_id = $4)`,
      [jobId, JSON.stringify([{ organisationId, message }]), JSON.stringify([{ organisationId }]), organisationId],
    );
    return n > 0;
  }

  /** Notes a failed attempt that pg-boss retries (the batch stays pending). */
  async noteError(on: On, jobId: string, message: string): Promise<void> {
    await this.sql.exec(on, `UPDATE report_jobs SET last_error = $2 WHERE id = $1 AND status IN ('queued', 'running')`, [jobId, message]);
  }

  /**
   * Completes the batch when every member is settled (done + failed = total); resolves with it, or
   * null when members are still missing or it was already finished. The row lock the member's
   * update took serialises the members' transactions, so exactly one of them completes it.
   */
  completeIfSettled(on: On, jobId: string): Promise<ReportJob | null> {
    return this.sql.one<ReportJob>(
      on,
      `UPDATE report_jobs SET status = 'completed', finished_at = now(), last_error = NULL
        WHERE id = $1 AND status IN ('queued', 'running') AND done + jsonb_array_length(errors) >= cardinality(organisation_ids)
        RETURNING ${JOB}`,
      [jobId],
    );
  }

  /** Fails a pending batch for good (no member is rendered any more); null when it was already finished. */
  fail(on: On, jobId: string, message: string): Promise<ReportJob | null> {
    return this.sql.one<ReportJob>(
      on,
      `UPDATE report_jobs SET status = 'failed', finished_at = now(), last_error = $2 WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${JOB}`,
      [jobId, message],
    );
  }

  /** Deletes finished jobs (and their files, by cascade) older than `days`; resolves with how many. */
  deleteFinishedBefore(on: On, days: number): Promise<number> {
    return this.sql.exec(on, `DELETE FROM report_jobs WHERE status IN ('completed', 'failed') AND finished_at < now() - make_interval(days => $1)`, [days]);
  }

  // ---------------------------------------------------------------- report_files

  /**
   * Stores one PDF and counts it done, once: not when the organisation already has one or an error,
   * nor when the batch is no longer pending. True when stored now.
   */
  async addFile(on: On, f: { jobId: string; organisationId: string; filename: string; content: Buffer; sha256: string }): Promise<boolean> {
    const row = await this.sql.one<{ inserted: number }>(
      on,
      `WITH f AS (
              INSERT INTO report_files (job_id, organisation_id, filename, content, sha256, size)
              SELECT $1, $2, $3, $4, $5, $6 FROM report_jobs WHERE id = $1 AND status IN ('queued', 'running') AND NOT errors @> $7::jsonb
              ON CONFLICT DO NOTHING RETURNING 1),
            j AS (UPDATE report_jobs SET done = done + (SELECT count(*) FROM f) WHERE id = $1 RETURNING 1)
       SELECT (SELECT count(*) FROM f)::int AS inserted`,
      [f.jobId, f.organisationId, f.filename, f.content, f.sha256, f.content.length, JSON.stringify([{ organisationId: f.organisationId }])],
    );
    return (row?.inserted ?? 0) > 0;
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
