/**
 * The agreement page: the terms in force, every version with its status, and a proposed version
 * beside the terms in force with what it changes in the caller's organisation's charge (the API's
 * impact route), the votes so far and the vote form for the organisation's approvers (domain.md
 * §12–13). Names, never ids. Pure.
 */
import type { AgreementVersionView } from '../../agreements/dto';
import type { AgreementImpactView } from '../../statements/dto';
import { formatDateLong, formatGbp, formatMonthLong, formatMonthRange, formatPercent, formatReduction, isNegative, isZero } from '../../reports/view/format';
import type { FieldErrorLink } from '../web-pages';
import type { hostPart } from './agreement-draft.view';

export type TagColour = 'grey' | 'green' | 'red' | 'orange' | 'blue' | 'white' | 'purple';

export interface Tag {
  text: string;
  colour: TagColour;
}

/** A row of a summary list of terms; `key` identifies the term (to compare two versions). */
export interface TermRow {
  key: string;
  label: string;
  value: string;
}

export interface AgreementNames {
  /** Organisation id → name (members, past and present). */
  organisations: Record<string, string>;
  /** Service line id → name. */
  serviceLines: Record<string, string>;
}

export type VoteChoice = 'approve' | 'object';

export interface VoteForm {
  vote: string;
  comment: string;
}

export interface VoteFormErrors {
  vote: string | null;
  comment: string | null;
}

export interface ReadVoteForm {
  form: VoteForm;
  errors: VoteFormErrors;
  /** The vote for the service when the form is good. */
  request: { vote: VoteChoice; comment?: string } | null;
}

/** At most this many characters in a comment (CastVoteDto). */
export const MAX_COMMENT = 1000;

/** Reads the vote form (`vote`: approve or object; `comment`, optional). */
export function readVoteForm(body: Record<string, unknown>, version: number): ReadVoteForm {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const form: VoteForm = { vote: str(body.vote), comment: str(body.comment) };
  const errors: VoteFormErrors = { vote: null, comment: null };
  if (form.vote !== 'approve' && form.vote !== 'object') errors.vote = `Select whether your organisation approves version ${version} or objects to it`;
  const comment = form.comment.trim();
  if (comment.length > MAX_COMMENT) errors.comment = `The comment must be ${MAX_COMMENT.toLocaleString('en-GB')} characters or fewer`;
  const request = errors.vote || errors.comment ? null : { vote: form.vote as VoteChoice, ...(comment ? { comment } : {}) };
  return { form, errors, request };
}

/** The error summary's links: the first radio (`#vote`) and the comment. */
export function voteErrorLinks(e: VoteFormErrors): FieldErrorLink[] {
  return [...(e.vote ? [{ text: e.vote, href: '#vote' }] : []), ...(e.comment ? [{ text: e.comment, href: '#comment' }] : [])];
}

const BASES: Record<string, string> = {
  equal: 'Equal shares',
  turnover: 'Annual turnover',
  headcount: 'Headcount (staff)',
  fixed: 'Fixed shares',
  activity: 'Activity (volumes of work)',
};

const RULES: Record<string, string> = {
  unanimous: 'Unanimous: every member must approve, and one objection rejects it',
  majority: 'Majority: approved when more than half of the members approve, rejected when half or more object',
  host: 'The host decides',
};

const STATUS_TAGS: Record<string, Tag> = {
  draft: { text: 'Draft', colour: 'grey' },
  proposed: { text: 'Proposed', colour: 'orange' },
  approved: { text: 'Approved', colour: 'green' },
  rejected: { text: 'Rejected', colour: 'red' },
  superseded: { text: 'Superseded', colour: 'grey' },
};

export function statusTag(v: Pick<AgreementVersionView, 'status' | 'inForce'>): Tag {
  if (v.status === 'approved' && v.inForce) return { text: 'In force', colour: 'blue' };
  return STATUS_TAGS[v.status] ?? { text: v.status, colour: 'grey' };
}

