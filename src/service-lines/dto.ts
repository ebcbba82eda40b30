import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { CLASSIFICATIONS, FUNCTIONS, type Classification, type ServiceFunction } from '../common/enums';

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

  @ApiPropertyOptional({ type: [String], description: 'Organisations receiving the line; omitted = every member' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  recipientIds?: string[];
}

export class ServiceLineView {
  @ApiProperty() id: string;
  @ApiProperty() consortiumId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: FUNCTIONS }) function: ServiceFunction;
  @ApiProperty({ enum: CLASSIFICATIONS }) classification: Classification;
  @ApiProperty({ type: [String], nullable: true }) recipientIds: string[] | null;
}
