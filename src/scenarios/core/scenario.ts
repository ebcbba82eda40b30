/**
 * What-if scenarios (domain.md §14). Pure: a scenario is a list of hypothetical changes applied to
 * the plain ledger input (`applyScenario`), and every member is priced both ways over from..to by
 * the statements core (`priceScenario`): the current statement, the scenario statement and their
 * difference line by line, with consortium totals summed as the consolidated statement sums them.
 *
 * Changes (each checked first; `validateScenario` lists every fault, naming the field):
 * - `join`: a synthetic member (id `JOINER_PREFIX + index`) from `joinedOn`, receiving every service
 *   line that names no recipients; optional monthly activity volumes (every month of the range from
 *   its joining month) so activity-basis lines can be shared; `prices` (commercial only, required
 *   there) are added to every agreement version; baselines as given. It earns no service credits.
 * - `leave`: the member's membership ends on `leftOn` (a date before it joined: not a member in the
 *   range at all); periods after `leftOn` are dropped. The host cannot leave. A risk entry
 *   attributable to the leaver in a month it no longer belongs to (f = 0) is shared like an
 *   unattributed risk, so that the consortium's costs are still fully charged.
 * - `agreement`: the given fields replace those of the terms in force at `effectiveFrom`, as a new
 *   version from that month; a later version keeps its own dates but takes the replaced fields too,
 *   so the change holds from `effectiveFrom` to the end of the range. Commercial `prices` replace
 *   the rows of the same (organisation, service line) pairs.
 * - `costChange`: every operating cost entry of the line (all lines when none is named) in the
 *   range becomes amount × (1 + percent / 100), each entry rounded half to even.
 * - `addCost`: one more cost entry, validated as `POST …/costs` validates one, in the range.
 * Service credits: both columns use the same evaluated credit percentages (SLA performance does not
 * change), applied to each column's own charges.
 */
import { D, dec, formatMoney, isDecimalString, isMoneyString, money, roundPenny, storedMoney } from '../../common/money';
import { dateInWindow, dateWindowMessage, monthInWindow, monthWindowMessage } from '../../common/validation/input-limits';
import { cmp, firstDay, isDate, isMonth, lastDay, monthOf, monthRange } from '../../common/months';
import { computeLedger, type Ledger } from '../../statements/core/charges';
import { consolidate, CONSOLIDATED_LINES, type ConsolidatedTotals } from '../../statements/core/consolidate';
import { memberDuring, membershipDays } from '../../statements/core/membership';
import { buildStatements, formatStatement, type StatementDto } from '../../statements/core/statement';
import type { AgreementTerms, Basis, CommercialPriceInput, CostEntryInput, DatedTerms, LedgerInput, MemberInput } from '../../statements/core/types';

export const MAX_SCENARIO_MONTHS = 36;
export const MAX_SCENARIO_CHANGES = 20;
/** Organisation id of the i-th `join` change's synthetic member (i counts the changes list). */
export const JOINER_PREFIX = 'scenario-joiner-';
export const SCENARIO_CHANGE_TYPES = ['join', 'leave', 'agreement', 'costChange', 'addCost'] as const;
export type ScenarioChangeType = (typeof SCENARIO_CHANGE_TYPES)[number];
const BASES: Basis[] = ['equal', 'turnover', 'headcount', 'fixed', 'activity'];
const COST_CATEGORIES = ['operating', 'investment', 'risk'] as const;

export interface JoinChange {
  kind: 'join';
  name: string;
  annualTurnover: string;
  headcount: string;
  joinedOn: string;
  baselines: { serviceLineId: string; annualAmount: string }[];
  activity?: { serviceLineId: string; monthlyVolume: string }[];
  prices?: { serviceLineId: string; annualPrice: string }[];
}
export interface LeaveChange {
  kind: 'leave';
  organisationId: string;
  leftOn: string;
}
export interface AgreementChange {
  kind: 'agreement';
  effectiveFrom: string;
  basis?: Exclude<Basis, 'activity'>;
  serviceLineBases?: Record<string, Basis>;
  managementFeePercent?: string;
  fixedShares?: Record<string, string>;
  prices?: CommercialPriceInput[];
}
export interface CostChange {
  kind: 'costChange';
  serviceLineId?: string | null;
  percent: string;
}
export interface AddCostChange {
  kind: 'addCost';
  month: string;
  category: 'operating' | 'investment' | 'risk';
  amount: string;
  serviceLineId?: string | null;
  attributableTo?: string | null;
}
export type ScenarioChange = JoinChange | LeaveChange | AgreementChange | CostChange | AddCostChange;

