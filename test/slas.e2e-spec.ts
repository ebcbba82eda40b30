import { Client } from 'pg';
import { ADMIN, createTestApp, TestApp } from './support/app';
import { buildWorld, World } from './support/world';

/** The worked example of domain.md §11 (its SLA part) through the HTTP API. */
async function workedExample(t: TestApp, admin: string) {
  const mkOrg = async (name: string, odsCode: string, annualTurnover: string, headcount: string) =>
    (await t.http.post('/api/v1/organisations').set('Authorization', admin).send({ name, odsCode, type: 'acute_trust', annualTurnover, headcount }).expect(201)).body.id as string;
  const A = await mkOrg('North Vale Hospitals NHS Foundation Trust', 'WEA', '400000000.00', '6000');
  const B = await mkOrg('Riverside Community Health NHS Trust', 'WEB', '250000000.00', '3500');
  const C = await mkOrg('Hillcrest Mental Health NHS Trust', 'WEC', '150000000.00', '2500');
  const cid = (
    await t.http
      .post('/api/v1/consortia')
      .set('Authorization', admin)
      .send({ name: 'Worked example', deliveryModel: 'cooperative', hostOrganisationId: A, startDate: '2025-04-01' })
      .expect(201)
  ).body.id;
  await t.http.post(`/api/v1/consortia/${cid}/members`).set('Authorization', admin).send({ organisationId: B, joinedOn: '2025-04-01' }).expect(201);
  await t.http.post(`/api/v1/consortia/${cid}/members`).set('Authorization', admin).send({ organisationId: C, joinedOn: '2025-05-16' }).expect(201);
  const fin = (
    await t.http
      .post(`/api/v1/consortia/${cid}/service-lines`)
      .set('Authorization', admin)
      .send({ code: 'FIN', name: 'Finance', function: 'finance', classification: 'transactional' })
      .expect(201)
  ).body.id;
  const pay = (
    await t.http
      .post(`/api/v1/consortia/${cid}/service-lines`)
      .set('Authorization', admin)
      .send({ code: 'PAY', name: 'Payroll', function: 'payroll', classification: 'transactional' })
      .expect(201)
  ).body.id;
  const sla = await t.http
    .post(`/api/v1/consortia/${cid}/slas`)
    .set('Authorization', admin)
    .send({
      serviceLineId: pay,
      name: 'Payroll SLA',
      kind: 'SLA',
      frequency: 'monthly',
      creditCapPercent: '10',
      effectiveFrom: '2025-04',
      targets: [
        { kpiCode: 'PAY_ACCURACY', target: '99.5', threshold: '99.0', creditPercent: '5' },
        { kpiCode: 'PAY_ON_TIME', target: 100, threshold: 99.8, creditPercent: 3 },
      ],
    })
    .expect(201);
  return { A, B, C, cid, fin, pay, slaId: sla.body.id as string, sla: sla.body };
}

