import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { ListQuery } from '../common/http/pagination';
import { uuidParam } from '../common/http/uuid-param';
import { CreateOrganisationDto, OrganisationPage, OrganisationView, UpdateOrganisationDto } from './dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly service: OrganisationsService) {}

  @Post()
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: 'Register an organisation (trust, ICB, CSU, provider)' })
  @ApiCreatedResponse({ type: OrganisationView })
  create(@CurrentUser() p: Principal, @Body() dto: CreateOrganisationDto) {
    return this.service.create(p, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Organisations the caller may see' })
  @ApiOkResponse({ type: OrganisationPage })
  list(@CurrentUser() p: Principal, @Query() q: ListQuery) {
    return this.service.list(p, q.limit ?? 50, q.offset ?? 0);
  }

  @Get(':id')
  @ApiOkResponse({ type: OrganisationView })
  get(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.service.get(p, id);
  }

  @Patch(':id')
  @Roles('admin', 'host_admin')
  @ApiOkResponse({ type: OrganisationView })
  update(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: UpdateOrganisationDto) {
    return this.service.update(p, id, dto);
  }
}
