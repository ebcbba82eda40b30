/**
 * A scenario's changes in plain English, for the PDF and the web pages. Pure.
 */
import { formatDateLong, formatGbp, formatMonthLong, formatNumber } from '../reports/view/format';
import type { ScenarioChange } from './core';

export interface ScenarioNames {
  organisation(id: string): string;
  /** "FIN Finance" or the id when unknown. */
  serviceLine(id: string): string;
}

const BASIS_TEXT: Record<string, string> = {
  equal: 'equal shares',
  turnover: 'turnover',
  headcount: 'headcount',
  fixed: 'fixed shares',
  activity: 'activity',
};

/** One sentence per change, in order. */
export function describeChanges(changes: readonly ScenarioChange[], names: ScenarioNames): string[] {
  return changes.map((c) => {
    switch (c.kind) {
      case 'join': {
        const base = c.baselines.length
          ? ` Baselines: ${c.baselines.map((b) => `${names.serviceLine(b.serviceLineId)} ${formatGbp(b.annualAmount)} a year`).join('; ')}.`
          : ' No baseline given.';
        const act = c.activity?.length
          ? ` Activity: ${c.activity.map((a) => `${names.serviceLine(a.serviceLineId)} ${formatNumber(a.monthlyVolume, 0)} a month`).join('; ')}.`
          : '';
        const prices = c.prices?.length ? ` Prices: ${c.prices.map((p) => `${names.serviceLine(p.serviceLineId)} ${formatGbp(p.annualPrice)} a year`).join('; ')}.` : '';
        return `${c.name} joins on ${formatDateLong(c.joinedOn)}, with a turnover of ${formatGbp(c.annualTurnover, { pence: false })} and a headcount of ${formatNumber(c.headcount, 0)}.${base}${act}${prices}`;
      }
      case 'leave':
        return `${names.organisation(c.organisationId)} leaves: its membership ends on ${formatDateLong(c.leftOn)}.`;
      case 'agreement': {
        const parts: string[] = [];
        if (c.basis) parts.push(`costs are shared by ${BASIS_TEXT[c.basis] ?? c.basis}`);
        for (const [line, basis] of Object.entries(c.serviceLineBases ?? {})) parts.push(`${names.serviceLine(line)} is shared by ${BASIS_TEXT[basis] ?? basis}`);
        if (c.managementFeePercent !== undefined) parts.push(`the management fee is ${c.managementFeePercent}%`);
        if (c.fixedShares)
          parts.push(
            `fixed shares are ${Object.entries(c.fixedShares)
              .map(([o, s]) => `${names.organisation(o)} ${s}%`)
              .join(', ')}`,
          );
        if (c.prices?.length)
          parts.push(
            `prices are ${c.prices.map((p) => `${names.organisation(p.organisationId)} ${names.serviceLine(p.serviceLineId)} ${formatGbp(p.annualPrice)} a year`).join(', ')}`,
          );
        return `From ${formatMonthLong(c.effectiveFrom)}, ${parts.join('; ')}.`;
      }
      case 'costChange': {
        const pct = c.percent.startsWith('-') ? `fall by ${c.percent.slice(1)}%` : `rise by ${c.percent}%`;
        return `${c.serviceLineId ? `Operating costs of ${names.serviceLine(c.serviceLineId)}` : 'Operating costs of every service line'} ${pct} in every month of the period.`;
      }
      case 'addCost': {
        const what = c.category === 'operating' ? 'operating cost' : c.category === 'investment' ? 'investment' : 'risk cost';
        const line = c.serviceLineId ? ` on ${names.serviceLine(c.serviceLineId)}` : '';
        const attr = c.attributableTo ? `, borne by ${names.organisation(c.attributableTo)} alone` : '';
        return `An extra ${what} of ${formatGbp(c.amount)} in ${formatMonthLong(c.month)}${line}${attr}.`;
      }
    }
  });
}
