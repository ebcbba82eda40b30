import { Controller, Delete, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { uuidParam } from '../common/http/uuid-param';
import { MemberView } from '../consortia/dto';
import { MemberRemovalService } from './member-removal.service';

@ApiTags('consortia')
@ApiBearerAuth()
@Controller('consortia/:id/members')
export class MemberRemovalController {
  constructor(private readonly service: MemberRemovalService) {}

  @Delete(':organisationId')
  @Roles('admin', 'host_admin')
  @ApiOperation({
    summary:
      "Remove a member added in error: deletes the organisation's latest membership period when it began after the last closed month and nothing in the consortium hangs off it (409 member_has_records says what to delete first); answers the removed period",
  })
  @ApiOkResponse({ type: MemberView })
  remove(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('organisationId', uuidParam('organisationId')) organisationId: string) {
    return this.service.remove(p, id, organisationId);
  }
}
