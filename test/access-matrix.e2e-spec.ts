/**
 * The access matrix: every route the app serves × every kind of caller, first on the caller's own
 * consortium (C1) and then with the ids of a second consortium (C2) it has no part in.
 *
 * A new route without a row here fails the first test, so nobody can add an endpoint without
 * deciding who may call it. Expectations on C1 are exact status codes; on C2 nobody but the admin
 * and C2's own users may get a 2xx (another tenant's resource is a 404, or 403 where the role alone
 * forbids the action).
 */
import { createTestApp, TestApp } from './support/app';
import { registeredRoutes } from './support/routes';
import { Actor, ACTORS, buildWorld, org, Tenant, unique, World } from './support/world';
import { coopAgreement, freshProposal } from './support/agreement';
import { appraisal, orgUser, sla, webhook } from './support/write-routes';

type Expect = Partial<Record<Actor, number>>;
/** A JSON body, or a CSV body sent as text/csv. */
interface Req {
  path: string;
  body?: unknown;
  csv?: string;
  /** Extra request headers (e.g. If-Match). */
  headers?: Record<string, string>;
}
interface Row {
  /** Build the request against tenant `ten`; may create fresh data first. */
  req: (ten: Tenant, ctx: { t: TestApp; w: World }) => Promise<Req> | Req;
  /** Expected status per caller on its own consortium C1; unspecified actors use `rest`. */
  own: Expect;
  rest: number;
  /** Routes with no tenant in their path (the catalogue, the caller itself, health). */
  global?: boolean;
  /** Who proves a second tenant's ids were real (default: its host). */
  insider?: Actor;
  /** What the insider gets when it is not a 2xx (archiving a consortium whose members remain is 409: only a real consortium's host gets that far). */
  insiderStatus?: number;
  /** Each call signs the caller in afresh (the route ends sessions). */
  freshToken?: boolean;
}

const ALL_READ: Expect = { admin: 200, host: 200, otherHost: 404, partner: 200, otherPartner: 200, board: 200, orgAdmin: 200, foreignPartner: 404, anonymous: 401 };
const HOST_WRITE = (ok: number): Expect => ({
  admin: ok,
  host: ok,
  otherHost: 404,
  partner: 403,
  otherPartner: 403,
  board: 403,
  orgAdmin: 403,
  foreignPartner: 403,
  anonymous: 401,
});
/** P1's own data (its statement, exit quote, benchmarks): the admin, the host of its consortium, and P1's own users. */
const P1_OWN: Expect = { admin: 200, host: 200, otherHost: 404, partner: 200, otherPartner: 404, board: 200, orgAdmin: 200, foreignPartner: 404, anonymous: 401 };
/** Decisions of the invited organisation (P1 in C1, Q1 in C2): its administrators and the admin. */
const INVITEE: Expect = { admin: 200, host: 404, otherHost: 404, orgAdmin: 200, anonymous: 401 };

