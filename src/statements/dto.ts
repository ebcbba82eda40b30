import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { COUNT, DECIMAL, MONEY, MONTH, TIMESTAMP, UUID } from '../common/http/openapi';
import { IsMonth } from '../common/validation/validation';

export class StatementQuery {
  @ApiProperty({ ...MONTH, example: '2025-04', description: 'First month (inclusive)' })
  @IsMonth()
  from: string;

  @ApiProperty({ ...MONTH, example: '2025-05', description: 'Last month (inclusive); at most 120 months after from' })
  @IsMonth()
  to: string;
}

/** A service line of a statement as issued at month close (hashed; no names). */
export class IssuedStatementServiceLineView {
  @ApiProperty(UUID) serviceLineId: string;
  @ApiProperty({ example: 'PAY' }) code: string;
  @ApiProperty({ ...MONEY, example: '21656.51' }) operating: string;
  @ApiProperty({ ...MONEY, example: '541.42' }) fee: string;
  @ApiProperty({ ...MONEY, example: '-543.45', description: '≤ 0' }) credits: string;
  @ApiProperty({ ...MONEY, example: '43333.33' }) baseline: string;
}

export class StatementServiceLineView extends IssuedStatementServiceLineView {
  @ApiProperty({ example: 'PAY', description: 'The same as code: the name every view uses beside serviceLineId' }) serviceLineCode: string;
  @ApiProperty({ example: 'Payroll' }) serviceLineName: string;
}

export class StatementMonthView {
  @ApiProperty({ ...MONTH, example: '2025-05' }) month: string;
  @ApiProperty({ ...MONEY, example: '76720.20' }) charge: string;
  @ApiProperty({ ...MONEY, example: '100833.33' }) baseline: string;
}

/** A statement as issued at month close: the hashed document, with ids only (the names may change, the document may not). */
export class IssuedStatementBodyView {
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty({ ...MONTH, example: '2025-04' }) from: string;
  @ApiProperty({ ...MONTH, example: '2025-05' }) to: string;
  @ApiProperty({ ...MONEY, example: '94486.12' }) operating: string;
  @ApiProperty({ ...MONEY, example: '2362.16' }) fee: string;
  @ApiProperty({ ...MONEY, example: '20620.84' }) investment: string;
  @ApiProperty({ ...MONEY, example: '1546.56' }) sharedRisk: string;
  @ApiProperty({ ...MONEY, example: '9000.00' }) attributedRisk: string;
  @ApiProperty({ ...MONEY, example: '-543.45', description: 'Service credits, ≤ 0' }) credits: string;
  @ApiProperty({ ...MONEY, example: '127472.23', description: 'The sum of the six lines above' }) charge: string;
  @ApiProperty({ ...MONEY, example: '201666.67' }) baseline: string;
  @ApiProperty({ ...MONEY, example: '74194.44' }) savings: string;
  @ApiProperty({ ...DECIMAL, example: '36.79', nullable: true, description: 'Savings as % of the baseline; null when the baseline is 0' }) savingsPercent: string | null;
  @ApiProperty({ type: [IssuedStatementServiceLineView] }) serviceLines: IssuedStatementServiceLineView[];
  @ApiProperty({ type: [StatementMonthView], description: 'Charge and baseline per month (for charts)' }) months: StatementMonthView[];
  @ApiPropertyOptional({ ...MONEY, example: '6575.00', description: 'Co-operative host: every management fee of the range' }) feeIncome?: string;
  @ApiPropertyOptional({ ...MONEY, example: '665.26', description: 'Co-operative host: the service credits it funds' }) creditsFunded?: string;
  @ApiPropertyOptional({ ...MONEY, description: 'Commercial host: the other members’ charges less their credits' }) income?: string;
  @ApiPropertyOptional({ ...MONEY, description: 'Commercial host: its cost entries' }) costs?: string;
  @ApiPropertyOptional({ ...MONEY, description: 'Commercial host: income − costs' }) margin?: string;
}

/** Benefits against plan (domain.md §16) over the statement's months: not part of an issued statement (the plan is not a price). */
export interface BenefitsFields {
  plannedSavings: string;
  savingsGap: string;
  guaranteed: string | null;
  shortfall: string | null;
}

