import { Injectable } from '@nestjs/common';
import { Sql, type Tx } from '../database/sql';

/** pg_advisory_xact_lock key of queue creation (migrations use 727000, the seed 727001). */
export const QUEUE_SETUP_LOCK_KEY = 727002;

/** Locks of the job queue's own start-up (pg-boss keeps its tables itself). */
@Injectable()
export class JobLocksRepository {
  constructor(private readonly sql: Sql) {}

  /** One process at a time creates pg-boss queues (held until `tx` ends). */
  async lockQueueSetup(tx: Tx): Promise<void> {
    await this.sql.exec(tx, `SELECT pg_advisory_xact_lock($1)`, [QUEUE_SETUP_LOCK_KEY]);
  }
}
