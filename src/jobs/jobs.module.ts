import { Global, Module } from '@nestjs/common';
import { JobLocksRepository } from './job-locks.repository';
import { JobQueue } from './job-queue.service';

/** The process's pg-boss (global: every module that queues or works jobs injects JobQueue). */
@Global()
@Module({ providers: [JobQueue, JobLocksRepository], exports: [JobQueue] })
export class JobsModule {}
