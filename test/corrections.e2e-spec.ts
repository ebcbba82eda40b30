/**
 * Corrections with their history (issue 13) and "closed months are closed for every input that
 * prices them" (domain.md §12): service lines' go-live and recipients, SLAs' effective months and
 * targets, joining and leaving dates, removing a member added in error, archiving a consortium. Every
 * refused change leaves the issued statements of the closed months exactly as they were.
 */
import { createTestApp, type TestApp } from './support/app';
import { buildWorld, org, unique, type World } from './support/world';
import { coopAgreement } from './support/agreement';

interface Problem {
  code: string;
  errors: { field: string; message: string }[];
}

const AGREEMENT = coopAgreement({ managementFeePercent: '0' });

describe('corrections and closed months (e2e)', () => {
  let t: TestApp;
  let w: World;
  let cid: string;
  let admin: string;
  let host: string;
  let pay: string;
  let paySla: string;
  /** An SLA effective 2025-04..2025-05 (retired inside the months closed later). */
  let retiredSla: string;
  /** An organisation that joined on 1 April 2025 and left on 15 May 2025 (inside the closed months). */
  let leaver: string;
  /** An invitation to join on 10 May 2025, made before the close and not yet accepted. */
  let lateInvitation: string;
  /** contentHash per month and organisation of the issued statements, as issued. */
  const issued: Record<string, Record<string, string>> = {};

  const url = (path: string) => `/api/v1/consortia/${cid}${path}`;
  const hashes = async (month: string) => {
    const res = await t.http
      .get(url(`/months/${month}/statements`))
      .set('Authorization', host)
      .expect(200);
    return Object.fromEntries((res.body.items as { organisationId: string; contentHash: string }[]).map((i) => [i.organisationId, i.contentHash]));
  };
  /** The issued statements of the closed months are exactly as issued. */
  const unchanged = async () => {
    for (const month of Object.keys(issued)) expect(await hashes(month)).toEqual(issued[month]);
  };
  const expectProblem = (body: Problem, code: string, field: string) => {
    expect(body.code).toBe(code);
    expect(body.errors.map((e) => e.field)).toContain(field);
  };
  const decisions = async (kind: string) =>
    (await t.http.get(url('/decisions')).query({ kind, limit: 200 }).set('Authorization', w.tokens.partner!).expect(200)).body.items as {
      summary: string;
      subject: Record<string, unknown>;
    }[];
  const audit = async (entity: string, entityId: string) =>
    (await t.http.get(url('/audit')).query({ entity, entityId }).set('Authorization', host).expect(200)).body.items as { action: string; before: unknown; after: unknown }[];
  const cost = (month: string, extra: Record<string, unknown> = {}) =>
    t.http
      .post(url('/costs'))
      .set('Authorization', host)
      .send({ month, category: 'operating', amount: '1000.00', serviceLineId: pay, description: 'Team', ...extra });

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    cid = w.c1.consortiumId;
    admin = w.tokens.admin!;
    host = w.tokens.host!;
    pay = w.c1.serviceLineId;
    await t.http.put(url('/agreement')).set('Authorization', admin).send(AGREEMENT).expect(200);
    await t.http.post(url('/agreement/approve')).set('Authorization', admin).expect(200);
    for (const month of ['2025-04', '2025-05', '2025-06']) await cost(month).expect(201);
    paySla = (
      await t.http
        .post(url('/slas'))
        .set('Authorization', host)
        .send({
          serviceLineId: pay,
          name: 'Payroll SLA',
          kind: 'SLA',
          frequency: 'monthly',
          creditCapPercent: '10',
          effectiveFrom: '2025-04',
          targets: [{ kpiCode: 'PAY_ACCURACY', target: '99.5', threshold: '99', creditPercent: '5' }],
        })
        .expect(201)
    ).body.id;
    retiredSla = (
      await t.http
        .post(url('/slas'))
        .set('Authorization', host)
        .send({
          serviceLineId: pay,
          name: 'Payroll SLA 2025 Q1',
          kind: 'SLA',
          frequency: 'monthly',
          creditCapPercent: '10',
          effectiveFrom: '2025-04',
          effectiveTo: '2025-05',
          targets: [{ kpiCode: 'PAY_ACCURACY', target: '99.5', threshold: '99', creditPercent: '5' }],
        })
        .expect(201)
    ).body.id;
    leaver = await org(t, admin);
    await t.http.post(url('/members')).set('Authorization', admin).send({ organisationId: leaver, joinedOn: '2025-04-01' }).expect(201);
    await t.http
      .patch(url(`/members/${leaver}`))
      .set('Authorization', host)
      .send({ leftOn: '2025-05-15' })
      .expect(200);
    lateInvitation = (
      await t.http
        .post(url('/invitations'))
        .set('Authorization', host)
        .send({ organisationId: await org(t, admin), joinedOn: '2025-05-10' })
        .expect(201)
    ).body.id;
    for (const month of ['2025-04', '2025-05']) {
      await t.http
        .post(url(`/months/${month}/close`))
        .set('Authorization', host)
        .send({})
        .expect(201);
      issued[month] = await hashes(month);
    }
    expect(Object.keys(issued['2025-05']).length).toBeGreaterThan(2);
  });
  afterAll(() => t.close());

  describe('service lines: go-live, recipients, name', () => {
    let fin: string;

    it('a line goes live in the consortium’s start month unless it says otherwise', async () => {
      const res = await t.http
        .get(url(`/service-lines/${pay}`))
        .set('Authorization', w.tokens.partner!)
        .expect(200);
      expect(res.body.goLive).toBe('2025-04');
      const created = await t.http
        .post(url('/service-lines'))
        .set('Authorization', host)
        .send({ code: 'FIN', name: 'Finance', function: 'finance', classification: 'transactional', goLive: '2025-07' })
        .expect(201);
      expect(created.body.goLive).toBe('2025-07');
      fin = created.body.id;
      const early = await t.http
        .post(url('/service-lines'))
        .set('Authorization', host)
        .send({ code: 'EARLY', name: 'Early', function: 'finance', classification: 'transactional', goLive: '2025-01' })
        .expect(400);
      expectProblem(early.body, 'validation_error', 'goLive');
    });

    it('a cost entry of a line before its go-live is 400 naming month; from go-live on it is accepted', async () => {
      const before = await cost('2025-06', { serviceLineId: fin }).expect(400);
      expect(before.body.errors).toEqual([{ field: 'month', message: 'the service line goes live in 2025-07: enter its costs from then on' }]);
      await cost('2025-07', { serviceLineId: fin }).expect(201);
    });

    it('moving go-live later than a cost entry of the line is 409 naming goLive; earlier (in open months) is fine and audited', async () => {
      const later = await t.http
        .patch(url(`/service-lines/${fin}`))
        .set('Authorization', host)
        .send({ goLive: '2025-08' })
        .expect(409);
      expectProblem(later.body, 'costs_before_go_live', 'goLive');
      const earlier = await t.http
        .patch(url(`/service-lines/${fin}`))
        .set('Authorization', host)
        .send({ goLive: '2025-06' })
        .expect(200);
      expect(earlier.body).toMatchObject({ id: fin, goLive: '2025-06', name: 'Finance' });
      const entries = await audit('service_line', fin);
      expect(entries[0]).toMatchObject({ action: 'update', before: expect.objectContaining({ goLive: '2025-07' }), after: expect.objectContaining({ goLive: '2025-06' }) });
    });

    it('a go-live change touching a closed month (old or new) is 409 month_closed naming goLive', async () => {
      const into = await t.http
        .patch(url(`/service-lines/${fin}`))
        .set('Authorization', host)
        .send({ goLive: '2025-05' })
        .expect(409);
      expectProblem(into.body, 'month_closed', 'goLive');
      const outOf = await t.http
        .patch(url(`/service-lines/${pay}`))
        .set('Authorization', host)
        .send({ goLive: '2025-06' })
        .expect(409);
      expectProblem(outOf.body, 'month_closed', 'goLive');
      expect((await t.http.get(url(`/service-lines/${pay}`)).set('Authorization', host)).body.goLive).toBe('2025-04');
      await unchanged();
    });

    it('removing a recipient that was a member in a closed month is 409 month_closed naming recipientIds; nothing changes', async () => {
      const [p1] = w.c1.partnerOrgIds;
      const res = await t.http
        .patch(url(`/service-lines/${pay}`))
        .set('Authorization', host)
        .send({ name: 'Payroll and pensions', recipientIds: [w.c1.hostOrgId, p1] })
        .expect(409);
      expectProblem(res.body, 'month_closed', 'recipientIds');
      const line = (await t.http.get(url(`/service-lines/${pay}`)).set('Authorization', host)).body;
      expect(line).toMatchObject({ name: 'Payroll', recipientIds: null });
      await unchanged();
    });

    it('an organisation that joined after the last close may be added to or removed from the recipients', async () => {
      const late = await org(t, admin);
      await t.http.post(url('/members')).set('Authorization', admin).send({ organisationId: late, joinedOn: '2025-06-10' }).expect(201);
      const everyoneButLate = [w.c1.hostOrgId, ...w.c1.partnerOrgIds, leaver];
      const removed = await t.http
        .patch(url(`/service-lines/${pay}`))
        .set('Authorization', host)
        .send({ recipientIds: everyoneButLate })
        .expect(200);
      expect(removed.body.recipientIds).toEqual(everyoneButLate);
      await t.http
        .patch(url(`/service-lines/${pay}`))
        .set('Authorization', host)
        .send({ recipientIds: [...everyoneButLate, late] })
        .expect(200);
      const back = await t.http
        .patch(url(`/service-lines/${pay}`))
        .set('Authorization', host)
        .send({ recipientIds: null, name: 'Payroll services' })
        .expect(200);
      expect(back.body).toMatchObject({ recipientIds: null, name: 'Payroll services' });
      await unchanged();
    });

    it('bad input is 400 naming every field at once; another tenant’s line is 404', async () => {
      const res = await t.http
        .patch(url(`/service-lines/${pay}`))
        .set('Authorization', host)
        .send({ name: '   ', goLive: '2024-01', recipientIds: [w.c2.partnerOrgIds[0]] })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['goLive', 'name', 'recipientIds.0']);
      // a malformed field (the DTO's format check) and a recipient that is not a member come in one answer, not two rounds
      const mixed = await t.http
        .patch(url(`/service-lines/${pay}`))
        .set('Authorization', host)
        .send({ goLive: '2025-13', recipientIds: [w.c1.hostOrgId, w.c2.partnerOrgIds[0]] })
        .expect(400);
      expect(mixed.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['goLive', 'recipientIds.1']);
      const lines = async () => (await t.http.get(url('/service-lines')).set('Authorization', host).expect(200)).body.items as unknown[];
      const before = await lines();
      const created = await t.http
        .post(url('/service-lines'))
        .set('Authorization', host)
        .send({ code: 'MIX', name: 'Mixed', function: 'finance', classification: 'sometimes', recipientIds: [w.c2.partnerOrgIds[0]], extra: true })
        .expect(400);
      expect(created.body).toMatchObject({ code: 'validation_error' });
      expect(created.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['classification', 'extra', 'recipientIds.0']);
      expect(await lines()).toEqual(before);
      await t.http
        .patch(url(`/service-lines/${w.c2.serviceLineId}`))
        .set('Authorization', host)
        .send({ name: 'x' })
        .expect(404);
    });

    it('an SLA gives no breach, credit or missing credit for months before its line goes live', async () => {
      const ops = await t.http
        .post(url('/service-lines'))
        .set('Authorization', host)
        .send({ code: 'OPS', name: 'Payroll operations', function: 'payroll', classification: 'transactional', goLive: '2025-09' })
        .expect(201);
      const sla = await t.http
        .post(url('/slas'))
        .set('Authorization', host)
        .send({
          serviceLineId: ops.body.id,
          name: 'Operations SLA',
          kind: 'SLA',
          frequency: 'monthly',
          creditCapPercent: '10',
          effectiveFrom: '2025-06',
          targets: [{ kpiCode: 'PAY_ACCURACY', target: '99.5', threshold: '99', creditPercent: '5' }],
        })
        .expect(201);
      const perf = async (month: string) => (await t.http.get(url('/performance')).query({ month }).set('Authorization', host).expect(200)).body;
      const before = await perf('2025-08');
      expect(before.items.filter((i: { slaId: string }) => i.slaId === sla.body.id)).toEqual([]);
      expect(before.credits.filter((i: { slaId: string }) => i.slaId === sla.body.id)).toEqual([]);
      const after = await perf('2025-09');
      const items = after.items.filter((i: { slaId: string }) => i.slaId === sla.body.id);
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((i: { status: string }) => i.status === 'missing')).toBe(true);
      expect(after.credits.filter((i: { slaId: string }) => i.slaId === sla.body.id).length).toBeGreaterThan(0);
    });
  });

  describe('SLAs: effective months and targets', () => {
    let open: string;
    const target = (over: Record<string, unknown> = {}) => ({ kpiCode: 'PAY_ACCURACY', target: '99.5', threshold: '99', creditPercent: '5', ...over });

    it('a new SLA effective from a closed month is 409 month_closed naming effectiveFrom', async () => {
      const res = await t.http
        .post(url('/slas'))
        .set('Authorization', host)
        .send({ serviceLineId: pay, name: 'Late SLA', kind: 'SLA', frequency: 'monthly', creditCapPercent: '10', effectiveFrom: '2025-05', targets: [target()] })
        .expect(409);
      expectProblem(res.body, 'month_closed', 'effectiveFrom');
      const ok = await t.http
        .post(url('/slas'))
        .set('Authorization', host)
        .send({ serviceLineId: pay, name: 'Open SLA', kind: 'SLA', frequency: 'monthly', creditCapPercent: '10', effectiveFrom: '2025-06', targets: [target()] })
        .expect(201);
      open = ok.body.id;
      await unchanged();
    });

    it('new targets of an SLA effective in a closed month are 409 month_closed naming targets', async () => {
      const res = await t.http
        .patch(url(`/slas/${paySla}`))
        .set('Authorization', host)
        .send({ targets: [target({ target: '99.9' })] })
        .expect(409);
      expectProblem(res.body, 'month_closed', 'targets');
      // the same targets again change nothing: fine
      await t.http
        .patch(url(`/slas/${paySla}`))
        .set('Authorization', host)
        .send({ targets: [target()] })
        .expect(200);
      await unchanged();
    });

    it('an effectiveTo on or before the last closed month is 409 naming effectiveTo; retiring after it is fine, audited, and may move while open', async () => {
      const res = await t.http
        .patch(url(`/slas/${paySla}`))
        .set('Authorization', host)
        .send({ effectiveTo: '2025-05' })
        .expect(409);
      expectProblem(res.body, 'month_closed', 'effectiveTo');
      const retired = await t.http
        .patch(url(`/slas/${paySla}`))
        .set('Authorization', host)
        .send({ effectiveTo: '2025-09', name: 'Payroll SLA 2025' })
        .expect(200);
      expect(retired.body).toMatchObject({ effectiveTo: '2025-09', name: 'Payroll SLA 2025', effectiveFrom: '2025-04' });
      await t.http
        .patch(url(`/slas/${paySla}`))
        .set('Authorization', host)
        .send({ effectiveTo: null })
        .expect(200);
      const entries = await audit('sla', paySla);
      expect(entries[0]).toMatchObject({ action: 'update', before: expect.objectContaining({ effectiveTo: '2025-09' }), after: expect.objectContaining({ effectiveTo: null }) });
      await unchanged();
    });

    it('changing (or clearing) an effectiveTo that is already in a closed month is 409 naming effectiveTo', async () => {
      const later = await t.http
        .patch(url(`/slas/${retiredSla}`))
        .set('Authorization', host)
        .send({ effectiveTo: '2025-08' })
        .expect(409);
      expectProblem(later.body, 'month_closed', 'effectiveTo');
      const cleared = await t.http
        .patch(url(`/slas/${retiredSla}`))
        .set('Authorization', host)
        .send({ effectiveTo: null })
        .expect(409);
      expectProblem(cleared.body, 'month_closed', 'effectiveTo');
      // its name is not priced: it may change
      await t.http
        .patch(url(`/slas/${retiredSla}`))
        .set('Authorization', host)
        .send({ name: 'Payroll SLA spring 2025' })
        .expect(200);
      await unchanged();
    });

    it('every field error of a PATCH comes in one answer; the cross-function rule holds for new targets', async () => {
      const res = await t.http
        .patch(url(`/slas/${open}`))
        .set('Authorization', host)
        .send({ name: ' ', targets: [target({ kpiCode: 'NO_SUCH_KPI' }), target({ target: '99', threshold: '99.5' }), target({ kpiCode: 'HR_COST_PCT', creditPercent: '500' })] })
        .expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['name', 'targets.0.kpiCode', 'targets.2.kpiCode', 'targets.2.creditPercent']));
      expect(fields.some((f: string) => f.startsWith('targets.1.'))).toBe(true);
      const cross = await t.http
        .patch(url(`/slas/${open}`))
        .set('Authorization', host)
        .send({ targets: [target({ kpiCode: 'HR_COST_PCT', target: '2', threshold: '3' })] })
        .expect(400);
      expect(cross.body.errors).toEqual([expect.objectContaining({ field: 'targets.0.kpiCode', message: expect.stringContaining('crossFunction') })]);
      const ok = await t.http
        .patch(url(`/slas/${open}`))
        .set('Authorization', host)
        .send({ crossFunction: true, targets: [target({ target: '99.8' }), target({ kpiCode: 'HR_COST_PCT', target: '2', threshold: '3' })] })
        .expect(200);
      expect(ok.body).toMatchObject({
        crossFunction: true,
        targets: [expect.objectContaining({ kpiCode: 'PAY_ACCURACY', target: '99.8' }), expect.objectContaining({ kpiCode: 'HR_COST_PCT' })],
      });
      await t.http
        .patch(url(`/slas/${open}`))
        .set('Authorization', w.tokens.partner!)
        .send({ name: 'x' })
        .expect(403);
      await t.http
        .patch(url(`/slas/${open}`))
        .set('Authorization', w.tokens.otherHost!)
        .send({ name: 'x' })
        .expect(404);
      await unchanged();
    });
  });

  describe('membership and closed months', () => {
    it('joining inside a closed month is 409 month_closed naming joinedOn: direct enrolment, an invitation, accepting one', async () => {
      const direct = await t.http
        .post(url('/members'))
        .set('Authorization', admin)
        .send({ organisationId: await org(t, admin), joinedOn: '2025-05-20' })
        .expect(409);
      expectProblem(direct.body, 'month_closed', 'joinedOn');
      const invite = await t.http
        .post(url('/invitations'))
        .set('Authorization', host)
        .send({ organisationId: await org(t, admin), joinedOn: '2025-04-15' })
        .expect(409);
      expectProblem(invite.body, 'month_closed', 'joinedOn');
      const accept = await t.http.post(`/api/v1/invitations/${lateInvitation}/accept`).set('Authorization', admin).expect(409);
      expectProblem(accept.body, 'month_closed', 'joinedOn');
      await unchanged();
    });

    it('joining after the last close is in the decisions log, for a direct enrolment and an accepted invitation', async () => {
      const direct = await org(t, admin, { name: unique('Direct Trust ') });
      await t.http.post(url('/members')).set('Authorization', admin).send({ organisationId: direct, joinedOn: '2025-06-01' }).expect(201);
      const invited = await org(t, admin, { name: unique('Invited Trust ') });
      const inv = await t.http.post(url('/invitations')).set('Authorization', host).send({ organisationId: invited, joinedOn: '2025-07-01' }).expect(201);
      await t.http.post(`/api/v1/invitations/${inv.body.id}/accept`).set('Authorization', admin).expect(200);
      const joined = await decisions('member_joined');
      const d = joined.find((x) => x.subject.organisationId === direct)!;
      expect(d.summary).toMatch(/^Direct Trust .* joined from 2025-06-01 \(enrolled directly by a platform admin\)$/);
      const i = joined.find((x) => x.subject.organisationId === invited)!;
      expect(i.summary).toMatch(/^Invited Trust .* joined from 2025-07-01 \(accepted an invitation\)$/);
    });

    it('a leaving date on or before the last closed day (new, or the one being changed) is 409 month_closed naming leftOn', async () => {
      const [, p2] = w.c1.partnerOrgIds;
      const into = await t.http
        .patch(url(`/members/${p2}`))
        .set('Authorization', host)
        .send({ leftOn: '2025-05-31' })
        .expect(409);
      expectProblem(into.body, 'month_closed', 'leftOn');
      const cancel = await t.http
        .patch(url(`/members/${leaver}`))
        .set('Authorization', admin)
        .send({ leftOn: null })
        .expect(409);
      expectProblem(cancel.body, 'month_closed', 'leftOn');
      const moved = await t.http
        .patch(url(`/members/${leaver}`))
        .set('Authorization', admin)
        .send({ leftOn: '2025-07-31' })
        .expect(409);
      expectProblem(moved.body, 'month_closed', 'leftOn');
      await unchanged();
    });

    it('setting and changing a leaving date after the close is allowed and in the decisions log', async () => {
      const [, p2] = w.c1.partnerOrgIds;
      await t.http
        .patch(url(`/members/${p2}`))
        .set('Authorization', host)
        .send({ leftOn: '2025-09-30' })
        .expect(200);
      await t.http
        .patch(url(`/members/${p2}`))
        .set('Authorization', host)
        .send({ leftOn: '2025-08-31' })
        .expect(200);
      const leaving = (await decisions('member_leaving')).filter((x) => x.subject.organisationId === p2);
      expect(leaving.map((x) => x.summary)).toEqual([expect.stringMatching(/now leaves on 2025-08-31 \(was 2025-09-30\)$/), expect.stringMatching(/leaves on 2025-09-30$/)]);
      await t.http
        .patch(url(`/members/${p2}`))
        .set('Authorization', admin)
        .send({ leftOn: null })
        .expect(200);
    });
  });

  describe('removing a member added in error', () => {
    it('removes the latest period when it began after the last close and nothing hangs off it: audited and logged', async () => {
      const mistake = await org(t, admin, { name: unique('Mistaken Trust ') });
      await t.http.post(url('/members')).set('Authorization', admin).send({ organisationId: mistake, joinedOn: '2025-06-15' }).expect(201);
      const res = await t.http
        .delete(url(`/members/${mistake}`))
        .set('Authorization', host)
        .expect(200);
      expect(res.body).toMatchObject({ organisationId: mistake, joinedOn: '2025-06-15', isHost: false });
      const members = (await t.http.get(url('/members')).set('Authorization', host).expect(200)).body.items;
      expect(members.some((m: { organisationId: string }) => m.organisationId === mistake)).toBe(false);
      const entries = await audit('member', res.body.id);
      expect(entries[0]).toMatchObject({ action: 'delete', before: expect.objectContaining({ organisationId: mistake }) });
      const removed = (await decisions('member_removed')).find((x) => x.subject.organisationId === mistake)!;
      expect(removed.summary).toMatch(/^Mistaken Trust .*'s membership from 2025-06-15 was removed \(added in error\)$/);
      await t.http
        .delete(url(`/members/${mistake}`))
        .set('Authorization', host)
        .expect(404);
      await unchanged();
    });

    it('is refused with 409 member_has_records while records are attributable to it, saying what to delete first', async () => {
      const busy = await org(t, admin);
      await t.http.post(url('/members')).set('Authorization', admin).send({ organisationId: busy, joinedOn: '2025-07-01' }).expect(201);
      await t.http
        .post(url('/costs'))
        .set('Authorization', host)
        .send({ month: '2025-07', category: 'risk', amount: '500.00', attributableTo: busy, description: 'Legal claim' })
        .expect(201);
      const line = await t.http
        .post(url('/service-lines'))
        .set('Authorization', host)
        .send({ code: 'BUSY', name: 'Busy line', function: 'payroll', classification: 'transactional', goLive: '2025-07', recipientIds: [w.c1.hostOrgId, busy] })
        .expect(201);
      const res = await t.http
        .delete(url(`/members/${busy}`))
        .set('Authorization', host)
        .expect(409);
      expectProblem(res.body, 'member_has_records', 'organisationId');
      expect(res.body.detail).toContain('risk cost entry attributable to it from 2025-07');
      expect(res.body.detail).toContain('service line(s) BUSY: PATCH their recipientIds without it');
      const members = (await t.http.get(url('/members')).set('Authorization', host).expect(200)).body.items;
      expect(members.some((m: { organisationId: string }) => m.organisationId === busy)).toBe(true);
      expect(res.body.detail).toContain('end the membership with a leaving date instead');
      // the line can drop it; the ledger keeps its entry, so the organisation stays a member (it may leave)
      await t.http
        .patch(url(`/service-lines/${line.body.id}`))
        .set('Authorization', host)
        .send({ recipientIds: [w.c1.hostOrgId] })
        .expect(200);
      const still = await t.http
        .delete(url(`/members/${busy}`))
        .set('Authorization', host)
        .expect(409);
      expect(still.body.detail).not.toContain('BUSY');
      await unchanged();
    });

    it('a period that began in a closed month is 409 month_closed; the host is 409; a non-member is 404', async () => {
      const [p1] = w.c1.partnerOrgIds;
      const closed = await t.http
        .delete(url(`/members/${p1}`))
        .set('Authorization', host)
        .expect(409);
      expectProblem(closed.body, 'month_closed', 'joinedOn');
      const theHost = await t.http
        .delete(url(`/members/${w.c1.hostOrgId}`))
        .set('Authorization', admin)
        .expect(409);
      expectProblem(theHost.body, 'host_cannot_be_removed', 'organisationId');
      await t.http
        .delete(url(`/members/${w.c2.partnerOrgIds[0]}`))
        .set('Authorization', host)
        .expect(404);
      await t.http
        .delete(url(`/members/${p1}`))
        .set('Authorization', w.tokens.partner!)
        .expect(403);
      await unchanged();
    });
  });

  describe('archiving a consortium', () => {
    let aid: string;
    let partner: string;
    const a = (path: string) => `/api/v1/consortia/${aid}${path}`;

    let hostOrg: string;
    beforeAll(async () => {
      hostOrg = await org(t, admin);
      partner = await org(t, admin);
      aid = (
        await t.http
          .post('/api/v1/consortia')
          .set('Authorization', admin)
          .send({ name: unique('Ending '), deliveryModel: 'cooperative', hostOrganisationId: hostOrg, startDate: '2025-04-01' })
          .expect(201)
      ).body.id;
      await t.http.post(a('/members')).set('Authorization', admin).send({ organisationId: partner, joinedOn: '2025-04-01' }).expect(201);
      await t.http.put(a('/agreement')).set('Authorization', admin).send(AGREEMENT).expect(200);
      await t.http.post(a('/agreement/approve')).set('Authorization', admin).expect(200);
    });

    it('is refused while a member other than the host remains, then while a month it was charged in is open', async () => {
      const remain = await t.http.post(a('/archive')).set('Authorization', admin).send({}).expect(409);
      expectProblem(remain.body, 'members_remain', 'members');
      await t.http
        .patch(a(`/members/${partner}`))
        .set('Authorization', admin)
        .send({ leftOn: '2025-05-31' })
        .expect(200);
      const open = await t.http.post(a('/archive')).set('Authorization', admin).send({}).expect(409);
      expectProblem(open.body, 'months_open', 'months');
      expect(open.body.detail).toContain('2025-05');
    });

    it('archives once every member has left and their months are closed: readable, audited, logged', async () => {
      for (const month of ['2025-04', '2025-05'])
        await t.http
          .post(a(`/months/${month}/close`))
          .set('Authorization', admin)
          .send({})
          .expect(201);
      await t.http
        .post(a('/invitations'))
        .set('Authorization', admin)
        .send({ organisationId: await org(t, admin), joinedOn: '2025-07-01' })
        .expect(201);
      const res = await t.http.post(a('/archive')).set('Authorization', admin).send({ note: 'The partnership ended in May 2025' }).expect(200);
      expect(res.body.archivedAt).toEqual(expect.any(String));
      expect(res.body.archiveNote).toBe('The partnership ended in May 2025');
      const view = await t.http.get(a('')).set('Authorization', admin).expect(200);
      expect(view.body.archivedAt).toBe(res.body.archivedAt);
      await t.http.get(a('/members')).set('Authorization', admin).expect(200);
      await t.http.get(a('/months/2025-04/statements')).set('Authorization', admin).expect(200);
      await t.http.get(a('/audit')).set('Authorization', admin).expect(200);
      const log = (await t.http.get(a('/decisions')).query({ kind: 'consortium_archived' }).set('Authorization', admin).expect(200)).body.items;
      expect(log).toEqual([expect.objectContaining({ kind: 'consortium_archived', summary: expect.stringContaining('was archived: The partnership ended in May 2025') })]);
      const entries = (await t.http.get(a('/audit')).query({ entity: 'consortium', entityId: aid }).set('Authorization', admin).expect(200)).body.items;
      expect(entries[0]).toMatchObject({ action: 'archive', before: expect.objectContaining({ archivedAt: null }) });
      // its pending invitations were withdrawn
      const invitations = (await t.http.get(a('/invitations')).set('Authorization', admin).expect(200)).body.items;
      expect(invitations.map((i: { status: string }) => i.status)).toEqual(['withdrawn']);
    });

    it('every write to an archived consortium answers 409 consortium_archived', async () => {
      const writes = [
        t.http.patch(a('')).send({ name: 'Renamed' }),
        t.http.post(a('/members')).send({ organisationId: await org(t, admin), joinedOn: '2025-08-01' }),
        t.http.patch(a(`/members/${partner}`)).send({ leftOn: '2025-05-31' }),
        t.http.post(a('/service-lines')).send({ code: 'PAY', name: 'Payroll', function: 'payroll', classification: 'transactional' }),
        t.http.post(a('/costs')).send({ month: '2025-06', category: 'investment', amount: '1.00', description: 'x' }),
        t.http.post(a('/months/2025-06/close')).send({}),
        t.http.put(a('/agreement')).send(AGREEMENT),
        t.http.post(a('/archive')).send({}),
      ];
      for (const w of writes) {
        const res = await w.set('Authorization', admin);
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'consortium_archived' });
      }
      // a vote too, though voters only read the consortium
      const email = `${unique('voter')}@t.example`;
      await t.http.post('/api/v1/users').set('Authorization', admin).send({ email, password: 'voter-password-2025', role: 'host_admin', organisationId: hostOrg }).expect(201);
      const login = await t.http.post('/api/v1/auth/login').send({ email, password: 'voter-password-2025' }).expect(200);
      const vote = await t.http.post(a('/agreement/versions/1/votes')).set('Authorization', `Bearer ${login.body.accessToken}`).send({ vote: 'approve' });
      expect({ status: vote.status, code: vote.body.code }).toEqual({ status: 409, code: 'consortium_archived' });
    });
  });
});
