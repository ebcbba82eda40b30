import type { ExitQuoteView } from '../../exit/dto';
import { exitErrorLinks, exitView, parsePounds, readExitForm, type ExitPageInput } from './exit.view';

describe('parsePounds', () => {
  it.each([
    ['45000', '45000.00'],
    ['45,000', '45000.00'],
    ['£45,000.5', '45000.50'],
    ['0045000.55', '45000.55'],
    ['0', '0.00'],
  ])('%s → %s', (v, out) => expect(parsePounds(v)).toBe(out));

  it.each(['-5', '12.345', 'ten', '1e5', ''])('%s is not an amount', (v) => expect(parsePounds(v)).toBeNull());
});

describe('readExitForm', () => {
  it('nothing asked: a blank form, no errors', () => {
    expect(readExitForm({})).toMatchObject({ asked: false, request: null, errors: { noticeDate: null, redundancyCosts: null } });
  });

  it('the date input and redundancy costs in pounds', () => {
    const r = readExitForm({ 'noticeDate-day': '10', 'noticeDate-month': '6', 'noticeDate-year': '2025', redundancyCosts: '45,000' });
    expect(r.request).toEqual({ noticeDate: '2025-06-10', redundancyCosts: '45000.00' });
    expect(r.form).toEqual({ day: '10', month: '6', year: '2025', redundancyCosts: '45,000' });
  });

  it('noticeDate as YYYY-MM-DD (a link), no redundancy costs', () => {
    const r = readExitForm({ noticeDate: '2025-06-10' });
    expect(r.request).toEqual({ noticeDate: '2025-06-10' });
    expect(r.form).toMatchObject({ day: '10', month: '6', year: '2025' });
  });

  it('a date that does not exist, linked to the day field', () => {
    const r = readExitForm({ 'noticeDate-day': '31', 'noticeDate-month': '2', 'noticeDate-year': '2025' });
    expect(r.request).toBeNull();
    expect(r.errors.noticeDate).toEqual({ message: 'The date notice would be given must be a real date', parts: ['day', 'month', 'year'] });
    expect(exitErrorLinks(r.errors)).toEqual([{ text: 'The date notice would be given must be a real date', href: '#noticeDate-day' }]);
  });

  it('a missing part is named and linked', () => {
    const r = readExitForm({ 'noticeDate-day': '10', 'noticeDate-month': '', 'noticeDate-year': '2025' });
    expect(r.errors.noticeDate).toEqual({ message: 'The date notice would be given must include a month', parts: ['month'] });
    expect(exitErrorLinks(r.errors)[0].href).toBe('#noticeDate-month');
  });

  it('no date at all, letters, a two-digit year, far years', () => {
    expect(readExitForm({ 'noticeDate-day': '', 'noticeDate-month': '', 'noticeDate-year': '' }).errors.noticeDate!.message).toBe('Enter the date notice would be given');
    expect(readExitForm({ 'noticeDate-day': 'ten', 'noticeDate-month': '6', 'noticeDate-year': '2025' }).errors.noticeDate!.message).toMatch(/real date, in numbers/);
    expect(readExitForm({ 'noticeDate-day': '10', 'noticeDate-month': '6', 'noticeDate-year': '25' }).errors.noticeDate).toEqual({
      message: 'The year must include 4 numbers',
      parts: ['year'],
    });
    expect(readExitForm({ noticeDate: '9999-12-31' }).errors.noticeDate!.message).toBe('The date notice would be given must be between 1 January 2000 and 31 December 2100');
  });

  it('bad redundancy costs: the error linked to the field, no request', () => {
    const r = readExitForm({ 'noticeDate-day': '10', 'noticeDate-month': '6', 'noticeDate-year': '2025', redundancyCosts: '-5' });
    expect(r.request).toBeNull();
    expect(exitErrorLinks(r.errors)).toEqual([{ text: 'Enter redundancy costs as an amount in pounds, like 45000 or 45000.50', href: '#redundancyCosts' }]);
  });
});

