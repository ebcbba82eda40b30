import { Client } from 'pg';
import { seedDemoActivity } from '../src/seed/demo-activity';
import { SeedService } from '../src/seed/seed.service';
import { createTestApp, TestApp } from './support/app';

describe('demo seed (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DEMO_MODE: 'true' });
  });
  afterAll(() => t.close());

  it('seeds the demo consortium once: host + 3 partner trusts, table 14 service lines, users of every role', async () => {
    const host = await t.login('host.admin@demo.nhs.example', 'demo-password-2025');
    const consortia = await t.http.get('/api/v1/consortia').set('Authorization', host).expect(200);
    expect(consortia.body.items).toHaveLength(1);
    const c = consortia.body.items[0];
    expect(c).toMatchObject({ name: 'North Vale Back Office Partnership', deliveryModel: 'cooperative', startDate: '2025-04-01' });
    const members = await t.http.get(`/api/v1/consortia/${c.id}/members`).set('Authorization', host).expect(200);
    expect(members.body.items).toHaveLength(4);
    expect(members.body.items.filter((m: Record<string, unknown>) => m.isHost)).toEqual([
      expect.objectContaining({ organisationId: c.hostOrganisationId, joinedOn: '2025-04-01' }),
    ]);
    const lines = await t.http.get(`/api/v1/consortia/${c.id}/service-lines`).set('Authorization', host).expect(200);
    const fns = new Set(lines.body.items.map((l: Record<string, unknown>) => l.function));
    expect(fns).toEqual(new Set(['finance', 'hr', 'payroll']));
    expect(new Set(lines.body.items.map((l: Record<string, unknown>) => l.classification))).toEqual(new Set(['transactional', 'operational', 'strategic']));
    for (const [email, role] of [
      ['partner@riverside.demo.nhs.example', 'partner_user'],
      ['board@riverside.demo.nhs.example', 'board_viewer'],
      ['board@northvale.demo.nhs.example', 'board_viewer'],
    ]) {
      const token = await t.login(email, 'demo-password-2025');
      const me = await t.http.get('/api/v1/auth/me').set('Authorization', token).expect(200);
      expect(me.body.role).toBe(role);
    }
    // a second start seeds nothing more
    const again = await t.app.get(SeedService).run();
    expect(again.demoSeeded).toBe(false);
    const after = await t.http.get('/api/v1/consortia').set('Authorization', host).expect(200);
    expect(after.body.items).toHaveLength(1);
  });

  it('adds six months of demo activity: an approved agreement, statements with savings, SLA credits', async () => {
    const host = await t.login('host.admin@demo.nhs.example', 'demo-password-2025');
    const c = (await t.http.get('/api/v1/consortia').set('Authorization', host).expect(200)).body.items[0];
    await seedDemoActivity(t.app, c.id);
    const agreement = await t.http.get(`/api/v1/consortia/${c.id}/agreement`).set('Authorization', host).expect(200);
    expect(agreement.body).toMatchObject({ status: 'approved', inForce: true });
    const all = await t.http.get(`/api/v1/consortia/${c.id}/statements?from=2025-04&to=2025-09`).set('Authorization', host).expect(200);
    expect(all.body.items).toHaveLength(4);
    for (const s of all.body.items) {
      expect(Number(s.charge)).toBeGreaterThan(0);
      expect(s.savingsPercent).not.toBeNull();
      // the benefits plan for 2025/26: every member has planned savings; the partners a guarantee
      expect(Number(s.plannedSavings)).toBeGreaterThan(0);
      expect(s.savingsGap).toMatch(/^-?\d+\.\d{2}$/);
    }
    expect(all.body.items.filter((s: { guaranteed: string | null }) => s.guaranteed !== null)).toHaveLength(3);
    const plan = await t.http.get(`/api/v1/consortia/${c.id}/benefits-plan`).set('Authorization', host).expect(200);
    expect(plan.body.total).toBe(4);
    // the decisions in hand: a saved what-if (a trust joins in July) and an options appraisal
    const scenarios = await t.http.get(`/api/v1/consortia/${c.id}/scenarios`).set('Authorization', host).expect(200);
    expect(scenarios.body.items.map((x: { name: string }) => x.name)).toEqual(['Dale Valley Community Trust joins in July 2025']);
    const scenario = await t.http.get(`/api/v1/consortia/${c.id}/scenarios/${scenarios.body.items[0].id}`).set('Authorization', host).expect(200);
    const joiner = scenario.body.items.find((i: { organisationId: string | null }) => i.organisationId === null);
    expect(Number(joiner.scenario.charge)).toBeGreaterThan(0);
    // the costs are the same, shared by one more member: the operating lines still add to the same total
    expect(scenario.body.totals.difference.operating).toBe('0.00');
    const appraisals = await t.http.get(`/api/v1/consortia/${c.id}/appraisals`).set('Authorization', host).expect(200);
    expect(appraisals.body.total).toBe(1);
    const appraisal = await t.http.get(`/api/v1/consortia/${c.id}/appraisals/${appraisals.body.items[0].id}`).set('Authorization', host).expect(200);
    expect(appraisal.body.options).toHaveLength(3);
    expect(appraisal.body.preferred).toEqual(expect.any(String));
    const riverside = await t.login('partner@riverside.demo.nhs.example', 'demo-password-2025');
    const perf = await t.http.get(`/api/v1/consortia/${c.id}/performance?month=2025-05`).set('Authorization', riverside).expect(200);
    expect(perf.body.items.some((i: Record<string, unknown>) => i.status === 'breached')).toBe(true);
    expect(perf.body.credits).toHaveLength(1);
    expect(perf.body.credits[0].amount).toMatch(/^\d+\.\d{2}$/);
  });

  it('a seed interrupted after its consortium was made does not make a second one on the next start', async () => {
    // What an interrupted first start leaves: the demo consortium, but no "seeded" mark.
    const c = new Client({ connectionString: t.databaseUrl });
    await c.connect();
    await c.query(`DELETE FROM app_meta WHERE key = 'demo_seeded'`);
    await c.end();
    const again = await t.app.get(SeedService).run();
    expect(again.demoSeeded).toBe(false);
    const host = await t.login('host.admin@demo.nhs.example', 'demo-password-2025');
    const after = await t.http.get('/api/v1/consortia').set('Authorization', host).expect(200);
    expect(after.body.items).toHaveLength(1);
    // and it is marked now: a further start does not look again
    const c2 = new Client({ connectionString: t.databaseUrl });
    await c2.connect();
    const mark = await c2.query(`SELECT value FROM app_meta WHERE key = 'demo_seeded'`);
    await c2.end();
    expect(mark.rowCount).toBe(1);
  });
});
