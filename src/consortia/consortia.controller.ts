import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { ListQuery } from '../common/http/pagination';
import { AuditEntryPage, ConsortiumAuditQuery } from '../audit/dto';
import { uuidParam } from '../common/http/uuid-param';
import { ConsortiaService } from './consortia.service';
import { AddMemberDto, ArchiveConsortiumDto, ConsortiumPage, ConsortiumView, MemberList, CreateConsortiumDto, MemberView, UpdateConsortiumDto, UpdateMemberDto } from './dto';

@ApiTags('consortia')
@ApiBearerAuth()
@Controller('consortia')
export class ConsortiaController {
  constructor(private readonly service: ConsortiaService) {}

  @Post()
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: 'Create a consortium; the host becomes a member from startDate' })
  @ApiCreatedResponse({ type: ConsortiumView })
  create(@CurrentUser() p: Principal, @Body() dto: CreateConsortiumDto) {
    return this.service.create(p, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Consortia the caller may see' })
  @ApiOkResponse({ type: ConsortiumPage })
  list(@CurrentUser() p: Principal, @Query() q: ListQuery) {
    return this.service.list(p, q.limit ?? 50, q.offset ?? 0);
  }

  @Get(':id')
  @ApiOkResponse({ type: ConsortiumView })
  get(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.service.get(p, id);
  }

  @Patch(':id')
  @Roles('admin', 'host_admin')
  @ApiOkResponse({ type: ConsortiumView })
  update(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: UpdateConsortiumDto) {
    return this.service.update(p, id, dto);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Roles('admin', 'host_admin')
  @ApiOperation({
    summary:
      'Archive the consortium (its host): it stays readable and refuses every write (409 consortium_archived). Refused while a member other than the host has not left, or a month up to the last leaving month is open',
  })
  @ApiOkResponse({ type: ConsortiumView })
  archive(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: ArchiveConsortiumDto) {
    return this.service.archive(p, id, dto);
  }

  @Get(':id/audit')
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: "The consortium's audit entries, newest first (its host and admins)" })
  @ApiOkResponse({ type: AuditEntryPage })
  audit(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: ConsortiumAuditQuery) {
    return this.service.auditEntries(p, id, { ...q, limit: q.limit ?? 50, offset: q.offset ?? 0 });
  }

  @Post(':id/members')
  @Roles('admin')
  @ApiOperation({ summary: 'Enrol a member directly from joinedOn (admin, setting up or migrating a partnership; hosts invite); periods of one organisation may not overlap' })
  @ApiCreatedResponse({ type: MemberView })
  addMember(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: AddMemberDto) {
    return this.service.addMember(p, id, dto);
  }

  @Get(':id/members')
  @ApiOperation({ summary: 'Membership periods, oldest first' })
  @ApiOkResponse({ type: MemberList })
  listMembers(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.service.listMembers(p, id);
  }

  @Patch(':id/members/:organisationId')
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: "Set or clear the leaving date of the organisation's latest membership" })
  @ApiOkResponse({ type: MemberView })
  updateMember(
    @CurrentUser() p: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Param('organisationId', uuidParam('organisationId')) organisationId: string,
    @Body() dto: UpdateMemberDto,
  ) {
    return this.service.updateMember(p, id, organisationId, dto);
  }
}