const quote: ExitQuoteView = {
  organisationId: 'b',
  organisationName: 'Riverside Community Health NHS Trust',
  noticeDate: '2025-06-10',
  model: 'cooperative',
  exitMonth: '2025-12',
  minimumTermEndMonth: '2028-03',
  earlyMonths: 27,
  averageMonthlyCharge: '48424.14',
  earlyTermination: '326862.94',
  strandedCosts: '232435.87',
  unrecoveredInvestment: '17871.39',
  redundancyCosts: '45000.00',
  remainingMembers: [
    { organisationId: 'a', organisationName: 'North Vale Hospitals', averageMonthlyIncrease: '44606.67' },
    { organisationId: 'c', organisationName: 'Hillcrest Mental Health', averageMonthlyIncrease: '3817.47' },
  ],
  total: '622170.20',
};

function page(o: Partial<ExitPageInput> = {}): ExitPageInput {
  return {
    consortiumId: 'c1',
    read: readExitForm({ noticeDate: '2025-06-10', redundancyCosts: '45000' }),
    refusal: null,
    quote,
    terms: { version: 1, minimumTermMonths: 36, noticeMonths: 6, earlyTerminationPercent: '25', strandedCostMonths: 12, fixedCostPercent: '40', amortisationMonths: 60 },
    organisationName: 'Riverside Community Health NHS Trust',
    members: null,
    organisationId: 'b',
    ...o,
  };
}

describe('exitView', () => {
  it('the worked example (calculation-rules §11), line by line with how each is worked out', () => {
    const q = exitView(page()).quote!;
    expect(q.rows.map((r) => [r.figure, r.amount])).toEqual([
      ['earlyTermination', '£326,862.94'],
      ['strandedCosts', '£232,435.87'],
      ['unrecoveredInvestment', '£17,871.39'],
      ['redundancyCosts', '£45,000.00'],
    ]);
    expect(q.total.amount).toBe('£622,170.20');
    expect(q.average!.amount).toBe('£48,424.14');
    expect(q.rows[0].explanation).toBe(
      '27 months of the minimum term of 36 months would be left after it leaves (the term ends in March 2028). The charge is the average monthly charge × 27 × 25%, the share of the remaining term the agreement asks a leaving member to pay.',
    );
    expect(q.rows[1].explanation).toContain('the average monthly charge × 12 months × 40%');
    expect(q.rows[2].explanation).toContain('paid off evenly over 60 months');
    expect(q.intro).toBe(
      "If Riverside Community Health NHS Trust gave notice on 10 June 2025, it would leave on 31 December 2025. The agreement asks for 6 months' notice, counted from the month notice is given (June 2025).",
    );
    expect(q.noticePeriod).toContain('about £48,424.14 a month');
    expect(q.remaining!.rows).toEqual([
      { name: 'North Vale Hospitals', increase: '£44,606.67', id: 'a' },
      { name: 'Hillcrest Mental Health', increase: '£3,817.47', id: 'c' },
    ]);
    expect(q.facts.map((f) => f.value)).toContain('Version 1 of the agreement, in force in June 2025');
  });

  it('no early termination once the minimum term has run; no redundancy costs entered', () => {
    const q = exitView(page({ quote: { ...quote, earlyMonths: 0, earlyTermination: '0.00', redundancyCosts: '0.00' } })).quote!;
    expect(q.rows[0].explanation).toBe('Nothing: the minimum term of 36 months ends in March 2028, no later than the month it would leave.');
    expect(q.rows[3].explanation).toMatch(/^None entered/);
  });

  it('a commercial quote: the exit charge of the contract year', () => {
    const q = exitView(
      page({
        quote: {
          organisationId: 'b',
          organisationName: 'B',
          noticeDate: '2025-06-10',
          model: 'commercial',
          exitMonth: '2025-06',
          contractYear: 1,
          exitCharge: '120000.00',
          total: '120000.00',
        },
        terms: { version: 1 },
      }),
    ).quote!;
    expect(q.rows).toEqual([expect.objectContaining({ label: 'Exit charge for contract year 1', amount: '£120,000.00' })]);
    expect(q.average).toBeNull();
    expect(q.remaining).toBeNull();
  });

  it('the form keeps what was typed and marks the parts at fault', () => {
    const v = exitView(page({ read: readExitForm({ 'noticeDate-day': '31', 'noticeDate-month': '2', 'noticeDate-year': '2025' }), quote: null }));
    expect(v.form.day).toEqual({ value: '31', error: true });
    expect(v.form.dateError).toBe('The date notice would be given must be a real date');
    expect(v.quote).toBeNull();
  });
});
