/**
 * Wire format of the benchmarking results (api.md `GET /benchmarks`; money and decimals as strings,
 * api.md Conventions): KPI, average, median, quartiles and Hackett comparators with 4 decimals,
 * money with 2, both rounded half to even (money.ts). Counts stay JSON numbers.
 *
 * `trimmed` is k = floor(n / 4), the number of returns dropped from EACH end (2k in all).
 */
import { formatDecimal, formatMoney, type Dec } from '../../common/money';
import { BENCHMARK_FUNCTIONS, type BenchmarkFunction, type BenchmarkResult, type HackettComparator } from './types';
import type { NationalSavings } from './national';
import type { PeerView } from './peer-view';

/** Decimals shown for KPI values (% of turnover), averages, medians, quartiles. */
export const KPI_DECIMALS = 4;

/** A KPI-like value as a 4-decimal string, e.g. "1.0875". */
export function formatKpi(x: Dec): string {
  return formatDecimal(x, KPI_DECIMALS);
}

export interface HackettDto {
  median: string;
  bestInClass: string;
}

export interface BenchmarkItemDto {
  organisationId: string;
  kpi: string;
  savingsPotential: string;
  savingsToLowerQuartile: string;
}

/** The body of `GET /benchmarks` (api.md). */
export interface BenchmarkDto {
  n: number;
  trimmed: number;
  average: string;
  median: string;
  lowerQuartile: string;
  upperQuartile: string;
  hackett: HackettDto | null;
  items: BenchmarkItemDto[];
}

export function formatHackett(h: HackettComparator | null): HackettDto | null {
  return h ? { median: formatKpi(h.median), bestInClass: formatKpi(h.bestInClass) } : null;
}

/** A benchmark result as the api.md `GET /benchmarks` body; items in KPI order (cheapest first). */
export function formatBenchmark(r: BenchmarkResult): BenchmarkDto {
  return {
    n: r.n,
    trimmed: r.trimmed,
    average: formatKpi(r.average),
    median: formatKpi(r.median),
    lowerQuartile: formatKpi(r.lowerQuartile),
    upperQuartile: formatKpi(r.upperQuartile),
    hackett: formatHackett(r.hackett),
    items: r.items.map((i) => ({
      organisationId: i.organisationId,
      kpi: formatKpi(i.kpi),
      savingsPotential: formatMoney(i.savingsPotential),
      savingsToLowerQuartile: formatMoney(i.savingsToLowerQuartile),
    })),
  };
}

export interface PeerViewRowDto {
  function: BenchmarkFunction;
  submitted: boolean;
  n: number;
  trimmed: number;
  kpi: string | null;
  rank: number | null;
  average: string | null;
  median: string | null;
  lowerQuartile: string | null;
  upperQuartile: string | null;
  hackett: HackettDto | null;
  savingsPotential: string | null;
  savingsToLowerQuartile: string | null;
}

export interface PeerViewDto {
  organisationId: string;
  organisationName: string;
  organisationType: string;
  financialYear: string;
  functions: PeerViewRowDto[];
  totalSavingsPotential: string;
  totalSavingsToLowerQuartile: string;
}

const kpiOrNull = (x: Dec | null): string | null => (x === null ? null : formatKpi(x));
const moneyOrNull = (x: Dec | null): string | null => (x === null ? null : formatMoney(x));

export function formatPeerView(v: PeerView): PeerViewDto {
  return {
    organisationId: v.organisationId,
    organisationName: v.organisationName,
    organisationType: v.organisationType,
    financialYear: v.financialYear,
    functions: v.functions.map((f) => ({
      function: f.function,
      submitted: f.submitted,
      n: f.n,
      trimmed: f.trimmed,
      kpi: kpiOrNull(f.kpi),
      rank: f.rank,
      average: kpiOrNull(f.average),
      median: kpiOrNull(f.median),
      lowerQuartile: kpiOrNull(f.lowerQuartile),
      upperQuartile: kpiOrNull(f.upperQuartile),
      hackett: formatHackett(f.hackett),
      savingsPotential: moneyOrNull(f.savingsPotential),
      savingsToLowerQuartile: moneyOrNull(f.savingsToLowerQuartile),
    })),
    totalSavingsPotential: formatMoney(v.totalSavingsPotential),
    totalSavingsToLowerQuartile: formatMoney(v.totalSavingsToLowerQuartile),
  };
}

export interface NationalTypeRowDto {
  organisationType: string;
  organisations: number;
  returns: number;
  byFunction: Record<BenchmarkFunction, string>;
  savingsPotential: string;
  savingsToLowerQuartile: string;
}

export interface NationalSavingsDto {
  financialYear: string;
  byType: NationalTypeRowDto[];
  byFunction: Record<BenchmarkFunction, string>;
  savingsPotential: string;
  savingsToLowerQuartile: string;
}

function formatByFunction(b: Record<BenchmarkFunction, Dec>): Record<BenchmarkFunction, string> {
  return Object.fromEntries(BENCHMARK_FUNCTIONS.map((f) => [f, formatMoney(b[f])])) as Record<BenchmarkFunction, string>;
}

export function formatNational(n: NationalSavings): NationalSavingsDto {
  return {
    financialYear: n.financialYear,
    byType: n.byType.map((t) => ({
      organisationType: t.organisationType,
      organisations: t.organisations,
      returns: t.returns,
      byFunction: formatByFunction(t.byFunction),
      savingsPotential: formatMoney(t.savingsPotential),
      savingsToLowerQuartile: formatMoney(t.savingsToLowerQuartile),
    })),
    byFunction: formatByFunction(n.byFunction),
    savingsPotential: formatMoney(n.savingsPotential),
    savingsToLowerQuartile: formatMoney(n.savingsToLowerQuartile),
  };
}
