import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FieldErrorsTogether } from '../common/validation/together';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { COUNT, DECIMAL, decimalInput, MONTH, PageOf, TIMESTAMP, UUID } from '../common/http/openapi';
import { ListQuery } from '../common/http/pagination';
import { IsDecimalLike, IsMonth } from '../common/validation/validation';

export class MeasurementItemDto {
  @ApiProperty({ example: 'PAY_ACCURACY' })
  @IsString()
  @MaxLength(50)
  kpiCode: string;

  @ApiProperty(UUID)
  @IsUUID()
  serviceLineId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The member it applies to; omitted = service-line wide (hosts only)' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiProperty({ ...MONTH, description: 'Quarterly SLAs: the first month of the quarter' })
  @IsMonth()
  month: string;

  @ApiProperty(decimalInput({ example: '99.6' }))
  @IsDecimalLike()
  value: string | number;
}

@FieldErrorsTogether()
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

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  serviceLineId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ ...MONTH, example: '2025-04' })
  @IsOptional()
  @IsMonth()
  from?: string;

  @ApiPropertyOptional({ ...MONTH, example: '2026-03' })
  @IsOptional()
  @IsMonth()
  to?: string;
}

export class AcceptedView {
  @ApiProperty({ ...COUNT, example: 42 }) accepted: number;
  @ApiPropertyOptional({ ...COUNT, example: 3, description: 'How many earlier values were replaced' }) replaced?: number;
}

export class MeasurementView {
  @ApiProperty(UUID) id: string;
  @ApiProperty({ example: 'PAY_ACCURACY' }) kpiCode: string;
  @ApiProperty(UUID) serviceLineId: string;
  @ApiProperty({ example: 'PAY' }) serviceLineCode: string;
  @ApiProperty({ ...UUID, nullable: true, description: 'null = service-line wide' }) organisationId: string | null;
  @ApiProperty({ ...MONTH, description: 'Quarterly SLAs: the first month of the quarter' }) month: string;
  @ApiProperty({ ...DECIMAL, example: '99.6', description: 'As submitted, in plain notation' }) value: string;
  @ApiProperty(TIMESTAMP) updatedAt: Date;
}

export class MeasurementPage extends PageOf(MeasurementView) {}
