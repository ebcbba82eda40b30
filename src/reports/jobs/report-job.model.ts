import type { Principal } from '../../auth/principal';

export type ReportJobStatus = 'queued' | 'running' | 'completed' | 'failed';

/** A background report job (quarter-end statement batch): a row of report_jobs; its queue entry lives in pg-boss. */
export interface ReportJob {
  id: string;
  consortiumId: string;
  kind: 'statements';
  params: { from: string; to: string };
  status: ReportJobStatus;
  organisationIds: string[];
  done: number;
  errors: { organisationId: string; message: string }[];
  /** The requesting user as a principal: the job sees what they may see. */
  requestedBy: Principal;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** One PDF produced by a job (a row of report_files, without its content), kept with its SHA-256. */
export interface ReportFile {
  jobId: string;
  organisationId: string;
  filename: string;
  sha256: string;
  size: number;
  createdAt: Date;
}
