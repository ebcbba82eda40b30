import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsMonth } from '../common/validation/validation';

export class StatementQuery {
  @ApiProperty({ example: '2025-04', description: 'First month (inclusive)' })
  @IsMonth()
  from: string;

  @ApiProperty({ example: '2025-05', description: 'Last month (inclusive); at most 120 months after from' })
  @IsMonth()
  to: string;
}

export class StatementServiceLineView {
  @ApiProperty() serviceLineId: string;
  @ApiProperty({ example: 'PAY' }) code: string;
  @ApiProperty({ example: '21656.51' }) operating: string;
  @ApiProperty({ example: '541.42' }) fee: string;
  @ApiProperty({ example: '-543.45', description: '≤ 0' }) credits: string;
  @ApiProperty({ example: '43333.33' }) baseline: string;
}

export class StatementMonthView {
  @ApiProperty({ example: '2025-05' }) month: string;
  @ApiProperty({ example: '76720.20' }) charge: string;
  @ApiProperty({ example: '100833.33' }) baseline: string;
}

/** api.md `GET /consortia/:id/statements/:organisationId`; money as two-decimal strings. */
export class StatementView {
  @ApiProperty() organisationId: string;
  @ApiProperty({ example: '2025-04' }) from: string;
  @ApiProperty({ example: '2025-05' }) to: string;
  @ApiProperty({ example: '94486.12' }) operating: string;
  @ApiProperty({ example: '2362.16' }) fee: string;
  @ApiProperty({ example: '20620.84' }) investment: string;
  @ApiProperty({ example: '1546.56' }) sharedRisk: string;
  @ApiProperty({ example: '9000.00' }) attributedRisk: string;
  @ApiProperty({ example: '-543.45', description: 'Service credits, ≤ 0' }) credits: string;
  @ApiProperty({ example: '127472.23', description: 'The sum of the six lines above' }) charge: string;
  @ApiProperty({ example: '201666.67' }) baseline: string;
  @ApiProperty({ example: '74194.44' }) savings: string;
  @ApiProperty({ example: '36.79', nullable: true, type: String, description: 'null when the baseline is 0' }) savingsPercent: string | null;
  @ApiProperty({ type: [StatementServiceLineView] }) serviceLines: StatementServiceLineView[];
  @ApiProperty({ type: [StatementMonthView], description: 'Charge and baseline per month (for charts)' }) months: StatementMonthView[];
  @ApiPropertyOptional({ example: '6575.00', description: 'Co-operative host: every management fee of the range' }) feeIncome?: string;
  @ApiPropertyOptional({ example: '665.26', description: 'Co-operative host: the service credits it funds' }) creditsFunded?: string;
  @ApiPropertyOptional({ description: 'Commercial host: the other members’ charges less their credits' }) income?: string;
  @ApiPropertyOptional({ description: 'Commercial host: its cost entries' }) costs?: string;
  @ApiPropertyOptional({ description: 'Commercial host: income − costs' }) margin?: string;
}

export class StatementListView {
  @ApiProperty({ example: '2025-04' }) from: string;
  @ApiProperty({ example: '2025-05' }) to: string;
  @ApiProperty({ type: [StatementView] }) items: StatementView[];
}

export class IssuedStatementView {
  @ApiProperty() organisationId: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the statement as canonical JSON (keys sorted, no whitespace)' }) contentHash: string;
  @ApiProperty() issuedAt: Date;
  @ApiProperty({ type: StatementView }) statement: StatementView;
}

export class ClosedMonthView {
  @ApiProperty() consortiumId: string;
  @ApiProperty({ example: '2025-04' }) month: string;
  @ApiProperty() closedAt: Date;
  @ApiProperty({ type: [IssuedStatementView] }) items: IssuedStatementView[];
}

export class ClosedMonthSummary {
  @ApiProperty({ example: '2025-04' }) month: string;
  @ApiProperty() closedAt: Date;
  @ApiProperty({ nullable: true, type: String }) closedBy: string | null;
}

export class ClosedMonthList {
  @ApiProperty({ type: [ClosedMonthSummary] }) items: ClosedMonthSummary[];
  @ApiProperty() total: number;
  @ApiProperty({ example: '2025-06', description: 'The only month that may be closed next (months close in order from the start month)' }) nextToClose: string;
}

export class CloseMonthDto {
  @ApiPropertyOptional({ example: 'Ledger reconciled with the general ledger', description: 'Recorded in the audit log with the close' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
