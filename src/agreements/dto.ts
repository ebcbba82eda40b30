import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsDecimalLike, IsMonth, IsNonNegativeMoney } from '../common/validation/validation';
import { DECIMAL, DECIMAL_PATTERN, decimalInput, INTEGER, MONTH, NON_NEGATIVE_MONEY_INPUT, PageOf, TIMESTAMP, UUID } from '../common/http/openapi';

export const AGREEMENT_MODELS = ['cooperative', 'commercial'] as const;
export type AgreementModel = (typeof AGREEMENT_MODELS)[number];
export const BASES = ['equal', 'turnover', 'headcount', 'fixed', 'activity'] as const;
export const DECISION_RULES = ['unanimous', 'majority', 'host'] as const;
export type DecisionRule = (typeof DECISION_RULES)[number];
export const VERSION_STATUSES = ['draft', 'proposed', 'approved', 'rejected', 'superseded'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export class ExitChargeDto {
  @ApiProperty({ ...INTEGER, example: 1, minimum: 1, maximum: 100, description: 'Contract year (1 = the first twelve months from joining)' })
  @IsInt()
  @Min(1)
  @Max(100)
  contractYear: number;

  @ApiProperty({ ...NON_NEGATIVE_MONEY_INPUT, example: '120000.00', description: 'Exit charge for leaving in that contract year (money string, kept as given)' })
  @IsNonNegativeMoney()
  amount: string;
}

/**
 * Exit terms (domain.md §8). Co-operative: the six month/percent fields, all required. Commercial:
 * `exitChargeSchedule` (required) and optionally `noticeMonths`; the co-operative fields are refused.
 */
export class ExitTermsDto {
  @ApiPropertyOptional({ ...INTEGER, minimum: 0, maximum: 1200, example: 36, description: 'Co-operative: minimum term from joining, in months' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1200)
  minimumTermMonths?: number;

  @ApiPropertyOptional({ ...INTEGER, minimum: 0, maximum: 120, example: 6, description: 'Months of notice: the exit month is the notice month + noticeMonths' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  noticeMonths?: number;

  @ApiPropertyOptional(decimalInput({ example: '25', description: 'Co-operative: % of the average monthly charge per month left in the minimum term (0..100)' }))
  @IsOptional()
  @IsDecimalLike()
  earlyTerminationPercent?: string | number;

  @ApiPropertyOptional({ ...INTEGER, minimum: 0, maximum: 1200, example: 12, description: 'Co-operative: months of stranded (fixed) cost the leaver bears' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1200)
  strandedCostMonths?: number;

  @ApiPropertyOptional(decimalInput({ example: '40', description: 'Co-operative: fixed share of costs, % (0..100)' }))
  @IsOptional()
  @IsDecimalLike()
  fixedCostPercent?: string | number;

  @ApiPropertyOptional({ ...INTEGER, minimum: 0, maximum: 1200, example: 60, description: 'Co-operative: months over which investments are amortised' })
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
  @ApiProperty({ ...UUID, description: 'A member organisation' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ ...UUID, description: 'A service line of this consortium the member receives' })
  @IsUUID()
  serviceLineId: string;

  @ApiProperty({ ...NON_NEGATIVE_MONEY_INPUT, example: '1200000.00', description: 'Annual price (money string); charged monthly as annual × f / 12' })
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

  @ApiPropertyOptional({
    ...MONTH,
    description:
      'The first month the version prices (domain.md §12). After the last closed month and not before the version in force; ' +
      'default: the first open month (or the consortium’s start month), and not before the latest approved version',
  })
  @IsOptional()
  @IsMonth()
  effectiveFrom?: string;

  @ApiPropertyOptional({
    enum: DECISION_RULES,
    description: 'How the members decide the version (domain.md §13): `unanimous` (default for co-operatives), `majority`, or `host` (commercial models only, their default)',
  })
  @IsOptional()
  @IsIn(DECISION_RULES)
  decisionRule?: DecisionRule;

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

  @ApiPropertyOptional(decimalInput({ example: '2.5', description: 'Co-operative (required): management fee, % of operating cost, 0..100, at most 4 decimals' }))
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

/** Stored co-operative exit terms: percentages normalised to decimal strings. */
export class CooperativeExitTermsView {
  @ApiProperty({ ...INTEGER, example: 36 }) minimumTermMonths: number;
  @ApiProperty({ ...INTEGER, example: 6 }) noticeMonths: number;
  @ApiProperty({ ...DECIMAL, example: '25' }) earlyTerminationPercent: string;
  @ApiProperty({ ...INTEGER, example: 12 }) strandedCostMonths: number;
  @ApiProperty({ ...DECIMAL, example: '40' }) fixedCostPercent: string;
  @ApiProperty({ ...INTEGER, example: 60 }) amortisationMonths: number;
}

export class CommercialExitTermsView {
  @ApiProperty({ ...INTEGER, example: 6, description: '0 when the agreement gave none' }) noticeMonths: number;
  @ApiProperty({ type: [ExitChargeDto] }) exitChargeSchedule: ExitChargeDto[];
}

export class VoteView {
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty({ example: 'North Trust' }) organisationName: string;
  @ApiProperty({ enum: ['approve', 'object'] }) vote: 'approve' | 'object';
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty(TIMESTAMP) castAt: Date;
}

export class VoterView {
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty({ example: 'North Trust' }) organisationName: string;
  @ApiProperty({ type: String, nullable: true, enum: ['approve', 'object', null], description: 'Its latest vote, or null while it has not voted' })
  vote: 'approve' | 'object' | null;
}

@ApiExtraModels(CooperativeExitTermsView, CommercialExitTermsView)
export class AgreementVersionView {
  @ApiProperty(UUID) consortiumId: string;
  @ApiProperty({ ...INTEGER, minimum: 1, example: 2 }) version: number;
  @ApiProperty({
    enum: VERSION_STATUSES,
    description: 'draft (being edited) → proposed (members vote) → approved or rejected; an approved version replaced by a later one from the same month is superseded',
  })
  status: VersionStatus;
  @ApiProperty({ ...MONTH, description: 'The first month it prices' }) effectiveFrom: string;
  @ApiProperty({ enum: DECISION_RULES }) decisionRule: DecisionRule;
  @ApiProperty({ description: 'Approved and pricing the current month' }) inForce: boolean;
  @ApiProperty({ ...INTEGER, example: 3, description: 'Optimistic-concurrency counter of the draft: send it back as `If-Match` when you replace the draft' })
  revision: number;
  @ApiProperty({ enum: AGREEMENT_MODELS }) model: AgreementModel;
  @ApiPropertyOptional({ enum: BASES.filter((b) => b !== 'activity'), description: 'Co-operative' }) basis?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string', enum: [...BASES] }, description: 'Co-operative: basis per service line id' })
  serviceLineBases?: Record<string, string>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string', pattern: DECIMAL_PATTERN }, description: 'Co-operative: % share per organisation id' })
  fixedShares?: Record<string, string>;
  @ApiPropertyOptional({ ...DECIMAL, example: '2.5', description: 'Co-operative' }) managementFeePercent?: string;
  @ApiPropertyOptional({ type: [PriceDto], description: 'Commercial' }) prices?: PriceDto[];
  @ApiProperty({ oneOf: [{ $ref: getSchemaPath(CooperativeExitTermsView) }, { $ref: getSchemaPath(CommercialExitTermsView) }], description: 'The exit terms of the model' })
  exit: Record<string, unknown>;
  @ApiProperty(TIMESTAMP) createdAt: Date;
  @ApiProperty(TIMESTAMP) updatedAt: Date;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) approvedAt: Date | null;
  @ApiProperty({ ...UUID, nullable: true, description: 'The user whose act approved it (the deciding vote, the host under `host`, or an admin)' })
  approvedBy: string | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) proposedAt: Date | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true, description: 'When it was approved or rejected' }) decidedAt: Date | null;
  @ApiProperty({ type: [VoterView], description: 'Proposed and decided versions: the members who decide it (members in its effectiveFrom month) and their votes' })
  voters: VoterView[];
  @ApiProperty({ type: [VoteView] }) votes: VoteView[];
}

export class CastVoteDto {
  @ApiProperty({ enum: ['approve', 'object'] })
  @IsIn(['approve', 'object'])
  vote: 'approve' | 'object';

  @ApiPropertyOptional({ example: 'Approved by our board on 4 November', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}

export class AgreementVersionList extends PageOf(AgreementVersionView) {}

export class ApproveAgreementDto {
  @ApiPropertyOptional({ example: 'Approved by the partnership board on 12 March', description: 'Recorded in the audit log with the approval' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
