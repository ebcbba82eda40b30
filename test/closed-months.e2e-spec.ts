/**
 * Closed months are closed for every write that touches time (domain.md §12): one row per write,
 * each made so that it touches a closed month, each refused with a 409 problem document; then the
 * issued statements of the closed months are exactly as issued and nothing was written anywhere.
 */
import type { Test } from 'supertest';
import { createTestApp, type TestApp } from './support/app';
import { buildWorld, org, type World } from './support/world';
import { approvedAgreement, coopAgreement } from './support/agreement';

/** April and May 2025 are closed; June is the first open month. */
const CLOSED = ['2025-04', '2025-05'];

/** What a consortium holds, read through its list endpoints (compared whole before and after). */
const LISTS = [
  '',
  '/members',
  '/invitations',
  '/service-lines',
  '/slas',
  '/drivers',
  '/baselines',
  '/costs?limit=500',
  '/activity?limit=500',
  '/measurements?limit=500',
  '/agreement/versions',
  '/months',
  '/audit?limit=500',
  '/decisions?limit=500',
  '/statements?from=2025-04&to=2025-06',
];

interface Write {
  name: string;
  /** The problem's `code` and one field its `errors` name. */
  code: string;
  field: string;
  send: () => Test;
}

describe('every write touching a closed month is refused (e2e)', () => {
  let t: TestApp;
  let w: World;
  let cid: string;
  let admin: string;
  let host: string;
  let pay: string;
  /** A line going live in 2025-07, after the closed months. */
  let fin: string;
  /** A line live from 2025-04 received by the host and the first partner only. */
  let ops: string;
  /** An SLA effective from 2025-04, open-ended; another retired after 2025-05. */
  let paySla: string;
  let retiredSla: string;
  /** Joined on 1 April 2025, left on 15 May 2025; and an organisation that was never a member. */
  let leaver: string;
  let newcomer: string;
  /** An invitation to join on 10 May 2025, made before the close and not yet accepted. */
  let lateInvitation: string;
  /** The issued statements of each closed month, as issued; and every list, after the close. */
  const issued: Record<string, unknown> = {};
  let lists: Record<string, unknown>;

  const url = (path: string) => `/api/v1/consortia/${cid}${path}`;
  const get = async (path: string) => (await t.http.get(url(path)).set('Authorization', admin).expect(200)).body as unknown;
  const snapshot = async () => {
    const out: Record<string, unknown> = {};
    for (const path of LISTS) out[path] = await get(path);
    return out;
  };
  const sla = (over: Record<string, unknown>) => ({
    serviceLineId: pay,
    name: 'Payroll SLA',
    kind: 'SLA',
    frequency: 'monthly',
    creditCapPercent: '10',
    targets: [{ kpiCode: 'PAY_ACCURACY', target: '99.5', threshold: '99', creditPercent: '5' }],
    ...over,
  });
  const post = (path: string, token: string, body: object) => t.http.post(url(path)).set('Authorization', token).send(body);
  const patch = (path: string, token: string, body: object) => t.http.patch(url(path)).set('Authorization', token).send(body);
  const put = (path: string, token: string, body: object) => t.http.put(url(path)).set('Authorization', token).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    cid = w.c1.consortiumId;
    admin = w.tokens.admin!;
    host = w.tokens.host!;
    pay = w.c1.serviceLineId;
    const [p1] = w.c1.partnerOrgIds;
    await approvedAgreement(t, w, cid, { managementFeePercent: '0' });
    for (const month of CLOSED) await post('/costs', host, { month, category: 'operating', amount: '1000.00', serviceLineId: pay, description: 'Team' }).expect(201);
    await put('/baselines', host, { items: w.c1.partnerOrgIds.map((organisationId) => ({ organisationId, serviceLineId: pay, annualAmount: '12000.00' })) }).expect(200);
    await put('/activity', host, { items: [{ serviceLineId: pay, organisationId: p1, month: '2025-04', volume: '100' }] }).expect(200);
    await post('/measurements', host, { items: [{ kpiCode: 'PAY_ACCURACY', serviceLineId: pay, organisationId: p1, month: '2025-04', value: '99.7' }] }).expect(200);
    fin = (await post('/service-lines', host, { code: 'FIN', name: 'Finance', function: 'finance', classification: 'transactional', goLive: '2025-07' }).expect(201)).body.id;
    ops = (
      await post('/service-lines', host, {
        code: 'OPS',
        name: 'Payroll operations',
        function: 'payroll',
        classification: 'transactional',
        recipientIds: [w.c1.hostOrgId, p1],
      }).expect(201)
    ).body.id;
    paySla = (await post('/slas', host, sla({ effectiveFrom: '2025-04' })).expect(201)).body.id;
    retiredSla = (await post('/slas', host, sla({ name: 'Spring SLA', effectiveFrom: '2025-04', effectiveTo: '2025-05' })).expect(201)).body.id;
    leaver = await org(t, admin);
    await post('/members', admin, { organisationId: leaver, joinedOn: '2025-04-01' }).expect(201);
    await patch(`/members/${leaver}`, host, { leftOn: '2025-05-15' }).expect(200);
    newcomer = await org(t, admin);
    lateInvitation = (await post('/invitations', host, { organisationId: await org(t, admin), joinedOn: '2025-05-10' }).expect(201)).body.id;
    // a new version from May, proposed before May closes: it can no longer be approved
    await put('/agreement', host, coopAgreement({ managementFeePercent: '1', effectiveFrom: '2025-05' })).expect(200);
    await post('/agreement/propose', host, {}).expect(200);
    for (const month of CLOSED) {
      await post(`/months/${month}/close`, host, {}).expect(201);
      issued[month] = await get(`/months/${month}/statements`);
    }
    lists = await snapshot();
  });
  afterAll(() => t.close());

  const WRITES: Write[] = [
    // membership dates
    {
      name: 'enrolling a new member from a day of a closed month',
      code: 'month_closed',
      field: 'joinedOn',
      send: () => post('/members', admin, { organisationId: newcomer, joinedOn: '2025-05-20' }),
    },
    {
      name: 'a leaver rejoining inside a closed month',
      code: 'month_closed',
      field: 'joinedOn',
      send: () => post('/members', admin, { organisationId: leaver, joinedOn: '2025-05-20' }),
    },
    {
      name: 'inviting an organisation to join in a closed month',
      code: 'month_closed',
      field: 'joinedOn',
      send: () => post('/invitations', host, { organisationId: newcomer, joinedOn: '2025-04-15' }),
    },
    {
      name: 'accepting an invitation whose joining date is now in a closed month',
      code: 'month_closed',
      field: 'joinedOn',
      send: () => t.http.post(`/api/v1/invitations/${lateInvitation}/accept`).set('Authorization', admin),
    },
    { name: 'a leaving date inside a closed month', code: 'month_closed', field: 'leftOn', send: () => patch(`/members/${w.c1.partnerOrgIds[1]}`, host, { leftOn: '2025-05-31' }) },
    { name: 'moving a leaving date out of a closed month', code: 'month_closed', field: 'leftOn', send: () => patch(`/members/${leaver}`, admin, { leftOn: '2025-07-31' }) },
    { name: 'cancelling a leaving date in a closed month', code: 'month_closed', field: 'leftOn', send: () => patch(`/members/${leaver}`, admin, { leftOn: null }) },
    {
      name: 'removing a member whose period began in a closed month',
      code: 'month_closed',
      field: 'joinedOn',
      send: () => t.http.delete(url(`/members/${w.c1.partnerOrgIds[0]}`)).set('Authorization', host),
    },
    // SLA months
    {
      name: 'a new SLA effective from a closed month',
      code: 'month_closed',
      field: 'effectiveFrom',
      send: () => post('/slas', host, sla({ name: 'Late SLA', effectiveFrom: '2025-05' })),
    },
    {
      name: 'new targets of an SLA effective in a closed month',
      code: 'month_closed',
      field: 'targets',
      send: () => patch(`/slas/${paySla}`, host, { targets: [{ kpiCode: 'PAY_ACCURACY', target: '99.9', threshold: '99', creditPercent: '5' }] }),
    },
    { name: 'retiring an SLA inside a closed month', code: 'month_closed', field: 'effectiveTo', send: () => patch(`/slas/${paySla}`, host, { effectiveTo: '2025-05' }) },
    { name: 'moving a retirement out of a closed month', code: 'month_closed', field: 'effectiveTo', send: () => patch(`/slas/${retiredSla}`, host, { effectiveTo: '2025-09' }) },
    // service lines
    {
      name: 'removing a recipient that was a member in a closed month',
      code: 'month_closed',
      field: 'recipientIds',
      send: () => patch(`/service-lines/${pay}`, host, { recipientIds: [w.c1.hostOrgId, w.c1.partnerOrgIds[0]] }),
    },
    {
      name: 'adding a recipient that was a member in a closed month',
      code: 'month_closed',
      field: 'recipientIds.2',
      send: () => patch(`/service-lines/${ops}`, host, { recipientIds: [w.c1.hostOrgId, w.c1.partnerOrgIds[0], w.c1.partnerOrgIds[1]] }),
    },
    { name: 'moving go-live into a closed month', code: 'month_closed', field: 'goLive', send: () => patch(`/service-lines/${fin}`, host, { goLive: '2025-05' }) },
    { name: 'moving go-live out of a closed month', code: 'month_closed', field: 'goLive', send: () => patch(`/service-lines/${pay}`, host, { goLive: '2025-06' }) },
    {
      name: 'a new service line going live in a closed month',
      code: 'month_closed',
      field: 'goLive',
      send: () => post('/service-lines', host, { code: 'HR', name: 'HR', function: 'hr', classification: 'transactional', goLive: '2025-05' }),
    },
    // prices and terms
    {
      name: 'allocation drivers for a financial year holding a closed month',
      code: 'month_closed',
      field: 'items.0.financialYear',
      send: () => put('/drivers', host, { items: [{ organisationId: w.c1.partnerOrgIds[0], financialYear: '2025/26', annualTurnover: '300000000.00', headcount: '1000' }] }),
    },
    {
      name: 'a baseline row effective in a closed month',
      code: 'month_closed',
      field: 'items.0.effectiveFrom',
      send: () => put('/baselines', host, { items: [{ organisationId: w.c1.partnerOrgIds[0], serviceLineId: pay, annualAmount: '1.00', effectiveFrom: '2025-05' }] }),
    },
    {
      name: 'a baseline row without effectiveFrom for a member that joined in a closed month (the joining month is the default)',
      code: 'month_closed',
      field: 'items.0.effectiveFrom',
      send: () => put('/baselines', host, { items: [{ organisationId: w.c1.partnerOrgIds[0], serviceLineId: pay, annualAmount: '24000.00' }] }),
    },
    {
      name: 'a new agreement version effective from a closed month',
      code: 'month_closed',
      field: 'effectiveFrom',
      send: () => put('/agreement', host, coopAgreement({ effectiveFrom: '2025-05' })),
    },
    { name: 'approving a version proposed from a month closed since', code: 'month_closed', field: 'effectiveFrom', send: () => post('/agreement/approve', admin, {}) },
    {
      name: 'a delivery-model change with terms in force',
      code: 'terms_in_force',
      field: 'deliveryModel',
      send: () => patch('', host, { deliveryModel: 'shared_services_company' }),
    },
    // the ledger and measurements
    {
      name: 'a cost entry in a closed month',
      code: 'month_closed',
      field: 'month',
      send: () => post('/costs', host, { month: '2025-05', category: 'operating', amount: '10.00', serviceLineId: pay, description: 'Late invoice' }),
    },
    {
      name: 'a correction (negative cost entry) in a closed month',
      code: 'month_closed',
      field: 'month',
      send: () => post('/costs', host, { month: '2025-04', category: 'operating', amount: '-10.00', serviceLineId: pay, description: 'Correction' }),
    },
    {
      name: 'activity in a closed month',
      code: 'month_closed',
      field: 'items.0.month',
      send: () => put('/activity', host, { items: [{ serviceLineId: pay, organisationId: w.c1.partnerOrgIds[0], month: '2025-05', volume: '10' }] }),
    },
    {
      name: 'a measurement for a closed month',
      code: 'month_closed',
      field: 'items.0.month',
      send: () => post('/measurements', host, { items: [{ kpiCode: 'PAY_ACCURACY', serviceLineId: pay, organisationId: w.c1.partnerOrgIds[0], month: '2025-05', value: '90' }] }),
    },
    {
      name: 'a CSV import with a row for a closed month',
      code: 'month_closed',
      field: 'month',
      send: () =>
        t.http
          .post(url('/measurements/import'))
          .set('Authorization', host)
          .set('Content-Type', 'text/csv')
          .send(`kpiCode,serviceLine,organisation,month,value\nPAY_ACCURACY,PAY,${w.c1.partnerOrgIds[0]},2025-06,90\nPAY_ACCURACY,PAY,${w.c1.partnerOrgIds[0]},2025-04,90\n`),
    },
    {
      name: 'a vote on a proposal dated from a month closed since it was proposed',
      code: 'month_closed',
      field: 'effectiveFrom',
      send: () => post('/agreement/versions/2/votes', w.tokens.orgAdmin!, { vote: 'approve' }),
    },
  ];

  it.each(WRITES)('$name: 409 $code naming $field', async ({ code, field, send }) => {
    const res = await send();
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('afterwards the issued statements are exactly as issued, and nothing was written', async () => {
    type Issued = { items: { organisationId: string; contentHash: string }[] };
    const hashes = (body: unknown) => (body as Issued).items.map((i) => [i.organisationId, i.contentHash]);
    expect(hashes(issued['2025-05'])).toHaveLength(4);
    for (const month of CLOSED) {
      const now = await get(`/months/${month}/statements`);
      expect(hashes(now)).toEqual(hashes(issued[month]));
      expect(now).toEqual(issued[month]);
    }
    const now = await snapshot();
    for (const path of LISTS) expect({ path, body: now[path] }).toEqual({ path, body: lists[path] });
  });

  it('a new service line without a go-live goes live in the first open month (after the checks above, as it writes)', async () => {
    const res = await post('/service-lines', host, { code: 'PROC', name: 'Procurement', function: 'procurement', classification: 'transactional' }).expect(201);
    expect(res.body.goLive).toBe('2025-06');
  });
});
