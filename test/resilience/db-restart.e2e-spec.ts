/**
 * The database restarts while writes run: the process never exits, health turns 503 and back to
 * 200 within 10 s of the database returning, and every write acknowledged with a 2xx is in the
 * database. Uses its own embedded PostgreSQL server so other test files are not disturbed.
 */
import * as path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/database/embedded-postgres';
import { ADMIN, createAppOn, TestApp } from '../support/app';

jest.setTimeout(120000);

describe('database restart under write load (resilience)', () => {
  let server: EmbeddedServer;
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    server = await startEmbeddedPostgres({ dataDir: path.resolve(__dirname, '../../data/test-restart'), port: Number(process.env.TEST_RESTART_PG_PORT ?? 54359) });
    const c = new Client({ connectionString: server.url('postgres') });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS restart_test WITH (FORCE)`);
    await c.query(`CREATE DATABASE restart_test`);
    await c.end();
    url = server.url('restart_test');
    t = await createAppOn(url); // runs the migrations on this server
  });

  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  it('keeps running, reports 503 while down, recovers within 10 s, and loses no acknowledged write', async () => {
    const token = await t.login(ADMIN.email, ADMIN.password);
    const acknowledged: string[] = [];
    const statuses: number[] = [];
    let stop = false;
    const writer = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const res = await t.http
          .post('/api/v1/organisations')
          .set('Authorization', token)
          .send({ name: `Restart ${n}-${i}`, type: 'acute_trust', annualTurnover: '1000.00', headcount: '1' });
        statuses.push(res.status);
        if (res.status === 201) acknowledged.push(res.body.id);
        else if (res.status !== 503) throw new Error(`unexpected ${res.status} ${JSON.stringify(res.body)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const writers = [writer(1), writer(2), writer(3)];
    // let some writes through first (the machine may be busy with other test files)
    for (let i = 0; i < 300 && acknowledged.length < 10; i++) await new Promise((r) => setTimeout(r, 100));
    const beforeOutage = acknowledged.length;

    await server.stop();
    let sawDown = false;
    for (let i = 0; i < 50 && !sawDown; i++) {
      sawDown = (await t.http.get('/api/v1/health')).status === 503;
      if (!sawDown) await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1500));
    await server.start();
    const back = Date.now();
    let recovered = -1;
    while (Date.now() - back < 10000) {
      if ((await t.http.get('/api/v1/health')).status === 200) {
        recovered = (Date.now() - back) / 1000;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    // and some after
    const target = acknowledged.length + 10;
    for (let i = 0; i < 300 && acknowledged.length < target; i++) await new Promise((r) => setTimeout(r, 100));
    stop = true;
    await Promise.all(writers);

    expect(sawDown).toBe(true);
    expect(recovered).toBeGreaterThanOrEqual(0);
    expect(recovered).toBeLessThan(10);
    expect(beforeOutage).toBeGreaterThan(0);
    expect(statuses).toContain(503);
    expect(acknowledged.length).toBeGreaterThan(beforeOutage);
    // every acknowledged write is there
    const c = new Client({ connectionString: url });
    await c.connect();
    const rows = await c.query(`SELECT count(*)::int AS n FROM organisations WHERE id = ANY($1::uuid[])`, [acknowledged]);
    await c.end();
    expect(rows.rows[0].n).toBe(acknowledged.length);
    console.log(
      `db restart: ${acknowledged.length} writes acknowledged, ${statuses.filter((s) => s === 503).length} answered 503, recovered ${recovered.toFixed(2)} s after restart, 0 lost`,
    );
  });
});
