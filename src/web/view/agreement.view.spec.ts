import type { AgreementVersionView } from '../../agreements/dto';
import type { AgreementImpactView } from '../../statements/dto';
import { agreementView, formatDifference, readVoteForm, termChanges, termRows, voteErrorLinks, type AgreementPageInput } from './agreement.view';

const HOST = '00000000-0000-4000-8000-000000000001';
const RIVERSIDE = '00000000-0000-4000-8000-000000000002';
const HILLCREST = '00000000-0000-4000-8000-000000000003';
const PAY = '00000000-0000-4000-8000-0000000000aa';

const names = {
  organisations: { [HOST]: 'North Vale Hospitals', [RIVERSIDE]: 'Riverside Community Trust', [HILLCREST]: 'Hillcrest Mental Health' },
  serviceLines: { [PAY]: 'Payroll' },
};

const exit = { minimumTermMonths: 36, noticeMonths: 6, earlyTerminationPercent: '25', strandedCostMonths: 12, fixedCostPercent: '40', amortisationMonths: 60 };

function version(o: Partial<AgreementVersionView>): AgreementVersionView {
  return {
    consortiumId: 'c1',
    version: 1,
    status: 'approved',
    effectiveFrom: '2025-04',
    decisionRule: 'unanimous',
    inForce: true,
    revision: 1,
    model: 'cooperative',
    basis: 'turnover',
    serviceLineBases: { [PAY]: 'activity' },
    managementFeePercent: '2.5',
    exit,
    createdAt: new Date('2025-04-01T09:00:00Z'),
    updatedAt: new Date('2025-04-01T09:00:00Z'),
    approvedAt: new Date('2025-04-02T09:00:00Z'),
    approvedBy: null,
    proposedAt: new Date('2025-04-01T10:00:00Z'),
    decidedAt: new Date('2025-04-02T09:00:00Z'),
    voters: [],
    votes: [],
    ...o,
  };
}

const v1 = version({});
const v2 = version({
  version: 2,
  status: 'proposed',
  effectiveFrom: '2025-10',
  inForce: false,
  managementFeePercent: '2.75',
  approvedAt: null,
  decidedAt: null,
  proposedAt: new Date('2025-09-03T10:00:00Z'),
  voters: [
    { organisationId: HOST, organisationName: 'North Vale Hospitals', vote: null },
    { organisationId: RIVERSIDE, organisationName: 'Riverside Community Trust', vote: 'approve' },
    { organisationId: HILLCREST, organisationName: 'Hillcrest Mental Health', vote: null },
  ],
  votes: [
    { organisationId: RIVERSIDE, organisationName: 'Riverside Community Trust', vote: 'object', comment: 'First thoughts', castAt: new Date('2025-09-04T10:00:00Z') },
    { organisationId: RIVERSIDE, organisationName: 'Riverside Community Trust', vote: 'approve', comment: 'Agreed at our board', castAt: new Date('2025-09-05T10:00:00Z') },
  ],
});

const statement = (organisationId: string, fee: string, charge: string) => ({
  organisationId,
  from: '2025-07',
  to: '2025-09',
  operating: '160399.43',
  fee,
  investment: '18750.00',
  sharedRisk: '0.00',
  attributedRisk: '0.00',
  credits: '-448.60',
  charge,
  baseline: '204414.00',
  savings: '0.00',
  savingsPercent: null,
  serviceLines: [],
  months: [],
});

const impact: AgreementImpactView = {
  version: 2,
  status: 'proposed',
  effectiveFrom: '2025-10',
  from: '2025-07',
  to: '2025-09',
  items: [
    {
      organisationId: RIVERSIDE,
      organisationName: 'Riverside Community Trust',
      current: statement(RIVERSIDE, '4009.99', '182710.82'),
      proposed: statement(RIVERSIDE, '4410.98', '183111.81'),
      difference: { operating: '0.00', fee: '400.99', investment: '0.00', sharedRisk: '0.00', attributedRisk: '0.00', credits: '0.00', charge: '400.99', savings: '-400.99' },
    },
    {
      organisationId: HILLCREST,
      organisationName: 'Hillcrest Mental Health',
      current: statement(HILLCREST, '1000.00', '100000.00'),
      proposed: statement(HILLCREST, '1100.00', '100100.00'),
      difference: { operating: '0.00', fee: '100.00', investment: '0.00', sharedRisk: '0.00', attributedRisk: '0.00', credits: '0.00', charge: '100.00', savings: '-100.00' },
    },
  ],
};

function input(o: Partial<AgreementPageInput> = {}): AgreementPageInput {
  return {
    consortiumId: 'c1',
    archived: false,
    versions: [v1, v2],
    inForce: v1,
    impact,
    names,
    organisationId: RIVERSIDE,
    castsVotes: true,
    seesWholeConsortium: false,
    voted: null,
    form: null,
    refusal: null,
    ...o,
  };
}

