import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../auth/principal';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: TypeOrmHealthIndicator) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and database reachability' })
  @ApiOkResponse({ schema: { example: { status: 'ok', db: 'up' } } })
  @ApiServiceUnavailableResponse({ schema: { example: { status: 'error', db: 'down' } } })
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
