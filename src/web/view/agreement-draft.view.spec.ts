import type { AgreementVersionView } from '../../agreements/dto';
import type { DecisionView } from '../../decisions/dto';
import {
  agreementDecisions,
  checkPageView,
  draftErrors,
  draftPageView,
  fieldIdOf,
  formFromVersion,
  hostConfirmation,
  hostPart,
  plainMessage,
  readDraftForm,
  termComparison,
  withdrawPageView,
  type DraftOptions,
} from './agreement-draft.view';

const HOST = '00000000-0000-4000-8000-000000000001';
const RIVERSIDE = '00000000-0000-4000-8000-000000000002';
const HILLCREST = '00000000-0000-4000-8000-000000000003';
const PAY = '00000000-0000-4000-8000-0000000000aa';
const HR = '00000000-0000-4000-8000-0000000000bb';

const coop: DraftOptions = {
  model: 'cooperative',
  lines: [
    { id: HR, name: 'HR', recipientIds: null },
    { id: PAY, name: 'Payroll', recipientIds: null },
  ],
  members: [
    { id: HILLCREST, name: 'Hillcrest Mental Health' },
    { id: HOST, name: 'North Vale Hospitals' },
    { id: RIVERSIDE, name: 'Riverside Community Trust' },
  ],
  defaultMonth: '2025-10',
};
const commercial: DraftOptions = { ...coop, model: 'commercial', lines: [coop.lines[0], { id: PAY, name: 'Payroll', recipientIds: [RIVERSIDE] }] };
const names = {
  organisations: { [HOST]: 'North Vale Hospitals', [RIVERSIDE]: 'Riverside Community Trust', [HILLCREST]: 'Hillcrest Mental Health' },
  serviceLines: { [PAY]: 'Payroll', [HR]: 'HR' },
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
    fixedShares: {},
    managementFeePercent: '2.5',
    exit,
    createdAt: new Date('2025-04-01T09:00:00Z'),
    updatedAt: new Date('2025-04-01T09:00:00Z'),
    approvedAt: null,
    approvedBy: null,
    proposedAt: null,
    decidedAt: null,
    voters: [],
    votes: [],
    ...o,
  };
}

/** The form's fields as posted (every input, blanks included). */
const posted = (o: Record<string, string>) => ({
  _csrf: 't',
  revision: '',
  effectiveFrom: '',
  'effectiveFrom-year': '',
  decisionRule: 'unanimous',
  managementFeePercent: '2.5',
  basis: 'turnover',
  [`serviceLineBases-${HR}`]: '',
  [`serviceLineBases-${PAY}`]: 'activity',
  [`fixedShares-${HILLCREST}`]: '',
  [`fixedShares-${HOST}`]: '',
  [`fixedShares-${RIVERSIDE}`]: '',
  'exit-noticeMonths': '6',
  'exit-minimumTermMonths': '36',
  'exit-earlyTerminationPercent': '25',
  'exit-strandedCostMonths': '12',
  'exit-fixedCostPercent': '40',
  'exit-amortisationMonths': '60',
  ...o,
});

