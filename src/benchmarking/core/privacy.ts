/**
 * Benchmark privacy (issue 12, finding 10): what a caller who is not an admin may see of a peer group.
 *
 * - A peer group smaller than the minimum (BENCHMARK_MIN_PEER_GROUP, default 5) shows no statistics:
 *   average, median, quartiles, min, max, totals and items are withheld (null / empty) and the answer
 *   says why (`suppressed: "peer group smaller than 5"`). With two or three returns an average and
 *   one's own KPI give the others' away.
 * - A peer the caller may not name shows its rank (and whether it is trimmed) only: no KPI and no
 *   savings. KPI and savings to the lower quartile together gave its turnover
 *   (saving × 100 / (KPI − lower quartile)) and so its cost, exactly.
 * - min and max are one organisation's KPI each: shown only when that organisation is named.
 * - The group's money totals are withheld when the caller names all but fewer than the minimum of the
 *   group: the total less the named items' savings would be those few organisations' savings.
 * - National totals leave out peer groups smaller than the minimum (and say how many).
 * Admins (`privileged`) see everything. Pure: plain data in, plain data out.
 */
import type { BenchmarkResult } from './types';
import { nationalSavings, type NationalSavings } from './national';

export const DEFAULT_MIN_PEER_GROUP = 5;

export interface DisclosureRules {
  /** Peer groups smaller than this show no statistics to callers who are not privileged. */
  minPeerGroup: number;
  /** An admin: sees everything. */
  privileged: boolean;
}

/** Why a group of `n` returns shows no statistics to the caller, or null when it may see them. */
export function suppressionReason(n: number, rules: DisclosureRules): string | null {
  if (rules.privileged || n === 0 || n >= rules.minPeerGroup) return null;
  return `peer group smaller than ${rules.minPeerGroup}`;
}

/** One item of a peer group as answered (wire strings); organisationId null = a peer the caller may not name. */
export interface PeerItemFigures {
  organisationId: string | null;
  organisationName: string | null;
  peer: string;
  rank: number;
  excluded: boolean;
  kpi: string | null;
  savingsPotential: string | null;
  savingsToLowerQuartile: string | null;
}

/** A peer group as answered (wire strings), items cheapest first. */
export interface PeerGroupFigures<I extends PeerItemFigures = PeerItemFigures> {
  n: number;
  average: string | null;
  median: string | null;
  lowerQuartile: string | null;
  upperQuartile: string | null;
  min: string | null;
  max: string | null;
  totalSavingsPotential: string | null;
  totalSavingsToLowerQuartile: string | null;
  items: I[];
}

/** The peer group as the caller may see it, with `suppressed` (null when nothing is withheld for its size). */
export function disclosePeerGroup<G extends PeerGroupFigures>(g: G, rules: DisclosureRules): G & { suppressed: string | null } {
  if (rules.privileged) return { ...g, suppressed: null };
  const suppressed = suppressionReason(g.n, rules);
  if (suppressed) {
    return {
      ...g,
      average: null,
      median: null,
      lowerQuartile: null,
      upperQuartile: null,
      min: null,
      max: null,
      totalSavingsPotential: null,
      totalSavingsToLowerQuartile: null,
      items: [],
      suppressed,
    };
  }
  const items = g.items.map((it) => (it.organisationId === null ? { ...it, kpi: null, savingsPotential: null, savingsToLowerQuartile: null } : it));
  const unnamed = items.filter((it) => it.organisationId === null).length;
  const totalsHidden = unnamed > 0 && unnamed < rules.minPeerGroup;
  const first = g.items[0];
  const last = g.items[g.items.length - 1];
  return {
    ...g,
    min: first && first.organisationId !== null ? g.min : null,
    max: last && last.organisationId !== null ? g.max : null,
    totalSavingsPotential: totalsHidden ? null : g.totalSavingsPotential,
    totalSavingsToLowerQuartile: totalsHidden ? null : g.totalSavingsToLowerQuartile,
    items,
    suppressed: null,
  };
}

/** One function of an organisation's peer view (wire strings), as core/format.ts's PeerViewRowDto. */
export interface PeerViewRowFigures {
  n: number;
  rank: number | null;
  average: string | null;
  median: string | null;
  lowerQuartile: string | null;
  upperQuartile: string | null;
  savingsPotential: string | null;
  savingsToLowerQuartile: string | null;
}

/**
 * A row of an organisation's peer view as the caller may see it: in a group below the minimum the
 * peer figures, rank and savings (all derived from the peers) are withheld; the organisation's own
 * KPI stays (it is its own figure).
 */
export function disclosePeerViewRow<R extends PeerViewRowFigures>(row: R, rules: DisclosureRules): R & { suppressed: string | null } {
  const suppressed = suppressionReason(row.n, rules);
  if (!suppressed) return { ...row, suppressed: null };
  return { ...row, rank: null, average: null, median: null, lowerQuartile: null, upperQuartile: null, savingsPotential: null, savingsToLowerQuartile: null, suppressed };
}

export interface DisclosedNationalSavings extends NationalSavings {
  /** Peer groups left out because they are smaller than the minimum (0 for admins). */
  suppressedGroups: number;
  /** Why some groups are left out, or null. */
  suppressed: string | null;
}

/**
 * National totals for the caller: for callers who are not privileged, peer groups smaller than the
 * minimum are left out of every total (a group of one would be that organisation's savings).
 */
export function discloseNationalSavings(financialYear: string, results: readonly BenchmarkResult[], rules: DisclosureRules): DisclosedNationalSavings {
  const ofYear = results.filter((r) => r.financialYear === financialYear);
  const shown = ofYear.filter((r) => suppressionReason(r.n, rules) === null);
  const left = ofYear.length - shown.length;
  return {
    ...nationalSavings(financialYear, shown),
    suppressedGroups: left,
    suppressed: left ? `${left} peer group(s) smaller than ${rules.minPeerGroup} left out` : null,
  };
}