/** api.md `GET /consortia/:id/statements/:organisationId`; money as two-decimal strings; with names beside the ids. */
export class StatementView extends OmitType(IssuedStatementBodyView, ['serviceLines'] as const) implements BenefitsFields {
  @ApiProperty({ example: 'Riverside Community Health NHS Trust' }) organisationName: string;
  @ApiProperty({ type: [StatementServiceLineView] }) serviceLines: StatementServiceLineView[];
  @ApiProperty({ ...MONEY, example: '50000.00', description: 'Benefits plan: Σ over the months of the year’s planned saving × f / 12, exact, rounded once (0.00 without a plan)' })
  plannedSavings: string;
  @ApiProperty({ ...MONEY, example: '24194.44', description: 'savings − plannedSavings (negative: behind plan)' }) savingsGap: string;
  @ApiProperty({
    ...MONEY,
    example: '20166.67',
    nullable: true,
    description: 'Σ over the months of the exact baseline × the year’s guaranteedPercent / 100, rounded once; null when no year of the range guarantees a saving',
  })
  guaranteed: string | null;
  @ApiProperty({ ...MONEY, example: '0.00', nullable: true, description: 'max(0, guaranteed − savings); null when guaranteed is null' }) shortfall: string | null;
}

/** The members' statement lines summed exactly (core/consolidate.ts). */
export class StatementTotalsView {
  @ApiProperty(MONEY) operating: string;
  @ApiProperty(MONEY) fee: string;
  @ApiProperty(MONEY) investment: string;
  @ApiProperty(MONEY) sharedRisk: string;
  @ApiProperty(MONEY) attributedRisk: string;
  @ApiProperty({ ...MONEY, description: '≤ 0' }) credits: string;
  @ApiProperty(MONEY) charge: string;
  @ApiProperty(MONEY) baseline: string;
  @ApiProperty(MONEY) savings: string;
  @ApiProperty({ ...DECIMAL, nullable: true, description: 'Of the totals; null when the total baseline is 0' }) savingsPercent: string | null;
}

/** The consolidated statement's totals: the statement lines summed, and the benefits plan's figures (domain.md §16). */
export class ConsolidatedTotalsView extends StatementTotalsView {
  @ApiProperty({ ...MONEY, description: 'The sum of the members’ planned savings' }) plannedSavings: string;
  @ApiProperty({ ...MONEY, description: 'The sum of the members’ gaps (= savings − plannedSavings)' }) savingsGap: string;
  @ApiProperty({ ...MONEY, nullable: true, description: 'The sum of the members’ guaranteed savings that are not null; null when every member’s is null' }) guaranteed:
    string | null;
  @ApiProperty({
    ...MONEY,
    nullable: true,
    description: 'The sum of the members’ shortfalls (one member’s surplus does not cover another’s shortfall); null when every member’s is null',
  })
  shortfall: string | null;
}

export class ConsolidatedStatementView {
  @ApiProperty({ ...MONTH, example: '2025-04' }) from: string;
  @ApiProperty({ ...MONTH, example: '2025-09' }) to: string;
  @ApiProperty({ type: ConsolidatedTotalsView, description: 'The sum of the members’ lines, exactly' }) totals: ConsolidatedTotalsView;
  @ApiProperty({ type: [StatementView] }) items: StatementView[];
}

export class ImpactDifferenceView {
  @ApiProperty({ ...MONEY, example: '0.00' }) operating: string;
  @ApiProperty({ ...MONEY, example: '20.00' }) fee: string;
  @ApiProperty({ ...MONEY, example: '0.00' }) investment: string;
  @ApiProperty({ ...MONEY, example: '0.00' }) sharedRisk: string;
  @ApiProperty({ ...MONEY, example: '0.00' }) attributedRisk: string;
  @ApiProperty({ ...MONEY, example: '0.00' }) credits: string;
  @ApiProperty({ ...MONEY, example: '20.00' }) charge: string;
  @ApiProperty({ ...MONEY, example: '-20.00' }) savings: string;
}

