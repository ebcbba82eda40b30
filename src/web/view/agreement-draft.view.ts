/**
 * The host's side of the agreement (issue 15): the draft as a form (every field `PUT …/agreement`
 * takes, grouped in fieldsets), the API's errors mapped onto the form's fields, the draft beside the
 * terms in force before it is proposed, and the decisions log's entries about the agreement. Pure.
 *
 * One form, not a summary with a page per group: the API replaces the whole draft on each PUT (one
 * revision), its errors come back together for every group, and one form shows them all in one
 * error summary and saves them in one step. The "check" page is the summary before proposing.
 */
import type { AgreementVersionView } from '../../agreements/dto';
import type { DecisionView } from '../../decisions/dto';
import type { FieldError } from '../../common/errors/domain-error';
import { formatDateLong, formatMonthLong } from '../../reports/view/format';
import type { FieldErrorLink } from '../web-pages';
import { termRows, type AgreementNames, type TermRow } from './agreement.view';

export type AgreementModel = 'cooperative' | 'commercial';

/** What the form offers: the model the partnership's delivery model needs, its service lines and members. */
export interface DraftOptions {
  model: AgreementModel;
  /** Service lines, by name; recipients null = every member. */
  lines: { id: string; name: string; recipientIds: string[] | null }[];
  /** Member organisations (past and present), by name. */
  members: { id: string; name: string }[];
  /** The month a new version takes effect when none is given (the service's default): the first month not closed, and not before the latest approved version. */
  defaultMonth: string;
}

export const EXIT_INTEGERS = ['minimumTermMonths', 'noticeMonths', 'strandedCostMonths', 'amortisationMonths'] as const;
export const EXIT_PERCENTS = ['earlyTerminationPercent', 'fixedCostPercent'] as const;
const COOP_EXIT = ['noticeMonths', 'minimumTermMonths', 'earlyTerminationPercent', 'strandedCostMonths', 'fixedCostPercent', 'amortisationMonths'] as const;
type ExitKey = (typeof COOP_EXIT)[number];

/** Blank rows of the exit charge schedule offered beyond those filled in (commercial). */
export const SPARE_CHARGE_ROWS = 3;

/** The form as the host typed it (strings throughout). */
export interface DraftForm {
  /** The draft's revision read (sent back as If-Match); '' for a new draft. */
  revision: string;
  effectiveFromMonth: string;
  effectiveFromYear: string;
  decisionRule: string;
  managementFeePercent: string;
  basis: string;
  /** Line id → basis ('' = the agreement-wide basis). */
  serviceLineBases: Record<string, string>;
  /** Organisation id → % share. */
  fixedShares: Record<string, string>;
  /** `${organisationId}-${serviceLineId}` → annual price. */
  prices: Record<string, string>;
  exit: Record<ExitKey, string>;
  exitCharges: { contractYear: string; amount: string }[];
}

/** Where each item of the request came from on the form, to put the API's errors (`prices.3.annualPrice`) back on their fields. */
export interface SentIndex {
  /** prices[i] → its input's key `${organisationId}-${serviceLineId}`. */
  prices: string[];
  /** exit.exitChargeSchedule[i] → its row on the form. */
  exitCharges: number[];
}

export const BASIS_CHOICES: { value: string; text: string; hint: string }[] = [
  { value: 'equal', text: 'Equal shares', hint: 'Each member pays the same' },
  { value: 'turnover', text: 'Annual turnover', hint: "In proportion to each member's turnover" },
  { value: 'headcount', text: 'Headcount (staff)', hint: "In proportion to each member's staff" },
  { value: 'fixed', text: 'Fixed shares', hint: 'The percentages set below' },
];
const LINE_BASES: { value: string; text: string }[] = [
  { value: '', text: 'As chosen above' },
  ...BASIS_CHOICES.map((b) => ({ value: b.value, text: b.text })),
  { value: 'activity', text: 'Activity (volumes of work)' },
];
const RULE_CHOICES: { value: string; text: string; hint: string; models: AgreementModel[] }[] = [
  { value: 'unanimous', text: 'Unanimous', hint: 'Every member must approve; one objection rejects it', models: ['cooperative', 'commercial'] },
  { value: 'majority', text: 'Majority', hint: 'More than half of the members approve; half or more objecting rejects it', models: ['cooperative', 'commercial'] },
  { value: 'host', text: 'The host decides', hint: 'For agreements with prices set by the host', models: ['commercial'] },
];

