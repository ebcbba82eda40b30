/** A partnership's overview page. Pure. */
import { formatDateLong } from '../../reports/view/format';
import type { AttentionItem } from './attention.view';
import { DELIVERY_MODEL_LABELS } from './home.view';
import type { ConsortiumContext } from '../web-consortia';

export interface OverviewMember {
  organisationId: string;
  organisationName: string;
  isHost: boolean;
  joinedOn: string;
  leftOn: string | null;
}

export function overviewView(ctx: Pick<ConsortiumContext, 'consortium' | 'organisationId' | 'seesWholeConsortium'>, members: OverviewMember[], attention: AttentionItem[]) {
  const c = ctx.consortium;
  const host = members.find((m) => m.isHost);
  return {
    summary: [
      { key: 'Delivery model', value: DELIVERY_MODEL_LABELS[c.deliveryModel] },
      { key: 'Host organisation', value: host?.organisationName ?? '' },
      { key: 'Started', value: formatDateLong(c.startDate) },
      { key: 'Status', value: c.archivedAt ? `Archived${c.archiveNote ? `: ${c.archiveNote}` : ''}` : 'Running' },
    ],
    attention,
    noAttention: attention.length === 0,
    members: members.map((m) => ({
      name: m.organisationName,
      role: m.isHost ? 'Host' : 'Member',
      joined: formatDateLong(m.joinedOn),
      left: m.leftOn ? formatDateLong(m.leftOn) : 'Still a member',
      you: m.organisationId === ctx.organisationId,
    })),
  };
}