const months = (n: number) => `${n} month${n === 1 ? '' : 's'}`;
const basisText = (b: string) => BASES[b] ?? b;
const nameOf = (names: Record<string, string>, id: string, what: string) => names[id] ?? `an unnamed ${what}`;
const byLabel = (a: TermRow, b: TermRow) => a.label.localeCompare(b.label);

/** A version's terms in plain English, in the order the page lists them. */
export function termRows(v: AgreementVersionView, names: AgreementNames): TermRow[] {
  const rows: TermRow[] = [
    { key: 'effectiveFrom', label: 'Takes effect from', value: formatMonthLong(v.effectiveFrom) },
    { key: 'decisionRule', label: 'How changes are decided', value: RULES[v.decisionRule] ?? v.decisionRule },
    { key: 'model', label: 'Kind of agreement', value: v.model === 'commercial' ? 'Commercial: agreed prices' : 'Co-operative: costs shared among the members' },
  ];
  const exit = v.exit ?? {};
  const num = (k: string) => (typeof exit[k] === 'number' ? exit[k] : null);
  const str = (k: string) => (typeof exit[k] === 'string' ? exit[k] : null);
  if (v.model === 'cooperative') {
    if (v.managementFeePercent !== undefined)
      rows.push({ key: 'managementFeePercent', label: 'Management fee', value: `${formatPercent(v.managementFeePercent)} of operating costs` });
    if (v.basis !== undefined) rows.push({ key: 'basis', label: 'Costs shared by', value: basisText(v.basis) });
    const lines = Object.entries(v.serviceLineBases ?? {}).map(([id, b]) => ({
      key: `serviceLineBasis:${id}`,
      label: `${nameOf(names.serviceLines, id, 'service line')} shared by`,
      value: basisText(b),
    }));
    rows.push(...lines.sort(byLabel));
    const shares = Object.entries(v.fixedShares ?? {}).map(([id, s]) => ({
      key: `fixedShare:${id}`,
      label: `Fixed share of ${nameOf(names.organisations, id, 'member')}`,
      value: formatPercent(s),
    }));
    rows.push(...shares.sort(byLabel));
    const n = (k: string, label: string, f: (x: number) => string) => {
      const x = num(k);
      if (x !== null) rows.push({ key: `exit.${k}`, label, value: f(x) });
    };
    const p = (k: string, label: string, f: (x: string) => string) => {
      const x = str(k);
      if (x !== null) rows.push({ key: `exit.${k}`, label, value: f(x) });
    };
    n('noticeMonths', 'Notice to leave', months);
    n('minimumTermMonths', 'Minimum term', (x) => `${months(x)} from joining`);
    p('earlyTerminationPercent', 'Leaving before the minimum term', (x) => `${formatPercent(x)} of the average monthly charge for each month of the minimum term left`);
    n('strandedCostMonths', 'Stranded costs a leaving member bears', months);
    p('fixedCostPercent', 'Part of the costs that is fixed', (x) => formatPercent(x));
    n('amortisationMonths', 'Investments paid off over', months);
  } else {
    const prices = (v.prices ?? []).map((x) => ({
      key: `price:${x.organisationId}:${x.serviceLineId}`,
      label: `Price for ${nameOf(names.organisations, x.organisationId, 'member')}: ${nameOf(names.serviceLines, x.serviceLineId, 'service line')}`,
      value: `${formatGbp(x.annualPrice)} a year`,
    }));
    rows.push(...prices.sort(byLabel));
    const notice = num('noticeMonths');
    if (notice !== null) rows.push({ key: 'exit.noticeMonths', label: 'Notice to leave', value: months(notice) });
    const schedule = Array.isArray(exit.exitChargeSchedule) ? (exit.exitChargeSchedule as { contractYear: number; amount: string }[]) : [];
    for (const s of [...schedule].sort((a, b) => a.contractYear - b.contractYear)) {
      rows.push({ key: `exit.charge:${s.contractYear}`, label: `Exit charge for leaving in contract year ${s.contractYear}`, value: formatGbp(s.amount) });
    }
  }
  return rows;
}

