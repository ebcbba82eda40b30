import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { DELIVERY_MODELS, type DeliveryModel } from '../common/enums';
import { DECIMAL, decimalInput, INTEGER, MONEY, NON_NEGATIVE_MONEY_INPUT, PageOf, TIMESTAMP, UUID } from '../common/http/openapi';
import { IsDecimalLike, IsNonNegativeMoney } from '../common/validation/validation';

// Requests. Types and shapes are checked here; the rules between fields (years within the
// appraisal period, distinct names, ranges) by the core's validateAppraisal, naming the same fields.

export class OneOffCostDto {
  @ApiProperty({ ...INTEGER, minimum: 0, example: 0, description: 'The year of the appraisal (0 = the first year)' })
  @IsInt()
  year: number;

  @ApiProperty({ ...NON_NEGATIVE_MONEY_INPUT, example: '250000.00' })
  @IsNonNegativeMoney()
  amount: string;
}

export class AppraisalOptionDto {
  @ApiProperty({ example: 'Shared services company', maxLength: 120 })
  @IsString()
  @MaxLength(120)
  name: string;

  @ApiProperty({ enum: DELIVERY_MODELS })
  @IsIn(DELIVERY_MODELS)
  deliveryModel: DeliveryModel;

  @ApiPropertyOptional({
    ...INTEGER,
    minimum: 0,
    example: 1,
    description: 'The first year the option runs (default 0); before it the current arrangement runs at the status quo cost',
  })
  @IsOptional()
  @IsInt()
  startYear?: number;

  @ApiProperty({ ...NON_NEGATIVE_MONEY_INPUT, example: '3400000.00' })
  @IsNonNegativeMoney()
  annualRunningCost: string;

  @ApiPropertyOptional({ type: [OneOffCostDto], description: 'Default none' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => OneOffCostDto)
  oneOffCosts?: OneOffCostDto[];

  @ApiPropertyOptional(decimalInput({ example: '20', description: 'Uplift of the one-off costs, 0 to 200 (default 0)' }))
  @IsOptional()
  @IsDecimalLike()
  optimismBiasPercent?: string | number;
}

export class CreateAppraisalDto {
  @ApiPropertyOptional({
    ...UUID,
    description: 'Save the appraisal in this consortium (host, admin, the partnership board and member organisations’ administrators); without it nothing is saved',
  })
  @IsOptional()
  @IsUUID()
  consortiumId?: string;

  @ApiPropertyOptional({ example: 'Payroll options 2026', maxLength: 120, description: 'Required with consortiumId' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ ...INTEGER, minimum: 1, maximum: 60, example: 10, description: 'The appraisal period N in years (default 10)' })
  @IsOptional()
  @IsInt()
  years?: number;

  @ApiPropertyOptional(decimalInput({ example: '3.5', description: 'The discount rate r, 0 to 100 (default 3.5, the Green Book rate)' }))
  @IsOptional()
  @IsDecimalLike()
  discountRatePercent?: string | number;

  @ApiPropertyOptional({
    ...NON_NEGATIVE_MONEY_INPUT,
    description: 'What the current arrangement costs a year. Required without consortiumId; with it the default is the sum of the members’ current annual baselines',
  })
  @IsOptional()
  @IsNonNegativeMoney()
  statusQuoAnnualCost?: string;

  @ApiProperty({ type: [AppraisalOptionDto], minItems: 1, maxItems: 10 })
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AppraisalOptionDto)
  options: AppraisalOptionDto[];
}

// Responses

export class OneOffCostView {
  @ApiProperty(INTEGER) year: number;
  @ApiProperty(MONEY) amount: string;
}

export class CostStreamView {
  @ApiProperty({ type: [String], description: 'cost per year, rounded to the penny for display' }) costs: string[];
  @ApiProperty({ type: [String], description: 'present value per year (cost × discount factor), rounded to the penny for display' }) presentValues: string[];
  @ApiProperty({ type: [String], description: 'cumulative undiscounted cost to each year, rounded to the penny for display' }) cumulativeCosts: string[];
  @ApiProperty({ ...MONEY, description: 'Net present cost: the exact sum of the present values, rounded once' }) npc: string;
}

export class AppraisalOptionView extends CostStreamView {
  @ApiProperty() name: string;
  @ApiProperty({ enum: DELIVERY_MODELS }) deliveryModel: DeliveryModel;
  @ApiProperty(INTEGER) startYear: number;
  @ApiProperty(MONEY) annualRunningCost: string;
  @ApiProperty(DECIMAL) optimismBiasPercent: string;
  @ApiProperty({ type: [OneOffCostView] }) oneOffCosts: OneOffCostView[];
  @ApiProperty({ ...MONEY, description: 'npc(status quo) − npc(option), from the exact values, rounded once' }) savingVsStatusQuo: string;
  @ApiProperty({ ...INTEGER, nullable: true, description: 'The first year whose cumulative cost is at most the status quo’s; null when none' }) paybackYear: number | null;
  @ApiProperty({ ...INTEGER, minimum: 1, description: '1 = preferred' }) rank: number;
}

export class AppraisalView {
  @ApiProperty({ ...UUID, nullable: true, description: 'null when not saved' }) id: string | null;
  @ApiProperty({ ...UUID, nullable: true }) consortiumId: string | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) createdAt: Date | null;
  @ApiProperty({ ...INTEGER, minimum: 1 }) years: number;
  @ApiProperty(DECIMAL) discountRatePercent: string;
  @ApiProperty(MONEY) statusQuoAnnualCost: string;
  @ApiProperty({ description: 'Whether statusQuoAnnualCost is the sum of the members’ current annual baselines' }) statusQuoFromBaselines: boolean;
  @ApiProperty({ type: [String], description: '1 / (1 + r/100)^t for each year, rounded to 4 decimals for display' }) discountFactors: string[];
  @ApiProperty({ type: CostStreamView }) statusQuo: CostStreamView;
  @ApiProperty({ type: [AppraisalOptionView], description: 'In rank order' }) options: AppraisalOptionView[];
  @ApiProperty({ description: 'The name of the option ranked first' }) preferred: string;
}

export class AppraisalSummaryView {
  @ApiProperty(UUID) id: string;
  @ApiProperty(UUID) consortiumId: string;
  @ApiProperty() name: string;
  @ApiProperty({ ...UUID, nullable: true }) createdBy: string | null;
  @ApiProperty(TIMESTAMP) createdAt: Date;
  @ApiProperty() preferred: string;
  @ApiProperty({ ...INTEGER, minimum: 1 }) years: number;
  @ApiProperty(DECIMAL) discountRatePercent: string;
}

export class AppraisalList extends PageOf(AppraisalSummaryView) {}
