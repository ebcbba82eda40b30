import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { ValidationError } from '../common/errors/domain-error';
import { uuidParam } from '../common/http/uuid-param';
import { isMonth } from '../common/months';
import { ClosedMonthList, ClosedMonthView, CloseMonthDto, StatementListView, StatementQuery, StatementView } from './dto';
import { StatementsService } from './statements.service';

function monthParam(v: string): string {
  if (!isMonth(v)) throw new ValidationError([{ field: 'month', message: 'month must be a month YYYY-MM' }]);
  return v;
}

@ApiTags('statements')
@ApiBearerAuth()
@Controller('consortia/:id')
export class StatementsController {
  constructor(private readonly service: StatementsService) {}

  @Get('statements')
  @Roles('admin', 'host_admin')
  @ApiOperation({
    summary: 'Every member’s statement over from..to (host and admin)',
    description:
      'Closed months come from the statements issued when they were closed and never change; open months are computed from the ledger. 422 `no_agreement` without an approved agreement.',
  })
  @ApiOkResponse({ type: StatementListView })
  list(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: StatementQuery) {
    return this.service.list(p, id, q.from, q.to);
  }

  @Get('statements/:organisationId')
  @ApiOperation({ summary: 'One member’s statement over from..to (partners and board viewers: their own organisation only; others 404)' })
  @ApiOkResponse({ type: StatementView })
  one(
    @CurrentUser() p: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Param('organisationId', uuidParam('organisationId')) organisationId: string,
    @Query() q: StatementQuery,
  ) {
    return this.service.one(p, id, organisationId, q.from, q.to);
  }

  @Post('months/:month/close')
  @HttpCode(201)
  @Roles('admin', 'host_admin')
  @ApiOperation({
    summary: 'Close a month: issue every member’s statement for it (with a SHA-256 of its canonical JSON)',
    description:
      'Months close in order from the consortium’s start month (409 `month_close_out_of_order`, `month_already_closed`); a month that has not ended is 422. ' +
      'Afterwards costs, activity, measurements and baselines touching the month are refused with 409 `month_closed`, and its statements never change.',
  })
  @ApiCreatedResponse({ type: ClosedMonthView })
  close(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('month') month: string, @Body() dto: CloseMonthDto) {
    return this.service.close(p, id, monthParam(month), dto.note);
  }

  @Get('months')
  @ApiOperation({ summary: 'Closed months, oldest first, and the next month that may be closed' })
  @ApiOkResponse({ type: ClosedMonthList })
  months(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.service.months(p, id);
  }

  @Get('months/:month/statements')
  @ApiOperation({ summary: 'The statements issued for a closed month with their content hashes (partners and board viewers: their own)' })
  @ApiOkResponse({ type: ClosedMonthView })
  issued(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('month') month: string) {
    return this.service.issued(p, id, monthParam(month));
  }
}