const MATRIX: Record<string, Row> = {
  'GET /api/v1/health': { req: () => ({ path: '/api/v1/health' }), own: {}, rest: 200, global: true },
  'GET /api/v1/health/live': { req: () => ({ path: '/api/v1/health/live' }), own: {}, rest: 200, global: true },
  'GET /api/v1/health/ready': { req: () => ({ path: '/api/v1/health/ready' }), own: {}, rest: 200, global: true },
  'POST /api/v1/auth/login': { req: () => ({ path: '/api/v1/auth/login', body: { email: 'nobody@x.example', password: 'wrong-password' } }), own: {}, rest: 401, global: true },
  'GET /api/v1/auth/me': { req: () => ({ path: '/api/v1/auth/me' }), own: { anonymous: 401 }, rest: 200, global: true },
  'POST /api/v1/auth/logout': { req: () => ({ path: '/api/v1/auth/logout' }), own: { anonymous: 401 }, rest: 204, global: true, freshToken: true },
  // a wrong current password: the body is well-formed, the answer is 400 naming currentPassword (the success is in attacks/sessions)
  'POST /api/v1/auth/password': {
    req: () => ({ path: '/api/v1/auth/password', body: { currentPassword: 'not-the-password-123', newPassword: 'a-brand-new-passphrase' } }),
    own: { anonymous: 401 },
    rest: 400,
    global: true,
  },
  'GET /api/v1/users': { req: () => ({ path: '/api/v1/users' }), own: { admin: 200, host: 200, otherHost: 200, orgAdmin: 200, anonymous: 401 }, rest: 403, global: true },
  // each organisation administers its own users: P1's org_admin creates P1's users; the host of C1 may not (404)
  'POST /api/v1/users': {
    req: (ten) => ({ path: '/api/v1/users', body: { email: `${unique('u')}@x.example`, password: 'long-password-1', role: 'partner_user', organisationId: ten.partnerOrgIds[0] } }),
    own: { admin: 201, host: 404, otherHost: 404, orgAdmin: 201, anonymous: 401 },
    rest: 403,
    insider: 'admin',
  },
  // a user of the tenant's host organisation: its host_admin (and the admin) may disable or re-role it
  'PATCH /api/v1/users/:id': {
    req: async (ten, { t, w }) => ({ path: `/api/v1/users/${await orgUser(t, w, ten.hostOrgId)}`, body: { role: 'board_viewer' } }),
    own: { admin: 200, host: 200, otherHost: 404, orgAdmin: 404, anonymous: 401 },
    rest: 403,
  },
  // the same users as PATCH: the tenant's host organisation's, reset by its host_admin (and the admin)
  'POST /api/v1/users/:id/password-reset': {
    req: async (ten, { t, w }) => ({ path: `/api/v1/users/${await orgUser(t, w, ten.hostOrgId)}/password-reset`, body: {} }),
    own: { admin: 200, host: 200, otherHost: 404, orgAdmin: 404, anonymous: 401 },
    rest: 403,
  },
  'GET /api/v1/audit': { req: () => ({ path: '/api/v1/audit' }), own: { admin: 200, anonymous: 401 }, rest: 403, global: true },
  'POST /api/v1/organisations': {
    req: () => ({ path: '/api/v1/organisations', body: { name: unique('Org '), type: 'acute_trust', annualTurnover: '1.00', headcount: '1' } }),
    own: { admin: 201, anonymous: 401 },
    rest: 403,
    global: true,
  },
  'GET /api/v1/consortia/:id/audit': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/audit` }), own: HOST_WRITE(200), rest: 403 },
  'GET /api/v1/organisations': { req: () => ({ path: '/api/v1/organisations' }), own: { anonymous: 401 }, rest: 200, global: true },
  'GET /api/v1/organisations/directory': { req: () => ({ path: '/api/v1/organisations/directory?q=partner' }), own: { anonymous: 401 }, rest: 200, global: true },
  'GET /api/v1/organisations/:id': { req: (ten) => ({ path: `/api/v1/organisations/${ten.partnerOrgIds[0]}` }), own: ALL_READ, rest: 200 },
  'PATCH /api/v1/organisations/:id': {
    req: (ten) => ({ path: `/api/v1/organisations/${ten.hostOrgId}`, body: { region: 'North West' } }),
    own: { admin: 200, host: 200, otherHost: 404, orgAdmin: 404, anonymous: 401 },
    rest: 403,
  },
  'POST /api/v1/consortia': {
    req: (ten) => ({ path: '/api/v1/consortia', body: { name: unique('C '), deliveryModel: 'cooperative', hostOrganisationId: ten.hostOrgId, startDate: '2025-04-01' } }),
    own: { admin: 201, host: 201, otherHost: 403, anonymous: 401 },
    rest: 403,
  },
  'GET /api/v1/consortia': { req: () => ({ path: '/api/v1/consortia' }), own: { anonymous: 401 }, rest: 200, global: true },
  'GET /api/v1/consortia/:id': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}` }), own: ALL_READ, rest: 200 },
  'PATCH /api/v1/consortia/:id': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}`, body: { name: unique('Renamed ') } }), own: HOST_WRITE(200), rest: 403 },
  'POST /api/v1/consortia/:id/members': {
    // only a platform admin enrols directly; hosts invite (below)
    req: async (ten, { t, w }) => ({ path: `/api/v1/consortia/${ten.consortiumId}/members`, body: { organisationId: await org(t, w.tokens.admin!), joinedOn: '2025-06-01' } }),
    own: { admin: 201, anonymous: 401 },
    rest: 403,
    insider: 'admin',
  },
  'POST /api/v1/consortia/:id/invitations': {
    req: async (ten, { t, w }) => ({ path: `/api/v1/consortia/${ten.consortiumId}/invitations`, body: { organisationId: await org(t, w.tokens.admin!), joinedOn: '2025-06-01' } }),
    own: HOST_WRITE(201),
    rest: 403,
  },
  'GET /api/v1/consortia/:id/invitations': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/invitations` }), own: HOST_WRITE(200), rest: 403 },
  'POST /api/v1/consortia/:id/invitations/:invitationId/withdraw': {
    req: async (ten, ctx) => ({ path: `/api/v1/consortia/${ten.consortiumId}/invitations/${await invitation(ten, ctx, 'fresh')}/withdraw` }),
    own: HOST_WRITE(200),
    rest: 403,
  },
  'GET /api/v1/invitations': {
    req: () => ({ path: '/api/v1/invitations' }),
    own: { admin: 200, host: 200, otherHost: 200, orgAdmin: 200, anonymous: 401 },
    rest: 403,
    global: true,
  },
  'POST /api/v1/invitations/:id/accept': {
    req: async (ten, ctx) => ({ path: `/api/v1/invitations/${await invitation(ten, ctx, 'partner')}/accept` }),
    own: INVITEE,
    rest: 403,
    insider: 'admin',
  },
  'POST /api/v1/invitations/:id/decline': {
    req: async (ten, ctx) => ({ path: `/api/v1/invitations/${await invitation(ten, ctx, 'partner')}/decline` }),
    own: INVITEE,
    rest: 403,
    insider: 'admin',
  },
  'GET /api/v1/consortia/:id/members': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/members` }), own: ALL_READ, rest: 200 },
  'GET /api/v1/consortia/:id/decisions': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/decisions` }), own: ALL_READ, rest: 200 },
  // options appraisal (domain.md §15): saved by the host, the partnership board and member organisations' administrators; every member reads
  'POST /api/v1/appraisals': {
    req: (ten) => ({
      path: '/api/v1/appraisals',
      body: { consortiumId: ten.consortiumId, name: unique('Appraisal '), options: [{ name: 'Company', deliveryModel: 'shared_services_company', annualRunningCost: '1000.00' }] },
    }),
    own: { admin: 201, host: 201, otherHost: 404, partner: 403, otherPartner: 403, board: 201, orgAdmin: 201, foreignPartner: 404, anonymous: 401 },
    rest: 403,
  },
  'GET /api/v1/consortia/:id/appraisals': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/appraisals` }), own: ALL_READ, rest: 200 },
  'GET /api/v1/consortia/:id/appraisals/:appraisalId': {
    req: async (ten, { t, w }) => ({ path: `/api/v1/consortia/${ten.consortiumId}/appraisals/${await appraisal(t, w, ten)}` }),
    own: ALL_READ,
    rest: 200,
  },
  'PATCH /api/v1/consortia/:id/members/:organisationId': {
    req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/members/${ten.partnerOrgIds[0]}`, body: { leftOn: null } }),
    own: HOST_WRITE(200),
    rest: 403,
  },
  'POST /api/v1/consortia/:id/service-lines': {
    req: (ten) => ({
      path: `/api/v1/consortia/${ten.consortiumId}/service-lines`,
      body: { code: unique('S').slice(0, 20).toUpperCase(), name: 'Line', function: 'hr', classification: 'operational' },
    }),
    own: HOST_WRITE(201),
    rest: 403,
  },
  'GET /api/v1/consortia/:id/service-lines': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/service-lines` }), own: ALL_READ, rest: 200 },
  'GET /api/v1/consortia/:id/service-lines/:serviceLineId': {
    req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/service-lines/${ten.serviceLineId}` }),
    own: ALL_READ,
    rest: 200,
  },
  // corrections (issue 13)
  'PATCH /api/v1/consortia/:id/service-lines/:serviceLineId': {
    req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/service-lines/${ten.serviceLineId}`, body: { name: 'Payroll' } }),
    own: HOST_WRITE(200),
    rest: 403,
  },
  'PATCH /api/v1/consortia/:id/slas/:slaId': {
    req: async (ten, { t, w }) => ({ path: `/api/v1/consortia/${ten.consortiumId}/slas/${await sla(t, w, ten)}`, body: { name: unique('SLA ') } }),
    own: HOST_WRITE(200),
    rest: 403,
  },
  'DELETE /api/v1/consortia/:id/members/:organisationId': {
    // a member enrolled just now (after every close, nothing recorded): removable by its host
    req: async (ten, { t, w }) => {
      const organisationId = await org(t, w.tokens.admin!);
      const res = await t.http.post(`/api/v1/consortia/${ten.consortiumId}/members`).set('Authorization', w.tokens.admin!).send({ organisationId, joinedOn: '2025-06-01' });
      if (res.status !== 201) throw new Error(`enrol: ${res.status} ${JSON.stringify(res.body)}`);
      return { path: `/api/v1/consortia/${ten.consortiumId}/members/${organisationId}` };
    },
    own: HOST_WRITE(200),
    rest: 403,
  },
  'POST /api/v1/consortia/:id/archive': {
    // members remain in the world's consortia: the host gets as far as 409 members_remain (archiving itself: corrections.e2e-spec.ts)
    req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/archive`, body: {} }),
    own: HOST_WRITE(409),
    rest: 403,
    insiderStatus: 409,
  },
  'GET /api/v1/kpis': { req: () => ({ path: '/api/v1/kpis' }), own: { anonymous: 401 }, rest: 200, global: true },
  'GET /api/v1/kpis/:code': { req: () => ({ path: '/api/v1/kpis/PAY_ACCURACY' }), own: { anonymous: 401 }, rest: 200, global: true },
  // SLAs, measurements, performance (issue #3)
  'POST /api/v1/consortia/:id/slas': {
    req: (ten) => ({
      path: `/api/v1/consortia/${ten.consortiumId}/slas`,
      body: {
        serviceLineId: ten.serviceLineId,
        name: 'SLA',
        kind: 'SLA',
        frequency: 'monthly',
        creditCapPercent: '10',
        effectiveFrom: '2025-04',
        targets: [{ kpiCode: 'PAY_ACCURACY', target: '99.5', threshold: '99', creditPercent: '5' }],
      },
    }),
    own: HOST_WRITE(201),
    rest: 403,
  },
  'GET /api/v1/consortia/:id/slas': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/slas` }), own: ALL_READ, rest: 200 },
  'GET /api/v1/consortia/:id/slas/:slaId': {
    req: async (ten, { t, w }) => {
      const host = ten === w.c1 ? w.tokens.host! : w.tokens.otherHost!;
      const list = await t.http.get(`/api/v1/consortia/${ten.consortiumId}/slas`).set('Authorization', host);
      return { path: `/api/v1/consortia/${ten.consortiumId}/slas/${list.body.items[0].id}` };
    },
    own: ALL_READ,
    rest: 200,
  },
  'POST /api/v1/consortia/:id/measurements': {
    req: (ten) => ({
      path: `/api/v1/consortia/${ten.consortiumId}/measurements`,
      body: { items: [{ kpiCode: 'PAY_ACCURACY', serviceLineId: ten.serviceLineId, organisationId: ten.partnerOrgIds[0], month: '2025-06', value: '99.6' }] },
    }),
    // partner submits for its own organisation; the other member's partner may not (400 naming organisationId)
    own: { admin: 200, host: 200, otherHost: 404, partner: 200, otherPartner: 400, board: 403, foreignPartner: 404, anonymous: 401 },
    rest: 403,
  },
  'POST /api/v1/consortia/:id/measurements/import': {
    req: (ten) => ({
      path: `/api/v1/consortia/${ten.consortiumId}/measurements/import`,
      csv: `kpiCode,serviceLine,organisation,month,value\nPAY_ACCURACY,PAY,${ten.partnerOrgIds[0]},2025-06,99.6\n`,
    }),
    own: { admin: 200, host: 200, otherHost: 404, partner: 200, otherPartner: 400, board: 403, foreignPartner: 404, anonymous: 401 },
    rest: 403,
  },
  'GET /api/v1/consortia/:id/measurements': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/measurements` }), own: ALL_READ, rest: 200 },
  'GET /api/v1/consortia/:id/measurements/export': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/measurements/export` }), own: ALL_READ, rest: 200 },
  'GET /api/v1/consortia/:id/performance': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/performance?month=2025-06` }), own: ALL_READ, rest: 200 },
  'GET /api/v1/consortia/:id/performance/history': {
    req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/performance/history?month=2025-06` }),
    own: ALL_READ,
    rest: 200,
  },
  'POST /api/v1/kpis': {
    req: () => ({
      path: '/api/v1/kpis',
      body: { code: unique('K').toUpperCase(), name: 'k', unit: 'percent', direction: 'higher_is_better', function: 'hr', category: 'service_level' },
    }),
    own: { admin: 201, anonymous: 401 },
    rest: 403,
    global: true,
  },
  // Benchmarking (issue #5): the organisation in the body or the path is the tenant
  'POST /api/v1/benchmarks/returns': {
    req: (ten) => ({
      path: '/api/v1/benchmarks/returns',
      body: { organisationId: ten.partnerOrgIds[0], financialYear: '2024/25', function: 'finance', cost: '1000000.00', turnover: '100000000.00' },
    }),
    // the organisation itself only: its host and a fellow member's partner see it but may not write it (403)
    own: { admin: 201, host: 403, otherHost: 404, partner: 201, otherPartner: 403, board: 403, orgAdmin: 201, foreignPartner: 404, anonymous: 401 },
    rest: 403,
    insider: 'admin',
  },
  'POST /api/v1/benchmarks/returns/import': {
    req: (ten) => ({
      path: '/api/v1/benchmarks/returns/import',
      csv: `organisation,financialYear,function,cost,turnover\n${ten.partnerOrgIds[0]},2024/25,hr,500000.00,100000000.00\n`,
    }),
    // checked row by row: an organisation the caller may not write is a bad row (400, nothing written)
    own: { admin: 200, host: 400, otherHost: 400, partner: 200, otherPartner: 400, board: 403, orgAdmin: 200, foreignPartner: 400, anonymous: 401 },
    rest: 403,
    global: true,
  },
  'GET /api/v1/benchmarks/returns': { req: () => ({ path: '/api/v1/benchmarks/returns' }), own: { anonymous: 401 }, rest: 200, global: true },
  // the peer distribution and national totals are everyone's; other organisations are unnamed
  'GET /api/v1/benchmarks': {
    req: () => ({ path: '/api/v1/benchmarks?financialYear=2024/25&function=finance&organisationType=community_trust' }),
    own: { anonymous: 401 },
    rest: 200,
    global: true,
  },
  'GET /api/v1/benchmarks/national': { req: () => ({ path: '/api/v1/benchmarks/national?financialYear=2024/25' }), own: { anonymous: 401 }, rest: 200, global: true },
  'GET /api/v1/benchmarks/organisations/:organisationId': {
    req: (ten) => ({ path: `/api/v1/benchmarks/organisations/${ten.partnerOrgIds[0]}?financialYear=2024/25` }),
    own: { ...P1_OWN, host: 404 },
    rest: 404,
    insider: 'admin',
  },
  // ---- agreements, ledger, statements, month close, exit quotes (issue 4). Reads of statements and
  // exit quotes need an approved agreement: the builders create one with the admin token first.
  'PUT /api/v1/consortia/:id/agreement': {
    req: async (ten, ctx) => ({ path: `/api/v1/consortia/${ten.consortiumId}/agreement`, body: coopAgreement(), headers: await ifMatchOfDraft(ten, ctx) }),
    own: HOST_WRITE(200),
    rest: 403,
  },
  // in a co-operative the members decide (domain.md §13): the host proposes, it does not approve alone
  'POST /api/v1/consortia/:id/agreement/approve': {
    req: async (ten, ctx) => {
      await ensureDraft(ten, ctx);
      return { path: `/api/v1/consortia/${ten.consortiumId}/agreement/approve` };
    },
    own: { ...HOST_WRITE(200), host: 403 },
    rest: 403,
    insider: 'admin',
  },
  'POST /api/v1/consortia/:id/agreement/propose': {
    req: async (ten, ctx) => {
      await freshProposal(ctx.t, ctx.w, ten.consortiumId);
      await ctx.t.http.post(`/api/v1/consortia/${ten.consortiumId}/agreement/withdraw`).set('Authorization', ctx.w.tokens.admin!).expect(200);
      await ensureDraft(ten, ctx);
      return { path: `/api/v1/consortia/${ten.consortiumId}/agreement/propose` };
    },
    own: HOST_WRITE(200),
    rest: 403,
  },
  'POST /api/v1/consortia/:id/agreement/withdraw': {
    req: async (ten, ctx) => {
      await freshProposal(ctx.t, ctx.w, ten.consortiumId);
      return { path: `/api/v1/consortia/${ten.consortiumId}/agreement/withdraw` };
    },
    own: HOST_WRITE(200),
    rest: 403,
  },
  // a vote is an organisation's, cast by its org_admin, host_admin or board_viewer; a partner_user and the platform admin do not vote
  'POST /api/v1/consortia/:id/agreement/versions/:version/votes': {
    req: async (ten, ctx) => {
      const version = await freshProposal(ctx.t, ctx.w, ten.consortiumId);
      return { path: `/api/v1/consortia/${ten.consortiumId}/agreement/versions/${version}/votes`, body: { vote: 'approve' } };
    },
    own: { admin: 403, host: 200, otherHost: 404, partner: 403, otherPartner: 403, board: 200, orgAdmin: 200, foreignPartner: 403, anonymous: 401 },
    rest: 403,
  },
  'GET /api/v1/consortia/:id/agreement/versions/:version/impact': {
    req: async (ten, ctx) => {
      const version = await freshProposal(ctx.t, ctx.w, ten.consortiumId);
      return { path: `/api/v1/consortia/${ten.consortiumId}/agreement/versions/${version}/impact` };
    },
    own: ALL_READ,
    rest: 200,
  },
  'GET /api/v1/consortia/:id/agreement': {
    req: async (ten, ctx) => {
      await ensureAgreement(ten, ctx);
      return { path: `/api/v1/consortia/${ten.consortiumId}/agreement` };
    },
    own: ALL_READ,
    rest: 200,
  },
  'GET /api/v1/consortia/:id/agreement/draft': {
    req: async (ten, ctx) => {
      await ensureDraft(ten, ctx);
      return { path: `/api/v1/consortia/${ten.consortiumId}/agreement/draft` };
    },
    own: ALL_READ,
    rest: 200,
  },
  'GET /api/v1/consortia/:id/agreement/versions': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/agreement/versions` }), own: ALL_READ, rest: 200 },
  'GET /api/v1/consortia/:id/agreement/versions/:version': {
    req: async (ten, ctx) => {
      await ensureAgreement(ten, ctx);
      return { path: `/api/v1/consortia/${ten.consortiumId}/agreement/versions/1` };
    },
    own: ALL_READ,
    rest: 200,
  },
  'POST /api/v1/consortia/:id/costs': {
    req: (ten) => ({
      path: `/api/v1/consortia/${ten.consortiumId}/costs`,
      body: { month: '2027-01', category: 'operating', amount: '100.00', serviceLineId: ten.serviceLineId, description: 'Matrix' },
    }),
    own: HOST_WRITE(201),
    rest: 403,
  },
  'GET /api/v1/consortia/:id/costs': {
    req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/costs` }),
    own: { admin: 200, host: 200, otherHost: 404, anonymous: 401 },
    rest: 403,
  },
  'PUT /api/v1/consortia/:id/activity': {
    req: (ten) => ({
      path: `/api/v1/consortia/${ten.consortiumId}/activity`,
      body: { items: [{ serviceLineId: ten.serviceLineId, organisationId: ten.partnerOrgIds[0], month: '2027-01', volume: '10' }] },
    }),
    own: HOST_WRITE(200),
    rest: 403,
  },
  'GET /api/v1/consortia/:id/activity': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/activity` }), own: ALL_READ, rest: 200 },
  'PUT /api/v1/consortia/:id/baselines': {
    req: (ten) => ({
      path: `/api/v1/consortia/${ten.consortiumId}/baselines`,
      body: { items: [{ organisationId: ten.partnerOrgIds[0], serviceLineId: ten.serviceLineId, annualAmount: '1000.00' }] },
    }),
    own: HOST_WRITE(200),
    rest: 403,
  },
  'GET /api/v1/consortia/:id/baselines': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/baselines` }), own: ALL_READ, rest: 200 },
  // allocation drivers (issue 13, domain.md §12): the host writes; members read (their own rows, the board all)
  'PUT /api/v1/consortia/:id/drivers': {
    req: (ten) => ({
      path: `/api/v1/consortia/${ten.consortiumId}/drivers`,
      body: { items: [{ organisationId: ten.partnerOrgIds[0], financialYear: '2027/28', annualTurnover: '100000000.00', headcount: '1000' }] },
    }),
    own: HOST_WRITE(200),
    rest: 403,
  },
  'GET /api/v1/consortia/:id/drivers': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/drivers` }), own: ALL_READ, rest: 200 },
  // the benefits plan (issue 16, domain.md §16): the host writes; members read (their own rows, the board all)
  'PUT /api/v1/consortia/:id/benefits-plan': {
    req: (ten) => ({
      path: `/api/v1/consortia/${ten.consortiumId}/benefits-plan`,
      body: { items: [{ organisationId: ten.partnerOrgIds[0], financialYear: '2025/26', plannedSavings: '100000.00', guaranteedPercent: '5' }] },
    }),
    own: HOST_WRITE(200),
    rest: 403,
  },
  'GET /api/v1/consortia/:id/benefits-plan': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/benefits-plan` }), own: ALL_READ, rest: 200 },
  // schedules (issue 17, docs/schedules.md): the host sets them; everyone in the consortium reads them
  'PUT /api/v1/consortia/:id/schedules': {
    req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/schedules`, body: { boardPackWorkingDay: 5, reminderWorkingDaysBefore: 3 } }),
    own: HOST_WRITE(200),
    rest: 403,
  },
  'GET /api/v1/consortia/:id/schedules': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/schedules` }), own: ALL_READ, rest: 200 },
  'GET /api/v1/consortia/:id/statements': {
    req: async (ten, ctx) => {
      await ensureAgreement(ten, ctx);
      return { path: `/api/v1/consortia/${ten.consortiumId}/statements?from=2025-04&to=2025-05` };
    },
    // the host and the partnership board (board viewers of members)
    own: { admin: 200, host: 200, otherHost: 404, board: 200, foreignPartner: 404, anonymous: 401 },
    rest: 403,
  },
  'GET /api/v1/consortia/:id/statements/consolidated': {
    req: async (ten, ctx) => {
      await ensureAgreement(ten, ctx);
      return { path: `/api/v1/consortia/${ten.consortiumId}/statements/consolidated?from=2025-04&to=2025-05` };
    },
    own: { admin: 200, host: 200, otherHost: 404, board: 200, foreignPartner: 404, anonymous: 401 },
    rest: 403,
  },
  'GET /api/v1/consortia/:id/statements/:organisationId': {
    req: async (ten, ctx) => {
      await ensureAgreement(ten, ctx);
      return { path: `/api/v1/consortia/${ten.consortiumId}/statements/${ten.partnerOrgIds[0]}?from=2025-04&to=2025-05` };
    },
    own: P1_OWN, // P1's own
    rest: 404,
  },
  'POST /api/v1/consortia/:id/months/:month/close': {
    // a fresh consortium of the same tenant (same host and partners) each time, so closing never locks C1's or C2's months
    req: async (ten, ctx) => ({ path: `/api/v1/consortia/${await tenantConsortium(ten, ctx)}/months/2025-04/close` }),
    own: HOST_WRITE(201),
    rest: 403,
  },
  'GET /api/v1/consortia/:id/months/:month/preview': {
    // April closed there, so May is the next month to close (nothing is written by a preview)
    req: async (ten, ctx) => ({ path: `/api/v1/consortia/${await closedTenantConsortium(ten, ctx)}/months/2025-05/preview` }),
    own: HOST_WRITE(200),
    rest: 403,
  },
  'GET /api/v1/consortia/:id/months': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/months` }), own: ALL_READ, rest: 200 },
  'GET /api/v1/consortia/:id/months/:month/statements': {
    req: async (ten, ctx) => ({ path: `/api/v1/consortia/${await closedTenantConsortium(ten, ctx)}/months/2025-04/statements` }),
    own: ALL_READ,
    rest: 200,
  },
  'GET /api/v1/consortia/:id/members/:organisationId/exit-quote': {
    req: async (ten, ctx) => {
      await ensureAgreement(ten, ctx);
      return { path: `/api/v1/consortia/${ten.consortiumId}/members/${ten.partnerOrgIds[0]}/exit-quote?noticeDate=2025-06-10` };
    },
    own: P1_OWN, // P1's own
    rest: 404,
  },
  // ---- what-if scenarios (domain.md §14): any member runs one (items as statements are read); saved ones are read by every member
  'POST /api/v1/consortia/:id/scenarios': {
    req: async (ten, ctx) => {
      await ensureAgreement(ten, ctx);
      return { path: `/api/v1/consortia/${ten.consortiumId}/scenarios`, body: { from: '2025-04', to: '2025-05', changes: [{ kind: 'costChange', percent: '10' }] } };
    },
    own: ALL_READ,
    rest: 200,
  },
  'GET /api/v1/consortia/:id/scenarios': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/scenarios` }), own: ALL_READ, rest: 200 },
  'GET /api/v1/consortia/:id/scenarios/:scenarioId': {
    req: async (ten, ctx) => ({ path: `/api/v1/consortia/${ten.consortiumId}/scenarios/${await savedScenario(ten, ctx)}` }),
    own: ALL_READ,
    rest: 200,
  },
  // its author (here the admin) or the host; other members read it but may not delete it
  'DELETE /api/v1/consortia/:id/scenarios/:scenarioId': {
    req: async (ten, ctx) => ({ path: `/api/v1/consortia/${ten.consortiumId}/scenarios/${await savedScenario(ten, ctx)}` }),
    own: { admin: 204, host: 204, otherHost: 404, foreignPartner: 404, anonymous: 401 },
    rest: 403,
  },
  // ---- PDF reports (issue 7): the same access as the data in them; real Chromium renders each 200
  'GET /api/v1/consortia/:id/reports/performance.pdf': {
    req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/reports/performance.pdf?month=2025-06` }),
    own: ALL_READ,
    rest: 200,
  },
  'GET /api/v1/consortia/:id/reports/agreement.pdf': {
    req: async (ten, ctx) => {
      await ensureAgreement(ten, ctx);
      return { path: `/api/v1/consortia/${ten.consortiumId}/reports/agreement.pdf` };
    },
    own: ALL_READ,
    rest: 200,
  },
  'GET /api/v1/consortia/:id/reports/statement.pdf': {
    req: async (ten, ctx) => {
      await ensureAgreement(ten, ctx);
      return { path: `/api/v1/consortia/${ten.consortiumId}/reports/statement.pdf?organisationId=${ten.partnerOrgIds[0]}&from=2025-04&to=2025-05` };
    },
    own: P1_OWN, // P1's own
    rest: 404,
  },
  // the consolidated statement's PDF: as GET /statements/consolidated
  // a saved options appraisal as a PDF: every member reads it, as GET …/appraisals/:appraisalId
  'GET /api/v1/consortia/:id/reports/appraisal.pdf': {
    req: async (ten, { t, w }) => ({ path: `/api/v1/consortia/${ten.consortiumId}/reports/appraisal.pdf?appraisalId=${await appraisal(t, w, ten)}` }),
    own: ALL_READ,
    rest: 200,
  },
  'GET /api/v1/consortia/:id/reports/consolidated.pdf': {
    req: async (ten, ctx) => {
      await ensureAgreement(ten, ctx);
      return { path: `/api/v1/consortia/${ten.consortiumId}/reports/consolidated.pdf?from=2025-04&to=2025-05` };
    },
    own: { admin: 200, host: 200, otherHost: 404, board: 200, foreignPartner: 404, anonymous: 401 },
    rest: 403,
  },
  // the board pack (issue 16): as the consolidated statement
  'GET /api/v1/consortia/:id/reports/board-pack.pdf': {
    req: async (ten, ctx) => {
      await ensureAgreement(ten, ctx);
      return { path: `/api/v1/consortia/${ten.consortiumId}/reports/board-pack.pdf?from=2025-04&to=2025-05` };
    },
    own: { admin: 200, host: 200, otherHost: 404, board: 200, foreignPartner: 404, anonymous: 401 },
    rest: 403,
  },
  // the what-if scenario's PDF: as POST /scenarios (priced from the body) and GET /scenarios/:scenarioId (a saved one)
  'POST /api/v1/consortia/:id/reports/scenario.pdf': {
    req: async (ten, ctx) => {
      await ensureAgreement(ten, ctx);
      return { path: `/api/v1/consortia/${ten.consortiumId}/reports/scenario.pdf`, body: { from: '2025-04', to: '2025-05', changes: [{ kind: 'costChange', percent: '10' }] } };
    },
    own: ALL_READ,
    rest: 200,
  },
  'GET /api/v1/consortia/:id/reports/scenario.pdf': {
    req: async (ten, ctx) => ({ path: `/api/v1/consortia/${ten.consortiumId}/reports/scenario.pdf?scenarioId=${await savedScenario(ten, ctx)}` }),
    own: ALL_READ,
    rest: 200,
  },
  'GET /api/v1/benchmarks/report.pdf': {
    req: (ten) => ({ path: `/api/v1/benchmarks/report.pdf?financialYear=2024/25&function=finance&organisationType=community_trust&organisationId=${ten.partnerOrgIds[0]}` }),
    own: { ...P1_OWN, host: 404 },
    rest: 404,
    insider: 'admin',
  },
  'POST /api/v1/consortia/:id/reports/statements': {
    req: async (ten, ctx) => {
      await ensureAgreement(ten, ctx);
      return { path: `/api/v1/consortia/${ten.consortiumId}/reports/statements`, body: { from: '2025-04', to: '2025-05' } };
    },
    own: HOST_WRITE(202),
    rest: 403,
  },
  'GET /api/v1/consortia/:id/reports/jobs/:jobId': {
    req: async (ten, ctx) => ({ path: `/api/v1/consortia/${ten.consortiumId}/reports/jobs/${await reportJob(ten, ctx)}` }),
    own: HOST_WRITE(200),
    rest: 403,
  },
  'GET /api/v1/consortia/:id/reports/jobs': {
    req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/reports/jobs` }),
    own: HOST_WRITE(200),
    rest: 403,
  },
  'GET /api/v1/consortia/:id/reports/jobs/:jobId/files.zip': {
    req: async (ten, ctx) => ({ path: `/api/v1/consortia/${ten.consortiumId}/reports/jobs/${await reportJob(ten, ctx)}/files.zip` }),
    own: HOST_WRITE(200),
    rest: 403,
  },
  'GET /api/v1/consortia/:id/reports/jobs/:jobId/files/:organisationId.pdf': {
    req: async (ten, ctx) => ({ path: `/api/v1/consortia/${ten.consortiumId}/reports/jobs/${await reportJob(ten, ctx)}/files/${ten.partnerOrgIds[0]}.pdf` }),
    own: HOST_WRITE(200),
    rest: 403,
  }, // Notifications (issue #17): anyone signed in keeps their own preferences; the delivery log is the host's
  'GET /api/v1/me/notification-preferences': { req: () => ({ path: '/api/v1/me/notification-preferences' }), own: { anonymous: 401 }, rest: 200, global: true },
  'PUT /api/v1/me/notification-preferences': {
    req: () => ({ path: '/api/v1/me/notification-preferences', body: { items: [{ kind: 'sla.breached', enabled: true, mode: 'immediate', attachPdf: false }] } }),
    own: { anonymous: 401 },
    rest: 200,
    global: true,
  },
  'GET /api/v1/consortia/:id/notifications': {
    req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/notifications` }),
    own: { ...HOST_WRITE(200), foreignPartner: 404 },
    rest: 403,
  },
  // ---- webhooks (issue 17): the host's endpoints and their delivery logs (targets under .invalid never resolve)
  'POST /api/v1/consortia/:id/webhooks': {
    req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/webhooks`, body: { url: 'https://hooks.invalid/in', events: ['board_pack.due'] } }),
    own: HOST_WRITE(201),
    rest: 403,
  },
  'GET /api/v1/consortia/:id/webhooks': { req: (ten) => ({ path: `/api/v1/consortia/${ten.consortiumId}/webhooks` }), own: HOST_WRITE(200), rest: 403 },
  'GET /api/v1/consortia/:id/webhooks/:webhookId': {
    req: async (ten, { t, w }) => ({ path: `/api/v1/consortia/${ten.consortiumId}/webhooks/${await webhook(t, w, ten)}` }),
    own: HOST_WRITE(200),
    rest: 403,
  },
  'PATCH /api/v1/consortia/:id/webhooks/:webhookId': {
    req: async (ten, { t, w }) => ({ path: `/api/v1/consortia/${ten.consortiumId}/webhooks/${await webhook(t, w, ten)}`, body: { description: 'Data warehouse' } }),
    own: HOST_WRITE(200),
    rest: 403,
  },
  'DELETE /api/v1/consortia/:id/webhooks/:webhookId': {
    req: async (ten, { t, w }) => ({ path: `/api/v1/consortia/${ten.consortiumId}/webhooks/${await webhook(t, w, ten)}` }),
    own: HOST_WRITE(204),
    rest: 403,
  },
  'POST /api/v1/consortia/:id/webhooks/:webhookId/rotate-secret': {
    req: async (ten, { t, w }) => ({ path: `/api/v1/consortia/${ten.consortiumId}/webhooks/${await webhook(t, w, ten)}/rotate-secret` }),
    own: HOST_WRITE(200),
    rest: 403,
  },
  'GET /api/v1/consortia/:id/webhooks/:webhookId/deliveries': {
    req: async (ten, { t, w }) => ({ path: `/api/v1/consortia/${ten.consortiumId}/webhooks/${await webhook(t, w, ten)}/deliveries` }),
    own: HOST_WRITE(200),
    rest: 403,
  },
};

describe('access matrix: every route × every caller × a second tenant (e2e)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  async function call(actor: Actor, route: string, ten: Tenant): Promise<number> {
    const token = MATRIX[route].freshToken && actor !== 'anonymous' ? await t.login(w.users[actor].email, w.users[actor].password) : w.tokens[actor];
    return callWith(token, route, ten);
  }

  async function callWith(token: string | undefined, route: string, ten: Tenant): Promise<number> {
    const [method] = route.split(' ');
    const { path, body, csv, headers } = await MATRIX[route].req(ten, { t, w });
    let r = t.http[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](path);
    if (token) r = r.set('Authorization', token);
    for (const [k, v] of Object.entries(headers ?? {})) r = r.set(k, v);
    if (body !== undefined) r = r.send(body as object);
    if (csv !== undefined) r = r.set('Content-Type', 'text/csv').send(csv);
    return (await r).status;
  }

  it('has a row for every registered route (a new route must be added here)', () => {
    const routes = registeredRoutes(t.app);
    expect(routes.length).toBeGreaterThan(15);
    const missing = routes.filter((r) => !MATRIX[r]);
    expect(missing).toEqual([]);
    const stale = Object.keys(MATRIX).filter((r) => !routes.includes(r));
    expect(stale).toEqual([]);
  });

  it.each(Object.keys(MATRIX))('%s: each caller on its own consortium gets exactly the expected status', async (route) => {
    const row = MATRIX[route];
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const actor of ACTORS) {
      got[actor] = await call(actor, route, w.c1);
      want[actor] = row.own[actor] ?? row.rest;
    }
    expect(got).toEqual(want);
  });

  it.each(Object.keys(MATRIX).filter((r) => !MATRIX[r].global))('%s: with a second consortium’s ids, nobody outside it gets a 2xx', async (route) => {
    const outsiders: Actor[] = ['host', 'partner', 'otherPartner', 'board', 'orgAdmin', 'anonymous'];
    const got: Record<string, number> = {};
    for (const actor of outsiders) got[actor] = await call(actor, route, w.c2);
    const verdict = Object.fromEntries(outsiders.map((a) => [a, got[a] === 401 ? 'unauthenticated' : [403, 404].includes(got[a]) ? 'denied' : got[a]]));
    expect(verdict).toEqual(Object.fromEntries(outsiders.map((a) => [a, a === 'anonymous' ? 'unauthenticated' : 'denied'])));
    // and the tenant's own host (and the admin) do reach it: the ids were real
    const insider = await call(MATRIX[route].insider ?? 'otherHost', route, w.c2);
    if (MATRIX[route].insiderStatus !== undefined) expect(insider).toBe(MATRIX[route].insiderStatus);
    else expect(insider).toBeLessThan(300);
  });

  /**
   * Chains of allowed steps (issue 12, finding 1): C1's host creates every user it can (every role, in
   * every organisation it knows of: its own, C1's members, C2's host and member) and makes every
   * membership it can without the other side's consent (direct enrolment, and invitations nobody
   * accepts) of C2's organisations. Each user it managed to create then tries every route with C2's
   * ids: 0 unexpected 2xx.
   */
  describe('chains: every user a host can create and every membership it can make without consent, against a second consortium', () => {
    const chainTokens: Record<string, string> = {};
    const attempts: Record<string, number> = {};
    beforeAll(async () => {
      const host = w.tokens.host!;
      const orgs = { ownOrg: w.c1.hostOrgId, member: w.c1.partnerOrgIds[0], otherHostOrg: w.c2.hostOrgId, otherMember: w.c2.partnerOrgIds[0] };
      for (const [memberKind, organisationId] of Object.entries({ otherHostOrg: orgs.otherHostOrg, otherMember: orgs.otherMember })) {
        const direct = await t.http.post(`/api/v1/consortia/${w.c1.consortiumId}/members`).set('Authorization', host).send({ organisationId, joinedOn: '2025-05-01' });
        attempts[`enrol ${memberKind}`] = direct.status;
        const invited = await t.http.post(`/api/v1/consortia/${w.c1.consortiumId}/invitations`).set('Authorization', host).send({ organisationId, joinedOn: '2025-05-01' });
        attempts[`invite ${memberKind}`] = invited.status;
      }
      for (const role of ['admin', 'host_admin', 'org_admin', 'partner_user', 'board_viewer']) {
        for (const [where, organisationId] of Object.entries(orgs)) {
          const email = `${unique(`chain-${role}`)}@x.example`;
          const res = await t.http.post('/api/v1/users').set('Authorization', host).send({ email, password: 'long-password-1', role, organisationId });
          attempts[`user ${role} in ${where}`] = res.status;
          if (res.status === 201) chainTokens[`${role} in ${where}`] = await t.login(email, 'long-password-1');
        }
      }
    });

    it('the host could make users only in its own organisation and no membership without consent', () => {
      const made = Object.entries(attempts)
        .filter(([, status]) => status < 300)
        .map(([what]) => what);
      expect(made.sort()).toEqual([
        'invite otherHostOrg',
        'invite otherMember',
        'user board_viewer in ownOrg',
        'user host_admin in ownOrg',
        'user org_admin in ownOrg',
        'user partner_user in ownOrg',
      ]);
      expect(Object.keys(chainTokens)).toHaveLength(4);
    });

    it.each(Object.keys(MATRIX).filter((r) => !MATRIX[r].global))('%s: no user of the chain reaches the second consortium', async (route) => {
      const got: Record<string, number> = {};
      for (const [who, token] of Object.entries(chainTokens)) got[who] = await callWith(token, route, w.c2);
      const unexpected = Object.entries(got).filter(([, status]) => status < 300);
      expect(unexpected).toEqual([]);
    });
  });
});

// ---- helpers of the issue-12 rows (invitations)

/**
 * A pending invitation of the tenant: `fresh`, a new organisation invited to the tenant's consortium;
 * `partner`, the tenant's first partner (P1 or Q1) invited to a new consortium of the tenant's host.
 */
async function invitation(ten: Tenant, { t, w }: { t: TestApp; w: World }, kind: 'fresh' | 'partner'): Promise<string> {
  const admin = w.tokens.admin!;
  let consortiumId = ten.consortiumId;
  let organisationId: string;
  if (kind === 'fresh') organisationId = await org(t, admin);
  else {
    const c = await t.http
      .post('/api/v1/consortia')
      .set('Authorization', admin)
      .send({ name: unique('Invite '), deliveryModel: 'cooperative', hostOrganisationId: ten.hostOrgId, startDate: '2025-04-01' });
    consortiumId = c.body.id as string;
    organisationId = ten.partnerOrgIds[0];
  }
  const r = await t.http.post(`/api/v1/consortia/${consortiumId}/invitations`).set('Authorization', admin).send({ organisationId, joinedOn: '2025-04-01' });
  if (r.status !== 201) throw new Error(`invitation: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

// ---- helpers of the issue-4 rows (agreements, statements, month close, exit quotes)

async function ifMatchOfDraft(ten: Tenant, { t, w }: { t: TestApp; w: World }): Promise<Record<string, string>> {
  const d = await t.http.get(`/api/v1/consortia/${ten.consortiumId}/agreement/draft`).set('Authorization', w.tokens.admin!);
  return d.status === 200 ? { 'If-Match': String(d.body.revision) } : {};
}

async function ensureDraft(ten: Tenant, ctx: { t: TestApp; w: World }): Promise<void> {
  if ((await ifMatchOfDraft(ten, ctx))['If-Match']) return;
  const r = await ctx.t.http.put(`/api/v1/consortia/${ten.consortiumId}/agreement`).set('Authorization', ctx.w.tokens.admin!).send(coopAgreement());
  if (r.status !== 200) throw new Error(`draft agreement: ${r.status} ${JSON.stringify(r.body)}`);
}

async function ensureAgreement(ten: Tenant, ctx: { t: TestApp; w: World }, consortiumId = ten.consortiumId): Promise<void> {
  const { t, w } = ctx;
  if ((await t.http.get(`/api/v1/consortia/${consortiumId}/agreement`).set('Authorization', w.tokens.admin!)).status === 200) return;
  await ensureDraft({ ...ten, consortiumId }, ctx);
  const r = await t.http.post(`/api/v1/consortia/${consortiumId}/agreement/approve`).set('Authorization', w.tokens.admin!);
  if (r.status !== 200) throw new Error(`approve agreement: ${r.status} ${JSON.stringify(r.body)}`);
}

/** A fresh saved scenario of the tenant's consortium (saved by the admin); resolves with its id. */
async function savedScenario(ten: Tenant, ctx: { t: TestApp; w: World }): Promise<string> {
  await ensureAgreement(ten, ctx);
  const r = await ctx.t.http
    .post(`/api/v1/consortia/${ten.consortiumId}/scenarios`)
    .set('Authorization', ctx.w.tokens.admin!)
    .send({ from: '2025-04', to: '2025-05', name: unique('Scenario '), changes: [{ kind: 'costChange', percent: '10' }] });
  if (r.status !== 200) throw new Error(`save scenario: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

/** A new consortium hosted by the tenant's host, with the tenant's partners and an approved agreement. */
async function tenantConsortium(ten: Tenant, ctx: { t: TestApp; w: World }): Promise<string> {
  const { t, w } = ctx;
  const admin = w.tokens.admin!;
  const c = await t.http
    .post('/api/v1/consortia')
    .set('Authorization', admin)
    .send({ name: unique('Close '), deliveryModel: 'cooperative', hostOrganisationId: ten.hostOrgId, startDate: '2025-04-01' });
  if (c.status !== 201) throw new Error(`consortium: ${c.status} ${JSON.stringify(c.body)}`);
  for (const p of ten.partnerOrgIds) await t.http.post(`/api/v1/consortia/${c.body.id}/members`).set('Authorization', admin).send({ organisationId: p, joinedOn: '2025-04-01' });
  await ensureAgreement(ten, ctx, c.body.id);
  return c.body.id;
}

const closedConsortia = new Map<string, string>();
/** Once per tenant: a consortium of the tenant with April 2025 closed. */
async function closedTenantConsortium(ten: Tenant, ctx: { t: TestApp; w: World }): Promise<string> {
  let id = closedConsortia.get(ten.consortiumId);
  if (!id) {
    id = await tenantConsortium(ten, ctx);
    const r = await ctx.t.http.post(`/api/v1/consortia/${id}/months/2025-04/close`).set('Authorization', ctx.w.tokens.admin!);
    if (r.status !== 201) throw new Error(`close: ${r.status} ${JSON.stringify(r.body)}`);
    closedConsortia.set(ten.consortiumId, id);
  }
  return id;
}

// ---- helpers of the issue-7 rows (PDF reports)

const reportJobs = new Map<string, string>();
/** Once per tenant: a completed statement batch of April–May 2025 (the admin queues it). */
async function reportJob(ten: Tenant, ctx: { t: TestApp; w: World }): Promise<string> {
  let id = reportJobs.get(ten.consortiumId);
  if (!id) {
    await ensureAgreement(ten, ctx);
    const q = await ctx.t.http.post(`/api/v1/consortia/${ten.consortiumId}/reports/statements`).set('Authorization', ctx.w.tokens.admin!).send({ from: '2025-04', to: '2025-05' });
    if (q.status !== 202) throw new Error(`report job: ${q.status} ${JSON.stringify(q.body)}`);
    id = q.body.id as string;
    for (let i = 0; ; i++) {
      const r = await ctx.t.http.get(`/api/v1/consortia/${ten.consortiumId}/reports/jobs/${id}`).set('Authorization', ctx.w.tokens.admin!);
      if (r.body.status === 'completed') break;
      if (r.body.status === 'failed' || i > 200) throw new Error(`report job did not complete: ${JSON.stringify(r.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    reportJobs.set(ten.consortiumId, id);
  }
  return id;
}
