import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, ValidateBy, ValidationOptions } from 'class-validator';
import { ORGANISATION_TYPES, type OrganisationType } from '../common/enums';
import { COUNT, FINANCIAL_YEAR, INTEGER, MONEY, MONEY_PATTERN, NON_NEGATIVE_MONEY_INPUT, PageOf, TIMESTAMP, UUID } from '../common/http/openapi';
import { ListQuery } from '../common/http/pagination';
import { isMoneyString } from '../common/money';
import { IsNonNegativeMoney } from '../common/validation/validation';
import { BENCHMARK_FUNCTIONS, type BenchmarkFunction } from './core';
import { IsFinancialYear } from '../common/validation/validation';

/** Money strictly above zero (a turnover): a string with at most two decimals. */
export function isPositiveMoney(v: unknown): boolean {
  return isMoneyString(v) && !v.startsWith('-') && /[1-9]/.test(v);
}

export function IsPositiveMoney(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPositiveMoney',
      validator: {
        validate: isPositiveMoney,
        defaultMessage: (a) => `${a?.property} must be an amount greater than zero as a string with at most two decimals, e.g. "250000000.00"`,
      },
    },
    options,
  );
}

const FUNCTION_MESSAGE = { message: `function must be one of ${BENCHMARK_FUNCTIONS.join(', ')}` };
const TYPE_MESSAGE = { message: `organisationType must be one of ${ORGANISATION_TYPES.join(', ')}` };

export class SubmitReturnDto {
  @ApiProperty({ ...UUID, description: 'The organisation the return is for' })
  @IsUUID()
  organisationId: string;

  @ApiProperty(FINANCIAL_YEAR)
  @IsFinancialYear()
  financialYear: string;

  @ApiProperty({ enum: BENCHMARK_FUNCTIONS })
  @IsIn(BENCHMARK_FUNCTIONS, FUNCTION_MESSAGE)
  function: BenchmarkFunction;

  @ApiProperty({ ...NON_NEGATIVE_MONEY_INPUT, example: '1650000.00', description: 'Cost of the function in the year, £, ≥ 0, a string with at most two decimals' })
  @IsNonNegativeMoney()
  cost: string;

  @ApiProperty({ ...NON_NEGATIVE_MONEY_INPUT, example: '150000000.00', description: 'Turnover of the organisation in the year, £, > 0, a string with at most two decimals' })
  @IsPositiveMoney()
  turnover: string;
}

export class PeerGroupQuery {
  @ApiProperty(FINANCIAL_YEAR)
  @IsFinancialYear()
  financialYear: string;

  @ApiProperty({ enum: BENCHMARK_FUNCTIONS })
  @IsIn(BENCHMARK_FUNCTIONS, FUNCTION_MESSAGE)
  function: BenchmarkFunction;

  @ApiProperty({ enum: ORGANISATION_TYPES })
  @IsIn(ORGANISATION_TYPES, TYPE_MESSAGE)
  organisationType: OrganisationType;
}

export class PeerGroupRequest extends PeerGroupQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "Report this organisation's position (default: the caller's own); one whose returns the caller may read, else 404" })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class YearQuery {
  @ApiProperty(FINANCIAL_YEAR)
  @IsFinancialYear()
  financialYear: string;
}

export class ReturnsQuery extends ListQuery {
  @ApiPropertyOptional(FINANCIAL_YEAR)
  @IsOptional()
  @IsFinancialYear()
  financialYear?: string;

  @ApiPropertyOptional({ enum: BENCHMARK_FUNCTIONS })
  @IsOptional()
  @IsIn(BENCHMARK_FUNCTIONS, FUNCTION_MESSAGE)
  function?: BenchmarkFunction;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

// ---- responses (for the OpenAPI document) ----

/** A KPI-like value (% of turnover, averages, quartiles): four decimals. */
const KPI = { type: String, pattern: '^-?\\d+\\.\\d{4}$', example: '1.1000' } as const;

export class BenchmarkReturnView {
  @ApiProperty(UUID) id: string;
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ type: String, nullable: true }) odsCode: string | null;
  @ApiProperty(FINANCIAL_YEAR) financialYear: string;
  @ApiProperty({ enum: BENCHMARK_FUNCTIONS }) function: BenchmarkFunction;
  @ApiProperty({ ...MONEY, example: '1650000.00' }) cost: string;
  @ApiProperty({ ...MONEY, example: '150000000.00' }) turnover: string;
  @ApiProperty({ ...KPI, description: 'cost / turnover × 100, 4 decimals' }) kpi: string;
  @ApiProperty({ ...UUID, nullable: true, description: 'The user who submitted it' }) submittedBy: string | null;
  @ApiProperty(TIMESTAMP) createdAt: Date;
  @ApiProperty(TIMESTAMP) updatedAt: Date;
}