export class MemberImpactView {
  @ApiProperty({ ...UUID }) organisationId: string;
  @ApiProperty({ example: 'Riverside Community Trust' }) organisationName: string;
  @ApiProperty({ type: IssuedStatementBodyView, description: 'The quarter priced by the approved versions as they are' }) current: IssuedStatementBodyView;
  @ApiProperty({ type: IssuedStatementBodyView, description: 'The same quarter priced by the version asked for' }) proposed: IssuedStatementBodyView;
  @ApiProperty({ type: ImpactDifferenceView, description: 'proposed − current' }) difference: ImpactDifferenceView;
}

export class AgreementImpactView {
  @ApiProperty({ type: 'integer', example: 2 }) version: number;
  @ApiProperty({ enum: ['draft', 'proposed', 'approved', 'rejected', 'superseded'] }) status: string;
  @ApiProperty({ ...MONTH, example: '2025-10' }) effectiveFrom: string;
  @ApiProperty({ ...MONTH, example: '2026-07', description: 'The last complete financial quarter' }) from: string;
  @ApiProperty({ ...MONTH, example: '2026-09' }) to: string;
  @ApiProperty({ type: [MemberImpactView], description: 'Every member for the host and the partnership board; your own organisation otherwise' }) items: MemberImpactView[];
}

export class StatementListView {
  @ApiProperty({ ...MONTH, example: '2025-04' }) from: string;
  @ApiProperty({ ...MONTH, example: '2025-05' }) to: string;
  @ApiProperty({ type: [StatementView] }) items: StatementView[];
}

export class IssuedStatementView {
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty({ type: String, pattern: '^[0-9a-f]{64}$', description: 'SHA-256 (hex) of the statement as canonical JSON (keys sorted, no whitespace)' }) contentHash: string;
  @ApiProperty(TIMESTAMP) issuedAt: Date;
  @ApiProperty({ type: IssuedStatementBodyView }) statement: IssuedStatementBodyView;
}

export class ClosedMonthView {
  @ApiProperty(UUID) consortiumId: string;
  @ApiProperty({ ...MONTH, example: '2025-04' }) month: string;
  @ApiProperty(TIMESTAMP) closedAt: Date;
  @ApiProperty({ type: [IssuedStatementView] }) items: IssuedStatementView[];
}

export class PreviewStatementView {
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty({ type: String, pattern: '^[0-9a-f]{64}$', description: 'SHA-256 (hex) of the statement as canonical JSON: the contentHash the close would issue it with' })
  contentHash: string;
  @ApiProperty({ type: IssuedStatementBodyView }) statement: IssuedStatementBodyView;
}

/** What closing a month would issue (nothing written). */
export class MonthPreviewView {
  @ApiProperty(UUID) consortiumId: string;
  @ApiProperty({ ...MONTH, example: '2025-07' }) month: string;
  @ApiProperty({
    type: String,
    pattern: '^[0-9a-f]{64}$',
    description: 'Identifies these figures: give it to POST …/months/:month/close as previewToken to refuse the close (409 preview_out_of_date) if they have changed since',
  })
  previewToken: string;
  @ApiProperty({ type: [PreviewStatementView], description: 'One statement per member whose membership overlaps the month, host first: exactly what the close would issue' })
  items: PreviewStatementView[];
}

export class ClosedMonthSummary {
  @ApiProperty({ ...MONTH, example: '2025-04' }) month: string;
  @ApiProperty(TIMESTAMP) closedAt: Date;
  @ApiProperty({ ...UUID, nullable: true, description: 'The user who closed it' }) closedBy: string | null;
}

export class ClosedMonthList {
  @ApiProperty({ type: [ClosedMonthSummary] }) items: ClosedMonthSummary[];
  @ApiProperty(COUNT) total: number;
  @ApiProperty({ ...MONTH, example: '2025-06', description: 'The only month that may be closed next (months close in order from the start month)' }) nextToClose: string;
}

export class CloseMonthDto {
  @ApiPropertyOptional({ example: 'Ledger reconciled with the general ledger', description: 'Recorded in the audit log with the close' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @ApiPropertyOptional({
    type: String,
    pattern: '^[0-9a-f]{64}$',
    description: 'The previewToken of GET …/months/:month/preview: the close is refused (409 preview_out_of_date) if the figures it would issue are no longer the previewed ones',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'previewToken must be the 64-character previewToken of GET …/months/:month/preview' })
  previewToken?: string;
}
