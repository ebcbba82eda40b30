/**
 * Plain input types of the calculation core (domain.md §2–§8). No framework, no database: the
 * caller maps its entities onto these shapes. Money, turnover, headcount, volumes and percentages
 * are decimal strings; months are `YYYY-MM`, dates `YYYY-MM-DD`; month counts are integers.
 */

export type Basis = 'equal' | 'turnover' | 'headcount' | 'fixed' | 'activity';

export interface MemberInput {
  organisationId: string;
  name: string;
  /** £ per year, decimal string. */
  annualTurnover: string;
  /** FTE, decimal string. */
  headcount: string;
  /** First day of membership, inclusive. */
  joinedOn: string;
  /** Last day of membership, inclusive; null = still a member. */
  leftOn: string | null;
  /**
   * An organisation that left and rejoined: its earlier periods (joinedOn..leftOn, inclusive, none
   * overlapping the others). joinedOn/leftOn above are the current (latest) period: the one minimum
   * terms and exits count from; the membership factor counts the days of every period.
   */
  earlierPeriods?: { joinedOn: string; leftOn: string }[];
  isHost: boolean;
  /**
   * The consortium's allocation drivers of this member by financial year, oldest first (domain.md
   * §12): month m uses the row with the latest year ≤ FY(m). Absent: `annualTurnover` and
   * `headcount` above, for every month.
   */
  drivers?: DriverRow[];
}

/** One financial year's turnover and headcount of a member, as the consortium holds them. */
export interface DriverRow {
  /** e.g. "2025/26" (April to March). */
  financialYear: string;
  annualTurnover: string;
  headcount: string;
}

export interface ServiceLineInput {
  id: string;
  code: string;
  /** Organisations receiving the line; null = every member. */
  recipientIds: string[] | null;
  /**
   * The month the line goes live (domain.md §12); absent: live from the start. Before it the line
   * has no charges, no baseline and no credits.
   */
  goLive?: string;
}

export interface CooperativeTerms {
  model: 'cooperative';
  /** Agreement-wide basis (never `activity`). */
  basis: Exclude<Basis, 'activity'>;
  /** Keyed by service line id: a basis overriding `basis` for that line. */
  serviceLineBases: Record<string, Basis>;
  /** Keyed by organisation id: percentage shares (sum 100 over the members) for the `fixed` basis. */
  fixedShares: Record<string, string>;
  /** e.g. "2.5" */
  managementFeePercent: string;
}

export interface CommercialPriceInput {
  organisationId: string;
  serviceLineId: string;
  annualPrice: string;
}

export interface CommercialTerms {
  model: 'commercial';
  prices: CommercialPriceInput[];
}

export type AgreementTerms = CooperativeTerms | CommercialTerms;

export type CostCategory = 'operating' | 'investment' | 'risk';

export interface CostEntryInput {
  id: string;
  month: string;
  category: CostCategory;
  amount: string;
  /** Required for `operating`; optional for `investment` and `risk`. */
  serviceLineId: string | null;
  /** `risk` only: the member that bears it alone. */
  attributableTo: string | null;
}

export interface ActivityInput {
  serviceLineId: string;
  organisationId: string;
  month: string;
  volume: string;
}

export interface BaselineInput {
  organisationId: string;
  serviceLineId: string;
  annualAmount: string;
  /**
   * The first month the row applies to (domain.md §12): month m uses the rows of (member, line)
   * with the latest effectiveFrom ≤ m (rows of the same month add up). Absent: from the start.
   */
  effectiveFrom?: string;
}

/**
 * A service-credit percentage already evaluated by the SLA core (domain.md §7) for one member,
 * service line and SLA period. The credit is booked (negative) in the period's last month.
 */
export interface CreditPercentInput {
  organisationId: string;
  serviceLineId: string;
  /** The months of the SLA period (one for monthly SLAs, three for quarterly ones). */
  periodMonths: string[];
  /** Capped credit percentage, e.g. "5" or "7.5". */
  creditPercent: string;
}

/** An approved agreement version and the first month it prices (domain.md §12). */
export interface DatedTerms {
  effectiveFrom: string;
  terms: AgreementTerms;
}

export interface LedgerInput {
  members: MemberInput[];
  serviceLines: ServiceLineInput[];
  /** The terms of every month, unless `termVersions` is given (then: the version in force at the end of the range). */
  terms: AgreementTerms;
  /**
   * Dated agreement versions, oldest first (domain.md §12): month m is priced by the version with the
   * latest effectiveFrom ≤ m; a month before the first has no terms (CalculationError
   * `no_terms_in_force`). Every version has the model of `terms`.
   */
  termVersions?: DatedTerms[];
  costs: CostEntryInput[];
  activity: ActivityInput[];
  baselines: BaselineInput[];
  credits: CreditPercentInput[];
}

/** Exit terms of a co-operative agreement (domain.md §8). */
export interface CooperativeExitTerms {
  model: 'cooperative';
  minimumTermMonths: number;
  noticeMonths: number;
  earlyTerminationPercent: string;
  strandedCostMonths: number;
  fixedCostPercent: string;
  amortisationMonths: number;
}

export interface ExitChargeInput {
  contractYear: number;
  amount: string;
}

/** Exit terms of a commercial agreement (shared_services_company, joint_venture, outsourcing). */
export interface CommercialExitTerms {
  model: 'commercial';
  /** Months of notice; the exit month is the notice month + noticeMonths (0 when absent). */
  noticeMonths?: number;
  exitChargeSchedule: ExitChargeInput[];
}

export type ExitTerms = CooperativeExitTerms | CommercialExitTerms;

export interface ExitQuoteRequest {
  organisationId: string;
  /** `YYYY-MM-DD` */
  noticeDate: string;
  /** Money string; default "0.00". */
  redundancyCosts?: string;
}
