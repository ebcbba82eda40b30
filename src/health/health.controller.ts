import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Public } from '../auth/principal';
import { type Readiness, ReadinessService } from './readiness.service';

function health(status: string, db: string): SchemaObject {
  return {
    type: 'object',
    properties: { status: { type: 'string', enum: [status] }, db: { type: 'string', enum: [db] } },
    required: ['status', 'db'],
    additionalProperties: false,
    example: { status, db },
  };
}

const STATE: SchemaObject = { type: 'string', enum: ['up', 'down'] };

function readiness(status: 'ok' | 'error'): SchemaObject {
  const example: Readiness =
    status === 'ok'
      ? { status, checks: { db: 'up', migrations: 'up', jobs: 'up', shutdown: 'up' } }
      : { status, checks: { db: 'up', migrations: 'up', jobs: 'up', shutdown: 'down' } };
  return {
    type: 'object',
    properties: {
      status: { type: 'string', enum: [status] },
      checks: {
        type: 'object',
        description: 'db: the database answers; migrations: none pending; jobs: the job queue (pg-boss) has started; shutdown: down once the process has begun to stop',
        properties: { db: STATE, migrations: STATE, jobs: STATE, shutdown: STATE },
        required: ['db', 'migrations', 'jobs', 'shutdown'],
        additionalProperties: false,
      },
    },
    required: ['status', 'checks'],
    additionalProperties: false,
    example,
  };
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: TypeOrmHealthIndicator,
    private readonly readiness: ReadinessService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and database reachability (kept for existing monitors; prefer /health/live and /health/ready)' })
  @ApiOkResponse({ schema: health('ok', 'up') })
  @ApiServiceUnavailableResponse({ schema: health('error', 'down') })
  async check(@Res({ passthrough: true }) res: Response): Promise<{ status: string; db: string }> {
    // Terminus 11 reports a failed ping in its result (older versions threw): handle both.
    const up = await this.db
      .pingCheck('db', { timeout: 1500 })
      .then((r) => r.db?.status === 'up')
      .catch(() => false);
    if (up) return { status: 'ok', db: 'up' };
    res.status(503);
    return { status: 'error', db: 'down' };
  }

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process is up and its event loop turns (no database check; restart the process when this fails)' })
  @ApiOkResponse({
    schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } }, required: ['status'], additionalProperties: false, example: { status: 'ok' } },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'Readiness: send this process traffic (database answers, no migration pending, job queue started, not shutting down)' })
  @ApiOkResponse({ schema: readiness('ok') })
  @ApiServiceUnavailableResponse({ schema: readiness('error') })
  async ready(@Res({ passthrough: true }) res: Response): Promise<Readiness> {
    const r = await this.readiness.check();
    if (r.status !== 'ok') res.status(503);
    return r;
  }
}
