import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { COUNT, DECIMAL, decimalInput, FINANCIAL_YEAR, MONEY, MONEY_INPUT, MONTH, NON_NEGATIVE_MONEY_INPUT, PageOf, TIMESTAMP, UUID } from '../common/http/openapi';
import { ListQuery } from '../common/http/pagination';
import { IsFinancialYear, IsMoney, IsMonth, IsNonNegativeMoney, IsQuantity } from '../common/validation/validation';
import { FieldErrorsTogether } from '../common/validation/together';

export const COST_CATEGORIES = ['operating', 'investment', 'risk'] as const;
export type CostCategoryName = (typeof COST_CATEGORIES)[number];

@FieldErrorsTogether()
export class CreateCostDto {
  @ApiProperty({ ...MONTH, description: 'The month the money was spent (an open month)' })
  @IsMonth()
  month: string;

  @ApiProperty({ enum: COST_CATEGORIES, description: 'operating (per service line), investment (one-off), risk (a materialised risk)' })
  @IsIn(COST_CATEGORIES)
  category: CostCategoryName;

  @ApiProperty({
    ...MONEY_INPUT,
    example: '100000.00',
    description: 'Money string with at most two decimals, not zero. Negative amounts are corrections (a correction of a closed month is entered in an open month).',
  })
  @IsMoney()
  amount: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for operating; optional for investment and risk (shared by that line’s weights)' })
  @IsOptional()
  @IsUUID()
  serviceLineId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Risk only: the member that bears it alone; must be a member in that month' })
  @IsOptional()
  @IsUUID()
  attributableTo?: string;

  @ApiProperty({ example: 'Finance staff May' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description: string;
}

export class CostView {
  @ApiProperty(UUID) id: string;
  @ApiProperty(UUID) consortiumId: string;
  @ApiProperty(MONTH) month: string;
  @ApiProperty({ enum: COST_CATEGORIES }) category: CostCategoryName;
  @ApiProperty({ ...MONEY, example: '100000.00' }) amount: string;
  @ApiProperty({ ...UUID, nullable: true }) serviceLineId: string | null;
  @ApiProperty({ ...UUID, nullable: true, description: 'Risk: the member that bears it alone' }) attributableTo: string | null;
  @ApiProperty() description: string;
  @ApiProperty({ ...UUID, nullable: true, description: 'The user who entered it' }) createdBy: string | null;
  @ApiProperty(TIMESTAMP) createdAt: Date;
}

export class CostList {
  @ApiProperty({ type: [CostView] }) items: CostView[];
  @ApiProperty({ ...COUNT, description: 'How many match (all pages)' }) total: number;
  @ApiProperty({ ...MONEY, example: '233000.00', description: 'Σ amount of every entry matching the filter (not only this page)' }) totalAmount: string;
}

export class CostQuery extends ListQuery {
  @ApiPropertyOptional({ ...MONTH, example: '2025-04' })
  @IsOptional()
  @IsMonth()
  from?: string;

  @ApiPropertyOptional({ ...MONTH, example: '2026-03' })
  @IsOptional()
  @IsMonth()
  to?: string;

  @ApiPropertyOptional({ enum: COST_CATEGORIES })
  @IsOptional()
  @IsIn(COST_CATEGORIES)
  category?: CostCategoryName;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  serviceLineId?: string;
}

export class ActivityItemDto {
  @ApiProperty(UUID)
  @IsUUID()
  serviceLineId: string;

  @ApiProperty({ ...UUID, description: 'A member in that month that receives the service line' })
  @IsUUID()
  organisationId: string;

  @ApiProperty(MONTH)
  @IsMonth()
  month: string;

  @ApiProperty(decimalInput({ example: '3480', description: 'Volume (payslips, invoices…): a non-negative number with at most two decimals, string or JSON number' }))
  @IsQuantity()
  volume: string | number;
}

@FieldErrorsTogether()
export class PutActivityDto {
  @ApiProperty({ type: [ActivityItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20000)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ActivityItemDto)
  items: ActivityItemDto[];
}

export class ActivityView {
  @ApiProperty(UUID) serviceLineId: string;
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty(MONTH) month: string;
  @ApiProperty({ ...DECIMAL, example: '3480.00' }) volume: string;
  @ApiProperty(TIMESTAMP) updatedAt: Date;
}

export class ActivityList extends PageOf(ActivityView) {}

export class ActivityQuery extends ListQuery {
  @ApiPropertyOptional({ ...MONTH, example: '2025-04' })
  @IsOptional()
  @IsMonth()
  from?: string;

  @ApiPropertyOptional({ ...MONTH, example: '2026-03' })
  @IsOptional()
  @IsMonth()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  serviceLineId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class BaselineItemDto {
  @ApiProperty({ ...UUID, description: 'A member organisation' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ ...UUID, description: 'A service line of this consortium the member receives' })
  @IsUUID()
  serviceLineId: string;

  @ApiProperty({ ...NON_NEGATIVE_MONEY_INPUT, example: '950000.00', description: 'What the member spent per year on the line in-house before joining (money string)' })
  @IsNonNegativeMoney()
  annualAmount: string;

  @ApiPropertyOptional({
    ...MONTH,
    description: 'The first month the row applies to, until the next row of the member and line (default: the member’s joining month); a closed month is 409 month_closed',
  })
  @IsOptional()
  @IsMonth()
  effectiveFrom?: string;
}

@FieldErrorsTogether()
export class PutBaselinesDto {
  @ApiProperty({ type: [BaselineItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20000)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => BaselineItemDto)
  items: BaselineItemDto[];
}

export class BaselineView {
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty(UUID) serviceLineId: string;
  @ApiProperty({ ...MONEY, example: '950000.00' }) annualAmount: string;
  @ApiProperty({ ...MONTH, description: 'The first month the row applies to' }) effectiveFrom: string;
  @ApiProperty(TIMESTAMP) updatedAt: Date;
}

/** Every baseline (not paged). */
export class BaselineList extends PageOf(BaselineView) {}

export class UpsertResult {
  @ApiProperty({ ...COUNT, example: 5 }) accepted: number;
  @ApiProperty({ ...COUNT, example: 4, description: 'New rows' }) created: number;
  @ApiProperty({ ...COUNT, example: 1, description: 'Rows whose value was replaced' }) updated: number;
}

export class DriverItemDto {
  @ApiProperty(UUID)
  @IsUUID()
  organisationId: string;

  @ApiProperty({ ...FINANCIAL_YEAR, example: '2026/27', description: 'The financial year (April to March) from which the row applies, until the member’s next row' })
  @IsFinancialYear()
  financialYear: string;

  @ApiProperty({ ...NON_NEGATIVE_MONEY_INPUT, example: '260000000.00' })
  @IsNonNegativeMoney()
  annualTurnover: string;

  @ApiProperty(decimalInput({ example: '3550', description: 'Headcount (FTE), at most two decimals' }))
  @IsQuantity()
  headcount: string | number;
}

@FieldErrorsTogether()
export class PutDriversDto {
  @ApiProperty({ type: [DriverItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => DriverItemDto)
  items: DriverItemDto[];
}

export class DriverView {
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ ...FINANCIAL_YEAR, example: '2025/26' }) financialYear: string;
  @ApiProperty({ ...MONEY, example: '250000000.00' }) annualTurnover: string;
  @ApiProperty({ ...DECIMAL, example: '3500.00' }) headcount: string;
  @ApiProperty(TIMESTAMP) updatedAt: Date;
}

/** Every driver row the caller may read, by organisation name then financial year (not paged). */
export class DriverList extends PageOf(DriverView) {}