describe('the draft form', () => {
  it('starts from the terms in force (no month: the service chooses), or from the draft with its month and revision', () => {
    const f = formFromVersion(version({}), coop, false);
    expect(f).toMatchObject({ revision: '', effectiveFromMonth: '', effectiveFromYear: '', decisionRule: 'unanimous', managementFeePercent: '2.5', basis: 'turnover' });
    expect(f.serviceLineBases).toEqual({ [PAY]: 'activity' });
    expect(f.exit).toEqual({
      noticeMonths: '6',
      minimumTermMonths: '36',
      earlyTerminationPercent: '25',
      strandedCostMonths: '12',
      fixedCostPercent: '40',
      amortisationMonths: '60',
    });
    const d = formFromVersion(version({ status: 'draft', version: 3, revision: 4, effectiveFrom: '2026-01' }), coop, true);
    expect([d.revision, d.effectiveFromMonth, d.effectiveFromYear]).toEqual(['4', '1', '2026']);
    expect(formFromVersion(null, commercial, false)).toMatchObject({ decisionRule: 'host', managementFeePercent: '', exitCharges: [] });
  });

  it('reads a co-operative form into the body of PUT …/agreement: numbers for months, blanks left out, "%" dropped', () => {
    const { request, form } = readDraftForm(
      posted({
        effectiveFrom: '1',
        'effectiveFrom-year': '2026',
        managementFeePercent: ' 3 % ',
        basis: 'fixed',
        [`fixedShares-${HOST}`]: '60',
        [`fixedShares-${RIVERSIDE}`]: '40%',
        'exit-noticeMonths': '9',
        'exit-amortisationMonths': '',
      }),
      coop,
    );
    expect(request).toEqual({
      model: 'cooperative',
      effectiveFrom: '2026-01',
      decisionRule: 'unanimous',
      basis: 'fixed',
      managementFeePercent: '3',
      serviceLineBases: { [PAY]: 'activity' },
      fixedShares: { [HOST]: '60', [RIVERSIDE]: '40' },
      exit: { minimumTermMonths: 36, noticeMonths: 9, strandedCostMonths: 12, earlyTerminationPercent: '25', fixedCostPercent: '40' },
    });
    // what was typed is kept for the form
    expect(form.managementFeePercent).toBe(' 3 % ');
    expect(form.fixedShares[RIVERSIDE]).toBe('40%');
  });

  it('sends what is not a whole number as typed, for the API to name it; a month left blank is the service default', () => {
    const { request } = readDraftForm(posted({ 'exit-noticeMonths': '1.5', effectiveFrom: '13', 'effectiveFrom-year': '2026' }), coop);
    expect((request.exit as Record<string, unknown>).noticeMonths).toBe('1.5');
    expect(request.effectiveFrom).toBe('2026-13');
    expect(readDraftForm(posted({}), coop).request.effectiveFrom).toBeUndefined();
  });

  it('reads a commercial form: prices per member and line it receives, exit charges by row (blank rows skipped)', () => {
    const { request, sent } = readDraftForm(
      {
        decisionRule: 'host',
        [`prices-${HILLCREST}-${HR}`]: '£1,200,000.00',
        [`prices-${HOST}-${HR}`]: '',
        [`prices-${RIVERSIDE}-${HR}`]: '900000',
        [`prices-${RIVERSIDE}-${PAY}`]: '50000.50',
        'exit-noticeMonths': '6',
        'exitCharges-0-contractYear': '',
        'exitCharges-0-amount': '',
        'exitCharges-1-contractYear': '1',
        'exitCharges-1-amount': '£120,000',
        'exitCharges-2-contractYear': 'two',
        'exitCharges-2-amount': '60000',
      },
      commercial,
    );
    expect(request).toEqual({
      model: 'commercial',
      decisionRule: 'host',
      prices: [
        { organisationId: HILLCREST, serviceLineId: HR, annualPrice: '1200000.00' },
        { organisationId: RIVERSIDE, serviceLineId: HR, annualPrice: '900000' },
        { organisationId: RIVERSIDE, serviceLineId: PAY, annualPrice: '50000.50' },
      ],
      exit: {
        noticeMonths: 6,
        exitChargeSchedule: [
          { contractYear: 1, amount: '120000' },
          { contractYear: 'two', amount: '60000' },
        ],
      },
    });
    expect(sent).toEqual({ prices: [`${HILLCREST}-${HR}`, `${RIVERSIDE}-${HR}`, `${RIVERSIDE}-${PAY}`], exitCharges: [1, 2] });
    // Payroll goes to Riverside only: no price for the others
    expect(draftPageView(pageInput(commercial)).prices.map((p) => p.id)).toEqual([
      `prices-${HILLCREST}-${HR}`,
      `prices-${HOST}-${HR}`,
      `prices-${RIVERSIDE}-${HR}`,
      `prices-${RIVERSIDE}-${PAY}`,
    ]);
  });
});

