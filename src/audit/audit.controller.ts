import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { uuidParam } from '../common/http/uuid-param';
import { ListQuery } from '../common/http/pagination';
import { AuditService } from './audit.service';
import { AuditEntryPage } from './dto';

class ConsortiumAuditQuery extends ListQuery {
  @ApiPropertyOptional({ example: 'member' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;
}

class AuditQuery extends ConsortiumAuditQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  consortiumId?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'The audit log: every write with who, when, before and after (admins only)' })
  @ApiOkResponse({ type: AuditEntryPage })
  list(@Query() q: AuditQuery) {
    return this.audit.list({ ...q, limit: q.limit ?? 50, offset: q.offset ?? 0 });
  }
}

/**
 * A consortium's own audit entries for its host (and admins): who changed what and when, before and
 * after (issue 13: "the host cannot read the audit log to find out who did it"). Other members: 403;
 * another tenant: 404.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('consortia/:id/audit')
export class ConsortiumAuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: "The consortium's audit entries, newest first (its host and admins)" })
  @ApiOkResponse({ type: AuditEntryPage })
  list(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: ConsortiumAuditQuery) {
    return this.audit.listForConsortium(p, id, { ...q, limit: q.limit ?? 50, offset: q.offset ?? 0 });
  }
}
