import fc from 'fast-check';
import { addMonths, financialYear } from '../../common/months';
import { driversAt } from './drivers';
import { member } from './test-helpers';
import { basisWeights } from './weights';
import type { DriverRow } from './types';

describe('allocation drivers as they stood (domain.md §12)', () => {
  const rows: DriverRow[] = [
    { financialYear: '2025/26', annualTurnover: '250000000.00', headcount: '3500' },
    { financialYear: '2027/28', annualTurnover: '300000000.00', headcount: '3600.5' },
  ];
  const B = member('B', { annualTurnover: '999.00', headcount: '1', drivers: rows });

  it('a month uses the row of the latest financial year on or before its own', () => {
    expect(driversAt(B, '2025-04')).toEqual({ annualTurnover: '250000000.00', headcount: '3500' });
    expect(driversAt(B, '2027-03')).toEqual({ annualTurnover: '250000000.00', headcount: '3500' }); // still 2026/27: the 2025/26 row
    expect(driversAt(B, '2027-04')).toEqual({ annualTurnover: '300000000.00', headcount: '3600.5' });
    expect(driversAt(B, '2031-01')).toEqual({ annualTurnover: '300000000.00', headcount: '3600.5' });
  });

  it('before its first row (not yet a member) the earliest row; with no rows the profile figures', () => {
    expect(driversAt(B, '2024-12')).toEqual({ annualTurnover: '250000000.00', headcount: '3500' });
    expect(driversAt(member('X', { annualTurnover: '5.00', headcount: '2' }), '2025-06')).toEqual({ annualTurnover: '5.00', headcount: '2' });
  });

  it('the turnover and headcount bases weigh each month by its own year’s row', () => {
    const A = member('A', { annualTurnover: '100000000.00', headcount: '1000', drivers: [{ financialYear: '2025/26', annualTurnover: '100000000.00', headcount: '1000' }] });
    const w = (month: string, basis: 'turnover' | 'headcount') => Object.fromEntries(basisWeights(basis, [A, B], month).map((x) => [x.id, x.weight.toString()]));
    expect(w('2026-03', 'turnover')).toEqual({ A: '3100000000', B: '7750000000' });
    expect(w('2027-04', 'turnover')).toEqual({ A: '3000000000', B: '9000000000' });
    expect(w('2027-04', 'headcount')).toEqual({ A: '30000', B: '108015' });
  });

  it('property: the row chosen is never of a later year than the month, and is the latest such', () => {
    const fy = fc.integer({ min: 2000, max: 2090 }).map((y) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.uniqueArray(fy, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 1200 }), (years, offset) => {
        const sorted = [...years].sort();
        const drivers = sorted.map((y, i) => ({ financialYear: y, annualTurnover: `${i + 1}.00`, headcount: String(i + 1) }));
        const month = addMonths('2000-01', offset);
        const got = driversAt(member('M', { drivers }), month);
        const i = Number(got.headcount) - 1;
        const eligible = sorted.filter((y) => y <= financialYear(month));
        if (eligible.length === 0) expect(i).toBe(0);
        else expect(sorted[i]).toBe(eligible[eligible.length - 1]);
      }),
    );
  });
});