const EXIT_LABELS: Record<ExitKey, { label: string; hint: string; suffix: string }> = {
  noticeMonths: { label: 'Notice to leave', hint: 'The months between a member giving notice and leaving', suffix: 'months' },
  minimumTermMonths: { label: 'Minimum term', hint: 'The months a member stays from joining', suffix: 'months' },
  earlyTerminationPercent: {
    label: 'Early termination charge',
    hint: 'The percentage of the average monthly charge a member pays for each month of the minimum term left',
    suffix: '%',
  },
  strandedCostMonths: { label: 'Stranded costs', hint: 'The months of fixed costs a leaving member bears', suffix: 'months' },
  fixedCostPercent: { label: 'Fixed part of the costs', hint: 'The percentage of the costs that does not fall when a member leaves', suffix: '%' },
  amortisationMonths: { label: 'Investments paid off over', hint: 'The months over which investments are spread', suffix: 'months' },
};

/** The labels errors are put in words with (the error summary's "The notice to leave must be …"). */
const ERROR_LABELS: Record<string, string> = {
  effectiveFrom: 'The month it takes effect',
  decisionRule: 'How the members decide',
  basis: 'How costs are shared',
  managementFeePercent: 'The management fee',
  'exit-noticeMonths': 'The notice to leave',
  'exit-minimumTermMonths': 'The minimum term',
  'exit-earlyTerminationPercent': 'The early termination charge',
  'exit-strandedCostMonths': 'The stranded costs',
  'exit-fixedCostPercent': 'The fixed part of the costs',
  'exit-amortisationMonths': 'The months investments are paid off over',
};

export const priceKey = (organisationId: string, serviceLineId: string) => `${organisationId}-${serviceLineId}`;

/** The (member, service line) pairs that have a price (commercial): each line's recipients, or every member. */
export function pricePairs(o: DraftOptions): { key: string; organisationId: string; member: string; serviceLineId: string; line: string }[] {
  const out = [];
  for (const m of o.members) {
    for (const l of o.lines) {
      if (l.recipientIds && !l.recipientIds.includes(m.id)) continue;
      out.push({ key: priceKey(m.id, l.id), organisationId: m.id, member: m.name, serviceLineId: l.id, line: l.name });
    }
  }
  return out;
}

function emptyExit(): Record<ExitKey, string> {
  return { noticeMonths: '', minimumTermMonths: '', earlyTerminationPercent: '', strandedCostMonths: '', fixedCostPercent: '', amortisationMonths: '' };
}

/**
 * The form filled from a version: the draft (with its revision), or, when there is none, the terms
 * in force (a new draft starts from them; its month left blank for the service's default).
 */