/** The terms that differ between the version in force and another: term, in force, proposed ("None" where one has no such term). */
export function termChanges(inForce: TermRow[], proposed: TermRow[]): { key: string; label: string; inForce: string; proposed: string }[] {
  const a = new Map(inForce.map((r) => [r.key, r]));
  const b = new Map(proposed.map((r) => [r.key, r]));
  const keys = [...proposed.map((r) => r.key), ...inForce.map((r) => r.key).filter((k) => !b.has(k))];
  return keys
    .filter((k) => a.get(k)?.value !== b.get(k)?.value)
    .map((k) => ({ key: k, label: (b.get(k) ?? a.get(k))!.label, inForce: a.get(k)?.value ?? 'None', proposed: b.get(k)?.value ?? 'None' }));
}

/** A difference in pounds in words: "£20.00 more", "£5.00 less", "No change". */
export function formatDifference(d: string): string {
  if (isZero(d)) return 'No change';
  return isNegative(d) ? `${formatGbp(d.replace(/^-/, ''))} less` : `${formatGbp(d)} more`;
}

const IMPACT_LINES = [
  ['operating', 'Share of operating costs'],
  ['fee', 'Management fee'],
  ['investment', 'Investment'],
  ['sharedRisk', 'Shared risk'],
  ['attributedRisk', 'Risk attributed to the member'],
  ['credits', 'Service credits'],
] as const;

/** What the version changes in one member's charge: line by line, and the charge. */
export function impactPart(impact: AgreementImpactView, organisationId: string) {
  const item = impact.items.find((i) => i.organisationId === organisationId);
  if (!item) return null;
  const money = (k: string, x: string) => (k === 'credits' ? formatReduction(x) : formatGbp(x));
  const rec = (s: object) => s as unknown as Record<string, string>;
  const cur = rec(item.current);
  const pro = rec(item.proposed);
  const diff = rec(item.difference);
  const period = formatMonthRange(impact.from, impact.to);
  return {
    organisationName: item.organisationName,
    period,
    intro: `${period}, the last complete quarter, priced both ways from the figures as they stand: by the terms that priced it, and as if version ${impact.version} had applied to the whole quarter.`,
    summary: isZero(item.difference.charge)
      ? `Version ${impact.version} would not have changed ${item.organisationName}'s charge for ${period} (${formatGbp(item.current.charge)}).`
      : `Under version ${impact.version}, ${item.organisationName}'s charge for ${period} would have been ${formatDifference(item.difference.charge)}: ${formatGbp(item.proposed.charge)} instead of ${formatGbp(item.current.charge)}.`,
    rows: IMPACT_LINES.map(([k, label]) => ({ key: k, label, inForce: money(k, cur[k]), proposed: money(k, pro[k]), difference: formatDifference(diff[k]) })),
    total: { inForce: formatGbp(item.current.charge), proposed: formatGbp(item.proposed.charge), difference: formatDifference(item.difference.charge) },
  };
}

/** Every member's charge both ways (for the host and the partnership board). */
export function membersImpact(impact: AgreementImpactView) {
  return impact.items.map((i) => ({
    organisationId: i.organisationId,
    name: i.organisationName,
    inForce: formatGbp(i.current.charge),
    proposed: formatGbp(i.proposed.charge),
    difference: formatDifference(i.difference.charge),
  }));
}

const VOTE_TAGS: Record<string, Tag> = {
  approve: { text: 'Approved', colour: 'green' },
  object: { text: 'Objected', colour: 'red' },
};
const AWAITING: Tag = { text: 'Not voted yet', colour: 'grey' };

