import type { Classification, ServiceFunction } from '../common/enums';

/** A service line of a consortium: one row of `service_lines` (code unique in its consortium). */
export interface ServiceLine {
  id: string;
  consortiumId: string;
  code: string;
  name: string;
  function: ServiceFunction;
  classification: Classification;
  /** Organisations receiving the line; null = every member (domain.md §1). */
  recipientIds: string[] | null;
  /** First month the line operates, YYYY-MM (domain.md §12): no costs, charges, baseline or SLA credits before it. */
  goLive: string;
  createdAt: Date;
}
