import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQuery } from '../common/http/pagination';
import { DATE, PageOf, TIMESTAMP, UUID } from '../common/http/openapi';
import { IsIsoDate } from '../common/validation/validation';

/** What the audit log keeps of an entity: a JSON object, or an array of them for bulk changes. */
const SNAPSHOT: ApiPropertyOptions = {
  oneOf: [
    { type: 'object', additionalProperties: true },
    { type: 'array', items: { type: 'object', additionalProperties: true } },
  ],
  nullable: true,
};

/** One row of the audit log as `GET /audit` shows it (AuditEntry of audit.repository.ts). */
export class AuditEntryView {
  @ApiProperty({ type: String, pattern: '^\\d+$', example: '1042', description: 'Increasing id (a 64-bit integer, as a string)' }) id: string;
  @ApiProperty(TIMESTAMP) at: Date;
  @ApiProperty({ ...UUID, nullable: true, description: 'null for the system (seed, background jobs)' }) actorUserId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorEmail: string | null;
  @ApiProperty({ example: 'update' }) action: string;
  @ApiProperty({ example: 'organisation' }) entity: string;
  @ApiProperty({ type: String, nullable: true, description: 'The id (or code) of the entity' }) entityId: string | null;
  @ApiProperty({ ...UUID, nullable: true }) consortiumId: string | null;
  @ApiProperty({ ...SNAPSHOT, description: 'The entity before the change as stored (an array of rows for bulk changes)' })
  before: Record<string, unknown> | unknown[] | null;
  @ApiProperty({ ...SNAPSHOT, description: 'The entity after the change' })
  after: Record<string, unknown> | unknown[] | null;
}

export class AuditEntryPage extends PageOf(AuditEntryView) {}

/** Filters of a consortium's audit entries (and, with consortiumId, of the whole log). */
export class ConsortiumAuditQuery extends ListQuery {
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

  @ApiPropertyOptional({ example: 'update', description: 'What was done: create, update, delete, import, …' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  action?: string;

  @ApiPropertyOptional({ example: 'host.admin@', description: "Who: part of the actor's email (case-insensitive; 'system' for the seed and background jobs)" })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  actor?: string;

  @ApiPropertyOptional({ ...DATE, description: 'Entries on or after this day (UTC)' })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ ...DATE, description: 'Entries on or before this day (UTC)' })
  @IsOptional()
  @IsIsoDate()
  to?: string;

  @ApiPropertyOptional({ example: 'cost_entry', description: 'Words anywhere in the entry: its entity, id, actor, before and after (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** The search filters of the audit log, as the service and repository take them. */
export interface AuditFilters {
  entity?: string;
  entityId?: string;
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  q?: string;
}
