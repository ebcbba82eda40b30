/**
 * Month close (domain.md §9) through the HTTP API: months close in order; closing issues every
 * member's statement with a SHA-256 of its canonical JSON; afterwards costs, activity, baselines and
 * measurements touching the month are refused with 409 and the issued statements stay byte-for-byte
 * the same (even when turnover changes later); a close racing with writes never loses one.
 */
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { canonicalJson } from '../src/common/canonical-json';
import { WORKED_EXAMPLE as EX, type OrgKey } from '../src/statements/core/worked-example.fixture';
import { ADMIN, createTestApp, TestApp } from './support/app';
import { buildWorkedExample, type WorkedExample } from './support/worked-example';
import { buildWorld, unique, World } from './support/world';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('month close (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let ex: WorkedExample;
  let w: World;
  let pg: Client;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login(ADMIN.email, ADMIN.password);
    ex = await buildWorkedExample(t, admin, { model: 'cooperative' });
    w = await buildWorld(t);
    pg = new Client({ connectionString: t.databaseUrl });
    await pg.connect();
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  const url = (path: string) => `/api/v1/consortia/${ex.consortiumId}${path}`;
  const keyOf = (orgId: string) => (Object.keys(ex.org) as OrgKey[]).find((k) => ex.org[k] === orgId)!;

  describe('closing the worked example', () => {
    const reads: Record<string, string> = {};
    const readAll = async () => {
      const out: Record<string, string> = {};
      out.listApril = (await t.http.get(url('/statements')).query({ from: '2025-04', to: '2025-04' }).set('Authorization', ex.tokens.host).expect(200)).text;
      out.listBoth = (await t.http.get(url('/statements')).query({ from: '2025-04', to: '2025-05' }).set('Authorization', ex.tokens.host).expect(200)).text;
      out.bApril = (
        await t.http
          .get(url(`/statements/${ex.org.B}`))
          .query({ from: '2025-04', to: '2025-04' })
          .set('Authorization', ex.tokens.partnerB)
          .expect(200)
      ).text;
      out.bBoth = (
        await t.http
          .get(url(`/statements/${ex.org.B}`))
          .query({ from: '2025-04', to: '2025-05' })
          .set('Authorization', ex.tokens.partnerB)
          .expect(200)
      ).text;
      out.cBoth = (
        await t.http
          .get(url(`/statements/${ex.org.C}`))
          .query({ from: '2025-03', to: '2025-05' })
          .set('Authorization', ex.tokens.partnerC)
          .expect(200)
      ).text;
      return out;
    };
    let april: { items: { organisationId: string; contentHash: string; statement: Record<string, unknown> }[] };

    it('before: nothing closed, the first closable month is the start month', async () => {
      Object.assign(reads, await readAll());
      const m = await t.http.get(url('/months')).set('Authorization', ex.tokens.partnerB).expect(200);
      expect(m.body).toEqual({ items: [], total: 0, nextToClose: '2025-04' });
    });

    it('months close in order; only the host closes', async () => {
      const early = await t.http.post(url('/months/2025-05/close')).set('Authorization', ex.tokens.host).expect(409);
      expect(early.body.code).toBe('month_close_out_of_order');
      expect(early.body.errors).toEqual([{ field: 'month', message: 'close 2025-04 first' }]);
      await t.http.post(url('/months/2025-03/close')).set('Authorization', ex.tokens.host).expect(409);
      const bad = await t.http.post(url('/months/2025-4/close')).set('Authorization', ex.tokens.host).expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'month' })]);
      await t.http.post(url('/months/2025-04/close')).set('Authorization', ex.tokens.partnerB).expect(403);
      await t.http.post(url('/months/2025-04/close')).set('Authorization', ex.tokens.boardB).expect(403);
      await t.http.post(url('/months/2025-04/close')).set('Authorization', w.tokens.host!).expect(404);
      await t.http.post(url('/months/2025-04/close')).expect(401);
    });

    it('closing April issues every member’s statement with the SHA-256 of its canonical JSON', async () => {
      const res = await t.http.post(url('/months/2025-04/close')).set('Authorization', ex.tokens.host).expect(201);
      april = res.body;
      expect(res.body).toMatchObject({ consortiumId: ex.consortiumId, month: '2025-04' });
      // C joined on 16 May: it was not a member in April, so it has no April statement
      expect(res.body.items.map((i: { organisationId: string }) => keyOf(i.organisationId))).toEqual(['A', 'B']);
      const before = JSON.parse(reads.listApril).items;
      for (const [i, item] of res.body.items.entries()) {
        expect(item.contentHash).toBe(sha256(canonicalJson(item.statement)));
        // the issued document is the statement as read live, without the names beside the ids (names may change; an issued document may not)
        // nor the benefits plan's figures (domain.md §16: the plan is not a price and not part of the issued statement)
        const {
          organisationName: _name,
          serviceLines,
          plannedSavings: _p,
          savingsGap: _g,
          guaranteed: _gu,
          shortfall: _s,
          ...rest
        } = before[i] as {
          organisationName: string;
          serviceLines: Record<string, unknown>[];
          plannedSavings: string;
          savingsGap: string;
          guaranteed: string | null;
          shortfall: string | null;
        };
        expect(item.statement).toEqual({ ...rest, serviceLines: serviceLines.map(({ serviceLineCode: _c, serviceLineName: _n, ...l }) => l) });
      }
      expect(res.body.items[1].statement).toMatchObject({ operating: '49514.17', fee: '1237.86', charge: '50752.03' });
      const again = await t.http.post(url('/months/2025-04/close')).set('Authorization', ex.tokens.host).expect(409);
      expect(again.body.code).toBe('month_already_closed');
      const m = await t.http.get(url('/months')).set('Authorization', ex.tokens.boardB).expect(200);
      expect(m.body).toMatchObject({ total: 1, nextToClose: '2025-05', items: [expect.objectContaining({ month: '2025-04' })] });
    });

    it('every write touching April is refused with 409 month_closed', async () => {
      const cost = await t.http
        .post(url('/costs'))
        .set('Authorization', ex.tokens.host)
        .send({ month: '2025-04', category: 'operating', amount: '-10.00', serviceLineId: ex.line.FIN, description: 'Late correction' })
        .expect(409);
      expect(cost.body).toMatchObject({ code: 'month_closed', errors: [{ field: 'month', message: '2025-04 is closed' }] });
      const activity = await t.http
        .put(url('/activity'))
        .set('Authorization', ex.tokens.host)
        .send({
          items: [
            { serviceLineId: ex.line.PAY, organisationId: ex.org.A, month: '2025-05', volume: '6050' },
            { serviceLineId: ex.line.PAY, organisationId: ex.org.A, month: '2025-04', volume: '1' },
          ],
        })
        .expect(409);
      expect(activity.body.code).toBe('month_closed');
      expect(activity.body.errors.map((e: { field: string }) => e.field)).toEqual(['items.1.month']);
      const baselines = await t.http
        .put(url('/baselines'))
        .set('Authorization', ex.tokens.host)
        .send({ items: [{ organisationId: ex.org.B, serviceLineId: ex.line.FIN, annualAmount: '1.00' }] })
        .expect(409);
      expect(baselines.body.code).toBe('month_closed');
      const measurement = await t.http
        .post(url('/measurements'))
        .set('Authorization', ex.tokens.host)
        .send({ items: [{ kpiCode: 'PAY_ACCURACY', serviceLineId: ex.line.PAY, organisationId: ex.org.B, month: '2025-04', value: '90' }] })
        .expect(409);
      expect(measurement.body.code).toBe('month_closed');
      const csv = await t.http
        .post(url('/measurements/import'))
        .set('Authorization', ex.tokens.host)
        .set('Content-Type', 'text/csv')
        .send(`kpiCode,serviceLine,organisation,month,value\nPAY_ACCURACY,PAY,${ex.org.B},2025-04,90\n`)
        .expect(409);
      expect(csv.body.code).toBe('month_closed');
      // nothing was written
      const n = await pg.query(`SELECT count(*)::int AS n FROM cost_entries WHERE consortium_id = $1 AND month = '2025-04'`, [ex.consortiumId]);
      expect(n.rows[0].n).toBe(2);
    });

    it('after the refused writes every statement reads byte-for-byte the same', async () => {
      expect(await readAll()).toEqual(reads);
    });

    it('closing May too: the whole table of §11 now comes from issued statements, identical bytes', async () => {
      await t.http.post(url('/months/2025-05/close')).set('Authorization', admin).expect(201);
      expect(await readAll()).toEqual(reads);
      const both = JSON.parse(reads.listBoth);
      for (const s of both.items) expect(s).toMatchObject(EX.expected.statements[keyOf(s.organisationId)]);
    });

    it('issued statements never change: turnover changes, new members and new agreements alter open months only', async () => {
      await t.http.patch(`/api/v1/organisations/${ex.org.B}`).set('Authorization', admin).send({ annualTurnover: '999000000.00' }).expect(200);
      const d = await t.http
        .post('/api/v1/organisations')
        .set('Authorization', admin)
        .send({ name: unique('Dales '), type: 'community_trust', annualTurnover: '50000000.00', headcount: '900' })
        .expect(201);
      await t.http.post(url('/members')).set('Authorization', admin).send({ organisationId: d.body.id, joinedOn: '2025-06-01' }).expect(201);
      await t.http
        .put(url('/agreement'))
        .set('Authorization', ex.tokens.host)
        .send({ model: 'cooperative', basis: 'equal', managementFeePercent: '10', exit: EX.agreement.exit })
        .expect(200);
      await t.http.post(url('/agreement/approve')).set('Authorization', admin).expect(200);
      expect(await readAll()).toEqual(reads);
      // an open month is computed with today's data
      await t.http
        .post(url('/costs'))
        .set('Authorization', ex.tokens.host)
        .send({ month: '2025-06', category: 'operating', amount: '-10.00', serviceLineId: ex.line.FIN, description: 'Correction of April, entered in June' })
        .expect(201);
      const june = await t.http.get(url('/statements')).query({ from: '2025-04', to: '2025-06' }).set('Authorization', ex.tokens.host).expect(200);
      const fee = june.body.items.map((s: { fee: string }) => s.fee);
      // June is shared equally among four members now (D joined on 1 June)
      expect(june.body.items.map((s: { months: { charge: string }[] }) => s.months[2].charge)).toEqual(['-2.75', '-2.75', '-2.75', '-2.75']);
      expect(fee[0]).toBe('3847.48'); // A: 3847.73 + its share (−0.25) of the −1.00 fee on the correction, by equal shares
    });

    it('the issued documents are kept with their hashes; partners see their own', async () => {
      const host = await t.http.get(url('/months/2025-04/statements')).set('Authorization', ex.tokens.host).expect(200);
      expect(host.body.items.map((i: { organisationId: string; contentHash: string }) => [i.organisationId, i.contentHash])).toEqual(
        april.items.map((i) => [i.organisationId, i.contentHash]),
      );
      for (const i of host.body.items) expect(sha256(canonicalJson(i.statement))).toBe(i.contentHash);
      const own = await t.http.get(url('/months/2025-04/statements')).set('Authorization', ex.tokens.partnerB).expect(200);
      expect(own.body.items.map((i: { organisationId: string }) => i.organisationId)).toEqual([ex.org.B]);
      await t.http.get(url('/months/2025-09/statements')).set('Authorization', ex.tokens.host).expect(404);
      await t.http.get(url('/months/2025-04/statements')).set('Authorization', w.tokens.partner!).expect(404);
      const doc = await pg.query(`SELECT document, content_hash FROM issued_statements WHERE consortium_id = $1 AND month = '2025-04' AND organisation_id = $2`, [
        ex.consortiumId,
        ex.org.B,
      ]);
      expect(sha256(doc.rows[0].document)).toBe(doc.rows[0].content_hash);
      await expect(pg.query(`UPDATE issued_statements SET document = '{}' WHERE consortium_id = $1`, [ex.consortiumId])).rejects.toThrow(/never change/);
    });
  });

  describe('rules', () => {
    it('a month that has not ended cannot be closed (422)', async () => {
      const start = `${new Date().toISOString().slice(0, 7)}-01`;
      const c = await t.http
        .post('/api/v1/consortia')
        .set('Authorization', admin)
        .send({ name: unique('Now '), deliveryModel: 'cooperative', hostOrganisationId: ex.org.A, startDate: start })
        .expect(201);
      const res = await t.http
        .post(`/api/v1/consortia/${c.body.id}/months/${start.slice(0, 7)}/close`)
        .set('Authorization', admin)
        .expect(422);
      expect(res.body.code).toBe('month_not_ended');
    });

    it('without an approved agreement: 422 no_agreement, nothing closed', async () => {
      const res = await t.http.post(`/api/v1/consortia/${w.c1.consortiumId}/months/2025-04/close`).set('Authorization', w.tokens.host!).expect(422);
      expect(res.body.code).toBe('no_agreement');
      const m = await t.http.get(`/api/v1/consortia/${w.c1.consortiumId}/months`).set('Authorization', w.tokens.host!).expect(200);
      expect(m.body.total).toBe(0);
    });

    it('an in-house consortium closes months (locking its measurements) with no statements', async () => {
      const c = await t.http
        .post('/api/v1/consortia')
        .set('Authorization', admin)
        .send({ name: unique('IH '), deliveryModel: 'in_house', hostOrganisationId: ex.org.A, startDate: '2025-04-01' })
        .expect(201);
      const res = await t.http.post(`/api/v1/consortia/${c.body.id}/months/2025-04/close`).set('Authorization', admin).expect(201);
      expect(res.body.items).toEqual([]);
    });

    it('a close racing with cost writes: every accepted entry is in the issued statements, every other one got 409', async () => {
      const c = await buildWorkedExample(t, admin, { model: 'cooperative', org: ex.org, tokens: ex.tokens, agreementOnly: true });
      const u = (p: string) => `/api/v1/consortia/${c.consortiumId}${p}`;
      const keyed = await t.http
        .post(u('/costs'))
        .set('Authorization', c.tokens.host)
        .set('Idempotency-Key', 'before-close')
        .send({ month: '2025-04', category: 'operating', amount: '100.00', serviceLineId: c.line.FIN, description: 'race' })
        .expect(201);
      const writes = Array.from({ length: 12 }, () =>
        t.http
          .post(u('/costs'))
          .set('Authorization', c.tokens.host)
          .send({ month: '2025-04', category: 'operating', amount: '100.00', serviceLineId: c.line.FIN, description: 'race' }),
      );
      const [close, ...results] = await Promise.all([t.http.post(u('/months/2025-04/close')).set('Authorization', c.tokens.host), ...writes]);
      expect(close.status).toBe(201);
      const accepted = results.filter((r) => r.status === 201).length + 1;
      expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
      const operating = close.body.items.reduce((a: number, i: { statement: { operating: string } }) => a + Math.round(Number(i.statement.operating) * 100), 0);
      expect(operating).toBe(accepted * 10000);
      const stored = await pg.query(`SELECT count(*)::int AS n FROM cost_entries WHERE consortium_id = $1`, [c.consortiumId]);
      expect(stored.rows[0].n).toBe(accepted);
      // a retry of a request that succeeded before the close replays its response instead of 409
      const replay = await t.http
        .post(u('/costs'))
        .set('Authorization', c.tokens.host)
        .set('Idempotency-Key', 'before-close')
        .send({ month: '2025-04', category: 'operating', amount: '100.00', serviceLineId: c.line.FIN, description: 'race' })
        .expect(201);
      expect(replay.body).toEqual(keyed.body);
    });
  });
});
