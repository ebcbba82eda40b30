/**
 * View model of the consortium agreement document: parties, delivery model, service lines, SLAs with
 * targets and credits, risk-sharing (charging) terms, exit terms, signature blocks. Pure.
 */
import { frame, plural, type ReportFrame } from './frame';
import { DELIVERY_MODEL_LABELS, formatDateLong, formatGbp, formatKpiValue, formatMonthLong, formatPercent, humanise } from './format';

export interface AgreementInput {
  version: number;
  status: 'draft' | 'proposed' | 'approved' | 'rejected' | 'superseded';
  /** The first month it prices (domain.md §12). */
  effectiveFrom?: string;
  /** Approved and pricing the current month. */
  inForce?: boolean;
  model: 'cooperative' | 'commercial';
  basis?: string;
  serviceLineBases?: Record<string, string>;
  fixedShares?: Record<string, string>;
  managementFeePercent?: string;
  prices?: { organisationId: string; serviceLineId: string; annualPrice: string }[];
  exit: Record<string, unknown>;
  createdAt: Date | string;
  approvedAt: Date | string | null;
  /** How the version is decided (domain.md §13); absent: unanimous for co-operative terms, the host for commercial ones. */
  decisionRule?: 'unanimous' | 'majority' | 'host';
  proposedAt?: Date | string | null;
  /** When it was approved or rejected. */
  decidedAt?: Date | string | null;
  /** Proposed and decided versions: the member organisations that decide it, with their latest vote. */
  voters?: { organisationId: string; organisationName: string; vote: 'approve' | 'object' | null }[];
  /** Every vote cast, oldest first (an organisation's latest counts). */
  votes?: { organisationId: string; organisationName: string; vote: 'approve' | 'object'; comment: string | null; castAt: Date | string }[];
}

export interface AgreementReportInput {
  consortium: { name: string; deliveryModel: string; startDate: string };
  hostOrganisationId: string;
  members: { organisationId: string; name: string; odsCode: string | null; type: string; joinedOn: string; leftOn: string | null }[];
  serviceLines: { id: string; code: string; name: string; function: string; classification: string; recipientIds: string[] | null }[];
  slas: {
    name: string;
    kind: string;
    frequency: string;
    creditCapPercent: string;
    effectiveFrom: string;
    effectiveTo: string | null;
    serviceLineId: string;
    targets: { kpiCode: string; kpiName: string; unit: string; direction: string; target: string; threshold: string; creditPercent: string }[];
  }[];
  agreement: AgreementInput;
  at: Date;
}

const BASIS_TEXT: Record<string, string> = {
  equal: 'in equal shares between the members receiving the service',
  turnover: 'in proportion to each member’s annual turnover',
  headcount: 'in proportion to each member’s headcount',
  fixed: 'by the fixed shares set out below',
  activity: 'in proportion to each member’s activity volume for the service line in the month',
};

const dateOf = (d: Date | string): string => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

export interface AgreementReportView {
  frame: ReportFrame;
  toc: { anchor: string; number: string; title: string }[];
  parties: { name: string; role: string; ods: string; type: string; joined: string; left: string }[];
  delivery: { label: string; value: string }[];
  serviceLines: { code: string; name: string; function: string; classification: string; recipients: string; basis: string }[];
  slas: { title: string; meta: string; targets: { measure: string; target: string; threshold: string; credit: string }[] }[];
  hasSlas: boolean;
  charging: { number: string; text: string }[];
  fixedShares: { name: string; share: string }[];
  hasFixedShares: boolean;
  prices: { organisation: string; serviceLine: string; price: string }[];
  hasPrices: boolean;
  exit: { number: string; text: string }[];
  exitSchedule: { year: string; amount: string }[];
  hasExitSchedule: boolean;
  /** How this version was decided: the rule, where it stands, and each member's vote. */
  decision: { text: string[]; votes: { organisation: string; vote: string; date: string; comment: string }[]; hasVotes: boolean };
  signatories: { name: string; role: string }[];
}

