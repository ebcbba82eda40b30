import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIsoDate, IsNonNegativeMoney } from '../common/validation/validation';

export class ExitQuoteQuery {
  @ApiProperty({ example: '2025-06-10', description: 'The day notice is given' })
  @IsIsoDate()
  noticeDate: string;

  @ApiPropertyOptional({ example: '45000.00', description: 'Co-operative: redundancy costs to include (money string, default 0.00)' })
  @IsOptional()
  @IsNonNegativeMoney()
  redundancyCosts?: string;
}

export class RemainingMemberView {
  @ApiProperty() organisationId: string;
  @ApiProperty({ example: '1234.56', description: 'How much its average monthly charge would rise' }) averageMonthlyIncrease: string;
}

/** api.md: the co-operative or the commercial shape (see `model`); money as strings. */
export class ExitQuoteView {
  @ApiProperty() organisationId: string;
  @ApiProperty({ example: '2025-06-10' }) noticeDate: string;
  @ApiProperty({ enum: ['cooperative', 'commercial'] }) model: 'cooperative' | 'commercial';
  @ApiProperty({ example: '2025-12', description: 'The notice month + noticeMonths; membership ends on its last day' }) exitMonth: string;
  @ApiPropertyOptional({ example: '2028-03' }) minimumTermEndMonth?: string;
  @ApiPropertyOptional({ example: 27 }) earlyMonths?: number;
  @ApiPropertyOptional({ example: '48424.14' }) averageMonthlyCharge?: string;
  @ApiPropertyOptional({ example: '326862.94' }) earlyTermination?: string;
  @ApiPropertyOptional({ example: '232435.87' }) strandedCosts?: string;
  @ApiPropertyOptional({ example: '17871.39' }) unrecoveredInvestment?: string;
  @ApiPropertyOptional({ example: '45000.00' }) redundancyCosts?: string;
  @ApiPropertyOptional({ type: [RemainingMemberView] }) remainingMembers?: RemainingMemberView[];
  @ApiPropertyOptional({ example: 1, description: 'Commercial' }) contractYear?: number;
  @ApiPropertyOptional({ example: '120000.00', description: 'Commercial' }) exitCharge?: string;
  @ApiProperty({ example: '622170.20' }) total: string;
}
