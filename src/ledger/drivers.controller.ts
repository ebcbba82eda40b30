import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { uuidParam } from '../common/http/uuid-param';
import { DriverList, PutDriversDto, UpsertResult } from './dto';
import { DriversService } from './drivers.service';
import { fieldErrorsTogether } from '../common/validation/together';

/** The consortium's allocation drivers (domain.md §12). */
@ApiTags('ledger')
@ApiBearerAuth()
@Controller('consortia/:id/drivers')
export class DriversController {
  constructor(private readonly service: DriversService) {}

  @Put()
  @HttpCode(200)
  @Roles('admin', 'host_admin')
  @ApiOperation({
    summary:
      'Set members’ turnover and headcount from a financial year (host; all or nothing, audited). A row prices the member’s months from April of its year until its next row; one that would reprice a closed month is 409 month_closed',
  })
  @ApiOkResponse({ type: UpsertResult })
  put(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: PutDriversDto) {
    return fieldErrorsTogether(dto, () => this.service.put(p, id, dto));
  }

  @Get()
  @ApiOperation({ summary: 'Allocation drivers by member and financial year (host and the partnership board: all; other members: their own)' })
  @ApiOkResponse({ type: DriverList })
  list(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.service.list(p, id);
  }
}
