import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { FieldErrorsTogether } from '../common/validation/together';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsOptional, IsUUID, ValidateIf, ValidateNested } from 'class-validator';
import { DECIMAL, decimalInput, FINANCIAL_YEAR, MONEY, NON_NEGATIVE_MONEY_INPUT, PageOf, TIMESTAMP, UUID } from '../common/http/openapi';
import { IsDecimalLike, IsFinancialYear, IsNonNegativeMoney } from '../common/validation/validation';

export class BenefitsPlanItemDto {
  @ApiProperty(UUID)
  @IsUUID()
  organisationId: string;

  @ApiProperty({ ...FINANCIAL_YEAR, example: '2025/26', description: 'The financial year (April to March) the row plans' })
  @IsFinancialYear()
  financialYear: string;

  @ApiProperty({ ...NON_NEGATIVE_MONEY_INPUT, example: '300000.00', description: 'The saving planned for the whole year (a range plans annual × f / 12 per month)' })
  @IsNonNegativeMoney()
  plannedSavings: string;

  @ApiPropertyOptional({
    ...decimalInput({ example: '10' }),
    nullable: true,
    description: 'The saving guaranteed that year as a percentage of the baseline (0 to 100, at most four decimals); omitted or null: none guaranteed',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsDecimalLike()
  guaranteedPercent?: string | number | null;
}

@FieldErrorsTogether()
export class PutBenefitsPlanDto {
  @ApiProperty({ type: [BenefitsPlanItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => BenefitsPlanItemDto)
  items: BenefitsPlanItemDto[];
}

export class BenefitsPlanRowView {
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty({ example: 'Riverside Community Health NHS Trust' }) organisationName: string;
  @ApiProperty({ ...FINANCIAL_YEAR, example: '2025/26' }) financialYear: string;
  @ApiProperty({ ...MONEY, example: '300000.00' }) plannedSavings: string;
  @ApiProperty({ ...DECIMAL, example: '10.0000', nullable: true, description: 'Percent of the baseline guaranteed; null when none' }) guaranteedPercent: string | null;
  @ApiProperty(TIMESTAMP) updatedAt: Date;
}

/** Every plan row the caller may read, by organisation name then financial year (not paged). */
export class BenefitsPlanList extends PageOf(BenefitsPlanRowView) {}
