import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { KPI_DIRECTIONS, KPI_UNITS } from '../common/enums';
import { COUNT, DATE, DECIMAL, decimalInput, MONEY, MONTH, MONTH_PATTERN, PageOf, UUID } from '../common/http/openapi';
import { IsDecimalLike, IsMonth } from '../common/validation/validation';
import { FieldErrorsTogether } from '../common/validation/together';

export class SlaTargetDto {
  @ApiProperty({ example: 'PAY_ACCURACY', description: 'A KPI code of the catalogue (GET /kpis)' })
  @IsString()
  @MaxLength(50)
  kpiCode: string;

  @ApiProperty(decimalInput({ example: '99.5', description: 'Met at or better than this (decimal string or number)' }))
  @IsDecimalLike()
  target: string | number;

  @ApiProperty(decimalInput({ example: '99.0', description: 'Breached beyond this; between threshold and target is at risk' }))
  @IsDecimalLike()
  threshold: string | number;

  @ApiPropertyOptional(decimalInput({ example: '5', description: 'Service credit (% of the month’s charge for the line) when breached or missing; 0 for OLAs' }))
  @IsOptional()
  @IsDecimalLike()
  creditPercent?: string | number;
}

@FieldErrorsTogether()
export class CreateSlaDto {
  @ApiProperty(UUID)
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

  @ApiProperty(decimalInput({ example: '10', description: 'Cap on the credits of a period, % of the charge' }))
  @IsDecimalLike()
  creditCapPercent: string | number;

  @ApiProperty({ ...MONTH, example: '2025-04' })
  @IsMonth()
  effectiveFrom: string;

  @ApiPropertyOptional({ ...MONTH, example: '2026-03' })
  @IsOptional()
  @IsMonth()
  effectiveTo?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'true when a KPI of another function than the service line’s is intended (e.g. a finance KPI on a procurement line); otherwise such a target is 400',
  })
  @IsOptional()
  @IsBoolean()
  crossFunction?: boolean;

  @ApiProperty({ type: [SlaTargetDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SlaTargetDto)
  targets: SlaTargetDto[];
}

@FieldErrorsTogether()
export class UpdateSlaDto {
  @ApiPropertyOptional({ example: 'Payroll SLA 2026/27' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    ...MONTH,
    nullable: true,
    example: '2026-03',
    description: 'Last effective month (retires the SLA after it); null = open-ended. Refused (409 month_closed) on or before the last closed month, or when the current one is',
  })
  @IsOptional()
  @IsMonth()
  effectiveTo?: string | null;

  @ApiPropertyOptional({ description: 'true when a KPI of another function than the service line’s is intended' })
  @IsOptional()
  @IsBoolean()
  crossFunction?: boolean;

  @ApiPropertyOptional({ type: [SlaTargetDto], description: 'Replaces every target; refused (409 month_closed) for an SLA effective in a closed month' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SlaTargetDto)
  targets?: SlaTargetDto[];
}

export class SlaTargetView {
  @ApiProperty() kpiCode: string;
  @ApiProperty() kpiName: string;
  @ApiProperty({ enum: KPI_DIRECTIONS }) direction: string;
  @ApiProperty({ enum: KPI_UNITS }) unit: string;
  @ApiProperty({ ...DECIMAL, example: '99.5' }) target: string;
  @ApiProperty({ ...DECIMAL, example: '99' }) threshold: string;
  @ApiProperty({ ...DECIMAL, example: '5' }) creditPercent: string;
}

export class SlaView {
  @ApiProperty(UUID) id: string;
  @ApiProperty(UUID) consortiumId: string;
  @ApiProperty(UUID) serviceLineId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['SLA', 'OLA'] }) kind: 'SLA' | 'OLA';
  @ApiProperty({ enum: ['monthly', 'quarterly'] }) frequency: 'monthly' | 'quarterly';
  @ApiProperty({ ...DECIMAL, example: '10' }) creditCapPercent: string;
  @ApiProperty(MONTH) effectiveFrom: string;
  @ApiProperty({ ...MONTH, nullable: true, example: null }) effectiveTo: string | null;
  @ApiProperty({ description: 'Its KPIs may measure another function than the service line’s, deliberately' }) crossFunction: boolean;
  @ApiProperty({ type: [SlaTargetView] }) targets: SlaTargetView[];
}

/** The SLAs and OLAs of a consortium (not paged). */
export class SlaList extends PageOf(SlaView) {}

