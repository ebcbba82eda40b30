/**
 * Membership of recipients in a period and the SLA's effective months. Pure.
 * A member counts for a period when at least one day of the period lies inside [joinedOn, leftOn]
 * (domain.md §1, both inclusive). An SLA applies to a period when at least one month of the period
 * lies inside [effectiveFrom, effectiveTo].
 */
import { cmp } from '../../common/months';
import { periodDays, type Period } from './periods';
import type { RecipientInput, SlaInput } from './types';

/** One organisation with all its membership rows (usually one). */
export interface Recipient {
  organisationId: string;
  isHost: boolean;
  spans: { joinedOn: string; leftOn: string | null }[];
}

/** Groups recipient rows by organisation, keeping the order of first appearance. */
export function groupRecipients(rows: readonly RecipientInput[]): Recipient[] {
  const byOrg = new Map<string, Recipient>();
  for (const r of rows) {
    let g = byOrg.get(r.organisationId);
    if (!g) {
      g = { organisationId: r.organisationId, isHost: false, spans: [] };
      byOrg.set(r.organisationId, g);
    }
    g.isHost = g.isHost || r.isHost;
    g.spans.push({ joinedOn: r.joinedOn, leftOn: r.leftOn ?? null });
  }
  return [...byOrg.values()];
}

/** True when at least one day of `period` is inside one of the recipient's membership spans. */
export function isMemberDuring(recipient: Recipient, period: Period): boolean {
  const { first, last } = periodDays(period);
  return recipient.spans.some((s) => cmp(s.joinedOn, last) <= 0 && (s.leftOn === null || cmp(s.leftOn, first) >= 0));
}

/** True when at least one month of `period` is inside the SLA's effective months. */
export function slaEffectiveDuring(sla: Pick<SlaInput, 'effectiveFrom' | 'effectiveTo'>, period: Period): boolean {
  if (cmp(period.end, sla.effectiveFrom) < 0) return false;
  if (sla.effectiveTo && cmp(period.start, sla.effectiveTo) > 0) return false;
  return true;
}
