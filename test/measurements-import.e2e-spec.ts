import { Client } from 'pg';
import { addMonths } from '../src/common/months';
import { createTestApp, TestApp } from './support/app';
import { buildWorld, World } from './support/world';

describe('measurement CSV import (e2e)', () => {
  let t: TestApp;
  let w: World;
  let ods: { host: string; p1: string; p2: string; foreign: string };
  beforeAll(async () => {
    // Large files here use one month per key for up to 30,000 keys, far past the default window's 2100.
    t = await createTestApp({ DATE_WINDOW_END: '9999-12-31' });
    w = await buildWorld(t);
    const setOds = async (id: string, code: string) => t.http.patch(`/api/v1/organisations/${id}`).set('Authorization', w.tokens.admin!).send({ odsCode: code }).expect(200);
    ods = { host: 'IMH1', p1: 'IMP1', p2: 'IMP2', foreign: 'IMF1' };
    await setOds(w.c1.hostOrgId, ods.host);
    await setOds(w.c1.partnerOrgIds[0], ods.p1);
    await setOds(w.c1.partnerOrgIds[1], ods.p2);
    await setOds(w.c2.partnerOrgIds[0], ods.foreign);
  });
  afterAll(() => t.close());

  const url = () => `/api/v1/consortia/${w.c1.consortiumId}/measurements/import`;
  const post = (token: string, body: string, type = 'text/csv') => t.http.post(url()).set('Authorization', token).set('Content-Type', type).send(body);
  const count = async () => (await t.http.get(`/api/v1/consortia/${w.c1.consortiumId}/measurements?limit=1`).set('Authorization', w.tokens.host!)).body.total as number;

  it('imports a good file: ODS codes or ids, empty organisation = service-line wide, a later row replaces an earlier one', async () => {
    const csv = [
      'kpiCode,serviceLine,organisation,month,value',
      `PAY_ACCURACY,PAY,${ods.p1},2025-05,99.6`,
      `PAY_ACCURACY,PAY,${w.c1.partnerOrgIds[1]},2025-05,99.1`,
      'PAY_ON_TIME,PAY,,2025-05,100',
      `PAY_ACCURACY,PAY,${ods.p1},2025-05,99.7`,
      '',
    ].join('\r\n');
    const res = await post(w.tokens.host!, csv).expect(200);
    expect(res.body).toEqual({ accepted: 4, replaced: 0 });
    const list = await t.http
      .get(`/api/v1/consortia/${w.c1.consortiumId}/measurements?from=2025-05&to=2025-05&kpiCode=PAY_ACCURACY&organisationId=${w.c1.partnerOrgIds[0]}`)
      .set('Authorization', w.tokens.host!)
      .expect(200);
    expect(list.body.items.map((m: Record<string, unknown>) => m.value)).toEqual(['99.7']);
    expect(await count()).toBe(3);
  });

  it('a file with several bad rows writes nothing and reports every bad row with line, field and reason', async () => {
    const before = await count();
    const csv = [
      'kpiCode,serviceLine,organisation,month,value',
      `PAY_ACCURACY,PAY,${ods.p1},2025-06,99.6`,
      `NOT_A_KPI,PAY,${ods.p1},2025-06,99.6`,
      `PAY_ACCURACY,NOPE,${ods.p1},2025-06,99.6`,
      `PAY_ACCURACY,PAY,${ods.foreign},2025-06,99.6`,
      `PAY_ACCURACY,PAY,${ods.p1},June,99.6`,
      `PAY_ACCURACY,PAY,${ods.p1},2025-06,lots`,
      `PAY_ACCURACY,PAY,${ods.p1},2025-06,99.12345`,
      `PAY_ON_TIME,PAY,${ods.p2},2025-06,100`,
    ].join('\n');
    const res = await post(w.tokens.host!, csv).expect(400);
    expect(res.body.errors).toEqual([
      { row: 3, field: 'kpiCode', message: 'unknown KPI NOT_A_KPI' },
      { row: 4, field: 'serviceLine', message: 'not a service line of this consortium: NOPE' },
      { row: 5, field: 'organisation', message: `not a member of this consortium: ${ods.foreign}` },
      { row: 6, field: 'month', message: 'month must be YYYY-MM' },
      { row: 7, field: 'value', message: 'value must be a number with at most four decimals' },
      { row: 8, field: 'value', message: 'value must be a number with at most four decimals' },
    ]);
    expect(await count()).toBe(before);
  });

  it('refuses a wrong header naming the missing and unknown columns', async () => {
    const res = await post(w.tokens.host!, 'kpi,serviceLine,organisation,month,value,comment\nPAY_ACCURACY,PAY,,2025-05,99,x\n').expect(400);
    expect(res.body.errors).toEqual([
      { row: 1, field: 'kpiCode', message: 'missing column kpiCode' },
      { row: 1, field: 'kpi', message: 'unknown column kpi' },
      { row: 1, field: 'comment', message: 'unknown column comment' },
    ]);
  });

  it('refuses an empty file and a header-only file', async () => {
    const empty = await post(w.tokens.host!, '').expect(400);
    expect(empty.body.errors[0].field).toBe('file');
    const headerOnly = await post(w.tokens.host!, 'kpiCode,serviceLine,organisation,month,value\n').expect(400);
    expect(headerOnly.body.errors[0].message).toMatch(/no rows/);
  });

  it('a partner importing another organisation’s rows is refused, and nothing of the file is written', async () => {
    const before = await count();
    const csv = [
      'kpiCode,serviceLine,organisation,month,value',
      `PAY_ACCURACY,PAY,${ods.p1},2025-07,99.6`,
      `PAY_ACCURACY,PAY,${ods.p2},2025-07,99.6`,
      'PAY_ACCURACY,PAY,,2025-07,99.6',
    ].join('\n');
    const res = await post(w.tokens.partner!, csv).expect(400);
    expect(res.body.errors.map((e: Record<string, unknown>) => [e.row, e.field])).toEqual([
      [3, 'organisation'],
      [4, 'organisation'],
    ]);
    expect(await count()).toBe(before);
    // its own rows alone are fine
    await post(w.tokens.partner!, ['kpiCode,serviceLine,organisation,month,value', `PAY_ACCURACY,PAY,${ods.p1},2025-07,99.6`].join('\n')).expect(200);
  });

  it('415 for another content type; 403 for a board viewer; 404 for another tenant; 401 anonymous', async () => {
    await post(w.tokens.host!, '{"a":1}', 'application/json').expect(415);
    await post(w.tokens.board!, 'kpiCode,serviceLine,organisation,month,value\n').expect(403);
    await post(w.tokens.otherHost!, 'kpiCode,serviceLine,organisation,month,value\n').expect(404);
    await t.http.post(url()).set('Content-Type', 'text/csv').send('x').expect(401);
  });

  it('malformed CSV (an unclosed quote) is a 400, not a 500', async () => {
    const res = await post(w.tokens.host!, 'kpiCode,serviceLine,organisation,month,value\n"PAY_ACCURACY,PAY,,2025-05,99\n').expect(400);
    expect(res.body.errors[0].field).toBe('file');
  });

  it('streams a 20,000-row file in one transaction', async () => {
    const lines = ['kpiCode,serviceLine,organisation,month,value'];
    for (let i = 0; i < 20000; i++) {
      const month = addMonths('2025-04', Math.floor(i / 3));
      const org = [ods.host, ods.p1, ods.p2][i % 3];
      lines.push(`PAY_COST_PER_PAYSLIP,PAY,${org},${month},${(5 + (i % 100) / 100).toFixed(2)}`);
    }
    const res = await post(w.tokens.host!, lines.join('\n')).expect(200);
    expect(res.body.accepted).toBe(20000);
  });

  it('a bad row or broken quoting after thousands of good rows already streamed to the database writes nothing, and the next import works', async () => {
    const good = (n: number, value: string) => {
      const lines = ['kpiCode,serviceLine,organisation,month,value'];
      for (let i = 0; i < n; i++) lines.push(`PAY_ERRORS_PCT,PAY,${[ods.p1, ods.p2][i % 2]},${addMonths('2026-01', Math.floor(i / 2))},${value}`);
      return lines;
    };
    const before = await count();
    const lateBadRow = [...good(12000, '1.5'), `PAY_ERRORS_PCT,PAY,${ods.p1},2026-01,-3`];
    const r1 = await post(w.tokens.host!, lateBadRow.join('\n')).expect(400);
    expect(r1.body.errors).toEqual([{ row: 12002, field: 'value', message: 'a percentage must be between 0 and 100' }]);
    const lateBrokenQuote = [...good(12000, '1.5'), `PAY_ERRORS_PCT,PAY,"${ods.p1},2026-01,1`];
    const r2 = await post(w.tokens.host!, lateBrokenQuote.join('\n')).expect(400);
    expect(r2.body.errors[0].field).toBe('file');
    expect(await count()).toBe(before);
    // The transaction's connection came back clean: the same rows import, then replace themselves.
    expect((await post(w.tokens.host!, good(12000, '1.5').join('\n')).expect(200)).body).toEqual({ accepted: 12000, replaced: 0 });
    expect((await post(w.tokens.host!, good(12000, '2.25').join('\n')).expect(200)).body).toEqual({ accepted: 12000, replaced: 12000 });
    expect(await count()).toBe(before + 12000);
    const one = await t.http
      .get(`/api/v1/consortia/${w.c1.consortiumId}/measurements?kpiCode=PAY_ERRORS_PCT&from=2026-01&to=2026-01&organisationId=${w.c1.partnerOrgIds[0]}`)
      .set('Authorization', w.tokens.host!)
      .expect(200);
    expect(one.body.items.map((m: { value: string }) => m.value)).toEqual(['2.25']);
  });

  it('a database connection lost while the rows stream in is a 503 (try again), not a bad file, and nothing is written', async () => {
    const lines = ['kpiCode,serviceLine,organisation,month,value'];
    for (let i = 0; i < 60000; i++) lines.push(`PAY_ERRORS_PCT,PAY,${[ods.p1, ods.p2][i % 2]},${addMonths('2030-01', Math.floor(i / 2))},1.25`);
    const before = await count();
    const pending = post(w.tokens.host!, lines.join('\n')).then((r) => r);
    const c = new Client({ connectionString: t.databaseUrl });
    await c.connect();
    try {
      let killed = 0;
      for (let i = 0; i < 400 && !killed; i++) {
        const r = await c.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY staged_measurements%' AND state = 'active'`,
        );
        killed = r.rowCount ?? 0;
        if (!killed) await new Promise((res) => setTimeout(res, 10));
      }
      expect(killed).toBe(1);
    } finally {
      await c.end();
    }
    const res = await pending;
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('database_unavailable');
    expect(await count()).toBe(before);
  });

  it('the database refuses a measurement that pairs one consortium with another consortium’s service line', async () => {
    const c = new Client({ connectionString: t.databaseUrl });
    await c.connect();
    try {
      const foreignLine = (await c.query<{ id: string }>(`SELECT id FROM service_lines WHERE consortium_id = $1 LIMIT 1`, [w.c2.consortiumId])).rows[0].id;
      await expect(
        c.query(`INSERT INTO measurements (consortium_id, service_line_id, kpi_code, month, value) VALUES ($1, $2, 'PAY_ACCURACY', '2025-05', 99)`, [
          w.c1.consortiumId,
          foreignLine,
        ]),
      ).rejects.toThrow(/fk_measurements_service_line/);
    } finally {
      await c.end();
    }
  });

  it('exports CSV with formula injection neutralised, and a partner only its own rows', async () => {
    const evil = await t.http
      .post('/api/v1/organisations')
      .set('Authorization', w.tokens.admin!)
      .send({ name: '=HYPERLINK("http://evil.example","click")', odsCode: 'EVL1', type: 'acute_trust', annualTurnover: '1.00', headcount: '1' })
      .expect(201);
    await t.http
      .post(`/api/v1/consortia/${w.c1.consortiumId}/members`)
      .set('Authorization', w.tokens.admin!)
      .send({ organisationId: evil.body.id, joinedOn: '2025-04-01' })
      .expect(201);
    await post(w.tokens.host!, ['kpiCode,serviceLine,organisation,month,value', 'PAY_ACCURACY,PAY,EVL1,2025-08,-1'].join('\n')).expect(400); // negative percent refused
    await post(w.tokens.host!, ['kpiCode,serviceLine,organisation,month,value', 'PAY_ACCURACY,PAY,EVL1,2025-08,97.5', `PAY_ACCURACY,PAY,${ods.p1},2025-08,99.9`].join('\n')).expect(
      200,
    );
    const res = await t.http.get(`/api/v1/consortia/${w.c1.consortiumId}/measurements/export?from=2025-08&to=2025-08`).set('Authorization', w.tokens.host!).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('month,kpiCode,kpiName,serviceLine,serviceLineName,odsCode,organisation,value');
    const evilLine = lines.find((l) => l.includes('EVL1'))!;
    expect(evilLine).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(evilLine.endsWith(',97.5')).toBe(true);
    expect(lines.some((l) => /,=/.test(l))).toBe(false);
    const partner = await t.http.get(`/api/v1/consortia/${w.c1.consortiumId}/measurements/export?from=2025-08&to=2025-08`).set('Authorization', w.tokens.partner!).expect(200);
    expect(partner.text).not.toContain('EVL1');
    expect(partner.text).toContain(ods.p1);
    await t.http.get(`/api/v1/consortia/${w.c2.consortiumId}/measurements/export`).set('Authorization', w.tokens.partner!).expect(404);
  });
});
