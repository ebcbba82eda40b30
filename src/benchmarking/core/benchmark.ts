/**
 * Benchmark of one peer group by the QIPP method (domain.md §10, seeds §5.7–5.9). Pure.
 *
 * Peer group: the returns of one organisation type, one function and one financial year; n of them.
 *  1. KPI of each return = cost / turnover × 100 (kpi.ts), exact.
 *  2. Sort by KPI ascending; ties by organisationId (plain code-unit order) so that the result
 *     never depends on the order of the input.
 *  3. k = floor(n / 4) returns are dropped from EACH end ("eliminating the top 25% and the bottom
 *     25%"); the average is the exact mean of the n − 2k left. n = 1, 2, 3 give k = 0: the average of
 *     all of them. n = 0 is an error ('empty_peer_group'): there is nothing to compare with.
 *  4. median and quartiles of ALL n KPIs (not just the middle), by QUARTILE.INC (quartiles.ts).
 *     KPI is a cost, lower is better: the lower quartile (25th percentile) is the cheap end, the
 *     "top quartile performance" the seeds (§5.9) point organisations below the average to.
 *  5. Per return: savingsPotential = max(0, (KPI − average) / 100 × turnover) and
 *     savingsToLowerQuartile = max(0, (KPI − lowerQuartile) / 100 × turnover), each computed exactly
 *     and rounded once to the penny, half to even. Only returns above the average (resp. the lower
 *     quartile) save anything.
 *  6. Hackett comparators of seeds table 7 (cost as % of turnover) for finance, HR, procurement and
 *     IT (imt); null for estates, payroll and governance & risk, which the table does not cover.
 *
 * Refused with a BenchmarkError: no returns, returns of mixed type / function / year, the same
 * organisation twice, a function outside the seven, a bad financial year, a bad amount, a negative
 * cost, a zero or negative turnover.
 */
import { D, sum, type Dec } from '../../common/money';
import { kpiRatio, parseCostAndTurnover } from './kpi';
import { quartilesSorted } from './quartiles';
import { Rational, sumRational } from './rational';
import {
  BENCHMARK_FUNCTIONS,
  BenchmarkError,
  ORGANISATION_TYPES,
  isBenchmarkFunction,
  isFinancialYear,
  type BenchmarkFunction,
  type BenchmarkItem,
  type BenchmarkResult,
  type BenchmarkReturnInput,
  type HackettComparator,
  type OrganisationType,
} from './types';

/** Seeds table 7: Hackett's median and best-in-class cost as % of turnover. */
export const HACKETT_COMPARATORS: Readonly<Record<BenchmarkFunction, { median: string; bestInClass: string } | null>> = {
  finance: { median: '1.157', bestInClass: '0.609' },
  hr: { median: '0.777', bestInClass: '0.477' },
  procurement: { median: '0.379', bestInClass: '0.318' },
  imt: { median: '2.252', bestInClass: '1.496' },
  estates: null,
  payroll: null,
  governance_risk: null,
};

/** The Hackett comparators for a function, or null when seeds table 7 has none. */
export function hackettFor(fn: BenchmarkFunction): HackettComparator | null {
  const h = HACKETT_COMPARATORS[fn];
  return h ? { median: new D(h.median), bestInClass: new D(h.bestInClass) } : null;
}

/** k = floor(n / 4): how many returns are dropped from each end before averaging. */
export function trimCount(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`trimCount: not a count: ${n}`);
  return Math.floor(n / 4);
}

/** Code-unit comparison (locale-independent, deterministic). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Parsed {
  input: BenchmarkReturnInput;
  cost: Dec;
  turnover: Dec;
  turnoverR: Rational;
  kpi: Rational;
}

function validateHeader(r: BenchmarkReturnInput): void {
  if (!r || typeof r.organisationId !== 'string' || r.organisationId.length === 0) {
    throw new BenchmarkError('invalid_return', 'organisationId is required', 'organisationId');
  }
  if (typeof r.organisationType !== 'string' || r.organisationType.length === 0) {
    throw new BenchmarkError('invalid_return', 'organisationType is required', 'organisationType', r.organisationId);
  }
  if (!isBenchmarkFunction(r.function)) {
    throw new BenchmarkError('invalid_function', `function must be one of ${BENCHMARK_FUNCTIONS.join(', ')}, got ${JSON.stringify(r.function)}`, 'function', r.organisationId);
  }
  if (!isFinancialYear(r.financialYear)) {
    throw new BenchmarkError('invalid_financial_year', `financialYear must look like "2024/25", got ${JSON.stringify(r.financialYear)}`, 'financialYear', r.organisationId);
  }
}

function parse(r: BenchmarkReturnInput): Parsed {
  validateHeader(r);
  const { cost, turnover } = parseCostAndTurnover(r.cost, r.turnover, r.organisationId);
  return { input: r, cost, turnover, turnoverR: Rational.fromDecimal(turnover), kpi: kpiRatio(cost, turnover) };
}

/** max(0, (kpi − reference) / 100 × turnover), rounded once to the penny half-even. */
function savingAgainst(p: Parsed, reference: Rational): Dec {
  if (!p.kpi.gt(reference)) return new D(0);
  return p.kpi.sub(reference).div(Rational.HUNDRED).mul(p.turnoverR).roundPenny();
}

