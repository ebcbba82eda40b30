import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { DATE, DECIMAL, MONEY, MONTH, TIMESTAMP, UUID } from '../common/http/openapi';
import { IssuedStatementBodyView, StatementTotalsView } from '../statements/dto';

class BaselineChangeView {
  @ApiProperty(UUID) serviceLineId: string;
  @ApiProperty({ ...MONEY, example: '800000.00' }) annualAmount: string;
}
class ActivityChangeView {
  @ApiProperty(UUID) serviceLineId: string;
  @ApiProperty({ ...DECIMAL, example: '2000' }) monthlyVolume: string;
}
class ScenarioPriceView {
  @ApiPropertyOptional({ ...UUID, description: 'agreement prices only' }) organisationId?: string;
  @ApiProperty(UUID) serviceLineId: string;
  @ApiProperty({ ...MONEY, example: '120000.00' }) annualPrice: string;
}

/**
 * One hypothetical change (domain.md §14); `kind` says which, and which fields it takes:
 * join { name, annualTurnover, headcount, joinedOn, baselines, activity?, prices? (commercial, required there) };
 * leave { organisationId, leftOn }; agreement { effectiveFrom, basis?, serviceLineBases?, managementFeePercent?,
 * fixedShares? (co-operative) | prices? (commercial) }; costChange { serviceLineId?, percent };
 * addCost { month, category, amount, serviceLineId?, attributableTo? }.
 */
export class ScenarioChangeView {
  @ApiProperty({ enum: ['join', 'leave', 'agreement', 'costChange', 'addCost'] }) kind: string;
  @ApiPropertyOptional({ example: 'Dale Valley NHS Trust', description: 'join' }) name?: string;
  @ApiPropertyOptional({ ...MONEY, description: 'join' }) annualTurnover?: string;
  @ApiPropertyOptional({ ...DECIMAL, description: 'join' }) headcount?: string;
  @ApiPropertyOptional({ ...DATE, description: 'join' }) joinedOn?: string;
  @ApiPropertyOptional({ type: [BaselineChangeView], description: 'join' }) baselines?: BaselineChangeView[];
  @ApiPropertyOptional({ type: [ActivityChangeView], description: 'join: monthly volumes of activity-basis lines' }) activity?: ActivityChangeView[];
  @ApiPropertyOptional({
    type: [ScenarioPriceView],
    description: 'join (commercial): { serviceLineId, annualPrice }; agreement (commercial): { organisationId, serviceLineId, annualPrice }',
  })
  prices?: ScenarioPriceView[];
  @ApiPropertyOptional({ ...UUID, description: 'leave' }) organisationId?: string;
  @ApiPropertyOptional({ ...DATE, description: 'leave: the last day of membership' }) leftOn?: string;
  @ApiPropertyOptional({ ...MONTH, description: 'agreement: the first month the replaced terms price' }) effectiveFrom?: string;
  @ApiPropertyOptional({ enum: ['equal', 'turnover', 'headcount', 'fixed'], description: 'agreement' }) basis?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'agreement: service line id → basis' }) serviceLineBases?: Record<string, string>;
  @ApiPropertyOptional({ ...DECIMAL, description: 'agreement' }) managementFeePercent?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'agreement: member id → percentage (sum 100)' }) fixedShares?: Record<
    string,
    string
  >;
  @ApiPropertyOptional({ ...UUID, description: 'costChange (all lines when absent), addCost' }) serviceLineId?: string;
  @ApiPropertyOptional({ ...DECIMAL, example: '10', description: 'costChange: e.g. 10 or -10' }) percent?: string;
  @ApiPropertyOptional({ ...MONTH, description: 'addCost' }) month?: string;
  @ApiPropertyOptional({ enum: ['operating', 'investment', 'risk'], description: 'addCost' }) category?: string;
  @ApiPropertyOptional({ ...MONEY, description: 'addCost' }) amount?: string;
  @ApiPropertyOptional({ ...UUID, description: 'addCost (risk only)' }) attributableTo?: string;
}

export class ScenarioRequestDto {
  @ApiProperty({ ...MONTH, example: '2025-04', description: 'First month (inclusive)' })
  @IsString()
  from: string;

  @ApiProperty({ ...MONTH, example: '2025-05', description: 'Last month (inclusive); at most 36 months' })
  @IsString()
  to: string;

