import type { OrganisationType } from '../common/enums';

/** An organisation (trust, ICB, CSU, provider): one row of `organisations`. */
export interface Organisation {
  id: string;
  name: string;
  /** ODS code, unique when present. */
  odsCode: string | null;
  type: OrganisationType;
  region: string | null;
  /** Annual turnover in pounds, exact (numeric(16,2)); a string, never a JS number. */
  annualTurnover: string;
  /** Headcount in FTE (numeric(12,2)). */
  headcount: string;
  /** The organisation whose host admin created it (null when an admin did): who may edit it. */
  createdByOrganisationId: string | null;
  createdAt: Date;
  updatedAt: Date;
}
