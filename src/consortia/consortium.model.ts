import type { DeliveryModel } from '../common/enums';

/** A consortium of organisations sharing back-office services: one row of `consortia`. */
export interface Consortium {
  id: string;
  name: string;
  deliveryModel: DeliveryModel;
  hostOrganisationId: string;
  /** 'YYYY-MM-DD'. */
  startDate: string;
  createdAt: Date;
  updatedAt: Date;
}
