/**
 * Quarter-end batches: a statement PDF for every member, rendered in the background.
 *
 * A job is a row of `report_jobs` (what to render, who asked, progress, errors) plus an entry in the
 * pg-boss queue `report-statements` (schema `pgboss` of the same database). pg-boss persists the
 * queue, so a job queued before a restart is picked up by the worker of the next process; the worker
 * starts with the app (REPORT_WORKER=false runs an API-only process). Each member's PDF is stored
 * in `report_files` as soon as it is rendered, so an interrupted job resumes where it stopped; a
 * failed attempt (e.g. the browser is unavailable) is retried by pg-boss.
 *
 * Retention: the PDFs are renderings of figures kept elsewhere (issued statements, the ledger), and
 * can be made again; a process with the worker deletes finished jobs (and their files, by cascade)
 * older than REPORT_RETENTION_DAYS when it starts and every hour. Queued and running jobs are never
 * touched.
 */
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { AccessService } from '../../auth/access.service';
import type { Principal } from '../../auth/principal';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../../common/errors/domain-error';
import { cmp, firstDay, lastDay, monthDiff } from '../../common/months';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';
import { PdfError } from '../pdf';
import { ReportsService } from '../reports.service';

export const STATEMENTS_QUEUE = 'report-statements';
const RETRY_LIMIT = 3;
const PG_BOSS_SCHEMA = 'pgboss';
const RETENTION_SWEEP_MS = 60 * 60 * 1000;

export interface ReportJobView {
  id: string;
  consortiumId: string;
  kind: 'statements';
  from: string;
  to: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  total: number;
  done: number;
  failed: number;
  errors: { organisationId: string; message: string }[];
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  files: { organisationId: string; organisationName: string; filename: string; size: number; sha256: string; url: string }[];
}

