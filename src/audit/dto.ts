import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQuery } from '../common/http/pagination';
import { PageOf, TIMESTAMP, UUID } from '../common/http/openapi';

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
}
