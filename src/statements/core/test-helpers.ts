/** Small builders for the core's unit tests (not used by production code). */
import type { CooperativeTerms, LedgerInput, MemberInput } from './types';

export function member(id: string, over: Partial<MemberInput> = {}): MemberInput {
  return {
    organisationId: id,
    name: `Org ${id}`,
    annualTurnover: '100000000.00',
    headcount: '1000',
    joinedOn: '2025-04-01',
    leftOn: null,
    isHost: false,
    ...over,
  };
}

export function coopTerms(over: Partial<CooperativeTerms> = {}): CooperativeTerms {
  return { model: 'cooperative', basis: 'equal', serviceLineBases: {}, fixedShares: {}, managementFeePercent: '0', ...over };
}

/** Three equal members (A host), one service line S received by all, nothing else. */
export function ledgerInput(over: Partial<LedgerInput> = {}): LedgerInput {
  return {
    members: [member('A', { isHost: true }), member('B'), member('C')],
    serviceLines: [{ id: 'S', code: 'SVC', recipientIds: null }],
    terms: coopTerms(),
    costs: [],
    activity: [],
    baselines: [],
    credits: [],
    ...over,
  };
}
