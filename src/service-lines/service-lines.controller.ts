import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { uuidParam } from '../common/http/uuid-param';
import { fieldErrorsTogether } from '../common/validation/together';
import { CreateServiceLineDto, ServiceLineList, ServiceLineView, UpdateServiceLineDto } from './dto';
import { ServiceLinesService } from './service-lines.service';

@ApiTags('service-lines')
@ApiBearerAuth()
@Controller('consortia/:id/service-lines')
export class ServiceLinesController {
  constructor(private readonly service: ServiceLinesService) {}

  @Post()
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: 'Add a service line (function + classification, optional recipients and go-live month)' })
  @ApiCreatedResponse({ type: ServiceLineView })
  create(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: CreateServiceLineDto) {
    return fieldErrorsTogether(dto, () => this.service.create(p, id, dto));
  }

  @Get()
  @ApiOkResponse({ type: ServiceLineList })
  list(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.service.list(p, id);
  }

  @Get(':serviceLineId')
  @ApiOkResponse({ type: ServiceLineView })
  get(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('serviceLineId', uuidParam('serviceLineId')) sl: string) {
    return this.service.get(p, id, sl);
  }

  @Patch(':serviceLineId')
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: 'Change the name, recipients or go-live month of a service line; closed months stay as issued (409 month_closed)' })
  @ApiOkResponse({ type: ServiceLineView })
  update(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('serviceLineId', uuidParam('serviceLineId')) sl: string, @Body() dto: UpdateServiceLineDto) {
    return fieldErrorsTogether(dto, () => this.service.update(p, id, sl, dto));
  }
}