describe("the API's errors on the form's fields", () => {
  const none = { prices: [], exitCharges: [] };

  it('maps every field the API names to the id of its input', () => {
    const sent = { prices: [`${RIVERSIDE}-${HR}`, `${RIVERSIDE}-${PAY}`], exitCharges: [1, 2] };
    const cases: [string, string | null][] = [
      ['effectiveFrom', 'effectiveFrom'],
      ['decisionRule', 'decisionRule'],
      ['basis', 'basis'],
      ['managementFeePercent', 'managementFeePercent'],
      ['serviceLineBases', `serviceLineBases-${HR}`],
      [`serviceLineBases.${PAY}`, `serviceLineBases-${PAY}`],
      ['serviceLineBases.not-a-line', null],
      ['fixedShares', `fixedShares-${HILLCREST}`],
      [`fixedShares.${RIVERSIDE}`, `fixedShares-${RIVERSIDE}`],
      ['exit', 'exit-noticeMonths'],
      ['exit.noticeMonths', 'exit-noticeMonths'],
      ['exit.earlyTerminationPercent', 'exit-earlyTerminationPercent'],
      ['exit.amortisationMonths', 'exit-amortisationMonths'],
      ['prices.1.annualPrice', `prices-${RIVERSIDE}-${PAY}`],
      ['prices.0', `prices-${RIVERSIDE}-${HR}`],
      ['prices', `prices-${RIVERSIDE}-${HR}`],
      ['exit.exitChargeSchedule.1.amount', 'exitCharges-2-amount'],
      ['exit.exitChargeSchedule.0', 'exitCharges-1-contractYear'],
      ['exit.exitChargeSchedule', 'exitCharges-0-contractYear'],
      ['model', null],
      ['If-Match', null],
    ];
    for (const [field, id] of cases) expect([field, fieldIdOf(field, coop, sent)]).toEqual([field, id]);
  });

  it("puts the API's words in plain English about the field's label", () => {
    expect(plainMessage('managementFeePercent', 'managementFeePercent must be a decimal (string or number) with at most four decimals', 'The management fee')).toBe(
      'The management fee must be a number with up to 4 decimal places, like 2.5',
    );
    expect(plainMessage('exit.noticeMonths', 'noticeMonths must not be greater than 120', 'The notice to leave')).toBe('The notice to leave must be 120 or less');
    expect(plainMessage('exit.minimumTermMonths', 'minimumTermMonths is required', 'The minimum term')).toBe('Enter the minimum term');
    expect(plainMessage('managementFeePercent', 'managementFeePercent is required in a cooperative agreement (0 for none)', 'The management fee')).toBe(
      'Enter the management fee (0 for none)',
    );
    expect(plainMessage('fixedShares', 'the fixed shares must sum to exactly 100 (they sum to 90)', 'x')).toBe('The fixed shares must add up to exactly 100% (they add up to 90%)');
    expect(plainMessage('effectiveFrom', 'must be 2025-10 or later', 'The month it takes effect')).toBe('The month it takes effect must be October 2025 or later');
    expect(plainMessage('effectiveFrom', 'effectiveFrom must be a month YYYY-MM', 'The month it takes effect')).toBe(
      'The month it takes effect must be a real month and year, like 10 and 2025',
    );
    expect(plainMessage('decisionRule', 'decisionRule must be one of the following values: unanimous, majority, host', 'How the members decide')).toBe(
      'Select how the members decide',
    );
    expect(plainMessage('decisionRule', 'in a co-operative the members decide (each partner has an equal say): unanimous or majority', 'How the members decide')).toBe(
      'In a co-operative the members decide (each partner has an equal say): unanimous or majority',
    );
    expect(plainMessage('prices.0.annualPrice', 'annualPrice must be a non-negative amount as a string with at most two decimals, e.g. "1234.50"', 'The annual price')).toBe(
      'The annual price must be an amount in pounds, like 1200000.00',
    );
  });

  it('lists each field once, what it must be before its range, in the order the API gave them; a field the form lacks links to the form', () => {
    const e = draftErrors(
      [
        { field: 'effectiveFrom', message: 'effectiveFrom must be a month YYYY-MM' },
        { field: 'exit.noticeMonths', message: 'noticeMonths must not be greater than 120' },
        { field: 'exit.noticeMonths', message: 'noticeMonths must not be less than 0' },
        { field: 'exit.noticeMonths', message: 'noticeMonths must be an integer number' },
        { field: 'model', message: 'a cooperative consortium needs a cooperative agreement' },
      ],
      coop,
      none,
    );
    expect(e.links).toEqual([
      { href: '#effectiveFrom', text: 'The month it takes effect must be a real month and year, like 10 and 2025' },
      { href: '#exit-noticeMonths', text: 'The notice to leave must be a whole number' },
      { href: '#draft-form', text: 'A cooperative consortium needs a cooperative agreement' },
    ]);
    expect(e.byId).toEqual({
      effectiveFrom: 'The month it takes effect must be a real month and year, like 10 and 2025',
      'exit-noticeMonths': 'The notice to leave must be a whole number',
    });
  });

  it("names a line's basis, a member's share and a price by their names", () => {
    const e = draftErrors(
      [
        { field: `serviceLineBases.${PAY}`, message: 'the basis must be one of equal, turnover, headcount, fixed, activity' },
        { field: `fixedShares.${RIVERSIDE}`, message: `fixedShares.${RIVERSIDE} must be between 0 and 100` },
      ],
      coop,
      none,
    );
    expect(e.links.map((l) => l.text)).toEqual(['Select the basis for Payroll', 'The fixed share of Riverside Community Trust must be between 0 and 100']);
  });
});

