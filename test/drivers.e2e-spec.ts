/**
 * Allocation drivers as they stood (domain.md §12): the consortium keeps each member's turnover and
 * headcount per financial year, snapshot from the profile on joining; the host changes them from a
 * year, audited; a change never reprices a closed month; a profile edit prices nothing.
 */
import { createTestApp, type TestApp } from './support/app';
import { buildWorld, org, type World } from './support/world';
import { approvedAgreement } from './support/agreement';

describe('allocation drivers (e2e)', () => {
  let t: TestApp;
  let w: World;
  let cid: string;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    cid = w.c1.consortiumId;
    const admin = w.tokens.admin!;
    // turnover basis, no fee: each month's operating cost is shared by the month's drivers
    await approvedAgreement(t, w, cid, { basis: 'turnover', managementFeePercent: '0' });
    for (const month of ['2025-04', '2026-03', '2026-04']) {
      await t.http
        .post(`/api/v1/consortia/${cid}/costs`)
        .set('Authorization', admin)
        .send({ month, category: 'operating', amount: '60000.00', serviceLineId: w.c1.serviceLineId, description: 'Payroll team' })
        .expect(201);
    }
  });
  afterAll(() => t.close());

  const drivers = (token: string) => t.http.get(`/api/v1/consortia/${cid}/drivers`).set('Authorization', token);
  const put = (token: string, items: object[]) => t.http.put(`/api/v1/consortia/${cid}/drivers`).set('Authorization', token).send({ items });
  const charge = async (orgId: string, month: string) =>
    (await t.http.get(`/api/v1/consortia/${cid}/statements/${orgId}?from=${month}&to=${month}`).set('Authorization', w.tokens.admin!).expect(200)).body.operating as string;

  it('every member has a row for its joining year, taken from its profile then', async () => {
    const res = await drivers(w.tokens.host!).expect(200);
    const rows = res.body.items.map((r: { organisationId: string; financialYear: string; annualTurnover: string; headcount: string }) => [
      r.organisationId,
      r.financialYear,
      r.annualTurnover,
      r.headcount,
    ]);
    expect(rows).toEqual(
      expect.arrayContaining([
        [w.c1.hostOrgId, '2025/26', '400000000.00', '6000.00'],
        [w.c1.partnerOrgIds[0], '2025/26', '100000000.00', '1000.00'],
        [w.c1.partnerOrgIds[1], '2025/26', '100000000.00', '1000.00'],
      ]),
    );
    expect(res.body.items[0].organisationName).toEqual(expect.any(String));
  });

  it("a host's change from a year reprices that year onwards only; each month of a range by its own year's row", async () => {
    const [p1] = w.c1.partnerOrgIds;
    // 60,000 by turnover 400:100:100
    expect([await charge(p1, '2026-03'), await charge(p1, '2026-04')]).toEqual(['10000.00', '10000.00']);
    const res = await put(w.tokens.host!, [{ organisationId: p1, financialYear: '2026/27', annualTurnover: '200000000.00', headcount: 1100 }]).expect(200);
    expect(res.body).toEqual({ accepted: 1, created: 1, updated: 0 });
    // March 2026 is still 2025/26; April 2026 is 2026/27: 60,000 × 200 / 700
    expect([await charge(p1, '2026-03'), await charge(p1, '2026-04')]).toEqual(['10000.00', '17142.86']);
    const range = (await t.http.get(`/api/v1/consortia/${cid}/statements/${p1}?from=2026-03&to=2026-04`).set('Authorization', w.tokens.admin!).expect(200)).body;
    expect(range.operating).toBe('27142.86');
    const audit = await t.http.get(`/api/v1/audit?entity=drivers&consortiumId=${cid}`).set('Authorization', w.tokens.admin!).expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'upsert', actorEmail: w.users.host.email });
    // the host reads its consortium's audit entries (who changed what, before and after); nobody else's
    const own = await t.http.get(`/api/v1/consortia/${cid}/audit?entity=drivers`).set('Authorization', w.tokens.host!).expect(200);
    expect(own.body.items[0]).toMatchObject({
      action: 'upsert',
      entity: 'drivers',
      consortiumId: cid,
      after: [expect.objectContaining({ organisationId: p1, annualTurnover: '200000000.00' })],
    });
    expect(own.body.items.every((a: { consortiumId: string }) => a.consortiumId === cid)).toBe(true);
    await t.http.get(`/api/v1/consortia/${cid}/audit`).set('Authorization', w.tokens.partner!).expect(403);
    await t.http.get(`/api/v1/consortia/${cid}/audit`).set('Authorization', w.tokens.otherHost!).expect(404);
  });

  it("an organisation's own profile edit changes no consortium's figures (it is a member of two)", async () => {
    const admin = w.tokens.admin!;
    const [p1] = w.c1.partnerOrgIds;
    // p1 joins a second consortium that shares by headcount
    const c2 = w.c2.consortiumId;
    await t.http.post(`/api/v1/consortia/${c2}/members`).set('Authorization', admin).send({ organisationId: p1, joinedOn: '2025-04-01' }).expect(201);
    await approvedAgreement(t, w, c2, { basis: 'headcount', managementFeePercent: '0' });
    await t.http
      .post(`/api/v1/consortia/${c2}/costs`)
      .set('Authorization', admin)
      .send({ month: '2025-05', category: 'operating', amount: '30000.00', serviceLineId: w.c2.serviceLineId, description: 'Payroll team' })
      .expect(201);
    /** Every member's statement of each consortium over April 2025 to April 2026. */
    const figures = async () => {
      const out: unknown[] = [];
      for (const consortiumId of [cid, c2]) {
        const res = await t.http.get(`/api/v1/consortia/${consortiumId}/statements?from=2025-04&to=2026-04`).set('Authorization', admin).expect(200);
        out.push(res.body);
      }
      return out;
    };
    const before = await figures();
    const c2p1 = (before[1] as { items: { organisationId: string; operating: string }[] }).items.find((i) => i.organisationId === p1)!;
    expect(c2p1.operating).not.toBe('0.00'); // it is charged in the second consortium too
    await t.http.patch(`/api/v1/organisations/${p1}`).set('Authorization', w.tokens.orgAdmin!).send({ annualTurnover: '900000000.00', headcount: '9000' }).expect(200);
    expect(await figures()).toEqual(before);
  });

  it('a row that would reprice a closed month is 409 naming its financial year; an unchanged row or a later year is fine', async () => {
    const [p1, p2] = w.c1.partnerOrgIds;
    await t.http.post(`/api/v1/consortia/${cid}/months/2025-04/close`).set('Authorization', w.tokens.host!).send({}).expect(201);
    const issued = (await t.http.get(`/api/v1/consortia/${cid}/months/2025-04/statements`).set('Authorization', w.tokens.host!).expect(200)).body;
    const res = await put(w.tokens.host!, [
      { organisationId: p2, financialYear: '2027/28', annualTurnover: '1.00', headcount: '1' },
      { organisationId: p2, financialYear: '2025/26', annualTurnover: '300000000.00', headcount: '1000' },
    ]).expect(409);
    expect(res.body).toMatchObject({ code: 'month_closed' });
    expect(res.body.errors).toEqual([{ field: 'items.1.financialYear', message: 'would reprice closed month 2025-04' }]);
    await put(w.tokens.host!, [{ organisationId: p2, financialYear: '2025/26', annualTurnover: '100000000.00', headcount: '1000' }]).expect(200);
    await put(w.tokens.host!, [{ organisationId: p1, financialYear: '2026/27', annualTurnover: '150000000.00', headcount: '1000' }]).expect(200);
    const again = (await t.http.get(`/api/v1/consortia/${cid}/months/2025-04/statements`).set('Authorization', w.tokens.host!).expect(200)).body;
    expect(again).toEqual(issued);
  });

  it('a member that joined after the closed month may have its joining year corrected; a rejoining member keeps its rows', async () => {
    // (2025-04 is closed by the test above)
    const late = await org(t, w.tokens.admin!, { annualTurnover: '50000000.00', headcount: '500' });
    await t.http.post(`/api/v1/consortia/${cid}/members`).set('Authorization', w.tokens.admin!).send({ organisationId: late, joinedOn: '2025-06-01' }).expect(201);
    await put(w.tokens.host!, [{ organisationId: late, financialYear: '2025/26', annualTurnover: '55000000.00', headcount: '520' }]).expect(200);
    // it leaves, edits its profile, and rejoins in the same year: no new snapshot reprices the year
    await t.http.patch(`/api/v1/consortia/${cid}/members/${late}`).set('Authorization', w.tokens.host!).send({ leftOn: '2025-07-31' }).expect(200);
    await t.http.patch(`/api/v1/organisations/${late}`).set('Authorization', w.tokens.admin!).send({ annualTurnover: '999000000.00' }).expect(200);
    await t.http.post(`/api/v1/consortia/${cid}/members`).set('Authorization', w.tokens.admin!).send({ organisationId: late, joinedOn: '2025-10-01' }).expect(201);
    const rows = (await drivers(w.tokens.host!).expect(200)).body.items.filter((r: { organisationId: string }) => r.organisationId === late);
    expect(rows.map((r: { financialYear: string; annualTurnover: string }) => [r.financialYear, r.annualTurnover])).toEqual([['2025/26', '55000000.00']]);
  });

  it('who reads and writes: the host writes; the partnership board reads all; other members their own; outsiders 404', async () => {
    const [p1, p2] = w.c1.partnerOrgIds;
    const orgsOf = async (token: string) => [...new Set((await drivers(token).expect(200)).body.items.map((r: { organisationId: string }) => r.organisationId))].sort();
    expect(await orgsOf(w.tokens.partner!)).toEqual([p1]);
    expect(await orgsOf(w.tokens.orgAdmin!)).toEqual([p1]);
    // every member's rows (the late joiner of the test above included)
    expect(await orgsOf(w.tokens.board!)).toEqual(expect.arrayContaining([w.c1.hostOrgId, p1, p2]));
    expect((await orgsOf(w.tokens.board!)).length).toBeGreaterThan(3);
    await drivers(w.tokens.otherHost!).expect(404);
    await drivers(w.tokens.foreignPartner!).expect(404);
    for (const who of ['partner', 'board', 'orgAdmin'] as const)
      await put(w.tokens[who]!, [{ organisationId: p1, financialYear: '2028/29', annualTurnover: '1.00', headcount: '1' }]).expect(403);
    await put(w.tokens.otherHost!, [{ organisationId: p1, financialYear: '2028/29', annualTurnover: '1.00', headcount: '1' }]).expect(404);
  });

  it('400 naming every bad field of every item at once; nothing written', async () => {
    const stranger = await org(t, w.tokens.admin!);
    const res = await put(w.tokens.host!, [
      { organisationId: stranger, financialYear: '2028/29', annualTurnover: '1.00', headcount: '1' },
      { organisationId: w.c1.partnerOrgIds[0], financialYear: '2028/30', annualTurnover: '-1.00', headcount: 'x' },
    ]).expect(400);
    // the format errors of item 1 and the membership error of item 0, in one answer
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'items.0.organisationId',
      'items.1.annualTurnover',
      'items.1.financialYear',
      'items.1.headcount',
    ]);
    const res2 = await put(w.tokens.host!, [
      { organisationId: stranger, financialYear: '2028/29', annualTurnover: '1.00', headcount: '1' },
      { organisationId: w.c1.partnerOrgIds[0], financialYear: '2028/29', annualTurnover: '1.00', headcount: '1' },
      { organisationId: w.c1.partnerOrgIds[0], financialYear: '2028/29', annualTurnover: '2.00', headcount: '1' },
    ]).expect(400);
    expect(res2.body.errors.map((e: { field: string }) => e.field)).toEqual(['items.0.organisationId', 'items.2']);
    const rows = (await drivers(w.tokens.host!).expect(200)).body.items;
    expect(rows.filter((r: { financialYear: string }) => r.financialYear === '2028/29')).toEqual([]);
  });
});
