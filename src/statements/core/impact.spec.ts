import { impactDifference, lastCompleteQuarter } from './impact';
import type { StatementDto } from './statement';

describe('the impact of a change of terms', () => {
  it('the last complete quarter is the financial quarter before the one the month is in', () => {
    expect(lastCompleteQuarter('2026-12')).toEqual({ from: '2026-07', to: '2026-09' });
    expect(lastCompleteQuarter('2026-10')).toEqual({ from: '2026-07', to: '2026-09' });
    expect(lastCompleteQuarter('2026-04')).toEqual({ from: '2026-01', to: '2026-03' });
    expect(lastCompleteQuarter('2026-02')).toEqual({ from: '2025-10', to: '2025-12' });
  });

  it('the difference is proposed − current for every money line, to the penny', () => {
    const s = (fee: string, charge: string, savings: string) =>
      ({ operating: '1000.00', fee, investment: '0.00', sharedRisk: '0.00', attributedRisk: '0.00', credits: '-1.10', charge, savings }) as StatementDto;
    expect(impactDifference(s('20.00', '1018.90', '81.10'), s('40.01', '1038.91', '61.09'))).toEqual({
      operating: '0.00',
      fee: '20.01',
      investment: '0.00',
      sharedRisk: '0.00',
      attributedRisk: '0.00',
      credits: '0.00',
      charge: '20.01',
      savings: '-20.01',
    });
  });
});
