import type { TestApp } from './app';
import type { World } from './world';

const BODY = {
  model: 'cooperative',
  basis: 'equal',
  managementFeePercent: '2.5',
  exit: { minimumTermMonths: 36, noticeMonths: 6, earlyTerminationPercent: '25', strandedCostMonths: 12, fixedCostPercent: '40', amortisationMonths: 60 },
};

/** A fresh proposed agreement version of a co-operative consortium (any earlier proposal withdrawn), made by the admin; resolves with its number. */
export async function freshProposal(t: TestApp, w: World, consortiumId: string): Promise<number> {
  const admin = w.tokens.admin!;
  const base = `/api/v1/consortia/${consortiumId}/agreement`;
  const versions = await t.http.get(`${base}/versions`).set('Authorization', admin);
  if ((versions.body.items as { status: string }[]).some((v) => v.status === 'proposed')) await t.http.post(`${base}/withdraw`).set('Authorization', admin).expect(200);
  const draft = await t.http.get(`${base}/draft`).set('Authorization', admin);
  const put = t.http.put(base).set('Authorization', admin);
  if (draft.status === 200) void put.set('If-Match', String(draft.body.revision));
  const d = await put.send(BODY);
  if (d.status !== 200) throw new Error(`draft agreement: ${d.status} ${JSON.stringify(d.body)}`);
  const p = await t.http.post(`${base}/propose`).set('Authorization', admin);
  if (p.status !== 200) throw new Error(`propose: ${p.status} ${JSON.stringify(p.body)}`);
  return p.body.version as number;
}
