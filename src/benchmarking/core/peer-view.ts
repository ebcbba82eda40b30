/**
 * Peer view (seeds §5.8, "Example Acute Foundation Trust"): one organisation across the seven
 * functions for one financial year, each against its own peer group (same organisation type,
 * function and year): its KPI, the peer average, median and quartiles, its rank and savings.
 *
 * A function the organisation made no return for is still listed (submitted: false, kpi and savings
 * null) with the peer group's figures if the group exists (n = 0 and nulls if it does not).
 * The seeds print "-" where the saving is zero; here that is 0.00 (submitted) or null (no return).
 */
import { sum, type Dec } from '../../common/money';
import { benchmarkAll, peerGroupKey } from './benchmark';
import {
  BENCHMARK_FUNCTIONS,
  BenchmarkError,
  type BenchmarkFunction,
  type BenchmarkResult,
  type BenchmarkReturnInput,
  type HackettComparator,
  type OrganisationType,
} from './types';

export interface PeerViewRow {
  function: BenchmarkFunction;
  /** whether the organisation made a return for this function */
  submitted: boolean;
  /** size of the peer group (0 when nobody of this type made a return) */
  n: number;
  trimmed: number;
  kpi: Dec | null;
  /** 1-based rank by KPI ascending within the peer group (1 = cheapest) */
  rank: number | null;
  average: Dec | null;
  median: Dec | null;
  lowerQuartile: Dec | null;
  upperQuartile: Dec | null;
  hackett: HackettComparator | null;
  savingsPotential: Dec | null;
  savingsToLowerQuartile: Dec | null;
}

export interface PeerView {
  organisationId: string;
  organisationName: string;
  organisationType: OrganisationType;
  financialYear: string;
  /** always seven rows, in BENCHMARK_FUNCTIONS order */
  functions: PeerViewRow[];
  /** sum of the rows' (already rounded) savings */
  totalSavingsPotential: Dec;
  totalSavingsToLowerQuartile: Dec;
}

/**
 * The peer view of `organisationId` for `financialYear`, from benchmarked peer groups (any mix:
 * groups of other years and types are ignored). The organisation's type and name come from its
 * returns. Throws 'organisation_not_found' when it has no return in that year, 'mixed_peer_group'
 * when its returns of the year disagree on its type, 'duplicate_peer_group' when two results are
 * given for the same type, function and year.
 */
export function peerView(organisationId: string, financialYear: string, results: readonly BenchmarkResult[]): PeerView {
  const ofYear = results.filter((r) => r.financialYear === financialYear);
  const byKey = new Map<string, BenchmarkResult>();
  for (const r of ofYear) {
    const key = peerGroupKey(r);
    if (byKey.has(key)) {
      throw new BenchmarkError('duplicate_peer_group', `two benchmark results for ${key}`);
    }
    byKey.set(key, r);
  }

  const own = ofYear.flatMap((r) => r.items.filter((i) => i.organisationId === organisationId));
  if (own.length === 0) {
    throw new BenchmarkError('organisation_not_found', `organisation ${organisationId} has no benchmark return for ${financialYear}`, 'organisationId', organisationId);
  }
  const { organisationType, organisationName } = own[0];
  if (own.some((i) => i.organisationType !== organisationType)) {
    throw new BenchmarkError(
      'mixed_peer_group',
      `organisation ${organisationId} has returns for ${financialYear} under more than one organisation type`,
      'organisationType',
      organisationId,
    );
  }

  const functions: PeerViewRow[] = BENCHMARK_FUNCTIONS.map((fn) => {
    const group = byKey.get(peerGroupKey({ financialYear, organisationType, function: fn }));
    const item = group?.items.find((i) => i.organisationId === organisationId);
    return {
      function: fn,
      submitted: item !== undefined,
      n: group?.n ?? 0,
      trimmed: group?.trimmed ?? 0,
      kpi: item?.kpi ?? null,
      rank: item?.rank ?? null,
      average: group?.average ?? null,
      median: group?.median ?? null,
      lowerQuartile: group?.lowerQuartile ?? null,
      upperQuartile: group?.upperQuartile ?? null,
      hackett: group?.hackett ?? null,
      savingsPotential: item?.savingsPotential ?? null,
      savingsToLowerQuartile: item?.savingsToLowerQuartile ?? null,
    };
  });

  return {
    organisationId,
    organisationName,
    organisationType,
    financialYear,
    functions,
    totalSavingsPotential: sum(functions.flatMap((f) => (f.savingsPotential ? [f.savingsPotential] : []))),
    totalSavingsToLowerQuartile: sum(functions.flatMap((f) => (f.savingsToLowerQuartile ? [f.savingsToLowerQuartile] : []))),
  };
}

/** The same from raw returns (all types and functions of the year): benchmarks every peer group. */
export function peerViewFromReturns(organisationId: string, financialYear: string, returns: readonly BenchmarkReturnInput[]): PeerView {
  return peerView(organisationId, financialYear, benchmarkAll(returns.filter((r) => r.financialYear === financialYear)));
}
