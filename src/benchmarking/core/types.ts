/**
 * Benchmarking (QIPP method, domain.md §10, seeds §5.7–5.9): types shared by the pure core.
 *
 * Pure: no framework, database or HTTP imports. Money and KPI values are exact decimals
 * (`Dec` from `src/common/money.ts`), never JavaScript `number`. Counts (n, k, rank) are numbers.
 */
import type { Dec } from '../../common/money';
import { ORGANISATION_TYPES, type OrganisationType } from '../../common/enums';

export { ORGANISATION_TYPES };
export type { OrganisationType };

/**
 * The seven back-office functions benchmarked by the seeds (§5.8 peer tables), in the seeds' column
 * order: Finance, HR, IT&T, Procurement, Estates, Payroll, Governance & Risk.
 */
export const BENCHMARK_FUNCTIONS = ['finance', 'hr', 'imt', 'procurement', 'estates', 'payroll', 'governance_risk'] as const;
export type BenchmarkFunction = (typeof BENCHMARK_FUNCTIONS)[number];

export function isBenchmarkFunction(s: unknown): s is BenchmarkFunction {
  return typeof s === 'string' && (BENCHMARK_FUNCTIONS as readonly string[]).includes(s);
}

/** A UK financial year written `"2024/25"` (one rule for the whole app: src/common/months.ts). */
export { isFinancialYear } from '../../common/months';

/**
 * One benchmark return: an organisation's cost of one function for one financial year, with its
 * turnover for that year. `cost` and `turnover` are money strings (at most two decimals).
 */
export interface BenchmarkReturnInput {
  organisationId: string;
  organisationName: string;
  organisationType: OrganisationType;
  /** `"2024/25"` */
  financialYear: string;
  function: BenchmarkFunction;
  /** £, e.g. `"800000.00"`; must be ≥ 0 */
  cost: string;
  /** £, e.g. `"100000000.00"`; must be > 0 */
  turnover: string;
}

/** Hackett comparators (seeds table 7), cost as % of turnover. */
export interface HackettComparator {
  median: Dec;
  bestInClass: Dec;
}

/** One return inside a benchmarked peer group. */
export interface BenchmarkItem {
  organisationId: string;
  organisationName: string;
  organisationType: OrganisationType;
  financialYear: string;
  function: BenchmarkFunction;
  cost: Dec;
  turnover: Dec;
  /** cost / turnover × 100 (% of turnover), exact (see rational.ts for the precision of the Dec). */
  kpi: Dec;
  /** 1-based position after sorting by KPI ascending (cheapest first), ties by organisationId. */
  rank: number;
  /** True when the return was one of the k dropped at either end before averaging. */
  excluded: boolean;
  /** max(0, (KPI − average) / 100 × turnover), rounded once to the penny, half to even. */
  savingsPotential: Dec;
  /** max(0, (KPI − lowerQuartile) / 100 × turnover), rounded once to the penny, half to even. */
  savingsToLowerQuartile: Dec;
}

/** The benchmark of one peer group (same organisation type, function and financial year). */
export interface BenchmarkResult {
  organisationType: OrganisationType;
  function: BenchmarkFunction;
  financialYear: string;
  /** number of returns in the peer group */
  n: number;
  /** k = floor(n / 4): returns dropped from EACH end before averaging (2k in all) */
  trimmed: number;
  /** mean KPI of the n − 2k middle returns (the "national average" of seeds §5.7) */
  average: Dec;
  /** QUARTILE.INC(kpis, 2) */
  median: Dec;
  /**
   * QUARTILE.INC(kpis, 1), the 25th percentile. For a cost KPI lower is better, so the "lower
   * quartile" is the cheaper, better-performing quarter: the "top quartile performance" of seeds §5.9.
   */
  lowerQuartile: Dec;
  /** QUARTILE.INC(kpis, 3), the 75th percentile (the dearer quarter). */
  upperQuartile: Dec;
  min: Dec;
  max: Dec;
  /** seeds table 7 for finance, hr, procurement, imt; null for the other functions */
  hackett: HackettComparator | null;
  /** sorted by KPI ascending, ties by organisationId (code-unit order) */
  items: BenchmarkItem[];
  /** sum of the items' (already rounded) savingsPotential */
  totalSavingsPotential: Dec;
  /** sum of the items' (already rounded) savingsToLowerQuartile */
  totalSavingsToLowerQuartile: Dec;
}

export type BenchmarkErrorCode =
  /** benchmark of no returns (or a median of no values) */
  | 'empty_peer_group'
  /** returns of different organisation types, functions or years given as one peer group */
  | 'mixed_peer_group'
  /** the same organisation twice in one peer group */
  | 'duplicate_return'
  /** two results given for the same (type, function, year) */
  | 'duplicate_peer_group'
  /** cost or turnover is not a money amount (digits, at most two decimals) */
  | 'invalid_amount'
  | 'negative_cost'
  | 'zero_turnover'
  | 'negative_turnover'
  /** a function outside BENCHMARK_FUNCTIONS */
  | 'invalid_function'
  /** not `"YYYY/YY"` with consecutive years */
  | 'invalid_financial_year'
  /** missing organisation id / type */
  | 'invalid_return'
  /** a percentile outside [0, 1] or a quart outside 0..4 */
  | 'invalid_percentile'
  /** peer view of an organisation with no return in the year */
  | 'organisation_not_found';

/** A rule violation in the benchmarking core. `field` names the offending input field, if any. */
export class BenchmarkError extends Error {
  override readonly name = 'BenchmarkError';
  constructor(
    readonly code: BenchmarkErrorCode,
    message: string,
    readonly field?: string,
    readonly organisationId?: string,
  ) {
    super(message);
  }
}
