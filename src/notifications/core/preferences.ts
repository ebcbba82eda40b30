/** Checks a user's notification preferences as sent (pure). */
import type { EventKind } from '../../events/event-kinds';
import { ATTACHABLE_KINDS, type Preference } from './recipients';

export interface PreferenceProblem {
  field: string;
  message: string;
}

/** Each kind once; a PDF only for the kinds that have one. */
export function checkPreferences(items: readonly Preference[]): PreferenceProblem[] {
  const problems: PreferenceProblem[] = [];
  const seen = new Set<EventKind>();
  items.forEach((p, i) => {
    if (seen.has(p.kind)) problems.push({ field: `items.${i}.kind`, message: `${p.kind} is listed twice` });
    seen.add(p.kind);
    if (p.attachPdf && !ATTACHABLE_KINDS.includes(p.kind)) {
      problems.push({ field: `items.${i}.attachPdf`, message: `${p.kind} has no PDF to attach (only ${ATTACHABLE_KINDS.join(' and ')} do)` });
    }
  });
  return problems;
}
