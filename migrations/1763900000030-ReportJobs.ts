import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Background report jobs (the quarter-end statement batch) and the PDFs they produce, stored as
 * bytea with their SHA-256. The queue itself is pg-boss, in its own schema `pgboss`, which pg-boss
 * creates and migrates itself when the app starts.
 */
export class ReportJobs1763900000030 implements MigrationInterface {
  name = 'ReportJobs1763900000030';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('statements')),
        params jsonb NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
        organisation_ids uuid[] NOT NULL,
        done integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]'::jsonb,
        requested_by jsonb NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_report_jobs_consortium ON report_jobs (consortium_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE report_files (
        job_id uuid NOT NULL REFERENCES report_jobs(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        filename text NOT NULL,
        content bytea NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (job_id, organisation_id)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS report_files`);
    await q.query(`DROP TABLE IF EXISTS report_jobs`);
  }
}
