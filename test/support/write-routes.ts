/**
 * Every write route with a valid request and the kinds of its body fields: the mass-assignment and
 * fuzz tests build on it, and fail when a registered write route has no entry here.
 */
import type { TestApp } from './app';
import { org, unique, type Tenant, type World } from './world';
import { coopAgreement, freshProposal } from './agreement';

export type Kind = 'boolean' | 'string' | 'money' | 'uuid' | 'enum' | 'month' | 'date' | 'decimal' | 'quantity' | 'items' | 'targets' | 'email' | 'password' | 'code';

export interface WriteRoute {
  method: 'post' | 'put' | 'patch' | 'delete';
  /** A valid request on consortium `ten` made by `actor` (host of C1 unless noted). */
  valid: (ctx: { t: TestApp; w: World; ten: Tenant }) => Promise<{ path: string; body: Record<string, unknown> }>;
  /** Top-level body fields and their kinds (what the fuzzer corrupts). */
  fields: Record<string, Kind>;
  /** Fields the DTO legitimately has among the mass-assignment probes. */
  declares?: string[];
  /** Token to use (default: host). */
  as?: 'admin' | 'host';
  /** Takes no body (logout, accept, decline, withdraw): nothing to corrupt or mass-assign; listed so that every write route is decided. */
  noBody?: true;
  /** Not a JSON route (CSV import): probed separately. */
  csv?: boolean;
}

const c = (ten: Tenant) => `/api/v1/consortia/${ten.consortiumId}`;

