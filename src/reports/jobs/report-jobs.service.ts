/**
 * Quarter-end batches: a statement PDF for every member, rendered in the background.
 *
 * A batch is a row of `report_jobs` (what to render, who asked, progress, errors) plus one pg-boss
 * job per member in the queue `report-statements` (schema `pgboss` of the same database), queued in
 * the transaction that inserts the row: both exist or neither. Any worker process takes any member's
 * job, so a batch is rendered by as many worker processes as there are (each renders one member at a
 * time). pg-boss persists the queue, so a batch queued before a restart is
 * rendered after it.
 *
 * A member's job is idempotent: its PDF is stored once in `report_files` (a repeated delivery finds
 * it and stops), and `done` counts a PDF only when it was stored. A 4xx (the statement cannot be
 * given) is that member's error, not retried; anything else is retried by pg-boss, and the last
 * failed attempt records the member as failed, so the batch still finishes. The member job that
 * settles the last member completes the batch (an UPDATE that only one transaction can win) and
 * publishes `batch.finished` in the same transaction: exactly once per batch.
 *
 * Retention: the PDFs are renderings of figures kept elsewhere (issued statements, the ledger), and
 * can be made again; a process with the worker deletes finished jobs (and their files, by cascade)
 * older than REPORT_RETENTION_DAYS when it starts and every hour. Queued and running jobs are never
 * touched.
 */
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AccessService } from '../../consortia/access.service';
import { AuthService } from '../../auth/auth.service';
import type { Principal } from '../../auth/principal';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../../common/errors/domain-error';
import { cmp, firstDay, lastDay, monthDiff } from '../../common/months';
import { REPORTS_CONFIG, type ReportsConfig } from '../../config/slices';
import { UnitOfWork, type Tx } from '../../database/sql';
import { EventsService } from '../../events/events.service';
import { JobQueue, type JobMeta } from '../../jobs/job-queue.service';
import { ConsortiaService } from '../../consortia/consortia.service';
import { OrganisationDirectoryService } from '../../organisations/organisation-directory.service';
import { PdfError } from '../pdf';
import { ReportsService } from '../reports.service';
import type { ReportJob, ReportJobStatus } from './report-job.model';
import { ReportJobsRepository } from './report-jobs.repository';
import { uniqueNames, zipParts, zipSize } from './zip';

