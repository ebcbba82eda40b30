/** Helpers for the benchmarking core's specs (not used by production code). */
import type { BenchmarkReturnInput } from './types';

/** A return of an acute trust's finance function for 2024/25 unless overridden. */
export function ret(organisationId: string, cost: string, turnover = '100000000.00', over: Partial<BenchmarkReturnInput> = {}): BenchmarkReturnInput {
  return {
    organisationId,
    organisationName: `Org ${organisationId}`,
    organisationType: 'acute_trust',
    financialYear: '2024/25',
    function: 'finance',
    cost,
    turnover,
    ...over,
  };
}

/** Pennies (bigint) as a money string, e.g. 123456n → "1234.56". */
export function pence(p: bigint): string {
  const neg = p < 0n;
  const a = neg ? -p : p;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}
