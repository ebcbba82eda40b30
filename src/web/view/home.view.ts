/** The home page's view. Pure. */
import type { DeliveryModel } from '../../common/enums';
import { formatDateLong } from '../../reports/view/format';

export interface HomeConsortium {
  id: string;
  name: string;
  deliveryModel: DeliveryModel;
  startDate: string;
  archivedAt: Date | null;
}

export const DELIVERY_MODEL_LABELS: Record<DeliveryModel, string> = {
  in_house: 'In-house',
  cooperative: 'Co-operative',
  shared_services_company: 'Shared services company',
  joint_venture: 'Joint venture',
  outsourcing: 'Outsourcing',
};

export function homeView(consortia: HomeConsortium[]) {
  return {
    consortia: consortia.map((c) => ({
      name: c.name,
      href: `/consortium/${c.id}`,
      model: DELIVERY_MODEL_LABELS[c.deliveryModel],
      since: formatDateLong(c.startDate),
      archived: c.archivedAt !== null,
    })),
    none: consortia.length === 0,
  };
}
