import type { CostView } from '../../ledger/dto';
import {
  checkCostForm,
  correctionForm,
  costErrorLinks,
  costErrorsFromService,
  costQuery,
  costsPageView,
  emptyCostForm,
  openMonths,
  parseAmount,
  readCostFilters,
} from './costs.view';

const LINE = { id: '11111111-1111-4111-8111-111111111111', name: 'Payroll' };
const MEMBER = { id: '22222222-2222-4222-8222-222222222222', name: 'Riverside Community Health NHS Trust' };
const o = { openMonths: ['2025-09', '2025-08', '2025-07'], lines: [LINE], members: [MEMBER] };
const form = (x: Partial<ReturnType<typeof emptyCostForm>>) => ({ ...emptyCostForm('k-1'), ...x });

describe('costs view', () => {
  it('reads amounts as money strings, exactly', () => {
    expect(parseAmount('£1,234.5')).toBe('1234.50');
    expect(parseAmount('-120')).toBe('-120.00');
    expect(parseAmount('\u221233.33')).toBe('-33.33');
    expect(parseAmount('1.234')).toBeNull();
    expect(parseAmount('ten')).toBeNull();
  });

  it('checks the form: every missing field named, in page order', () => {
    const r = checkCostForm(form({}), o);
    expect(r.dto).toBeNull();
    expect(costErrorLinks(r.errors).map((e) => e.href)).toEqual(['#month', '#category-operating', '#amount', '#description']);
    expect(checkCostForm(form({ month: '2025-06', category: 'operating', amount: '0', description: 'x' }), o).errors).toEqual({
      month: 'Select an open month from the list',
      serviceLineId: 'Select the service line of an operating cost',
      amount: 'The amount must not be zero',
    });
    expect(checkCostForm(form({ month: '2025-07', category: 'investment', attributableTo: MEMBER.id, amount: '5', description: 'x' }), o).errors.attributableTo).toMatch(
      /Only a risk/,
    );
  });

  it('a valid form is the API’s request', () => {
    expect(checkCostForm(form({ month: '2025-08', category: 'operating', serviceLineId: LINE.id, amount: '£1,234.56', description: 'Agency staff' }), o).dto).toEqual({
      month: '2025-08',
      category: 'operating',
      serviceLineId: LINE.id,
      amount: '1234.56',
      description: 'Agency staff',
    });
    expect(checkCostForm(form({ month: '2025-08', category: 'risk', attributableTo: MEMBER.id, amount: '-9000', description: 'Risk' }), o).dto).toEqual({
      month: '2025-08',
      category: 'risk',
      attributableTo: MEMBER.id,
      amount: '-9000.00',
      description: 'Risk',
    });
  });

  it('maps the service’s field errors onto the form, or gives up on an unknown field', () => {
    expect(costErrorsFromService([{ field: 'month', message: '2025-06 is closed' }])).toEqual({ month: '2025-06 is closed' });
    expect(costErrorsFromService([{ field: 'Idempotency-Key', message: 'x' }])).toBeNull();
  });

  it('open months: the next to close up to this month, latest first', () => {
    expect(openMonths('2025-07', '2025-10')).toEqual(['2025-10', '2025-09', '2025-08', '2025-07']);
    expect(openMonths('2025-11', '2025-10')).toEqual([]);
  });

  const entry: CostView = {
    id: 'abcdef12-0000-4000-8000-000000000000',
    consortiumId: 'c',
    month: '2025-06',
    category: 'operating',
    amount: '30900.00',
    serviceLineId: LINE.id,
    attributableTo: null,
    description: 'PAY running costs',
    createdBy: null,
    createdAt: new Date('2025-07-02T10:00:00Z'),
  };

  it('a correction: the opposite amount in the next open month when the original’s is closed, describing the original', () => {
    expect(correctionForm(entry, { openMonths: o.openMonths, nextToClose: '2025-07', lineName: 'Payroll', idempotencyKey: 'k-2' })).toEqual({
      month: '2025-07',
      category: 'operating',
      serviceLineId: LINE.id,
      attributableTo: '',
      amount: '-30900.00',
      description: 'Correction of "PAY running costs" (June 2025, Payroll, £30,900.00, entry abcdef12)',
      idempotencyKey: 'k-2',
    });
  });

  it('filters: bad ones named and left out of the query; pages of 50', () => {
    const f = readCostFilters({ from: 'July', to: '2025-09', serviceLineId: LINE.id, page: '3' }, [LINE]);
    expect(f.errors).toEqual([{ field: 'from', message: 'Enter the first month as a year and month, like 2025-07' }]);
    expect(costQuery(f)).toEqual({ to: '2025-09', serviceLineId: LINE.id, limit: 50, offset: 100 });
    expect(readCostFilters({ from: '2025-09', to: '2025-07' }, [LINE]).errors.map((e) => e.field)).toEqual(['to']);
  });

  it('the page: totals as the API gives them, names for ids, pagination', () => {
    const v = costsPageView({
      consortiumId: 'c',
      list: { items: [entry], total: 120, totalAmount: '1234567.89' },
      filters: readCostFilters({ page: '2' }, [LINE]),
      lines: [LINE],
      members: [MEMBER],
      openMonths: o.openMonths,
      form: emptyCostForm('k'),
      errors: {},
      correcting: null,
      recorded: { entry, replayed: true },
      notice: null,
    });
    expect(v.total).toEqual({ count: 120, text: '120 entries', amount: '£1,234,567.89' });
    expect(v.rows[0]).toMatchObject({ month: 'June 2025', category: 'Operating', serviceLine: 'Payroll', amount: '£30,900.00', enteredOn: '2 July 2025' });
    expect(v.pagination).toEqual({
      show: true,
      previous: { href: '/consortium/c/costs?page=1', text: 'Page 1 of 3' },
      next: { href: '/consortium/c/costs?page=3', text: 'Page 3 of 3' },
      text: 'Page 2 of 3',
    });
    expect(v.recorded).toEqual({
      heading: 'This cost was already recorded',
      body: 'The form was sent more than once: it was recorded once. £30,900.00 for June 2025: PAY running costs',
    });
  });
});
