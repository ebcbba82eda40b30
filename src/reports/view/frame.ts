/** What every report shows around its content: cover block, summary, running header and footer. */
import type { SafeString } from 'handlebars';
import { formatGeneratedAt } from './format';

export interface Fact {
  label: string;
  value: string;
}

export interface ReportFrame {
  /** Small line above the title ("SLA performance"). */
  kicker: string;
  title: string;
  subtitle: string;
  consortiumName: string;
  /** Shown as the cover facts (who, what period, prepared for, generated). */
  facts: Fact[];
  /** The "what this means" sentences. */
  summary: string[];
  generatedAt: string;
  /** Protective marking in the footer. */
  classification: string;
  draft: boolean;
}

export interface Tile {
  label: string;
  value: string;
  note: string | null;
}

/** The running header and footer (rendered by Chromium on every page). */
export function pageView(frame: ReportFrame): { consortiumName: string; title: string; generatedAt: string; classification: string; draft: boolean } {
  return { consortiumName: frame.consortiumName, title: frame.title, generatedAt: frame.generatedAt, classification: frame.classification, draft: frame.draft };
}

export function frame(f: Omit<ReportFrame, 'generatedAt'> & { at: Date }): ReportFrame {
  const { at, ...rest } = f;
  const generatedAt = formatGeneratedAt(at);
  return { ...rest, generatedAt, facts: [...rest.facts, { label: 'Generated', value: generatedAt }] };
}

export type Chart = SafeString;

/** "a", "a and b", "a, b and c", "a, b, c and 2 more". */
export function listText(items: string[], max = 3): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length <= max) return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Pairs for a two-column grid. */
export function pairs<T>(xs: T[]): Array<{ left: T; right: T | null }> {
  const out: Array<{ left: T; right: T | null }> = [];
  for (let i = 0; i < xs.length; i += 2) out.push({ left: xs[i], right: xs[i + 1] ?? null });
  return out;
}
