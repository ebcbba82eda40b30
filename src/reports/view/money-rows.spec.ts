import { savingsRow, serviceLineTable } from './money-rows';

describe('money rows of the statement reports', () => {
  it('the savings row says extra cost when the savings are negative, with the percentage of baseline', () => {
    expect(savingsRow('-10.00', '-2.50')).toMatchObject({ label: 'Extra cost against baseline', amount: '−£10.00', note: '−2.50% of baseline', css: 'total' });
    expect(savingsRow('10.00', null)).toMatchObject({ label: 'Savings against baseline', amount: '£10.00', note: '' });
  });

  it('the service-line table leaves out empty lines, totals every line and notes a rounding difference', () => {
    const lines = [
      { code: 'A', operating: '100.00', fee: '2.00', credits: '-1.00', baseline: '200.01' },
      { code: 'B', operating: '0.00', fee: '0.00', credits: '0.00', baseline: '0.00' },
      { code: 'C', operating: '50.00', fee: '1.00', credits: '0.00', baseline: '100.00' },
    ];
    const t = serviceLineTable(lines, '300.00', 'the statement’s baseline');
    expect(t.rows.map((r) => r.line.code)).toEqual(['A', 'C']);
    expect(t.omitted).toBe(1);
    expect(t.rows[0].cells).toEqual({ operating: '£100.00', fee: '£2.00', credits: '−£1.00', total: '£101.00', baseline: '£200.01', savings: '£99.01' });
    expect(t.total).toEqual({ operating: '£150.00', fee: '£3.00', credits: '−£1.00', total: '£152.00', baseline: '£300.00', savings: '£148.00' });
    expect(t.roundingNote).toBe(' Each line’s baseline is rounded to the penny; the total is the statement’s baseline.');
    expect(serviceLineTable(lines, '300.01', 'x').roundingNote).toBe('');
  });
});
