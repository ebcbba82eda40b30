/**
 * Mass assignment: every write DTO sent privileged or unknown extra fields (role, organisationId,
 * status, hostOrganisationId, …) answers 400 naming the field, and writes nothing.
 */
import { createTestApp, TestApp } from '../support/app';
import { registeredRoutes } from '../support/routes';
import { buildWorld, World } from '../support/world';
import { WRITE_ROUTES } from '../support/write-routes';

const PROBES: Record<string, unknown> = {
  role: 'admin',
  organisationId: '00000000-0000-4000-8000-000000000001',
  status: 'approved',
  hostOrganisationId: '00000000-0000-4000-8000-000000000002',
  isAdmin: true,
  createdAt: '2020-01-01T00:00:00Z',
  id: '00000000-0000-4000-8000-000000000003',
  __proto__x: 1,
};

describe('mass assignment (resilience)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('has an entry for every write route', () => {
    const writes = registeredRoutes(t.app).filter((r) => /^(POST|PUT|PATCH|DELETE) /.test(r));
    expect(writes.filter((r) => !WRITE_ROUTES[r])).toEqual([]);
  });

  it.each(Object.keys(WRITE_ROUTES).filter((r) => !WRITE_ROUTES[r].csv && !WRITE_ROUTES[r].noBody))('%s refuses extra fields with 400 naming them', async (route) => {
    const spec = WRITE_ROUTES[route];
    const token = spec.as === 'admin' ? w.tokens.admin! : w.tokens.host!;
    const outcomes: Record<string, string> = {};
    for (const [field, value] of Object.entries(PROBES)) {
      if (spec.declares?.includes(field)) continue;
      const { path, body } = await spec.valid({ t, w, ten: w.c1 });
      const res = await t.http[spec.method](path)
        .set('Authorization', token)
        .send({ ...body, [field]: value });
      const named = (res.body.errors ?? []).some((e: { field: string }) => e.field === field);
      outcomes[field] = `${res.status}${named ? ' named' : ''}`;
      // nested items get the same treatment
      if (Array.isArray(body.items) && body.items.length) {
        const nested = { ...body, items: [{ ...(body.items as object[])[0], [field]: value }] };
        const r2 = await t.http[spec.method](path).set('Authorization', token).send(nested);
        const named2 = (r2.body.errors ?? []).some((e: { field: string }) => e.field === `items.0.${field}`);
        outcomes[`items.0.${field}`] = `${r2.status}${named2 ? ' named' : ''}`;
      }
    }
    for (const k of Object.keys(outcomes)) expect({ field: k, outcome: outcomes[k] }).toEqual({ field: k, outcome: '400 named' });
  });
});
