/** Agreements for tests: the exit terms every co-operative test uses, an approved agreement, a fresh proposal. */
import type { TestApp } from './app';
import type { World } from './world';

export const EXIT = { minimumTermMonths: 36, noticeMonths: 6, earlyTerminationPercent: '25', strandedCostMonths: 12, fixedCostPercent: '40', amortisationMonths: 60 };

/** A co-operative agreement body: equal shares, a 2.5 % fee, `EXIT`, with `over` applied. */
export const coopAgreement = (over: Record<string, unknown> = {}) => ({ model: 'cooperative', basis: 'equal', managementFeePercent: '2.5', exit: EXIT, ...over });

async function putDraft(t: TestApp, admin: string, consortiumId: string, body: Record<string, unknown>): Promise<void> {
  const base = `/api/v1/consortia/${consortiumId}/agreement`;
  const draft = await t.http.get(`${base}/draft`).set('Authorization', admin);
  const d = await t.http
    .put(base)
    .set('Authorization', admin)
    .set(draft.status === 200 ? { 'If-Match': String(draft.body.revision) } : {})
    .send(body);
  if (d.status !== 200) throw new Error(`draft agreement: ${d.status} ${JSON.stringify(d.body)}`);
}

/** Terms already signed on paper: the admin writes the draft (replacing one that is there) and approves it for the partnership. */
export async function approvedAgreement(t: TestApp, w: World, consortiumId: string, over: Record<string, unknown> = {}): Promise<void> {
  const admin = w.tokens.admin!;
  await putDraft(t, admin, consortiumId, coopAgreement(over));
  const a = await t.http.post(`/api/v1/consortia/${consortiumId}/agreement/approve`).set('Authorization', admin);
  if (a.status !== 200) throw new Error(`approve agreement: ${a.status} ${JSON.stringify(a.body)}`);
}

/** A fresh proposed agreement version of a co-operative consortium (any earlier proposal withdrawn), made by the admin; resolves with its number. */
export async function freshProposal(t: TestApp, w: World, consortiumId: string): Promise<number> {
  const admin = w.tokens.admin!;
  const base = `/api/v1/consortia/${consortiumId}/agreement`;
  const versions = await t.http.get(`${base}/versions`).set('Authorization', admin);
  if ((versions.body.items as { status: string }[]).some((v) => v.status === 'proposed')) await t.http.post(`${base}/withdraw`).set('Authorization', admin).expect(200);
  await putDraft(t, admin, consortiumId, coopAgreement());
  const p = await t.http.post(`${base}/propose`).set('Authorization', admin);
  if (p.status !== 200) throw new Error(`propose: ${p.status} ${JSON.stringify(p.body)}`);
  return p.body.version as number;
}
