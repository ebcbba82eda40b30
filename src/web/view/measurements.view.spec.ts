import {
  checkMeasurementForm,
  confirmationHref,
  confirmationOf,
  csvErrorRows,
  csvSummary,
  csvTemplate,
  errorLinks,
  formErrorsFromService,
  measurementFormOptions,
  measurementsPageView,
  noErrors,
  readMeasurementForm,
  type FormServiceLine,
  type FormSla,
} from './measurements.view';
import { canSubmitMeasurements } from './sections';

const lines: FormServiceLine[] = [
  { id: 'PAY', code: 'PAY', name: 'Payroll', recipientIds: null },
  { id: 'AP', code: 'FIN-AP', name: 'Accounts payable', recipientIds: ['H'] },
  { id: 'GL', code: 'FIN-GL', name: 'General ledger', recipientIds: ['R'] },
];
const slas: FormSla[] = [
  {
    id: 'S1',
    name: 'Payroll SLA',
    serviceLineId: 'PAY',
    frequency: 'monthly',
    effectiveFrom: '2025-04',
    effectiveTo: null,
    targets: [
      { kpiCode: 'PAY_ACCURACY', kpiName: 'Payroll accuracy', unit: 'percent', target: '99.5' },
      { kpiCode: 'PAY_ON_TIME', kpiName: 'Paid on time', unit: 'percent', target: '100' },
    ],
  },
  {
    id: 'S2',
    name: 'AP SLA',
    serviceLineId: 'AP',
    frequency: 'monthly',
    effectiveFrom: '2025-04',
    effectiveTo: null,
    targets: [{ kpiCode: 'BPPC', kpiName: 'BPPC', unit: 'percent', target: '95' }],
  },
  {
    id: 'S3',
    name: 'GL OLA',
    serviceLineId: 'GL',
    frequency: 'quarterly',
    effectiveFrom: '2025-07',
    effectiveTo: null,
    targets: [{ kpiCode: 'CLOSE', kpiName: 'Days to close', unit: 'days', target: '5' }],
  },
  // the same payroll target in a later agreement: offered once
  {
    id: 'S4',
    name: 'Payroll SLA 26/27',
    serviceLineId: 'PAY',
    frequency: 'monthly',
    effectiveFrom: '2026-04',
    effectiveTo: null,
    targets: [{ kpiCode: 'PAY_ACCURACY', kpiName: 'Payroll accuracy', unit: 'percent', target: '99.6' }],
  },
];
const options = measurementFormOptions({ slas, serviceLines: lines, organisationId: 'R', closedMonths: ['2025-04', '2025-05', '2025-06'], thisMonth: '2025-10' });

describe('measurement form options', () => {
  it('offers the targets of the lines the organisation receives, each once, by service line', () => {
    expect(options.groups.map((g) => [g.label, g.options.map((o) => [o.value, o.text])])).toEqual([
      [
        'Payroll (PAY)',
        [
          ['PAY:PAY_ACCURACY', 'Payroll accuracy (per cent)'],
          ['PAY:PAY_ON_TIME', 'Paid on time (per cent)'],
        ],
      ],
      ['General ledger (FIN-GL)', [['GL:CLOSE', 'Days to close (days), quarterly']]],
    ]);
  });

  it('offers the open months from the first agreement to this month, newest first; last month by default', () => {
    expect(options.months).toEqual(['2025-10', '2025-09', '2025-08', '2025-07']);
    expect(options.defaultMonth).toBe('2025-09');
  });

  it('a caller without an organisation (a platform administrator) gets every line', () => {
    const all = measurementFormOptions({ slas, serviceLines: lines, organisationId: null, closedMonths: [], thisMonth: '2025-10' });
    expect(all.groups.map((g) => g.label)).toEqual(['Payroll (PAY)', 'Accounts payable (FIN-AP)', 'General ledger (FIN-GL)']);
  });

  it('nothing to offer without an agreement', () => {
    expect(measurementFormOptions({ slas: [], serviceLines: lines, organisationId: 'R', closedMonths: [], thisMonth: '2025-10' })).toEqual({
      groups: [],
      months: [],
      defaultMonth: null,
    });
  });
});

