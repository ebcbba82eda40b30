import { ADMIN, createTestApp, TestApp } from './support/app';
import { buildWorkedExample, type WorkedExample } from './support/worked-example';

interface Entry {
  action: string;
  entity: string;
  entityId: string | null;
  actorEmail: string | null;
  at: string;
}

/** Searching a consortium's audit entries and its decisions log (issue 15: the host's audit page searches through the API). */
describe('audit and decisions search (e2e)', () => {
  let t: TestApp;
  let ex: WorkedExample;
  let admin: string;
  const today = new Date().toISOString().slice(0, 10);
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login(ADMIN.email, ADMIN.password);
    ex = await buildWorkedExample(t, admin, { model: 'cooperative' });
  }, 120_000);
  afterAll(() => t.close());

  const audit = async (query: string, status = 200) => {
    const res = await t.http.get(`/api/v1/consortia/${ex.consortiumId}/audit${query}`).set('Authorization', ex.tokens.host);
    expect(res.status).toBe(status);
    return res.body as { items: Entry[]; total: number; errors?: { field: string }[] };
  };

  it('filters the audit entries by action, who, day and words; every filter at once narrows further', async () => {
    const all = await audit('?limit=500');
    expect(all.total).toBeGreaterThan(5);
    const creates = await audit('?action=create&limit=500');
    expect(creates.total).toBe(all.items.filter((e) => e.action === 'create').length);
    expect(creates.items.every((e) => e.action === 'create')).toBe(true);
    const someone = all.items.find((e) => e.actorEmail && e.actorEmail !== 'system')!.actorEmail!;
    const part = someone.slice(0, 6).toUpperCase();
    const by = await audit(`?actor=${encodeURIComponent(part)}&limit=500`);
    expect(by.total).toBe(all.items.filter((e) => (e.actorEmail ?? '').toLowerCase().includes(part.toLowerCase())).length);
    expect((await audit(`?from=${today}&to=${today}&limit=500`)).total).toBe(all.total);
    expect((await audit(`?from=${day(1)}`)).total).toBe(0);
    expect((await audit(`?to=${day(-1)}`)).total).toBe(0);
    const line = all.items.find((e) => e.entity === 'service_line')!;
    const found = await audit(`?q=${encodeURIComponent(line.entityId!)}&limit=500`);
    expect(found.items.map((e) => e.entityId)).toContain(line.entityId);
    expect(found.total).toBeLessThan(all.total);
    // wildcards are words, not patterns
    expect((await audit('?q=s%25e')).total).toBe(0);
    expect((await audit('?q=s_rvice_line')).total).toBe(0);
    const both = await audit(`?action=create&q=service_line&actor=${encodeURIComponent(part)}&limit=500`);
    expect(both.items.every((e) => e.action === 'create')).toBe(true);
  });

  it('refuses a filter that is not a day or too long, naming it (400)', async () => {
    expect((await audit('?from=2025-13-01', 400)).errors?.map((e) => e.field)).toEqual(['from']);
    expect((await audit(`?q=${'x'.repeat(201)}`, 400)).errors?.map((e) => e.field)).toEqual(['q']);
    // the admin's whole log takes the same filters
    const res = await t.http.get(`/api/v1/audit?consortiumId=${ex.consortiumId}&action=create&to=${today}`).set('Authorization', admin).expect(200);
    expect((res.body.items as Entry[]).every((e) => e.action === 'create')).toBe(true);
  });

  it('filters the decisions log by day and words in its summary', async () => {
    const get = async (query: string, status = 200) => {
      const res = await t.http.get(`/api/v1/consortia/${ex.consortiumId}/decisions${query}`).set('Authorization', ex.tokens.partnerB);
      expect(res.status).toBe(status);
      return res.body as { items: { summary: string; kind: string }[]; total: number };
    };
    const all = await get('?limit=500');
    expect(all.total).toBeGreaterThan(0);
    const word = all.items[0].summary.split(' ')[0];
    const found = await get(`?q=${encodeURIComponent(word.toLowerCase())}&limit=500`);
    expect(found.total).toBe(all.items.filter((d) => d.summary.toLowerCase().includes(word.toLowerCase())).length);
    expect((await get(`?from=${today}&to=${today}`)).total).toBe(all.total);
    expect((await get(`?from=${day(1)}`)).total).toBe(0);
    await get('?to=yesterday', 400);
  });
});
