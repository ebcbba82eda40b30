/**
 * Previewing a month close (issue 15): `GET …/months/:month/preview` computes, through the same code
 * path as the close and writing nothing, every member's statement of the month with the hash the
 * close would issue it with. The close then issues exactly those figures, figure by figure; a close
 * given a preview's token after the figures changed is refused (409 preview_out_of_date) and writes
 * nothing. Host only, as the close.
 */
import { Client } from 'pg';
import { WORKED_EXAMPLE as EX } from '../src/statements/core/worked-example.fixture';
import type { ClosedMonthView, MonthPreviewView } from '../src/statements/dto';
import { ADMIN, createTestApp, TestApp } from './support/app';
import { buildWorkedExample, type WorkedExample } from './support/worked-example';
import { buildWorld, World } from './support/world';

describe('month close preview (e2e)', () => {
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
  const counts = async () =>
    (
      await pg.query<{ closed: string; issued: string; audit: string }>(
        `SELECT (SELECT count(*) FROM closed_months WHERE consortium_id = $1) AS closed,
                (SELECT count(*) FROM issued_statements WHERE consortium_id = $1) AS issued,
                (SELECT count(*) FROM audit_log WHERE consortium_id = $1) AS audit`,
        [ex.consortiumId],
      )
    ).rows[0];

  it('who may preview: the host and admins; a member 403; another host 404; anonymous 401', async () => {
    await t.http.get(url('/months/2025-04/preview')).set('Authorization', ex.tokens.host).expect(200);
    await t.http.get(url('/months/2025-04/preview')).set('Authorization', admin).expect(200);
    await t.http.get(url('/months/2025-04/preview')).set('Authorization', ex.tokens.partnerB).expect(403);
    await t.http.get(url('/months/2025-04/preview')).set('Authorization', ex.tokens.boardB).expect(403);
    await t.http.get(url('/months/2025-04/preview')).set('Authorization', w.tokens.otherHost!).expect(404);
    await t.http.get(url('/months/2025-04/preview')).expect(401);
    const bad = await t.http.get(url('/months/2025-4/preview')).set('Authorization', ex.tokens.host).expect(400);
    expect(bad.body.errors[0].field).toBe('month');
  });

  it('the same checks as the close: months in order (409), and nothing is written by a preview', async () => {
    const before = await counts();
    const r = await t.http.get(url('/months/2025-05/preview')).set('Authorization', ex.tokens.host).expect(409);
    expect(r.body.code).toBe('month_close_out_of_order');
    await t.http.get(url('/months/2025-04/preview')).set('Authorization', ex.tokens.host).expect(200);
    expect(await counts()).toEqual(before);
    expect((await t.http.get(url('/months')).set('Authorization', ex.tokens.host).expect(200)).body.nextToClose).toBe('2025-04');
  });

  it('April: the worked example figures; the close issues exactly the preview, figure by figure and hash by hash', async () => {
    const preview = (await t.http.get(url('/months/2025-04/preview')).set('Authorization', ex.tokens.host).expect(200)).body as MonthPreviewView;
    expect(preview.month).toBe('2025-04');
    expect(preview.previewToken).toMatch(/^[0-9a-f]{64}$/);
    expect(preview.items.map((i) => i.organisationId)).toEqual([ex.org.A, ex.org.B]);
    // the worked example's April per service line (domain.md §11)
    for (const row of EX.expected.perServiceLine.filter((r) => r.month === '2025-04')) {
      const s = preview.items.find((i) => i.organisationId === ex.org[row.org])!.statement;
      const line = s.serviceLines.find((l) => l.serviceLineId === ex.line[row.line])!;
      expect([row.org, row.line, line.operating, line.fee, line.credits]).toEqual([row.org, row.line, row.operating, row.fee, row.credits]);
    }
    // a second preview is the same
    const again = (await t.http.get(url('/months/2025-04/preview')).set('Authorization', ex.tokens.host).expect(200)).body as MonthPreviewView;
    expect(again).toEqual(preview);

    const closed = (await t.http.post(url('/months/2025-04/close')).set('Authorization', ex.tokens.host).send({ previewToken: preview.previewToken }).expect(201))
      .body as ClosedMonthView;
    expect(closed.items.map((i) => [i.organisationId, i.contentHash])).toEqual(preview.items.map((i) => [i.organisationId, i.contentHash]));
    for (const [i, issued] of closed.items.entries()) {
      const previewed = preview.items[i].statement;
      for (const k of Object.keys(previewed) as (keyof typeof previewed)[]) expect([k, issued.statement[k]]).toEqual([k, previewed[k]]);
      expect(issued.statement).toEqual(previewed);
    }
    const stored = (await t.http.get(url('/months/2025-04/statements')).set('Authorization', ex.tokens.host).expect(200)).body as ClosedMonthView;
    expect(stored.items.map((i) => [i.organisationId, i.contentHash, i.statement])).toEqual(preview.items.map((i) => [i.organisationId, i.contentHash, i.statement]));

    // a closed month has no preview
    const again409 = await t.http.get(url('/months/2025-04/preview')).set('Authorization', ex.tokens.host).expect(409);
    expect(again409.body.code).toBe('month_already_closed');
  });

  it('figures changed since the preview: the close with its token is refused (409 preview_out_of_date) and writes nothing; a fresh preview closes', async () => {
    const preview = (await t.http.get(url('/months/2025-05/preview')).set('Authorization', ex.tokens.host).expect(200)).body as MonthPreviewView;
    const cost = await t.http
      .post(url('/costs'))
      .set('Authorization', ex.tokens.host)
      .send({ month: '2025-05', category: 'operating', amount: '120.00', serviceLineId: ex.line.FIN, description: 'Late invoice' })
      .expect(201);
    expect(cost.body.id).toBeDefined();
    const before = await counts();
    const refused = await t.http.post(url('/months/2025-05/close')).set('Authorization', ex.tokens.host).send({ previewToken: preview.previewToken }).expect(409);
    expect(refused.body.code).toBe('preview_out_of_date');
    expect(refused.body.errors).toEqual([{ field: 'previewToken', message: 'the figures changed since this preview' }]);
    expect(await counts()).toEqual(before);

    const fresh = (await t.http.get(url('/months/2025-05/preview')).set('Authorization', ex.tokens.host).expect(200)).body as MonthPreviewView;
    expect(fresh.previewToken).not.toBe(preview.previewToken);
    const a = (m: MonthPreviewView) => m.items.find((i) => i.organisationId === ex.org.A)!.statement.operating;
    expect(a(fresh)).not.toBe(a(preview));
    const bad = await t.http.post(url('/months/2025-05/close')).set('Authorization', ex.tokens.host).send({ previewToken: 'not-a-token' }).expect(400);
    expect(bad.body.errors[0].field).toBe('previewToken');
    const closed = (await t.http.post(url('/months/2025-05/close')).set('Authorization', ex.tokens.host).send({ previewToken: fresh.previewToken }).expect(201))
      .body as ClosedMonthView;
    expect(closed.items.map((i) => [i.organisationId, i.contentHash, i.statement])).toEqual(fresh.items.map((i) => [i.organisationId, i.contentHash, i.statement]));
  });
});
