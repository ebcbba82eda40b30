import {
  activityRow,
  activityTemplate,
  baselineRow,
  baselinesAt,
  baselineTemplate,
  csvErrorsFromService,
  parseAnnual,
  parseVolume,
  readTable,
  tableErrorsFromService,
  type Line,
  type Member,
} from './activity.view';

const PAY: Line = { id: 'pay', code: 'PAY', name: 'Payroll', recipientIds: null };
const FIN: Line = { id: 'fin', code: 'FIN', name: 'Finance', recipientIds: ['a'] };
const A: Member = { organisationId: 'a', organisationName: 'North Vale', odsCode: 'RNV', joinedOn: '2025-04-01', leftOn: null };
const B: Member = { organisationId: 'b', organisationName: 'Riverside', odsCode: 'RRV', joinedOn: '2025-05-16', leftOn: null };
const o = { lines: [PAY, FIN], members: [A, B] };

describe('activity view', () => {
  it('parses volumes and annual amounts exactly', () => {
    expect([parseVolume('3,480'), parseVolume('2505.5'), parseVolume('-1'), parseVolume('1.234')]).toEqual(['3480', '2505.5', null, null]);
    expect([parseAnnual('£950,000'), parseAnnual('1.5'), parseAnnual('-5'), parseAnnual('x')]).toEqual(['950000.00', '1.50', null, null]);
  });

  it('a table: only the changed cells are written; a bad cell is an error on it; cells a member does not receive are not read', () => {
    const current = new Map([
      ['pay/a', '6000.00'],
      ['pay/b', '3500.00'],
    ]);
    const r = readTable('activity', { 'cell.pay.a': '6000', 'cell.pay.b': '3,600', 'cell.fin.a': 'lots', 'cell.fin.b': '5' }, { ...o, current });
    expect(r.changed).toEqual([{ serviceLineId: 'pay', organisationId: 'b', value: '3600', id: 'volume-pay-b' }]);
    expect(r.errors).toEqual({ 'volume-fin-a': "Enter North Vale's Finance volume as a whole number or a number with up to 2 decimals, like 3480" });
    expect(Object.keys(r.values)).toEqual(['volume-pay-a', 'volume-fin-a', 'volume-pay-b']);
    expect(tableErrorsFromService([{ field: 'items.0.organisationId', message: 'not a member of this consortium in 2025-04' }], ['volume-pay-b'], 'activity-table')).toEqual({
      'volume-pay-b': 'Not a member of this consortium in 2025-04',
    });
  });

  it('CSV rows: resolved by code and ODS code, every problem named by its column', () => {
    expect(activityRow({ serviceLine: 'PAY', organisation: 'RRV', month: '2025-07', volume: '3510' }, o)).toEqual({
      item: { serviceLineId: 'pay', organisationId: 'b', month: '2025-07', volume: '3510' },
      errors: [],
    });
    expect(activityRow({ serviceLine: 'X', organisation: '', month: 'July', volume: 'ten' }, o).errors.map((e) => e.field)).toEqual([
      'serviceLine',
      'organisation',
      'month',
      'volume',
    ]);
    expect(baselineRow({ serviceLine: 'PAY', organisation: 'a', annualAmount: '420000', effectiveFrom: '' }, o)).toEqual({
      item: { serviceLineId: 'pay', organisationId: 'a', annualAmount: '420000.00' },
      errors: [],
    });
    expect(csvErrorsFromService([{ field: 'items.1.month', message: '2025-06 is closed: its figures are final' }], [2, 3])).toEqual([
      { row: '3', column: 'month', message: '2025-06 is closed: its figures are final' },
    ]);
  });

  it('templates: the header and an example row per member receiving the first line', () => {
    expect(activityTemplate([PAY], [A, B], '2025-05')).toBe('serviceLine,organisation,month,volume\r\nPAY,RNV,2025-05,1000\r\nPAY,RRV,2025-05,1000\r\n');
    expect(activityTemplate([PAY], [A, B], '2025-04')).toBe('serviceLine,organisation,month,volume\r\nPAY,RNV,2025-04,1000\r\n');
    expect(baselineTemplate([FIN], [A, B], '2025-07')).toBe('serviceLine,organisation,annualAmount,effectiveFrom\r\nFIN,RNV,100000.00,2025-07\r\n');
  });

  it('the baseline in force in a month: the latest row from on or before it', () => {
    const rows = [
      { organisationId: 'a', serviceLineId: 'pay', annualAmount: '420000.00', effectiveFrom: '2025-04', updatedAt: new Date() },
      { organisationId: 'a', serviceLineId: 'pay', annualAmount: '430000.00', effectiveFrom: '2025-10', updatedAt: new Date() },
    ];
    expect(baselinesAt(rows, '2025-09').get('pay/a')).toBe('420000.00');
    expect(baselinesAt(rows, '2025-10').get('pay/a')).toBe('430000.00');
  });
});