function pageInput(o: DraftOptions) {
  return { consortiumId: 'c1', options: o, form: formFromVersion(null, o, false), errors: {}, draft: null, inForce: null, nextVersion: 1, refusal: null };
}

describe('the draft page', () => {
  it('says which version the form drafts, and puts each error on its field', () => {
    const inForce = version({});
    const form = formFromVersion(inForce, coop, false);
    const v = draftPageView({
      ...pageInput(coop),
      form,
      inForce,
      nextVersion: 3,
      errors: { 'exit-noticeMonths': 'The notice to leave must be a whole number', basis: 'Select how costs are shared' },
    });
    expect(v.status).toBe('There is no draft. The form starts from version 1, the terms in force; saving it creates the draft of version 3.');
    expect(v.version).toBe(3);
    expect(v.checkHref).toBeNull();
    expect(v.exit.find((x) => x.id === 'exit-noticeMonths')).toMatchObject({ value: '6', error: 'The notice to leave must be a whole number', suffix: 'months' });
    expect(v.basis.error).toBe('Select how costs are shared');
    expect(v.basis.options.map((x) => [x.id, x.checked])).toEqual([
      ['basis', false],
      ['basis-turnover', true],
      ['basis-headcount', false],
      ['basis-fixed', false],
    ]);
    expect(v.decisionRule.options.map((x) => x.value)).toEqual(['unanimous', 'majority']);
    expect(v.lines.map((l) => [l.id, l.options.find((x) => x.selected)!.value])).toEqual([
      [`serviceLineBases-${HR}`, ''],
      [`serviceLineBases-${PAY}`, 'activity'],
    ]);
    expect(v.effectiveFrom.hint).toContain('Leave it blank for October 2025.');
    expect(v.exitCharges).toHaveLength(3);
    const d = draftPageView({ ...pageInput(coop), draft: version({ status: 'draft', version: 3 }), nextVersion: 4 });
    expect([d.version, d.checkHref]).toEqual([3, '/consortium/c1/agreement/draft/check']);
  });
});

describe('the draft beside the terms in force', () => {
  it('lists every term, the ones that differ marked', () => {
    const rows = termComparison(
      [
        { key: 'fee', label: 'Fee', value: '2.5%' },
        { key: 'basis', label: 'Basis', value: 'Turnover' },
        { key: 'gone', label: 'Gone', value: 'x' },
      ],
      [
        { key: 'fee', label: 'Fee', value: '3%' },
        { key: 'basis', label: 'Basis', value: 'Turnover' },
        { key: 'new', label: 'New', value: 'y' },
      ],
    );
    expect(rows).toEqual([
      { key: 'fee', label: 'Fee', inForce: '2.5%', draft: '3%', changed: true },
      { key: 'basis', label: 'Basis', inForce: 'Turnover', draft: 'Turnover', changed: false },
      { key: 'new', label: 'New', inForce: 'None', draft: 'y', changed: true },
      { key: 'gone', label: 'Gone', inForce: 'x', draft: 'None', changed: true },
    ]);
  });

  it('offers the proposal, or says why not (a version before the members)', () => {
    const draft = version({ status: 'draft', version: 3, revision: 2, managementFeePercent: '3', effectiveFrom: '2026-01' });
    const input = { consortiumId: 'c1', draft, inForce: version({}), pending: null, names, saved: true, archived: false, refusal: null };
    const v = checkPageView(input);
    expect(v.confirmation?.heading).toBe('The draft of version 3 was saved');
    expect(v.rows.filter((r) => r.changed).map((r) => [r.key, r.inForce, r.draft])).toEqual([
      ['effectiveFrom', 'April 2025', 'January 2026'],
      ['managementFeePercent', '2.5% of operating costs', '3% of operating costs'],
    ]);
    expect(v.summary).toBe('2 terms differ from the terms in force: marked "Changed" below.');
    expect(v.propose).toMatchObject({ action: '/consortium/c1/agreement/propose', revision: '2', button: 'Propose version 3 to the members' });
    expect(v.blocked).toBeNull();
    const blocked = checkPageView({ ...input, pending: version({ status: 'proposed', version: 2 }) });
    expect(blocked.propose).toBeNull();
    expect(blocked.blocked).toBe('Version 2 is before the members. Wait for their decision, or withdraw it, before you propose version 3.');
    expect(blocked.withdrawHref).toBe('/consortium/c1/agreement/withdraw');
  });

  it('asks before withdrawing', () => {
    const v = withdrawPageView(
      'c1',
      version({
        status: 'proposed',
        version: 2,
        effectiveFrom: '2025-10',
        voters: [
          { organisationId: HOST, organisationName: 'North Vale Hospitals', vote: 'approve' },
          { organisationId: RIVERSIDE, organisationName: 'Riverside Community Trust', vote: null },
        ],
      }),
    );
    expect(v.heading).toBe('Withdraw version 2?');
    expect(v.body).toBe('Version 2 was proposed to take effect from October 2025. 1 of 2 members have voted on it.');
    expect(v.version).toBe('2');
  });
});

