import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { uuidParam } from '../common/http/uuid-param';
import { InvitationPage, InvitationQuery, InvitationView, InviteDto } from './dto';
import { InvitationsService } from './invitations.service';

/** Joining by invitation (domain.md §13): the host invites, the invited organisation's administrator decides. */
@ApiTags('consortia')
@ApiBearerAuth()
@Controller()
export class InvitationsController {
  constructor(private readonly service: InvitationsService) {}

  @Post('consortia/:id/invitations')
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: 'Invite an organisation to join from joinedOn; it becomes a member when its administrator accepts' })
  @ApiCreatedResponse({ type: InvitationView })
  invite(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: InviteDto) {
    return this.service.invite(p, id, dto);
  }

  @Get('consortia/:id/invitations')
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: "The consortium's invitations, newest first (its host)" })
  @ApiOkResponse({ type: InvitationPage })
  listForConsortium(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: InvitationQuery) {
    return this.service.listForConsortium(p, id, q.status, q.limit ?? 50, q.offset ?? 0);
  }

  @Post('consortia/:id/invitations/:invitationId/withdraw')
  @HttpCode(200)
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: 'Withdraw a pending invitation (its host)' })
  @ApiOkResponse({ type: InvitationView })
  withdraw(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('invitationId', uuidParam('invitationId')) invitationId: string) {
    return this.service.withdraw(p, id, invitationId);
  }

  @Get('invitations')
  @Roles('admin', 'host_admin', 'org_admin')
  @ApiOperation({ summary: "Invitations the caller's organisation has received, newest first (admin: all)" })
  @ApiOkResponse({ type: InvitationPage })
  received(@CurrentUser() p: Principal, @Query() q: InvitationQuery) {
    return this.service.received(p, q.status, q.limit ?? 50, q.offset ?? 0);
  }

  @Post('invitations/:id/accept')
  @HttpCode(200)
  @Roles('admin', 'host_admin', 'org_admin')
  @ApiOperation({ summary: "Accept (the invited organisation's administrator): the organisation becomes a member from joinedOn" })
  @ApiOkResponse({ type: InvitationView })
  accept(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.service.accept(p, id);
  }

  @Post('invitations/:id/decline')
  @HttpCode(200)
  @Roles('admin', 'host_admin', 'org_admin')
  @ApiOperation({ summary: "Decline (the invited organisation's administrator)" })
  @ApiOkResponse({ type: InvitationView })
  decline(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.service.decline(p, id);
  }
}
