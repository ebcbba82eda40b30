import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsMonth } from '../common/validation/validation';
import { CLASSIFICATIONS, FUNCTIONS, type Classification, type ServiceFunction } from '../common/enums';
import { MONTH, PageOf, UUID } from '../common/http/openapi';
import { FieldErrorsTogether } from '../common/validation/together';

@FieldErrorsTogether()
export class CreateServiceLineDto {
  @ApiProperty({ example: 'PAY', description: 'Unique in the consortium: capital letters, digits, _ or -' })
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9_-]{0,19}$/, { message: 'code must be 1–20 capital letters, digits, _ or -' })
  code: string;

  @ApiProperty({ example: 'Payroll services' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: FUNCTIONS })
  @IsIn(FUNCTIONS)
  function: ServiceFunction;

  @ApiProperty({ enum: CLASSIFICATIONS, description: 'seeds table 14: transactional (share), operational (retain some control), strategic (retain)' })
  @IsIn(CLASSIFICATIONS)
  classification: Classification;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', format: 'uuid' }, description: 'Organisations receiving the line; omitted = every member' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  recipientIds?: string[];

  @ApiPropertyOptional({
    ...MONTH,
    example: '2025-04',
    description: "First month the line operates (no costs, charges, baseline or SLA credits before it); default the consortium's start month",
  })
  @IsOptional()
  @IsMonth()
  goLive?: string;
}

@FieldErrorsTogether()
export class UpdateServiceLineDto {
  @ApiPropertyOptional({ example: 'Payroll and pensions' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', format: 'uuid' },
    nullable: true,
    description:
      'Organisations receiving the line; null = every member. Refused (409 month_closed) for an organisation added or removed that was a member in a closed month on or after goLive',
  })
  @IsOptional()
  @ValidateIf((o: UpdateServiceLineDto) => o.recipientIds !== null)
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  recipientIds?: string[] | null;

  @ApiPropertyOptional({ ...MONTH, example: '2025-06', description: 'First month the line operates; refused (409 month_closed) when the old or new month is closed' })
  @IsOptional()
  @IsMonth()
  goLive?: string;
}

export class ServiceLineView {
  @ApiProperty(UUID) id: string;
  @ApiProperty(UUID) consortiumId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: FUNCTIONS }) function: ServiceFunction;
  @ApiProperty({ enum: CLASSIFICATIONS }) classification: Classification;
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'uuid' }, nullable: true, description: 'null = every member' }) recipientIds: string[] | null;
  @ApiProperty({ ...MONTH, description: 'First month the line operates' }) goLive: string;
}

/** Every service line of the consortium (not paged). */
export class ServiceLineList extends PageOf(ServiceLineView) {}
