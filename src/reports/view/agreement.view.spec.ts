import { buildAgreementView, type AgreementReportInput } from './agreement.view';

const input = (agreement: Partial<AgreementReportInput['agreement']>): AgreementReportInput => ({
  consortium: { name: 'North', deliveryModel: 'cooperative', startDate: '2025-04-01' },
  hostOrganisationId: 'A',
  members: [
    { organisationId: 'A', name: 'Alpha Trust', odsCode: null, type: 'acute_trust', joinedOn: '2025-04-01', leftOn: null },
    { organisationId: 'B', name: 'Beta Trust', odsCode: null, type: 'community_trust', joinedOn: '2025-04-01', leftOn: null },
  ],
  serviceLines: [],
  slas: [],
  agreement: { version: 2, status: 'approved', model: 'cooperative', exit: {}, createdAt: '2025-10-01', approvedAt: '2025-11-04T10:00:00Z', ...agreement },
  at: new Date('2025-11-05T10:00:00Z'),
});

describe('agreement view: how the version was decided (domain.md §13)', () => {
  it('an approval by the members lists each member’s vote with its day and comment', () => {
    const v = buildAgreementView(
      input({
        decisionRule: 'majority',
        decidedAt: '2025-11-04T10:00:00Z',
        voters: [
          { organisationId: 'A', organisationName: 'Alpha Trust', vote: 'approve' },
          { organisationId: 'B', organisationName: 'Beta Trust', vote: 'object' },
        ],
        votes: [
          { organisationId: 'B', organisationName: 'Beta Trust', vote: 'approve', comment: null, castAt: '2025-11-01T09:00:00Z' },
          { organisationId: 'A', organisationName: 'Alpha Trust', vote: 'approve', comment: 'Agreed', castAt: '2025-11-02T09:00:00Z' },
          { organisationId: 'B', organisationName: 'Beta Trust', vote: 'object', comment: 'Too dear', castAt: '2025-11-03T09:00:00Z' },
        ],
      }),
    );
    expect(v.toc.map((t) => t.title)).toContain('How this version was decided');
    expect(v.decision.text[0]).toMatch(/by a majority/);
    expect(v.decision.text[1]).toBe('Approved on 4 November 2025 by the members’ votes below.');
    // each member once, with its latest vote
    expect(v.decision.votes).toEqual([
      { organisation: 'Alpha Trust', vote: 'Approved', date: '2 November 2025', comment: 'Agreed' },
      { organisation: 'Beta Trust', vote: 'Objected', date: '3 November 2025', comment: 'Too dear' },
    ]);
  });

  it('an approval recorded by a platform admin, a rejection, a draft and the host’s decision say so', () => {
    expect(buildAgreementView(input({ decisionRule: 'unanimous', voters: [], votes: [] })).decision).toEqual({
      text: [expect.stringMatching(/unanimously/), expect.stringMatching(/^Approved on 4 November 2025 directly, for the partnership, by a platform administrator/)],
      votes: [],
      hasVotes: false,
    });
    expect(buildAgreementView(input({ status: 'rejected', proposedAt: '2025-10-02', decidedAt: '2025-10-09' })).decision.text[1]).toMatch(
      /^Proposed on 2 October 2025 and rejected on 9 October 2025/,
    );
    const draft = buildAgreementView(input({ status: 'draft', approvedAt: null })).decision;
    expect(draft.text[1]).toBe('This version has not yet been proposed to the members.');
    const pending = buildAgreementView(input({ status: 'proposed', voters: [{ organisationId: 'B', organisationName: 'Beta Trust', vote: null }], votes: [] })).decision;
    expect(pending.votes).toEqual([{ organisation: 'Beta Trust', vote: 'Not yet voted', date: '–', comment: '' }]);
    expect(buildAgreementView(input({ model: 'commercial', decisionRule: 'host', votes: [] })).decision.text).toEqual([
      'Under this commercial agreement the host decides the version.',
      'Approved on 4 November 2025 by the host.',
    ]);
  });
});
