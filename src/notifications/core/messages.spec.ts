import { digestSubject, messageFor, messageId, type MessageContext } from './messages';

const ctx: MessageContext = {
  consortiumId: 'c1',
  consortiumName: 'North Partnership',
  baseUrl: 'https://consortium.nhs.example',
  names: new Map([
    ['a', 'Alpha Trust'],
    ['h', 'Host Trust'],
  ]),
  recipientOrganisationId: 'a',
};

describe('messageFor', () => {
  it('an invitation names the host, the organisation invited and the joining date, and links to its invitations page', () => {
    const m = messageFor({ kind: 'invitation.sent', payload: { invitationId: 'i', organisationId: 'a', joinedOn: '2026-04-01' } }, { ...ctx, hostOrganisationId: 'h' });
    expect(m.subject).toBe('Host Trust invites Alpha Trust to join North Partnership');
    expect(m.link).toBe('https://consortium.nhs.example/organisation/invitations');
    expect(m.model).toMatchObject({ hostName: 'Host Trust', organisationName: 'Alpha Trust', joinedOn: '1 April 2026' });
  });

  it('an answer tells the host who accepted or declined, with a link to the members page', () => {
    const m = messageFor({ kind: 'invitation.answered', payload: { invitationId: 'i', organisationId: 'a', joinedOn: '2026-04-01', outcome: 'declined' } }, ctx);
    expect(m.subject).toBe('North Partnership: Alpha Trust declined your invitation to join');
    expect(m.link).toBe('https://consortium.nhs.example/consortium/c1/members');
    expect(m.model).toMatchObject({ accepted: false });
  });

  it('a proposal links to the agreement page and names the version', () => {
    const m = messageFor({ kind: 'agreement.proposed', payload: { version: 3, effectiveFrom: '2026-01', decisionRule: 'majority' } }, ctx);
    expect(m.subject).toBe("North Partnership: version 3 of the agreement is proposed and needs your organisation's vote");
    expect(m.link).toBe('https://consortium.nhs.example/consortium/c1/agreement');
    expect(m.model).toMatchObject({ effectiveFrom: 'January 2026', rule: 'more than half of the members must approve' });
  });

  it('a breach names the KPI, the member, the month and the figures', () => {
    const m = messageFor(
      {
        kind: 'sla.breached',
        payload: {
          organisationId: 'a',
          slaId: 's',
          serviceLineId: 'l',
          kpiCode: 'PAY_ACC',
          kpiName: 'Payroll accuracy',
          month: '2025-10',
          status: 'breached',
          value: '91.5',
          target: '99',
        },
      },
      ctx,
    );
    expect(m.subject).toBe('North Partnership: Payroll accuracy breached its target for Alpha Trust in October 2025');
    expect(m.link).toBe('https://consortium.nhs.example/consortium/c1/performance?month=2025-10');
    expect(m.model).toMatchObject({ value: '91.5', target: '99', critical: false });
  });

  it("a closed month links to the recipient's statement for the month", () => {
    const m = messageFor({ kind: 'month.closed', payload: { month: '2025-10', statements: [{ organisationId: 'a', contentHash: 'x' }] } }, ctx);
    expect(m.subject).toBe('North Partnership: October 2025 is closed and your statement is ready');
    expect(m.link).toBe('https://consortium.nhs.example/consortium/c1/statements?from=2025-10&to=2025-10');
    expect(m.model).toMatchObject({ organisationName: 'Alpha Trust' });
  });

  it('a batch gives its counts; a reminder counts the recipient organisation’s missing measurements', () => {
    expect(messageFor({ kind: 'batch.finished', payload: { jobId: 'j', from: '2025-04', to: '2025-06', status: 'done', done: 3, failed: 1, requestedBy: 'u' } }, ctx).subject).toBe(
      'North Partnership: statement batch for April to June 2025 finished (3 done, 1 failed)',
    );
    const r = messageFor(
      {
        kind: 'measurements.reminder',
        payload: {
          month: '2025-10',
          closesOn: '2025-11-07',
          missing: [
            { organisationId: 'a', count: 1 },
            { organisationId: 'b', count: 4 },
          ],
        },
      },
      ctx,
    );
    expect(r.subject).toBe('North Partnership: 1 measurement for October 2025 still to submit');
    expect(r.model).toMatchObject({ closesOn: '7 November 2025' });
  });

  it('decisions, board packs', () => {
    expect(messageFor({ kind: 'agreement.decided', payload: { version: 2, effectiveFrom: '2025-10', outcome: 'withdrawn' } }, ctx).subject).toBe(
      'North Partnership: version 2 of the agreement was withdrawn by the host',
    );
    expect(messageFor({ kind: 'board_pack.due', payload: { from: '2025-04', to: '2025-10', scheduledFor: '2025-11-04' } }, ctx).link).toBe(
      'https://consortium.nhs.example/consortium/c1/board',
    );
  });
});

describe('digestSubject and messageId', () => {
  it('counts and is fixed by the id', () => {
    expect(digestSubject(1)).toBe('Your daily summary: 1 update from your partnerships');
    expect(digestSubject(3)).toBe('Your daily summary: 3 updates from your partnerships');
    expect(messageId('delivery', 'd1', 'https://consortium.nhs.example:8443')).toBe('<delivery.d1@consortium.nhs.example>');
    expect(messageId('digest', 'g', 'not a url')).toBe('<digest.g@consortium.invalid>');
  });
});
