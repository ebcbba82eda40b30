/** An SLA (with service credits) or an OLA (same shape, no credits) on one service line. */
export interface Sla {
  id: string;
  consortiumId: string;
  serviceLineId: string;
  name: string;
  kind: 'SLA' | 'OLA';
  frequency: 'monthly' | 'quarterly';
  /** numeric(7,4) as a string. */
  creditCapPercent: string;
  /** First effective month YYYY-MM. */
  effectiveFrom: string;
  /** Last effective month YYYY-MM (inclusive); null = open-ended. */
  effectiveTo: string | null;
  /** Its KPIs may measure another function than the service line's, deliberately. */
  crossFunction: boolean;
  /** Ordered by position. */
  targets: SlaTarget[];
  createdAt: Date;
  updatedAt: Date;
}

/** One KPI target of an SLA. Numbers are numeric strings as stored (e.g. "99.5000"). */
export interface SlaTarget {
  id: string;
  slaId: string;
  position: number;
  kpiCode: string;
  target: string;
  threshold: string;
  creditPercent: string;
}
