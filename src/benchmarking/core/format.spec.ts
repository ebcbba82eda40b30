import { D } from '../../common/money';
import { benchmark } from './benchmark';
import { formatBenchmark, formatHackett, formatKpi, KPI_DECIMALS } from './format';
import { ret } from './test-helpers';
import { WORKED_EXAMPLE_EXPECTED, WORKED_EXAMPLE_RETURNS } from './worked-example.fixture';

describe('format', () => {
  it('shows KPI values with 4 decimals, half to even, never "-0"', () => {
    expect(KPI_DECIMALS).toBe(4);
    expect(formatKpi(new D('1.0875'))).toBe('1.0875');
    expect(formatKpi(new D('1'))).toBe('1.0000');
    expect(formatKpi(new D('0.00005'))).toBe('0.0000');
    expect(formatKpi(new D('0.00015'))).toBe('0.0002');
    expect(formatKpi(new D('-0.00001'))).toBe('0.0000');
    expect(formatKpi(new D(1).div(3))).toBe('0.3333');
  });

  it('formats the api.md GET /benchmarks body exactly (worked example)', () => {
    const dto = formatBenchmark(benchmark(WORKED_EXAMPLE_RETURNS));
    expect(dto).toEqual(WORKED_EXAMPLE_EXPECTED);
    expect(Object.keys(dto)).toEqual(['n', 'trimmed', 'average', 'median', 'lowerQuartile', 'upperQuartile', 'hackett', 'items']);
    expect(Object.keys(dto.items[0])).toEqual(['organisationId', 'kpi', 'savingsPotential', 'savingsToLowerQuartile']);
    expect(JSON.parse(JSON.stringify(dto))).toEqual(dto);
  });

  it('gives hackett null for functions without comparators and strings otherwise', () => {
    expect(formatHackett(null)).toBeNull();
    expect(formatHackett({ median: new D('2.252'), bestInClass: new D('1.496') })).toEqual({
      median: '2.2520',
      bestInClass: '1.4960',
    });
    const dto = formatBenchmark(benchmark([ret('a', '1.00', '3.00', { function: 'payroll' })]));
    expect(dto).toEqual({
      n: 1,
      trimmed: 0,
      average: '33.3333',
      median: '33.3333',
      lowerQuartile: '33.3333',
      upperQuartile: '33.3333',
      hackett: null,
      items: [{ organisationId: 'a', kpi: '33.3333', savingsPotential: '0.00', savingsToLowerQuartile: '0.00' }],
    });
  });
});
