import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Public } from '../auth/principal';

function health(status: string, db: string): SchemaObject {
  return {
    type: 'object',
    properties: { status: { type: 'string', enum: [status] }, db: { type: 'string', enum: [db] } },
    required: ['status', 'db'],
    additionalProperties: false,
    example: { status, db },
  };
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: TypeOrmHealthIndicator) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and database reachability' })
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
}