interface JobRow {
  id: string;
  consortium_id: string;
  kind: 'statements';
  params: { from: string; to: string };
  status: ReportJobView['status'];
  organisation_ids: string[];
  done: number;
  errors: { organisationId: string; message: string }[];
  requested_by: Principal;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

@Injectable()
export class ReportJobsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReportJobs');
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly reports: ReportsService,
  ) {}

  // ------------------------------------------------------------------ queue lifecycle

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.reportWorker) return;
    await this.queue();
    if (this.config.reportRetentionDays > 0) {
      const sweep = () => void this.deleteExpired().catch((err: unknown) => this.logger.warn({ err }, 'report retention sweep failed'));
      sweep();
      this.sweeper = setInterval(sweep, RETENTION_SWEEP_MS);
      this.sweeper.unref();
    }
  }

  /** Deletes finished jobs (and their PDFs) older than REPORT_RETENTION_DAYS; returns how many. */
  async deleteExpired(): Promise<number> {
    const days = this.config.reportRetentionDays;
    if (days <= 0) return 0;
    const [, count]: [unknown[], number] = await this.db.query(
      `DELETE FROM report_jobs WHERE status IN ('completed', 'failed') AND finished_at < now() - make_interval(days => $1)`,
      [days],
    );
    if (count) this.logger.log({ count, days }, 'deleted expired report jobs');
    return count;
  }

  /** pg-boss, started (and its schema installed or migrated) on first need; with the worker when enabled. */
  private queue(): Promise<PgBoss> {
    if (this.boss) return Promise.resolve(this.boss);
    this.starting ??= (async () => {
      const url = (this.db.options as { url?: string }).url;
      const boss = new PgBoss({ connectionString: url, schema: PG_BOSS_SCHEMA, max: 4, application_name: 'report-jobs', schedule: false, supervise: true, migrate: true });
      boss.on('error', (err) => this.logger.error({ err }, 'pg-boss error'));
      await boss.start();
      await boss.createQueue(STATEMENTS_QUEUE, { name: STATEMENTS_QUEUE, retryLimit: RETRY_LIMIT, retryDelay: 5, expireInSeconds: 30 * 60 });
      if (this.config.reportWorker) {
        await boss.work<{ reportJobId: string }>(STATEMENTS_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]) => {
          await this.run(job.data.reportJobId, job.retryCount);
        });
      }
      this.boss = boss;
      return boss;
    })();
    this.starting.catch(() => (this.starting = null));
    return this.starting;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    const boss = this.boss ?? (this.starting ? await this.starting.catch(() => null) : null);
    this.boss = null;
    this.starting = null;
    // graceful: the running job finishes its current member (or is failed, and retried by the next process)
    if (boss) await boss.stop({ graceful: true, timeout: 15_000, wait: true, close: true });
  }

  // ------------------------------------------------------------------ API

  async enqueueStatements(p: Principal, consortiumId: string, from: string, to: string): Promise<ReportJobView> {
    await this.access.consortium(p, consortiumId, 'manage');
    if (cmp(from, to) > 0) throw new ValidationError([{ field: 'to', message: 'to must be the same month as from or later' }]);
    if (monthDiff(from, to) >= 120) throw new ValidationError([{ field: 'to', message: 'a statement covers at most 120 months' }]);
    // every member whose membership overlaps the period (as the statements service lists them), host first
    const members: { organisation_id: string }[] = await this.db.query(
      `SELECT m.organisation_id FROM members m JOIN consortia c ON c.id = m.consortium_id
        WHERE m.consortium_id = $1 AND m.joined_on <= $3 AND (m.left_on IS NULL OR m.left_on >= $2)
        GROUP BY m.organisation_id, c.host_organisation_id
        ORDER BY (m.organisation_id = c.host_organisation_id) DESC, min(m.joined_on), m.organisation_id`,
      [consortiumId, firstDay(from), lastDay(to)],
    );
    const principal: Principal = { userId: p.userId, email: p.email, role: p.role, organisationId: p.organisationId };
    const boss = await this.queue();
    const [row]: JobRow[] = await this.db.query(
      `INSERT INTO report_jobs (consortium_id, kind, params, organisation_ids, requested_by) VALUES ($1, 'statements', $2, $3, $4) RETURNING *`,
      [consortiumId, JSON.stringify({ from, to }), members.map((m) => m.organisation_id), JSON.stringify(principal)],
    );
    await boss.send(STATEMENTS_QUEUE, { reportJobId: row.id }, { retryLimit: RETRY_LIMIT, retryDelay: 5, expireInSeconds: 30 * 60 });
    return this.view(row);
  }

  async get(p: Principal, consortiumId: string, jobId: string): Promise<ReportJobView> {
    await this.access.consortium(p, consortiumId, 'manage');
    const [row]: JobRow[] = await this.db.query(`SELECT * FROM report_jobs WHERE id = $1 AND consortium_id = $2`, [jobId, consortiumId]);
    if (!row) throw new NotFoundError('Report job');
    return this.view(row);
  }

  async file(p: Principal, consortiumId: string, jobId: string, organisationId: string): Promise<{ pdf: Buffer; filename: string; sha256: string }> {
    const job = await this.get(p, consortiumId, jobId);
    const [f]: { content: Buffer; filename: string; sha256: string }[] = await this.db.query(
      `SELECT content, filename, sha256 FROM report_files WHERE job_id = $1 AND organisation_id = $2`,
      [jobId, organisationId],
    );
    if (f) return { pdf: f.content, filename: f.filename, sha256: f.sha256 };
    const [row]: JobRow[] = await this.db.query(`SELECT organisation_ids FROM report_jobs WHERE id = $1`, [jobId]);
    if (row?.organisation_ids.includes(organisationId) && (job.status === 'queued' || job.status === 'running')) {
      throw new ConflictError('report_not_ready', 'This statement has not been rendered yet; see the job’s progress');
    }
    throw new NotFoundError('Report file');
  }

  private async view(row: JobRow): Promise<ReportJobView> {
    const files: { organisation_id: string; name: string; filename: string; size: number; sha256: string }[] = await this.db.query(
      `SELECT f.organisation_id, o.name, f.filename, f.size, f.sha256 FROM report_files f JOIN organisations o ON o.id = f.organisation_id
        WHERE f.job_id = $1 ORDER BY array_position($2::uuid[], f.organisation_id)`,
      [row.id, row.organisation_ids],
    );
    return {
      id: row.id,
      consortiumId: row.consortium_id,
      kind: row.kind,
      from: row.params.from,
      to: row.params.to,
      status: row.status,
      total: row.organisation_ids.length,
      done: row.done,
      failed: row.errors.length,
      errors: row.errors,
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: row.created_at,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      files: files.map((f) => ({
        organisationId: f.organisation_id,
        organisationName: f.name,
        filename: f.filename,
        size: f.size,
        sha256: f.sha256,
        url: `/api/v1/consortia/${row.consortium_id}/reports/jobs/${row.id}/files/${f.organisation_id}.pdf`,
      })),
    };
  }

  // ------------------------------------------------------------------ worker

  /** Renders what is still missing; a member whose statement cannot be given (4xx) is recorded, not retried. */
  async run(jobId: string, retryCount = 0): Promise<void> {
    // (TypeORM answers an UPDATE with [rows, count])
    const [[row]]: [JobRow[], number] = await this.db.query(
      `UPDATE report_jobs SET status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()) WHERE id = $1 AND status IN ('queued', 'running') RETURNING *`,
      [jobId],
    );
    if (!row) return; // deleted, or already finished
    const { from, to } = row.params;
    try {
      const have = new Set<string>(
        (await this.db.query(`SELECT organisation_id FROM report_files WHERE job_id = $1`, [jobId])).map((r: { organisation_id: string }) => r.organisation_id),
      );
      const failed = new Set(row.errors.map((e) => e.organisationId));
      for (const orgId of row.organisation_ids) {
        if (have.has(orgId) || failed.has(orgId)) continue;
        try {
          const { pdf, filename } = await this.reports.statementPdf(row.requested_by, row.consortium_id, orgId, from, to);
          const sha256 = createHash('sha256').update(pdf).digest('hex');
          await this.db.query(
            `WITH f AS (INSERT INTO report_files (job_id, organisation_id, filename, content, sha256, size) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING 1)
             UPDATE report_jobs SET done = done + (SELECT count(*) FROM f) WHERE id = $1`,
            [jobId, orgId, filename, pdf, sha256, pdf.length],
          );
        } catch (e) {
          if (e instanceof DomainError && e.status < 500) {
            await this.db.query(`UPDATE report_jobs SET errors = errors || $2::jsonb WHERE id = $1`, [jobId, JSON.stringify([{ organisationId: orgId, message: e.message }])]);
            continue;
          }
          throw e;
        }
      }
      await this.db.query(`UPDATE report_jobs SET status = 'completed', finished_at = now(), last_error = NULL WHERE id = $1`, [jobId]);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const final = retryCount >= RETRY_LIMIT;
      await this.db
        .query(`UPDATE report_jobs SET last_error = $2, status = $3, finished_at = CASE WHEN $3 = 'failed' THEN now() END WHERE id = $1`, [
          jobId,
          message,
          final ? 'failed' : 'running',
        ])
        .catch(() => undefined);
      this.logger.warn({ jobId, err: message, retryCount, transient: e instanceof PdfError }, 'report job attempt failed');
      throw e; // pg-boss retries (or records the failure)
    }
  }
}
