import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At most one pending (queued or running) statement batch per consortium and period: a second
 * identical request returns the first job (ReportJobsService.enqueueStatements) instead of queueing
 * the same work again. Existing duplicates, if any, keep the oldest; the others are marked failed
 * (their PDFs can be made again by the one kept).
 */
export class PendingStatementBatchUnique1763900001213 implements MigrationInterface {
  name = 'PendingStatementBatchUnique1763900001213';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE report_jobs j SET status = 'failed', finished_at = now(), last_error = 'duplicate of an earlier pending batch'
       WHERE j.status IN ('queued', 'running')
         AND EXISTS (SELECT 1 FROM report_jobs o
                      WHERE o.consortium_id = j.consortium_id AND o.kind = j.kind
                        AND o.params->>'from' = j.params->>'from' AND o.params->>'to' = j.params->>'to'
                        AND o.status IN ('queued', 'running')
                        AND (o.created_at, o.id) < (j.created_at, j.id))`);
    await q.query(`
      CREATE UNIQUE INDEX ux_report_jobs_pending ON report_jobs (consortium_id, kind, (params->>'from'), (params->>'to'))
       WHERE status IN ('queued', 'running')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ux_report_jobs_pending`);
  }
}
