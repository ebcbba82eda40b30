/**
 * The partnership's audit entries and decisions log (issue 15, the host's pages): the search form,
 * who did what and when in plain English, and what changed (before and after, field by field).
 * Pure: built from the API's audit and decision views.
 */
import type { AuditEntry } from '../../audit/audit.service';
import { DECISION_KINDS } from '../../decisions/dto';
import type { DecisionView } from '../../decisions/dto';
import { formatGeneratedAt, humanise } from '../../reports/view/format';
import type { Pager } from './pager';
import type { FieldErrorLink } from '../web-pages';
import { ROLE_NAMES } from './users.view';
import type { Role } from '../../common/enums';

/** The actions the services record (AuditService.record callers), for the filter. */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'upsert', 'import', 'propose', 'vote', 'approve', 'withdraw', 'close', 'archive'] as const;

const ACTION_WORDS: Record<string, string> = {
  create: 'Created',
  update: 'Changed',
  delete: 'Deleted',
  upsert: 'Saved',
  import: 'Imported',
  propose: 'Proposed',
  vote: 'Voted on',
  approve: 'Approved',
  withdraw: 'Withdrew',
  close: 'Closed',
  archive: 'Archived',
};

export type AuditTab = 'audit' | 'decisions';

export interface AuditSearch {
  tab: AuditTab;
  q: string;
  action: string;
  actor: string;
  kind: string;
  from: string;
  to: string;
  errors: { id: 'from' | 'to' | 'action' | 'kind' | 'q' | 'actor'; message: string }[];
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real calendar day YYYY-MM-DD. */
export function isDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** Reads the search form (a GET query): each filter the API takes, every error on its field. */
export function readAuditSearch(q: Record<string, unknown>): AuditSearch {
  const s: AuditSearch = {
    tab: q.show === 'decisions' ? 'decisions' : 'audit',
    q: str(q.q),
    action: str(q.action),
    actor: str(q.actor),
    kind: str(q.kind),
    from: str(q.from),
    to: str(q.to),
    errors: [],
  };
  if (s.q.length > 200) s.errors.push({ id: 'q', message: 'Search for 200 characters or fewer' });
  if (s.actor.length > 320) s.errors.push({ id: 'actor', message: 'Enter 320 characters or fewer for who' });
  if (s.action && !(AUDIT_ACTIONS as readonly string[]).includes(s.action)) s.errors.push({ id: 'action', message: 'Select an action from the list' });
  if (s.kind && !(DECISION_KINDS as readonly string[]).includes(s.kind)) s.errors.push({ id: 'kind', message: 'Select a kind of decision from the list' });
  if (s.from && !isDay(s.from)) s.errors.push({ id: 'from', message: 'The first day must be a real date, like 2025-07-03' });
  if (s.to && !isDay(s.to)) s.errors.push({ id: 'to', message: 'The last day must be a real date, like 2025-07-31' });
  if (s.from && s.to && isDay(s.from) && isDay(s.to) && s.from > s.to) s.errors.push({ id: 'to', message: 'The last day must be the same as the first day or after it' });
  return s;
}

export function auditErrorLinks(s: AuditSearch): FieldErrorLink[] {
  return s.errors.map((e) => ({ text: e.message, href: `#${e.id}` }));
}

/** The query of a search (for the pager's links and the tabs), without empty filters. */
export function searchQuery(s: AuditSearch): Record<string, string | undefined> {
  return s.tab === 'audit' ? { q: s.q, action: s.action, actor: s.actor, from: s.from, to: s.to } : { show: 'decisions', q: s.q, kind: s.kind, from: s.from, to: s.to };
}

/** A snapshot's field name as words: "organisationId" → "Organisation id", "left_on" → "Left on". */
export function fieldName(k: string): string {
  return humanise(k.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase());
}

/** A value of a snapshot as a person reads it. */
function shown(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'none';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * What changed, field by field: for a change the fields whose values differ; for a creation every
 * field after; for a deletion every field before. A bulk change (arrays of rows) is counted.
 */
export function changes(before: unknown, after: unknown): { summary: string; rows: { field: string; before: string; after: string }[] } {
  if (Array.isArray(before) || Array.isArray(after)) {
    const n = Math.max(Array.isArray(before) ? before.length : 0, Array.isArray(after) ? after.length : 0);
    return { summary: `${n} ${n === 1 ? 'row' : 'rows'} changed at once`, rows: [] };
  }
  const b = before && typeof before === 'object' ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === 'object' ? (after as Record<string, unknown>) : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  const rows = keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ field: fieldName(k), before: k in b ? shown(b[k]) : '', after: k in a ? shown(a[k]) : '' }));
  return { summary: rows.length ? `${rows.length} ${rows.length === 1 ? 'field' : 'fields'}` : 'No fields changed', rows };
}

