import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../auth/principal';
import { uuidParam } from '../common/http/uuid-param';
import { AgreementImpactView, ConsolidatedStatementView, StatementListView, StatementQuery, StatementView } from './dto';
import { ValidationError } from '../common/errors/domain-error';
import { StatementsService } from './statements.service';

@ApiTags('statements')
@ApiBearerAuth()
@Controller('consortia/:id')
export class StatementsController {
  constructor(private readonly service: StatementsService) {}

  @Get('statements')
  @ApiOperation({
    summary: 'Every member’s statement over from..to (host, admin and the partnership board: board viewers of members)',
    description:
      'Closed months come from the statements issued when they were closed and never change; open months are computed from the ledger. 422 `no_agreement` without an approved agreement.',
  })
  @ApiOkResponse({ type: StatementListView })
  list(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: StatementQuery) {
    return this.service.list(p, id, q.from, q.to);
  }

  @Get('statements/consolidated')
  @ApiOperation({ summary: 'The consolidated statement: every member’s statement and the sum of their lines, exactly (host, admin and the partnership board)' })
  @ApiOkResponse({ type: ConsolidatedStatementView })
  consolidated(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: StatementQuery) {
    return this.service.consolidated(p, id, q.from, q.to);
  }

  @Get('agreement/versions/:version/impact')
  @ApiOperation({
    summary: 'What an agreement version (e.g. the proposed one) would change in each member’s charge',
    description:
      'The last complete financial quarter priced both ways from the ledger as it stands: by the approved versions, and by this version over the whole quarter, with proposed − current per line. ' +
      'The host, admins and the partnership board read every member; other members their own organisation.',
  })
  @ApiOkResponse({ type: AgreementImpactView })
  impact(
    @CurrentUser() p: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Param('version', new ParseIntPipe({ exceptionFactory: () => new ValidationError([{ field: 'version', message: 'version must be a whole number' }]) })) version: number,
  ) {
    return this.service.impact(p, id, version);
  }

  @Get('statements/:organisationId')
  @ApiOperation({ summary: 'One member’s statement over from..to (the host and the partnership board any member’s; other members their own organisation only; others 404)' })
  @ApiOkResponse({ type: StatementView })
  one(
    @CurrentUser() p: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Param('organisationId', uuidParam('organisationId')) organisationId: string,
    @Query() q: StatementQuery,
  ) {
    return this.service.one(p, id, organisationId, q.from, q.to);
  }
}
