/**
 * Schedules (issue 17, docs/schedules.md): the settings (validation, who may write, archived
 * consortia) and "a schedule fires once": two application processes on one database, both workers,
 * tick concurrently and many times on the due day; exactly one run and one event per kind and period.
 */
import { Client } from 'pg';
import { Clock } from '../src/common/clock';
import { SchedulesService } from '../src/schedules/schedules.service';
import { createAppOn, createTestApp, type TestApp } from './support/app';
import { buildWorld, org, unique, type World } from './support/world';
import { sla } from './support/write-routes';

describe('schedules', () => {
  let t: TestApp;
  let t2: TestApp;
  let w: World;
  let pg: Client;
  let path: string;
  // pg-boss's own cron (real time) kept out of the way: the test ticks itself, on fixed dates
  const env = { SCHEDULE_TICK_CRON: '0 0 1 1 *' };
  const at = (date: string) => {
    for (const app of [t, t2]) {
      (app.app.get(Clock).now as jest.Mock).mockReturnValue(new Date(`${date}T09:00:00Z`));
    }
  };

  beforeAll(async () => {
    t = await createTestApp(env);
    // the second process, on the same database (both work jobs: REPORT_WORKER defaults to true),
    // started before any schedule is set, so neither start-up check fires on the real date
    t2 = await createAppOn(t.databaseUrl, env);
    for (const app of [t, t2]) jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date('2025-12-15T09:00:00Z'));
    w = await buildWorld(t);
    await sla(t, w, w.c1); // monthly from 2025-04, one target: each of the three members owes one value a month
    path = `/api/v1/consortia/${w.c1.consortiumId}/schedules`;
    pg = new Client({ connectionString: t.databaseUrl });
    await pg.connect();
  });
  afterAll(async () => {
    await pg?.end();
    await t2?.app.close();
    await t?.close();
  });

  describe('settings', () => {
    it('are off until the host sets them', async () => {
      const res = await t.http.get(path).set('Authorization', w.tokens.partner!);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ boardPackWorkingDay: null, reminderWorkingDaysBefore: null, updatedAt: null, next: { boardPack: null, reminder: null }, lastRuns: [] });
    });

    it.each([
      [{ boardPackWorkingDay: 21, reminderWorkingDaysBefore: 3 }, 'boardPackWorkingDay'],
      [{ boardPackWorkingDay: 0, reminderWorkingDaysBefore: 3 }, 'boardPackWorkingDay'],
      [{ boardPackWorkingDay: 2.5, reminderWorkingDaysBefore: 3 }, 'boardPackWorkingDay'],
      [{ boardPackWorkingDay: '5', reminderWorkingDaysBefore: 3 }, 'boardPackWorkingDay'],
      [{ reminderWorkingDaysBefore: 3 }, 'boardPackWorkingDay'],
      [{ boardPackWorkingDay: 5, reminderWorkingDaysBefore: 11 }, 'reminderWorkingDaysBefore'],
      [{ boardPackWorkingDay: 5, reminderWorkingDaysBefore: -1 }, 'reminderWorkingDaysBefore'],
      [{ boardPackWorkingDay: 5 }, 'reminderWorkingDaysBefore'],
    ])('%j is a 400 naming %s', async (body, field) => {
      const res = await t.http.put(path).set('Authorization', w.tokens.host!).send(body);
      expect(res.status).toBe(400);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    });

    it('members read but may not write; another host sees no such consortium', async () => {
      const body = { boardPackWorkingDay: 5, reminderWorkingDaysBefore: 3 };
      expect((await t.http.put(path).set('Authorization', w.tokens.partner!).send(body)).status).toBe(403);
      expect((await t.http.put(path).set('Authorization', w.tokens.board!).send(body)).status).toBe(403);
      expect((await t.http.put(path).set('Authorization', w.tokens.otherHost!).send(body)).status).toBe(404);
      expect((await t.http.get(path).set('Authorization', w.tokens.foreignPartner!)).status).toBe(404);
      const { rows } = await pg.query('SELECT count(*)::int AS n FROM consortium_schedules');
      expect(rows[0].n).toBe(0);
    });

    it('an archived consortium refuses changes (409) and can still be read', async () => {
      const admin = w.tokens.admin!;
      const host = await org(t, admin);
      const c = await t.http
        .post('/api/v1/consortia')
        .set('Authorization', admin)
        .send({ name: unique('Archived '), deliveryModel: 'cooperative', hostOrganisationId: host, startDate: '2025-04-01' });
      expect(c.status).toBe(201);
      expect((await t.http.post(`/api/v1/consortia/${c.body.id}/archive`).set('Authorization', admin).send({})).status).toBe(200);
      const res = await t.http.put(`/api/v1/consortia/${c.body.id}/schedules`).set('Authorization', admin).send({ boardPackWorkingDay: 5, reminderWorkingDaysBefore: null });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('consortium_archived');
      expect((await t.http.get(`/api/v1/consortia/${c.body.id}/schedules`).set('Authorization', admin)).status).toBe(200);
    });

    it('the host sets them (audited), and anyone in the consortium sees the next dates', async () => {
      const res = await t.http.put(path).set('Authorization', w.tokens.host!).send({ boardPackWorkingDay: 5, reminderWorkingDaysBefore: 3 });
      expect(res.status).toBe(200);
      // 15 December 2025: December's board pack (its 5th working day, the 5th) is due and not sent
      // (the next tick sends it); November's reminder three working days before it, the 2nd
      expect(res.body).toMatchObject({ boardPackWorkingDay: 5, reminderWorkingDaysBefore: 3, next: { boardPack: '2025-12-05' } });
      const read = await t.http.get(path).set('Authorization', w.tokens.otherPartner!);
      expect(read.status).toBe(200);
      expect(read.body.next).toEqual({ boardPack: '2025-12-05', reminder: '2025-12-02', reminderMonth: '2025-11' });
      const audit = await pg.query(`SELECT action, after FROM audit_log WHERE entity = 'consortium_schedules' AND entity_id = $1`, [w.c1.consortiumId]);
      expect(audit.rows).toEqual([{ action: 'update', after: { boardPackWorkingDay: 5, reminderWorkingDaysBefore: 3 } }]);
    });
  });

  describe('a schedule fires once', () => {
    const runs = async () =>
      (await pg.query(`SELECT kind, period, outcome FROM schedule_runs WHERE consortium_id = $1 ORDER BY period, kind`, [w.c1.consortiumId])).rows as {
        kind: string;
        period: string;
        outcome: string;
      }[];
    const events = async () =>
      (
        await pg.query(`SELECT kind, payload FROM domain_events WHERE consortium_id = $1 AND kind IN ('board_pack.due', 'measurements.reminder') ORDER BY occurred_at`, [
          w.c1.consortiumId,
        ])
      ).rows as { kind: string; payload: Record<string, unknown> }[];
    /** Both processes tick `times` times each, all at once. */
    const tickEverywhere = async (times: number) => {
      const services = [t.app.get(SchedulesService), t2.app.get(SchedulesService)];
      const results = await Promise.all(Array.from({ length: times }, () => services.map((s) => s.tick())).flat());
      for (const r of results) expect(r.failed).toEqual([]);
      return results.flatMap((r) => r.fired);
    };

    it('on the due day: one run and one event per kind and period, however many ticks', async () => {
      expect(await runs()).toEqual([]);
      // 8 January 2026, the 5th working day (the 1st a bank holiday: 2, 5, 6, 7, 8)
      at('2026-01-08');
      const fired = await tickEverywhere(8);
      // December's board pack is not caught up in January: a month's pack is sent in that month or not at all
      expect(fired.map((f) => `${f.kind} ${f.period}`).sort()).toEqual(['board_pack 2026-01', 'measurements_reminder 2025-12']);
      expect(await runs()).toEqual([
        { kind: 'measurements_reminder', period: '2025-12', outcome: 'published' },
        { kind: 'board_pack', period: '2026-01', outcome: 'published' },
      ]);
      const ev = await events();
      expect(ev).toHaveLength(2);
      expect(ev.find((e) => e.kind === 'board_pack.due')!.payload).toEqual({ from: '2025-04', to: '2025-12', scheduledFor: '2026-01-08' });
      const reminder = ev.find((e) => e.kind === 'measurements.reminder')!.payload;
      expect(reminder).toMatchObject({ month: '2025-12', closesOn: '2026-01-08' });
      const missing = reminder.missing as { organisationId: string; count: number }[];
      expect(missing.map((m) => m.organisationId).sort()).toEqual([w.c1.hostOrgId, ...w.c1.partnerOrgIds].sort());
      for (const m of missing) expect(m.count).toBe(1);
    });

    it('the next day of the same month: still one', async () => {
      at('2026-01-09');
      expect(await tickEverywhere(4)).toEqual([]);
      expect(await runs()).toHaveLength(2);
      expect(await events()).toHaveLength(2);
      const view = await t.http.get(path).set('Authorization', w.tokens.board!);
      expect(view.body.next).toEqual({ boardPack: '2026-02-06', reminder: '2026-02-03', reminderMonth: '2026-01' });
      expect((view.body.lastRuns as { period: string }[]).map((r) => r.period)).toEqual(['2026-01', '2025-12']);
    });

    it('the next month: a new one each', async () => {
      at('2026-02-06');
      const fired = await tickEverywhere(8);
      expect(fired.map((f) => `${f.kind} ${f.period}`).sort()).toEqual(['board_pack 2026-02', 'measurements_reminder 2026-01']);
      expect(await runs()).toHaveLength(4);
      const ev = await events();
      expect(ev.map((e) => e.kind).sort()).toEqual(['board_pack.due', 'board_pack.due', 'measurements.reminder', 'measurements.reminder']);
    });

    it('nothing missing: the reminder is recorded and no one is told', async () => {
      // C2 has no SLA: no measurement is ever missing
      const p2 = `/api/v1/consortia/${w.c2.consortiumId}/schedules`;
      expect((await t.http.put(p2).set('Authorization', w.tokens.otherHost!).send({ boardPackWorkingDay: null, reminderWorkingDaysBefore: 0 })).status).toBe(200);
      at('2026-03-06'); // February's reminder is on the last working day of March (no board pack; 0 days before): not yet
      expect((await tickEverywhere(2)).filter((f) => f.consortiumId === w.c2.consortiumId)).toEqual([]);
      at('2026-03-31');
      const fired = (await tickEverywhere(3)).filter((f) => f.consortiumId === w.c2.consortiumId);
      expect(fired).toEqual([{ consortiumId: w.c2.consortiumId, kind: 'measurements_reminder', period: '2026-02', published: false }]);
      const { rows } = await pg.query(`SELECT outcome, event_id FROM schedule_runs WHERE consortium_id = $1`, [w.c2.consortiumId]);
      expect(rows).toEqual([{ outcome: 'nothing_missing', event_id: null }]);
      expect((await pg.query(`SELECT count(*)::int AS n FROM domain_events WHERE consortium_id = $1`, [w.c2.consortiumId])).rows[0].n).toBe(0);
    });

    it('a worker process that starts catches up at once; an API process does not', async () => {
      // every Clock made from now on (the new processes') reads 9 April 2026: the 5th working day
      // (1, 2, 7, 8, 9: Good Friday the 3rd, Easter Monday the 6th), and March's reminder was due on the 2nd
      const spy = jest.spyOn(Clock.prototype, 'now').mockReturnValue(new Date('2026-04-09T09:00:00Z'));
      try {
        const api = await createAppOn(t.databaseUrl, { ...env, REPORT_WORKER: 'false' });
        await api.close();
        // up to March's pack (the ticks of the test before fired C1's too)
        expect(await runs()).toHaveLength(6);
        const worker = await createAppOn(t.databaseUrl, env);
        await worker.close();
        expect((await runs()).slice(6)).toEqual([
          { kind: 'measurements_reminder', period: '2026-03', outcome: 'published' },
          { kind: 'board_pack', period: '2026-04', outcome: 'published' },
        ]);
        expect(await events()).toHaveLength(8);
      } finally {
        spy.mockRestore();
      }
    });
  });
});