export function buildAgreementView(input: AgreementReportInput): AgreementReportView {
  const a = input.agreement;
  const draft = a.status === 'draft' || a.status === 'proposed';
  const orgName = (id: string) => input.members.find((m) => m.organisationId === id)?.name ?? 'Unknown organisation';
  const lineById = new Map(input.serviceLines.map((l) => [l.id, l]));
  const host = orgName(input.hostOrganisationId);
  const currentMembers = input.members.filter((m) => m.leftOn === null);

  const summary: string[] = [
    `${input.consortium.name} is a ${a.model === 'cooperative' ? 'co-operative' : 'commercial'} partnership of ${plural(currentMembers.length, 'member')} hosted by ${host}, sharing ${plural(input.serviceLines.length, 'service line')}.`,
    a.model === 'cooperative'
      ? `Members share the actual costs of the services${a.managementFeePercent ? ` and pay the host a management fee of ${formatPercent(a.managementFeePercent)} of operating costs` : ''}; a member whose own decision causes a cost bears it alone.`
      : 'Members pay agreed annual prices; the host carries the risk of the actual costs.',
    `${plural(
      input.slas.reduce((n, s) => n + s.targets.length, 0),
      'service-level target',
    )} ${input.slas.length ? 'are backed by service credits that reduce the charge of a member when a target is missed' : 'are set'}.`,
    draft
      ? `This is ${a.status === 'proposed' ? 'proposed' : 'draft'} version ${a.version}: it has not been approved and binds no one until the members approve it.`
      : a.status === 'approved'
        ? `This is version ${a.version}, approved on ${a.approvedAt ? formatDateLong(dateOf(a.approvedAt)) : '–'}${a.effectiveFrom ? `, pricing the months from ${formatMonthLong(a.effectiveFrom)}` : ''}${a.inForce ? '; it is in force' : ''}.`
        : a.status === 'rejected'
          ? `This is version ${a.version}, which the members rejected: it was never in force.`
          : `This is version ${a.version}, which has been replaced by a later approved version.`,
  ];

  const f = frame({
    kicker: 'Consortium agreement',
    title: `${input.consortium.name}: agreement`,
    subtitle: `Version ${a.version} · ${draft ? `${a.status === 'proposed' ? 'PROPOSED' : 'DRAFT'} – not approved` : a.status === 'approved' ? (a.inForce ? 'approved and in force' : 'approved') : a.status}`,
    consortiumName: input.consortium.name,
    facts: [
      { label: 'Consortium', value: input.consortium.name },
      { label: 'Host', value: host },
      { label: 'Delivery model', value: DELIVERY_MODEL_LABELS[input.consortium.deliveryModel] ?? humanise(input.consortium.deliveryModel) },
      { label: 'Version', value: `${a.version} (${a.status})` },
      { label: a.approvedAt ? 'Approved' : 'Drafted', value: formatDateLong(dateOf(a.approvedAt ?? a.createdAt)) },
    ],
    summary,
    classification: 'OFFICIAL-SENSITIVE: COMMERCIAL',
    draft,
    at: input.at,
  });

  const toc = [
    ['parties', 'Parties'],
    ['delivery', 'Delivery model and term'],
    ['service-lines', 'Service lines'],
    ['slas', 'Service levels and service credits'],
    ['charging', 'Risk sharing and charges'],
    ['exit', 'Exit terms'],
    ['decision', 'How this version was decided'],
    ['signatures', 'Signatures'],
  ].map(([anchor, title], i) => ({ anchor, number: String(i + 1), title }));

  const parties = [...input.members]
    .sort(
      (x, y) =>
        Number(y.organisationId === input.hostOrganisationId) - Number(x.organisationId === input.hostOrganisationId) ||
        x.joinedOn.localeCompare(y.joinedOn) ||
        x.name.localeCompare(y.name),
    )
    .map((m) => ({
      name: m.name,
      role: m.organisationId === input.hostOrganisationId ? 'Host' : 'Member',
      ods: m.odsCode ?? '–',
      type: humanise(m.type),
      joined: formatDateLong(m.joinedOn),
      left: m.leftOn ? formatDateLong(m.leftOn) : '–',
    }));

  const basisOf = (lineId: string): string => {
    if (a.model !== 'cooperative') return 'Agreed price';
    const b = a.serviceLineBases?.[lineId] ?? a.basis ?? 'equal';
    return humanise(b) + (a.serviceLineBases?.[lineId] ? '' : ' (agreement-wide)');
  };
  const serviceLines = input.serviceLines.map((l) => ({
    code: l.code,
    name: l.name,
    function: humanise(l.function),
    classification: humanise(l.classification),
    recipients: l.recipientIds ? l.recipientIds.map(orgName).join(', ') : 'All members',
    basis: basisOf(l.id),
  }));

  const slas = input.slas.map((s) => {
    const line = lineById.get(s.serviceLineId);
    return {
      title: `${s.name} (${s.kind})`,
      meta: `${line ? `${line.name} (${line.code})` : 'Service line'} · measured ${s.frequency} · credits capped at ${formatPercent(s.creditCapPercent)} of the charge for the line · from ${formatMonthLong(s.effectiveFrom)}${s.effectiveTo ? ` to ${formatMonthLong(s.effectiveTo)}` : ''}`,
      targets: s.targets.map((t) => ({
        measure: t.kpiName,
        target: `${t.direction === 'lower_is_better' ? '≤' : '≥'} ${formatKpiValue(t.target, t.unit)}`,
        threshold: formatKpiValue(t.threshold, t.unit),
        credit: formatPercent(t.creditPercent),
      })),
    };
  });

  const charging: { number: string; text: string }[] = [];
  const n = (i: number) => `5.${i}`;
  if (a.model === 'cooperative') {
    charging.push({
      number: n(1),
      text: `Each month the operating costs of each service line are shared between the members receiving it ${BASIS_TEXT[a.basis ?? 'equal'] ?? a.basis}, unless a different basis is set for the service line (section 3). Shares are scaled by the part of the month in which an organisation was a member.`,
    });
    charging.push({
      number: n(2),
      text: `The host charges a management fee of ${formatPercent(a.managementFeePercent ?? '0')} of each service line’s operating costs, shared in the same way.`,
    });
    charging.push({ number: n(3), text: 'Investment is shared by its service line’s basis or, where it belongs to no service line, by the agreement-wide basis.' });
    charging.push({ number: n(4), text: 'A risk cost caused by one member’s own decision is charged to that member alone; other risk costs are shared like investment.' });
    charging.push({
      number: n(5),
      text: 'Service credits reduce the charge of the member concerned and are funded by the host. All amounts are rounded once, to the penny, half to even.',
    });
  } else {
    charging.push({ number: n(1), text: 'Each member pays the annual prices below, one twelfth a month, scaled by the part of the month in which it was a member.' });
    charging.push({ number: n(2), text: 'The host bears its own costs of delivering the services; they are not passed on to members.' });
    charging.push({ number: n(3), text: 'Service credits reduce the price paid by the member concerned.' });
  }
  const fixedShares = Object.entries(a.fixedShares ?? {}).map(([id, share]) => ({ name: orgName(id), share: formatPercent(share) }));
  const prices = (a.prices ?? []).map((p) => ({
    organisation: orgName(p.organisationId),
    serviceLine: lineById.get(p.serviceLineId)?.name ?? '–',
    price: formatGbp(p.annualPrice),
  }));

  const e = a.exit;
  const num = (k: string) => (typeof e[k] === 'number' ? e[k] : Number(e[k] ?? 0));
  /** A percentage of the exit terms as the API gives it (a decimal string, or a number); '0' when unset. */
  const pct = (k: string): string => {
    const v = e[k];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '0';
  };
  const exit: { number: string; text: string }[] = [];
  exit.push({
    number: '6.1',
    text: `A member may leave by giving ${plural(num('noticeMonths'), 'month')}’ notice; its membership ends on the last day of the month in which the notice period ends.`,
  });
  if (a.model === 'cooperative') {
    exit.push({
      number: '6.2',
      text: `The minimum term is ${plural(num('minimumTermMonths'), 'month')} from joining. A member leaving earlier pays ${formatPercent(pct('earlyTerminationPercent'))} of its average monthly charge for each month of the minimum term remaining.`,
    });
    exit.push({
      number: '6.3',
      text: `A leaving member pays stranded costs of ${formatPercent(pct('fixedCostPercent'))} of its average monthly charge for ${plural(num('strandedCostMonths'), 'month')}: the fixed costs that would otherwise fall on the remaining members.`,
    });
    exit.push({
      number: '6.4',
      text: `It also pays its share of investment not yet written off, written off evenly over ${plural(num('amortisationMonths'), 'month')}, and any redundancy costs arising from its leaving.`,
    });
    exit.push({
      number: '6.5',
      text: 'The average monthly charge is the mean of the member’s operating and fee charges over its complete months of membership before notice, the last twelve at most.',
    });
  } else {
    exit.push({ number: '6.2', text: 'A leaving member pays the exit charge of the contract year in which it leaves, as scheduled below (none where no amount is set).' });
  }
  const decision = decisionOf(a);
  const schedule = Array.isArray(e.exitChargeSchedule) ? (e.exitChargeSchedule as { contractYear: number; amount: string }[]) : [];

  return {
    frame: f,
    toc,
    parties,
    delivery: [
      { label: 'Delivery model', value: DELIVERY_MODEL_LABELS[input.consortium.deliveryModel] ?? humanise(input.consortium.deliveryModel) },
      { label: 'Host organisation', value: host },
      { label: 'Partnership start', value: formatDateLong(input.consortium.startDate) },
      { label: 'Agreement model', value: a.model === 'cooperative' ? 'Co-operative: actual costs shared' : 'Commercial: agreed prices' },
      { label: 'Agreement version', value: `${a.version} (${a.status})` },
    ],
    serviceLines,
    slas,
    hasSlas: slas.length > 0,
    charging,
    fixedShares,
    hasFixedShares: fixedShares.length > 0,
    prices,
    hasPrices: prices.length > 0,
    exit,
    exitSchedule: schedule.map((s) => ({ year: `Year ${s.contractYear}`, amount: formatGbp(s.amount) })),
    hasExitSchedule: schedule.length > 0,
    decision,
    signatories: parties.map((p) => ({ name: p.name, role: p.role })),
  };
}

