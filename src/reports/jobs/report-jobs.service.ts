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
import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import { AccessService } from '../../consortia/access.service';
import { AuthService } from '../../auth/auth.service';
import type { Principal } from '../../auth/principal';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../../common/errors/domain-error';
import { cmp, firstDay, lastDay, monthDiff } from '../../common/months';
import { DATABASE_CONFIG, REPORTS_CONFIG, type DatabaseConfig, type ReportsConfig } from '../../config/slices';
import { ConsortiaService } from '../../consortia/consortia.service';
import { OrganisationDirectoryService } from '../../organisations/organisation-directory.service';
import { PdfError } from '../pdf';
import { ReportsService } from '../reports.service';
import type { ReportJob, ReportJobStatus } from './report-job.model';
import { ReportJobsRepository } from './report-jobs.repository';
import { uniqueNames, zipParts, zipSize } from './zip';

export const STATEMENTS_QUEUE = 'report-statements';
const RETRY_LIMIT = 3;
const PG_BOSS_SCHEMA = 'pgboss';
const RETENTION_SWEEP_MS = 60 * 60 * 1000;

/** A job as listed (GET …/reports/jobs): its progress without its files. */
export type ReportJobSummary = Omit<ReportJobView, 'files'>;

/** The name of a member's statement inside a batch's ZIP: the member's name and the period, safe as a file name. */
export function zipEntryName(organisationName: string, from: string, to: string): string {
  const printable = [...organisationName].map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? '-' : ch)).join('');
  const name = printable.replace(/[/\\:*?"<>|]+/g, '-').trim() || 'Member';
  return `${name} statement ${from} to ${to}.pdf`;
}

export interface ReportJobView {
  id: string;
  consortiumId: string;
  kind: 'statements';
  from: string;
  to: string;
  status: ReportJobStatus;
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

@Injectable()
export class ReportJobsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReportJobs');
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: ReportJobsRepository,
    @Inject(REPORTS_CONFIG) private readonly config: ReportsConfig,
    @Inject(DATABASE_CONFIG) private readonly database: DatabaseConfig,
    private readonly access: AccessService,
    private readonly reports: ReportsService,
    private readonly consortia: ConsortiaService,
    private readonly organisations: OrganisationDirectoryService,
    private readonly auth: AuthService,
  ) {}

  // ------------------------------------------------------------------ queue lifecycle

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.worker) return;
    await this.queue();
    if (this.config.retentionDays > 0) {
      const sweep = () => void this.deleteExpired().catch((err: unknown) => this.logger.warn({ err }, 'report retention sweep failed'));
      sweep();
      this.sweeper = setInterval(sweep, RETENTION_SWEEP_MS);
      this.sweeper.unref();
    }
  }

  /** Deletes finished jobs (and their PDFs) older than REPORT_RETENTION_DAYS; returns how many. */
  async deleteExpired(): Promise<number> {
    const days = this.config.retentionDays;
    if (days <= 0) return 0;
    const count = await this.repo.deleteFinishedBefore(null, days);
    if (count) this.logger.log({ count, days }, 'deleted expired report jobs');
    return count;
  }

  /** pg-boss, started (and its schema installed or migrated) on first need; with the worker when enabled. */
  private queue(): Promise<PgBoss> {
    if (this.boss) return Promise.resolve(this.boss);
    this.starting ??= (async () => {
      const boss = new PgBoss({
        connectionString: this.database.url,
        schema: PG_BOSS_SCHEMA,
        max: 4,
        application_name: 'report-jobs',
        schedule: false,
        supervise: true,
        migrate: true,
      });
      boss.on('error', (err) => this.logger.error({ err }, 'pg-boss error'));
      await boss.start();
      await boss.createQueue(STATEMENTS_QUEUE, { name: STATEMENTS_QUEUE, retryLimit: RETRY_LIMIT, retryDelay: 5, expireInSeconds: 30 * 60 });
      if (this.config.worker) {
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

  /**
   * Queues a statement batch, or returns the identical batch (same consortium, from and to) that is
   * still queued or running (`created: false`): the same work is never queued twice.
   */
  async enqueueStatements(p: Principal, consortiumId: string, from: string, to: string): Promise<{ job: ReportJobView; created: boolean }> {
    await this.access.consortium(p, consortiumId, 'host');
    if (cmp(from, to) > 0) throw new ValidationError([{ field: 'to', message: 'to must be the same month as from or later' }]);
    if (monthDiff(from, to) >= 120) throw new ValidationError([{ field: 'to', message: 'a statement covers at most 120 months' }]);
    // every member whose membership overlaps the period (as the statements service lists them), host first
    const organisationIds = await this.consortia.memberIdsDuring(consortiumId, firstDay(from), lastDay(to));
    const principal: Principal = { userId: p.userId, email: p.email, role: p.role, organisationId: p.organisationId };
    const boss = await this.queue();
    const { job: row, created } = await this.repo.insertUnlessPending(null, { consortiumId, from, to, organisationIds, requestedBy: principal });
    if (!created) return { job: await this.view(row), created };
    try {
      await boss.send(STATEMENTS_QUEUE, { reportJobId: row.id }, { retryLimit: RETRY_LIMIT, retryDelay: 5, expireInSeconds: 30 * 60 });
    } catch (e) {
      // not queued: fail the row, or it would stand pending for ever and answer every identical request
      await this.repo.failAttempt(null, row.id, 'could not be queued', true);
      throw e;
    }
    return { job: await this.view(row), created };
  }

  async get(p: Principal, consortiumId: string, jobId: string): Promise<ReportJobView> {
    await this.access.consortium(p, consortiumId, 'host');
    const row = await this.repo.find(null, consortiumId, jobId);
    if (!row) throw new NotFoundError('Report job');
    return this.view(row);
  }

  /** A page of the consortium's batches, newest first (the host). */
  async list(p: Principal, consortiumId: string, limit: number, offset: number): Promise<{ items: ReportJobSummary[]; total: number }> {
    await this.access.consortium(p, consortiumId, 'host');
    const page = await this.repo.list(null, consortiumId, limit, offset);
    return { items: page.items.map((row) => summary(row)), total: page.total };
  }

  /**
   * Every PDF a finished job rendered, as one ZIP (stored entries named by member, in the job's
   * order): its size first (for Content-Length), then its bytes read one PDF at a time. While the
   * job is queued or running it is 409 `report_not_ready`: a ZIP is always the whole batch.
   */
  async zip(p: Principal, consortiumId: string, jobId: string): Promise<{ filename: string; size: number; parts: AsyncIterable<Buffer> }> {
    const job = await this.get(p, consortiumId, jobId);
    if (job.status === 'queued' || job.status === 'running') {
      throw new ConflictError('report_not_ready', 'The batch is still being rendered; its ZIP is ready when every statement is');
    }
    const names = uniqueNames(job.files.map((f) => zipEntryName(f.organisationName, job.from, job.to)));
    const listed = job.files.map((f, i) => ({ organisationId: f.organisationId, name: names[i], size: f.size }));
    const repo = this.repo;
    async function* entries() {
      for (const f of listed) {
        const c = await repo.fileContent(null, jobId, f.organisationId);
        if (!c) throw new Error(`report file vanished while zipping: ${jobId}/${f.organisationId}`);
        yield { name: f.name, data: c.content, modified: c.createdAt };
      }
    }
    return { filename: `statements-${job.from}-${job.to}.zip`, size: zipSize(listed), parts: zipParts(entries()) };
  }

  async file(p: Principal, consortiumId: string, jobId: string, organisationId: string): Promise<{ pdf: Buffer; filename: string; sha256: string }> {
    const job = await this.get(p, consortiumId, jobId);
    const f = await this.repo.fileContent(null, jobId, organisationId);
    if (f) return { pdf: f.content, filename: f.filename, sha256: f.sha256 };
    const organisationIds = await this.repo.organisationIds(null, jobId);
    if (organisationIds?.includes(organisationId) && (job.status === 'queued' || job.status === 'running')) {
      throw new ConflictError('report_not_ready', 'This statement has not been rendered yet; see the job’s progress');
    }
    throw new NotFoundError('Report file');
  }

  private async view(row: ReportJob): Promise<ReportJobView> {
    const files = await this.repo.files(null, row.id, row.organisationIds);
    const names = new Map(
      (
        await this.organisations.findMany(
          null,
          files.map((f) => f.organisationId),
        )
      ).map((o) => [o.id, o.name]),
    );
    return {
      ...summary(row),
      files: files.map((f) => ({
        organisationId: f.organisationId,
        organisationName: names.get(f.organisationId) ?? '',
        filename: f.filename,
        size: f.size,
        sha256: f.sha256,
        url: `/api/v1/consortia/${row.consortiumId}/reports/jobs/${row.id}/files/${f.organisationId}.pdf`,
      })),
    };
  }

  // ------------------------------------------------------------------ worker

  /** Renders what is still missing; a member whose statement cannot be given (4xx) is recorded, not retried. */
  async run(jobId: string, retryCount = 0): Promise<void> {
    const row = await this.repo.start(null, jobId);
    if (!row) return; // deleted, or already finished
    const { from, to } = row.params;
    // The batch renders as its requester is now, not as it was when queued: a disabled, deleted or
    // demoted user's batch renders nothing more than that user could read today.
    const requester = await this.auth.activePrincipal(row.requestedBy.userId);
    if (!requester) {
      await this.repo.failAttempt(null, jobId, 'The user who queued this batch can no longer sign in', true);
      return;
    }
    try {
      const have = new Set(await this.repo.renderedOrganisationIds(null, jobId));
      const failed = new Set(row.errors.map((e) => e.organisationId));
      for (const orgId of row.organisationIds) {
        if (have.has(orgId) || failed.has(orgId)) continue;
        try {
          const { pdf, filename } = await this.reports.statementPdf(requester, row.consortiumId, orgId, from, to);
          const sha256 = createHash('sha256').update(pdf).digest('hex');
          await this.repo.addFile(null, { jobId, organisationId: orgId, filename, content: pdf, sha256 });
        } catch (e) {
          if (e instanceof DomainError && e.status < 500) {
            await this.repo.addError(null, jobId, orgId, e.message);
            continue;
          }
          throw e;
        }
      }
      await this.repo.complete(null, jobId);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const final = retryCount >= RETRY_LIMIT;
      await this.repo.failAttempt(null, jobId, message, final).catch(() => undefined);
      this.logger.warn({ jobId, err: message, retryCount, transient: e instanceof PdfError }, 'report job attempt failed');
      throw e; // pg-boss retries (or records the failure)
    }
  }
}

function summary(row: ReportJob): ReportJobSummary {
  return {
    id: row.id,
    consortiumId: row.consortiumId,
    kind: row.kind,
    from: row.params.from,
    to: row.params.to,
    status: row.status,
    total: row.organisationIds.length,
    done: row.done,
    failed: row.errors.length,
    errors: row.errors,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}