const STATUSES = ['met', 'at_risk', 'breached', 'missing'];

/** One target for one member in one period (a row of `GET /performance`). */
export class PerformanceItemView {
  @ApiProperty(UUID) slaId: string;
  @ApiProperty(UUID) serviceLineId: string;
  @ApiProperty({ example: 'PAY_ACCURACY' }) kpiCode: string;
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty({ example: 'Riverside Community Health NHS Trust' }) organisationName: string;
  @ApiProperty({ example: 'PAY' }) serviceLineCode: string;
  @ApiProperty({ example: 'Payroll' }) serviceLineName: string;
  @ApiProperty({ ...DECIMAL, nullable: true, description: 'The measured value (the member’s own, else the service-line wide one); null when none' })
  value: string | null;
  @ApiProperty(DECIMAL) target: string;
  @ApiProperty(DECIMAL) threshold: string;
  @ApiProperty({ type: String, enum: STATUSES, nullable: true, description: 'null = not yet due (no measurement and the period has not ended)' })
  status: string | null;
  @ApiProperty(COUNT) consecutiveBreaches: number;
  @ApiProperty() critical: boolean;
  @ApiProperty() slaName: string;
  @ApiProperty({ enum: ['SLA', 'OLA'] }) kind: 'SLA' | 'OLA';
  @ApiProperty({ enum: ['monthly', 'quarterly'] }) frequency: string;
  @ApiProperty({ ...MONTH, description: 'First month of the period the month falls in' }) periodStart: string;
  @ApiProperty({ ...MONTH, description: 'Last month of that period' }) periodEnd: string;
}

export class PerformanceCreditView {
  @ApiProperty(UUID) slaId: string;
  @ApiProperty({ example: 'Payroll SLA' }) slaName: string;
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty(UUID) serviceLineId: string;
  @ApiProperty({ example: 'Riverside Community Health NHS Trust' }) organisationName: string;
  @ApiProperty({ example: 'PAY' }) serviceLineCode: string;
  @ApiProperty({ example: 'Payroll' }) serviceLineName: string;
  @ApiProperty({ type: 'array', items: { type: 'string', pattern: MONTH_PATTERN }, description: 'Months of the period; the credit is booked in the last one' })
  periodMonths: string[];
  @ApiProperty({ ...DECIMAL, example: '5' }) creditPercent: string;
  @ApiProperty({ ...MONEY, nullable: true, description: 'Pounds, once the consortium has charges (an approved agreement); null until then' })
  amount: string | null;
}

export class PerformanceSummaryView {
  @ApiProperty(COUNT) met: number;
  @ApiProperty(COUNT) atRisk: number;
  @ApiProperty(COUNT) breached: number;
  @ApiProperty(COUNT) missing: number;
  @ApiProperty({ ...COUNT, description: 'Not yet due' }) pending: number;
  @ApiProperty(COUNT) critical: number;
}

export class PerformanceView {
  @ApiProperty(MONTH) month: string;
  @ApiProperty({ ...DATE, description: 'The day the statuses were evaluated (today)' }) asOf: string;
  @ApiProperty({ type: [PerformanceItemView] }) items: PerformanceItemView[];
  @ApiProperty({ type: [PerformanceCreditView], description: 'Service credits of the periods ending in the month' }) credits: PerformanceCreditView[];
  @ApiProperty({ type: PerformanceSummaryView }) summary: PerformanceSummaryView;
}

export class HistoryPointView {
  @ApiProperty(MONTH) periodStart: string;
  @ApiProperty(MONTH) periodEnd: string;
  @ApiProperty({ ...DECIMAL, nullable: true }) value: string | null;
  @ApiProperty({ type: String, enum: STATUSES, nullable: true }) status: string | null;
  @ApiProperty({ description: 'Whether the SLA applied to the member in the period' }) applicable: boolean;
}

export class HistorySeriesView {
  @ApiProperty(UUID) slaId: string;
  @ApiProperty(UUID) serviceLineId: string;
  @ApiProperty() kpiCode: string;
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty(DECIMAL) target: string;
  @ApiProperty(DECIMAL) threshold: string;
  @ApiProperty({ type: [HistoryPointView] }) points: HistoryPointView[];
  @ApiProperty() slaName: string;
}

export class PerformanceHistoryView {
  @ApiProperty({ ...MONTH, description: 'The last month of the twelve' }) month: string;
  @ApiProperty({ type: [HistorySeriesView] }) series: HistorySeriesView[];
}
