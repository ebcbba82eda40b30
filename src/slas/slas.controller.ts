import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { uuidParam } from '../common/http/uuid-param';
import { CreateSlaDto, SlaList, SlaView, UpdateSlaDto } from './dto';
import { SlasService } from './slas.service';
import { fieldErrorsTogether } from '../common/validation/together';

class SlaListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  serviceLineId?: string;
}

@ApiTags('slas')
@ApiBearerAuth()
@Controller('consortia/:id/slas')
export class SlasController {
  constructor(private readonly service: SlasService) {}

  @Post()
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: 'Create an SLA (with service credits) or an OLA on a service line' })
  @ApiCreatedResponse({ type: SlaView })
  create(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: CreateSlaDto) {
    return fieldErrorsTogether(dto, () => this.service.create(p, id, dto));
  }

  @Get()
  @ApiOperation({ summary: 'SLAs and OLAs of the consortium' })
  @ApiOkResponse({ type: SlaList })
  list(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: SlaListQuery) {
    return this.service.list(p, id, q.serviceLineId);
  }

  @Get(':slaId')
  @ApiOkResponse({ type: SlaView })
  get(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('slaId', uuidParam('slaId')) slaId: string) {
    return this.service.get(p, id, slaId);
  }

  @Patch(':slaId')
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: 'Change the name, last effective month (retire) or targets of an SLA while no closed month is touched (409 month_closed otherwise)' })
  @ApiOkResponse({ type: SlaView })
  update(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('slaId', uuidParam('slaId')) slaId: string, @Body() dto: UpdateSlaDto) {
    return fieldErrorsTogether(dto, () => this.service.update(p, id, slaId, dto));
  }
}
