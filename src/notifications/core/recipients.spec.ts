import type { Role } from '../../common/enums';
import { organisationsConcerned, partiesOn, planDeliveries, preferenceFor, recipientsOf, type PeriodInput, type RecipientsInput, type UserInput } from './recipients';

const HOST = 'h';
const periods: PeriodInput[] = [
  { organisationId: HOST, joinedOn: '2025-04-01', leftOn: null },
  { organisationId: 'a', joinedOn: '2025-04-01', leftOn: null },
  { organisationId: 'b', joinedOn: '2025-04-01', leftOn: '2025-09-30' },
  { organisationId: 'c', joinedOn: '2026-01-01', leftOn: null },
];
const ROLES: Role[] = ['host_admin', 'org_admin', 'partner_user', 'board_viewer'];
const users: UserInput[] = [
  ...[HOST, 'a', 'b', 'c', 'x'].flatMap((org) => ROLES.map((role) => ({ id: `${org}-${role}`, email: `${role}@${org}.example`, role, organisationId: org, disabled: false }))),
  { id: 'a-off', email: 'off@a.example', role: 'board_viewer', organisationId: 'a', disabled: true },
  { id: 'admin', email: 'admin@platform.example', role: 'admin', organisationId: null, disabled: false },
];

function ids(i: Omit<RecipientsInput, 'users' | 'hostOrganisationId' | 'periods' | 'date'> & { date?: string }): string[] {
  return recipientsOf({ hostOrganisationId: HOST, periods, users, date: '2025-11-15', ...i })
    .map((u) => u.id)
    .sort();
}

describe('partiesOn', () => {
  it('is the members on the day and the host', () => {
    expect([...partiesOn(periods, '2025-11-15', HOST)].sort()).toEqual(['a', 'h']);
    expect([...partiesOn(periods, '2025-09-30', HOST)].sort()).toEqual(['a', 'b', 'h']);
    expect([...partiesOn(periods.slice(1), '2025-11-15', HOST)].sort()).toEqual(['a', 'h']);
  });
});

