import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { COUNT, DATE } from '../common/http/openapi';
import { IsIsoDate } from '../common/validation/validation';
import { ListQuery } from '../common/http/pagination';

export const DECISION_KINDS = [
  'agreement_proposed',
  'vote_cast',
  'agreement_approved',
  'agreement_rejected',
  'proposal_withdrawn',
  'member_joined',
  'member_leaving',
  'member_removed',
  'month_closed',
  'consortium_archived',
] as const;

export class DecisionsQuery extends ListQuery {
  @ApiPropertyOptional({ enum: DECISION_KINDS })
  @IsOptional()
  @IsIn(DECISION_KINDS)
  kind?: (typeof DECISION_KINDS)[number];

  @ApiPropertyOptional({ ...DATE, description: 'Decisions on or after this day (UTC)' })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ ...DATE, description: 'Decisions on or before this day (UTC)' })
  @IsOptional()
  @IsIsoDate()
  to?: string;

  @ApiPropertyOptional({ example: 'approved', description: 'Words in the summary (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class DecisionView {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ format: 'uuid' }) consortiumId!: string;
  @ApiProperty({ type: String, format: 'date-time' }) at!: Date;
  @ApiProperty({ enum: DECISION_KINDS }) kind!: string;
  @ApiProperty({ example: 'North Trust approved version 2 (effective from 2025-10)' }) summary!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorUserId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorOrganisationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorOrganisationName!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'org_admin' }) actorRole!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { version: 2, vote: 'approve' } }) subject!: Record<string, unknown>;
}

export class DecisionPage {
  @ApiProperty({ type: [DecisionView] }) items!: DecisionView[];
  @ApiProperty(COUNT) total!: number;
}
