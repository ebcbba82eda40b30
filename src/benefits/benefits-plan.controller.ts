import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { uuidParam } from '../common/http/uuid-param';
import { fieldErrorsTogether } from '../common/validation/together';
import { UpsertResult } from '../ledger/dto';
import { BenefitsPlanList, PutBenefitsPlanDto } from './dto';
import { BenefitsPlanService } from './benefits-plan.service';

/** The benefits plan (domain.md §16). */
@ApiTags('benefits')
@ApiBearerAuth()
@Controller('consortia/:id/benefits-plan')
export class BenefitsPlanController {
  constructor(private readonly service: BenefitsPlanService) {}

  @Put()
  @HttpCode(200)
  @Roles('admin', 'host_admin')
  @ApiOperation({
    summary:
      'Set members’ planned savings and guaranteed percentages per financial year (host; all or nothing, audited). Upserts the rows given; other rows stay. The plan changes no charge and no issued statement, so past years may be edited',
  })
  @ApiOkResponse({ type: UpsertResult })
  put(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: PutBenefitsPlanDto) {
    return fieldErrorsTogether(dto, () => this.service.put(p, id, dto));
  }

  @Get()
  @ApiOperation({ summary: 'The benefits plan by member and financial year (host and the partnership board: all; other members: their own)' })
  @ApiOkResponse({ type: BenefitsPlanList })
  list(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.service.list(p, id);
  }
}