export class BenchmarkReturnPage extends PageOf(BenchmarkReturnView) {}

export class SubmittedReturnView extends BenchmarkReturnView {
  @ApiProperty({ description: 'True when an earlier return for the same organisation, year and function was replaced' })
  replaced: boolean;
}

export class ImportedView {
  @ApiProperty({ ...COUNT, example: 8 }) accepted: number;
  @ApiProperty({ ...COUNT, example: 2, description: 'How many earlier returns were replaced' }) replaced: number;
}

export class HackettView {
  @ApiProperty({ ...KPI, example: '1.1570' }) median: string;
  @ApiProperty({ ...KPI, example: '0.6090' }) bestInClass: string;
}

export class PeerItemView {
  @ApiProperty({ ...UUID, nullable: true, description: 'null for another organisation the caller may not name' })
  organisationId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null when organisationId is' })
  organisationName: string | null;
  @ApiProperty({ example: 'Peer 3', description: '"Peer <rank>": a label for every item, named or not' })
  peer: string;
  @ApiProperty({ ...INTEGER, minimum: 1, example: 3, description: '1 = cheapest (lowest KPI)' }) rank: number;
  @ApiProperty({ description: 'One of the k returns dropped at either end before averaging' }) excluded: boolean;
  @ApiProperty({ ...KPI, nullable: true, description: 'null for a peer the caller may not name (non-admins): an unnamed peer shows its rank only' })
  kpi: string | null;
  @ApiProperty({ ...MONEY, example: '18750.00', nullable: true, description: 'null for a peer the caller may not name (non-admins)' })
  savingsPotential: string | null;
  @ApiProperty({ ...MONEY, example: '168750.00', nullable: true, description: 'null for a peer the caller may not name (non-admins)' })
  savingsToLowerQuartile: string | null;
}

export class PeerGroupView {
  @ApiProperty(FINANCIAL_YEAR) financialYear: string;
  @ApiProperty({ enum: BENCHMARK_FUNCTIONS }) function: BenchmarkFunction;
  @ApiProperty({ enum: ORGANISATION_TYPES }) organisationType: OrganisationType;
  @ApiProperty({ ...COUNT, example: 8 }) n: number;
  @ApiProperty({ ...COUNT, example: 2, description: 'k = floor(n / 4), dropped from EACH end' }) trimmed: number;
  @ApiProperty({ ...KPI, example: '1.0875', nullable: true, description: 'null when n = 0, or when suppressed' }) average: string | null;
  @ApiProperty({ ...KPI, example: '1.0750', nullable: true, description: 'null when n = 0, or when suppressed' }) median: string | null;
  @ApiProperty({ ...KPI, example: '0.9875', nullable: true, description: 'null when n = 0, or when suppressed' }) lowerQuartile: string | null;
  @ApiProperty({ ...KPI, example: '1.2500', nullable: true, description: 'null when n = 0, or when suppressed' }) upperQuartile: string | null;
  @ApiProperty({
    ...KPI,
    example: '0.8000',
    nullable: true,
    description: "The cheapest KPI: null when n = 0, when suppressed, or (non-admins) when it is a peer's the caller may not name",
  })
  min: string | null;
  @ApiProperty({
    ...KPI,
    example: '2.0000',
    nullable: true,
    description: "The dearest KPI: null when n = 0, when suppressed, or (non-admins) when it is a peer's the caller may not name",
  })
  max: string | null;
  @ApiProperty({ type: HackettView, nullable: true }) hackett: HackettView | null;
  @ApiProperty({
    ...MONEY,
    example: '2150000.00',
    nullable: true,
    description: 'null when suppressed, or (non-admins) when fewer than the minimum peer group of the items are unnamed (the total would give their savings away)',
  })
  totalSavingsPotential: string | null;
  @ApiProperty({ ...MONEY, example: '2612500.00', nullable: true, description: 'null as totalSavingsPotential' })
  totalSavingsToLowerQuartile: string | null;
  @ApiProperty({ type: [PeerItemView], description: 'Cheapest first; empty when suppressed' }) items: PeerItemView[];
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'peer group smaller than 5',
    description: 'Why the statistics are withheld: a non-admin sees none for a peer group smaller than BENCHMARK_MIN_PEER_GROUP (default 5) returns; null when shown',
  })
  suppressed: string | null;
}

