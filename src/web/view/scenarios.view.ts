/**
 * The what-if scenarios page (domain.md §14): a form without JavaScript (a fieldset per kind of
 * change, each optional), the changes it makes for ScenariosService.run, the service's field errors
 * mapped back onto the form's inputs, and the results (each member now / in the scenario /
 * difference, the totals, the PDF's chart). Pure.
 */
import { formatGbp, formatMonthRange, isNegative, isZero } from '../../reports/view/format';
import type { Chart } from '../../reports/view/frame';
import type { ScenarioChangeView, ScenarioResultView, SavedScenarioList } from '../../scenarios/dto';
import type { FieldErrorLink } from '../web-pages';

export interface NamedLine {
  id: string;
  code: string;
  name: string;
}
export interface NamedMember {
  id: string;
  name: string;
  isHost: boolean;
}

/** Every input of the form, as text (what the user typed, shown back). */
export type ScenarioForm = Record<string, string>;
/** Input id → message. */
export type ScenarioFormErrors = Record<string, string>;

const text = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

/** The form's input names for the service lines given (fixed ones plus one per line and kind). */
export function formFields(lines: readonly NamedLine[]): string[] {
  const fixed = [
    'from',
    'to',
    'join-name',
    'join-turnover',
    'join-headcount',
    'join-date',
    'leave-member',
    'leave-date',
    'agreement-from',
    'agreement-fee',
    'agreement-basis',
    'cost-line',
    'cost-percent',
    'add-month',
    'add-category',
    'add-amount',
    'add-line',
    'save-name',
  ];
  return [...fixed, ...lines.flatMap((l) => [`join-baseline-${l.id}`, `join-volume-${l.id}`, `join-price-${l.id}`])];
}

export function readScenarioForm(body: Record<string, unknown>, lines: readonly NamedLine[]): ScenarioForm {
  return Object.fromEntries(formFields(lines).map((k) => [k, text(body[k]).trim()]));
}

const pounds = (v: string) => v.replace(/^£/, '').replace(/,/g, '').trim();
const number = (v: string) => v.replace(/,/g, '').replace(/%$/, '').trim();

/** What the form asks for, as the API's request; `kinds[i]` is the fieldset change i came from. */
export function formToRequest(f: ScenarioForm, lines: readonly NamedLine[], model: 'cooperative' | 'commercial') {
  const changes: Record<string, unknown>[] = [];
  const kinds: string[] = [];
  const joinFields = ['join-name', 'join-turnover', 'join-headcount', 'join-date', ...lines.flatMap((l) => [`join-baseline-${l.id}`, `join-volume-${l.id}`, `join-price-${l.id}`])];
  if (joinFields.some((k) => f[k])) {
    const c: Record<string, unknown> = {
      kind: 'join',
      name: f['join-name'],
      annualTurnover: pounds(f['join-turnover']),
      headcount: number(f['join-headcount']),
      joinedOn: f['join-date'],
      baselines: lines.filter((l) => f[`join-baseline-${l.id}`]).map((l) => ({ serviceLineId: l.id, annualAmount: pounds(f[`join-baseline-${l.id}`]) })),
    };
    const volumes = lines.filter((l) => f[`join-volume-${l.id}`]);
    if (volumes.length) c.activity = volumes.map((l) => ({ serviceLineId: l.id, monthlyVolume: number(f[`join-volume-${l.id}`]) }));
    if (model === 'commercial') c.prices = lines.filter((l) => f[`join-price-${l.id}`]).map((l) => ({ serviceLineId: l.id, annualPrice: pounds(f[`join-price-${l.id}`]) }));
    changes.push(c);
    kinds.push('join');
  }
  if (f['leave-member'] || f['leave-date']) {
    changes.push({ kind: 'leave', organisationId: f['leave-member'], leftOn: f['leave-date'] });
    kinds.push('leave');
  }
  if (f['agreement-from'] || f['agreement-fee'] || f['agreement-basis']) {
    const c: Record<string, unknown> = { kind: 'agreement', effectiveFrom: f['agreement-from'] };
    if (f['agreement-fee']) c.managementFeePercent = number(f['agreement-fee']);
    if (f['agreement-basis']) c.basis = f['agreement-basis'];
    changes.push(c);
    kinds.push('agreement');
  }
  if (f['cost-percent'] || f['cost-line']) {
    const c: Record<string, unknown> = { kind: 'costChange', percent: number(f['cost-percent']).replace(/^\+/, '') };
    if (f['cost-line'] && f['cost-line'] !== 'all') c.serviceLineId = f['cost-line'];
    changes.push(c);
    kinds.push('costChange');
  }
  if (f['add-amount'] || f['add-month']) {
    const c: Record<string, unknown> = { kind: 'addCost', month: f['add-month'], category: f['add-category'] || 'operating', amount: pounds(f['add-amount']) };
    if (f['add-line']) c.serviceLineId = f['add-line'];
    changes.push(c);
    kinds.push('addCost');
  }
  return { from: f.from, to: f.to, changes, kinds };
}

