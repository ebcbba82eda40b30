import { planErrorLinks, planYears, readPlanForm } from './benefits.view';

const M = [
  { organisationId: 'h', organisationName: 'North Vale', isHost: true },
  { organisationId: 'r', organisationName: 'Riverside', isHost: false },
];
const YEARS = planYears('2025-04', '2026-12');

describe('the benefits plan form', () => {
  it('offers the years from the partnership’s first to the one after this', () => {
    expect(YEARS).toEqual(['2025/26', '2026/27', '2027/28']);
  });

  it('reads pounds with £ and commas, a percentage with or without %, and leaves a blank member as it is', () => {
    const r = readPlanForm(
      { financialYear: '2025/26', 'organisation-0': 'h', 'planned-0': '', 'guaranteed-0': '', 'organisation-1': 'r', 'planned-1': '£250,000.50', 'guaranteed-1': '12.5%' },
      M,
      YEARS,
    );
    expect(r.errors).toEqual({});
    expect(r.items).toEqual([{ organisationId: 'r', financialYear: '2025/26', plannedSavings: '250000.50', guaranteedPercent: '12.5' }]);
  });

  it('plain-English errors by field, linked in the order of the form; nothing to write is an error too', () => {
    const r = readPlanForm(
      { financialYear: '2030/31', 'organisation-0': 'h', 'planned-0': '12.345', 'guaranteed-0': '101', 'organisation-1': 'r', 'planned-1': '', 'guaranteed-1': '5' },
      M,
      YEARS,
    );
    expect(r.items).toEqual([]);
    expect(planErrorLinks(r.errors)).toEqual([
      { text: 'Select a financial year from the list', href: '#financial-year' },
      { text: 'Planned savings for North Vale must be an amount in pounds, like 250000 or 250000.50', href: '#planned-0' },
      { text: 'Guaranteed savings for North Vale must be a percentage between 0 and 100, like 10 or 12.5', href: '#guaranteed-0' },
      { text: 'Enter the planned savings for Riverside, or clear its guaranteed percentage', href: '#planned-1' },
    ]);
    expect(readPlanForm({ financialYear: '2025/26', 'organisation-0': 'h', 'organisation-1': 'r' }, M, YEARS).errors).toEqual({
      'planned-0': 'Enter the planned savings for at least one member',
    });
    expect(readPlanForm({ financialYear: '2025/26', 'organisation-0': 'h', 'planned-0': '-5' }, M, YEARS).errors['planned-0']).toContain('must be an amount in pounds');
  });
});