/** The voters of a version, each with its latest vote (a tag), comment and when it was cast. */
export function voteRows(v: AgreementVersionView, ownOrganisationId: string | null) {
  const latest = new Map<string, AgreementVersionView['votes'][number]>();
  for (const x of v.votes) {
    const had = latest.get(x.organisationId);
    if (!had || new Date(had.castAt).getTime() <= new Date(x.castAt).getTime()) latest.set(x.organisationId, x);
  }
  return v.voters.map((x) => {
    const last = x.vote === null ? undefined : latest.get(x.organisationId);
    return {
      organisationId: x.organisationId,
      name: x.organisationName,
      you: x.organisationId === ownOrganisationId,
      vote: x.vote ?? 'none',
      tag: x.vote ? VOTE_TAGS[x.vote] : AWAITING,
      comment: last?.comment ?? '',
      castOn: last ? formatDateLong(new Date(last.castAt).toISOString()) : '',
    };
  });
}

function tally(v: AgreementVersionView): string {
  const n = v.voters.length;
  const approved = v.voters.filter((x) => x.vote === 'approve').length;
  const objected = v.voters.filter((x) => x.vote === 'object').length;
  const waiting = n - approved - objected;
  const of = (k: number, what: string) => `${k} ${what}`;
  return `${of(approved, 'approved')}, ${of(objected, 'objected')}, ${of(waiting, waiting === 1 ? 'has not voted yet' : 'have not voted yet')} (${n} member${n === 1 ? '' : 's'} vote).`;
}

function ruleSentence(v: AgreementVersionView): string {
  if (v.decisionRule === 'unanimous') return `Version ${v.version} is approved when every member approves it; one objection rejects it.`;
  if (v.decisionRule === 'majority') return `Version ${v.version} is approved when more than half of the members approve it, and rejected when half or more object.`;
  return `The host decides version ${v.version}.`;
}

export interface AgreementPageInput {
  consortiumId: string;
  archived: boolean;
  /** Every version, oldest first (`GET …/agreement/versions`). */
  versions: AgreementVersionView[];
  /** The terms in force (`GET …/agreement`), or null when none is approved. */
  inForce: AgreementVersionView | null;
  /** What the proposed version changes (`GET …/agreement/versions/:version/impact`), or null. */
  impact: AgreementImpactView | null;
  names: AgreementNames;
  /** The caller's organisation (null for a platform administrator). */
  organisationId: string | null;
  /** Whether the caller's role casts its organisation's votes (AgreementsService's VOTER_ROLES). */
  castsVotes: boolean;
  /** The host, an administrator or the partnership board: every member's change in charge. */
  seesWholeConsortium: boolean;
  /** Back from a vote (POST-redirect-GET): the version voted on. */
  voted: number | null;
  /** The vote form as sent, with its errors (a form with errors, or a refused vote). */
  form: ReadVoteForm | null;
  /** The service refused the vote: its reason, in plain English. */
  refusal: string | null;
  /** The host's part (the draft, withdrawing the proposal, the decisions log): for those who run the partnership, else null. */
  host?: ReturnType<typeof hostPart> | null;
  /** The banner after the host proposed or withdrew a version, if any. */
  hostConfirmation?: { heading: string; body: string } | null;
}

