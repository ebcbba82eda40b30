import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { CreateKpiDto, KpiPage, KpiQuery, KpiView } from './dto';
import { KpisService } from './kpis.service';

@ApiTags('kpis')
@ApiBearerAuth()
@Controller('kpis')
export class KpisController {
  constructor(private readonly service: KpisService) {}

  @Get()
  @ApiOperation({ summary: 'The KPI catalogue (QIPP indicators of seeds table 15 and service-level KPIs)' })
  @ApiOkResponse({ type: KpiPage })
  list(@Query() q: KpiQuery) {
    return this.service.list(q);
  }

  @Get(':code')
  @ApiOkResponse({ type: KpiView })
  get(@Param('code') code: string) {
    return this.service.get(code);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a KPI to the catalogue (admins)' })
  @ApiCreatedResponse({ type: KpiView })
  create(@CurrentUser() p: Principal, @Body() dto: CreateKpiDto) {
    return this.service.create(p, dto);
  }
}
