import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { uuidParam } from '../common/http/uuid-param';
import { ActivityList, ActivityQuery, BaselineList, CostList, CostQuery, CostView, CreateCostDto, PutActivityDto, PutBaselinesDto, UpsertResult } from './dto';
import { idempotencyKey } from './idempotency';
import { LedgerService } from './ledger.service';
import { fieldErrorsTogether } from '../common/validation/together';

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('consortia/:id')
export class LedgerController {
  constructor(private readonly service: LedgerService) {}

  @Post('costs')
  @Roles('admin', 'host_admin')
  @ApiOperation({
    summary: 'Record a cost entry (operating, investment or risk) in an open month',
    description:
      'Negative amounts are corrections; zero is refused. A closed month is 409 `month_closed`: enter the correction in an open month. ' +
      'With `Idempotency-Key`, a retry with the same body returns the first response (header `Idempotent-Replayed: true`) and creates nothing; ' +
      'the same key with a different body is 409 `idempotency_key_reused`.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: '1–255 visible ASCII characters, unique per intended entry (e.g. a UUID); scoped to the consortium and this route',
  })
  @ApiResponse({ status: 201, type: CostView, description: 'Created (or, for a repeated Idempotency-Key, the first response replayed)' })
  async createCost(
    @CurrentUser() p: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: CreateCostDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const r = await fieldErrorsTogether(dto, () => this.service.createCost(p, id, dto, idempotencyKey(key)));
    res.status(r.status);
    if (r.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return r.body;
  }

  @Get('costs')
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: 'Cost entries (host and admin only: in commercial models they are the host’s own costs)' })
  @ApiOkResponse({ type: CostList })
  listCosts(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: CostQuery) {
    return this.service.listCosts(p, id, q);
  }

  @Put('activity')
  @HttpCode(200)
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: 'Upsert activity volumes (all or nothing; every bad item named, e.g. items.3.volume; closed months 409)' })
  @ApiOkResponse({ type: UpsertResult })
  putActivity(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: PutActivityDto) {
    return fieldErrorsTogether(dto, () => this.service.putActivity(p, id, dto));
  }

  @Get('activity')
  @ApiOperation({ summary: 'Activity volumes (partners and board viewers: their own organisation’s)' })
  @ApiOkResponse({ type: ActivityList })
  listActivity(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: ActivityQuery) {
    return this.service.listActivity(p, id, q);
  }

  @Put('baselines')
  @HttpCode(200)
  @Roles('admin', 'host_admin')
  @ApiOperation({
    summary: 'Upsert annual baselines (all or nothing). Refused with 409 once any month of the consortium is closed: a baseline change would alter issued statements',
  })
  @ApiOkResponse({ type: UpsertResult })
  putBaselines(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: PutBaselinesDto) {
    return fieldErrorsTogether(dto, () => this.service.putBaselines(p, id, dto));
  }

  @Get('baselines')
  @ApiOperation({ summary: 'Annual baselines (partners and board viewers: their own organisation’s)' })
  @ApiOkResponse({ type: BaselineList })
  listBaselines(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.service.listBaselines(p, id);
  }
}
