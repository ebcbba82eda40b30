import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CurrentUser, Principal } from '../auth/principal';
import { uuidParam } from '../common/http/uuid-param';
import { MONTH } from '../common/http/openapi';
import { IsMonth } from '../common/validation/validation';
import { PerformanceHistoryView, PerformanceView } from './dto';
import { PerformanceService } from './performance.service';

class MonthQuery {
  @ApiProperty(MONTH)
  @IsMonth()
  month: string;
}

class HistoryQuery extends MonthQuery {
  @ApiPropertyOptional({ format: 'uuid' })
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
  @ApiOkResponse({ type: PerformanceView })
  month(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: MonthQuery) {
    return this.service.month(p, id, q.month);
  }

  @Get('history')
  @ApiOperation({ summary: 'Twelve months of values and statuses per target and organisation, ending at month (for trend charts)' })
  @ApiOkResponse({ type: PerformanceHistoryView })
  history(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: HistoryQuery) {
    return this.service.history(p, id, q.month, q.slaId);
  }
}
