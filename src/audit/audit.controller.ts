import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { Roles } from '../auth/principal';
import { AuditService } from './audit.service';
import { AuditEntryPage, ConsortiumAuditQuery } from './dto';

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
