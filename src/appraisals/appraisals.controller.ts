import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Principal } from '../auth/principal';
import { uuidParam } from '../common/http/uuid-param';
import { AppraisalsService } from './appraisals.service';
import { AppraisalList, AppraisalView, CreateAppraisalDto } from './dto';

/** Options appraisals (domain.md §15). */
@ApiTags('appraisals')
@ApiBearerAuth()
@Controller()
export class AppraisalsController {
  constructor(private readonly service: AppraisalsService) {}

  @Post('appraisals')
  @ApiOperation({
    summary:
      'Options appraisal: net present cost of each option at the Green Book rate, saving against the status quo, payback year, ranking. Without consortiumId: computed, nothing saved (200). With it: saved in the consortium (201; host, admin, the partnership board, member organisations’ administrators)',
  })
  @ApiOkResponse({ type: AppraisalView, description: 'Computed, not saved' })
  @ApiCreatedResponse({ type: AppraisalView, description: 'Saved' })
  async create(@CurrentUser() p: Principal, @Body() dto: CreateAppraisalDto, @Res({ passthrough: true }) res: Response): Promise<AppraisalView> {
    const { saved, view } = await this.service.create(p, dto);
    res.status(saved ? 201 : 200);
    return view;
  }

  @Get('consortia/:id/appraisals')
  @ApiOperation({ summary: 'Saved appraisals of the consortium, newest first (every member reads them)' })
  @ApiOkResponse({ type: AppraisalList })
  list(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string): Promise<AppraisalList> {
    return this.service.list(p, id);
  }

  @Get('consortia/:id/appraisals/:appraisalId')
  @ApiOperation({ summary: 'One saved appraisal with its figures (every member reads it)' })
  @ApiOkResponse({ type: AppraisalView })
  get(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('appraisalId', uuidParam('appraisalId')) appraisalId: string): Promise<AppraisalView> {
    return this.service.get(p, id, appraisalId);
  }
}
