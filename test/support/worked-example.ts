/**
 * The worked example of domain.md §11 built through the public HTTP API (organisations, consortium,
 * members, service lines, agreement, costs, activity, baselines, the PAY SLA and its measurements),
 * from the same fixture the unit tests use. Used by the statements, months and exit e2e tests.
 */
import { WORKED_EXAMPLE as EX, type LineKey, type OrgKey } from '../../src/statements/core/worked-example.fixture';
import type { TestApp } from './app';
import { unique } from './world';

export interface WorkedExample {
  consortiumId: string;
  org: Record<OrgKey, string>;
  line: Record<LineKey, string>;
  /** Users of the example: the host's host_admin, B's partner_user and board_viewer, C's partner_user. */
  tokens: { host: string; partnerB: string; boardB: string; partnerC: string };
}

/** The body of a response that must have succeeded (these calls create things: their ids are what is read). */
function ok(res: { status: number; body: unknown }, what: string, status = [200, 201]): Promise<{ id: string }> {
  if (!status.includes(res.status)) return Promise.reject(new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`));
  return Promise.resolve(res.body as { id: string });
}

/** The organisations A, B, C (fresh each time: names made unique). */
export async function workedExampleOrganisations(t: TestApp, admin: string): Promise<Record<OrgKey, string>> {
  const org = {} as Record<OrgKey, string>;
  for (const o of EX.organisations) {
    const body = await ok(
      await t.http
        .post('/api/v1/organisations')
        .set('Authorization', admin)
        .send({ name: `${o.name} ${unique('')}`, type: o.type, annualTurnover: o.annualTurnover, headcount: o.headcount }),
      `organisation ${o.key}`,
    );
    org[o.key] = body.id;
  }
  return org;
}

export interface BuildOptions {
  model?: 'cooperative' | 'commercial';
  /** Reuse organisations (and their users) from an earlier build. */
  org?: Record<OrgKey, string>;
  tokens?: WorkedExample['tokens'];
  /** Stop after members, lines and the approved agreement (no costs, activity, baselines, SLA). */
  agreementOnly?: boolean;
  /** Skip the SLA and measurements. */
  withoutSla?: boolean;
}

export async function buildWorkedExample(t: TestApp, admin: string, opts: BuildOptions = {}): Promise<WorkedExample> {
  const model = opts.model ?? 'cooperative';
  const org = opts.org ?? (await workedExampleOrganisations(t, admin));
  const deliveryModel = model === 'cooperative' ? 'cooperative' : EX.commercialAgreement.deliveryModel;
  const c = await ok(
    await t.http
      .post('/api/v1/consortia')
      .set('Authorization', admin)
      .send({ name: `${EX.consortium.name} ${model} ${unique('')}`, deliveryModel, hostOrganisationId: org.A, startDate: EX.consortium.startDate }),
    'consortium',
  );
  const id: string = c.id;
  const api = (path: string) => `/api/v1/consortia/${id}${path}`;
  for (const o of EX.organisations.filter((x) => !x.isHost)) {
    await ok(await t.http.post(api('/members')).set('Authorization', admin).send({ organisationId: org[o.key], joinedOn: o.joinedOn }), `member ${o.key}`);
  }
  const line = {} as Record<LineKey, string>;
  for (const s of EX.serviceLines) {
    const body = await ok(
      await t.http.post(api('/service-lines')).set('Authorization', admin).send({ code: s.code, name: s.name, function: s.function, classification: s.classification }),
      `line ${s.key}`,
    );
    line[s.key] = body.id;
  }
  let tokens = opts.tokens;
  if (!tokens) {
    const pw = 'password-1234567';
    const mk = async (role: string, organisationId: string) => {
      const email = `${unique(role.replace('_', ''))}@we.example`;
      await ok(await t.http.post('/api/v1/users').set('Authorization', admin).send({ email, password: pw, role, organisationId }), `user ${role}`);
      return t.login(email, pw);
    };
    tokens = { host: await mk('host_admin', org.A), partnerB: await mk('partner_user', org.B), boardB: await mk('board_viewer', org.B), partnerC: await mk('partner_user', org.C) };
  }
  const agreement =
    model === 'cooperative'
      ? {
          model: 'cooperative',
          basis: EX.agreement.basis,
          serviceLineBases: { [line.PAY]: 'activity' },
          managementFeePercent: EX.agreement.managementFeePercent,
          exit: EX.agreement.exit,
        }
      : {
          model: 'commercial',
          prices: EX.commercialAgreement.prices.map((p) => ({ organisationId: org[p.organisation], serviceLineId: line[p.serviceLine], annualPrice: p.annualPrice })),
          exit: EX.commercialAgreement.exit,
        };
  await ok(await t.http.put(api('/agreement')).set('Authorization', tokens.host).send(agreement), 'agreement');
  // terms already signed on paper: the platform admin records them for the partnership (domain.md §13)
  await ok(await t.http.post(api('/agreement/approve')).set('Authorization', admin), 'approve');
  if (opts.agreementOnly) return { consortiumId: id, org, line, tokens };

  for (const cost of EX.costs) {
    await ok(
      await t.http
        .post(api('/costs'))
        .set('Authorization', tokens.host)
        .send({
          month: cost.month,
          category: cost.category,
          amount: cost.amount,
          description: cost.description,
          ...(cost.serviceLine ? { serviceLineId: line[cost.serviceLine] } : {}),
          ...(cost.attributableTo ? { attributableTo: org[cost.attributableTo] } : {}),
        }),
      `cost ${cost.key}`,
    );
  }
  await ok(
    await t.http
      .put(api('/activity'))
      .set('Authorization', tokens.host)
      .send({ items: EX.activity.map((a) => ({ serviceLineId: line[a.serviceLine], organisationId: org[a.organisation], month: a.month, volume: a.volume })) }),
    'activity',
  );
  await ok(
    await t.http
      .put(api('/baselines'))
      .set('Authorization', tokens.host)
      .send({ items: EX.baselines.map((b) => ({ organisationId: org[b.organisation], serviceLineId: line[b.serviceLine], annualAmount: b.annualAmount })) }),
    'baselines',
  );
  if (!opts.withoutSla) {
    await ok(
      await t.http
        .post(api('/slas'))
        .set('Authorization', tokens.host)
        .send({
          serviceLineId: line[EX.sla.serviceLine],
          name: EX.sla.name,
          kind: EX.sla.kind,
          frequency: EX.sla.frequency,
          creditCapPercent: EX.sla.creditCapPercent,
          effectiveFrom: EX.sla.effectiveFrom,
          targets: EX.sla.targets.map((x) => ({ kpiCode: x.kpiCode, target: x.target, threshold: x.threshold, creditPercent: x.creditPercent })),
        }),
      'sla',
    );
    await ok(
      await t.http
        .post(api('/measurements'))
        .set('Authorization', tokens.host)
        .send({
          items: EX.measurements.map((x) => ({ kpiCode: x.kpiCode, serviceLineId: line[x.serviceLine], organisationId: org[x.organisation], month: x.month, value: x.value })),
        }),
      'measurements',
    );
  }
  return { consortiumId: id, org, line, tokens };
}
