import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsDecimalLike, IsNonNegativeMoney } from '../common/validation/validation';

export const AGREEMENT_MODELS = ['cooperative', 'commercial'] as const;
export type AgreementModel = (typeof AGREEMENT_MODELS)[number];
export const BASES = ['equal', 'turnover', 'headcount', 'fixed', 'activity'] as const;

export class ExitChargeDto {
  @ApiProperty({ example: 1, minimum: 1, description: 'Contract year (1 = the first twelve months from joining)' })
  @IsInt()
  @Min(1)
  @Max(100)
  contractYear: number;

  @ApiProperty({ example: '120000.00', description: 'Exit charge for leaving in that contract year (money string)' })
  @IsNonNegativeMoney()
  amount: string;
}

/**
 * Exit terms (domain.md §8). Co-operative: the six month/percent fields, all required. Commercial:
 * `exitChargeSchedule` (required) and optionally `noticeMonths`; the co-operative fields are refused.
 */
export class ExitTermsDto {
  @ApiPropertyOptional({ example: 36, description: 'Co-operative: minimum term from joining, in months' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1200)
  minimumTermMonths?: number;

  @ApiPropertyOptional({ example: 6, description: 'Months of notice: the exit month is the notice month + noticeMonths' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  noticeMonths?: number;

  @ApiPropertyOptional({ example: '25', description: 'Co-operative: % of the average monthly charge per month left in the minimum term' })
  @IsOptional()
  @IsDecimalLike()
  earlyTerminationPercent?: string | number;

  @ApiPropertyOptional({ example: 12, description: 'Co-operative: months of stranded (fixed) cost the leaver bears' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1200)
  strandedCostMonths?: number;

  @ApiPropertyOptional({ example: '40', description: 'Co-operative: fixed share of costs, %' })
  @IsOptional()
  @IsDecimalLike()
  fixedCostPercent?: string | number;

  @ApiPropertyOptional({ example: 60, description: 'Co-operative: months over which investments are amortised' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1200)
  amortisationMonths?: number;

  @ApiPropertyOptional({ type: [ExitChargeDto], description: 'Commercial: exit charge per contract year' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ExitChargeDto)
  exitChargeSchedule?: ExitChargeDto[];
}

export class PriceDto {
  @ApiProperty({ description: 'A member organisation' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ description: 'A service line of this consortium the member receives' })
  @IsUUID()
  serviceLineId: string;

  @ApiProperty({ example: '1200000.00', description: 'Annual price (money string); charged monthly as annual × f / 12' })
  @IsNonNegativeMoney()
  annualPrice: string;
}

/**
 * The body of `PUT /consortia/:id/agreement` (domain.md §4–§8). The model must fit the consortium's
 * delivery model: `cooperative` for co-operatives, `commercial` for shared_services_company,
 * joint_venture and outsourcing; in_house consortia have no agreement.
 */
export class PutAgreementDto {
  @ApiProperty({ enum: AGREEMENT_MODELS })
  @IsIn(AGREEMENT_MODELS)
  model: AgreementModel;

  @ApiPropertyOptional({ enum: BASES.filter((b) => b !== 'activity'), description: 'Co-operative (required): the agreement-wide allocation basis; never `activity`' })
  @IsOptional()
  @IsIn(BASES)
  basis?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', enum: [...BASES] },
    example: { '6f1c…serviceLineId': 'activity' },
    description: 'Co-operative: a basis per service line id overriding `basis`',
  })
  @IsOptional()
  @IsObject()
  serviceLineBases?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { '1d2e…organisationId': '40' },
    description: 'Co-operative: % share per member organisation id for the `fixed` basis; must sum to exactly 100 when any basis is `fixed`',
  })
  @IsOptional()
  @IsObject()
  fixedShares?: Record<string, unknown>;

  @ApiPropertyOptional({ example: '2.5', description: 'Co-operative (required): management fee, % of operating cost, 0..100, at most 4 decimals' })
  @IsOptional()
  @IsDecimalLike()
  managementFeePercent?: string | number;

  @ApiPropertyOptional({ type: [PriceDto], description: 'Commercial (required): annual price per member and service line' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20000)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PriceDto)
  prices?: PriceDto[];

  @ApiProperty({ type: ExitTermsDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ExitTermsDto)
  exit: ExitTermsDto;
}

export class AgreementVersionView {
  @ApiProperty() consortiumId: string;
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ enum: ['draft', 'active', 'superseded'] }) status: 'draft' | 'active' | 'superseded';
  @ApiProperty({ example: 3, description: 'Optimistic-concurrency counter of the draft: send it back as `If-Match` when you replace the draft' })
  revision: number;
  @ApiProperty({ enum: AGREEMENT_MODELS }) model: AgreementModel;
  @ApiPropertyOptional({ example: 'turnover' }) basis?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } }) serviceLineBases?: Record<string, string>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } }) fixedShares?: Record<string, string>;
  @ApiPropertyOptional({ example: '2.5' }) managementFeePercent?: string;
  @ApiPropertyOptional({ type: [PriceDto] }) prices?: PriceDto[];
  @ApiProperty({ type: ExitTermsDto }) exit: Record<string, unknown>;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) approvedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) approvedBy: string | null;
}

export class AgreementVersionList {
  @ApiProperty({ type: [AgreementVersionView] }) items: AgreementVersionView[];
  @ApiProperty() total: number;
}

export class ApproveAgreementDto {
  @ApiPropertyOptional({ example: 'Approved by the partnership board on 12 March', description: 'Recorded in the audit log with the approval' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
