import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ListQuery } from '../common/http/pagination';
import { IsDecimalLike, IsMonth } from '../common/validation/validation';

export class MeasurementItemDto {
  @ApiProperty({ example: 'PAY_ACCURACY' })
  @IsString()
  @MaxLength(50)
  kpiCode: string;

  @ApiProperty()
  @IsUUID()
  serviceLineId: string;

  @ApiPropertyOptional({ description: 'The member it applies to; omitted = service-line wide (hosts only)' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiProperty({ example: '2025-05', description: 'Quarterly SLAs: the first month of the quarter' })
  @IsMonth()
  month: string;

  @ApiProperty({ example: '99.6' })
  @IsDecimalLike()
  value: string | number;
}

export class SubmitMeasurementsDto {
  @ApiProperty({ type: [MeasurementItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => MeasurementItemDto)
  items: MeasurementItemDto[];
}

export class MeasurementQuery extends ListQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  kpiCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  serviceLineId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ example: '2025-04' })
  @IsOptional()
  @IsMonth()
  from?: string;

  @ApiPropertyOptional({ example: '2026-03' })
  @IsOptional()
  @IsMonth()
  to?: string;
}

export class AcceptedView {
  @ApiProperty({ example: 42 }) accepted: number;
  @ApiPropertyOptional({ example: 3, description: 'How many earlier values were replaced' }) replaced?: number;
}