/** The fields each kind of change takes (any other is refused, naming it). */
const FIELDS: Record<ScenarioChangeType, string[]> = {
  join: ['kind', 'name', 'annualTurnover', 'headcount', 'joinedOn', 'baselines', 'activity', 'prices'],
  leave: ['kind', 'organisationId', 'leftOn'],
  agreement: ['kind', 'effectiveFrom', 'basis', 'serviceLineBases', 'managementFeePercent', 'fixedShares', 'prices'],
  costChange: ['kind', 'serviceLineId', 'percent'],
  addCost: ['kind', 'month', 'category', 'amount', 'serviceLineId', 'attributableTo'],
};

export interface ScenarioFieldError {
  field: string;
  message: string;
}

export interface ScenarioContext {
  /** The consortium's first month: an added cost may not be before it (as POST …/costs). */
  startMonth?: string;
}

export function joinerId(index: number): string {
  return `${JOINER_PREFIX}${index}`;
}

export function isJoinerId(id: string): boolean {
  return id.startsWith(JOINER_PREFIX);
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const inWindowMonth = (x: unknown): x is string => isMonth(x) && monthInWindow(x);
const inWindowDate = (x: unknown): x is string => isDate(x) && dateInWindow(x);
/** A cost change of more than tenfold is a typing error, not a scenario. */
export const MAX_COST_CHANGE_PERCENT = 1000;
const nonNegativeDecimal = (s: unknown): s is string => isDecimalString(s) && !String(s).startsWith('-');
const nonNegativeMoney = (s: unknown): s is string => isMoneyString(s) && !String(s).startsWith('-');

/** Every fault of a scenario request, each naming its field (`changes[2].percent`, …). Empty: valid. */
export function validateScenario(input: LedgerInput, from: unknown, to: unknown, changes: unknown, context: ScenarioContext = {}): ScenarioFieldError[] {
  const errors: ScenarioFieldError[] = [];
  const err = (field: string, message: string) => errors.push({ field, message });
  const rangeOk = inWindowMonth(from) && inWindowMonth(to);
  if (!inWindowMonth(from)) err('from', monthWindowMessage('from'));
  if (!inWindowMonth(to)) err('to', monthWindowMessage('to'));
  if (rangeOk && cmp(from, to) > 0) err('to', 'to must not be before from');
  else if (rangeOk && monthRange(from, to).length > MAX_SCENARIO_MONTHS) err('to', `the range may span at most ${MAX_SCENARIO_MONTHS} months`);
  if (!Array.isArray(changes)) {
    err('changes', 'changes must be a list');
    return errors;
  }
  if (changes.length === 0) err('changes', 'give at least one change');
  if (changes.length > MAX_SCENARIO_CHANGES) {
    err('changes', `at most ${MAX_SCENARIO_CHANGES} changes`);
    return errors;
  }
  const lines = new Map(input.serviceLines.map((s) => [s.id, s]));
  const members = new Map(input.members.map((m) => [m.organisationId, m]));
  const model = input.terms.model;
  const inRange = (m: string) => rangeOk && cmp(m, from) >= 0 && cmp(m, to) <= 0;
  const left = new Set<string>();
  changes.forEach((raw: unknown, i) => {
    const f = (name: string) => `changes[${i}].${name}`;
    if (!isObj(raw) || !SCENARIO_CHANGE_TYPES.includes(raw.kind as ScenarioChangeType)) {
      err(`changes[${i}].kind`, `kind must be one of ${SCENARIO_CHANGE_TYPES.join(', ')}`);
      return;
    }
    const c = raw;
    for (const k of Object.keys(c)) if (!FIELDS[c.kind as ScenarioChangeType].includes(k)) err(f(k), `a ${String(c.kind)} change takes no ${k}`);
    switch (c.kind as ScenarioChangeType) {
      case 'join': {
        if (typeof c.name !== 'string' || !c.name.trim() || c.name.length > 200) err(f('name'), 'name is required (at most 200 characters)');
        if (!nonNegativeMoney(c.annualTurnover)) err(f('annualTurnover'), 'annualTurnover must be an amount ≥ 0 with at most 2 decimals');
        if (!nonNegativeDecimal(c.headcount)) err(f('headcount'), 'headcount must be a number ≥ 0');
        if (!inWindowDate(c.joinedOn)) err(f('joinedOn'), dateWindowMessage('joinedOn'));
        else if (rangeOk && cmp(c.joinedOn, lastDay(to)) > 0) err(f('joinedOn'), `joinedOn must be on or before the end of the range (${lastDay(to)})`);
        if (!Array.isArray(c.baselines)) err(f('baselines'), 'baselines must be a list (it may be empty)');
        else
          c.baselines.forEach((b: unknown, j) => {
            if (!isObj(b) || typeof b.serviceLineId !== 'string' || !lines.has(b.serviceLineId)) err(f(`baselines[${j}].serviceLineId`), 'not a service line of this consortium');
            else if (lines.get(b.serviceLineId)!.recipientIds !== null) err(f(`baselines[${j}].serviceLineId`), 'a joiner receives only the service lines that name no recipients');
            if (!isObj(b) || !nonNegativeMoney(b.annualAmount)) err(f(`baselines[${j}].annualAmount`), 'annualAmount must be an amount ≥ 0 with at most 2 decimals');
          });
        if (c.activity !== undefined && c.activity !== null) {
          if (!Array.isArray(c.activity)) err(f('activity'), 'activity must be a list');
          else
            c.activity.forEach((a: unknown, j) => {
              if (!isObj(a) || typeof a.serviceLineId !== 'string' || !lines.has(a.serviceLineId)) err(f(`activity[${j}].serviceLineId`), 'not a service line of this consortium');
              if (!isObj(a) || !nonNegativeDecimal(a.monthlyVolume)) err(f(`activity[${j}].monthlyVolume`), 'monthlyVolume must be a number ≥ 0');
            });
        }
        const hasPrices = c.prices !== undefined && c.prices !== null;
        if (model === 'cooperative' && hasPrices) err(f('prices'), 'prices are for commercial agreements only');
        if (model === 'commercial') {
          if (!Array.isArray(c.prices)) err(f('prices'), 'a commercial agreement prices every member: give the joiner its prices');
          else
            c.prices.forEach((p: unknown, j) => {
              if (!isObj(p) || typeof p.serviceLineId !== 'string' || !lines.has(p.serviceLineId)) err(f(`prices[${j}].serviceLineId`), 'not a service line of this consortium');
              if (!isObj(p) || !nonNegativeMoney(p.annualPrice)) err(f(`prices[${j}].annualPrice`), 'annualPrice must be an amount ≥ 0 with at most 2 decimals');
            });
        }
        break;
      }
      case 'leave': {
        const m = typeof c.organisationId === 'string' ? members.get(c.organisationId) : undefined;
        if (!m) err(f('organisationId'), 'not a member of this consortium');
        else if (m.isHost) err(f('organisationId'), 'the host cannot leave its own consortium');
        else if (left.has(m.organisationId)) err(f('organisationId'), 'this member already leaves in an earlier change');
        else left.add(m.organisationId);
        if (!inWindowDate(c.leftOn)) err(f('leftOn'), dateWindowMessage('leftOn'));
        break;
      }
      case 'agreement': {
        if (!inWindowMonth(c.effectiveFrom)) err(f('effectiveFrom'), monthWindowMessage('effectiveFrom'));
        else if (rangeOk && cmp(c.effectiveFrom, to) > 0) err(f('effectiveFrom'), 'effectiveFrom must be in the range or before it');
        const coopFields = ['basis', 'serviceLineBases', 'managementFeePercent', 'fixedShares'].filter((k) => c[k] !== undefined && c[k] !== null);
        const hasPrices = c.prices !== undefined && c.prices !== null;
        if (model === 'commercial') for (const k of coopFields) err(f(k), `${k} is a co-operative term; this agreement is commercial`);
        if (model === 'cooperative' && hasPrices) err(f('prices'), 'prices are for commercial agreements only');
        if (!coopFields.length && !hasPrices) err(f('effectiveFrom'), 'give at least one term to replace');
        if (c.basis !== undefined && c.basis !== null && !['equal', 'turnover', 'headcount', 'fixed'].includes(c.basis as string))
          err(f('basis'), 'basis must be equal, turnover, headcount or fixed');
        if (c.serviceLineBases !== undefined && c.serviceLineBases !== null) {
          if (!isObj(c.serviceLineBases)) err(f('serviceLineBases'), 'serviceLineBases maps service line ids to bases');
          else
            for (const [k, v] of Object.entries(c.serviceLineBases)) {
              if (!lines.has(k)) err(f(`serviceLineBases.${k}`), 'not a service line of this consortium');
              else if (!BASES.includes(v as Basis)) err(f(`serviceLineBases.${k}`), `basis must be one of ${BASES.join(', ')}`);
            }
        }
        if (c.managementFeePercent !== undefined && c.managementFeePercent !== null) {
          if (!nonNegativeDecimal(c.managementFeePercent) || dec(c.managementFeePercent).gt(100))
            err(f('managementFeePercent'), 'managementFeePercent must be a number from 0 to 100');
        }
        if (c.fixedShares !== undefined && c.fixedShares !== null) {
          if (!isObj(c.fixedShares)) err(f('fixedShares'), 'fixedShares maps member ids to percentages');
          else {
            let sum = new D(0);
            let ok = true;
            for (const [k, v] of Object.entries(c.fixedShares)) {
              if (!members.has(k)) {
                err(f(`fixedShares.${k}`), 'not a member of this consortium');
                ok = false;
              } else if (!nonNegativeDecimal(v)) {
                err(f(`fixedShares.${k}`), 'a share is a percentage ≥ 0');
                ok = false;
              } else sum = sum.plus(dec(v));
            }
            if (ok && !sum.eq(100)) err(f('fixedShares'), `the shares must add up to 100 (they add up to ${sum.toString()})`);
          }
        }
        if (hasPrices) {
          if (!Array.isArray(c.prices)) err(f('prices'), 'prices must be a list');
          else
            c.prices.forEach((p: unknown, j) => {
              if (!isObj(p) || typeof p.organisationId !== 'string' || !members.has(p.organisationId)) err(f(`prices[${j}].organisationId`), 'not a member of this consortium');
              if (!isObj(p) || typeof p.serviceLineId !== 'string' || !lines.has(p.serviceLineId)) err(f(`prices[${j}].serviceLineId`), 'not a service line of this consortium');
              if (!isObj(p) || !nonNegativeMoney(p.annualPrice)) err(f(`prices[${j}].annualPrice`), 'annualPrice must be an amount ≥ 0 with at most 2 decimals');
            });
        }
        break;
      }
      case 'costChange': {
        if (c.serviceLineId !== undefined && c.serviceLineId !== null && (typeof c.serviceLineId !== 'string' || !lines.has(c.serviceLineId)))
          err(f('serviceLineId'), 'not a service line of this consortium');
        if (!isDecimalString(c.percent) || dec(c.percent as string).lt(-100) || dec(c.percent as string).gt(MAX_COST_CHANGE_PERCENT))
          err(f('percent'), `percent must be a number from −100 to ${MAX_COST_CHANGE_PERCENT} (at most 4 decimals)`);
        else {
          // every changed entry must stay an amount the ledger takes (14 digits)
          const factor = new D(1).plus(dec(c.percent as string).div(100));
          const line = typeof c.serviceLineId === 'string' ? c.serviceLineId : null;
          const tooLarge = input.costs.some(
            (e) =>
              e.category === 'operating' &&
              (line === null || e.serviceLineId === line) &&
              rangeOk &&
              cmp(e.month, from) >= 0 &&
              cmp(e.month, to) <= 0 &&
              !isMoneyString(formatMoney(roundPenny(money(e.amount).times(factor)))),
          );
          if (tooLarge) err(f('percent'), 'the changed amount of an entry would be larger than an amount the ledger takes');
        }
        break;
      }
      case 'addCost': {
        const monthOk = isMonth(c.month);
        if (!monthOk) err(f('month'), 'month must be a month YYYY-MM');
        else if (rangeOk && !inRange(c.month as string)) err(f('month'), `month must be within the range ${String(from)}..${String(to)}`);
        else if (context.startMonth && cmp(c.month as string, context.startMonth) < 0)
          err(f('month'), `month must be on or after the consortium's start month ${context.startMonth}`);
        if (!COST_CATEGORIES.includes(c.category as (typeof COST_CATEGORIES)[number])) err(f('category'), 'category must be operating, investment or risk');
        if (!isMoneyString(c.amount)) err(f('amount'), 'amount must be an amount with at most 2 decimals');
        else if (money(c.amount).isZero()) err(f('amount'), 'amount must not be zero (negative amounts are corrections)');
        const lineId = c.serviceLineId ?? null;
        if (c.category === 'operating' && !lineId) err(f('serviceLineId'), 'an operating cost names its service line');
        if (lineId !== null) {
          const line = typeof lineId === 'string' ? lines.get(lineId) : undefined;
          if (!line) err(f('serviceLineId'), 'not a service line of this consortium');
          else if (monthOk && line.goLive && cmp(c.month as string, line.goLive) < 0) err(f('month'), `the service line goes live in ${line.goLive}: enter its costs from then on`);
        }
        const attr = c.attributableTo ?? null;
        if (attr !== null) {
          const m = typeof attr === 'string' ? members.get(attr) : undefined;
          if (c.category !== 'risk') err(f('attributableTo'), 'only a risk entry can be attributable to a member');
          else if (!m || (monthOk && membershipDays(m, c.month as string) === 0)) err(f('attributableTo'), `not a member of this consortium in ${String(c.month)}`);
        }
        break;
      }
    }
  });
  return errors;
}

/** A copy of the versions of the input (one from the start when it has none). */
function versionsOf(input: LedgerInput): DatedTerms[] {
  if (input.termVersions?.length) return [...input.termVersions].sort((a, b) => cmp(a.effectiveFrom, b.effectiveFrom)).map((v) => ({ ...v }));
  return [{ effectiveFrom: '0001-01', terms: input.terms }];
}

function mergeTerms(terms: AgreementTerms, c: AgreementChange): AgreementTerms {
  if (terms.model === 'cooperative') {
    return {
      ...terms,
      basis: c.basis ?? terms.basis,
      serviceLineBases: c.serviceLineBases ? { ...terms.serviceLineBases, ...c.serviceLineBases } : terms.serviceLineBases,
      managementFeePercent: c.managementFeePercent ?? terms.managementFeePercent,
      fixedShares: c.fixedShares ? { ...c.fixedShares } : terms.fixedShares,
    };
  }
  if (!c.prices) return terms;
  const replaced = new Set(c.prices.map((p) => `${p.organisationId}\u0000${p.serviceLineId}`));
  return {
    model: 'commercial',
    prices: [...terms.prices.filter((p) => !replaced.has(`${p.organisationId}\u0000${p.serviceLineId}`)), ...c.prices.map((p) => ({ ...p }))],
  };
}

/**
 * The ledger input with the changes applied, in their order. The changes must be valid
 * (`validateScenario`); the input is not modified.
 */
export function applyScenario(input: LedgerInput, from: string, to: string, changes: readonly ScenarioChange[]): LedgerInput {
  let members: MemberInput[] = input.members.map((m) => ({ ...m }));
  let costs: CostEntryInput[] = input.costs;
  let activity = input.activity;
  let baselines = input.baselines;
  let versions: DatedTerms[] | null = null;
  const leavers = new Set<string>();
  const months = monthRange(from, to);

  changes.forEach((c, i) => {
    switch (c.kind) {
      case 'join': {
        const id = joinerId(i);
        members = [
          ...members,
          { organisationId: id, name: c.name.trim(), annualTurnover: c.annualTurnover, headcount: c.headcount, joinedOn: c.joinedOn, leftOn: null, isHost: false },
        ];
        baselines = [...baselines, ...c.baselines.map((b) => ({ organisationId: id, serviceLineId: b.serviceLineId, annualAmount: b.annualAmount }))];
        const joinMonth = monthOf(c.joinedOn);
        const rows = (c.activity ?? []).flatMap((a) =>
          months.filter((m) => cmp(m, joinMonth) >= 0).map((month) => ({ serviceLineId: a.serviceLineId, organisationId: id, month, volume: a.monthlyVolume })),
        );
        if (rows.length) activity = [...activity, ...rows];
        if (c.prices?.length) {
          versions ??= versionsOf(input);
          const prices = c.prices.map((p) => ({ organisationId: id, serviceLineId: p.serviceLineId, annualPrice: p.annualPrice }));
          versions = versions.map((v) => (v.terms.model === 'commercial' ? { ...v, terms: { model: 'commercial', prices: [...v.terms.prices, ...prices] } } : v));
        }
        break;
      }
      case 'leave': {
        leavers.add(c.organisationId);
        members = members.map((m) => {
          if (m.organisationId !== c.organisationId) return m;
          const leftOn = m.leftOn !== null && cmp(m.leftOn, c.leftOn) < 0 ? m.leftOn : c.leftOn;
          const earlier = (m.earlierPeriods ?? [])
            .filter((p) => cmp(p.joinedOn, leftOn) <= 0)
            .map((p) => ({ joinedOn: p.joinedOn, leftOn: cmp(p.leftOn, leftOn) < 0 ? p.leftOn : leftOn }));
          const out: MemberInput = { ...m, leftOn };
          if (m.earlierPeriods) out.earlierPeriods = earlier;
          return out;
        });
        break;
      }
      case 'agreement': {
        versions ??= versionsOf(input);
        const at = c.effectiveFrom;
        const inForce = [...versions].reverse().find((v) => cmp(v.effectiveFrom, at) <= 0) ?? versions[0];
        const next: DatedTerms[] = [];
        for (const v of versions) {
          if (cmp(v.effectiveFrom, at) < 0) next.push(v);
          else if (v.effectiveFrom !== at) next.push({ ...v, terms: mergeTerms(v.terms, c) });
        }
        next.push({ effectiveFrom: at, terms: mergeTerms(inForce.terms, c) });
        versions = next.sort((a, b) => cmp(a.effectiveFrom, b.effectiveFrom));
        break;
      }
      case 'costChange': {
        const factor = new D(1).plus(dec(c.percent).div(100));
        const line = c.serviceLineId ?? null;
        costs = costs.map((e) =>
          e.category === 'operating' && (line === null || e.serviceLineId === line) && cmp(e.month, from) >= 0 && cmp(e.month, to) <= 0
            ? { ...e, amount: formatMoney(roundPenny(money(e.amount).times(factor))) }
            : e,
        );
        break;
      }
      case 'addCost': {
        costs = [
          ...costs,
          {
            id: `scenario-cost-${i}`,
            month: c.month,
            category: c.category,
            amount: c.amount,
            serviceLineId: c.serviceLineId ?? null,
            attributableTo: c.category === 'risk' ? (c.attributableTo ?? null) : null,
          },
        ];
        break;
      }
    }
  });

  // A risk borne by a member in a month it no longer belongs to is shared (see the header).
  if (leavers.size) {
    const byId = new Map(members.map((m) => [m.organisationId, m]));
    costs = costs.map((e) =>
      e.category === 'risk' && e.attributableTo !== null && leavers.has(e.attributableTo) && membershipDays(byId.get(e.attributableTo)!, e.month) === 0
        ? { ...e, attributableTo: null }
        : e,
    );
  }

  const out: LedgerInput = { ...input, members, costs, activity, baselines };
  if (versions !== null) {
    const vs: DatedTerms[] = versions;
    out.termVersions = vs;
    const end = [...vs].reverse().find((v) => cmp(v.effectiveFrom, to) <= 0) ?? vs[vs.length - 1];
    out.terms = end.terms;
  }
  return out;
}

/** A statement's figures, one column of the answer. */
export type ScenarioStatement = StatementDto;

export interface ScenarioDifference {
  operating: string;
  fee: string;
  investment: string;
  sharedRisk: string;
  attributedRisk: string;
  credits: string;
  charge: string;
  baseline: string;
  savings: string;
  serviceLines: { serviceLineId: string; code: string; operating: string; fee: string; credits: string; baseline: string }[];
  months: { month: string; charge: string; baseline: string }[];
}

export interface ScenarioItem {
  /** The member's id; a joiner's is `joinerId(i)` (null in the API). */
  organisationId: string;
  name: string;
  joiner: boolean;
  current: ScenarioStatement;
  scenario: ScenarioStatement;
  difference: ScenarioDifference;
}

export type ScenarioTotalsLine = Omit<ConsolidatedTotals, 'savingsPercent'>;

export interface ScenarioTotals {
  current: ConsolidatedTotals;
  scenario: ConsolidatedTotals;
  difference: ScenarioTotalsLine;
}

export interface ScenarioResult {
  from: string;
  to: string;
  items: ScenarioItem[];
  totals: ScenarioTotals;
}

const MONEY_LINES = ['operating', 'fee', 'investment', 'sharedRisk', 'attributedRisk', 'credits', 'charge', 'baseline', 'savings'] as const;

// figures of a statement are sums, which may pass the 14 digits of an input amount: parsed as stored sums
const minus = (a: string, b: string) => formatMoney(storedMoney(a).minus(storedMoney(b)));

/** An all-zero statement (a joiner's current column), with the scenario's service lines and months. */
function zeroStatement(like: StatementDto): StatementDto {
  const z = '0.00';
  return {
    organisationId: like.organisationId,
    from: like.from,
    to: like.to,
    operating: z,
    fee: z,
    investment: z,
    sharedRisk: z,
    attributedRisk: z,
    credits: z,
    charge: z,
    baseline: z,
    savings: z,
    savingsPercent: null,
    serviceLines: like.serviceLines.map((l) => ({ serviceLineId: l.serviceLineId, code: l.code, operating: z, fee: z, credits: z, baseline: z })),
    months: like.months.map((m) => ({ month: m.month, charge: z, baseline: z })),
  };
}

/** scenario − current, line by line (service lines and months of either column). */
export function statementDifference(current: StatementDto, scenario: StatementDto): ScenarioDifference {
  const diff = Object.fromEntries(MONEY_LINES.map((l) => [l, minus(scenario[l], current[l])])) as Record<(typeof MONEY_LINES)[number], string>;
  const zero = { operating: '0.00', fee: '0.00', credits: '0.00', baseline: '0.00' };
  const ids: { serviceLineId: string; code: string }[] = [];
  for (const l of [...current.serviceLines, ...scenario.serviceLines]) if (!ids.some((x) => x.serviceLineId === l.serviceLineId)) ids.push(l);
  const serviceLines = ids.map(({ serviceLineId, code }) => {
    const a = current.serviceLines.find((l) => l.serviceLineId === serviceLineId) ?? zero;
    const b = scenario.serviceLines.find((l) => l.serviceLineId === serviceLineId) ?? zero;
    return {
      serviceLineId,
      code,
      operating: minus(b.operating, a.operating),
      fee: minus(b.fee, a.fee),
      credits: minus(b.credits, a.credits),
      baseline: minus(b.baseline, a.baseline),
    };
  });
  const months = scenario.months.map((m, i) => ({
    month: m.month,
    charge: minus(m.charge, current.months[i]?.charge ?? '0.00'),
    baseline: minus(m.baseline, current.months[i]?.baseline ?? '0.00'),
  }));
  return { ...diff, serviceLines, months };
}

/** Consortium totals of a list of items (the ones a reader sees): each column consolidated, and their difference. */
export function scenarioTotals(items: readonly Pick<ScenarioItem, 'current' | 'scenario'>[]): ScenarioTotals {
  const current = consolidate(items.map((i) => i.current));
  const scenario = consolidate(items.map((i) => i.scenario));
  const difference = Object.fromEntries(CONSOLIDATED_LINES.map((l) => [l, minus(scenario[l], current[l])])) as ScenarioTotalsLine;
  return { current, scenario, difference };
}

export interface PricedScenario extends ScenarioResult {
  currentLedger: Ledger;
  scenarioLedger: Ledger;
  scenarioInput: LedgerInput;
}

/**
 * Prices every member both ways over from..to: the current ledger from `input`, the scenario ledger
 * from `applyScenario(input, …)`, each month computed (closed months included). Items: the members
 * whose membership overlaps the range (as things are or in the scenario) in input order, then the
 * joiners; such a member with no charge in the range still appears. Throws CalculationError when the rules cannot share the scenario's costs (e.g. a line
 * whose recipients all left).
 */
export function priceScenario(input: LedgerInput, from: string, to: string, changes: readonly ScenarioChange[]): PricedScenario {
  const scenarioInput = applyScenario(input, from, to, changes);
  const currentLedger = computeLedger(input, from, to);
  const scenarioLedger = computeLedger(scenarioInput, from, to);
  const current = new Map(buildStatements(currentLedger, from, to).map((s) => [s.organisationId, formatStatement(s)]));
  const scenario = buildStatements(scenarioLedger, from, to).map(formatStatement);
  const names = new Map(scenarioInput.members.map((m) => [m.organisationId, m.name]));
  // as statements list them: the members whose membership overlaps the range, as things are or in the scenario
  const start = firstDay(from);
  const end = lastDay(to);
  const during = new Set([...input.members, ...scenarioInput.members].filter((m) => memberDuring(m, start, end)).map((m) => m.organisationId));
  const items: ScenarioItem[] = scenario
    .filter((s) => during.has(s.organisationId))
    .map((s) => {
      const c = current.get(s.organisationId) ?? zeroStatement(s);
      return {
        organisationId: s.organisationId,
        name: names.get(s.organisationId)!,
        joiner: isJoinerId(s.organisationId),
        current: c,
        scenario: s,
        difference: statementDifference(c, s),
      };
    });
  return { from, to, items, totals: scenarioTotals(items), currentLedger, scenarioLedger, scenarioInput };
}

const MONEY_FIELDS = new Set(['annualTurnover', 'annualAmount', 'annualPrice', 'amount']);

/** The fields given (null and absent alike left out); amounts as two-decimal strings. */
const pick = <T extends object>(o: Record<string, unknown>, keys: string[]): T => {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) out[k] = MONEY_FIELDS.has(k) ? formatMoney(money(o[k] as string)) : o[k];
  return out as T;
};

