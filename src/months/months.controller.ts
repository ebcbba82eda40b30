import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { ValidationError } from '../common/errors/domain-error';
import { uuidParam } from '../common/http/uuid-param';
import { monthProblem } from '../common/validation/validation';
import { ClosedMonthList, ClosedMonthView, CloseMonthDto, MonthPreviewView } from '../statements/dto';
import { MonthCloseService } from './month-close.service';
import { MonthsService } from './months.service';

function monthParam(v: string): string {
  const problem = monthProblem(v, 'month');
  if (problem) throw new ValidationError([{ field: 'month', message: problem }]);
  return v;
}

@ApiTags('statements')
@ApiBearerAuth()
@Controller('consortia/:id')
export class MonthsController {
  constructor(
    private readonly service: MonthsService,
    private readonly closing: MonthCloseService,
  ) {}

  @Post('months/:month/close')
  @HttpCode(201)
  @Roles('admin', 'host_admin')
  @ApiOperation({
    summary: 'Close a month: issue every member’s statement for it (with a SHA-256 of its canonical JSON)',
    description:
      'Months close in order from the consortium’s start month (409 `month_close_out_of_order`, `month_already_closed`); a month that has not ended is 422. ' +
      'With `previewToken` (from GET …/months/:month/preview), a close whose figures differ from the preview is 409 `preview_out_of_date` and nothing is written. ' +
      'Afterwards costs, activity, measurements and baselines touching the month are refused with 409 `month_closed`, and its statements never change.',
  })
  @ApiCreatedResponse({ type: ClosedMonthView })
  close(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('month') month: string, @Body() dto: CloseMonthDto) {
    return this.closing.close(p, id, monthParam(month), dto.note, dto.previewToken);
  }

  @Get('months/:month/preview')
  @Roles('admin', 'host_admin')
  @ApiOperation({
    summary: 'Preview a month close: every member’s statement for the month exactly as closing it would issue it (with its content hash), writing nothing',
    description:
      'The same checks as the close (out of order or already closed 409, not ended 422) and the same computation. ' +
      'Give `previewToken` to the close to refuse it (409 `preview_out_of_date`) if the figures have changed since the preview.',
  })
  @ApiOkResponse({ type: MonthPreviewView })
  preview(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('month') month: string): Promise<MonthPreviewView> {
    return this.closing.preview(p, id, monthParam(month));
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
