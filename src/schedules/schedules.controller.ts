import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { uuidParam } from '../common/http/uuid-param';
import { PutSchedulesDto, SchedulesView } from './dto';
import { SchedulesService } from './schedules.service';

/** A consortium's schedules: the monthly board pack and the measurements reminder (docs/schedules.md). */
@ApiTags('schedules')
@ApiBearerAuth()
@Controller('consortia/:id/schedules')
export class SchedulesController {
  constructor(private readonly service: SchedulesService) {}

  @Get()
  @ApiOperation({ summary: 'The board pack day and the measurements reminder, the next dates and the last runs (anyone in the consortium)' })
  @ApiOkResponse({ type: SchedulesView })
  get(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.service.get(p, id);
  }

  @Put()
  @HttpCode(200)
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: 'Set the board pack day and the measurements reminder (host; audited; null turns one off)' })
  @ApiOkResponse({ type: SchedulesView })
  put(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: PutSchedulesDto) {
    return this.service.put(p, id, dto);
  }
}
