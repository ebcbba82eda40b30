/**
 * How the members decide an agreement version (domain.md §13). Pure.
 *
 * The voters are the organisations that are members in the version's first month (a membership day
 * in it), the host included, one vote each: the organisation's latest vote counts.
 * - `unanimous`: approved when every voter approves; one objection rejects.
 * - `majority`: approved when approvals are more than half of the voters; rejected when objections
 *   are at least half.
 * - `host`: the host's vote decides (commercial models).
 * Until then the version stays proposed (null).
 */
import { firstDay, lastDay } from '../../common/months';

export type DecisionRuleName = 'unanimous' | 'majority' | 'host';
export type VoteChoice = 'approve' | 'object';

export interface MembershipPeriod {
  organisationId: string;
  joinedOn: string;
  leftOn: string | null;
}

/** The organisations with a membership day in `month` (`YYYY-MM`), each once, in the order given. */
export function votersOf(periods: readonly MembershipPeriod[], month: string): string[] {
  const start = firstDay(month);
  const end = lastDay(month);
  const out: string[] = [];
  for (const p of periods) if (p.joinedOn <= end && (p.leftOn === null || p.leftOn >= start) && !out.includes(p.organisationId)) out.push(p.organisationId);
  return out;
}

/** The organisations that decide a version: the members in its first month, or the host alone under `host`. */
export function electorateOf(rule: DecisionRuleName, periods: readonly MembershipPeriod[], effectiveFrom: string, hostId: string): string[] {
  return rule === 'host' ? [hostId] : votersOf(periods, effectiveFrom);
}

/**
 * The version pricing `month` among approved versions sorted by effectiveFrom (domain.md §12): the
 * latest whose effectiveFrom ≤ month, or null before the first.
 */
export function versionInForce<V extends { effectiveFrom: string }>(approved: readonly V[], month: string): V | null {
  let found: V | null = null;
  for (const v of approved) if (v.effectiveFrom <= month) found = v;
  return found;
}

/** The outcome once the votes decide it, or null while they do not yet. Votes of non-voters are ignored. */
export function decisionOf(rule: DecisionRuleName, voters: readonly string[], hostId: string, votes: ReadonlyMap<string, VoteChoice>): 'approved' | 'rejected' | null {
  if (rule === 'host') {
    const v = votes.get(hostId);
    return v === 'approve' ? 'approved' : v === 'object' ? 'rejected' : null;
  }
  let approvals = 0;
  let objections = 0;
  for (const id of voters) {
    const v = votes.get(id);
    if (v === 'approve') approvals++;
    else if (v === 'object') objections++;
  }
  const n = voters.length;
  if (rule === 'unanimous') return objections > 0 ? 'rejected' : n > 0 && approvals === n ? 'approved' : null;
  if (approvals * 2 > n) return 'approved';
  if (n > 0 && objections * 2 >= n) return 'rejected';
  return null;
}
