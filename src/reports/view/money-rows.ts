/**
 * The money tables shared by the statement reports (a member's statement, the consolidated
 * statement): labelled rows, the savings row, and the service-line table with its total. Pure.
 */
import { formatGbp, formatPercent, formatReduction, isNegative, isZero, minusMoney, sumMoney } from './format';

type Money = string;

/** One labelled amount (`css`: '', 'total' or 'muted'). */
export interface Row {
  label: string;
  note: string;
  amount: string;
  css: string;
}

export const row = (label: string, amount: string, note = '', css = ''): Row => ({ label, note, amount, css });

/** "Savings against baseline" (or "Extra cost …" when negative), with the percentage of baseline as its note. */
export function savingsRow(savings: Money, savingsPercent: string | null): Row {
  return row(
    isNegative(savings) ? 'Extra cost against baseline' : 'Savings against baseline',
    formatGbp(savings),
    savingsPercent !== null ? `${formatPercent(savingsPercent, 2)} of baseline` : '',
    'total',
  );
}

export interface ServiceLineMoney {
  operating: Money;
  fee: Money;
  credits: Money;
  baseline: Money;
}

/** The formatted money cells of one service line (or of the total row). */
export interface ServiceLineCells {
  operating: string;
  fee: string;
  credits: string;
  total: string;
  baseline: string;
  savings: string;
}

function cells(l: ServiceLineMoney, baseline = l.baseline): ServiceLineCells {
  const total = sumMoney([l.operating, l.fee, l.credits]);
  return {
    operating: formatGbp(l.operating),
    fee: formatGbp(l.fee),
    credits: formatReduction(l.credits),
    total: formatGbp(total),
    baseline: formatGbp(baseline),
    savings: formatGbp(minusMoney(baseline, total)),
  };
}

/**
 * The service-line table of a statement. A board reads the lines it pays for: lines with no charge,
 * credit or baseline are left out (and counted in `omitted`); the total row still covers every
 * line. Its baseline is `totalBaseline` (computed exactly and rounded once, described by
 * `totalBaselineIs`), which can differ by pennies from the sum of the rounded lines: `roundingNote`
 * says so when it does.
 */
export function serviceLineTable<L extends ServiceLineMoney>(
  lines: readonly L[],
  totalBaseline: Money,
  totalBaselineIs: string,
): { rows: Array<{ line: L; cells: ServiceLineCells }>; omitted: number; total: ServiceLineCells; roundingNote: string } {
  const shown = lines.filter((l) => !(isZero(l.operating) && isZero(l.fee) && isZero(l.credits) && isZero(l.baseline)));
  const sum = (k: keyof ServiceLineMoney) => sumMoney(lines.map((l) => l[k]));
  return {
    rows: shown.map((line) => ({ line, cells: cells(line) })),
    omitted: lines.length - shown.length,
    total: cells({ operating: sum('operating'), fee: sum('fee'), credits: sum('credits'), baseline: sum('baseline') }, totalBaseline),
    roundingNote: sum('baseline') === totalBaseline ? '' : ` Each line’s baseline is rounded to the penny; the total is ${totalBaselineIs}.`,
  };
}
