import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsDecimalLike, IsMonth } from '../common/validation/validation';

export class SlaTargetDto {
  @ApiProperty({ example: 'PAY_ACCURACY', description: 'A KPI code of the catalogue (GET /kpis)' })
  @IsString()
  @MaxLength(50)
  kpiCode: string;

  @ApiProperty({ example: '99.5', description: 'Met at or better than this (decimal string or number)' })
  @IsDecimalLike()
  target: string | number;

  @ApiProperty({ example: '99.0', description: 'Breached beyond this; between threshold and target is at risk' })
  @IsDecimalLike()
  threshold: string | number;

  @ApiPropertyOptional({ example: '5', description: 'Service credit (% of the month’s charge for the line) when breached or missing; 0 for OLAs' })
  @IsOptional()
  @IsDecimalLike()
  creditPercent?: string | number;
}

export class CreateSlaDto {
  @ApiProperty()
  @IsUUID()
  serviceLineId: string;

  @ApiProperty({ example: 'Payroll SLA 2025/26' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ['SLA', 'OLA'], description: 'An OLA binds teams inside the host: same shape, no credits' })
  @IsIn(['SLA', 'OLA'])
  kind: 'SLA' | 'OLA';

  @ApiProperty({ enum: ['monthly', 'quarterly'], description: 'Quarterly: financial-year quarters from April; measured against the quarter’s first month' })
  @IsIn(['monthly', 'quarterly'])
  frequency: 'monthly' | 'quarterly';

  @ApiProperty({ example: '10' })
  @IsDecimalLike()
  creditCapPercent: string | number;

  @ApiProperty({ example: '2025-04' })
  @IsMonth()
  effectiveFrom: string;

  @ApiPropertyOptional({ example: '2026-03' })
  @IsOptional()
  @IsMonth()
  effectiveTo?: string;

  @ApiProperty({ type: [SlaTargetDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SlaTargetDto)
  targets: SlaTargetDto[];
}

export class SlaTargetView {
  @ApiProperty() kpiCode: string;
  @ApiProperty() kpiName: string;
  @ApiProperty({ enum: ['higher_is_better', 'lower_is_better'] }) direction: string;
  @ApiProperty() unit: string;
  @ApiProperty({ example: '99.5' }) target: string;
  @ApiProperty({ example: '99' }) threshold: string;
  @ApiProperty({ example: '5' }) creditPercent: string;
}

export class SlaView {
  @ApiProperty() id: string;
  @ApiProperty() consortiumId: string;
  @ApiProperty() serviceLineId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['SLA', 'OLA'] }) kind: 'SLA' | 'OLA';
  @ApiProperty({ enum: ['monthly', 'quarterly'] }) frequency: 'monthly' | 'quarterly';
  @ApiProperty({ example: '10' }) creditCapPercent: string;
  @ApiProperty({ example: '2025-04' }) effectiveFrom: string;
  @ApiProperty({ nullable: true, type: String }) effectiveTo: string | null;
  @ApiProperty({ type: [SlaTargetView] }) targets: SlaTargetView[];
}