/** A new partner_user of `organisationId`, made by the admin; resolves with its id. */
export async function orgUser(t: TestApp, w: World, organisationId: string): Promise<string> {
  const res = await t.http
    .post('/api/v1/users')
    .set('Authorization', w.tokens.admin!)
    .send({ email: `${unique('member')}@x.example`, password: 'long-password-1', role: 'partner_user', organisationId });
  if (res.status !== 201) throw new Error(`create user: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** A new SLA on the tenant's service line, made by the admin; resolves with its id. */
export async function sla(t: TestApp, w: World, ten: Tenant): Promise<string> {
  const res = await t.http
    .post(`${c(ten)}/slas`)
    .set('Authorization', w.tokens.admin!)
    .send({
      serviceLineId: ten.serviceLineId,
      name: 'SLA',
      kind: 'SLA',
      frequency: 'monthly',
      creditCapPercent: '10',
      effectiveFrom: '2025-04',
      targets: [{ kpiCode: 'PAY_ACCURACY', target: '99.5', threshold: '99', creditPercent: '5' }],
    });
  if (res.status !== 201) throw new Error(`create SLA: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** A new saved appraisal of the tenant's consortium, made by the admin; resolves with its id. */
export async function appraisal(t: TestApp, w: World, ten: Tenant): Promise<string> {
  const res = await t.http
    .post('/api/v1/appraisals')
    .set('Authorization', w.tokens.admin!)
    .send({
      consortiumId: ten.consortiumId,
      name: unique('Appraisal '),
      statusQuoAnnualCost: '1000.00',
      options: [{ name: 'Company', deliveryModel: 'shared_services_company', annualRunningCost: '900.00' }],
    });
  if (res.status !== 201) throw new Error(`create appraisal: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** A new webhook endpoint of the tenant's consortium (a target that never resolves: `.invalid`), made by the admin; resolves with its id. */
export async function webhook(t: TestApp, w: World, ten: Tenant): Promise<string> {
  const res = await t.http
    .post(`${c(ten)}/webhooks`)
    .set('Authorization', w.tokens.admin!)
    .send({ url: `https://${unique('hooks')}.invalid/in`, events: ['board_pack.due'] });
  if (res.status !== 201) throw new Error(`create webhook: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export const WRITE_ROUTES: Record<string, WriteRoute> = {
  'POST /api/v1/appraisals': {
    method: 'post',
    valid: async ({ ten }) => ({
      path: '/api/v1/appraisals',
      body: {
        consortiumId: ten.consortiumId,
        name: unique('Appraisal '),
        years: 10,
        discountRatePercent: '3.5',
        statusQuoAnnualCost: '1000.00',
        options: [
          {
            name: 'Company',
            deliveryModel: 'shared_services_company',
            startYear: 1,
            annualRunningCost: '900.00',
            oneOffCosts: [{ year: 0, amount: '50.00' }],
            optimismBiasPercent: '20',
          },
        ],
      },
    }),
    fields: { consortiumId: 'uuid', name: 'string', years: 'quantity', discountRatePercent: 'decimal', statusQuoAnnualCost: 'money', options: 'items' },
  },
  'POST /api/v1/auth/login': {
    method: 'post',
    valid: async () => ({ path: '/api/v1/auth/login', body: { email: 'nobody@x.example', password: 'wrong-password' } }),
    fields: { email: 'string', password: 'password' },
  },
  'POST /api/v1/users': {
    method: 'post',
    as: 'admin',
    valid: async ({ ten }) => ({
      path: '/api/v1/users',
      body: { email: `${unique('fz')}@x.example`, password: 'long-password-1', role: 'partner_user', organisationId: ten.partnerOrgIds[0] },
    }),
    fields: { email: 'email', password: 'password', role: 'enum', organisationId: 'uuid' },
    declares: ['role', 'organisationId'],
  },
  // Sessions and users (issue 12): the body-less ones end sessions or decide invitations, so they are not fuzzed with the world's tokens
  'POST /api/v1/auth/logout': { method: 'post', noBody: true, valid: async () => ({ path: '/api/v1/auth/logout', body: {} }), fields: {} },
  'POST /api/v1/auth/password': {
    method: 'post',
    // a wrong current password: the request is well-formed but never changes the host's password
    valid: async () => ({ path: '/api/v1/auth/password', body: { currentPassword: 'not-the-password-123', newPassword: 'a-brand-new-passphrase' } }),
    fields: { currentPassword: 'password', newPassword: 'password' },
  },
  'PATCH /api/v1/users/:id': {
    method: 'patch',
    valid: async ({ t, w, ten }) => ({ path: `/api/v1/users/${await orgUser(t, w, ten.hostOrgId)}`, body: { role: 'board_viewer' } }),
    fields: { disabled: 'boolean', role: 'enum' },
    declares: ['role'],
  },
  'POST /api/v1/users/:id/password-reset': {
    method: 'post',
    noBody: true,
    valid: async ({ t, w, ten }) => ({ path: `/api/v1/users/${await orgUser(t, w, ten.hostOrgId)}/password-reset`, body: {} }),
    fields: {},
  },
  'POST /api/v1/consortia/:id/invitations': {
    method: 'post',
    valid: async ({ t, w, ten }) => ({
      path: `/api/v1/consortia/${ten.consortiumId}/invitations`,
      body: { organisationId: await org(t, w.tokens.admin!), joinedOn: '2025-06-01' },
    }),
    fields: { organisationId: 'uuid', joinedOn: 'date' },
    declares: ['organisationId'],
  },
  'POST /api/v1/consortia/:id/invitations/:invitationId/withdraw': {
    method: 'post',
    noBody: true,
    valid: async () => ({ path: '/api/v1/consortia/x/invitations/x/withdraw', body: {} }),
    fields: {},
  },
  'POST /api/v1/invitations/:id/accept': { method: 'post', noBody: true, valid: async () => ({ path: '/api/v1/invitations/x/accept', body: {} }), fields: {} },
  'POST /api/v1/invitations/:id/decline': { method: 'post', noBody: true, valid: async () => ({ path: '/api/v1/invitations/x/decline', body: {} }), fields: {} },
  'POST /api/v1/organisations': {
    method: 'post',
    as: 'admin',
    valid: async () => ({ path: '/api/v1/organisations', body: { name: unique('Fuzz '), type: 'acute_trust', annualTurnover: '1000.00', headcount: '10' } }),
    fields: { name: 'string', odsCode: 'code', type: 'enum', region: 'string', annualTurnover: 'money', headcount: 'quantity' },
  },
  'PATCH /api/v1/organisations/:id': {
    method: 'patch',
    valid: async ({ ten }) => ({ path: `/api/v1/organisations/${ten.hostOrgId}`, body: { region: 'North' } }),
    fields: { name: 'string', odsCode: 'code', type: 'enum', region: 'string', annualTurnover: 'money', headcount: 'quantity' },
  },
  'POST /api/v1/consortia': {
    method: 'post',
    valid: async ({ ten }) => ({
      path: '/api/v1/consortia',
      body: { name: unique('C '), deliveryModel: 'cooperative', hostOrganisationId: ten.hostOrgId, startDate: '2025-04-01' },
    }),
    fields: { name: 'string', deliveryModel: 'enum', hostOrganisationId: 'uuid', startDate: 'date' },
    declares: ['hostOrganisationId'],
  },
  'PATCH /api/v1/consortia/:id': {
    method: 'patch',
    valid: async ({ ten }) => ({ path: c(ten), body: { name: unique('Renamed ') } }),
    fields: { name: 'string', deliveryModel: 'enum' },
  },
  'POST /api/v1/consortia/:id/members': {
    method: 'post',
    as: 'admin',
    valid: async ({ t, w, ten }) => ({ path: `${c(ten)}/members`, body: { organisationId: await org(t, w.tokens.admin!), joinedOn: '2025-06-01' } }),
    fields: { organisationId: 'uuid', joinedOn: 'date' },
    declares: ['organisationId'],
  },
  'PATCH /api/v1/consortia/:id/members/:organisationId': {
    method: 'patch',
    valid: async ({ ten }) => ({ path: `${c(ten)}/members/${ten.partnerOrgIds[0]}`, body: { leftOn: null } }),
    fields: { leftOn: 'date' },
  },
  'POST /api/v1/consortia/:id/service-lines': {
    method: 'post',
    valid: async ({ ten }) => ({
      path: `${c(ten)}/service-lines`,
      body: { code: unique('F').slice(0, 18).toUpperCase(), name: 'Line', function: 'hr', classification: 'operational' },
    }),
    fields: { code: 'code', name: 'string', function: 'enum', classification: 'enum', recipientIds: 'items' },
  },
  'POST /api/v1/kpis': {
    method: 'post',
    as: 'admin',
    valid: async () => ({
      path: '/api/v1/kpis',
      body: { code: unique('FZ').toUpperCase(), name: 'k', unit: 'percent', direction: 'higher_is_better', function: 'hr', category: 'service_level' },
    }),
    fields: { code: 'code', name: 'string', unit: 'enum', direction: 'enum', function: 'enum', category: 'enum', description: 'string' },
  },
  'POST /api/v1/consortia/:id/slas': {
    method: 'post',
    valid: async ({ ten }) => ({
      path: `${c(ten)}/slas`,
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
    fields: {
      crossFunction: 'boolean',
      serviceLineId: 'uuid',
      name: 'string',
      kind: 'enum',
      frequency: 'enum',
      creditCapPercent: 'decimal',
      effectiveFrom: 'month',
      effectiveTo: 'month',
      targets: 'targets',
    },
  },
  // corrections (issue 13): editable service lines and SLAs, removing a member added in error, archiving
  'PATCH /api/v1/consortia/:id/service-lines/:serviceLineId': {
    method: 'patch',
    valid: async ({ ten }) => ({ path: `${c(ten)}/service-lines/${ten.serviceLineId}`, body: { name: 'Payroll' } }),
    fields: { name: 'string', recipientIds: 'items', goLive: 'month' },
  },
  'PATCH /api/v1/consortia/:id/slas/:slaId': {
    method: 'patch',
    valid: async ({ t, w, ten }) => ({ path: `${c(ten)}/slas/${await sla(t, w, ten)}`, body: { name: 'Payroll SLA' } }),
    fields: { name: 'string', effectiveTo: 'month', crossFunction: 'boolean', targets: 'targets' },
  },
  'DELETE /api/v1/consortia/:id/members/:organisationId': {
    method: 'delete',
    noBody: true,
    valid: async ({ ten }) => ({ path: `${c(ten)}/members/${ten.partnerOrgIds[0]}`, body: {} }),
    fields: {},
  },
  'POST /api/v1/consortia/:id/archive': {
    method: 'post',
    // the world's consortia have members: the request is well-formed and answered 409 members_remain (archiving itself is in corrections.e2e-spec.ts)
    valid: async ({ ten }) => ({ path: `${c(ten)}/archive`, body: { note: 'Partnership ended' } }),
    fields: { note: 'string' },
  },
  'POST /api/v1/consortia/:id/measurements': {
    method: 'post',
    valid: async ({ ten }) => ({
      path: `${c(ten)}/measurements`,
      body: { items: [{ kpiCode: 'PAY_ACCURACY', serviceLineId: ten.serviceLineId, organisationId: ten.partnerOrgIds[0], month: '2025-06', value: '99.6' }] },
    }),
    fields: { items: 'items' },
  },
  'POST /api/v1/consortia/:id/measurements/import': {
    method: 'post',
    csv: true,
    valid: async ({ ten }) => ({ path: `${c(ten)}/measurements/import`, body: {} }),
    fields: {},
  },
  // Agreements, ledger, month close (issue #4)
  'PUT /api/v1/consortia/:id/agreement': {
    method: 'put',
    // On a consortium of the tenant that already has a draft: a valid body without If-Match is then a 428, never a write.
    valid: async ({ t, w, ten }) => ({
      path: `/api/v1/consortia/${await consortiumWithDraft(t, w, ten)}/agreement`,
      body: coopAgreement({ basis: 'turnover' }),
    }),
    fields: { model: 'enum', basis: 'enum', serviceLineBases: 'items', fixedShares: 'items', managementFeePercent: 'decimal', prices: 'items', exit: 'items' },
  },
  // as the host: in a co-operative the host cannot approve alone (403), so a fuzzed body never approves anything
  'POST /api/v1/consortia/:id/agreement/approve': {
    method: 'post',
    valid: async ({ ten }) => ({ path: `${c(ten)}/agreement/approve`, body: {} }),
    fields: { note: 'string' },
  },
  'POST /api/v1/consortia/:id/agreement/propose': { method: 'post', noBody: true, valid: async ({ ten }) => ({ path: `${c(ten)}/agreement/propose`, body: {} }), fields: {} },
  'POST /api/v1/consortia/:id/agreement/withdraw': { method: 'post', noBody: true, valid: async ({ ten }) => ({ path: `${c(ten)}/agreement/withdraw`, body: {} }), fields: {} },
  'POST /api/v1/consortia/:id/agreement/versions/:version/votes': {
    method: 'post',
    valid: async ({ t, w, ten }) => ({ path: `${c(ten)}/agreement/versions/${await freshProposal(t, w, ten.consortiumId)}/votes`, body: { vote: 'approve' } }),
    fields: { vote: 'enum', comment: 'string' },
  },
  'POST /api/v1/consortia/:id/costs': {
    method: 'post',
    valid: async ({ ten }) => ({
      path: `${c(ten)}/costs`,
      body: { month: '2025-06', category: 'operating', amount: '1000.00', serviceLineId: ten.serviceLineId, description: 'Payroll staff' },
    }),
    fields: { month: 'month', category: 'enum', amount: 'money', serviceLineId: 'uuid', attributableTo: 'uuid', description: 'string' },
  },
  'PUT /api/v1/consortia/:id/activity': {
    method: 'put',
    valid: async ({ ten }) => ({
      path: `${c(ten)}/activity`,
      body: { items: [{ serviceLineId: ten.serviceLineId, organisationId: ten.partnerOrgIds[0], month: '2025-06', volume: '100' }] },
    }),
    fields: { items: 'items' },
  },
  'PUT /api/v1/consortia/:id/baselines': {
    method: 'put',
    valid: async ({ ten }) => ({
      path: `${c(ten)}/baselines`,
      body: { items: [{ organisationId: ten.partnerOrgIds[0], serviceLineId: ten.serviceLineId, annualAmount: '260000.00' }] },
    }),
    fields: { items: 'items' },
  },
  'PUT /api/v1/consortia/:id/drivers': {
    method: 'put',
    valid: async ({ ten }) => ({
      path: `${c(ten)}/drivers`,
      body: { items: [{ organisationId: ten.partnerOrgIds[0], financialYear: '2027/28', annualTurnover: '110000000.00', headcount: '1050' }] },
    }),
    fields: { items: 'items' },
  },
  'PUT /api/v1/consortia/:id/benefits-plan': {
    method: 'put',
    valid: async ({ ten }) => ({
      path: `${c(ten)}/benefits-plan`,
      body: { items: [{ organisationId: ten.partnerOrgIds[0], financialYear: '2025/26', plannedSavings: '120000.00', guaranteedPercent: '5' }] },
    }),
    fields: { items: 'items' },
  },
  'PUT /api/v1/consortia/:id/schedules': {
    method: 'put',
    valid: async ({ ten }) => ({ path: `${c(ten)}/schedules`, body: { boardPackWorkingDay: 5, reminderWorkingDaysBefore: 3 } }),
    fields: { boardPackWorkingDay: 'quantity', reminderWorkingDaysBefore: 'quantity' },
  },
  'POST /api/v1/consortia/:id/months/:month/close': {
    method: 'post',
    valid: async ({ ten }) => ({ path: `${c(ten)}/months/2025-04/close`, body: {} }),
    fields: { note: 'string', previewToken: 'string' },
  },
  // Benchmarking (issue #5)
  'POST /api/v1/consortia/:id/reports/statements': {
    method: 'post',
    valid: async ({ ten }) => ({ path: `${c(ten)}/reports/statements`, body: { from: '2025-04', to: '2025-05' } }),
    fields: { from: 'month', to: 'month' },
  },
  'POST /api/v1/consortia/:id/scenarios': {
    method: 'post',
    valid: async ({ ten }) => ({ path: `${c(ten)}/scenarios`, body: { from: '2025-04', to: '2025-05', changes: [{ kind: 'costChange', percent: '10' }] } }),
    fields: { from: 'month', to: 'month', name: 'string', changes: 'items' },
  },
  'DELETE /api/v1/consortia/:id/scenarios/:scenarioId': {
    method: 'delete',
    noBody: true,
    valid: async ({ t, w, ten }) => {
      const r = await t.http
        .post(`${c(ten)}/scenarios`)
        .set('Authorization', w.tokens.admin!)
        .send({ from: '2025-04', to: '2025-05', name: unique('Scenario '), changes: [{ kind: 'costChange', percent: '1' }] });
      return { path: `${c(ten)}/scenarios/${String(r.body.id)}`, body: {} };
    },
    fields: {},
  },
  'POST /api/v1/consortia/:id/reports/scenario.pdf': {
    method: 'post',
    valid: async ({ ten }) => ({ path: `${c(ten)}/reports/scenario.pdf`, body: { from: '2025-04', to: '2025-05', changes: [{ kind: 'costChange', percent: '10' }] } }),
    fields: { from: 'month', to: 'month', changes: 'items' },
  },
  'POST /api/v1/benchmarks/returns': {
    method: 'post',
    valid: async ({ ten }) => ({
      path: '/api/v1/benchmarks/returns',
      body: { organisationId: ten.partnerOrgIds[0], financialYear: '2024/25', function: 'finance', cost: '1000000.00', turnover: '100000000.00' },
    }),
    fields: { organisationId: 'uuid', financialYear: 'string', function: 'enum', cost: 'money', turnover: 'money' },
    declares: ['organisationId'],
  },
  'POST /api/v1/benchmarks/returns/import': {
    method: 'post',
    csv: true,
    valid: async () => ({ path: '/api/v1/benchmarks/returns/import', body: {} }),
    fields: {},
  },
  // Webhooks (issue 17): the host's endpoints; targets under .invalid never resolve
  'POST /api/v1/consortia/:id/webhooks': {
    method: 'post',
    valid: async ({ ten }) => ({ path: `${c(ten)}/webhooks`, body: { url: 'https://hooks.invalid/in', events: ['board_pack.due'], description: 'Warehouse' } }),
    fields: { url: 'string', events: 'items', description: 'string' },
  },
  'PATCH /api/v1/consortia/:id/webhooks/:webhookId': {
    method: 'patch',
    valid: async ({ t, w, ten }) => ({
      path: `${c(ten)}/webhooks/${await webhook(t, w, ten)}`,
      body: { url: 'https://hooks.invalid/other', events: ['month.closed'], description: 'Other', enabled: false },
    }),
    fields: { url: 'string', events: 'items', description: 'string', enabled: 'boolean' },
  },
  'DELETE /api/v1/consortia/:id/webhooks/:webhookId': {
    method: 'delete',
    noBody: true,
    valid: async ({ t, w, ten }) => ({ path: `${c(ten)}/webhooks/${await webhook(t, w, ten)}`, body: {} }),
    fields: {},
  },
  'POST /api/v1/consortia/:id/webhooks/:webhookId/rotate-secret': {
    method: 'post',
    noBody: true,
    valid: async ({ t, w, ten }) => ({ path: `${c(ten)}/webhooks/${await webhook(t, w, ten)}/rotate-secret`, body: {} }),
    fields: {},
  },
  'PUT /api/v1/me/notification-preferences': {
    method: 'put',
    valid: async () => ({ path: '/api/v1/me/notification-preferences', body: { items: [{ kind: 'month.closed', enabled: true, mode: 'digest', attachPdf: true }] } }),
    fields: { items: 'items' },
  },
};

const withDraft = new Map<string, string>();
/** Once per tenant: a co-operative consortium hosted by the tenant's host with a draft agreement. */
async function consortiumWithDraft(t: TestApp, w: World, ten: Tenant): Promise<string> {
  const hit = withDraft.get(ten.consortiumId);
  if (hit) return hit;
  const admin = w.tokens.admin!;
  const cons = await t.http
    .post('/api/v1/consortia')
    .set('Authorization', admin)
    .send({ name: unique('Draft '), deliveryModel: 'cooperative', hostOrganisationId: ten.hostOrgId, startDate: '2025-04-01' });
  const d = await t.http
    .put(`/api/v1/consortia/${cons.body.id}/agreement`)
    .set('Authorization', admin)
    .send(coopAgreement({ managementFeePercent: '1' }));
  if (d.status !== 200) throw new Error(`draft: ${d.status} ${JSON.stringify(d.body)}`);
  withDraft.set(ten.consortiumId, cons.body.id);
  return cons.body.id;
}