describe('recipientsOf', () => {
  it('proposed: the approvers of each voter that has not left (a member joining by the version month included)', () => {
    const r = ids({ kind: 'agreement.proposed', payload: { version: 2, effectiveFrom: '2026-01', decisionRule: 'unanimous' }, voters: [HOST, 'a', 'b', 'c'] });
    expect(r).toEqual(['a-board_viewer', 'a-host_admin', 'a-org_admin', 'c-board_viewer', 'c-host_admin', 'c-org_admin', 'h-board_viewer', 'h-host_admin', 'h-org_admin']);
  });

  it('proposed under the host rule: the host approvers only', () => {
    expect(ids({ kind: 'agreement.proposed', payload: { version: 2, effectiveFrom: '2026-01', decisionRule: 'host' }, voters: [HOST] })).toEqual([
      'h-board_viewer',
      'h-host_admin',
      'h-org_admin',
    ]);
  });

  it('decided: every active user of every party, no one of another or a former member, no disabled user', () => {
    const r = ids({ kind: 'agreement.decided', payload: { version: 2, effectiveFrom: '2026-01', outcome: 'approved' } });
    expect(r).toEqual(['a', HOST].flatMap((o) => ROLES.map((role) => `${o}-${role}`)).sort());
    expect(r).not.toContain('a-off');
  });

  it('sla.breached: the breaching member and the host; a breach of a non-party names the host only', () => {
    const payload = { organisationId: 'a', slaId: 's', serviceLineId: 'l', kpiCode: 'K', kpiName: 'K', month: '2025-10', status: 'breached' as const, value: '1', target: '2' };
    expect(ids({ kind: 'sla.breached', payload })).toEqual(['a', HOST].flatMap((o) => ROLES.map((role) => `${o}-${role}`)).sort());
    expect(ids({ kind: 'sla.breached', payload: { ...payload, organisationId: 'x' } })).toEqual(ROLES.map((role) => `${HOST}-${role}`).sort());
  });

  it('month.closed: the board viewers of members with a statement', () => {
    const payload = { month: '2025-10', statements: ['a', 'b', 'x'].map((organisationId) => ({ organisationId, contentHash: 'z' })) };
    expect(ids({ kind: 'month.closed', payload })).toEqual(['a-board_viewer']);
  });

  it('batch.finished: the host administrators and the requester (when it is still of a party, or an admin)', () => {
    const payload = { jobId: 'j', from: '2025-04', to: '2025-06', status: 'done', done: 3, failed: 0, requestedBy: 'a-partner_user' };
    expect(ids({ kind: 'batch.finished', payload })).toEqual(['a-partner_user', 'h-host_admin']);
    expect(ids({ kind: 'batch.finished', payload: { ...payload, requestedBy: 'admin' } })).toEqual(['admin', 'h-host_admin']);
    expect(ids({ kind: 'batch.finished', payload: { ...payload, requestedBy: 'x-host_admin' } })).toEqual(['h-host_admin']);
  });

  it('board_pack.due: the board viewers of every party', () => {
    expect(ids({ kind: 'board_pack.due', payload: { from: '2025-04', to: '2025-10', scheduledFor: '2025-11-15' } })).toEqual(['a-board_viewer', 'h-board_viewer']);
  });

  it('measurements.reminder: partner users and organisation administrators of the members missing measurements', () => {
    const payload = {
      month: '2025-10',
      closesOn: null,
      missing: [
        { organisationId: 'a', count: 2 },
        { organisationId: 'x', count: 1 },
      ],
    };
    expect(ids({ kind: 'measurements.reminder', payload })).toEqual(['a-org_admin', 'a-partner_user']);
  });

  it('invitation.sent: the administrators of the organisation invited, though it is no party yet', () => {
    const payload = { invitationId: 'i', organisationId: 'x', joinedOn: '2026-04-01' };
    expect(ids({ kind: 'invitation.sent', payload })).toEqual(['x-host_admin', 'x-org_admin']);
    expect(organisationsConcerned({ kind: 'invitation.sent', payload, hostOrganisationId: HOST, periods, date: '2025-11-15' })).toEqual(['x']);
  });

  it('invitation.answered: the host administrators only', () => {
    expect(ids({ kind: 'invitation.answered', payload: { invitationId: 'i', organisationId: 'x', joinedOn: '2026-04-01', outcome: 'declined' } })).toEqual(['h-host_admin']);
  });

  it('organisationsConcerned names what must be loaded', () => {
    const payload = { organisationId: 'a', slaId: 's', serviceLineId: 'l', kpiCode: 'K', kpiName: 'K', month: '2025-10', status: 'critical' as const, value: '1', target: '2' };
    expect(organisationsConcerned({ kind: 'sla.breached', payload, date: '2025-11-15', hostOrganisationId: HOST, periods }).sort()).toEqual(['a', HOST]);
  });
});

describe('preferences and planned deliveries', () => {
  const recipients = users.filter((u) => u.organisationId === 'a' && !u.disabled);

  it('defaults to on, immediate, no attachment', () => {
    expect(preferenceFor('month.closed', [])).toEqual({ kind: 'month.closed', enabled: true, mode: 'immediate', attachPdf: false });
  });

  it('attaches only to kinds that have a PDF', () => {
    expect(preferenceFor('agreement.decided', [{ kind: 'agreement.decided', enabled: true, mode: 'digest', attachPdf: true }]).attachPdf).toBe(false);
    expect(preferenceFor('month.closed', [{ kind: 'month.closed', enabled: true, mode: 'immediate', attachPdf: true }]).attachPdf).toBe(true);
  });

  it('plans immediate, digest and nothing for a kind turned off; skipped without a mail server', () => {
    const prefs = new Map([
      ['a-org_admin', [{ kind: 'month.closed' as const, enabled: false, mode: 'immediate' as const, attachPdf: false }]],
      ['a-partner_user', [{ kind: 'month.closed' as const, enabled: true, mode: 'digest' as const, attachPdf: false }]],
      ['a-board_viewer', [{ kind: 'month.closed' as const, enabled: true, mode: 'immediate' as const, attachPdf: true }]],
    ]);
    const plan = planDeliveries('month.closed', recipients, prefs, true);
    expect(plan.map((d) => [d.userId, d.status, d.attachPdf])).toEqual([
      ['a-host_admin', 'pending', false],
      ['a-partner_user', 'pending_digest', false],
      ['a-board_viewer', 'pending', true],
    ]);
    expect(planDeliveries('month.closed', recipients, prefs, false).map((d) => d.status)).toEqual(['skipped', 'skipped', 'skipped']);
  });
});
