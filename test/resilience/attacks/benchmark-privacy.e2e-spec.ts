/**
 * Issue 12, finding 10: an unnamed peer's turnover and cost could be derived exactly from the peer
 * list (turnover = savingsToLowerQuartile × 100 / (kpi − lowerQuartile), cost = kpi × turnover / 100);
 * groups of 2 were shown; national totals showed single organisations. Now (benchmarking/core/privacy.ts)
 * a non-admin sees no statistics below BENCHMARK_MIN_PEER_GROUP (5), unnamed peers show their rank
 * only, and national totals leave out groups below the minimum. Admins see everything.
 */
import { WORKED_EXAMPLE_ROWS } from '../../../src/benchmarking/core/worked-example.fixture';
import { createTestApp, TestApp } from '../../support/app';
import { buildWorld, org, World } from '../../support/world';

const API = '/api/v1';

describe('attacks: benchmark privacy (e2e)', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    admin = w.tokens.admin!;
    // the worked example: eight acute trusts' finance returns for 2024/25
    for (const row of WORKED_EXAMPLE_ROWS) ids[row.code] = await org(t, admin, { name: `Privacy ${row.name}`, type: 'acute_trust', annualTurnover: row.turnover });
    for (const row of WORKED_EXAMPLE_ROWS) {
      await t.http
        .post(`${API}/benchmarks/returns`)
        .set('Authorization', admin)
        .send({ organisationId: ids[row.code], financialYear: '2024/25', function: 'finance', cost: row.cost, turnover: row.turnover })
        .expect(201);
    }
    // a group of two: the partner's own community trust (P1) and one other (P2), HR 2024/25
    for (const [orgId, cost] of [
      [w.c1.partnerOrgIds[0], '700000.00'],
      [w.c1.partnerOrgIds[1], '1300000.00'],
    ]) {
      await t.http
        .post(`${API}/benchmarks/returns`)
        .set('Authorization', admin)
        .send({ organisationId: orgId, financialYear: '2024/25', function: 'hr', cost, turnover: '100000000.00' })
        .expect(201);
    }
  });
  afterAll(() => t.close());

  it("finding 10: a peer's cost cannot be derived from the peer list; a group of 2 shows no statistics to a non-admin; national totals hide single organisations", async () => {
    const get = (token: string, path: string, query: Record<string, string>) => t.http.get(`${API}${path}`).query(query).set('Authorization', token).expect(200);

    // 1. the derivation, as a partner of another organisation (all eight unnamed)
    const g = (await get(w.tokens.partner!, '/benchmarks', { financialYear: '2024/25', function: 'finance', organisationType: 'acute_trust' })).body;
    const derived: string[] = [];
    for (const it of g.items as { kpi: string | null; savingsToLowerQuartile: string | null }[]) {
      if (it.kpi === null || it.savingsToLowerQuartile === null || g.lowerQuartile === null) continue;
      const gap = Number(it.kpi) - Number(g.lowerQuartile);
      if (gap <= 0) continue;
      const turnover = (Number(it.savingsToLowerQuartile) * 100) / gap;
      derived.push(((Number(it.kpi) * turnover) / 100).toFixed(2));
    }
    const costs = WORKED_EXAMPLE_ROWS.map((r) => r.cost);
    expect(derived.filter((c) => costs.includes(c))).toEqual([]);
    for (const it of g.items) expect([it.organisationId, it.kpi, it.savingsPotential, it.savingsToLowerQuartile]).toEqual([null, null, null, null]);
    expect(g.items.map((it: { rank: number }) => it.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([g.n, g.average, g.suppressed]).toEqual([8, '1.0875', null]);
    // the admin still sees every figure of the worked example
    const a = (await get(admin, '/benchmarks', { financialYear: '2024/25', function: 'finance', organisationType: 'acute_trust' })).body;
    expect(a.items.map((it: { kpi: string }) => it.kpi)).toEqual(WORKED_EXAMPLE_ROWS.map((r) => r.kpi));

    // 2. a group of two: no statistics for the partner (its own organisation is one of them), all for the admin
    const q2 = { financialYear: '2024/25', function: 'hr', organisationType: 'community_trust' };
    const two = (await get(w.tokens.partner!, '/benchmarks', q2)).body;
    expect(two).toMatchObject({
      n: 2,
      suppressed: 'peer group smaller than 5',
      average: null,
      median: null,
      lowerQuartile: null,
      upperQuartile: null,
      min: null,
      max: null,
      items: [],
      position: null,
    });
    expect([two.totalSavingsPotential, two.totalSavingsToLowerQuartile]).toEqual([null, null]);
    const view = (await get(w.tokens.partner!, `/benchmarks/organisations/${w.c1.partnerOrgIds[0]}`, { financialYear: '2024/25' })).body;
    const hr = view.functions.find((f: { function: string }) => f.function === 'hr');
    expect(hr).toMatchObject({ n: 2, kpi: '0.7000', average: null, rank: null, savingsPotential: null, suppressed: 'peer group smaller than 5' });
    const twoAdmin = (await get(admin, '/benchmarks', q2)).body;
    expect([twoAdmin.average, twoAdmin.items.length, twoAdmin.suppressed]).toEqual(['1.0000', 2, null]);

    // 3. national totals: the two-trust HR group (one organisation's savings) is left out for the partner
    const nat = (await get(w.tokens.partner!, '/benchmarks/national', { financialYear: '2024/25' })).body;
    expect(nat.byType.map((r: { organisationType: string }) => r.organisationType)).toEqual(['acute_trust']);
    expect([nat.byFunction.hr, nat.suppressedGroups]).toEqual(['0.00', 1]);
    const natAdmin = (await get(admin, '/benchmarks/national', { financialYear: '2024/25' })).body;
    expect(natAdmin.byType.find((r: { organisationType: string }) => r.organisationType === 'community_trust')).toMatchObject({ organisations: 2, savingsPotential: '300000.00' });
  });
});
