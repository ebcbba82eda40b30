/**
 * Notifications by email (issue 17) against a real SMTP server (smtp-server on loopback), every
 * message parsed back with mailparser. Events are caused through the real API; the test app is also
 * the worker (REPORT_WORKER default), so fan-out and sending run as in production.
 *
 * Two partnerships: C1 (host H1, members P1, P2) and C2 (host H2, member Q1), with users of every
 * role. Each event must reach exactly the users the rules name — no one else, and never a user of
 * the other partnership. One recipient's mail server refuses its first message: the delivery is
 * retried and that person ends with one copy of each message.
 */
import { Client } from 'pg';
import { UnitOfWork } from '../src/database/sql';
import { EVENT_KINDS } from '../src/events/event-kinds';
import { EventsService } from '../src/events/events.service';
import { NotificationsService } from '../src/notifications/notifications.service';
import { createTestApp, type TestApp } from './support/app';
import { approvedAgreement, freshProposal } from './support/agreement';
import { SmtpCapture } from './support/smtp';
import { until } from './support/until';
import { buildWorld, org, unique, type World } from './support/world';

jest.setTimeout(240_000);

const BASE = 'https://consortium.test.example';

describe('notifications by email (real SMTP)', () => {
  let t: TestApp;
  let w: World;
  const smtp = new SmtpCapture();
  /** What the server received; addresses whose first RCPT TO it refuses (a transient 451), and how many were refused. */
  const { inbox, refuseOnce, refused } = smtp;
  const extra: Record<'hostBoard' | 'p2Board' | 'foreignBoard' | 'p1Disabled', { email: string; id: string; token?: string }> = {} as never;
  let c1Name: string;
  let c2Name: string;

  /** Every delivery of the consortium settled (sent, failed, skipped, or waiting for the digest). */
  async function settled(consortiumId: string, token: string): Promise<{ email: string; kind: string; status: string; attempts: number }[]> {
    return until(
      'deliveries to settle',
      async () =>
        (await t.http.get(`/api/v1/consortia/${consortiumId}/notifications?limit=500`).set('Authorization', token)).body.items as {
          email: string;
          kind: string;
          status: string;
          attempts: number;
        }[],
      (items) => items.every((i) => ['sent', 'failed', 'skipped', 'pending_digest', 'digest_sent'].includes(i.status)),
    );
  }

  const to = (subject: RegExp | string) =>
    inbox
      .filter((m) => (typeof subject === 'string' ? m.subject === subject : subject.test(m.subject)))
      .flatMap((m) => m.to)
      .sort();
  const emails = (...who: string[]) => who.map((e) => e.toLowerCase()).sort();

  beforeAll(async () => {
    const smtpUrl = await smtp.listen();
    t = await createTestApp({ SMTP_URL: smtpUrl, NOTIFY_RETRY_DELAY_SECONDS: '1', JOB_POLL_SECONDS: '1', PUBLIC_BASE_URL: BASE });
    w = await buildWorld(t);
    const admin = w.tokens.admin!;
    const add = async (key: keyof typeof extra, role: string, organisationId: string) => {
      const email = `${unique(key.toLowerCase())}@t.example`;
      const r = await t.http.post('/api/v1/users').set('Authorization', admin).send({ email, password: 'password-1234567', role, organisationId });
      expect(r.status).toBe(201);
      extra[key] = { email, id: r.body.id as string };
    };
    await add('hostBoard', 'board_viewer', w.c1.hostOrgId);
    await add('p2Board', 'board_viewer', w.c1.partnerOrgIds[1]);
    await add('foreignBoard', 'board_viewer', w.c2.partnerOrgIds[0]);
    await add('p1Disabled', 'board_viewer', w.c1.partnerOrgIds[0]);
    await t.http.patch(`/api/v1/users/${extra.p1Disabled.id}`).set('Authorization', admin).send({ disabled: true }).expect(200);
    extra.hostBoard.token = await t.login(extra.hostBoard.email, 'password-1234567');
    extra.p2Board.token = await t.login(extra.p2Board.email, 'password-1234567');
    c1Name = (await t.http.get(`/api/v1/consortia/${w.c1.consortiumId}`).set('Authorization', admin)).body.name as string;
    c2Name = (await t.http.get(`/api/v1/consortia/${w.c2.consortiumId}`).set('Authorization', admin)).body.name as string;
    // the P2 board member's mail server refuses its first message
    refuseOnce.add(extra.p2Board.email.toLowerCase());
  });

  afterAll(async () => {
    await t?.close();
    await smtp.close();
  });

  it('preferences: defaults for every kind, saved per user, a PDF refused for a kind without one (400 naming the field)', async () => {
    const mine = await t.http.get('/api/v1/me/notification-preferences').set('Authorization', w.tokens.board!).expect(200);
    expect(mine.body.items).toHaveLength(EVENT_KINDS.length);
    expect(mine.body.items[0]).toEqual({ kind: 'agreement.proposed', enabled: true, mode: 'immediate', attachPdf: false });
    const bad = await t.http
      .put('/api/v1/me/notification-preferences')
      .set('Authorization', w.tokens.board!)
      .send({ items: [{ kind: 'sla.breached', enabled: true, mode: 'immediate', attachPdf: true }] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('items.0.attachPdf');
    // P1's board member wants its statement attached
    await t.http
      .put('/api/v1/me/notification-preferences')
      .set('Authorization', w.tokens.board!)
      .send({ items: [{ kind: 'month.closed', enabled: true, mode: 'immediate', attachPdf: true }] })
      .expect(200);
    // H1's board member wants decisions and closed months in the daily digest
    await t.http
      .put('/api/v1/me/notification-preferences')
      .set('Authorization', extra.hostBoard.token!)
      .send({
        items: [
          { kind: 'agreement.decided', enabled: true, mode: 'digest', attachPdf: false },
          { kind: 'month.closed', enabled: true, mode: 'digest', attachPdf: false },
        ],
      })
      .expect(200);
    // P1's organisation administrator wants no breach alerts
    await t.http
      .put('/api/v1/me/notification-preferences')
      .set('Authorization', w.tokens.orgAdmin!)
      .send({ items: [{ kind: 'sla.breached', enabled: false, mode: 'immediate', attachPdf: false }] })
      .expect(200);
    const again = await t.http.get('/api/v1/me/notification-preferences').set('Authorization', w.tokens.orgAdmin!).expect(200);
    expect((again.body.items as { kind: string; enabled: boolean }[]).find((i) => i.kind === 'sla.breached')?.enabled).toBe(false);
    // someone else's preferences are untouched
    const other = await t.http.get('/api/v1/me/notification-preferences').set('Authorization', w.tokens.partner!).expect(200);
    expect((other.body.items as { enabled: boolean }[]).every((i) => i.enabled)).toBe(true);
  });

  it('agreement decided: every user of every member (not the digest reader, not the disabled user, not the other partnership)', async () => {
    await approvedAgreement(t, w, w.c1.consortiumId);
    await approvedAgreement(t, w, w.c2.consortiumId);
    const c1Everyone = emails(w.users.host.email, w.users.partner.email, w.users.board.email, w.users.orgAdmin.email, w.users.otherPartner.email, extra.p2Board.email);
    const subject = `${c1Name}: version 1 of the agreement was approved`;
    await until(
      'v1 approved mail',
      () => to(subject),
      (r) => r.length >= c1Everyone.length,
    );
    const c2Subject = `${c2Name}: version 1 of the agreement was approved`;
    await until(
      'C2 v1 approved mail',
      () => to(c2Subject),
      (r) => r.length >= 3,
    );
    await settled(w.c1.consortiumId, w.tokens.host!);
    expect(to(subject)).toEqual(c1Everyone);
    expect(to(c2Subject)).toEqual(emails(w.users.otherHost.email, w.users.foreignPartner.email, extra.foreignBoard.email));
    const m = inbox.find((x) => x.subject === subject)!;
    expect(m.text).toContain(`${BASE}/consortium/${w.c1.consortiumId}/agreement`);
    // the refused first attempt was retried: one copy, two attempts
    expect(refused.get(extra.p2Board.email.toLowerCase())).toBe(1);
    const log = await settled(w.c1.consortiumId, w.tokens.host!);
    const p2 = log.filter((i) => i.email === extra.p2Board.email.toLowerCase());
    expect(p2.map((i) => [i.status, i.attempts])).toEqual([['sent', 2]]);
  });

  it("agreement proposed: the voting members' approvers (org admins, host admins, board viewers) only", async () => {
    const version = await freshProposal(t, w, w.c1.consortiumId);
    const subject = `${c1Name}: version ${version} of the agreement is proposed and needs your organisation's vote`;
    const approvers = emails(w.users.host.email, extra.hostBoard.email, w.users.board.email, w.users.orgAdmin.email, extra.p2Board.email);
    await until(
      'proposal mail',
      () => to(subject),
      (r) => r.length >= approvers.length,
    );
    await settled(w.c1.consortiumId, w.tokens.host!);
    expect(to(subject)).toEqual(approvers);
    expect(inbox.find((x) => x.subject === subject)!.text).toContain('Your organisation has a vote');

    // the members vote it through: the decision goes to everyone of C1 (immediately or in the digest)
    const base = `/api/v1/consortia/${w.c1.consortiumId}/agreement/versions/${version}/votes`;
    for (const token of [w.tokens.host!, w.tokens.orgAdmin!, extra.p2Board.token!]) await t.http.post(base).set('Authorization', token).send({ vote: 'approve' }).expect(200);
    const decided = `${c1Name}: version ${version} of the agreement was approved`;
    const everyone = emails(w.users.host.email, w.users.partner.email, w.users.board.email, w.users.orgAdmin.email, w.users.otherPartner.email, extra.p2Board.email);
    await until(
      'decision mail',
      () => to(decided),
      (r) => r.length >= everyone.length,
    );
    await settled(w.c1.consortiumId, w.tokens.host!);
    expect(to(decided)).toEqual(everyone);
  });

  it('a breached target: the member’s users and the host’s, once; the same value again tells no one', async () => {
    const sla = await t.http
      .post(`/api/v1/consortia/${w.c1.consortiumId}/slas`)
      .set('Authorization', w.tokens.host!)
      .send({
        serviceLineId: w.c1.serviceLineId,
        name: 'Payroll SLA',
        kind: 'SLA',
        frequency: 'monthly',
        creditCapPercent: '10',
        effectiveFrom: '2025-04',
        targets: [{ kpiCode: 'PAY_ACCURACY', target: '99.5', threshold: '99', creditPercent: '5' }],
      });
    expect(sla.status).toBe(201);
    const item = { kpiCode: 'PAY_ACCURACY', serviceLineId: w.c1.serviceLineId, organisationId: w.c1.partnerOrgIds[0], month: '2025-06', value: '97.25' };
    await t.http
      .post(`/api/v1/consortia/${w.c1.consortiumId}/measurements`)
      .set('Authorization', w.tokens.partner!)
      .send({ items: [item] })
      .expect(200);
    const subject = /Payroll accuracy .* for .* in June 2025$/;
    // P1's users (its org admin turned these off) and H1's users
    const expected = emails(w.users.partner.email, w.users.board.email, w.users.host.email, extra.hostBoard.email);
    await until(
      'breach mail',
      () => to(subject),
      (r) => r.length >= expected.length,
    );
    await settled(w.c1.consortiumId, w.tokens.host!);
    expect(to(subject)).toEqual(expected);
    const m = inbox.find((x) => subject.test(x.subject))!;
    expect(m.subject.startsWith(`${c1Name}: `)).toBe(true);
    expect(m.text).toContain('measured 97.25 for Payroll accuracy');
    expect(m.text).toContain('The target is 99.5');
    // the same measurement again, by CSV this time: no new event, no new mail
    const events = async () => (await t.http.get(`/api/v1/consortia/${w.c1.consortiumId}/notifications?limit=500`).set('Authorization', w.tokens.host!)).body.total as number;
    const before = await events();
    await t.http
      .post(`/api/v1/consortia/${w.c1.consortiumId}/measurements/import`)
      .set('Authorization', w.tokens.partner!)
      .set('Content-Type', 'text/csv')
      .send(`kpiCode,serviceLine,organisation,month,value\nPAY_ACCURACY,PAY,${w.c1.partnerOrgIds[0]},2025-06,97.25\n`)
      .expect(200);
    // a later event shows the fan-out has caught up; the breach was not told again
    const batch = await t.http.post(`/api/v1/consortia/${w.c1.consortiumId}/reports/statements`).set('Authorization', w.tokens.host!).send({ from: '2025-04', to: '2025-04' });
    expect(batch.status).toBe(202);
    const finished = /statement batch for April 2025 finished/;
    await until(
      'batch mail',
      () => to(finished),
      (r) => r.length >= 1,
    );
    await settled(w.c1.consortiumId, w.tokens.host!);
    expect(to(subject)).toEqual(expected);
    expect(await events()).toBe(before + 1);
    // batch finished: the host's administrators and the requester (the same person here)
    expect(to(finished)).toEqual(emails(w.users.host.email));
    expect(inbox.find((x) => finished.test(x.subject))!.text).toContain(`${BASE}/consortium/${w.c1.consortiumId}/batches/${batch.body.id}`);
  });

  it("month closed: each member's board viewers, the statement PDF attached for the one who chose it", async () => {
    await t.http.post(`/api/v1/consortia/${w.c1.consortiumId}/months/2025-04/close`).set('Authorization', w.tokens.host!).send({}).expect(201);
    const subject = `${c1Name}: April 2025 is closed and your statement is ready`;
    const immediate = emails(w.users.board.email, extra.p2Board.email);
    await until(
      'month closed mail',
      () => to(subject),
      (r) => r.length >= immediate.length,
    );
    await settled(w.c1.consortiumId, w.tokens.host!);
    expect(to(subject)).toEqual(immediate);
    const board = inbox.find((x) => x.subject === subject && x.to.includes(w.users.board.email.toLowerCase()))!;
    expect(board.attachments).toHaveLength(1);
    expect(board.attachments[0].contentType).toBe('application/pdf');
    expect(board.attachments[0].size).toBeGreaterThan(1000);
    expect(board.text).toContain('The statement is also attached');
    const p2 = inbox.find((x) => x.subject === subject && x.to.includes(extra.p2Board.email.toLowerCase()))!;
    expect(p2.attachments).toHaveLength(0);
    expect(p2.text).toContain(`${BASE}/consortium/${w.c1.consortiumId}/statements?from=2025-04&to=2025-04`);
  });

  it('the digest: one message per user gathering everything waiting, sent once', async () => {
    const hostBoard = extra.hostBoard.email.toLowerCase();
    expect(inbox.filter((m) => m.to.includes(hostBoard) && /agreement was approved|is closed/.test(m.subject))).toHaveLength(0);
    const service = t.app.get(NotificationsService);
    expect(await service.sendDigests()).toBe(1);
    const digest = await until(
      'the digest',
      () => inbox.filter((m) => m.to.includes(hostBoard) && m.subject.startsWith('Your daily summary')),
      (r) => r.length >= 1,
    );
    expect(digest).toHaveLength(1);
    expect(digest[0].subject).toBe('Your daily summary: 3 updates from your partnerships');
    expect(digest[0].text).toContain(`${c1Name}: version 1 of the agreement was approved`);
    expect(digest[0].text).toContain(`${c1Name}: April 2025 is closed and your statement is ready`);
    // nothing left to gather: no second digest
    expect(await service.sendDigests()).toBe(0);
    const log = await settled(w.c1.consortiumId, w.tokens.host!);
    expect(log.filter((i) => i.email === hostBoard && i.status === 'digest_sent')).toHaveLength(3);
  });

  it('scheduled events (published as the schedules publish them): the board pack to board viewers, reminders to those who submit', async () => {
    await t.http
      .put('/api/v1/me/notification-preferences')
      .set('Authorization', extra.p2Board.token!)
      .send({ items: [{ kind: 'board_pack.due', enabled: true, mode: 'immediate', attachPdf: true }] })
      .expect(200);
    const events = t.app.get(EventsService);
    await t.app.get(UnitOfWork).run(async (tx) => {
      await events.publish(tx, w.c1.consortiumId, 'board_pack.due', { from: '2025-04', to: '2025-04', scheduledFor: '2025-05-06' }, null);
      await events.publish(
        tx,
        w.c1.consortiumId,
        'measurements.reminder',
        { month: '2025-05', closesOn: null, missing: [{ organisationId: w.c1.partnerOrgIds[1], count: 2 }] },
        null,
      );
      // a reminder naming an organisation that is not a member of C2: nobody of C2 or elsewhere is told
      await events.publish(
        tx,
        w.c2.consortiumId,
        'measurements.reminder',
        { month: '2025-05', closesOn: null, missing: [{ organisationId: w.c1.partnerOrgIds[1], count: 5 }] },
        null,
      );
    });
    const pack = `${c1Name}: the board pack for April 2025 is ready`;
    const boardViewers = emails(w.users.board.email, extra.p2Board.email, extra.hostBoard.email);
    await until(
      'board pack mail',
      () => to(pack),
      (r) => r.length >= boardViewers.length,
    );
    const reminder = `${c1Name}: 2 measurements for May 2025 still to submit`;
    await until(
      'reminder mail',
      () => to(reminder),
      (r) => r.length >= 1,
    );
    await settled(w.c1.consortiumId, w.tokens.host!);
    await settled(w.c2.consortiumId, w.tokens.otherHost!);
    expect(to(pack)).toEqual(boardViewers);
    expect(to(reminder)).toEqual(emails(w.users.otherPartner.email));
    expect(inbox.filter((m) => m.subject.startsWith(`${c2Name}: `) && m.subject.includes('still to submit'))).toEqual([]);
    const withPack = inbox.find((m) => m.subject === pack && m.to.includes(extra.p2Board.email.toLowerCase()))!;
    expect(withPack.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
    expect(inbox.find((m) => m.subject === pack && m.to.includes(w.users.board.email.toLowerCase()))!.attachments).toHaveLength(0);
  });

  it('at most once: a sent delivery is never sent again; a row left mid-send is marked unknown by the sweep and never sent', async () => {
    const service = t.app.get(NotificationsService);
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const sent = (await db.query(`SELECT id FROM notification_deliveries WHERE status = 'sent' ORDER BY created_at LIMIT 1`)).rows[0] as { id: string };
      const count = inbox.length;
      await service.sendDelivery(sent.id);
      // a process that died after claiming: the row stays in 'sending'
      const stuck = (await db.query(`SELECT id FROM notification_deliveries WHERE status = 'sent' ORDER BY created_at LIMIT 1 OFFSET 1`)).rows[0] as { id: string };
      await db.query(`UPDATE notification_deliveries SET status = 'sending', claimed_at = now() - interval '20 minutes' WHERE id = $1`, [stuck.id]);
      await service.sendDelivery(stuck.id);
      expect(await service.sweep()).toBe(1);
      expect((await db.query(`SELECT status FROM notification_deliveries WHERE id = $1`, [stuck.id])).rows[0]).toEqual({ status: 'unknown' });
      await service.sendDelivery(stuck.id);
      expect(inbox.length).toBe(count);
    } finally {
      await db.end();
    }
  });

  it("invitations: the invited organisation's administrators are told (the host does not learn who they are); the host's administrators hear the answer", async () => {
    const admin = w.tokens.admin!;
    const invitedName = unique('Invited Trust ');
    const invited = await org(t, admin, { name: invitedName });
    const people: Record<'orgAdmin' | 'partner' | 'board', string> = { orgAdmin: '', partner: '', board: '' };
    for (const [key, role] of [
      ['orgAdmin', 'org_admin'],
      ['partner', 'partner_user'],
      ['board', 'board_viewer'],
    ] as const) {
      people[key] = `${unique(key.toLowerCase())}@t.example`;
      await t.http.post('/api/v1/users').set('Authorization', admin).send({ email: people[key], password: 'password-1234567', role, organisationId: invited }).expect(201);
    }
    const inv = await t.http
      .post(`/api/v1/consortia/${w.c1.consortiumId}/invitations`)
      .set('Authorization', w.tokens.host!)
      .send({ organisationId: invited, joinedOn: '2026-04-01' })
      .expect(201);
    const hostName = (inv.body as { hostOrganisationName: string }).hostOrganisationName;
    const subject = `${hostName} invites ${invitedName} to join ${c1Name}`;
    await until(
      'the invitation mail',
      () => to(subject),
      (r) => r.length > 0,
    );
    expect(to(subject)).toEqual(emails(people.orgAdmin));
    const mail = inbox.find((m) => m.subject === subject)!;
    expect(mail.text).toContain(`${BASE}/organisation/invitations`);
    expect(mail.text).toContain('from 1 April 2026');
    // the host's log says it went, not to whom
    const logOf = async () =>
      (await t.http.get(`/api/v1/consortia/${w.c1.consortiumId}/notifications?limit=500`).set('Authorization', w.tokens.host!).expect(200)).body.items as {
        kind: string;
        status: string;
        email: string | null;
      }[];
    const log = await until('the invitation delivery to settle', logOf, (items) => items.some((i) => i.kind === 'invitation.sent' && i.status === 'sent'));
    expect(log.filter((i) => i.kind === 'invitation.sent')).toEqual([expect.objectContaining({ status: 'sent', email: null })]);
    expect(JSON.stringify(log)).not.toContain(people.orgAdmin.toLowerCase());

    const orgAdmin = await t.login(people.orgAdmin, 'password-1234567');
    await t.http
      .post(`/api/v1/invitations/${inv.body.id as string}/decline`)
      .set('Authorization', orgAdmin)
      .expect(200);
    const answer = `${c1Name}: ${invitedName} declined your invitation to join`;
    await until(
      'the answer mail',
      () => to(answer),
      (r) => r.length > 0,
    );
    const hostAdmins = (await t.http.get('/api/v1/users?limit=100').set('Authorization', w.tokens.host!).expect(200)).body.items as {
      email: string;
      role: string;
      disabled: boolean;
    }[];
    expect(to(answer)).toEqual(emails(...hostAdmins.filter((u) => u.role === 'host_admin' && !u.disabled).map((u) => u.email)));
    expect(to(answer)).toContain(w.users.host.email.toLowerCase());
  });

  it('tenancy and exactly-once across the whole run: no message to a disabled user, none twice, none across partnerships', async () => {
    expect(inbox.flatMap((m) => m.to)).not.toContain(extra.p1Disabled.email.toLowerCase());
    const ids = inbox.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    const pairs = inbox.map((m) => `${m.subject}|${m.to.join(',')}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    const c2People = new Set([w.users.otherHost.email, w.users.foreignPartner.email, extra.foreignBoard.email].map((e) => e.toLowerCase()));
    for (const m of inbox) {
      if (m.subject.startsWith(`${c1Name}:`)) expect(m.to.filter((a) => c2People.has(a))).toEqual([]);
      if (m.subject.startsWith(`${c2Name}:`)) expect(m.to.every((a) => c2People.has(a))).toBe(true);
    }
    // the delivery log is the host's: a member's user is refused, another host sees no such consortium
    await t.http.get(`/api/v1/consortia/${w.c1.consortiumId}/notifications`).set('Authorization', w.tokens.partner!).expect(403);
    await t.http.get(`/api/v1/consortia/${w.c1.consortiumId}/notifications`).set('Authorization', w.tokens.otherHost!).expect(404);
  });
});