describe('agreement page view', () => {
  it('lists the terms in force in plain English, with names, not ids', () => {
    expect(termRows(v1, names).map((r) => [r.label, r.value])).toEqual([
      ['Takes effect from', 'April 2025'],
      ['How changes are decided', 'Unanimous: every member must approve, and one objection rejects it'],
      ['Kind of agreement', 'Co-operative: costs shared among the members'],
      ['Management fee', '2.5% of operating costs'],
      ['Costs shared by', 'Annual turnover'],
      ['Payroll shared by', 'Activity (volumes of work)'],
      ['Notice to leave', '6 months'],
      ['Minimum term', '36 months from joining'],
      ['Leaving before the minimum term', '25% of the average monthly charge for each month of the minimum term left'],
      ['Stranded costs a leaving member bears', '12 months'],
      ['Part of the costs that is fixed', '40%'],
      ['Investments paid off over', '60 months'],
    ]);
    const v = agreementView(input());
    expect(v.inForce!.heading).toBe('Version 1, in force from April 2025');
  });

  it('commercial terms: prices by member and service line, the exit charge schedule', () => {
    const c = version({
      model: 'commercial',
      decisionRule: 'host',
      basis: undefined,
      serviceLineBases: undefined,
      managementFeePercent: undefined,
      prices: [{ organisationId: HILLCREST, serviceLineId: PAY, annualPrice: '1200000.00' }],
      exit: {
        noticeMonths: 3,
        exitChargeSchedule: [
          { contractYear: 2, amount: '50000.00' },
          { contractYear: 1, amount: '120000.00' },
        ],
      },
    });
    expect(
      termRows(c, names)
        .slice(2)
        .map((r) => [r.label, r.value]),
    ).toEqual([
      ['Kind of agreement', 'Commercial: agreed prices'],
      ['Price for Hillcrest Mental Health: Payroll', '£1,200,000.00 a year'],
      ['Notice to leave', '3 months'],
      ['Exit charge for leaving in contract year 1', '£120,000.00'],
      ['Exit charge for leaving in contract year 2', '£50,000.00'],
    ]);
  });

  it('what changes: only the terms that differ, term by term', () => {
    expect(termChanges(termRows(v1, names), termRows(v2, names))).toEqual([
      { key: 'effectiveFrom', label: 'Takes effect from', inForce: 'April 2025', proposed: 'October 2025' },
      { key: 'managementFeePercent', label: 'Management fee', inForce: '2.5% of operating costs', proposed: '2.75% of operating costs' },
    ]);
    // a term only one of them has
    const noLine = version({ ...v2, serviceLineBases: {} });
    expect(termChanges(termRows(v1, names), termRows(noLine, names)).map((c) => [c.label, c.inForce, c.proposed])).toEqual([
      ['Takes effect from', 'April 2025', 'October 2025'],
      ['Management fee', '2.5% of operating costs', '2.75% of operating costs'],
      ['Payroll shared by', 'Activity (volumes of work)', 'None'],
    ]);
  });

  it("what the proposal changes in the caller's organisation's charge, line by line, with the report's money format", () => {
    const p = agreementView(input()).proposal!;
    expect(p.heading).toBe('Version 2: proposed to take effect from October 2025');
    expect(p.proposedOn).toBe('3 September 2025');
    expect(p.impact!.summary).toBe(
      "Under version 2, Riverside Community Trust's charge for July to September 2025 would have been £400.99 more: £183,111.81 instead of £182,710.82.",
    );
    expect(p.impact!.rows.map((r) => [r.label, r.inForce, r.proposed, r.difference])).toEqual([
      ['Share of operating costs', '£160,399.43', '£160,399.43', 'No change'],
      ['Management fee', '£4,009.99', '£4,410.98', '£400.99 more'],
      ['Investment', '£18,750.00', '£18,750.00', 'No change'],
      ['Shared risk', '£0.00', '£0.00', 'No change'],
      ['Risk attributed to the member', '£0.00', '£0.00', 'No change'],
      ['Service credits', '−£448.60', '−£448.60', 'No change'],
    ]);
    expect(p.impact!.total).toEqual({ inForce: '£182,710.82', proposed: '£183,111.81', difference: '£400.99 more' });
    // only the partnership board (and the host) sees every member's
    expect(p.members).toBeNull();
    expect(agreementView(input({ seesWholeConsortium: true })).proposal!.members).toEqual([
      { organisationId: RIVERSIDE, name: 'Riverside Community Trust', inForce: '£182,710.82', proposed: '£183,111.81', difference: '£400.99 more' },
      { organisationId: HILLCREST, name: 'Hillcrest Mental Health', inForce: '£100,000.00', proposed: '£100,100.00', difference: '£100.00 more' },
    ]);
    expect([formatDifference('-5.00'), formatDifference('0.00'), formatDifference('1234.5')]).toEqual(['£5.00 less', 'No change', '£1,234.50 more']);
  });

  it('the votes so far: each member by name, its latest vote as a word, its comment', () => {
    const p = agreementView(input()).proposal!;
    expect(p.votes.rows.map((r) => [r.name, r.tag.text, r.castOn, r.comment, r.you])).toEqual([
      ['North Vale Hospitals', 'Not voted yet', '', '', false],
      ['Riverside Community Trust', 'Approved', '5 September 2025', 'Agreed at our board', true],
      ['Hillcrest Mental Health', 'Not voted yet', '', '', false],
    ]);
    expect(p.votes.tally).toBe('1 approved, 0 objected, 2 have not voted yet (3 members vote).');
    expect(p.votes.rule).toBe('Version 2 is approved when every member approves it; one objection rejects it.');
  });

  it("the vote form for an organisation's approvers, with its current vote; the others are told who votes", () => {
    const form = agreementView(input()).proposal!.form!;
    expect(form.action).toBe('/consortium/c1/agreement/versions/2/votes');
    expect(form.legend).toBe('Does Riverside Community Trust approve version 2?');
    expect(form.current).toBe('Riverside Community Trust has voted: it approved on 5 September 2025. You can change its vote until the version is decided.');
    expect([form.approve.checked, form.object.checked]).toEqual([true, false]);

    const partner = agreementView(input({ castsVotes: false })).proposal!;
    expect(partner.form).toBeNull();
    expect(partner.whoVotes).toBe(
      "Each member organisation's vote is cast by its administrators and board members. Ask one of Riverside Community Trust's administrators or board members to vote.",
    );
    const outsider = agreementView(
      input({
        organisationId: '00000000-0000-4000-8000-000000000009',
        names: { ...names, organisations: { ...names.organisations, '00000000-0000-4000-8000-000000000009': 'Moorland' } },
      }),
    ).proposal!;
    expect(outsider.form).toBeNull();
    expect(outsider.whoVotes).toBe("Moorland is not a member in October 2025, the version's first month, so it does not vote on it.");
    expect(agreementView(input({ archived: true })).proposal!.whoVotes).toBe('This partnership is archived: it can be read, but no votes can be cast.');
  });

  it('reads the vote form: a choice is required, the comment is optional and at most 1,000 characters', () => {
    const none = readVoteForm({ _csrf: 'x' }, 2);
    expect(none.request).toBeNull();
    expect(voteErrorLinks(none.errors)).toEqual([{ text: 'Select whether your organisation approves version 2 or objects to it', href: '#vote' }]);
    expect(readVoteForm({ vote: 'object', comment: '  Not yet  ' }, 2).request).toEqual({ vote: 'object', comment: 'Not yet' });
    expect(readVoteForm({ vote: 'approve', comment: '' }, 2).request).toEqual({ vote: 'approve' });
    const long = readVoteForm({ vote: 'approve', comment: 'x'.repeat(1001) }, 2);
    expect(voteErrorLinks(long.errors)).toEqual([{ text: 'The comment must be 1,000 characters or fewer', href: '#comment' }]);
    // the form as sent comes back with its error
    const v = agreementView(input({ form: none })).proposal!.form!;
    expect([v.voteError, v.approve.checked, v.object.checked]).toEqual(['Select whether your organisation approves version 2 or objects to it', false, false]);
  });

  it('after a vote: a success banner with the vote recorded; every version with a status in words', () => {
    const v = agreementView(input({ voted: 2 }));
    expect(v.confirmation).toEqual({ heading: "Your organisation's vote was recorded", body: 'Riverside Community Trust approved version 2.' });
    const decided = agreementView(input({ voted: 2, versions: [v1, { ...v2, status: 'approved', decidedAt: new Date('2025-09-06T10:00:00Z') }] }));
    expect(decided.confirmation!.heading).toBe("Your organisation's vote was recorded: version 2 is approved");
    expect(decided.proposal).toBeNull();
    // no banner for a version the organisation has not voted on
    expect(agreementView(input({ voted: 1 })).confirmation).toBeNull();
    expect(agreementView(input()).versions.map((x) => [x.name, x.effectiveFrom, x.fee, x.tag.text, x.decided])).toEqual([
      ['Version 2', 'October 2025', '2.75%', 'Proposed', 'Not yet'],
      ['Version 1', 'April 2025', '2.5%', 'In force', '2 April 2025'],
    ]);
  });
});
