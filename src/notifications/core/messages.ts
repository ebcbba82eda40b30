/**
 * What a notification says: its subject, the link it points to, and the figures its templates
 * show (templates/mail/<kind>.html.hbs and .txt.hbs). Pure: the event and names in, plain data out.
 */
import type { DomainEvent, EventKind, EventPayloads } from '../../events/event-kinds';
import { formatDateLong, formatMonthLong, formatMonthRange } from '../../reports/view/format';

export interface MessageContext {
  consortiumId: string;
  consortiumName: string;
  /** Links start here (no trailing slash). */
  baseUrl: string;
  /** Organisation names by id. */
  names: ReadonlyMap<string, string>;
  /** The recipient's organisation (null: a platform admin). */
  recipientOrganisationId: string | null;
  /** The consortium's host (named in an invitation). */
  hostOrganisationId?: string;
}

export interface Message {
  kind: EventKind;
  subject: string;
  /** The page the message is about. */
  link: string;
  /** Handed to the kind's templates. */
  model: Record<string, unknown>;
}

const DECISION_RULES: Record<string, string> = {
  unanimous: 'every member must approve',
  majority: 'more than half of the members must approve',
  host: 'the host decides',
};

const OUTCOMES: Record<string, string> = { approved: 'approved', rejected: 'rejected', withdrawn: 'withdrawn by the host' };

function monthText(month: string): string {
  try {
    return formatMonthLong(month);
  } catch {
    return month;
  }
}

/** The message about `event` for one recipient. */
export function messageFor(event: Pick<DomainEvent, 'kind' | 'payload'>, c: MessageContext): Message {
  const base = `${c.baseUrl}/consortium/${c.consortiumId}`;
  const name = (id: string) => c.names.get(id) ?? 'An organisation';
  const common = { consortiumName: c.consortiumName };
  switch (event.kind) {
    case 'agreement.proposed': {
      const p = event.payload as EventPayloads['agreement.proposed'];
      return {
        kind: event.kind,
        subject: `${c.consortiumName}: version ${p.version} of the agreement is proposed and needs your organisation's vote`,
        link: `${base}/agreement`,
        model: { ...common, version: p.version, effectiveFrom: monthText(p.effectiveFrom), rule: DECISION_RULES[p.decisionRule] ?? p.decisionRule },
      };
    }
    case 'agreement.decided': {
      const p = event.payload as EventPayloads['agreement.decided'];
      const outcome = OUTCOMES[p.outcome] ?? p.outcome;
      return {
        kind: event.kind,
        subject: `${c.consortiumName}: version ${p.version} of the agreement was ${outcome}`,
        link: `${base}/agreement`,
        model: { ...common, version: p.version, effectiveFrom: monthText(p.effectiveFrom), outcome, approved: p.outcome === 'approved' },
      };
    }
    case 'sla.breached': {
      const p = event.payload as EventPayloads['sla.breached'];
      const what = p.status === 'critical' ? 'is critical (breached 3 periods in a row)' : 'breached its target';
      return {
        kind: event.kind,
        subject: `${c.consortiumName}: ${p.kpiName} ${what} for ${name(p.organisationId)} in ${monthText(p.month)}`,
        link: `${base}/performance?${new URLSearchParams({ month: p.month }).toString()}`,
        model: {
          ...common,
          organisationName: name(p.organisationId),
          kpiName: p.kpiName,
          kpiCode: p.kpiCode,
          month: monthText(p.month),
          value: p.value,
          target: p.target,
          critical: p.status === 'critical',
        },
      };
    }
    case 'month.closed': {
      const p = event.payload as EventPayloads['month.closed'];
      const own = c.recipientOrganisationId;
      return {
        kind: event.kind,
        subject: `${c.consortiumName}: ${monthText(p.month)} is closed and your statement is ready`,
        link: `${base}/statements?${new URLSearchParams({ from: p.month, to: p.month }).toString()}`,
        model: { ...common, month: monthText(p.month), organisationName: own ? name(own) : '', statements: p.statements.length },
      };
    }
    case 'batch.finished': {
      const p = event.payload as EventPayloads['batch.finished'];
      return {
        kind: event.kind,
        subject: `${c.consortiumName}: statement batch for ${formatMonthRange(p.from, p.to)} finished (${p.done} done, ${p.failed} failed)`,
        link: `${base}/batches/${p.jobId}`,
        model: { ...common, period: formatMonthRange(p.from, p.to), status: p.status, done: p.done, failed: p.failed, anyFailed: p.failed > 0 },
      };
    }
    case 'board_pack.due': {
      const p = event.payload as EventPayloads['board_pack.due'];
      return {
        kind: event.kind,
        subject: `${c.consortiumName}: the board pack for ${formatMonthRange(p.from, p.to)} is ready`,
        link: `${base}/board`,
        model: { ...common, period: formatMonthRange(p.from, p.to), scheduledFor: formatDateLong(p.scheduledFor) },
      };
    }
    case 'measurements.reminder': {
      const p = event.payload as EventPayloads['measurements.reminder'];
      const own = p.missing.find((m) => m.organisationId === c.recipientOrganisationId);
      const count = own?.count ?? p.missing.reduce((n, m) => n + m.count, 0);
      return {
        kind: event.kind,
        subject: `${c.consortiumName}: ${count} measurement${count === 1 ? '' : 's'} for ${monthText(p.month)} still to submit`,
        link: `${base}/measurements`,
        model: { ...common, month: monthText(p.month), count, closesOn: p.closesOn ? formatDateLong(p.closesOn) : null },
      };
    }
    case 'invitation.sent': {
      const p = event.payload as EventPayloads['invitation.sent'];
      const host = c.hostOrganisationId ? name(c.hostOrganisationId) : 'The host';
      return {
        kind: event.kind,
        subject: `${host} invites ${name(p.organisationId)} to join ${c.consortiumName}`,
        link: `${c.baseUrl}/organisation/invitations`,
        model: { ...common, hostName: host, organisationName: name(p.organisationId), joinedOn: formatDateLong(p.joinedOn) },
      };
    }
    case 'invitation.answered': {
      const p = event.payload as EventPayloads['invitation.answered'];
      return {
        kind: event.kind,
        subject: `${c.consortiumName}: ${name(p.organisationId)} ${p.outcome} your invitation to join`,
        link: `${base}/members`,
        model: { ...common, organisationName: name(p.organisationId), accepted: p.outcome === 'accepted', joinedOn: formatDateLong(p.joinedOn) },
      };
    }
    default:
      throw new Error(`no message for ${String((event as { kind: unknown }).kind)}`);
  }
}

/** The subject of a digest of `count` notifications. */
export function digestSubject(count: number): string {
  return `Your daily summary: ${count} update${count === 1 ? '' : 's'} from your partnerships`;
}

/** The host part of Message-IDs: the public address's host name. */
export function messageIdDomain(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname || 'consortium.invalid';
  } catch {
    return 'consortium.invalid';
  }
}

/** A Message-ID fixed by the delivery (or digest): a re-send, were one ever made, would be recognisably the same message. */
export function messageId(kind: 'delivery' | 'digest', id: string, baseUrl: string): string {
  return `<${kind}.${id}@${messageIdDomain(baseUrl)}>`;
}
