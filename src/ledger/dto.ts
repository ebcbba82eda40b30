import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ListQuery } from '../common/http/pagination';
import { IsMoney, IsMonth, IsNonNegativeMoney, IsQuantity } from '../common/validation/validation';

export const COST_CATEGORIES = ['operating', 'investment', 'risk'] as const;
export type CostCategoryName = (typeof COST_CATEGORIES)[number];

export class CreateCostDto {
  @ApiProperty({ example: '2025-05', description: 'The month the money was spent (an open month)' })
  @IsMonth()
  month: string;

  @ApiProperty({ enum: COST_CATEGORIES, description: 'operating (per service line), investment (one-off), risk (a materialised risk)' })
  @IsIn(COST_CATEGORIES)
  category: CostCategoryName;

  @ApiProperty({
    example: '100000.00',
    description: 'Money string with at most two decimals, not zero. Negative amounts are corrections (a correction of a closed month is entered in an open month).',
  })
  @IsMoney()
  amount: string;

  @ApiPropertyOptional({ description: 'Required for operating; optional for investment and risk (shared by that line’s weights)' })
  @IsOptional()
  @IsUUID()
  serviceLineId?: string;

  @ApiPropertyOptional({ description: 'Risk only: the member that bears it alone; must be a member in that month' })
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
  @ApiProperty() id: string;
  @ApiProperty() consortiumId: string;
  @ApiProperty({ example: '2025-05' }) month: string;
  @ApiProperty({ enum: COST_CATEGORIES }) category: CostCategoryName;
  @ApiProperty({ example: '100000.00' }) amount: string;
  @ApiProperty({ nullable: true, type: String }) serviceLineId: string | null;
  @ApiProperty({ nullable: true, type: String }) attributableTo: string | null;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: String }) createdBy: string | null;
  @ApiProperty() createdAt: Date;
}

export class CostList {
  @ApiProperty({ type: [CostView] }) items: CostView[];
  @ApiProperty() total: number;
  @ApiProperty({ example: '233000.00', description: 'Σ amount of every entry matching the filter (not only this page)' }) totalAmount: string;
}

export class CostQuery extends ListQuery {
  @ApiPropertyOptional({ example: '2025-04' })
  @IsOptional()
  @IsMonth()
  from?: string;

  @ApiPropertyOptional({ example: '2026-03' })
  @IsOptional()
  @IsMonth()
  to?: string;

  @ApiPropertyOptional({ enum: COST_CATEGORIES })
  @IsOptional()
  @IsIn(COST_CATEGORIES)
  category?: CostCategoryName;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  serviceLineId?: string;
}

export class ActivityItemDto {
  @ApiProperty()
  @IsUUID()
  serviceLineId: string;

  @ApiProperty({ description: 'A member in that month that receives the service line' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ example: '2025-05' })
  @IsMonth()
  month: string;

  @ApiProperty({ example: '3480', description: 'Volume (payslips, invoices…): a non-negative number with at most two decimals, string or JSON number' })
  @IsQuantity()
  volume: string | number;
}

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
  @ApiProperty() serviceLineId: string;
  @ApiProperty() organisationId: string;
  @ApiProperty({ example: '2025-05' }) month: string;
  @ApiProperty({ example: '3480.00' }) volume: string;
  @ApiProperty() updatedAt: Date;
}

export class ActivityList {
  @ApiProperty({ type: [ActivityView] }) items: ActivityView[];
  @ApiProperty() total: number;
}

export class ActivityQuery extends ListQuery {
  @ApiPropertyOptional({ example: '2025-04' })
  @IsOptional()
  @IsMonth()
  from?: string;

  @ApiPropertyOptional({ example: '2026-03' })
  @IsOptional()
  @IsMonth()
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  serviceLineId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class BaselineItemDto {
  @ApiProperty({ description: 'A member organisation' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ description: 'A service line of this consortium the member receives' })
  @IsUUID()
  serviceLineId: string;

  @ApiProperty({ example: '950000.00', description: 'What the member spent per year on the line in-house before joining (money string)' })
  @IsNonNegativeMoney()
  annualAmount: string;
}

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
  @ApiProperty() organisationId: string;
  @ApiProperty() serviceLineId: string;
  @ApiProperty({ example: '950000.00' }) annualAmount: string;
  @ApiProperty() updatedAt: Date;
}

export class BaselineList {
  @ApiProperty({ type: [BaselineView] }) items: BaselineView[];
  @ApiProperty() total: number;
}

export class UpsertResult {
  @ApiProperty({ example: 5 }) accepted: number;
  @ApiProperty({ example: 4, description: 'New rows' }) created: number;
  @ApiProperty({ example: 1, description: 'Rows whose value was replaced' }) updated: number;
}