/** A valid change list with only the fields each kind takes (what is priced, saved and echoed). */
export function normaliseChanges(changes: readonly unknown[]): ScenarioChange[] {
  return changes.map((raw) => {
    const c = raw as Record<string, unknown>;
    switch (c.kind as ScenarioChangeType) {
      case 'join': {
        const j = pick<JoinChange>(c, ['kind', 'name', 'annualTurnover', 'headcount', 'joinedOn']);
        j.name = j.name.trim();
        j.baselines = (c.baselines as Record<string, unknown>[]).map((b) => pick(b, ['serviceLineId', 'annualAmount']));
        if (Array.isArray(c.activity)) j.activity = (c.activity as Record<string, unknown>[]).map((a) => pick(a, ['serviceLineId', 'monthlyVolume']));
        if (Array.isArray(c.prices)) j.prices = (c.prices as Record<string, unknown>[]).map((a) => pick(a, ['serviceLineId', 'annualPrice']));
        return j;
      }
      case 'leave':
        return pick<LeaveChange>(c, ['kind', 'organisationId', 'leftOn']);
      case 'agreement': {
        const a = pick<AgreementChange>(c, ['kind', 'effectiveFrom', 'basis', 'serviceLineBases', 'managementFeePercent', 'fixedShares']);
        if (Array.isArray(c.prices)) a.prices = (c.prices as Record<string, unknown>[]).map((p) => pick(p, ['organisationId', 'serviceLineId', 'annualPrice']));
        return a;
      }
      case 'costChange':
        return pick<CostChange>(c, ['kind', 'serviceLineId', 'percent']);
      case 'addCost':
        return pick<AddCostChange>(c, ['kind', 'month', 'category', 'amount', 'serviceLineId', 'attributableTo']);
    }
  });
}

