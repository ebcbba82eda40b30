import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { COUNT, DATE, INTEGER, MONEY, MONTH, NON_NEGATIVE_MONEY_INPUT, UUID } from '../common/http/openapi';
import { IsIsoDate, IsNonNegativeMoney } from '../common/validation/validation';

export class ExitQuoteQuery {
  @ApiProperty({ ...DATE, example: '2025-06-10', description: 'The day notice is given' })
  @IsIsoDate()
  noticeDate: string;

  @ApiPropertyOptional({ ...NON_NEGATIVE_MONEY_INPUT, example: '45000.00', description: 'Co-operative: redundancy costs to include (money string, default 0.00)' })
  @IsOptional()
  @IsNonNegativeMoney()
  redundancyCosts?: string;
}

export class RemainingMemberView {
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty({ example: 'North Vale Hospitals NHS Foundation Trust' }) organisationName: string;
  @ApiProperty({ ...MONEY, example: '1234.56', description: 'How much its average monthly charge would rise' }) averageMonthlyIncrease: string;
}

/** api.md: the co-operative or the commercial shape (see `model`); money as strings. */
export class ExitQuoteView {
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty({ example: 'Riverside Community Health NHS Trust' }) organisationName: string;
  @ApiProperty({ ...DATE, example: '2025-06-10' }) noticeDate: string;
  @ApiProperty({ enum: ['cooperative', 'commercial'] }) model: 'cooperative' | 'commercial';
  @ApiProperty({ ...MONTH, example: '2025-12', description: 'The notice month + noticeMonths; membership ends on its last day' }) exitMonth: string;
  @ApiPropertyOptional({ ...MONTH, example: '2028-03', description: 'Co-operative' }) minimumTermEndMonth?: string;
  @ApiPropertyOptional({ ...COUNT, example: 27, description: 'Co-operative: months of the minimum term left' }) earlyMonths?: number;
  @ApiPropertyOptional({ ...MONEY, example: '48424.14', description: 'Co-operative' }) averageMonthlyCharge?: string;
  @ApiPropertyOptional({ ...MONEY, example: '326862.94', description: 'Co-operative' }) earlyTermination?: string;
  @ApiPropertyOptional({ ...MONEY, example: '232435.87', description: 'Co-operative' }) strandedCosts?: string;
  @ApiPropertyOptional({ ...MONEY, example: '17871.39', description: 'Co-operative' }) unrecoveredInvestment?: string;
  @ApiPropertyOptional({ ...MONEY, example: '45000.00', description: 'Co-operative' }) redundancyCosts?: string;
  @ApiPropertyOptional({ type: [RemainingMemberView], description: 'Co-operative' }) remainingMembers?: RemainingMemberView[];
  @ApiPropertyOptional({ ...INTEGER, minimum: 1, example: 1, description: 'Commercial' }) contractYear?: number;
  @ApiPropertyOptional({ ...MONEY, example: '120000.00', description: 'Commercial' }) exitCharge?: string;
  @ApiProperty({ ...MONEY, example: '622170.20' }) total: string;
}
