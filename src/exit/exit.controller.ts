import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../auth/principal';
import { uuidParam } from '../common/http/uuid-param';
import { ExitQuoteQuery, ExitQuoteView } from './dto';
import { ExitService } from './exit.service';

@ApiTags('exit')
@ApiBearerAuth()
@Controller('consortia/:id/members/:organisationId/exit-quote')
export class ExitController {
  constructor(private readonly service: ExitService) {}

  @Get()
  @ApiOperation({
    summary: 'What the member would pay to leave if it gave notice on noticeDate',
    description:
      'Partners and board viewers: their own organisation only (others 404). 422 `no_charging_history` without a complete month of membership before the notice month; 422 `no_agreement` without an approved agreement.',
  })
  @ApiOkResponse({ type: ExitQuoteView })
  quote(
    @CurrentUser() p: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Param('organisationId', uuidParam('organisationId')) organisationId: string,
    @Query() q: ExitQuoteQuery,
  ) {
    return this.service.quote(p, id, organisationId, q);
  }
}
