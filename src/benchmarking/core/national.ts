/**
 * National savings potential (seeds §5.7, table 6 and figure 10): for one financial year, the sum of
 * every return's savings potential over every function's peer group, by organisation type and by
 * function. Totals are sums of the per-return amounts, each already rounded once to the penny, so
 * they reconcile exactly with the peer groups (no second rounding).
 *
 * Unlike the seeds, no extrapolation to 100% of organisations is made: the totals cover the returns
 * received.
 */
import { D, sum, type Dec } from '../../common/money';
import { benchmarkAll, compareOrganisationTypes, peerGroupKey } from './benchmark';
import { BENCHMARK_FUNCTIONS, BenchmarkError, type BenchmarkFunction, type BenchmarkResult, type BenchmarkReturnInput, type OrganisationType } from './types';

export type ByFunction<T> = Record<BenchmarkFunction, T>;

export interface NationalTypeRow {
  organisationType: OrganisationType;
  /** distinct organisations of this type with a return in the year */
  organisations: number;
  /** returns of this type in the year (over all functions) */
  returns: number;
  /** savings potential per function (0 for a function with no returns) */
  byFunction: ByFunction<Dec>;
  savingsPotential: Dec;
  savingsToLowerQuartile: Dec;
}

export interface NationalSavings {
  financialYear: string;
  /** organisation types with at least one return, in api.md order */
  byType: NationalTypeRow[];
  /** over all types */
  byFunction: ByFunction<Dec>;
  savingsPotential: Dec;
  savingsToLowerQuartile: Dec;
}

function zeros(): ByFunction<Dec> {
  return Object.fromEntries(BENCHMARK_FUNCTIONS.map((f) => [f, new D(0)])) as ByFunction<Dec>;
}

/**
 * National totals for `financialYear` from benchmarked peer groups (results of other years are
 * ignored). Throws 'duplicate_peer_group' when two results cover the same type, function and year.
 */
export function nationalSavings(financialYear: string, results: readonly BenchmarkResult[]): NationalSavings {
  const ofYear = results.filter((r) => r.financialYear === financialYear);
  const keys = new Set<string>();
  for (const r of ofYear) {
    const key = peerGroupKey(r);
    if (keys.has(key)) throw new BenchmarkError('duplicate_peer_group', `two benchmark results for ${key}`);
    keys.add(key);
  }

  const types = [...new Set(ofYear.map((r) => r.organisationType))].sort(compareOrganisationTypes);
  const byType: NationalTypeRow[] = types.map((organisationType) => {
    const groups = ofYear.filter((r) => r.organisationType === organisationType);
    const byFunction = zeros();
    for (const g of groups) byFunction[g.function] = g.totalSavingsPotential;
    const orgs = new Set(groups.flatMap((g) => g.items.map((i) => i.organisationId)));
    return {
      organisationType,
      organisations: orgs.size,
      returns: groups.reduce((acc, g) => acc + g.n, 0),
      byFunction,
      savingsPotential: sum(groups.map((g) => g.totalSavingsPotential)),
      savingsToLowerQuartile: sum(groups.map((g) => g.totalSavingsToLowerQuartile)),
    };
  });

  const byFunction = zeros();
  for (const fn of BENCHMARK_FUNCTIONS) byFunction[fn] = sum(byType.map((t) => t.byFunction[fn]));

  return {
    financialYear,
    byType,
    byFunction,
    savingsPotential: sum(byType.map((t) => t.savingsPotential)),
    savingsToLowerQuartile: sum(byType.map((t) => t.savingsToLowerQuartile)),
  };
}

/** The same from raw returns of any mix: benchmarks every peer group of the year first. */
export function nationalSavingsFromReturns(financialYear: string, returns: readonly BenchmarkReturnInput[]): NationalSavings {
  return nationalSavings(financialYear, benchmarkAll(returns.filter((r) => r.financialYear === financialYear)));
}