describe("the host's part of the agreement page", () => {
  const d = (id: string, kind: string, at: string, summary: string): DecisionView => ({
    id,
    consortiumId: 'c1',
    at: new Date(at),
    kind,
    summary,
    actorUserId: null,
    actorOrganisationId: HOST,
    actorOrganisationName: 'North Vale Hospitals',
    actorRole: 'host_admin',
    subject: {},
  });

  it('lists the decisions about the agreement, newest first, and the latest decision', () => {
    const log = agreementDecisions([
      d('1', 'agreement_proposed', '2025-11-01T10:00:00Z', 'Version 3 proposed'),
      d('2', 'vote_cast', '2025-11-02T10:00:00Z', 'North Vale Hospitals approved version 3'),
      d('3', 'month_closed', '2025-11-03T10:00:00Z', 'October closed'),
      d('4', 'agreement_approved', '2025-11-04T10:00:00Z', 'Version 3 approved by the members (unanimously)'),
    ]);
    expect(log.rows.map((r) => [r.id, r.tag.text, r.on])).toEqual([
      ['4', 'Approved', '4 November 2025'],
      ['2', 'Vote', '2 November 2025'],
      ['1', 'Proposed', '1 November 2025'],
    ]);
    expect(log.latest).toBe('Version 3 approved by the members (unanimously) (4 November 2025).');
  });

  it('links the draft, or a new one, and the withdrawal while a version is proposed', () => {
    const h = hostPart({
      consortiumId: 'c1',
      versions: [version({}), version({ version: 2, status: 'proposed' }), version({ version: 3, status: 'draft' })],
      decisions: [],
      archived: false,
    });
    expect(h.draft).toEqual({ href: '/consortium/c1/agreement/draft', text: 'Change the draft of version 3', checkHref: '/consortium/c1/agreement/draft/check', version: 3 });
    expect(h.withdraw).toEqual({ href: '/consortium/c1/agreement/withdraw', text: 'Withdraw version 2' });
    const none = hostPart({ consortiumId: 'c1', versions: [version({})], decisions: [], archived: false });
    expect([none.draft?.text, none.withdraw]).toEqual(['Change the terms: start a draft', null]);
    expect(hostPart({ consortiumId: 'c1', versions: [version({})], decisions: [], archived: true }).draft).toBeNull();
  });

  it('says the version was proposed or withdrawn only when it was', () => {
    const versions = [version({ version: 2, status: 'rejected' }), version({ version: 3, status: 'proposed' })];
    expect(hostConfirmation(versions, 3, null)?.heading).toBe('Version 3 was proposed to the members');
    expect(hostConfirmation(versions, null, 2)?.heading).toBe('Version 2 was withdrawn');
    expect(hostConfirmation(versions, null, 3)).toBeNull();
    expect(hostConfirmation(versions, 9, null)).toBeNull();
  });
});
