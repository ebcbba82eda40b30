/** Money the consortium spent in a month (domain.md §1): operating, investment or risk. */
export interface CostEntry {
  id: string;
  consortiumId: string;
  month: string;
  category: 'operating' | 'investment' | 'risk';
  amount: string;
  serviceLineId: string | null;
  attributableTo: string | null;
  description: string;
  createdBy: string | null;
  createdAt: Date;
}

/** Volume per service line, member and month (the `activity` basis). */
export interface ActivityVolume {
  consortiumId: string;
  serviceLineId: string;
  organisationId: string;
  month: string;
  volume: string;
  updatedBy: string | null;
  updatedAt: Date;
}

/** What a member spent per year on a service line in-house before joining. */
export interface Baseline {
  consortiumId: string;
  organisationId: string;
  serviceLineId: string;
  annualAmount: string;
  effectiveFrom: string;
  updatedBy: string | null;
  updatedAt: Date;
}

/** A membership period of an organisation, as dates 'YYYY-MM-DD'. */
export interface MemberPeriod {
  organisationId: string;
  joinedOn: string;
  leftOn: string | null;
}

/** Filters of the cost list. */
export interface CostFilter {
  from?: string;
  to?: string;
  category?: string;
  serviceLineId?: string;
}

/** Filters of the activity list; `ownOrganisationId` restricts it to one organisation's rows (null: none). */
export interface ActivityFilter {
  from?: string;
  to?: string;
  serviceLineId?: string;
  organisationId?: string;
  ownOrganisationId?: string | null;
}

/** A page of a list. */
export interface Paging {
  limit: number;
  offset: number;
}

/** A month range; either bound may be absent. */
export interface MonthRange {
  from?: string;
  to?: string;
}

/** What the calculation core reads from the ledger (in the order the core's inputs need). */
export interface LedgerRows {
  costs: Pick<CostEntry, 'id' | 'month' | 'category' | 'amount' | 'serviceLineId' | 'attributableTo'>[];
  activity: Pick<ActivityVolume, 'serviceLineId' | 'organisationId' | 'month' | 'volume'>[];
  baselines: Pick<Baseline, 'organisationId' | 'serviceLineId' | 'annualAmount' | 'effectiveFrom'>[];
}