/** Benchmarks one peer group (same organisation type, function and financial year). */
export function benchmark(returns: readonly BenchmarkReturnInput[]): BenchmarkResult {
  if (!returns || returns.length === 0) {
    throw new BenchmarkError('empty_peer_group', 'a benchmark needs at least one return in the peer group');
  }
  const parsed = returns.map(parse);
  const first = parsed[0].input;
  const seen = new Set<string>();
  for (const { input } of parsed) {
    if (input.organisationType !== first.organisationType || input.function !== first.function || input.financialYear !== first.financialYear) {
      throw new BenchmarkError(
        'mixed_peer_group',
        `a peer group holds one organisation type, function and year: ${first.organisationType} ${first.function} ` +
          `${first.financialYear} and ${input.organisationType} ${input.function} ${input.financialYear}`,
        undefined,
        input.organisationId,
      );
    }
    if (seen.has(input.organisationId)) {
      throw new BenchmarkError('duplicate_return', `organisation ${input.organisationId} has more than one return in the peer group`, 'organisationId', input.organisationId);
    }
    seen.add(input.organisationId);
  }

  const sorted = [...parsed].sort((a, b) => a.kpi.cmp(b.kpi) || compareIds(a.input.organisationId, b.input.organisationId));
  const n = sorted.length;
  const k = trimCount(n);
  const kept = sorted.slice(k, n - k);
  const average = sumRational(kept.map((p) => p.kpi)).div(Rational.of(BigInt(kept.length)));
  const q = quartilesSorted(sorted.map((p) => p.kpi));

  const items: BenchmarkItem[] = sorted.map((p, i) => ({
    organisationId: p.input.organisationId,
    organisationName: p.input.organisationName,
    organisationType: p.input.organisationType,
    financialYear: p.input.financialYear,
    function: p.input.function,
    cost: p.cost,
    turnover: p.turnover,
    kpi: p.kpi.toDecimal(),
    rank: i + 1,
    excluded: i < k || i >= n - k,
    savingsPotential: savingAgainst(p, average),
    savingsToLowerQuartile: savingAgainst(p, q.lowerQuartile),
  }));

  return {
    organisationType: first.organisationType,
    function: first.function,
    financialYear: first.financialYear,
    n,
    trimmed: k,
    average: average.toDecimal(),
    median: q.median.toDecimal(),
    lowerQuartile: q.lowerQuartile.toDecimal(),
    upperQuartile: q.upperQuartile.toDecimal(),
    min: q.min.toDecimal(),
    max: q.max.toDecimal(),
    hackett: hackettFor(first.function),
    items,
    totalSavingsPotential: sum(items.map((i) => i.savingsPotential)),
    totalSavingsToLowerQuartile: sum(items.map((i) => i.savingsToLowerQuartile)),
  };
}

/** The peer-group key of a return: `${financialYear}|${organisationType}|${function}`. */
export function peerGroupKey(r: { financialYear: string; organisationType: string; function: string }): string {
  return `${r.financialYear}|${r.organisationType}|${r.function}`;
}

function typeOrder(t: string): number {
  const i = (ORGANISATION_TYPES as readonly string[]).indexOf(t);
  return i < 0 ? ORGANISATION_TYPES.length : i;
}

/** Orders organisation types as api.md lists them; unknown types after, alphabetically. */
export function compareOrganisationTypes(a: string, b: string): number {
  return typeOrder(a) - typeOrder(b) || compareIds(a, b);
}

/**
 * Splits returns of any mix into peer groups and benchmarks each. Ordered by financial year, then
 * organisation type (api.md order), then function (BENCHMARK_FUNCTIONS order). No returns → [].
 */
export function benchmarkAll(returns: readonly BenchmarkReturnInput[]): BenchmarkResult[] {
  const groups = new Map<string, BenchmarkReturnInput[]>();
  for (const r of returns) {
    validateHeader(r);
    const key = peerGroupKey(r);
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map(benchmark).sort(compareResults);
}

/** Order of results: financial year, organisation type, function. */
export function compareResults(
  a: { financialYear: string; organisationType: OrganisationType; function: BenchmarkFunction },
  b: { financialYear: string; organisationType: OrganisationType; function: BenchmarkFunction },
): number {
  return (
    compareIds(a.financialYear, b.financialYear) ||
    compareOrganisationTypes(a.organisationType, b.organisationType) ||
    BENCHMARK_FUNCTIONS.indexOf(a.function) - BENCHMARK_FUNCTIONS.indexOf(b.function)
  );
}
