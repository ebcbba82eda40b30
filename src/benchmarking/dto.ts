import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, ValidateBy, ValidationOptions } from 'class-validator';
import { ORGANISATION_TYPES, type OrganisationType } from '../common/enums';
import { ListQuery } from '../common/http/pagination';
import { isMoneyString } from '../common/money';
import { IsNonNegativeMoney } from '../common/validation/validation';
import { BENCHMARK_FUNCTIONS, isFinancialYear, type BenchmarkFunction } from './core';

/** `"2024/25"`: four digits, a slash, the next year's last two digits. */
export function IsFinancialYear(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isFinancialYear', validator: { validate: (v) => isFinancialYear(v), defaultMessage: (a) => `${a?.property} must be a financial year like "2024/25"` } },
    options,
  );
}

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
  @ApiProperty({ description: 'The organisation the return is for' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ example: '2024/25' })
  @IsFinancialYear()
  financialYear: string;

  @ApiProperty({ enum: BENCHMARK_FUNCTIONS })
  @IsIn(BENCHMARK_FUNCTIONS, FUNCTION_MESSAGE)
  function: BenchmarkFunction;

  @ApiProperty({ example: '1650000.00', description: 'Cost of the function in the year, £, ≥ 0, a string with at most two decimals' })
  @IsNonNegativeMoney()
  cost: string;

  @ApiProperty({ example: '150000000.00', description: 'Turnover of the organisation in the year, £, > 0, a string with at most two decimals' })
  @IsPositiveMoney()
  turnover: string;
}

export class PeerGroupQuery {
  @ApiProperty({ example: '2024/25' })
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
  @ApiPropertyOptional({ description: "Report this organisation's position (default: the caller's own); one whose returns the caller may read, else 404" })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class YearQuery {
  @ApiProperty({ example: '2024/25' })
  @IsFinancialYear()
  financialYear: string;
}

export class ReturnsQuery extends ListQuery {
  @ApiPropertyOptional({ example: '2024/25' })
  @IsOptional()
  @IsFinancialYear()
  financialYear?: string;

  @ApiPropertyOptional({ enum: BENCHMARK_FUNCTIONS })
  @IsOptional()
  @IsIn(BENCHMARK_FUNCTIONS, FUNCTION_MESSAGE)
  function?: BenchmarkFunction;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

// ---- responses (for the OpenAPI document) ----

export class BenchmarkReturnView {
  @ApiProperty() id: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ nullable: true, type: String }) odsCode: string | null;
  @ApiProperty({ example: '2024/25' }) financialYear: string;
  @ApiProperty({ enum: BENCHMARK_FUNCTIONS }) function: BenchmarkFunction;
  @ApiProperty({ example: '1650000.00' }) cost: string;
  @ApiProperty({ example: '150000000.00' }) turnover: string;
  @ApiProperty({ example: '1.1000', description: 'cost / turnover × 100, 4 decimals' }) kpi: string;
  @ApiProperty({ nullable: true, type: String }) submittedBy: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class SubmittedReturnView extends BenchmarkReturnView {
  @ApiProperty({ description: 'True when an earlier return for the same organisation, year and function was replaced' })
  replaced: boolean;
}

export class ImportedView {
  @ApiProperty({ example: 8 }) accepted: number;
  @ApiProperty({ example: 2, description: 'How many earlier returns were replaced' }) replaced: number;
}

export class HackettView {
  @ApiProperty({ example: '1.1570' }) median: string;
  @ApiProperty({ example: '0.6090' }) bestInClass: string;
}

export class PeerItemView {
  @ApiProperty({ nullable: true, type: String, description: 'null for another organisation the caller may not name' })
  organisationId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null when organisationId is' })
  organisationName: string | null;
  @ApiProperty({ example: 'Peer 3', description: '"Peer <rank>": a label for every item, named or not' })
  peer: string;
  @ApiProperty({ example: 3, description: '1 = cheapest (lowest KPI)' }) rank: number;
  @ApiProperty({ description: 'One of the k returns dropped at either end before averaging' }) excluded: boolean;
  @ApiProperty({ example: '1.1000' }) kpi: string;
  @ApiProperty({ example: '18750.00' }) savingsPotential: string;
  @ApiProperty({ example: '168750.00' }) savingsToLowerQuartile: string;
}

export class PeerGroupView {
  @ApiProperty({ example: '2024/25' }) financialYear: string;
  @ApiProperty({ enum: BENCHMARK_FUNCTIONS }) function: BenchmarkFunction;
  @ApiProperty({ enum: ORGANISATION_TYPES }) organisationType: OrganisationType;
  @ApiProperty({ example: 8 }) n: number;
  @ApiProperty({ example: 2, description: 'k = floor(n / 4), dropped from EACH end' }) trimmed: number;
  @ApiProperty({ example: '1.0875', nullable: true, type: String, description: 'null when n = 0' }) average: string | null;
  @ApiProperty({ example: '1.0750', nullable: true, type: String }) median: string | null;
  @ApiProperty({ example: '0.9875', nullable: true, type: String }) lowerQuartile: string | null;
  @ApiProperty({ example: '1.2500', nullable: true, type: String }) upperQuartile: string | null;
  @ApiProperty({ example: '0.8000', nullable: true, type: String }) min: string | null;
  @ApiProperty({ example: '2.0000', nullable: true, type: String }) max: string | null;
  @ApiProperty({ type: HackettView, nullable: true }) hackett: HackettView | null;
  @ApiProperty({ example: '2150000.00' }) totalSavingsPotential: string;
  @ApiProperty({ example: '2612500.00' }) totalSavingsToLowerQuartile: string;
  @ApiProperty({ type: [PeerItemView] }) items: PeerItemView[];
}

export class PeerGroupAnswerView extends PeerGroupView {
  @ApiProperty({ type: PeerItemView, nullable: true, description: "The item of organisationId (default: the caller's organisation); null when it made no return" })
  position: PeerItemView | null;
}
