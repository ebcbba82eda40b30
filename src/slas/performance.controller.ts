import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CurrentUser, Principal } from '../auth/principal';
import { uuidParam } from '../common/http/uuid-param';
import { IsMonth } from '../common/validation/validation';
import { PerformanceService } from './performance.service';

class MonthQuery {
  @ApiProperty({ example: '2025-05' })
  @IsMonth()
  month: string;
}

class HistoryQuery extends MonthQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  slaId?: string;
}

@ApiTags('performance')
@ApiBearerAuth()
@Controller('consortia/:id/performance')
export class PerformanceController {
  constructor(private readonly service: PerformanceService) {}

  @Get()
  @ApiOperation({
    summary: 'SLA scorecard for a month: status (met / at_risk / breached / missing, null = not yet due), consecutive breaches, critical, and service credits booked that month',
  })
  month(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: MonthQuery) {
    return this.service.month(p, id, q.month);
  }

  @Get('history')
  @ApiOperation({ summary: 'Twelve months of values and statuses per target and organisation, ending at month (for trend charts)' })
  history(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: HistoryQuery) {
    return this.service.history(p, id, q.month, q.slaId);
  }
}
