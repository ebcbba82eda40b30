import { Body, Controller, Get, Headers, HttpCode, Param, ParseIntPipe, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { ValidationError } from '../common/errors/domain-error';
import { uuidParam } from '../common/http/uuid-param';
import { AgreementsService, parseIfMatch, VOTER_ROLES } from './agreements.service';
import { AgreementVersionList, AgreementVersionView, ApproveAgreementDto, CastVoteDto, PutAgreementDto } from './dto';

const IF_MATCH_PUT = {
  name: 'If-Match',
  required: false,
  description:
    'The `revision` of the draft you read (`3` or `"3"`). Required when a draft exists; a stale revision is 409 `revision_conflict`, a missing one 428. ' +
    'Omit it to start a new draft when there is none (the last version is approved).',
};

@ApiTags('agreements')
@ApiBearerAuth()
@Controller('consortia/:id/agreement')
export class AgreementsController {
  constructor(private readonly service: AgreementsService) {}

  @Put()
  @Roles('admin', 'host_admin')
  @ApiOperation({
    summary: 'Create or replace the draft risk-sharing agreement',
    description:
      'Creates a new draft version (when there is no draft) or replaces the draft. Optimistic concurrency: send `If-Match: <revision>`; ' +
      'the response carries the new revision (also as `ETag`). Co-operative: basis, serviceLineBases, fixedShares, managementFeePercent, exit terms. ' +
      'Commercial (shared_services_company, joint_venture, outsourcing): prices and exit.exitChargeSchedule; fee, bases and shares are refused.',
  })
  @ApiHeader(IF_MATCH_PUT)
  @ApiOkResponse({ type: AgreementVersionView })
  @ApiResponse({ status: 428, description: 'A draft exists and If-Match is missing' })
  async put(
    @CurrentUser() p: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: PutAgreementDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const v = await this.service.put(p, id, dto, parseIfMatch(ifMatch));
    res.setHeader('ETag', `"${v.revision}"`);
    return v;
  }

  @Post('propose')
  @HttpCode(200)
  @Roles('admin', 'host_admin')
  @ApiOperation({
    summary: 'Propose the draft to the members (domain.md §13)',
    description:
      'The draft becomes the proposed version; each member organisation’s approvers vote (POST …/agreement/versions/:version/votes) and the decision rule decides it. ' +
      'Its effectiveFrom must be after the last closed month and not before the version in force (409).',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Optional: propose only if the draft is still at this revision (409 otherwise)' })
  @ApiOkResponse({ type: AgreementVersionView })
  propose(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Headers('if-match') ifMatch: string | undefined) {
    return this.service.propose(p, id, parseIfMatch(ifMatch));
  }

  @Post('withdraw')
  @HttpCode(200)
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: 'Withdraw the proposed version before the members decide it (it is recorded as rejected)' })
  @ApiOkResponse({ type: AgreementVersionView })
  withdraw(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.service.withdraw(p, id);
  }

  @Post('versions/:version/votes')
  @HttpCode(200)
  @Roles(...VOTER_ROLES)
  @ApiOperation({
    summary: 'Cast (or change) your organisation’s vote on the proposed version',
    description:
      'One vote per member organisation (the host included) that is a member in the version’s first month; its latest vote counts. ' +
      '`unanimous`: one objection rejects; `majority`: approvals must be more than half, objections of half or more reject; `host`: the host decides. ' +
      'A decided version is 409 `version_decided`.',
  })
  @ApiOkResponse({ type: AgreementVersionView })
  vote(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('version', ParseIntPipe) version: number, @Body() dto: CastVoteDto) {
    return this.service.vote(p, id, version, dto);
  }

  @Post('approve')
  @HttpCode(200)
  @Roles('admin', 'host_admin')
  @ApiOperation({
    summary: 'Approve the proposed version (or the draft) directly: a platform admin acting for the partnership, or the host under the `host` rule',
    description:
      'Where the members decide (`unanimous`, `majority`) the host cannot approve alone (403): propose the version instead. An admin’s approval is in the decisions log as the admin’s. ' +
      'An approved version replaces the approved version from the same month, if any.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Optional: approve only if the draft is still at this revision (409 otherwise)' })
  @ApiOkResponse({ type: AgreementVersionView })
  approve(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Headers('if-match') ifMatch: string | undefined, @Body() dto: ApproveAgreementDto) {
    return this.service.approve(p, id, parseIfMatch(ifMatch), dto.note);
  }

  @Get()
  @ApiOperation({ summary: 'The approved version in force this month (before the first takes effect: the first approved); 404 when none has been approved' })
  @ApiOkResponse({ type: AgreementVersionView })
  active(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.service.active(p, id);
  }

  @Get('draft')
  @ApiOperation({ summary: 'The draft being edited (with its revision, also as ETag); 404 when there is none' })
  @ApiOkResponse({ type: AgreementVersionView })
  async draft(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Res({ passthrough: true }) res: Response) {
    const v = await this.service.draft(p, id);
    res.setHeader('ETag', `"${v.revision}"`);
    return v;
  }

  @Get('versions')
  @ApiOperation({ summary: 'Every version, oldest first (draft, proposed, approved, rejected, superseded), with voters and votes' })
  @ApiOkResponse({ type: AgreementVersionList })
  versions(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.service.versions(p, id);
  }

  @Get('versions/:version')
  @ApiOkResponse({ type: AgreementVersionView })
  version(
    @CurrentUser() p: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Param('version', new ParseIntPipe({ exceptionFactory: () => new ValidationError([{ field: 'version', message: 'version must be a whole number' }]) })) version: number,
  ) {
    return this.service.version(p, id, version);
  }
}
