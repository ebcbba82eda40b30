import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A background report job (quarter-end statement batch); its queue entry lives in pg-boss. */
@Entity('report_jobs')
export class ReportJob {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  consortiumId: string;

  @Column({ type: 'text' })
  kind: 'statements';

  @Column({ type: 'jsonb' })
  params: { from: string; to: string };

  @Column({ type: 'text' })
  status: 'queued' | 'running' | 'completed' | 'failed';

  @Column({ type: 'uuid', array: true })
  organisationIds: string[];

  @Column({ type: 'int' })
  done: number;

  @Column({ type: 'jsonb' })
  errors: { organisationId: string; message: string }[];

  /** The requesting user as a principal: the job sees what they may see. */
  @Column({ type: 'jsonb' })
  requestedBy: { userId: string; email: string; role: string; organisationId: string | null };

  @Column({ type: 'int' })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}

/** One PDF produced by a job, kept with its SHA-256. */
@Entity('report_files')
export class ReportFile {
  @PrimaryColumn({ type: 'uuid' })
  jobId: string;

  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  filename: string;

  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
