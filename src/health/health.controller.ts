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
    try {
      await this.db.pingCheck('db', { timeout: 1500 });
      return { status: 'ok', db: 'up' };
    } catch {
      res.status(503);
      return { status: 'error', db: 'down' };
    }
  }
}