const FIELD_IDS: Record<string, Record<string, string>> = {
  join: {
    name: 'join-name',
    annualTurnover: 'join-turnover',
    headcount: 'join-headcount',
    joinedOn: 'join-date',
    baselines: 'join-name',
    activity: 'join-name',
    prices: 'join-name',
  },
  leave: { organisationId: 'leave-member', leftOn: 'leave-date' },
  agreement: { effectiveFrom: 'agreement-from', managementFeePercent: 'agreement-fee', basis: 'agreement-basis' },
  costChange: { serviceLineId: 'cost-line', percent: 'cost-percent' },
  addCost: { month: 'add-month', category: 'add-category', amount: 'add-amount', serviceLineId: 'add-line', attributableTo: 'add-amount' },
};

const LABELS: Record<string, string> = {
  'join-name': 'Name of the joining trust',
  'join-turnover': 'Annual turnover',
  'join-headcount': 'Headcount',
  'join-date': 'Joining date',
  'leave-member': 'Member',
  'leave-date': 'Leaving date',
  'agreement-from': 'From month',
  'agreement-fee': 'Management fee',
  'agreement-basis': 'Sharing basis',
  'cost-line': 'Service line',
  'cost-percent': 'Change in costs',
  'add-month': 'Month of the cost',
  'add-category': 'Kind of cost',
  'add-amount': 'Amount',
  'add-line': 'Service line of the cost',
  from: 'From month',
  to: 'To month',
  'save-name': 'Name',
};

/** The service's field errors (`changes[2].percent`, `from`) on the form's inputs; `changes` as sent, `kinds[i]` the fieldset of change i. */
export function errorsFromService(
  errors: readonly { field: string; message: string }[],
  changes: readonly Record<string, unknown>[],
  kinds: readonly string[],
): ScenarioFormErrors {
  const out: ScenarioFormErrors = {};
  for (const e of errors) {
    let id = 'join-name';
    const m = /^changes\[(\d+)\]\.(\w+)(?:\[(\d+)\])?/.exec(e.field);
    if (e.field === 'from' || e.field === 'to') id = e.field;
    else if (e.field === 'name') id = 'save-name';
    else if (m) {
      const kind = kinds[Number(m[1])];
      id = FIELD_IDS[kind]?.[m[2]] ?? 'join-name';
      const list = changes[Number(m[1])]?.[m[2]];
      if (kind === 'join' && m[3] !== undefined && Array.isArray(list)) {
        const prefix = m[2] === 'baselines' ? 'join-baseline' : m[2] === 'activity' ? 'join-volume' : 'join-price';
        const lineId = (list[Number(m[3])] as { serviceLineId?: string } | undefined)?.serviceLineId;
        if (lineId) id = `${prefix}-${lineId}`;
      }
    }
    const label =
      LABELS[id] ?? (id.startsWith('join-baseline') ? 'Baseline' : id.startsWith('join-volume') ? 'Monthly activity' : id.startsWith('join-price') ? 'Annual price' : 'This field');
    const message =
      e.field === 'changes' ? 'Describe at least one change: a trust joining, a member leaving, new terms, a change in costs or an added cost' : `${label}: ${e.message}`;
    if (!out[id]) out[id] = message;
  }
  return out;
}

export function errorLinks(errors: ScenarioFormErrors): FieldErrorLink[] {
  return Object.entries(errors).map(([id, message]) => ({ text: message, href: `#${id}` }));
}

