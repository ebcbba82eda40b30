import type { ServiceLineView } from '../../service-lines/dto';
import { lineErrorsFromService, lineFormOf, readLineForm, recipientsText, serviceLinesListView } from './service-lines.view';

const RIV = 'a0000000-0000-4000-8000-000000000000';
const HILL = 'c0000000-0000-4000-8000-000000000000';
const names = { [RIV]: 'Riverside', [HILL]: 'Hillcrest' };
const line = (code: string, name: string, recipientIds: string[] | null, goLive = '2027-04'): ServiceLineView => ({
  id: `id-${code}`,
  consortiumId: 'k',
  code,
  name,
  function: code === 'PAY' ? 'payroll' : 'finance',
  classification: 'transactional',
  recipientIds,
  goLive,
});

describe('service lines', () => {
  it('lists lines by code with the recipients by name', () => {
    const v = serviceLinesListView({
      consortiumId: 'k',
      lines: [line('PAY', 'Payroll', null), line('FIN', 'Finance', [RIV, HILL], '2027-06')],
      names,
      manages: true,
      done: { added: 'id-FIN' },
    });
    expect(v.lines.map((l) => [l.code, l.name, l.function, l.classification, l.goLive, l.recipients, l.editHref])).toEqual([
      ['FIN', 'Finance', 'Finance', 'Transactional', 'June 2027', 'Riverside, Hillcrest', '/consortium/k/service-lines/id-FIN/edit'],
      ['PAY', 'Payroll', 'Payroll', 'Transactional', 'April 2027', 'Every member', '/consortium/k/service-lines/id-PAY/edit'],
    ]);
    expect(v.confirmation).toEqual({ heading: 'Finance has been added', body: 'It goes live in June 2027.' });
    expect(serviceLinesListView({ consortiumId: 'k', lines: [], names, manages: false, done: {} })).toMatchObject({ addHref: null, none: true });
    expect(recipientsText([RIV, 'gone'], names)).toBe('Riverside, a former member');
  });

  it('reads the add form: every mistake by field, then the API request', () => {
    const members = new Set([RIV, HILL]);
    expect(readLineForm({}, members, false).errors).toEqual({
      name: 'Enter the name of the service line',
      code: 'Enter a short code for the service line, for example PAY',
      function: 'Select the function of the service line',
      classification: 'Select the kind of work',
      recipients: 'Select who receives the service line',
    });
    expect(
      readLineForm({ name: 'x', code: 'pay roll', function: 'hr', classification: 'strategic', recipients: 'chosen', 'goLive-month': '13', 'goLive-year': '2027' }, members, false)
        .errors,
    ).toEqual({
      code: 'The code must be 1 to 20 capital letters, digits, hyphens or underscores, starting with a letter or digit',
      'goLive-month': 'The go-live month must be a real month, for example 4 2026',
      recipientIds: 'Select at least one member, or choose every member',
    });
    const ok = readLineForm(
      { name: ' Payroll ', code: 'pay', function: 'payroll', classification: 'transactional', recipients: 'chosen', recipientIds: [RIV, RIV, 'stranger'] },
      members,
      false,
    );
    expect(ok.create).toEqual({ code: 'PAY', name: 'Payroll', function: 'payroll', classification: 'transactional', recipientIds: [RIV] });
    const all = readLineForm(
      { name: 'Payroll', code: 'PAY', function: 'payroll', classification: 'transactional', recipients: 'all', 'goLive-month': '5', 'goLive-year': '2027' },
      members,
      false,
    );
    expect(all.create).toEqual({ code: 'PAY', name: 'Payroll', function: 'payroll', classification: 'transactional', goLive: '2027-05' });
  });

  it('reads the change form (go-live required) and opens it filled', () => {
    const members = new Set([RIV]);
    expect(readLineForm({ name: 'P', recipients: 'all' }, members, true).errors).toEqual({ 'goLive-month': 'Enter the go-live month' });
    expect(readLineForm({ name: 'P', recipients: 'all', 'goLive-month': '7', 'goLive-year': '2027' }, members, true).update).toEqual({
      name: 'P',
      goLive: '2027-07',
      recipientIds: null,
    });
    expect(lineFormOf(line('FIN', 'Finance', [RIV], '2027-06'))).toMatchObject({ goLive: { month: '6', year: '2027' }, recipients: 'chosen', recipientIds: [RIV] });
  });

  it("puts the service's refusals beside their fields, with names for ids", () => {
    expect(
      lineErrorsFromService(
        [
          { field: 'goLive', message: '2027-04 is closed: go-live can only move between months after 2027-05' },
          { field: 'recipientIds.0', message: `${RIV} was a member in months up to 2027-05, which are closed: it can be added only by a new service line` },
          { field: 'code', message: 'already used in this consortium' },
        ],
        names,
      ),
    ).toEqual({
      'goLive-month': '2027-04 is closed: go-live can only move between months after 2027-05.',
      recipientIds: 'Riverside was a member in months up to 2027-05, which are closed: it can be added only by a new service line.',
      code: 'Already used in this consortium.',
    });
  });
});
