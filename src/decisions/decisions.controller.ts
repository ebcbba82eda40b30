import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../auth/principal';
import { uuidParam } from '../common/http/uuid-param';
import { DecisionsService } from './decisions.service';
import { DecisionPage, DecisionsQuery } from './dto';

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('consortia/:id/decisions')
export class DecisionsController {
  constructor(private readonly service: DecisionsService) {}

  @Get()
  @ApiOperation({ summary: "The consortium's decisions log, newest first: proposals, votes, decisions, membership changes, month closes (every member reads it)" })
  @ApiOkResponse({ type: DecisionPage })
  list(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: DecisionsQuery) {
    return this.service.list(p, id, { kind: q.kind, from: q.from, to: q.to, q: q.q, limit: q.limit ?? 50, offset: q.offset ?? 0 });
  }
}