export function agreementView(i: AgreementPageInput) {
  const base = `/consortium/${i.consortiumId}/agreement`;
  const inForceRows = i.inForce ? termRows(i.inForce, i.names) : [];
  const proposed = i.versions.find((v) => v.status === 'proposed') ?? null;
  const ownName = i.organisationId ? (i.names.organisations[i.organisationId] ?? 'Your organisation') : null;

  let confirmation: { heading: string; body: string } | null = null;
  const votedOn = i.voted !== null ? i.versions.find((v) => v.version === i.voted) : undefined;
  const mine = votedOn && i.organisationId ? votedOn.voters.find((x) => x.organisationId === i.organisationId) : undefined;
  if (votedOn && mine?.vote) {
    const outcome = votedOn.status === 'approved' ? `: version ${votedOn.version} is approved` : votedOn.status === 'rejected' ? `: version ${votedOn.version} is rejected` : '';
    confirmation = {
      heading: `Your organisation's vote was recorded${outcome}`,
      body: `${ownName} ${mine.vote === 'approve' ? 'approved' : 'objected to'} version ${votedOn.version}.`,
    };
  }

  const versions = [...i.versions]
    .sort((a, b) => b.version - a.version)
    .map((v) => ({
      version: v.version,
      name: `Version ${v.version}`,
      effectiveFrom: formatMonthLong(v.effectiveFrom),
      fee: v.model === 'cooperative' && v.managementFeePercent !== undefined ? formatPercent(v.managementFeePercent) : 'Not applicable',
      tag: statusTag(v),
      decided: v.decidedAt ? formatDateLong(new Date(v.decidedAt).toISOString()) : v.proposedAt && v.status === 'proposed' ? 'Not yet' : '',
    }));

  let proposal = null;
  if (proposed) {
    const rows = termRows(proposed, i.names);
    const voters = voteRows(proposed, i.organisationId);
    const own = voters.find((x) => x.you) ?? null;
    const inElectorate = own !== null;
    const mayVote = i.castsVotes && inElectorate && !i.archived;
    let whoVotes: string | null = null;
    if (!mayVote) {
      if (i.archived) whoVotes = 'This partnership is archived: it can be read, but no votes can be cast.';
      else if (!i.castsVotes)
        whoVotes = `Each member organisation's vote is cast by its administrators and board members. ${i.organisationId ? `Ask one of ${ownName}'s administrators or board members to vote.` : 'A platform administrator does not vote for a member.'}`;
      else if (proposed.decisionRule === 'host') whoVotes = `Under this version's rule the host decides.`;
      else whoVotes = `${ownName} is not a member in ${formatMonthLong(proposed.effectiveFrom)}, the version's first month, so it does not vote on it.`;
    }
    const f = i.form;
    const chosen = f ? f.form.vote : (own?.vote ?? '');
    proposal = {
      version: proposed.version,
      heading: `Version ${proposed.version}: proposed to take effect from ${formatMonthLong(proposed.effectiveFrom)}`,
      proposedOn: proposed.proposedAt ? formatDateLong(new Date(proposed.proposedAt).toISOString()) : null,
      changes: i.inForce ? termChanges(inForceRows, rows) : rows.map((r) => ({ key: r.key, label: r.label, inForce: 'None', proposed: r.value })),
      inForceVersion: i.inForce?.version ?? null,
      impact: i.impact && i.organisationId ? impactPart(i.impact, i.organisationId) : null,
      members: i.impact && i.seesWholeConsortium ? membersImpact(i.impact) : null,
      impactPeriod: i.impact ? formatMonthRange(i.impact.from, i.impact.to) : null,
      votes: { rows: voters, tally: tally(proposed), rule: ruleSentence(proposed) },
      form: mayVote
        ? {
            action: `${base}/versions/${proposed.version}/votes`,
            legend: `Does ${ownName} approve version ${proposed.version}?`,
            current:
              own?.vote && own.vote !== 'none'
                ? `${ownName} has voted: ${own.vote === 'approve' ? 'it approved' : 'it objected'} on ${own.castOn}. You can change its vote until the version is decided.`
                : null,
            approve: { checked: chosen === 'approve', label: `Approve version ${proposed.version}` },
            object: { checked: chosen === 'object', label: `Object to version ${proposed.version}` },
            voteError: f?.errors.vote ?? null,
            comment: { value: f ? f.form.comment : '', error: f?.errors.comment ?? null, max: MAX_COMMENT },
          }
        : null,
      whoVotes,
    };
  }

  return {
    host: i.host ?? null,
    intro:
      'The risk-sharing agreement sets how the partnership shares its costs, the management fee and the terms for leaving. A change of terms is proposed by the host and decided by the members.',
    confirmation: confirmation ?? i.hostConfirmation ?? null,
    refusal: i.refusal,
    inForce: i.inForce
      ? {
          heading: `Version ${i.inForce.version}, ${i.inForce.inForce ? 'in force' : 'approved'} from ${formatMonthLong(i.inForce.effectiveFrom)}`,
          rows: inForceRows,
        }
      : null,
    versions,
    proposal,
  };
}
