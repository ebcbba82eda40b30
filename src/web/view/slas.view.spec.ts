import type { Kpi } from '../../kpis/kpi.model';
import type { ServiceLineView } from '../../service-lines/dto';
import type { SlaView } from '../../slas/dto';
import { kpiOptions, readRetireForm, readSlaForm, slaErrorsFromService, slaFormOf, slasListView, slaStatus, withUnitWords } from './slas.view';

const kpi = (code: string, name: string, fn: string, direction: Kpi['direction'] = 'higher_is_better', unit = 'percent'): Kpi => ({
  id: code,
  code,
  name,
  unit,
  direction,
  function: fn,
  category: 'service_level',
  description: null,
});
const KPIS = [
  kpi('PAY_ACCURACY', 'Payroll accuracy (%)', 'payroll'),
  kpi('PAY_ERRORS', 'Payroll errors', 'payroll', 'lower_is_better'),
  kpi('AP_DAYS', 'Days to pay', 'finance', 'lower_is_better', 'working_days'),
];
const byCode = new Map(KPIS.map((k) => [k.code, k]));
const PAY: ServiceLineView = {
  id: 'pay',
  consortiumId: 'k',
  code: 'PAY',
  name: 'Payroll',
  function: 'payroll',
  classification: 'transactional',
  recipientIds: null,
  goLive: '2027-04',
};
const sla = (o: Partial<SlaView> = {}): SlaView => ({
  id: 's1',
  consortiumId: 'k',
  serviceLineId: 'pay',
  name: 'Payroll SLA',
  kind: 'SLA',
  frequency: 'monthly',
  creditCapPercent: '10',
  effectiveFrom: '2027-04',
  effectiveTo: null,
  crossFunction: false,
  targets: [{ kpiCode: 'PAY_ACCURACY', kpiName: 'Payroll accuracy (%)', direction: 'higher_is_better', unit: 'percent', target: '99.5', threshold: '99', creditPercent: '2' }],
  ...o,
});

describe('SLAs', () => {
  it('offers the KPIs of the line function only, unless a cross-function KPI is intended', () => {
    expect(kpiOptions(KPIS, 'payroll', false, '').map((o) => o.value)).toEqual(['PAY_ACCURACY', 'PAY_ERRORS']);
    expect(kpiOptions(KPIS, 'payroll', true, '').map((o) => o.text)).toEqual([
      'Days to pay (Finance), lower is better',
      'Payroll accuracy (%), higher is better',
      'Payroll errors, lower is better',
    ]);
    // a target already on another function's KPI stays shown (the edit form)
    expect(kpiOptions(KPIS, 'payroll', false, 'AP_DAYS').map((o) => [o.value, o.selected])).toContainEqual(['AP_DAYS', true]);
  });

  it('lists SLAs by line with their targets and status', () => {
    const v = slasListView({ consortiumId: 'k', lines: [PAY], slas: [sla()], month: '2027-05', manages: true, done: { added: 's1' } });
    const s = v.lines[0].slas[0];
    expect(s.tag).toEqual({ text: 'In effect', colour: 'green' });
    expect(s.rows.map((r) => r.value)).toEqual(['Service level agreement (with service credits)', 'Every month', '10% of the charge for the line', 'From April 2027']);
    expect(s.targets).toEqual([{ kpiCode: 'PAY_ACCURACY', kpi: 'Payroll accuracy (%)', direction: 'Higher is better', target: '99.5%', threshold: '99%', credit: '2%' }]);
    expect([s.editHref, s.retireHref]).toEqual(['/consortium/k/slas/s1/edit', '/consortium/k/slas/s1/retire']);
    expect(v.lines[0].addHref).toBe('/consortium/k/slas/new?serviceLineId=pay');
    expect(v.confirmation).toEqual({ heading: 'Payroll SLA has been added', body: 'It applies from April 2027.' });
    expect(slaStatus({ effectiveFrom: '2027-04', effectiveTo: '2027-04' }, '2027-05')).toEqual({ text: 'Retired', colour: 'grey' });
    expect(slaStatus({ effectiveFrom: '2027-06', effectiveTo: null }, '2027-05')).toEqual({ text: 'Starts June 2027', colour: 'blue' });
    expect(withUnitWords('5.0', 'working_days')).toBe('5 working days');
  });

  it('reads the form: every mistake by field; a KPI of another function refused without the flag', () => {
    const r = readSlaForm({ name: '', kind: 'SLA', frequency: 'monthly', 'targets-0-kpiCode': 'AP_DAYS', 'targets-0-target': 'x' }, byCode, {
      editing: false,
      lineFunction: 'payroll',
    });
    expect(r.errors).toEqual({
      name: 'Enter the name of the agreement',
      creditCapPercent: 'Enter the cap on credits as a percentage, for example 10',
      'effectiveFrom-month': 'Enter the first month it applies',
      'targets-0-kpiCode': 'Days to pay measures Finance, not this line\'s function: tick "Use indicators of other functions" if this is intended',
      'targets-0-target': 'Enter the target of target 1 as a number, for example 99.5',
      'targets-0-threshold': 'Enter the threshold of target 1 as a number, for example 98',
      'targets-0-creditPercent': 'Enter the service credit of target 1 as a percentage, for example 2',
    });
    const body = {
      name: 'Payroll SLA',
      kind: 'SLA',
      frequency: 'quarterly',
      creditCapPercent: '10',
      'effectiveFrom-month': '4',
      'effectiveFrom-year': '2027',
      crossFunction: 'true',
      'targets-0-kpiCode': 'AP_DAYS',
      'targets-0-target': '5',
      'targets-0-threshold': '7',
      'targets-0-creditPercent': '1.5',
      'targets-1-kpiCode': '',
    };
    expect(readSlaForm(body, byCode, { editing: false, lineFunction: 'payroll' }).create).toEqual({
      name: 'Payroll SLA',
      kind: 'SLA',
      frequency: 'quarterly',
      creditCapPercent: '10',
      effectiveFrom: '2027-04',
      crossFunction: true,
      targets: [{ kpiCode: 'AP_DAYS', target: '5', threshold: '7', creditPercent: '1.5' }],
    });
    expect(
      readSlaForm({ name: 'N', 'targets-0-kpiCode': 'PAY_ACCURACY', 'targets-0-target': '99', 'targets-0-threshold': '98' }, byCode, {
        editing: true,
        lineFunction: 'payroll',
        kind: 'OLA',
      }).update,
    ).toEqual({
      name: 'N',
      crossFunction: false,
      targets: [{ kpiCode: 'PAY_ACCURACY', target: '99', threshold: '98', creditPercent: '0' }],
    });
    expect(slaFormOf(sla()).targets).toEqual([{ kpiCode: 'PAY_ACCURACY', target: '99.5', threshold: '99', creditPercent: '2' }]);
  });

  it("puts the service's refusals beside their fields, and reads the retiring month", () => {
    expect(
      slaErrorsFromService([
        { field: 'targets.0.threshold', message: 'threshold must be at most the target for a higher_is_better KPI' },
        { field: 'effectiveFrom', message: '2027-03 is closed' },
      ]),
    ).toEqual({ 'targets-0-threshold': 'Threshold must be at most the target for a higher_is_better KPI.', 'effectiveFrom-month': '2027-03 is closed.' });
    expect(readRetireForm({ 'effectiveTo-month': '3', 'effectiveTo-year': '2028' })).toEqual({ parts: { month: '3', year: '2028' }, month: '2028-03', error: null });
    expect(readRetireForm({}).error).toBe('Enter the last month it applies');
  });
});