export interface AuditPageInput {
  consortiumId: string;
  search: AuditSearch;
  audit: { items: AuditEntry[]; total: number } | null;
  decisions: { items: DecisionView[]; total: number } | null;
  pager: Pager;
}

export function auditView(i: AuditPageInput) {
  const s = i.search;
  const base = `/consortium/${i.consortiumId}/audit`;
  const error = (id: AuditSearch['errors'][number]['id']) => s.errors.find((e) => e.id === id)?.message ?? null;
  return {
    intro: 'Who changed what in the partnership and when, and the decisions its members made.',
    tabs: [
      { text: 'Audit entries', href: base, current: s.tab === 'audit' },
      { text: 'Decisions log', href: `${base}?show=decisions`, current: s.tab === 'decisions' },
    ],
    isAudit: s.tab === 'audit',
    form: {
      action: base,
      show: s.tab === 'decisions' ? 'decisions' : null,
      q: {
        value: s.q,
        error: error('q'),
        label: s.tab === 'audit' ? 'Search the entries' : 'Search the decisions',
        hint:
          s.tab === 'audit' ? 'Words or an id anywhere in an entry, for example cost_entry or an email address' : 'Words in the decision, for example approved or a member’s name',
      },
      actor: s.tab === 'audit' ? { value: s.actor, error: error('actor') } : null,
      actionFilter:
        s.tab === 'audit'
          ? {
              error: error('action'),
              options: [{ value: '', text: 'Any action', selected: !s.action }, ...AUDIT_ACTIONS.map((a) => ({ value: a, text: ACTION_WORDS[a], selected: s.action === a }))],
            }
          : null,
      kind:
        s.tab === 'decisions'
          ? {
              error: error('kind'),
              options: [{ value: '', text: 'Any kind', selected: !s.kind }, ...DECISION_KINDS.map((k) => ({ value: k, text: humanise(k), selected: s.kind === k }))],
            }
          : null,
      from: { value: s.from, error: error('from') },
      to: { value: s.to, error: error('to') },
      clear: s.tab === 'audit' ? base : `${base}?show=decisions`,
    },
    entries: (i.audit?.items ?? []).map((e) => {
      const c = changes(e.before, e.after);
      return {
        id: e.id,
        when: formatGeneratedAt(new Date(e.at)),
        who: e.actorEmail && e.actorEmail !== 'system' ? e.actorEmail : 'The system',
        what: `${ACTION_WORDS[e.action] ?? humanise(e.action)} ${humanise(e.entity).toLowerCase()}`,
        entityId: e.entityId,
        action: e.action,
        details: { summary: c.summary, rows: c.rows, hasRows: c.rows.length > 0 },
      };
    }),
    decisions: (i.decisions?.items ?? []).map((d) => ({
      id: d.id,
      when: formatGeneratedAt(new Date(d.at)),
      kind: humanise(d.kind),
      summary: d.summary,
      who: [d.actorOrganisationName, d.actorRole ? (ROLE_NAMES[d.actorRole as Role] ?? humanise(d.actorRole)) : null].filter(Boolean).join(', ') || 'The system',
    })),
    total: (s.tab === 'audit' ? i.audit?.total : i.decisions?.total) ?? 0,
    searched: Boolean(s.q || s.action || s.actor || s.kind || s.from || s.to),
    pager: i.pager,
  };
}
