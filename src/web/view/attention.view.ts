/** What needs a member's attention in a partnership, as plain-English items. Pure. */
import { formatMonthLong } from '../../reports/view/format';

export interface AttentionItem {
  text: string;
  href: string;
  /** The tag shown beside it (a word, never colour alone). */
  tag: { text: string; colour: 'red' | 'orange' | 'blue' | 'green' };
}

export interface AttentionInput {
  consortiumId: string;
  organisationId: string | null;
  /** The month the performance items are for, and the items (already the caller's to see). */
  performance: { month: string; items: { organisationId: string; serviceLineName: string; slaName: string; kpiCode: string; status: string | null; critical: boolean }[] } | null;
  versions: { version: number; status: string; effectiveFrom: string; voters: { organisationId: string; vote: string | null }[] }[];
  lastClosed: { month: string; closedAt: Date } | null;
}

export function attentionItems(a: AttentionInput): AttentionItem[] {
  const base = `/consortium/${a.consortiumId}`;
  const out: AttentionItem[] = [];
  if (a.performance) {
    for (const i of a.performance.items) {
      if (a.organisationId && i.organisationId !== a.organisationId) continue;
      if (i.critical) {
        out.push({
          text: `${i.serviceLineName}: ${i.kpiCode} is critical in ${formatMonthLong(a.performance.month)} (${i.slaName})`,
          href: `${base}/performance?month=${a.performance.month}`,
          tag: { text: 'Critical', colour: 'red' },
        });
      } else if (i.status === 'breached') {
        out.push({
          text: `${i.serviceLineName}: ${i.kpiCode} missed its target in ${formatMonthLong(a.performance.month)} (${i.slaName})`,
          href: `${base}/performance?month=${a.performance.month}`,
          tag: { text: 'Breached', colour: 'red' },
        });
      }
    }
  }
  for (const v of a.versions) {
    if (v.status !== 'proposed') continue;
    const mine = a.organisationId ? v.voters.find((x) => x.organisationId === a.organisationId) : undefined;
    if (!mine) continue;
    out.push(
      mine.vote === null
        ? {
            text: `Version ${v.version} of the agreement, from ${formatMonthLong(v.effectiveFrom)}, is waiting for your organisation's vote`,
            href: `${base}/agreement`,
            tag: { text: 'Vote needed', colour: 'orange' },
          }
        : {
            text: `Version ${v.version} of the agreement is proposed; your organisation voted to ${mine.vote}`,
            href: `${base}/agreement`,
            tag: { text: 'Proposed', colour: 'blue' },
          },
    );
  }
  if (a.lastClosed) {
    out.push({ text: `Statements for ${formatMonthLong(a.lastClosed.month)} were issued`, href: `${base}/statements`, tag: { text: 'New statement', colour: 'green' } });
  }
  return out;
}