export class PeerGroupAnswerView extends PeerGroupView {
  @ApiProperty({ type: PeerItemView, nullable: true, description: "The item of organisationId (default: the caller's organisation); null when it made no return" })
  position: PeerItemView | null;
}

/** One function of `GET /benchmarks/organisations/:organisationId` (PeerViewRowDto of core/format.ts). */
export class PeerViewRowView {
  @ApiProperty({ enum: BENCHMARK_FUNCTIONS }) function: BenchmarkFunction;
  @ApiProperty({ description: 'Whether the organisation made a return for the function' }) submitted: boolean;
  @ApiProperty(COUNT) n: number;
  @ApiProperty(COUNT) trimmed: number;
  @ApiProperty({ ...KPI, nullable: true }) kpi: string | null;
  @ApiProperty({ ...INTEGER, minimum: 1, nullable: true }) rank: number | null;
  @ApiProperty({ ...KPI, nullable: true }) average: string | null;
  @ApiProperty({ ...KPI, nullable: true }) median: string | null;
  @ApiProperty({ ...KPI, nullable: true }) lowerQuartile: string | null;
  @ApiProperty({ ...KPI, nullable: true }) upperQuartile: string | null;
  @ApiProperty({ type: HackettView, nullable: true }) hackett: HackettView | null;
  @ApiProperty({ ...MONEY, nullable: true }) savingsPotential: string | null;
  @ApiProperty({ ...MONEY, nullable: true }) savingsToLowerQuartile: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'peer group smaller than 5',
    description: "Why the peer figures, rank and savings are withheld (non-admins, peer group smaller than the minimum); the organisation's own KPI stays. null when shown",
  })
  suppressed: string | null;
}

export class PeerView {
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ enum: ORGANISATION_TYPES }) organisationType: string;
  @ApiProperty(FINANCIAL_YEAR) financialYear: string;
  @ApiProperty({ type: [PeerViewRowView], description: 'One row per function' }) functions: PeerViewRowView[];
  @ApiProperty(MONEY) totalSavingsPotential: string;
  @ApiProperty(MONEY) totalSavingsToLowerQuartile: string;
}

/** Savings potential per function: one money string for each of the seven functions. */
const SAVINGS_BY_FUNCTION: ApiPropertyOptions = {
  type: 'object',
  properties: Object.fromEntries(BENCHMARK_FUNCTIONS.map((f) => [f, { type: 'string', pattern: MONEY_PATTERN }])),
  required: [...BENCHMARK_FUNCTIONS],
  additionalProperties: false,
};

export class NationalTypeRowView {
  @ApiProperty({ enum: ORGANISATION_TYPES }) organisationType: string;
  @ApiProperty({ ...COUNT, description: 'Organisations of the type with at least one return' }) organisations: number;
  @ApiProperty(COUNT) returns: number;
  @ApiProperty(SAVINGS_BY_FUNCTION) byFunction: Record<BenchmarkFunction, string>;
  @ApiProperty(MONEY) savingsPotential: string;
  @ApiProperty(MONEY) savingsToLowerQuartile: string;
}

export class NationalSavingsView {
  @ApiProperty(FINANCIAL_YEAR) financialYear: string;
  @ApiProperty({ type: [NationalTypeRowView], description: 'Types with at least one peer group shown' }) byType: NationalTypeRowView[];
  @ApiProperty(SAVINGS_BY_FUNCTION) byFunction: Record<BenchmarkFunction, string>;
  @ApiProperty(MONEY) savingsPotential: string;
  @ApiProperty(MONEY) savingsToLowerQuartile: string;
  @ApiProperty({ ...COUNT, description: 'Peer groups (type, function) left out of every total because they are smaller than the minimum (non-admins; 0 for admins)' })
  suppressedGroups: number;
  @ApiProperty({ type: String, nullable: true, example: '2 peer group(s) smaller than 5 left out', description: 'Why some peer groups are left out; null when none is' })
  suppressed: string | null;
}