export function formFromVersion(v: AgreementVersionView | null, o: DraftOptions, isDraft: boolean): DraftForm {
  const f: DraftForm = {
    revision: isDraft && v ? String(v.revision) : '',
    effectiveFromMonth: '',
    effectiveFromYear: '',
    decisionRule: v?.decisionRule ?? (o.model === 'commercial' ? 'host' : 'unanimous'),
    managementFeePercent: '',
    basis: '',
    serviceLineBases: {},
    fixedShares: {},
    prices: {},
    exit: emptyExit(),
    exitCharges: [],
  };
  if (!v) return f;
  if (isDraft) {
    const [y, m] = v.effectiveFrom.split('-');
    f.effectiveFromYear = y;
    f.effectiveFromMonth = String(Number(m));
  }
  if (v.model !== o.model) return f;
  const exit = v.exit ?? {};
  for (const k of COOP_EXIT) {
    const x = exit[k];
    if (typeof x === 'number' || typeof x === 'string') f.exit[k] = String(x);
  }
  if (v.model === 'cooperative') {
    f.managementFeePercent = v.managementFeePercent ?? '';
    f.basis = v.basis ?? '';
    f.serviceLineBases = { ...(v.serviceLineBases ?? {}) };
    f.fixedShares = { ...(v.fixedShares ?? {}) };
  } else {
    for (const p of v.prices ?? []) f.prices[priceKey(p.organisationId, p.serviceLineId)] = p.annualPrice;
    const schedule = Array.isArray(exit.exitChargeSchedule) ? (exit.exitChargeSchedule as { contractYear: number; amount: string }[]) : [];
    f.exitCharges = schedule.map((r) => ({ contractYear: String(r.contractYear), amount: r.amount }));
  }
  return f;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
/** "2.5 %" → "2.5" (a percentage as typed, its sign dropped). */
const percentText = (s: string) => s.trim().replace(/\s*%$/, '');
/** "£1,200,000.00" → "1200000.00". */
const moneyText = (s: string) => s.trim().replace(/^£\s*/, '').replace(/,/g, '');
/** A whole number as a JSON number; anything else as typed, for the API to refuse by name; '' → undefined. */
function integer(s: string): number | string | undefined {
  const t = s.trim();
  if (t === '') return undefined;
  return /^\d{1,9}$/.test(t) ? Number(t) : t;
}

/** Reads the posted form: what the host typed, and the body of `PUT …/agreement` it makes (blank fields left out). */
export function readDraftForm(body: Record<string, unknown>, o: DraftOptions): { form: DraftForm; request: Record<string, unknown>; sent: SentIndex } {
  const form: DraftForm = {
    revision: str(body.revision).trim(),
    effectiveFromMonth: str(body.effectiveFrom).trim(),
    effectiveFromYear: str(body['effectiveFrom-year']).trim(),
    decisionRule: str(body.decisionRule),
    managementFeePercent: str(body.managementFeePercent),
    basis: str(body.basis),
    serviceLineBases: {},
    fixedShares: {},
    prices: {},
    exit: emptyExit(),
    exitCharges: [],
  };
  const request: Record<string, unknown> = { model: o.model };
  const sent: SentIndex = { prices: [], exitCharges: [] };
  if (form.effectiveFromMonth || form.effectiveFromYear) {
    const m = /^\d{1,2}$/.test(form.effectiveFromMonth) ? form.effectiveFromMonth.padStart(2, '0') : form.effectiveFromMonth;
    request.effectiveFrom = `${form.effectiveFromYear}-${m}`;
  }
  if (form.decisionRule) request.decisionRule = form.decisionRule;
  for (const k of COOP_EXIT) form.exit[k] = str(body[`exit-${k}`]);
  const exit: Record<string, unknown> = {};
  if (o.model === 'cooperative') {
    if (form.basis) request.basis = form.basis;
    if (form.managementFeePercent.trim()) request.managementFeePercent = percentText(form.managementFeePercent);
    const bases: Record<string, string> = {};
    for (const l of o.lines) {
      const b = str(body[`serviceLineBases-${l.id}`]);
      form.serviceLineBases[l.id] = b;
      if (b) bases[l.id] = b;
    }
    request.serviceLineBases = bases;
    const shares: Record<string, string> = {};
    for (const m of o.members) {
      const s = str(body[`fixedShares-${m.id}`]);
      form.fixedShares[m.id] = s;
      if (s.trim()) shares[m.id] = percentText(s);
    }
    request.fixedShares = shares;
    for (const k of EXIT_INTEGERS) {
      const v = integer(form.exit[k]);
      if (v !== undefined) exit[k] = v;
    }
    for (const k of EXIT_PERCENTS) if (form.exit[k].trim()) exit[k] = percentText(form.exit[k]);
  } else {
    const prices: Record<string, unknown>[] = [];
    for (const p of pricePairs(o)) {
      const v = str(body[`prices-${p.key}`]);
      form.prices[p.key] = v;
      if (!v.trim()) continue;
      prices.push({ organisationId: p.organisationId, serviceLineId: p.serviceLineId, annualPrice: moneyText(v) });
      sent.prices.push(p.key);
    }
    request.prices = prices;
    const notice = integer(form.exit.noticeMonths);
    if (notice !== undefined) exit.noticeMonths = notice;
    const schedule: Record<string, unknown>[] = [];
    for (let i = 0; `exitCharges-${i}-contractYear` in body || `exitCharges-${i}-amount` in body; i++) {
      const row = { contractYear: str(body[`exitCharges-${i}-contractYear`]), amount: str(body[`exitCharges-${i}-amount`]) };
      form.exitCharges.push(row);
      if (!row.contractYear.trim() && !row.amount.trim()) continue;
      schedule.push({ contractYear: integer(row.contractYear) ?? null, amount: moneyText(row.amount) });
      sent.exitCharges.push(i);
    }
    exit.exitChargeSchedule = schedule;
  }
  request.exit = exit;
  return { form, request, sent };
}

/** The id of the form field an API error names (`exit.noticeMonths` → `exit-noticeMonths`), or null when it names none of the form's. */
export function fieldIdOf(field: string, o: DraftOptions, sent: SentIndex): string | null {
  if (['effectiveFrom', 'decisionRule', 'basis', 'managementFeePercent'].includes(field)) return field;
  let m: RegExpExecArray | null;
  if (field === 'serviceLineBases') return o.lines.length ? `serviceLineBases-${o.lines[0].id}` : null;
  if ((m = /^serviceLineBases\.(.+)$/.exec(field))) return o.lines.some((l) => l.id === m![1]) ? `serviceLineBases-${m[1]}` : null;
  if (field === 'fixedShares') return o.members.length ? `fixedShares-${o.members[0].id}` : null;
  if ((m = /^fixedShares\.(.+)$/.exec(field))) return o.members.some((x) => x.id === m![1]) ? `fixedShares-${m[1]}` : null;
  if (field === 'prices') {
    const first = sent.prices[0] ?? pricePairs(o)[0]?.key;
    return first ? `prices-${first}` : null;
  }
  if ((m = /^prices\.(\d+)(?:\..+)?$/.exec(field))) {
    const key = sent.prices[Number(m[1])];
    return key ? `prices-${key}` : null;
  }
  if (field === 'exit') return o.model === 'cooperative' ? 'exit-noticeMonths' : 'exitCharges-0-contractYear';
  if (field === 'exit.exitChargeSchedule') return 'exitCharges-0-contractYear';
  if ((m = /^exit\.exitChargeSchedule\.(\d+)(?:\.(contractYear|amount))?$/.exec(field))) {
    const row = sent.exitCharges[Number(m[1])];
    return row === undefined ? 'exitCharges-0-contractYear' : `exitCharges-${row}-${m[2] ?? 'contractYear'}`;
  }
  if ((m = /^exit\.(\w+)$/.exec(field)) && (COOP_EXIT as readonly string[]).includes(m[1])) return `exit-${m[1]}`;
  return null;
}

/** The label an error on field `id` is put in words with. */
export function errorLabel(id: string, o: DraftOptions): string {
  if (ERROR_LABELS[id]) return ERROR_LABELS[id];
  let m: RegExpExecArray | null;
  if ((m = /^serviceLineBases-(.+)$/.exec(id))) return `The basis for ${o.lines.find((l) => l.id === m![1])?.name ?? 'the service line'}`;
  if ((m = /^fixedShares-(.+)$/.exec(id))) return `The fixed share of ${o.members.find((x) => x.id === m![1])?.name ?? 'the member'}`;
  if ((m = /^prices-(.+)$/.exec(id))) {
    const p = pricePairs(o).find((x) => x.key === m![1]);
    return p ? `The annual price for ${p.member}: ${p.line}` : 'The annual price';
  }
  if ((m = /^exitCharges-(\d+)-(contractYear|amount)$/.exec(id))) return `${m[2] === 'amount' ? 'The exit charge' : 'The contract year'} in row ${Number(m[1]) + 1}`;
  return 'The agreement';
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const MONTH = /\b(\d{4})-(0[1-9]|1[0-2])\b/g;

/**
 * An API error's message in plain English, about the field's label: "noticeMonths must not be less
 * than 0" → "The notice to leave must be 0 or more". Messages the rules below do not know keep
 * their words, after the label.
 */
export function plainMessage(field: string, message: string, label: string): string {
  const last = field.split('.').pop() ?? field;
  let m = message.trim().replace(/\.$/, '');
  const first = m.split(/\s+/)[0];
  if (first === last || first === field || /^[a-z]+[A-Z]\w*$/.test(first) || /^[0-9a-f-]{36}$/i.test(first)) m = m.slice(first.length).trim();
  let r: RegExpExecArray | null;
  if ((r = /^the fixed shares must sum to exactly 100 \(they sum to (.+)\)$/.exec(m))) return `The fixed shares must add up to exactly 100% (they add up to ${r[1]}%)`;
  if (/^is required/.test(m)) return `Enter ${lower(label)}${m.includes('(0 for none)') ? ' (0 for none)' : ''}`;
  if (/^must be one of the following values/.test(m) || /^the basis must be one of/.test(m) || /^basis must be one of/.test(m)) return `Select ${lower(label)}`;
  const rewrites: [RegExp, string][] = [
    [/^must be a decimal \(string or number\) with at most four decimals$/, 'must be a number with up to 4 decimal places, like 2.5'],
    [/^must be a percentage with at most four decimals$/, 'must be a number with up to 4 decimal places, like 2.5'],
    [/^must be an integer number$/, 'must be a whole number'],
    [/^must be a whole number of months ≥ 0$/, 'must be a whole number of months, 0 or more'],
    [/^must be a whole number ≥ 1$/, 'must be a whole number, 1 or more'],
    [/^must not be less than (\d+)$/, 'must be $1 or more'],
    [/^must not be greater than (\d+)$/, 'must be $1 or less'],
    [/^must be a month YYYY-MM$/, 'must be a real month and year, like 10 and 2025'],
    [/^must be a (?:non-negative )?amount as a string with at most two decimals.*$/, 'must be an amount in pounds, like 1200000.00'],
    [/^must be between 0 and 100$/, 'must be between 0 and 100'],
  ];
  for (const [re, to] of rewrites) {
    if (re.test(m)) {
      m = m.replace(re, to);
      break;
    }
  }
  m = m.replace(MONTH, (s) => formatMonthLong(s));
  if (/^[A-Z]/.test(m) || /^(?:in a|a |the |contract year|this member|not a )/.test(m)) return upper(m);
  return `${label} ${m}`;
}

/** Which of a field's errors is shown: what it must be (a whole number, a percentage, a month) before the range it must be in. */
function priority(message: string): number {
  if (/must be an integer|must be a decimal|must be a percentage|must be a month|amount as a string|must be a whole number/.test(message)) return 0;
  if (/is required/.test(message)) return 1;
  return 2;
}

/**
 * The API's field errors on the form: by field id (each field's own message) and as the error
 * summary's links, one per field (the API may give several for one value: "1.5" is not a whole
 * number, nor within 0..120; the first that says what the value must be is shown).
 */
export function draftErrors(errors: FieldError[], o: DraftOptions, sent: SentIndex): { byId: Record<string, string>; links: FieldErrorLink[] } {
  const byId: Record<string, string> = {};
  const links: FieldErrorLink[] = [];
  const ranked = errors.map((e, n) => ({ e, n })).sort((a, b) => priority(a.e.message) - priority(b.e.message) || a.n - b.n);
  const chosen = new Map<string, FieldError>();
  const loose: FieldError[] = [];
  for (const { e } of ranked) {
    const id = fieldIdOf(e.field, o, sent);
    if (id === null) loose.push(e);
    else if (!chosen.has(id)) chosen.set(id, e);
  }
  // in the API's order of the fields
  for (const e of errors) {
    const id = fieldIdOf(e.field, o, sent);
    if (id !== null && chosen.get(id) === e) {
      byId[id] = plainMessage(e.field, e.message, errorLabel(id, o));
      links.push({ text: byId[id], href: `#${id}` });
    } else if (id === null && loose.includes(e)) {
      const text = plainMessage(e.field, e.message, 'The agreement');
      if (!links.some((l) => l.text === text)) links.push({ text, href: '#draft-form' });
    }
  }
  return { byId, links };
}

export interface DraftPageInput {
  consortiumId: string;
  options: DraftOptions;
  form: DraftForm;
  errors: Record<string, string>;
  /** The draft being edited (null: none yet, the form starts from the terms in force). */
  draft: AgreementVersionView | null;
  inForce: AgreementVersionView | null;
  /** The next version number when there is no draft. */
  nextVersion: number;
  /** The service refused the save for a reason that is not one field's (a stale revision, an archived partnership). */
  refusal: string | null;
}

/** The draft form page. */
export function draftPageView(i: DraftPageInput) {
  const { options: o, form: f, errors } = i;
  const err = (id: string) => errors[id] ?? null;
  const base = `/consortium/${i.consortiumId}/agreement`;
  const version = i.draft?.version ?? i.nextVersion;
  const status = i.draft
    ? `You are changing the draft of version ${version}. Saving replaces it; nothing changes for the members until you propose it and they approve it.`
    : i.inForce
      ? `There is no draft. The form starts from version ${i.inForce.version}, the terms in force; saving it creates the draft of version ${version}.`
      : `There is no draft. Saving the form creates the draft of version ${version}.`;
  const radio = (name: string, value: string, first: boolean) => (first ? name : `${name}-${value}`);
  const rules = RULE_CHOICES.filter((r) => r.models.includes(o.model));
  return {
    status,
    version,
    refusal: i.refusal,
    action: `${base}/draft`,
    checkHref: i.draft ? `${base}/draft/check` : null,
    backHref: base,
    revision: f.revision,
    cooperative: o.model === 'cooperative',
    effectiveFrom: {
      month: f.effectiveFromMonth,
      year: f.effectiveFromYear,
      error: err('effectiveFrom'),
      hint: `For example, 10 2025. Leave it blank for ${formatMonthLong(o.defaultMonth)}. A new version cannot change a month that is closed, nor take effect before the terms in force.`,
    },
    decisionRule: {
      error: err('decisionRule'),
      options: rules.map((r, n) => ({ id: radio('decisionRule', r.value, n === 0), value: r.value, text: r.text, hint: r.hint, checked: f.decisionRule === r.value })),
    },
    fee: { value: f.managementFeePercent, error: err('managementFeePercent') },
    basis: {
      error: err('basis'),
      options: BASIS_CHOICES.map((b, n) => ({ id: radio('basis', b.value, n === 0), value: b.value, text: b.text, hint: b.hint, checked: f.basis === b.value })),
    },
    lines: o.lines.map((l) => {
      const id = `serviceLineBases-${l.id}`;
      const chosen = f.serviceLineBases[l.id] ?? '';
      return { id, name: l.name, error: err(id), options: LINE_BASES.map((b) => ({ value: b.value, text: b.text, selected: b.value === chosen })) };
    }),
    shares: o.members.map((m) => {
      const id = `fixedShares-${m.id}`;
      return { id, name: m.name, value: f.fixedShares[m.id] ?? '', error: err(id) };
    }),
    prices: pricePairs(o).map((p) => {
      const id = `prices-${p.key}`;
      return { id, member: p.member, line: p.line, value: f.prices[p.key] ?? '', error: err(id) };
    }),
    exit: (o.model === 'cooperative' ? COOP_EXIT : (['noticeMonths'] as const)).map((k) => {
      const id = `exit-${k}`;
      const l = EXIT_LABELS[k];
      return { id, label: l.label, hint: l.hint, suffix: l.suffix, value: f.exit[k], error: err(id), decimal: l.suffix === '%' };
    }),
    exitCharges: [...f.exitCharges, ...Array.from({ length: SPARE_CHARGE_ROWS }, () => ({ contractYear: '', amount: '' }))].map((r, n) => {
      const yearId = `exitCharges-${n}-contractYear`;
      const amountId = `exitCharges-${n}-amount`;
      return { row: n + 1, yearId, amountId, contractYear: r.contractYear, amount: r.amount, yearError: err(yearId), amountError: err(amountId) };
    }),
  };
}

/** Every term of the draft beside the term in force, the ones that differ marked. */
export function termComparison(inForce: TermRow[], draft: TermRow[]): { key: string; label: string; inForce: string; draft: string; changed: boolean }[] {
  const a = new Map(inForce.map((r) => [r.key, r]));
  const b = new Map(draft.map((r) => [r.key, r]));
  const keys = [...draft.map((r) => r.key), ...inForce.map((r) => r.key).filter((k) => !b.has(k))];
  return keys.map((k) => {
    const x = a.get(k)?.value ?? 'None';
    const y = b.get(k)?.value ?? 'None';
    return { key: k, label: (b.get(k) ?? a.get(k))!.label, inForce: x, draft: y, changed: x !== y };
  });
}

export interface CheckPageInput {
  consortiumId: string;
  draft: AgreementVersionView;
  inForce: AgreementVersionView | null;
  /** The version before the members, if any (a second cannot be proposed until it is decided or withdrawn). */
  pending: AgreementVersionView | null;
  names: AgreementNames;
  /** Back from saving the draft (POST-redirect-GET). */
  saved: boolean;
  archived: boolean;
  /** The service refused the proposal: its reason, in plain English. */
  refusal: string | null;
}

/** The "check your changes" page: the draft beside the terms in force, and the proposal. */
export function checkPageView(i: CheckPageInput) {
  const base = `/consortium/${i.consortiumId}/agreement`;
  const d = i.draft;
  const rows = termComparison(i.inForce ? termRows(i.inForce, i.names) : [], termRows(d, i.names));
  const changed = rows.filter((r) => r.changed).length;
  return {
    confirmation: i.saved ? { heading: `The draft of version ${d.version} was saved`, body: 'Check the changes, then propose it to the members.' } : null,
    refusal: i.refusal,
    heading: `Version ${d.version} beside the terms in force`,
    caption: i.inForce ? `Version ${i.inForce.version} in force and the draft of version ${d.version}` : `The draft of version ${d.version} (no version is in force yet)`,
    inForceVersion: i.inForce?.version ?? null,
    summary:
      changed === 0
        ? `The draft has the same terms as the terms in force.`
        : `${changed} term${changed === 1 ? '' : 's'} ${changed === 1 ? 'differs' : 'differ'} from the terms in force: marked "Changed" below.`,
    rows,
    changeHref: `${base}/draft`,
    propose:
      i.pending || i.archived
        ? null
        : {
            action: `${base}/propose`,
            revision: String(d.revision),
            button: `Propose version ${d.version} to the members`,
            warning: `Once proposed, each member's administrators or board members vote on version ${d.version} (${ruleWords(d.decisionRule)}). You cannot change it while they vote; you can withdraw it until they decide.`,
          },
    blocked: i.archived
      ? 'This partnership is archived: no version can be proposed.'
      : i.pending
        ? `Version ${i.pending.version} is before the members. Wait for their decision, or withdraw it, before you propose version ${d.version}.`
        : null,
    withdrawHref: i.pending && !i.archived ? `${base}/withdraw` : null,
    pendingVersion: i.pending?.version ?? null,
  };
}

function ruleWords(rule: string): string {
  if (rule === 'unanimous') return 'every member must approve it';
  if (rule === 'majority') return 'more than half of the members must approve it';
  return 'the host decides it';
}

/** The withdrawal's confirmation page. */
export function withdrawPageView(consortiumId: string, proposed: AgreementVersionView) {
  const base = `/consortium/${consortiumId}/agreement`;
  const cast = proposed.voters.filter((v) => v.vote !== null).length;
  return {
    heading: `Withdraw version ${proposed.version}?`,
    body: `Version ${proposed.version} was proposed to take effect from ${formatMonthLong(proposed.effectiveFrom)}. ${cast} of ${proposed.voters.length} members have voted on it.`,
    warning: `Withdrawing it records version ${proposed.version} as rejected, and the members can no longer vote on it. This cannot be undone: to propose the same terms again, save them as a new draft.`,
    action: `${base}/withdraw`,
    version: String(proposed.version),
    button: `Withdraw version ${proposed.version}`,
    cancelHref: base,
  };
}

/** The decisions log's kinds about the agreement. */
export const AGREEMENT_DECISION_KINDS = ['agreement_proposed', 'vote_cast', 'agreement_approved', 'agreement_rejected', 'proposal_withdrawn'] as const;

const DECISION_TAGS: Record<string, { text: string; colour: 'grey' | 'green' | 'red' | 'orange' | 'blue' }> = {
  agreement_proposed: { text: 'Proposed', colour: 'orange' },
  vote_cast: { text: 'Vote', colour: 'blue' },
  agreement_approved: { text: 'Approved', colour: 'green' },
  agreement_rejected: { text: 'Rejected', colour: 'red' },
  proposal_withdrawn: { text: 'Withdrawn', colour: 'grey' },
};

/** The host's view of what was decided about the agreement: the decisions log's entries, newest first, and the latest decision. */
export function agreementDecisions(items: DecisionView[], limit = 20) {
  const rows = items
    .filter((d) => (AGREEMENT_DECISION_KINDS as readonly string[]).includes(d.kind))
    .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime() || Number(b.id) - Number(a.id))
    .slice(0, limit)
    .map((d) => ({
      id: d.id,
      kind: d.kind,
      on: formatDateLong(new Date(d.at).toISOString()),
      tag: DECISION_TAGS[d.kind],
      summary: d.summary,
      by: d.actorOrganisationName ?? 'A platform administrator',
    }));
  const latest = rows.find((r) => r.kind === 'agreement_approved' || r.kind === 'agreement_rejected' || r.kind === 'proposal_withdrawn') ?? null;
  return { rows, latest: latest ? `${latest.summary} (${latest.on}).` : null };
}

/** The host's part of the agreement page: the draft, the proposal's withdrawal, and the decisions log's entries about the agreement. */
export function hostPart(i: { consortiumId: string; versions: AgreementVersionView[]; decisions: DecisionView[]; archived: boolean }) {
  const base = `/consortium/${i.consortiumId}/agreement`;
  const draft = i.versions.find((v) => v.status === 'draft') ?? null;
  const proposed = i.versions.find((v) => v.status === 'proposed') ?? null;
  const log = agreementDecisions(i.decisions);
  return {
    draft: i.archived
      ? null
      : draft
        ? { href: `${base}/draft`, text: `Change the draft of version ${draft.version}`, checkHref: `${base}/draft/check`, version: draft.version }
        : { href: `${base}/draft`, text: 'Change the terms: start a draft', checkHref: null, version: null },
    withdraw: proposed && !i.archived ? { href: `${base}/withdraw`, text: `Withdraw version ${proposed.version}` } : null,
    decisions: log.rows,
    latestDecision: log.latest,
  };
}

/** The banner after the host proposed or withdrew a version (POST-redirect-GET). */
export function hostConfirmation(versions: AgreementVersionView[], proposed: number | null, withdrawn: number | null): { heading: string; body: string } | null {
  const p = proposed !== null ? versions.find((v) => v.version === proposed) : undefined;
  if (p && p.status !== 'draft')
    return {
      heading: `Version ${p.version} was proposed to the members`,
      body: `Each member's administrators or board members can now vote on it. Their votes appear below as they are cast.`,
    };
  const w = withdrawn !== null ? versions.find((v) => v.version === withdrawn) : undefined;
  if (w && w.status === 'rejected') return { heading: `Version ${w.version} was withdrawn`, body: 'It is recorded as rejected. The terms in force stay as they are.' };
  return null;
}
