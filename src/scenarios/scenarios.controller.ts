import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../auth/principal';
import { uuidParam } from '../common/http/uuid-param';
import { SavedScenarioList, ScenarioRequestDto, ScenarioResultView } from './dto';
import { ScenariosService } from './scenarios.service';

/** What-if scenarios (domain.md §14). */
@ApiTags('scenarios')
@ApiBearerAuth()
@Controller('consortia/:id/scenarios')
export class ScenariosController {
  constructor(private readonly service: ScenariosService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Price a what-if scenario: each member’s statement as things are and with the changes, and the difference line by line (any member; items as statements are read). With `name` it is saved with its figures (not partner users)',
  })
  @ApiOkResponse({ type: ScenarioResultView })
  run(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: ScenarioRequestDto) {
    return this.service.run(p, id, dto);
  }

  @Get()
  @ApiOperation({ summary: 'The saved scenarios, newest first (every member)' })
  @ApiOkResponse({ type: SavedScenarioList })
  list(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.service.list(p, id);
  }

  @Get(':scenarioId')
  @ApiOperation({ summary: 'A saved scenario with its figures as computed when saved (items as statements are read)' })
  @ApiOkResponse({ type: ScenarioResultView })
  get(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('scenarioId', uuidParam('scenarioId')) scenarioId: string) {
    return this.service.get(p, id, scenarioId);
  }

  @Delete(':scenarioId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a saved scenario (its author or the host; audited)' })
  @ApiNoContentResponse()
  async delete(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('scenarioId', uuidParam('scenarioId')) scenarioId: string): Promise<void> {
    await this.service.delete(p, id, scenarioId);
  }
}
