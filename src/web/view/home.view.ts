/** The home page's view. Pure. */
import type { DeliveryModel } from '../../common/enums';
import { formatDateLong } from '../../reports/view/format';
import type { AttentionItem } from './attention.view';

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

export function homeView(consortia: HomeConsortium[], attention: { id: string; items: AttentionItem[] }[]) {
  const byId = new Map(attention.map((a) => [a.id, a.items]));
  const items = consortia.flatMap((c) => (byId.get(c.id) ?? []).map((i) => ({ ...i, partnership: c.name })));
  return {
    attention: items,
    noAttention: items.length === 0,
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