describe('the form', () => {
  it('reads trimmed text and ignores anything else', () => {
    expect(readMeasurementForm({ measure: ' PAY:PAY_ACCURACY ', month: ['x'], value: 5 })).toEqual({ measure: 'PAY:PAY_ACCURACY', month: '', value: '' });
  });

  it('submits for the caller’s organisation only, whatever the form says', () => {
    const r = checkMeasurementForm({ measure: 'PAY:PAY_ACCURACY', month: '2025-09', value: '99.7' }, options, 'R');
    expect(r.item).toEqual({ kpiCode: 'PAY_ACCURACY', serviceLineId: 'PAY', organisationId: 'R', month: '2025-09', value: '99.7' });
    expect(checkMeasurementForm({ measure: 'PAY:PAY_ACCURACY', month: '2025-09', value: '1' }, options, null).item).not.toHaveProperty('organisationId');
  });

  it('names each missing or wrong field', () => {
    expect(checkMeasurementForm({ measure: '', month: '2025-05', value: '' }, options, 'R')).toEqual({
      errors: { measure: 'Select what the result measures', month: 'Select the month the result is for', value: 'Enter the result' },
      item: null,
    });
    expect(checkMeasurementForm({ measure: 'AP:BPPC', month: '2025-09', value: '9x' }, options, 'R').errors).toEqual({
      measure: 'Select what the result measures',
      month: null,
      value: 'Enter the result as a number, like 99.5',
    });
    expect(errorLinks({ measure: 'A', month: null, value: 'B' })).toEqual([
      { text: 'A', href: '#measure' },
      { text: 'B', href: '#value' },
    ]);
  });

  it("puts the service's errors on the fields they name", () => {
    expect(
      formErrorsFromService([
        { field: 'items.0.value', message: 'a percentage must be between 0 and 100' },
        { field: 'items.0.month', message: '2025-05 is closed: its figures are final' },
        { field: 'items.0.organisationId', message: 'does not receive service line PAY' },
      ]),
    ).toEqual({ measure: 'Does not receive service line PAY', month: '2025-05 is closed: its figures are final', value: 'A percentage must be between 0 and 100' });
    // not about the item (e.g. the consortium is archived): the caller shows the service's page
    expect(formErrorsFromService([{ field: 'id', message: 'the consortium is archived' }])).toBeNull();
    expect(formErrorsFromService([])).toBeNull();
  });
});

describe('the CSV upload', () => {
  it('lists the bad rows as a spreadsheet numbers them', () => {
    const errors = [
      { row: 3, field: 'value', message: 'value must be a number with at most four decimals' },
      { row: 3, field: 'month', message: 'month must be YYYY-MM' },
      { row: 7, field: 'row', message: 'expected 5 columns, found 6' },
    ];
    expect(csvErrorRows(errors)).toEqual([
      { row: '3', column: 'value', message: 'Value must be a number with at most four decimals' },
      { row: '3', column: 'month', message: 'Month must be YYYY-MM' },
      { row: '7', column: 'The whole row', message: 'Expected 5 columns, found 6' },
    ]);
    expect(csvSummary(errors, 'Some rows are invalid')).toBe('2 rows have problems, so nothing was saved: correct the rows listed below and upload the file again');
    expect(csvSummary([{ field: 'file', message: 'the file has a header but no rows' }], 'The file has no rows')).toBe('The file has a header but no rows: nothing was saved');
    expect(csvSummary([{ row: 1, field: 'value', message: 'missing column value' }], 'The header must be …')).toBe('Missing column value: nothing was saved');
  });

  it('offers a template: the header and an example row for the caller', () => {
    expect(csvTemplate(options, 'RVR01')).toBe('kpiCode,serviceLine,organisation,month,value\r\nPAY_ACCURACY,PAY,RVR01,2025-09,99.5\r\n');
  });
});

describe('the confirmation', () => {
  it('comes back in the query after a submission, with a link to the scorecard', () => {
    const href = confirmationHref('C', { accepted: 1, replaced: 0 }, '2025-09');
    const q = Object.fromEntries(new URL(href, 'http://x').searchParams);
    expect(confirmationOf('C', q)).toEqual({
      heading: '1 measurement was accepted',
      link: { href: '/consortium/C/performance?month=2025-09', text: 'View the scorecard for September 2025' },
    });
    expect(confirmationOf('C', { saved: '1', accepted: '12', replaced: '3' })).toEqual({
      heading: '12 measurements were accepted; 3 replaced earlier values',
      link: { href: '/consortium/C/performance', text: 'View the scorecard' },
    });
    expect(confirmationOf('C', { saved: '1', accepted: 'lots', replaced: '0' })).toBeNull();
    expect(confirmationOf('C', {})).toBeNull();
  });
});

describe('the page', () => {
  it('keeps what was entered, selected', () => {
    const v = measurementsPageView({
      consortiumId: 'C',
      organisationName: 'Riverside',
      options,
      form: { measure: 'PAY:PAY_ON_TIME', month: '2025-08', value: '9x' },
      errors: noErrors(),
      csvErrors: [],
      fileError: null,
      confirmation: null,
    });
    expect(v.groups[0].options.filter((o) => o.selected).map((o) => o.value)).toEqual(['PAY:PAY_ON_TIME']);
    expect(v.months.filter((m) => m.selected).map((m) => m.value)).toEqual(['2025-08']);
    expect(v.noMeasureSelected).toBe(false);
    expect(v.value).toBe('9x');
    expect(v.hasMeasures).toBe(true);
  });
});

describe('who may submit (as the API)', () => {
  it('partner users, and the host’s administrators; never board members or organisation administrators', () => {
    expect(canSubmitMeasurements('partner_user', false)).toBe(true);
    expect(canSubmitMeasurements('host_admin', true)).toBe(true);
    expect(canSubmitMeasurements('admin', true)).toBe(true);
    expect(canSubmitMeasurements('host_admin', false)).toBe(false);
    expect(canSubmitMeasurements('board_viewer', true)).toBe(false);
    expect(canSubmitMeasurements('org_admin', false)).toBe(false);
  });
});