describe('SLAs, measurements and performance (e2e)', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    admin = await t.login(ADMIN.email, ADMIN.password);
  });
  afterAll(() => t.close());

  describe('the worked example (domain.md §11) through the API', () => {
    let ex: Awaited<ReturnType<typeof workedExample>>;
    beforeAll(async () => {
      ex = await workedExample(t, admin);
      const csv = [
        'kpiCode,serviceLine,organisation,month,value',
        'PAY_ACCURACY,PAY,WEA,2025-04,99.7',
        'PAY_ON_TIME,PAY,WEA,2025-04,100',
        'PAY_ACCURACY,PAY,WEB,2025-04,99.6',
        'PAY_ON_TIME,PAY,WEB,2025-04,100',
        'PAY_ACCURACY,PAY,WEA,2025-05,99.6',
        'PAY_ON_TIME,PAY,WEA,2025-05,100',
        `PAY_ACCURACY,PAY,${'WEB'},2025-05,98.7`,
        'PAY_ON_TIME,PAY,WEB,2025-05,99.9',
      ].join('\n');
      const imp = await t.http.post(`/api/v1/consortia/${ex.cid}/measurements/import`).set('Authorization', admin).set('Content-Type', 'text/csv').send(csv).expect(200);
      expect(imp.body).toEqual({ accepted: 8, replaced: 0 });
      const json = await t.http
        .post(`/api/v1/consortia/${ex.cid}/measurements`)
        .set('Authorization', admin)
        .send({
          items: [
            { kpiCode: 'PAY_ACCURACY', serviceLineId: ex.pay, organisationId: ex.C, month: '2025-05', value: '99.2' },
            { kpiCode: 'PAY_ON_TIME', serviceLineId: ex.pay, organisationId: ex.C, month: '2025-05', value: 99.7 },
          ],
        })
        .expect(200);
      expect(json.body).toEqual({ accepted: 2, replaced: 0 });
    });

    it('stores the SLA with its targets as decimal strings', () => {
      expect(ex.sla).toMatchObject({ kind: 'SLA', frequency: 'monthly', creditCapPercent: '10', effectiveFrom: '2025-04', effectiveTo: null });
      expect(ex.sla.targets).toEqual([
        expect.objectContaining({ kpiCode: 'PAY_ACCURACY', target: '99.5', threshold: '99', creditPercent: '5', direction: 'higher_is_better' }),
        expect.objectContaining({ kpiCode: 'PAY_ON_TIME', target: '100', threshold: '99.8', creditPercent: '3' }),
      ]);
    });

    it('April: everyone met, C not yet a member, no credits', async () => {
      const res = await t.http.get(`/api/v1/consortia/${ex.cid}/performance?month=2025-04`).set('Authorization', admin).expect(200);
      const st = Object.fromEntries(
        res.body.items.map((i: { organisationId: string; kpiCode: string; status: string }) => [
          `${i.organisationId === ex.A ? 'A' : i.organisationId === ex.B ? 'B' : 'C'}:${i.kpiCode}`,
          i.status,
        ]),
      );
      expect(st).toEqual({ 'A:PAY_ACCURACY': 'met', 'B:PAY_ACCURACY': 'met', 'A:PAY_ON_TIME': 'met', 'B:PAY_ON_TIME': 'met' });
      expect(res.body.credits).toEqual([]);
    });

    it('May: B breached accuracy and at risk on time; C at risk and breached; credits B 5 %, C 3 %', async () => {
      const res = await t.http.get(`/api/v1/consortia/${ex.cid}/performance?month=2025-05`).set('Authorization', admin).expect(200);
      const by = (org: string, kpi: string) => res.body.items.find((i: Record<string, unknown>) => i.organisationId === org && i.kpiCode === kpi);
      expect(by(ex.A, 'PAY_ACCURACY')).toMatchObject({ value: '99.6', status: 'met' });
      expect(by(ex.A, 'PAY_ON_TIME')).toMatchObject({ value: '100', status: 'met' });
      expect(by(ex.B, 'PAY_ACCURACY')).toMatchObject({ value: '98.7', target: '99.5', threshold: '99', status: 'breached', consecutiveBreaches: 1, critical: false });
      expect(by(ex.B, 'PAY_ON_TIME')).toMatchObject({ value: '99.9', status: 'at_risk', consecutiveBreaches: 0 });
      expect(by(ex.C, 'PAY_ACCURACY')).toMatchObject({ value: '99.2', status: 'at_risk' });
      expect(by(ex.C, 'PAY_ON_TIME')).toMatchObject({ value: '99.7', status: 'breached', consecutiveBreaches: 1 });
      const credits = Object.fromEntries(res.body.credits.map((c: Record<string, unknown>) => [c.organisationId, c.creditPercent]));
      expect(credits).toEqual({ [ex.B]: '5', [ex.C]: '3' });
      expect(res.body.credits.every((c: Record<string, unknown>) => c.serviceLineId === ex.pay && (c.periodMonths as string[]).join() === '2025-05')).toBe(true);
      // names beside ids: the SLA, the organisation and the service line of every credit
      const slaNames = Object.fromEntries(
        ((await t.http.get(`/api/v1/consortia/${ex.cid}/slas`).set('Authorization', admin).expect(200)).body.items as { id: string; name: string }[]).map((s) => [s.id, s.name]),
      );
      for (const c of res.body.credits as Record<string, string>[]) {
        expect(c).toMatchObject({ slaName: slaNames[c.slaId], serviceLineCode: 'PAY', serviceLineName: expect.any(String), organisationName: expect.any(String) });
        expect(c.slaName).not.toBe('');
        expect(c.organisationName).not.toBe('');
      }
      expect(res.body.summary).toMatchObject({ met: 2, atRisk: 2, breached: 2, missing: 0, critical: 0 });
    });

    it('a partner sees only its own organisation’s rows and credits', async () => {
      const pw = 'password-1234567';
      await t.http.post('/api/v1/users').set('Authorization', admin).send({ email: 'b.partner@we.example', password: pw, role: 'partner_user', organisationId: ex.B }).expect(201);
      const tokenB = await t.login('b.partner@we.example', pw);
      const res = await t.http.get(`/api/v1/consortia/${ex.cid}/performance?month=2025-05`).set('Authorization', tokenB).expect(200);
      expect(new Set(res.body.items.map((i: Record<string, unknown>) => i.organisationId))).toEqual(new Set([ex.B]));
      expect(res.body.credits.map((c: Record<string, unknown>) => c.organisationId)).toEqual([ex.B]);
      const list = await t.http.get(`/api/v1/consortia/${ex.cid}/measurements?limit=500`).set('Authorization', tokenB).expect(200);
      expect(new Set(list.body.items.map((m: Record<string, unknown>) => m.organisationId))).toEqual(new Set([ex.B]));
      const hostList = await t.http.get(`/api/v1/consortia/${ex.cid}/measurements?limit=500`).set('Authorization', admin).expect(200);
      expect(hostList.body.total).toBe(10);
    });

    it('a missing measurement after the period counts as breached (missing); repeats double; three in a row is critical', async () => {
      // June and July: B sends nothing for accuracy, C stays breached on time
      await t.http
        .post(`/api/v1/consortia/${ex.cid}/measurements`)
        .set('Authorization', admin)
        .send({
          items: ['2025-06', '2025-07'].flatMap((month) => [
            { kpiCode: 'PAY_ON_TIME', serviceLineId: ex.pay, organisationId: ex.B, month, value: '100' },
            { kpiCode: 'PAY_ACCURACY', serviceLineId: ex.pay, organisationId: ex.C, month, value: '99.9' },
            { kpiCode: 'PAY_ON_TIME', serviceLineId: ex.pay, organisationId: ex.C, month, value: '99.0' },
          ]),
        })
        .expect(200);
      const jul = await t.http.get(`/api/v1/consortia/${ex.cid}/performance?month=2025-07`).set('Authorization', admin).expect(200);
      const b = jul.body.items.find((i: Record<string, unknown>) => i.organisationId === ex.B && i.kpiCode === 'PAY_ACCURACY');
      expect(b).toMatchObject({ value: null, status: 'missing', consecutiveBreaches: 3, critical: true });
      const credits = Object.fromEntries(jul.body.credits.map((c: Record<string, unknown>) => [c.organisationId, c.creditPercent]));
      // B: accuracy missing again (5 doubled = 10, the cap); C: on time breached again (3 doubled = 6)
      expect(credits).toEqual({ [ex.B]: '10', [ex.C]: '6' });
    });

    it('a later value replaces the earlier one and the change is audited', async () => {
      const res = await t.http
        .post(`/api/v1/consortia/${ex.cid}/measurements`)
        .set('Authorization', admin)
        .send({ items: [{ kpiCode: 'PAY_ACCURACY', serviceLineId: ex.pay, organisationId: ex.A, month: '2025-04', value: '99.8' }] })
        .expect(200);
      expect(res.body).toEqual({ accepted: 1, replaced: 1 });
      const audit = await t.http.get(`/api/v1/audit?entity=measurement&consortiumId=${ex.cid}`).set('Authorization', admin).expect(200);
      expect(audit.body.items[0]).toMatchObject({ action: 'update', before: expect.objectContaining({ value: '99.7000' }), after: expect.objectContaining({ value: '99.8000' }) });
    });

    it('12-month history per target and organisation for charts', async () => {
      const res = await t.http.get(`/api/v1/consortia/${ex.cid}/performance/history?month=2025-07&slaId=${ex.slaId}`).set('Authorization', admin).expect(200);
      const series = res.body.series.find((s: Record<string, unknown>) => s.organisationId === ex.B && s.kpiCode === 'PAY_ACCURACY');
      expect(series.points).toHaveLength(12);
      expect(series.points.slice(-4).map((p: Record<string, unknown>) => p.status)).toEqual(['met', 'breached', 'missing', 'missing']);
      expect(series.points[0]).toMatchObject({ periodStart: '2024-08', applicable: false });
    });
  });

  describe('SLA validation', () => {
    const url = () => `/api/v1/consortia/${w.c1.consortiumId}/slas`;
    const base = () => ({ serviceLineId: w.c1.serviceLineId, name: 'x', kind: 'SLA', frequency: 'monthly', creditCapPercent: '10', effectiveFrom: '2025-04' });

    it('refuses a threshold on the wrong side of its target, in both directions', async () => {
      const res = await t.http
        .post(url())
        .set('Authorization', w.tokens.host!)
        .send({
          ...base(),
          targets: [
            { kpiCode: 'PAY_ACCURACY', target: '99', threshold: '99.5', creditPercent: '5' },
            { kpiCode: 'HR_TIME_TO_HIRE', target: '40', threshold: '30', creditPercent: '1' },
          ],
        })
        .expect(400);
      // every error of the request in one answer: both thresholds, and the HR KPI on a payroll line
      expect(res.body.errors.map((e: Record<string, unknown>) => e.field).sort()).toEqual(['targets.0.threshold', 'targets.1.kpiCode', 'targets.1.threshold']);
      // a malformed field (format) and the HR KPI on a payroll line (a rule of the service) in one answer, not two rounds
      const mixed = await t.http
        .post(url())
        .set('Authorization', w.tokens.host!)
        .send({ ...base(), frequency: 'weekly', targets: [{ kpiCode: 'HR_TIME_TO_HIRE', target: '30', threshold: '40', creditPercent: '1' }] })
        .expect(400);
      expect(mixed.body.errors.map((e: Record<string, unknown>) => e.field).sort()).toEqual(['frequency', 'targets.0.kpiCode']);
    });

    it('refuses a KPI of another function than the service line’s unless the SLA says it is intended', async () => {
      // a consortium of its own, so that these SLAs do not show in the other tests' performance views
      const admin = w.tokens.admin!;
      const c = await t.http
        .post('/api/v1/consortia')
        .set('Authorization', admin)
        .send({ name: 'Cross-function', deliveryModel: 'cooperative', hostOrganisationId: w.c1.hostOrgId, startDate: '2025-04-01' })
        .expect(201);
      const line = await t.http
        .post(`/api/v1/consortia/${c.body.id}/service-lines`)
        .set('Authorization', admin)
        .send({ code: 'PAY', name: 'Payroll', function: 'payroll', classification: 'transactional' })
        .expect(201);
      const slas = `/api/v1/consortia/${c.body.id}/slas`;
      const own = { ...base(), serviceLineId: line.body.id };
      const hrOnPayroll = { ...own, name: 'Time to hire on payroll', targets: [{ kpiCode: 'HR_TIME_TO_HIRE', target: '40', threshold: '50', creditPercent: '1' }] };
      const res = await t.http.post(slas).set('Authorization', admin).send(hrOnPayroll).expect(400);
      expect(res.body.errors).toEqual([{ field: 'targets.0.kpiCode', message: expect.stringMatching(/measures hr, the service line is payroll/) }]);
      const ok = await t.http
        .post(slas)
        .set('Authorization', admin)
        .send({ ...hrOnPayroll, crossFunction: true })
        .expect(201);
      expect(ok.body.crossFunction).toBe(true);
      const same = await t.http
        .post(slas)
        .set('Authorization', admin)
        .send({ ...own, name: 'Accuracy', targets: [{ kpiCode: 'PAY_ACCURACY', target: '99.5', threshold: '99', creditPercent: '5' }] })
        .expect(201);
      expect(same.body.crossFunction).toBe(false);
    });

    it('refuses an unknown KPI, a service line of another consortium, bad months and an OLA with credits', async () => {
      const res = await t.http
        .post(url())
        .set('Authorization', w.tokens.host!)
        .send({
          ...base(),
          serviceLineId: w.c2.serviceLineId,
          kind: 'OLA',
          targets: [
            { kpiCode: 'NOPE', target: 1, threshold: 1, creditPercent: 0 },
            { kpiCode: 'PAY_ON_TIME', target: 100, threshold: 99, creditPercent: 2 },
          ],
        })
        .expect(400);
      expect(res.body.errors.map((e: Record<string, unknown>) => e.field).sort()).toEqual(['serviceLineId', 'targets.0.kpiCode', 'targets.1.creditPercent']);
      const dto = await t.http
        .post(url())
        .set('Authorization', w.tokens.host!)
        .send({ ...base(), effectiveFrom: '2025-13', frequency: 'weekly', targets: [] })
        .expect(400);
      expect(dto.body.errors.map((e: Record<string, unknown>) => e.field).sort()).toEqual(['effectiveFrom', 'frequency', 'targets']);
      const ok = await t.http
        .post(url())
        .set('Authorization', w.tokens.host!)
        .send({ ...base(), kind: 'OLA', targets: [{ kpiCode: 'PAY_ON_TIME', target: 100, threshold: 99 }] })
        .expect(201);
      expect(ok.body.targets[0].creditPercent).toBe('0');
    });

    it('partners and board viewers cannot create SLAs (403); another host gets 404; everyone in the consortium reads them', async () => {
      const body = { ...base(), targets: [{ kpiCode: 'PAY_ACCURACY', target: '99.5', threshold: '99', creditPercent: '5' }] };
      await t.http.post(url()).set('Authorization', w.tokens.partner!).send(body).expect(403);
      await t.http.post(url()).set('Authorization', w.tokens.board!).send(body).expect(403);
      await t.http.post(url()).set('Authorization', w.tokens.otherHost!).send(body).expect(404);
      const created = await t.http.post(url()).set('Authorization', w.tokens.host!).send(body).expect(201);
      await t.http.get(`${url()}/${created.body.id}`).set('Authorization', w.tokens.board!).expect(200);
      await t.http.get(`/api/v1/consortia/${w.c2.consortiumId}/slas/${created.body.id}`).set('Authorization', w.tokens.otherHost!).expect(404);
      const list = await t.http.get(`${url()}?serviceLineId=${w.c1.serviceLineId}`).set('Authorization', w.tokens.partner!).expect(200);
      expect(list.body.items.map((s: Record<string, unknown>) => s.id)).toContain(created.body.id);
    });
  });

  describe('measurement submission rules', () => {
    const url = () => `/api/v1/consortia/${w.c1.consortiumId}/measurements`;
    const item = (over: Record<string, unknown> = {}) => ({
      kpiCode: 'PAY_ACCURACY',
      serviceLineId: w.c1.serviceLineId,
      organisationId: w.c1.partnerOrgIds[0],
      month: '2025-06',
      value: '99.1',
      ...over,
    });

    it('a partner submits for its own organisation only, never service-line wide; a board viewer not at all', async () => {
      await t.http
        .post(url())
        .set('Authorization', w.tokens.partner!)
        .send({ items: [item()] })
        .expect(200);
      const res = await t.http
        .post(url())
        .set('Authorization', w.tokens.partner!)
        .send({ items: [item(), item({ organisationId: w.c1.partnerOrgIds[1] }), item({ organisationId: undefined })] })
        .expect(400);
      expect(res.body.errors.map((e: Record<string, unknown>) => e.field)).toEqual(['items.1.organisationId', 'items.2.organisationId']);
      await t.http
        .post(url())
        .set('Authorization', w.tokens.board!)
        .send({ items: [item()] })
        .expect(403);
      await t.http
        .post(url())
        .set('Authorization', w.tokens.otherHost!)
        .send({ items: [item()] })
        .expect(404);
    });

    it('names every bad field; nothing is written when one item is bad', async () => {
      const before = (await t.http.get(`${url()}?limit=500`).set('Authorization', w.tokens.host!)).body.total;
      const res = await t.http
        .post(url())
        .set('Authorization', w.tokens.host!)
        .send({ items: [item({ month: '2025-07', value: '98' }), item({ kpiCode: 'NOPE' }), item({ value: '120' }), item({ organisationId: w.c2.partnerOrgIds[0] })] })
        .expect(400);
      expect(res.body.errors.map((e: Record<string, unknown>) => e.field)).toEqual(['items.1.kpiCode', 'items.2.value', 'items.3.organisationId']);
      // shape errors (the DTO's) and what only the service finds (an unknown KPI, a line or member of
      // another consortium) in one answer; a malformed value is named once, by its format error
      const shape = await t.http
        .post(url())
        .set('Authorization', w.tokens.host!)
        .send({
          items: [
            item({ month: '2025-7', value: 'high', extra: 1 }),
            item({ kpiCode: 'NOPE' }),
            item({ organisationId: w.c2.partnerOrgIds[0], value: '1e3' }),
            item({ serviceLineId: w.c2.serviceLineId }),
            item(),
          ],
        })
        .expect(400);
      expect(shape.body.errors.map((e: Record<string, unknown>) => e.field).sort()).toEqual([
        'items.0.extra',
        'items.0.month',
        'items.0.value',
        'items.1.kpiCode',
        'items.2.organisationId',
        'items.2.value',
        'items.3.serviceLineId',
      ]);
      expect(shape.body.errors.find((e: { field: string }) => e.field === 'items.0.month').message).toMatch(/YYYY-MM/);
      const after = (await t.http.get(`${url()}?limit=500`).set('Authorization', w.tokens.host!)).body.total;
      expect(after).toBe(before);
    });

    it('refuses a member outside its membership months', async () => {
      const res = await t.http
        .post(url())
        .set('Authorization', w.tokens.host!)
        .send({ items: [item({ month: '2025-03' })] })
        .expect(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'items.0.organisationId', message: 'was not a member in 2025-03' });
    });

    it('quarterly SLAs take the quarter’s first month', async () => {
      const sl = await t.http
        .post(`/api/v1/consortia/${w.c1.consortiumId}/service-lines`)
        .set('Authorization', w.tokens.host!)
        .send({ code: 'HR-REC', name: 'Recruitment', function: 'hr', classification: 'transactional' })
        .expect(201);
      await t.http
        .post(`/api/v1/consortia/${w.c1.consortiumId}/slas`)
        .set('Authorization', w.tokens.host!)
        .send({
          serviceLineId: sl.body.id,
          name: 'Recruitment SLA',
          kind: 'SLA',
          frequency: 'quarterly',
          creditCapPercent: '5',
          effectiveFrom: '2025-04',
          targets: [{ kpiCode: 'HR_TIME_TO_HIRE', target: '40', threshold: '50', creditPercent: '2' }],
        })
        .expect(201);
      const bad = await t.http
        .post(url())
        .set('Authorization', w.tokens.host!)
        .send({ items: [{ kpiCode: 'HR_TIME_TO_HIRE', serviceLineId: sl.body.id, month: '2025-05', value: '45' }] })
        .expect(400);
      expect(bad.body.errors[0].message).toMatch(/2025-04/);
      await t.http
        .post(url())
        .set('Authorization', w.tokens.host!)
        .send({ items: [{ kpiCode: 'HR_TIME_TO_HIRE', serviceLineId: sl.body.id, month: '2025-04', value: '55' }] })
        .expect(200);
      const perf = await t.http.get(`/api/v1/consortia/${w.c1.consortiumId}/performance?month=2025-06`).set('Authorization', w.tokens.host!).expect(200);
      const rows = perf.body.items.filter((i: Record<string, unknown>) => i.kpiCode === 'HR_TIME_TO_HIRE');
      // service-line wide value applies to every recipient; the quarter Apr–Jun is breached (lower is better)
      expect(rows.length).toBe(3);
      expect(rows.every((r: Record<string, unknown>) => r.status === 'breached' && r.periodStart === '2025-04' && r.periodEnd === '2025-06' && r.value === '55')).toBe(true);
      const credits = perf.body.credits.filter((c: Record<string, unknown>) => c.serviceLineId === sl.body.id);
      expect(credits.map((c: Record<string, unknown>) => c.creditPercent)).toEqual(['2', '2']);
      expect(credits.every((c: Record<string, unknown>) => (c.periodMonths as string[]).join() === '2025-04,2025-05,2025-06')).toBe(true);
    });

    it('a closed month refuses measurements with 409', async () => {
      const c = new Client({ connectionString: t.databaseUrl });
      await c.connect();
      await c.query(`INSERT INTO closed_months (consortium_id, month) VALUES ($1, '2025-04')`, [w.c1.consortiumId]);
      await c.end();
      const res = await t.http
        .post(url())
        .set('Authorization', w.tokens.host!)
        .send({ items: [item({ month: '2025-04' })] })
        .expect(409);
      expect(res.body).toMatchObject({ code: 'month_closed', errors: [{ field: 'items.0.month', message: '2025-04 is closed: its figures are final' }] });
      const csv = `kpiCode,serviceLine,organisation,month,value\nPAY_ACCURACY,PAY,,2025-04,99\n`;
      const imp = await t.http.post(`${url()}/import`).set('Authorization', w.tokens.host!).set('Content-Type', 'text/csv').send(csv).expect(409);
      expect(imp.body.errors[0]).toMatchObject({ row: 2, field: 'month' });
    });

    it('validates performance queries', async () => {
      const res = await t.http.get(`/api/v1/consortia/${w.c1.consortiumId}/performance?month=May`).set('Authorization', w.tokens.host!).expect(400);
      expect(res.body.errors[0].field).toBe('month');
      await t.http.get(`/api/v1/consortia/${w.c2.consortiumId}/performance?month=2025-05`).set('Authorization', w.tokens.partner!).expect(404);
    });
  });
});