  @ApiPropertyOptional({ example: 'Dale Valley joins in April', description: 'With a name the scenario is saved (host, admins, organisation admins, board viewers)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiProperty({ type: [ScenarioChangeView], description: '1 to 20 changes, applied in order' })
  @IsArray()
  changes: unknown[];
}

/** A statement column of a scenario (the statement's lines; no organisation id: a joiner has none). */
export class ScenarioStatementView extends OmitType(IssuedStatementBodyView, ['organisationId'] as const) {}

class DifferenceLineView {
  @ApiProperty(UUID) serviceLineId: string;
  @ApiProperty({ example: 'FIN' }) code: string;
  @ApiProperty(MONEY) operating: string;
  @ApiProperty(MONEY) fee: string;
  @ApiProperty(MONEY) credits: string;
  @ApiProperty(MONEY) baseline: string;
}
class DifferenceMonthView {
  @ApiProperty(MONTH) month: string;
  @ApiProperty(MONEY) charge: string;
  @ApiProperty(MONEY) baseline: string;
}

export class ScenarioTotalsDifferenceView {
  @ApiProperty(MONEY) operating: string;
  @ApiProperty(MONEY) fee: string;
  @ApiProperty(MONEY) investment: string;
  @ApiProperty(MONEY) sharedRisk: string;
  @ApiProperty(MONEY) attributedRisk: string;
  @ApiProperty(MONEY) credits: string;
  @ApiProperty(MONEY) charge: string;
  @ApiProperty(MONEY) baseline: string;
  @ApiProperty(MONEY) savings: string;
}

export class ScenarioDifferenceView extends ScenarioTotalsDifferenceView {
  @ApiProperty({ type: [DifferenceLineView] }) serviceLines: DifferenceLineView[];
  @ApiProperty({ type: [DifferenceMonthView] }) months: DifferenceMonthView[];
}

export class ScenarioItemView {
  @ApiProperty({ ...UUID, nullable: true, description: 'null for a joining organisation' }) organisationId: string | null;
  @ApiProperty({ example: 'Riverside Community Health NHS Trust' }) name: string;
  @ApiProperty({ type: ScenarioStatementView, description: 'As things are' }) current: ScenarioStatementView;
  @ApiProperty({ type: ScenarioStatementView, description: 'With the changes' }) scenario: ScenarioStatementView;
  @ApiProperty({ type: ScenarioDifferenceView, description: 'scenario − current, line by line' }) difference: ScenarioDifferenceView;
}

export class ScenarioTotalsView {
  @ApiProperty({ type: StatementTotalsView }) current: StatementTotalsView;
  @ApiProperty({ type: StatementTotalsView }) scenario: StatementTotalsView;
  @ApiProperty({ type: ScenarioTotalsDifferenceView }) difference: ScenarioTotalsDifferenceView;
}

export class ScenarioResultView {
  @ApiPropertyOptional({ ...UUID, description: 'A saved scenario' }) id?: string;
  @ApiPropertyOptional({ description: 'A saved scenario' }) name?: string;
  @ApiPropertyOptional({ ...TIMESTAMP, description: 'A saved scenario: when its figures were computed' }) createdAt?: string;
  @ApiPropertyOptional({ description: 'A saved scenario: its author (organisation and role)' }) createdBy?: string;
  @ApiProperty(MONTH) from: string;
  @ApiProperty(MONTH) to: string;
  @ApiProperty({ type: [ScenarioChangeView] }) changes: ScenarioChangeView[];
  @ApiProperty({ type: [ScenarioItemView], description: 'The members the caller may read (host, admins, partnership board: all; others: their own)' }) items: ScenarioItemView[];
  @ApiProperty({ type: ScenarioTotalsView, description: 'Totals over the items listed' }) totals: ScenarioTotalsView;
}

export class SavedScenarioSummaryView {
  @ApiProperty(UUID) id: string;
  @ApiProperty() name: string;
  @ApiProperty(MONTH) from: string;
  @ApiProperty(MONTH) to: string;
  @ApiProperty(TIMESTAMP) createdAt: string;
  @ApiProperty({ example: 'Riverside Community Health NHS Trust (board viewer)' }) createdBy: string;
  @ApiProperty({ description: 'Whether the caller may delete it (its author or the host)' }) canDelete: boolean;
}

export class SavedScenarioList {
  @ApiProperty({ type: [SavedScenarioSummaryView] }) items: SavedScenarioSummaryView[];
}
