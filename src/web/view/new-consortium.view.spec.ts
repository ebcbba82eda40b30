import { checkRows, createRequest, firstUnanswered, hiddenFields, nextPath, readAnswers, stepErrors, stepsFor, withAnswers } from './new-consortium.view';

const HOST = '11111111-1111-4111-8111-111111111111';
const hosts = new Set([HOST]);
const full = readAnswers({ name: ' Eastfield Partnership ', deliveryModel: 'cooperative', 'startDate-day': '1', 'startDate-month': '4', 'startDate-year': '2027' });

describe('new partnership journey', () => {
  it('asks a platform administrator for the host too', () => {
    expect(stepsFor(false)).toEqual(['name', 'model', 'start']);
    expect(stepsFor(true)).toEqual(['name', 'host', 'model', 'start']);
  });

  it("names each step's mistakes in plain English", () => {
    const none = readAnswers({});
    expect(stepErrors('name', none, hosts)).toEqual({ name: 'Enter a name for the partnership' });
    expect(stepErrors('name', { ...none, name: 'x'.repeat(201) }, hosts)).toEqual({ name: 'The name must be 200 characters or fewer' });
    expect(stepErrors('host', none, hosts)).toEqual({ hostOrganisationId: 'Select the organisation that hosts the partnership' });
    expect(stepErrors('model', { ...none, deliveryModel: 'barter' }, hosts)).toEqual({ deliveryModel: 'Select how the services are delivered' });
    expect(stepErrors('start', none, hosts)).toEqual({ 'startDate-day': 'Enter the start date' });
    expect(stepErrors('start', { ...none, startDay: '31', startMonth: '2', startYear: '2027' }, hosts)).toEqual({
      'startDate-day': 'The start date must be a real date, for example 1 4 2026',
    });
    expect(stepErrors('start', { ...none, startDay: '1', startYear: '2027' }, hosts)).toEqual({ 'startDate-day': 'The start date must include a month' });
    expect(stepErrors('start', full, hosts)).toEqual({});
  });

  it('goes to the next question, or back to "check your answers" after a change once all is answered', () => {
    const steps = stepsFor(false);
    expect(firstUnanswered(steps, full, hosts)).toBeNull();
    expect(firstUnanswered(steps, { ...full, deliveryModel: '' }, hosts)).toBe('model');
    expect(nextPath(steps, 'name', full, hosts, false)).toBe(
      '/consortium/new/model?name=+Eastfield+Partnership+&deliveryModel=cooperative&startDate-day=1&startDate-month=4&startDate-year=2027',
    );
    expect(nextPath(steps, 'name', full, hosts, true)).toMatch(/^\/consortium\/new\/check\?/);
    expect(nextPath(steps, 'name', { ...full, deliveryModel: '' }, hosts, true)).toMatch(/^\/consortium\/new\/model\?/);
    expect(nextPath(steps, 'start', full, hosts, false)).toMatch(/^\/consortium\/new\/check\?/);
    expect(withAnswers('/consortium/new', readAnswers({}))).toBe('/consortium/new');
  });

  it("carries the other steps' answers as hidden fields", () => {
    expect(hiddenFields(full, 'start')).toEqual([
      { name: 'name', value: ' Eastfield Partnership ' },
      { name: 'deliveryModel', value: 'cooperative' },
    ]);
    expect(hiddenFields(full, null)).toHaveLength(5);
  });

  it('shows the answers with their "Change" links, and makes the API request', () => {
    const rows = checkRows(stepsFor(false), full, 'North Vale Hospitals NHS Foundation Trust');
    expect(rows.map((r) => [r.label, r.value, r.href?.split('?')[0] ?? null])).toEqual([
      ['Name', 'Eastfield Partnership', '/consortium/new'],
      ['Host organisation', 'North Vale Hospitals NHS Foundation Trust', null],
      ['Delivery model', 'Co-operative', '/consortium/new/model'],
      ['Start date', '1 April 2027', '/consortium/new/start'],
    ]);
    expect(rows[0].href).toContain('return=check');
    expect(createRequest(full, HOST)).toEqual({ name: 'Eastfield Partnership', deliveryModel: 'cooperative', hostOrganisationId: HOST, startDate: '2027-04-01' });
  });
});
