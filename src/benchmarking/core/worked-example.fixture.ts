/**
 * The benchmark of domain.md §11 (eight acute trusts, finance, 2024/25), with every expected figure,
 * for unit tests here and later HTTP tests (create organisations T1..T8 of type acute_trust, post
 * these returns, compare `GET /benchmarks?financialYear=2024/25&function=finance&organisationType=acute_trust`
 * with WORKED_EXAMPLE_EXPECTED, mapping the codes to the created organisation ids).
 *
 * By hand: KPIs (cost / turnover × 100) T1 0.8, T2 0.95, T3 1.0, T4 1.05, T5 1.1, T6 1.2, T7 1.4,
 * T8 2.0 (already in KPI order). n = 8, k = 2: drop T1, T2 and T7, T8; average of T3..T6 =
 * (1.0 + 1.05 + 1.1 + 1.2) / 4 = 4.35 / 4 = 1.0875.
 * QUARTILE.INC: h = 7p. Q1: h = 1.75 → 0.95 + 0.75 × (1.0 − 0.95) = 0.9875; median: h = 3.5 →
 * (1.05 + 1.1) / 2 = 1.075; Q3: h = 5.25 → 1.2 + 0.25 × (1.4 − 1.2) = 1.25.
 * Savings to the average, (KPI − 1.0875) / 100 × turnover: T5 0.0125% × 150m = 18750,
 * T6 0.1125% × 250m = 281250, T7 0.3125% × 300m = 937500, T8 0.9125% × 100m = 912500.
 * Savings to the lower quartile, (KPI − 0.9875) / 100 × turnover: T3 0.0125% × 300m = 37500,
 * T4 0.0625% × 200m = 125000, T5 0.1125% × 150m = 168750, T6 0.2125% × 250m = 531250,
 * T7 0.4125% × 300m = 1237500, T8 1.0125% × 100m = 1012500; T1, T2 are below it: 0.
 */
import type { BenchmarkReturnInput } from './types';

export const WORKED_EXAMPLE_YEAR = '2024/25';
export const WORKED_EXAMPLE_FUNCTION = 'finance' as const;
export const WORKED_EXAMPLE_TYPE = 'acute_trust' as const;

export interface WorkedExampleRow {
  code: 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6' | 'T7' | 'T8';
  name: string;
  cost: string;
  turnover: string;
  /** expected, 4 decimals */
  kpi: string;
  /** expected, 2 decimals */
  savingsPotential: string;
  savingsToLowerQuartile: string;
}

export const WORKED_EXAMPLE_ROWS: readonly WorkedExampleRow[] = [
  { code: 'T1', name: 'Trust T1', cost: '800000.00', turnover: '100000000.00', kpi: '0.8000', savingsPotential: '0.00', savingsToLowerQuartile: '0.00' },
  { code: 'T2', name: 'Trust T2', cost: '1900000.00', turnover: '200000000.00', kpi: '0.9500', savingsPotential: '0.00', savingsToLowerQuartile: '0.00' },
  { code: 'T3', name: 'Trust T3', cost: '3000000.00', turnover: '300000000.00', kpi: '1.0000', savingsPotential: '0.00', savingsToLowerQuartile: '37500.00' },
  { code: 'T4', name: 'Trust T4', cost: '2100000.00', turnover: '200000000.00', kpi: '1.0500', savingsPotential: '0.00', savingsToLowerQuartile: '125000.00' },
  { code: 'T5', name: 'Trust T5', cost: '1650000.00', turnover: '150000000.00', kpi: '1.1000', savingsPotential: '18750.00', savingsToLowerQuartile: '168750.00' },
  { code: 'T6', name: 'Trust T6', cost: '3000000.00', turnover: '250000000.00', kpi: '1.2000', savingsPotential: '281250.00', savingsToLowerQuartile: '531250.00' },
  { code: 'T7', name: 'Trust T7', cost: '4200000.00', turnover: '300000000.00', kpi: '1.4000', savingsPotential: '937500.00', savingsToLowerQuartile: '1237500.00' },
  { code: 'T8', name: 'Trust T8', cost: '2000000.00', turnover: '100000000.00', kpi: '2.0000', savingsPotential: '912500.00', savingsToLowerQuartile: '1012500.00' },
];

/** The returns, with organisationId = the code ("T1".."T8"); replace ids in HTTP tests. */
export const WORKED_EXAMPLE_RETURNS: readonly BenchmarkReturnInput[] = WORKED_EXAMPLE_ROWS.map((r) => ({
  organisationId: r.code,
  organisationName: r.name,
  organisationType: WORKED_EXAMPLE_TYPE,
  financialYear: WORKED_EXAMPLE_YEAR,
  function: WORKED_EXAMPLE_FUNCTION,
  cost: r.cost,
  turnover: r.turnover,
}));

/** The expected `GET /benchmarks` body (ids = codes; items cheapest first). */
export const WORKED_EXAMPLE_EXPECTED = {
  n: 8,
  trimmed: 2,
  average: '1.0875',
  median: '1.0750',
  lowerQuartile: '0.9875',
  upperQuartile: '1.2500',
  hackett: { median: '1.1570', bestInClass: '0.6090' },
  items: WORKED_EXAMPLE_ROWS.map((r) => ({
    organisationId: r.code,
    kpi: r.kpi,
    savingsPotential: r.savingsPotential,
    savingsToLowerQuartile: r.savingsToLowerQuartile,
  })),
};

/** Sum of the savings potential (not part of the body): 18750 + 281250 + 937500 + 912500. */
export const WORKED_EXAMPLE_TOTAL_SAVINGS = '2150000.00';
