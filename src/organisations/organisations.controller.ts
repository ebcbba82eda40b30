import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { ListQuery } from '../common/http/pagination';
import { uuidParam } from '../common/http/uuid-param';
import { CreateOrganisationDto, DirectoryPage, DirectoryQuery, OrganisationPage, OrganisationView, UpdateOrganisationDto } from './dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly service: OrganisationsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Register an organisation (trust, ICB, CSU, provider): a platform admin, who then creates its first administrator' })
  @ApiCreatedResponse({ type: OrganisationView })
  create(@CurrentUser() p: Principal, @Body() dto: CreateOrganisationDto) {
    return this.service.create(p, dto);
  }

  @Get('directory')
  @ApiOperation({ summary: "Every organisation's public entry (name, type, ODS code): to find one to invite" })
  @ApiOkResponse({ type: DirectoryPage })
  directory(@Query() q: DirectoryQuery) {
    return this.service.directory(q.q, q.limit ?? 50, q.offset ?? 0);
  }

  @Get()
  @ApiOperation({ summary: "Organisations whose full profile the caller may read: its own and its consortia's members (admin: all)" })
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
  @Roles('admin', 'host_admin', 'org_admin')
  @ApiOperation({ summary: "Edit an organisation's profile (its own administrators, admin)" })
  @ApiOkResponse({ type: OrganisationView })
  update(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: UpdateOrganisationDto) {
    return this.service.update(p, id, dto);
  }
}