const signed = (v: string) => (isZero(v) ? formatGbp('0.00') : isNegative(v) ? formatGbp(v) : `+${formatGbp(v)}`);

export interface ScenarioResultsView {
  heading: string;
  period: string;
  changes: string[];
  members: { name: string; organisation: string; current: string; scenario: string; difference: string; currentSavings: string; scenarioSavings: string }[];
  memberTotal: { name: string; current: string; scenario: string; difference: string; currentSavings: string; scenarioSavings: string };
  totals: { label: string; key: string; current: string; scenario: string; difference: string }[];
  chart: Chart | null;
  ownOnly: boolean;
}

const TOTAL_LINES: [keyof ScenarioResultView['totals']['current'], string][] = [
  ['operating', 'Operating costs'],
  ['fee', 'Management fee'],
  ['investment', 'Investment'],
  ['sharedRisk', 'Shared risk'],
  ['attributedRisk', 'Attributed risk'],
  ['credits', 'Service credits'],
  ['charge', 'Total charge'],
  ['baseline', 'Baseline'],
  ['savings', 'Savings'],
];

export function resultsView(r: ScenarioResultView, o: { changes: string[]; chart: Chart | null; ownOnly: boolean; commercial: boolean }): ScenarioResultsView {
  const t = r.totals;
  return {
    heading: r.name ? `What if: ${r.name}` : 'The scenario priced',
    period: formatMonthRange(r.from, r.to),
    changes: o.changes,
    members: r.items.map((i) => ({
      name: i.organisationId === null ? `${i.name} (joining)` : i.name,
      organisation: i.organisationId ?? 'joining',
      current: formatGbp(i.current.charge),
      scenario: formatGbp(i.scenario.charge),
      difference: signed(i.difference.charge),
      currentSavings: formatGbp(i.current.savings),
      scenarioSavings: formatGbp(i.scenario.savings),
    })),
    memberTotal: {
      name: o.ownOnly ? 'Total' : 'All members',
      current: formatGbp(t.current.charge),
      scenario: formatGbp(t.scenario.charge),
      difference: signed(t.difference.charge),
      currentSavings: formatGbp(t.current.savings),
      scenarioSavings: formatGbp(t.scenario.savings),
    },
    totals: TOTAL_LINES.map(([k, label]) => ({
      key: k,
      label: k === 'operating' && o.commercial ? 'Agreed prices' : label,
      current: formatGbp(t.current[k] as string),
      scenario: formatGbp(t.scenario[k] as string),
      difference: signed(t.difference[k as keyof typeof t.difference]),
    })),
    chart: o.chart,
    ownOnly: o.ownOnly,
  };
}

export function savedListView(consortiumId: string, list: SavedScenarioList) {
  return list.items.map((s) => ({
    name: s.name,
    href: `/consortium/${consortiumId}/scenarios/${s.id}`,
    period: formatMonthRange(s.from, s.to),
    createdAt: s.createdAt.slice(0, 10),
    createdBy: s.createdBy,
  }));
}

/** A saved scenario's changes back on the form (to run it again, changed). Only the kinds the form has. */
export function formFromChanges(changes: readonly ScenarioChangeView[], from: string, to: string, lines: readonly NamedLine[]): ScenarioForm {
  const f: ScenarioForm = Object.fromEntries(formFields(lines).map((k) => [k, '']));
  f.from = from;
  f.to = to;
  for (const c of changes) {
    if (c.kind === 'join') {
      f['join-name'] = c.name ?? '';
      f['join-turnover'] = c.annualTurnover ?? '';
      f['join-headcount'] = c.headcount ?? '';
      f['join-date'] = c.joinedOn ?? '';
      for (const b of c.baselines ?? []) f[`join-baseline-${b.serviceLineId}`] = b.annualAmount;
      for (const a of c.activity ?? []) f[`join-volume-${a.serviceLineId}`] = a.monthlyVolume;
      for (const p of c.prices ?? []) f[`join-price-${p.serviceLineId}`] = p.annualPrice;
    } else if (c.kind === 'leave') {
      f['leave-member'] = c.organisationId ?? '';
      f['leave-date'] = c.leftOn ?? '';
    } else if (c.kind === 'agreement') {
      f['agreement-from'] = c.effectiveFrom ?? '';
      f['agreement-fee'] = c.managementFeePercent ?? '';
      f['agreement-basis'] = c.basis ?? '';
    } else if (c.kind === 'costChange') {
      f['cost-line'] = c.serviceLineId ?? 'all';
      f['cost-percent'] = c.percent ?? '';
    } else if (c.kind === 'addCost') {
      f['add-month'] = c.month ?? '';
      f['add-category'] = c.category ?? '';
      f['add-amount'] = c.amount ?? '';
      f['add-line'] = c.serviceLineId ?? '';
    }
  }
  return f;
}