const RULE_TEXT: Record<string, string> = {
  unanimous: 'The members decide this version unanimously: one vote per member organisation (the host included), cast by its approvers; one objection rejects it.',
  majority:
    'The members decide this version by a majority: one vote per member organisation (the host included), cast by its approvers; it is approved when more than half of the members approve, rejected when at least half object.',
  host: 'Under this commercial agreement the host decides the version.',
};

/** Section 7: the decision rule, the outcome with its dates, and each deciding member's vote (domain.md §13). */
function decisionOf(a: AgreementInput): AgreementReportView['decision'] {
  const rule = a.decisionRule ?? (a.model === 'cooperative' ? 'unanimous' : 'host');
  const day = (d: Date | string | null | undefined) => (d ? formatDateLong(dateOf(d)) : '–');
  const votes = a.votes ?? [];
  const text = [RULE_TEXT[rule]];
  if (a.status === 'draft') text.push('This version has not yet been proposed to the members.');
  else if (a.status === 'proposed') text.push(`Proposed to the members on ${day(a.proposedAt)}; the vote is open.`);
  else if (a.status === 'rejected') text.push(`Proposed on ${day(a.proposedAt)} and rejected on ${day(a.decidedAt)} (or withdrawn by the host): it was never in force.`);
  else {
    const by =
      votes.length === 0
        ? rule === 'host'
          ? 'by the host'
          : 'directly, for the partnership, by a platform administrator (for example, terms already signed on paper); the decisions log records the act'
        : rule === 'host'
          ? 'by the host'
          : 'by the members’ votes below';
    text.push(`Approved on ${day(a.decidedAt ?? a.approvedAt)} ${by}.${a.status === 'superseded' ? ' It has since been replaced by a later approved version.' : ''}`);
  }
  // each deciding organisation once, with its latest vote; then anyone else who voted
  const latest = new Map<string, (typeof votes)[number]>();
  for (const v of votes) latest.set(v.organisationId, v);
  const voters = a.voters ?? [];
  const rows = [
    ...voters.map((v) => ({ organisationName: v.organisationName, cast: latest.get(v.organisationId) ?? null })),
    ...[...latest.values()].filter((v) => !voters.some((x) => x.organisationId === v.organisationId)).map((v) => ({ organisationName: v.organisationName, cast: v })),
  ].map(({ organisationName, cast }) => ({
    organisation: organisationName,
    vote: cast === null ? 'Not yet voted' : cast.vote === 'approve' ? 'Approved' : 'Objected',
    date: cast ? day(cast.castAt) : '–',
    comment: cast?.comment ?? '',
  }));
  return { text, votes: rows, hasVotes: rows.length > 0 };
}