/**
 * What a member's user who reads only its own organisation's figures may not ask (issue 16 review):
 * terms other than the management fee (a basis, fixed shares, prices) and another member leaving
 * can move other members' costs onto the caller, whose own line would then show the partnership's
 * totals, which its statements do not; nor may it attribute a cost to another member. A fee change,
 * a joiner, cost changes and added costs only scale what its own statement already shows.
 */
export function ownFiguresFaults(changes: readonly ScenarioChange[], organisationId: string | null): ScenarioFieldError[] {
  const errors: ScenarioFieldError[] = [];
  const hostOrBoard = 'the host and the partnership board may try this (it would show other members’ figures)';
  changes.forEach((c, i) => {
    if (c.kind === 'agreement') {
      for (const k of ['basis', 'serviceLineBases', 'fixedShares', 'prices'] as const)
        if (c[k] !== undefined && c[k] !== null) errors.push({ field: `changes[${i}].${k}`, message: `only the management fee can be changed here; ${hostOrBoard}` });
    }
    if (c.kind === 'leave' && c.organisationId !== organisationId)
      errors.push({ field: `changes[${i}].organisationId`, message: `you may see your own organisation leave; ${hostOrBoard}` });
    if (c.kind === 'addCost' && c.attributableTo && c.attributableTo !== organisationId)
      errors.push({ field: `changes[${i}].attributableTo`, message: `a cost can be attributed to your own organisation only; ${hostOrBoard}` });
  });
  return errors;
}

/**
 * The field of the change that made a line impossible to share (a basis whose weights are all 0, an
 * activity basis with no activity), for an error that names it; null when no agreement change
 * applies to that month (the ledger itself cannot be shared: a 422 as for statements).
 */
export function scenarioShareFault(changes: readonly ScenarioChange[], details: { serviceLineId?: string; month?: string }): string | null {
  for (let i = changes.length - 1; i >= 0; i--) {
    const c = changes[i];
    if (c.kind !== 'agreement' || (details.month !== undefined && cmp(c.effectiveFrom, details.month) > 0)) continue;
    if (details.serviceLineId && c.serviceLineBases && c.serviceLineBases[details.serviceLineId] !== undefined) return `changes[${i}].serviceLineBases.${details.serviceLineId}`;
    if (c.basis === 'fixed' && !c.fixedShares) return `changes[${i}].fixedShares`;
    if (c.basis) return `changes[${i}].basis`;
    if (c.fixedShares) return `changes[${i}].fixedShares`;
  }
  return null;
}