export const STATEMENTS_QUEUE = 'report-statements';
/** Member jobs that failed for good (pg-boss dead letters of STATEMENTS_QUEUE). */
export const STATEMENTS_GAVE_UP_QUEUE = 'report-statements.gave-up';
const RETRY_LIMIT = 3;
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
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: ReportJobsRepository,
    @Inject(REPORTS_CONFIG) private readonly config: ReportsConfig,
    private readonly access: AccessService,
    private readonly reports: ReportsService,
    private readonly consortia: ConsortiaService,
    private readonly organisations: OrganisationDirectoryService,
    private readonly auth: AuthService,
    private readonly jobs: JobQueue,
    private readonly events: EventsService,
    private readonly uow: UnitOfWork,
  ) {
    // One member's statement per job; a job without organisationId was queued for a whole batch by an
    // earlier version: it is split into member jobs. A process works one member at a time (pg-boss
    // concurrency 1): in a process that also serves the API the other page of the PDF pool stays free
    // for interactive reports; a batch goes faster with more worker processes, not more slots.
    // A member job that fails for good lands in the dead-letter queue: one that ran out of time on
    // its last attempt (failed by pg-boss maintenance, which no handler sees) is recorded there as the
    // member's error, so that its batch still finishes.
    this.jobs.define<MemberJob>({ name: STATEMENTS_GAVE_UP_QUEUE, retryLimit: RETRY_LIMIT, retryDelaySeconds: 5 }, async (data) =>
      data.organisationId ? this.memberGaveUp(data.reportJobId, data.organisationId) : undefined,
    );
    this.jobs.define<MemberJob>(
      {
        name: STATEMENTS_QUEUE,
        retryLimit: RETRY_LIMIT,
        retryDelaySeconds: 5,
        expireInSeconds: this.config.memberTimeoutSeconds,
        deadLetter: STATEMENTS_GAVE_UP_QUEUE,
      },
      async (data, meta) => (data.organisationId ? this.renderMember(data.reportJobId, data.organisationId, meta) : this.split(data.reportJobId)),
    );
  }

  // ------------------------------------------------------------------ queue lifecycle

  onApplicationBootstrap(): void {
    if (!this.jobs.worker) return;
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

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
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
    // the row and its member jobs in one transaction: a batch is never pending without its jobs
    const { job: row, created } = await this.uow.run(async (tx) => {
      const r = await this.repo.insertUnlessPending(tx, { consortiumId, from, to, organisationIds, requestedBy: principal });
      if (r.created) {
        for (const organisationId of organisationIds) await this.jobs.send(STATEMENTS_QUEUE, { reportJobId: r.job.id, organisationId } satisfies MemberJob, { on: tx });
        if (!organisationIds.length) await this.finishIfSettled(tx, r.job.id); // no member: nothing to wait for
      }
      return r;
    });
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

  private async publishFinished(tx: Tx, row: ReportJob): Promise<void> {
    await this.events.publish(tx, row.consortiumId, 'batch.finished', finishedPayload(row), row.requestedBy.userId);
  }

  /** Completes the batch if every member is settled, and tells the host (once: only one transaction completes it). */
  private async finishIfSettled(tx: Tx, jobId: string): Promise<void> {
    const done = await this.repo.completeIfSettled(tx, jobId);
    if (done) await this.publishFinished(tx, done);
  }

  /** Records a member's outcome and, in the same transaction, completes the batch if it was the last. */
  private settle(jobId: string, record: (tx: Tx) => Promise<unknown>): Promise<void> {
    return this.uow.run(async (tx) => {
      await record(tx);
      await this.finishIfSettled(tx, jobId);
    });
  }

  /**
   * A member job pg-boss gave up on (its dead letter). When its last attempt threw, the member was
   * recorded already and this changes nothing; when it ran out of time, nothing was: the member is
   * recorded as failed now, and the batch completes if it was the last.
   */
  async memberGaveUp(jobId: string, organisationId: string): Promise<void> {
    const row = await this.repo.start(null, jobId, 0);
    if (!row || (await this.repo.settled(null, jobId, organisationId))) return;
    const message = `Not rendered: its last attempt did not finish within ${this.config.memberTimeoutSeconds} seconds`;
    await this.settle(jobId, (tx) => this.repo.addError(tx, jobId, organisationId, message));
  }

  /**
   * Renders every member still missing, one after another in this process (a batch's member jobs
   * normally do this spread over the worker processes; tests and tools call it directly).
   */
  async run(jobId: string): Promise<void> {
    for (const organisationId of (await this.repo.organisationIds(null, jobId)) ?? []) {
      await this.renderMember(jobId, organisationId, { retryCount: 0, lastAttempt: false });
    }
  }

  /** A whole-batch job queued by an earlier version: queues a job for each member not yet settled. */
  async split(jobId: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const row = await this.repo.start(tx, jobId, 1);
      if (!row) return;
      for (const organisationId of row.organisationIds) {
        if (!(await this.repo.settled(tx, jobId, organisationId))) {
          await this.jobs.send(STATEMENTS_QUEUE, { reportJobId: jobId, organisationId } satisfies MemberJob, { on: tx });
        }
      }
      await this.finishIfSettled(tx, jobId);
    });
  }

  /**
   * One member's statement of a batch. Idempotent: a member already settled (its PDF stored or its
   * error recorded) is not rendered again. A 4xx is recorded as the member's error (not retried);
   * anything else is rethrown for pg-boss to retry, and recorded as the member's error on the last
   * attempt so that the batch still finishes.
   */
  async renderMember(jobId: string, organisationId: string, meta: Pick<JobMeta, 'retryCount' | 'lastAttempt'>): Promise<void> {
    const row = await this.repo.start(null, jobId, meta.retryCount + 1);
    if (!row) return; // deleted, or already finished
    if (await this.repo.settled(null, jobId, organisationId)) {
      // a repeated delivery (e.g. the process that ran it died after storing the PDF)
      await this.uow.run((tx) => this.finishIfSettled(tx, jobId));
      return;
    }
    const { from, to } = row.params;
    // The batch renders as its requester is now, not as it was when queued: a disabled, deleted or
    // demoted user's batch renders nothing more than that user could read today.
    const requester = await this.auth.activePrincipal(row.requestedBy.userId);
    if (!requester) {
      await this.uow.run(async (tx) => {
        const failed = await this.repo.fail(tx, jobId, 'The user who queued this batch can no longer sign in');
        if (failed) await this.publishFinished(tx, failed);
      });
      return;
    }
    let rendered: { pdf: Buffer; filename: string };
    try {
      rendered = await this.reports.statementPdf(requester, row.consortiumId, organisationId, from, to);
    } catch (e) {
      if (e instanceof DomainError && e.status < 500) {
        await this.settle(jobId, (tx) => this.repo.addError(tx, jobId, organisationId, e.message));
        return;
      }
      const message = e instanceof Error ? e.message : String(e);
      this.logger.warn({ jobId, organisationId, err: message, retryCount: meta.retryCount, transient: e instanceof PdfError }, 'report member attempt failed');
      if (meta.lastAttempt) {
        await this.settle(jobId, (tx) => this.repo.addError(tx, jobId, organisationId, `Not rendered after ${meta.retryCount + 1} attempts: ${message}`));
      } else {
        await this.repo.noteError(null, jobId, message);
      }
      throw e; // pg-boss retries (or, the last attempt, records the failure)
    }
    const sha256 = createHash('sha256').update(rendered.pdf).digest('hex');
    await this.settle(jobId, (tx) => this.repo.addFile(tx, { jobId, organisationId, filename: rendered.filename, content: rendered.pdf, sha256 }));
  }
}

/** A job of the queue `report-statements`: one member of a batch (organisationId absent: a whole batch, queued by an earlier version). */
interface MemberJob {
  reportJobId: string;
  organisationId?: string;
}

/** batch.finished: the host is told, by mail and webhook, that a batch it queued is done (or has failed for good). */
function finishedPayload(row: ReportJob) {
  return { jobId: row.id, from: row.params.from, to: row.params.to, status: row.status, done: row.done, failed: row.errors.length, requestedBy: row.requestedBy.userId };
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