/** The form's inputs for the template: values, errors, options. */
/**
 * The form. `ownFiguresOnly` (a member who reads only its own organisation's figures): the API lets
 * it try only what scales its own line (ScenariosService: a fee change, its own leaving), so the
 * form offers only those: the leaving member is its own organisation, and no sharing basis.
 */
export function formView(
  f: ScenarioForm,
  errors: ScenarioFormErrors,
  o: { lines: readonly NamedLine[]; members: readonly NamedMember[]; commercial: boolean; ownFiguresOnly?: { organisationId: string | null } },
) {
  const field = (id: string) => ({ id, value: f[id] ?? '', error: errors[id] ?? null });
  const option = (value: string, label: string, selected: string) => ({ value, text: label, selected: value === selected });
  return {
    from: field('from'),
    to: field('to'),
    joinName: field('join-name'),
    joinTurnover: field('join-turnover'),
    joinHeadcount: field('join-headcount'),
    joinDate: field('join-date'),
    joinLines: o.lines.map((l) => ({
      name: `${l.name} (${l.code})`,
      baselineLabel: `Baseline for ${l.name} (${l.code}), £ a year`,
      volumeLabel: `Monthly activity for ${l.name} (${l.code}) (optional)`,
      priceLabel: `Annual price for ${l.name} (${l.code})`,
      baseline: field(`join-baseline-${l.id}`),
      volume: field(`join-volume-${l.id}`),
      price: field(`join-price-${l.id}`),
    })),
    commercial: o.commercial,
    leaveMember: {
      ...field('leave-member'),
      options: [
        option('', 'No member leaves', f['leave-member']),
        ...o.members.filter((m) => !m.isHost && (!o.ownFiguresOnly || m.id === o.ownFiguresOnly.organisationId)).map((m) => option(m.id, m.name, f['leave-member'])),
      ],
    },
    leaveDate: field('leave-date'),
    agreementFrom: field('agreement-from'),
    agreementFee: field('agreement-fee'),
    basisOffered: !o.ownFiguresOnly,
    leaveOffered: !o.ownFiguresOnly || o.members.some((m) => !m.isHost && m.id === o.ownFiguresOnly!.organisationId),
    agreementBasis: {
      ...field('agreement-basis'),
      options: [
        option('', 'Keep the agreement’s basis', f['agreement-basis']),
        option('turnover', 'Turnover', f['agreement-basis']),
        option('headcount', 'Headcount', f['agreement-basis']),
        option('equal', 'Equal shares', f['agreement-basis']),
      ],
    },
    costLine: {
      ...field('cost-line'),
      options: [
        option('', 'No change in costs', f['cost-line']),
        option('all', 'Every service line', f['cost-line']),
        ...o.lines.map((l) => option(l.id, `${l.name} (${l.code})`, f['cost-line'])),
      ],
    },
    costPercent: field('cost-percent'),
    addMonth: field('add-month'),
    addCategory: {
      ...field('add-category'),
      options: [
        option('operating', 'Operating cost', f['add-category']),
        option('investment', 'Investment', f['add-category']),
        option('risk', 'Risk (shared)', f['add-category']),
      ],
    },
    addAmount: field('add-amount'),
    addLine: {
      ...field('add-line'),
      options: [option('', 'None (investment or risk)', f['add-line']), ...o.lines.map((l) => option(l.id, `${l.name} (${l.code})`, f['add-line']))],
    },
    saveName: field('save-name'),
  };
}

/** Every input as a hidden field (the "Save as" and PDF forms carry the scenario as it was run). */
export function hiddenFields(f: ScenarioForm): { name: string; value: string }[] {
  return Object.entries(f)
    .filter(([k, v]) => v !== '' && k !== 'save-name')
    .map(([name, value]) => ({ name, value }));
}
