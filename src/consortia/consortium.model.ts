import type { DeliveryModel } from '../common/enums';

/** A consortium of organisations sharing back-office services: one row of `consortia`. */
export interface Consortium {
  id: string;
  name: string;
  deliveryModel: DeliveryModel;
  hostOrganisationId: string;
  /** 'YYYY-MM-DD'. */
  startDate: string;
  /** When it was archived (readable, refuses every write); null while live. */
  archivedAt: Date | null;
  /** Why it was archived, when said. */
  archiveNote: string | null;
  createdAt: Date;
  updatedAt: Date;
}
