import { appraise } from '../../appraisals/core';
import { blankForm, checkForm, errorsFromService, formFrom, resultView, withErrors } from './appraisals.view';

const CID = '00000000-0000-4000-8000-000000000001';

describe('appraisal form', () => {
  it('a blank form has the defaults and four empty options with three one-off rows each', () => {
    const f = blankForm();
    expect([f.years, f.discountRatePercent, f.statusQuoAnnualCost]).toEqual(['10', '3.5', '']);
    expect(f.options).toHaveLength(4);
    expect(f.options[3].oneOffs.map((x) => [x.yearId, x.amountId])).toEqual([
      ['option-4-oneOff-1-year', 'option-4-oneOff-1-amount'],
      ['option-4-oneOff-2-year', 'option-4-oneOff-2-amount'],
      ['option-4-oneOff-3-year', 'option-4-oneOff-3-amount'],
    ]);
  });

  it('builds the service request from the filled options only: pounds, percentages, blanks as defaults', () => {
    const f = formFrom({
      name: ' Payroll ',
      years: '6',
      discountRatePercent: '3.5%',
      statusQuoAnnualCost: '',
      'option-2-name': 'Company',
      'option-2-deliveryModel': 'shared_services_company',
      'option-2-annualRunningCost': '£1,500,000',
      'option-2-oneOff-2-year': '1',
      'option-2-oneOff-2-amount': '60,000.5',
    });
    const r = checkForm(f, CID);
    expect(r.errors).toEqual({});
    expect(r.optionIndex).toEqual([1]);
    expect(r.dto).toEqual({
      consortiumId: CID,
      name: 'Payroll',
      years: 6,
      discountRatePercent: '3.5',
      options: [
        {
          name: 'Company',
          deliveryModel: 'shared_services_company',
          startYear: 0,
          annualRunningCost: '1500000.00',
          oneOffCosts: [{ year: 1, amount: '60000.50' }],
          optimismBiasPercent: '0',
        },
      ],
    });
  });

  it('names what the form alone can see is wrong, by field id, in the order of the form', () => {
    const f = formFrom({
      name: '',
      years: 'ten',
      discountRatePercent: '3.5',
      statusQuoAnnualCost: 'x',
      'option-1-name': 'A',
      'option-1-annualRunningCost': '1',
      'option-1-oneOff-1-amount': '5',
    });
    const r = checkForm(f, CID);
    expect(r.dto).toBeNull();
    const { links, form } = withErrors(f, r.errors);
    expect(links.map((l) => l.href)).toEqual(['#name', '#years', '#statusQuoAnnualCost', '#option-1-deliveryModel', '#option-1-oneOff-1-year']);
    expect(form.error.years).toBe('Enter the appraisal period as a whole number of years, like 10');
    expect(form.options[0].errors.deliveryModel).toBe('Choose the delivery model of option 1');
    expect(form.options[0].oneOffs[0].yearError).toBe('Enter the year of one-off cost 1 of option 1 as a whole number, like 0');
  });

  it('places the service’s errors on the form’s fields: option k of the request is the k-th filled option, one-off j its j-th filled row', () => {
    const f = formFrom({ name: 'N', years: '3', discountRatePercent: '3.5', 'option-3-name': 'X', 'option-3-oneOff-3-year': '9', 'option-3-oneOff-3-amount': '1' });
    const mapped = errorsFromService(
      [
        { field: 'options.0.startYear', message: 'startYear must be a whole number from 0 to 2' },
        { field: 'options.0.oneOffCosts.0.year', message: 'year must be a whole number from 0 to 2' },
        { field: 'years', message: 'years must be a whole number from 1 to 60' },
      ],
      f,
      [2],
    );
    expect(mapped).toEqual({
      'option-3-startYear': 'Option 3: The start year must be from 0 to 2',
      'option-3-oneOff-3-year': 'Option 3: The year of a one-off cost must be from 0 to 2',
      years: 'The appraisal period must be from 1 to 60 years',
    });
    expect(errorsFromService([{ field: 'options.5.name', message: 'x' }], f, [2])).toBeNull();
    expect(errorsFromService([{ field: 'somethingElse', message: 'x' }], f, [2])).toBeNull();
  });
});

describe('appraisal results', () => {
  it('shows the API’s figures as pounds, the preferred option first and tagged', () => {
    const result = appraise({
      years: 2,
      discountRatePercent: '10',
      statusQuoAnnualCost: '1000.00',
      options: [
        { name: 'B', deliveryModel: 'outsourcing', startYear: 0, annualRunningCost: '900.00', oneOffCosts: [], optimismBiasPercent: '0' },
        { name: 'A', deliveryModel: 'cooperative', startYear: 1, annualRunningCost: '500.00', oneOffCosts: [{ year: 0, amount: '100.00' }], optimismBiasPercent: '10' },
      ],
    });
    const v = resultView(CID, { id: 'a1', consortiumId: CID, name: 'N', createdAt: null, statusQuoFromBaselines: true, ...result });
    // A: 110 + 1000, then 500 → 1110 + 500/1.1 = 1564.55; B: 900 + 900/1.1 = 1718.18; status quo 1909.09
    expect(v.ranking.map((r) => [r.rank, r.name, r.npc, r.saving, r.payback, r.preferred])).toEqual([
      [1, 'A', '£1,564.55', '£344.55', 'Year 1', true],
      [2, 'B', '£1,718.18', '£190.91', 'Year 0', false],
    ]);
    expect(v.heads).toEqual(['Status quo', 'A', 'B']);
    expect(v.years[1]).toEqual({
      label: 'Year 1',
      factor: '0.9091',
      costs: ['£1,000.00', '£500.00', '£900.00'],
      presentValues: ['£909.09', '£454.55', '£818.18'],
      cumulative: ['£2,000.00', '£1,610.00', '£1,800.00'],
    });
    expect(v.facts[2].value).toBe('£1,000.00 (the members’ current annual baselines)');
    expect(v.pdfHref).toBe(`/consortium/${CID}/reports/appraisal.pdf?appraisalId=a1`);
  });
});
