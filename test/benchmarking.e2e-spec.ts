import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { WORKED_EXAMPLE_EXPECTED, WORKED_EXAMPLE_ROWS, WORKED_EXAMPLE_TOTAL_SAVINGS } from '../src/benchmarking/core/worked-example.fixture';
import { createTestApp, TestApp } from './support/app';
import { buildWorld, org, unique, World } from './support/world';

const API = '/api/v1';

describe('benchmarking (e2e)', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  beforeAll(async () => {
    // "who sees what" below uses a peer group of three community trusts: the minimum peer group is
    // set to 3 here so that its naming rules stay visible to non-admins (the default of 5, and
    // groups below it, are tested in test/resilience/attacks/benchmark-privacy.e2e-spec.ts)
    t = await createTestApp({ BENCHMARK_MIN_PEER_GROUP: '3' });
    w = await buildWorld(t);
    admin = w.tokens.admin!;
  });
  afterAll(() => t.close());

  const ret = (over: Record<string, unknown> = {}) => ({
    organisationId: w.c1.partnerOrgIds[0],
    financialYear: '2023/24',
    function: 'hr',
    cost: '500000.00',
    turnover: '100000000.00',
    ...over,
  });
  const post = (token: string | undefined, body: unknown) => {
    const r = t.http.post(`${API}/benchmarks/returns`);
    return (token ? r.set('Authorization', token) : r).send(body as object);
  };
  const csv = (token: string | undefined, text: string) => {
    const r = t.http.post(`${API}/benchmarks/returns/import`).set('Content-Type', 'text/csv');
    return (token ? r.set('Authorization', token) : r).send(text);
  };
  const get = (token: string | undefined, path: string, query: Record<string, string> = {}) => {
    const r = t.http.get(`${API}${path}`).query(query);
    return token ? r.set('Authorization', token) : r;
  };
  async function countReturns(where = 'TRUE', params: unknown[] = []): Promise<number> {
    const c = new Client({ connectionString: t.databaseUrl });
    await c.connect();
    try {
      const r = await c.query(`SELECT count(*)::int AS n FROM benchmark_returns WHERE ${where}`, params);
      return r.rows[0].n;
    } finally {
      await c.end();
    }
  }

  describe('the worked benchmark of domain.md §11 through the API', () => {
    const ids: Record<string, string> = {};
    const ods: Record<string, string> = {};

    beforeAll(async () => {
      for (const row of WORKED_EXAMPLE_ROWS) {
        ods[row.code] = unique('W')
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, '')
          .slice(-10);
        ids[row.code] = await org(t, admin, { name: `Worked ${row.name}`, type: 'acute_trust', odsCode: ods[row.code], annualTurnover: row.turnover });
      }
      for (const row of WORKED_EXAMPLE_ROWS) {
        const res = await post(admin, { organisationId: ids[row.code], financialYear: '2024/25', function: 'finance', cost: row.cost, turnover: row.turnover }).expect(201);
        expect(res.body).toMatchObject({
          organisationId: ids[row.code],
          financialYear: '2024/25',
          function: 'finance',
          cost: row.cost,
          turnover: row.turnover,
          kpi: row.kpi,
          replaced: false,
        });
      }
    });

    it('GET /benchmarks reproduces n, k, the trimmed average, median, quartiles, Hackett and every saving to the penny', async () => {
      const res = await get(admin, '/benchmarks', { financialYear: '2024/25', function: 'finance', organisationType: 'acute_trust' }).expect(200);
      const byId = Object.fromEntries(Object.entries(ids).map(([code, id]) => [id, code]));
      expect(res.body).toMatchObject({
        financialYear: '2024/25',
        function: 'finance',
        organisationType: 'acute_trust',
        n: 8,
        trimmed: 2,
        average: '1.0875',
        median: '1.0750',
        lowerQuartile: '0.9875',
        upperQuartile: '1.2500',
        min: '0.8000',
        max: '2.0000',
        hackett: { median: '1.1570', bestInClass: '0.6090' },
        totalSavingsPotential: WORKED_EXAMPLE_TOTAL_SAVINGS,
      });
      const { items: _items, ...expectedTop } = WORKED_EXAMPLE_EXPECTED;
      expect(res.body).toMatchObject(expectedTop);
      expect(
        res.body.items.map((i: { organisationId: string; kpi: string; savingsPotential: string; savingsToLowerQuartile: string }) => ({
          organisationId: byId[i.organisationId],
          kpi: i.kpi,
          savingsPotential: i.savingsPotential,
          savingsToLowerQuartile: i.savingsToLowerQuartile,
        })),
      ).toEqual(WORKED_EXAMPLE_EXPECTED.items);
      const savings = Object.fromEntries(res.body.items.map((i: { organisationId: string; savingsPotential: string }) => [byId[i.organisationId], i.savingsPotential]));
      expect(savings).toEqual({ T1: '0.00', T2: '0.00', T3: '0.00', T4: '0.00', T5: '18750.00', T6: '281250.00', T7: '937500.00', T8: '912500.00' });
      // the admin sees names, ranks, and which returns were trimmed (T1, T2, T7, T8)
      expect(res.body.items.map((i: { organisationName: string }) => i.organisationName)).toEqual(WORKED_EXAMPLE_ROWS.map((r) => `Worked ${r.name}`));
      expect(res.body.items.map((i: { rank: number; peer: string; excluded: boolean }) => [i.rank, i.peer, i.excluded])).toEqual([
        [1, 'Peer 1', true],
        [2, 'Peer 2', true],
        [3, 'Peer 3', false],
        [4, 'Peer 4', false],
        [5, 'Peer 5', false],
        [6, 'Peer 6', false],
        [7, 'Peer 7', true],
        [8, 'Peer 8', true],
      ]);
      expect(res.body.position).toBeNull(); // the admin has no organisation of its own
    });

    it('names the position of a given organisation (for reports) and of nobody unknown', async () => {
      const res = await get(admin, '/benchmarks', { financialYear: '2024/25', function: 'finance', organisationType: 'acute_trust', organisationId: ids.T6 }).expect(200);
      expect(res.body.position).toMatchObject({ organisationId: ids.T6, rank: 6, kpi: '1.2000', savingsPotential: '281250.00', savingsToLowerQuartile: '531250.00' });
    });

    it('the peer view of one organisation across the seven functions (seeds §5.8)', async () => {
      await post(admin, { organisationId: ids.T5, financialYear: '2024/25', function: 'hr', cost: '1200000.00', turnover: '150000000.00' }).expect(201);
      const res = await get(admin, `/benchmarks/organisations/${ids.T5}`, { financialYear: '2024/25' }).expect(200);
      expect(res.body).toMatchObject({ organisationId: ids.T5, organisationName: 'Worked Trust T5', organisationType: 'acute_trust', financialYear: '2024/25' });
      expect(res.body.functions.map((f: { function: string }) => f.function)).toEqual(['finance', 'hr', 'imt', 'procurement', 'estates', 'payroll', 'governance_risk']);
      expect(res.body.functions[0]).toMatchObject({
        function: 'finance',
        submitted: true,
        n: 8,
        trimmed: 2,
        kpi: '1.1000',
        rank: 5,
        average: '1.0875',
        savingsPotential: '18750.00',
        savingsToLowerQuartile: '168750.00',
      });
      expect(res.body.functions[1]).toMatchObject({
        function: 'hr',
        submitted: true,
        n: 1,
        trimmed: 0,
        kpi: '0.8000',
        average: '0.8000',
        savingsPotential: '0.00',
        hackett: { median: '0.7770', bestInClass: '0.4770' },
      });
      expect(res.body.functions[2]).toMatchObject({ function: 'imt', submitted: false, n: 0, kpi: null, savingsPotential: null });
      expect(res.body.totalSavingsPotential).toBe('18750.00');
    });

    it('national totals by organisation type and function (seeds table 6)', async () => {
      const res = await get(w.tokens.board, '/benchmarks/national', { financialYear: '2024/25' }).expect(200);
      expect(res.body.financialYear).toBe('2024/25');
      const acute = res.body.byType.find((x: { organisationType: string }) => x.organisationType === 'acute_trust');
      // the ninth acute return is alone in its peer group: left out for everyone but admins
      expect(acute).toMatchObject({ organisations: 8, returns: 8, savingsPotential: WORKED_EXAMPLE_TOTAL_SAVINGS });
      expect(res.body.suppressedGroups).toBeGreaterThanOrEqual(1);
      const all = await get(admin, '/benchmarks/national', { financialYear: '2024/25' }).expect(200);
      expect(all.body.byType.find((x: { organisationType: string }) => x.organisationType === 'acute_trust')).toMatchObject({ organisations: 8, returns: 9 });
      expect(all.body.suppressedGroups).toBe(0);
      expect(acute.byFunction).toMatchObject({ finance: '2150000.00', hr: '0.00', imt: '0.00' });
      expect(res.body.byFunction.finance).toBe('2150000.00');
      expect(JSON.stringify(res.body)).not.toContain(ids.T5);
      expect(JSON.stringify(res.body)).not.toContain('Worked');
    });

    it('imports the same eight returns by ODS code for another year with the same results', async () => {
      const lines = ['organisation,financialYear,function,cost,turnover', ...WORKED_EXAMPLE_ROWS.map((r) => `${ods[r.code]},2022/23,finance,${r.cost},${r.turnover}`)];
      const res = await csv(admin, lines.join('\n') + '\n').expect(200);
      expect(res.body).toEqual({ accepted: 8, replaced: 0 });
      const b = await get(admin, '/benchmarks', { financialYear: '2022/23', function: 'finance', organisationType: 'acute_trust' }).expect(200);
      expect(b.body).toMatchObject({ n: 8, trimmed: 2, average: '1.0875' });
      expect(b.body.items.map((i: { savingsPotential: string }) => i.savingsPotential)).toEqual([
        '0.00',
        '0.00',
        '0.00',
        '0.00',
        '18750.00',
        '281250.00',
        '937500.00',
        '912500.00',
      ]);
      // importing again replaces, and says so
      const again = await csv(admin, lines.join('\r\n')).expect(200);
      expect(again.body).toEqual({ accepted: 8, replaced: 8 });
      expect(await countReturns(`financial_year = '2022/23'`)).toBe(8);
      // audited: one row per import, and one per return written (create, then update with before/after)
      const imports = await get(admin, '/audit', { entity: 'benchmark_returns' }).expect(200);
      expect(imports.body.items.slice(0, 2).map((a: { action: string; after: { accepted: number; replaced: number } }) => [a.action, a.after.accepted, a.after.replaced])).toEqual([
        ['import', 8, 8],
        ['import', 8, 0],
      ]);
      const t8 = (await get(admin, '/benchmarks/returns', { financialYear: '2022/23', organisationId: ids.T8 }).expect(200)).body.items[0];
      const trail = await get(admin, '/audit', { entity: 'benchmark_return', entityId: t8.id }).expect(200);
      expect(trail.body.items.map((a: { action: string }) => a.action)).toEqual(['update', 'create']);
      expect(trail.body.items[0].before).toMatchObject({ cost: '2000000.00', turnover: '100000000.00' });
    });
  });

  describe('POST /benchmarks/returns', () => {
    it('keeps money exact and a later return replaces the earlier one, both audited', async () => {
      const orgId = await org(t, admin, { type: 'mental_health_trust' });
      const first = await post(admin, ret({ organisationId: orgId, financialYear: '2021/22', function: 'estates', cost: '400000000.01', turnover: '99999999999999.99' })).expect(
        201,
      );
      expect(first.body).toMatchObject({ cost: '400000000.01', turnover: '99999999999999.99', replaced: false });
      const second = await post(admin, ret({ organisationId: orgId, financialYear: '2021/22', function: 'estates', cost: '0.00', turnover: '1.00' })).expect(201);
      expect(second.body).toMatchObject({ id: first.body.id, cost: '0.00', turnover: '1.00', kpi: '0.0000', replaced: true });
      expect(await countReturns(`organisation_id = $1`, [orgId])).toBe(1);
      const audit = await get(admin, '/audit', { entity: 'benchmark_return', entityId: first.body.id }).expect(200);
      expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['update', 'create']);
      expect(audit.body.items[0].before).toMatchObject({ cost: '400000000.01', turnover: '99999999999999.99', financialYear: '2021/22', function: 'estates' });
      expect(audit.body.items[0].after).toMatchObject({ cost: '0.00', turnover: '1.00' });
      expect(audit.body.items[1].before).toBeNull();
    });

    it('concurrent submissions of the same return leave one row, never a 500', async () => {
      const orgId = await org(t, admin, { type: 'csu' });
      const body = (cost: string) => ret({ organisationId: orgId, financialYear: '2015/16', function: 'governance_risk', cost });
      const res = await Promise.all(['1.00', '2.00', '3.00', '4.00', '5.00', '6.00'].map((c) => post(admin, body(c))));
      expect(res.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
      expect(await countReturns(`organisation_id = $1`, [orgId])).toBe(1);
    });

    it('refuses a zero turnover with 400 naming turnover, and other bad fields by name', async () => {
      const zero = await post(admin, ret({ turnover: '0.00' })).expect(400);
      expect(zero.body.errors.map((e: { field: string }) => e.field)).toEqual(['turnover']);
      expect(zero.body.errors[0].message).toMatch(/greater than zero/);
      for (const [field, value] of [
        ['turnover', '0'],
        ['turnover', '-5.00'],
        ['turnover', 100000000],
        ['cost', '-1.00'],
        ['cost', '1.234'],
        ['cost', 500000],
        ['financialYear', '2024/26'],
        ['financialYear', '2024-25'],
        ['function', 'legal'],
        ['organisationId', 'not-a-uuid'],
      ] as const) {
        const res = await post(admin, ret({ [field]: value })).expect(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      }
      const unknown = await post(admin, { ...ret(), submittedBy: w.users.partner.id }).expect(400);
      expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['submittedBy']);
      const none = await post(admin, {}).expect(400);
      expect(none.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['cost', 'financialYear', 'function', 'organisationId', 'turnover']);
      await post(admin, ret({ organisationId: '00000000-0000-4000-8000-000000000000' })).expect(404);
    });

    it('who may submit: admin any, everyone else (but board viewers) its own organisation; 403 for the role or a visible organisation, 404 beyond', async () => {
      const [p1, p2] = w.c1.partnerOrgIds;
      const q1 = w.c2.partnerOrgIds[0];
      const cases: [keyof World['tokens'], string, number][] = [
        ['admin', q1, 201],
        ['host', w.c1.hostOrgId, 201],
        ['host', p1, 403], // a member of its consortium: the member's own account, not the host's
        ['host', p2, 403],
        ['orgAdmin', p1, 201],
        ['orgAdmin', p2, 403],
        ['host', q1, 404],
        ['host', w.c2.hostOrgId, 404],
        ['otherHost', p1, 404],
        ['otherHost', q1, 403],
        ['otherHost', w.c2.hostOrgId, 201],
        ['partner', p1, 201],
        ['partner', p2, 403], // a fellow member it can see, not its own
        ['partner', w.c1.hostOrgId, 403],
        ['partner', q1, 404],
        ['otherPartner', p1, 403],
        ['foreignPartner', p1, 404],
        ['board', p1, 403],
        ['board', q1, 403],
        ['anonymous', p1, 401],
      ];
      const got = [];
      for (const [actor, organisationId] of cases) got.push([actor, organisationId, (await post(w.tokens[actor], ret({ organisationId, financialYear: '2020/21' }))).status]);
      expect(got).toEqual(cases);
    });
  });

  describe('POST /benchmarks/returns/import (CSV)', () => {
    const header = 'organisation,financialYear,function,cost,turnover';

    it('one bad row and nothing is written; every bad row is listed with row, field and message', async () => {
      const p1 = w.c1.partnerOrgIds[0];
      const before = await countReturns();
      const file = [
        header, //                                                         1
        `${p1},2019/20,finance,100000.00,50000000.00`, //                    2 good
        `${p1},2019/20,hr,100000.00,0.00`, //                                3 zero turnover
        `NOSUCH1,2019/20,hr,100000.00,50000000.00`, //                      4 unknown organisation
        `${p1},2019-20,catering,abc,50000000.001`, //                       5 four bad fields
        '', //                                                               6 blank: skipped
        `${p1},2019/20,finance,200000.00,50000000.00`, //                    7 duplicate of row 2
        `${p1},2019/20,payroll,-1.00,50000000.00,extra`, //                 8 negative cost, extra column
        `${w.c2.hostOrgId},2019/20,imt,1.00,2.00`, //                       9 not the partner's: unknown to it
      ].join('\n');
      const res = await csv(w.tokens.partner, file).expect(400);
      expect(res.body).toMatchObject({ status: 400, code: 'validation_error' });
      expect(res.body.detail).toMatch(/nothing was written/);
      const got = res.body.errors.map((e: { row: number; field: string }) => [e.row, e.field]);
      expect(got).toEqual([
        [3, 'turnover'],
        [4, 'organisation'],
        [5, 'financialYear'],
        [5, 'function'],
        [5, 'cost'],
        [5, 'turnover'],
        [7, 'row'],
        [8, 'cost'],
        [8, 'row'],
        [9, 'organisation'],
      ]);
      for (const e of res.body.errors) expect(typeof e.message).toBe('string');
      expect(res.body.errors.find((e: { row: number }) => e.row === 7).message).toMatch(/row 2/);
      expect(res.body.errors.find((e: { row: number }) => e.row === 9).message).toMatch(/no organisation/);
      expect(await countReturns()).toBe(before);
    });

    it('a partner importing another organisation’s row: that row is refused and nothing is written', async () => {
      const [p1, p2] = w.c1.partnerOrgIds;
      const before = await countReturns();
      const file = [header, `${p1},2018/19,finance,1.00,2.00`, `${p2},2018/19,finance,1.00,2.00`, `${w.c2.partnerOrgIds[0]},2018/19,finance,1.00,2.00`].join('\n');
      const res = await csv(w.tokens.partner, file).expect(400);
      expect(res.body.errors).toEqual([
        { row: 3, field: 'organisation', message: expect.stringMatching(/may not submit/) },
        { row: 4, field: 'organisation', message: expect.stringMatching(/no organisation/) },
      ]);
      expect(await countReturns()).toBe(before);
      // its own row alone goes in
      const ok = await csv(w.tokens.partner, [header, `${p1},2018/19,finance,1.00,2.00`].join('\n')).expect(200);
      expect(ok.body).toEqual({ accepted: 1, replaced: 0 });
      await csv(w.tokens.board, [header, `${p1},2018/19,finance,1.00,2.00`].join('\n')).expect(403);
      await csv(undefined, [header, `${p1},2018/19,finance,1.00,2.00`].join('\n')).expect(401);
    });

    it('a wrong header names the missing and unknown columns; an empty file and a header alone are 400', async () => {
      const wrong = await csv(admin, 'organisation,year,function,cost,turnover,notes\nX,2024/25,hr,1.00,2.00,\n').expect(400);
      expect(wrong.body.errors).toEqual(
        expect.arrayContaining([
          { row: 1, field: 'financialYear', message: 'missing column financialYear' },
          { row: 1, field: 'year', message: 'unknown column year' },
          { row: 1, field: 'notes', message: 'unknown column notes' },
        ]),
      );
      expect(wrong.body.errors).toHaveLength(3);
      const empty = await csv(admin, '').expect(400);
      expect(empty.body.errors[0]).toMatchObject({ field: 'file', message: expect.stringMatching(/empty/) });
      const blank = await csv(admin, '\n\n').expect(400);
      expect(blank.body.errors[0].field).toBe('file');
      const headerOnly = await csv(admin, `${header}\n`).expect(400);
      expect(headerOnly.body.errors[0]).toMatchObject({ field: 'file', message: expect.stringMatching(/no rows/) });
      const broken = await csv(admin, `${header}\n"unterminated,2024/25,hr,1.00,2.00\n`).expect(400);
      expect(broken.body.errors[0].field).toBe('file');
    });

    it('columns in any order, a BOM, ids or ODS codes; JSON is refused with 415', async () => {
      const code = unique('B')
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '')
        .slice(-8);
      const orgId = await org(t, admin, { type: 'ambulance_trust', odsCode: code });
      const res = await csv(
        admin,
        `\uFEFFturnover,cost,function,financialYear,organisation\n2.00,1.00,hr,2017/18,${code.toLowerCase()}\n"3.00",1.00,imt,2017/18,${orgId.toUpperCase()}\n`,
      ).expect(200);
      expect(res.body).toEqual({ accepted: 2, replaced: 0 });
      const list = await get(admin, '/benchmarks/returns', { organisationId: orgId }).expect(200);
      expect(list.body.items.map((r: { function: string; turnover: string; kpi: string }) => [r.function, r.turnover, r.kpi])).toEqual([
        ['hr', '2.00', '50.0000'],
        ['imt', '3.00', '33.3333'],
      ]);
      const json = await t.http.post(`${API}/benchmarks/returns/import`).set('Authorization', admin).send({ rows: [] }).expect(415);
      expect(json.body.status).toBe(415);
    });

    it('a file over 10 MB is 413, declared or streamed', async () => {
      const big = `organisation,financialYear,function,cost,turnover\n${'x,2024/25,hr,1.00,2.00\n'.repeat(500_000)}`;
      expect(Buffer.byteLength(big)).toBeGreaterThan(10 * 1024 * 1024);
      const declared = await csv(admin, big).expect(413);
      expect(declared.body).toMatchObject({ status: 413 });

      // chunked: no Content-Length, the cap is enforced while reading
      const server = t.app.getHttpServer() as http.Server;
      if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const { port } = server.address() as AddressInfo;
      const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: `${API}/benchmarks/returns/import`,
            headers: { authorization: admin, 'content-type': 'text/csv', 'transfer-encoding': 'chunked' },
          },
          (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode!, body }));
          },
        );
        req.on('error', reject);
        const chunk = 'x,2024/25,hr,1.00,2.00\n'.repeat(10_000);
        let sent = 0;
        const pump = () => {
          while (sent < 12 * 1024 * 1024) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
          req.end();
        };
        req.write('organisation,financialYear,function,cost,turnover\n');
        pump();
      });
      expect(status.status).toBe(413);
      expect(JSON.parse(status.body)).toMatchObject({ status: 413, code: 'payload_too_large' });
    });
  });

  describe('who sees what', () => {
    // community trusts: P1, P2 (consortium C1) and Q1 (C2) in one peer group
    const year = '2016/17';
    beforeAll(async () => {
      const [p1, p2] = w.c1.partnerOrgIds;
      const q1 = w.c2.partnerOrgIds[0];
      await post(admin, { organisationId: p1, financialYear: year, function: 'payroll', cost: '150000.00', turnover: '100000000.00' }).expect(201);
      await post(admin, { organisationId: p2, financialYear: year, function: 'payroll', cost: '100000.00', turnover: '100000000.00' }).expect(201);
      await post(admin, { organisationId: q1, financialYear: year, function: 'payroll', cost: '50000.00', turnover: '100000000.00' }).expect(201);
    });
    const query = { financialYear: year, function: 'payroll', organisationType: 'community_trust' };
    const names = (body: { items: { organisationId: string | null; organisationName: string | null; peer: string }[] }) =>
      body.items.map((i) => [i.peer, i.organisationId, i.organisationName === null ? null : 'named']);

    it('a partner sees the whole distribution, its own organisation named and the peers not', async () => {
      const [p1] = w.c1.partnerOrgIds;
      const res = await get(w.tokens.partner, '/benchmarks', query).expect(200);
      expect(res.body).toMatchObject({ n: 3, trimmed: 0, average: '0.1000', hackett: null });
      expect(names(res.body)).toEqual([
        ['Peer 1', null, null],
        ['Peer 2', null, null],
        ['Peer 3', p1, 'named'],
      ]);
      // unnamed peers show their rank only (no KPI, no savings); its own figures stay
      expect(res.body.items.map((i: { kpi: string; savingsPotential: string }) => [i.kpi, i.savingsPotential])).toEqual([
        [null, null],
        [null, null],
        ['0.1500', '50000.00'],
      ]);
      // min is an unnamed peer's KPI; the totals less its own saving would be the two others' savings
      expect([res.body.min, res.body.max, res.body.totalSavingsPotential, res.body.suppressed]).toEqual([null, '0.1500', null, null]);
      expect(res.body.position).toMatchObject({ organisationId: p1, rank: 3, savingsPotential: '50000.00' });
      const text = JSON.stringify(res.body);
      for (const other of [w.c1.partnerOrgIds[1], w.c2.partnerOrgIds[0]]) expect(text).not.toContain(other);
      expect(text).not.toMatch(/partner 2|South/i);
      // asking for another organisation's position is a 404
      await get(w.tokens.partner, '/benchmarks', { ...query, organisationId: w.c1.partnerOrgIds[1] }).expect(404);
    });

    it('a board viewer likewise; a host admin names no member of its consortia (their returns are theirs); the admin names all', async () => {
      const [p1, p2] = w.c1.partnerOrgIds;
      const q1 = w.c2.partnerOrgIds[0];
      const board = await get(w.tokens.board, '/benchmarks', query).expect(200);
      expect(names(board.body)).toEqual([
        ['Peer 1', null, null],
        ['Peer 2', null, null],
        ['Peer 3', p1, 'named'],
      ]);
      const host = await get(w.tokens.host, '/benchmarks', query).expect(200);
      expect(names(host.body)).toEqual([
        ['Peer 1', null, null],
        ['Peer 2', null, null],
        ['Peer 3', null, null],
      ]);
      await get(w.tokens.host, '/benchmarks', { ...query, organisationId: p2 }).expect(404);
      await get(w.tokens.host, '/benchmarks', { ...query, organisationId: q1 }).expect(404);
      const orgAdmin = await get(w.tokens.orgAdmin, '/benchmarks', query).expect(200);
      expect(names(orgAdmin.body)).toEqual([
        ['Peer 1', null, null],
        ['Peer 2', null, null],
        ['Peer 3', p1, 'named'],
      ]);
      const all = await get(admin, '/benchmarks', query).expect(200);
      expect(names(all.body)).toEqual([
        ['Peer 1', q1, 'named'],
        ['Peer 2', p2, 'named'],
        ['Peer 3', p1, 'named'],
      ]);
      expect(all.body.items[2].organisationName).toMatch(/partner 1/);
    });

    it('the peer view: its own organisation for everyone but the admin, 404 otherwise', async () => {
      const [p1, p2] = w.c1.partnerOrgIds;
      const q1 = w.c2.partnerOrgIds[0];
      const cases: [keyof World['tokens'], string, number][] = [
        ['admin', q1, 200],
        ['host', p1, 404],
        ['host', p2, 404],
        ['host', q1, 404],
        ['otherHost', q1, 404],
        ['otherHost', p1, 404],
        ['orgAdmin', p1, 200],
        ['partner', p1, 200],
        ['partner', p2, 404],
        ['partner', q1, 404],
        ['otherPartner', p1, 404],
        ['board', p1, 200],
        ['board', p2, 404],
        ['foreignPartner', p1, 404],
        ['anonymous', p1, 401],
      ];
      const got = [];
      for (const [actor, id] of cases) got.push([actor, id, (await get(w.tokens[actor], `/benchmarks/organisations/${id}`, { financialYear: year })).status]);
      expect(got).toEqual(cases);
      const own = await get(w.tokens.partner, `/benchmarks/organisations/${p1}`, { financialYear: year }).expect(200);
      expect(own.body.functions.find((f: { function: string }) => f.function === 'payroll')).toMatchObject({
        submitted: true,
        n: 3,
        rank: 3,
        kpi: '0.1500',
        savingsPotential: '50000.00',
      });
      expect(JSON.stringify(own.body)).not.toContain(p2);
      // no return in a year: seven unsubmitted rows, not an error
      const none = await get(w.tokens.partner, `/benchmarks/organisations/${p1}`, { financialYear: '2001/02' }).expect(200);
      expect(none.body.functions).toHaveLength(7);
      expect(none.body.functions.every((f: { submitted: boolean; n: number }) => !f.submitted && f.n === 0)).toBe(true);
      expect(none.body.totalSavingsPotential).toBe('0.00');
      await get(admin, `/benchmarks/organisations/not-a-uuid`, { financialYear: year }).expect(400);
      await get(admin, `/benchmarks/organisations/00000000-0000-4000-8000-000000000000`, { financialYear: year }).expect(404);
      await get(admin, `/benchmarks/organisations/${p1}`).expect(400);
    });

    it('the returns list is scoped: admin all, everyone else its own organisation', async () => {
      const [p1, p2] = w.c1.partnerOrgIds;
      const q1 = w.c2.partnerOrgIds[0];
      const orgsOf = async (token: string | undefined, q: Record<string, string> = {}) => {
        const res = await get(token, '/benchmarks/returns', { financialYear: year, limit: '500', ...q }).expect(200);
        expect(res.body.total).toBe(res.body.items.length);
        return res.body.items.map((r: { organisationId: string }) => r.organisationId).sort();
      };
      expect(await orgsOf(admin)).toEqual([p1, p2, q1].sort());
      expect(await orgsOf(w.tokens.host)).toEqual([]);
      expect(await orgsOf(w.tokens.otherHost)).toEqual([]);
      expect(await orgsOf(w.tokens.orgAdmin)).toEqual([p1]);
      expect(await orgsOf(w.tokens.partner)).toEqual([p1]);
      expect(await orgsOf(w.tokens.board)).toEqual([p1]);
      expect(await orgsOf(w.tokens.otherPartner)).toEqual([p2]);
      expect(await orgsOf(w.tokens.partner, { organisationId: p2 })).toEqual([]);
      expect(await orgsOf(w.tokens.foreignPartner, { organisationId: p1 })).toEqual([]);
      const item = (await get(w.tokens.partner, '/benchmarks/returns', { financialYear: year }).expect(200)).body.items[0];
      expect(item).toMatchObject({
        organisationId: p1,
        financialYear: year,
        function: 'payroll',
        cost: '150000.00',
        turnover: '100000000.00',
        kpi: '0.1500',
        submittedBy: w.users.admin.id ?? expect.any(String),
      });
      const paged = await get(admin, '/benchmarks/returns', { limit: '1', offset: '1' }).expect(200);
      expect(paged.body.items).toHaveLength(1);
      expect(paged.body.total).toBeGreaterThan(1);
      await get(admin, '/benchmarks/returns', { limit: '501' }).expect(400);
      await get(admin, '/benchmarks/returns', { function: 'legal' }).expect(400);
    });

    it('national totals are open to every signed-in user and name nobody', async () => {
      for (const actor of ['admin', 'host', 'partner', 'board', 'foreignPartner'] as const) {
        const res = await get(w.tokens[actor], '/benchmarks/national', { financialYear: year }).expect(200);
        expect(res.body.byType).toEqual([
          {
            organisationType: 'community_trust',
            organisations: 3,
            returns: 3,
            byFunction: { finance: '0.00', hr: '0.00', imt: '0.00', procurement: '0.00', estates: '0.00', payroll: '50000.00', governance_risk: '0.00' },
            savingsPotential: '50000.00',
            savingsToLowerQuartile: expect.any(String),
          },
        ]);
      }
      await get(undefined, '/benchmarks/national', { financialYear: year }).expect(401);
      await get(admin, '/benchmarks/national', { financialYear: '2016' }).expect(400);
    });
  });

  it('no peers: an empty group (n 0, statistics null), not an error; bad or missing query fields are 400', async () => {
    const res = await get(w.tokens.partner, '/benchmarks', { financialYear: '2000/01', function: 'procurement', organisationType: 'csu' }).expect(200);
    expect(res.body).toMatchObject({
      n: 0,
      trimmed: 0,
      average: null,
      median: null,
      lowerQuartile: null,
      upperQuartile: null,
      items: [],
      position: null,
      hackett: { median: '0.3790', bestInClass: '0.3180' },
    });
    const bad = await get(admin, '/benchmarks', { financialYear: '2024/25', function: 'catering' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['function', 'organisationType']);
    await get(undefined, '/benchmarks', { financialYear: '2024/25', function: 'finance', organisationType: 'acute_trust' }).expect(401);
  });

  it('every route answers 401 without a token', async () => {
    const id = w.c1.partnerOrgIds[0];
    await get(undefined, '/benchmarks/returns').expect(401);
    await get(undefined, `/benchmarks/organisations/${id}`, { financialYear: '2024/25' }).expect(401);
    await post(undefined, ret()).expect(401);
    await csv(undefined, 'organisation,financialYear,function,cost,turnover\n').expect(401);
  });

  it('the database refuses what the API refuses (checks on the table)', async () => {
    const c = new Client({ connectionString: t.databaseUrl });
    await c.connect();
    try {
      const id = w.c1.partnerOrgIds[0];
      for (const [fy, fn, cost, turnover] of [
        ['1999/00', 'hr', '1.00', '0.00'],
        ['1999/00', 'hr', '-1.00', '1.00'],
        ['1999/01', 'hr', '1.00', '1.00'],
        ['1999/00', 'legal', '1.00', '1.00'],
      ]) {
        await expect(
          c.query(`INSERT INTO benchmark_returns (organisation_id, financial_year, function, cost, turnover) VALUES ($1, $2, $3, $4, $5)`, [id, fy, fn, cost, turnover]),
        ).rejects.toThrow(/check constraint/);
      }
      const col = await c.query(
        `SELECT column_name, numeric_precision, numeric_scale FROM information_schema.columns WHERE table_name = 'benchmark_returns' AND column_name IN ('cost', 'turnover') ORDER BY column_name`,
      );
      expect(col.rows).toEqual([
        { column_name: 'cost', numeric_precision: 16, numeric_scale: 2 },
        { column_name: 'turnover', numeric_precision: 16, numeric_scale: 2 },
      ]);
    } finally {
      await c.end();
    }
  });
});
