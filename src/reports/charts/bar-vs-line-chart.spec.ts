import { barVsLineChart, type BarVsLineInput } from './bar-vs-line-chart';
import { elementsWithClass, svgSafetyProblems, svgTexts } from './testing/xml-check';

const MONTHS = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'];

function cost(over: Partial<BarVsLineInput> = {}): BarVsLineInput {
  return {
    title: 'Payroll service charge against baseline',
    months: MONTHS.map((label, i) => ({
      label,
      charge: (12000 + i * 350).toFixed(2),
      baseline: '12500.00',
    })),
    ...over,
  };
}

describe('barVsLineChart', () => {
  it('is well-formed self-contained SVG with one bar per month and a baseline line', () => {
    const svg = barVsLineChart(cost());
    expect(svgSafetyProblems(svg)).toEqual([]);
    expect(elementsWithClass(svg, 'bar')).toHaveLength(12);
    const d = /class="baseline" d="([^"]+)"/.exec(svg)![1];
    expect(d.match(/[ML]/g)).toHaveLength(12);
  });

  it('uses a hatch pattern for bars (greyscale-safe) defined inside the SVG', () => {
    const svg = barVsLineChart(cost());
    const id = /<pattern id="([^"]+)"/.exec(svg)![1];
    expect(elementsWithClass(svg, 'bar').every((b) => b.includes(`fill="url(#${id})"`))).toBe(true);
  });

  it('labels months, legend and amounts (compact when narrow, whole pounds otherwise)', () => {
    const texts = svgTexts(barVsLineChart(cost()));
    for (const m of MONTHS) expect(texts).toContain(m);
    expect(texts).toContain('Charge');
    expect(texts).toContain('Baseline');
    expect(texts).toContain('£12k');
    expect(texts).toContain('£15.8k'); // 15850.00, half-even like all rounding in the product
    expect(texts).toContain('£10k'); // axis
    const wide = svgTexts(barVsLineChart(cost({ months: [{ label: 'Q1', charge: '1234567.49', baseline: '1000000' }] })));
    expect(wide).toContain('£1,234,567');
    expect(wide.some((t) => t.includes('baseline £1,000,000'))).toBe(true);
  });

  it('handles credits (negative charges) with the zero line inside the plot', () => {
    const svg = barVsLineChart(
      cost({
        months: [
          { label: 'Apr', charge: '-2500.00', baseline: '1000.00' },
          { label: 'May', charge: '3000.00', baseline: '1000.00' },
        ],
      }),
    );
    expect(svgSafetyProblems(svg)).toEqual([]);
    expect(svgTexts(svg)).toContain('-£2,500');
  });

  it('escapes labels and titles', () => {
    const svg = barVsLineChart(cost({ title: '<script>x()</script>', barLabel: 'A & B', months: [{ label: '"><script>', charge: '1.00', baseline: null }], currency: '<£>' }));
    expect(svgSafetyProblems(svg)).toEqual([]);
    expect(svg).not.toContain('<script');
    expect(svgTexts(svg)).toContain('<script>x()</script>');
    expect(svgTexts(svg)).toContain('"><script>');
    expect(svgTexts(svg)).toContain('A & B');
  });

  it('copes with missing months and with no data at all', () => {
    const gaps = barVsLineChart(
      cost({
        months: [
          { label: 'a', charge: null, baseline: '1' },
          { label: 'b', charge: '2', baseline: null },
          { label: 'c', charge: '3', baseline: '4' },
        ],
      }),
    );
    expect(svgSafetyProblems(gaps)).toEqual([]);
    expect(elementsWithClass(gaps, 'bar')).toHaveLength(2);
    const none = barVsLineChart({ title: 'x', months: [] });
    expect(svgSafetyProblems(none)).toEqual([]);
    expect(svgTexts(none)).toContain('No data');
  });

  it('draws the baseline as markers only when the entries are categories (joinBaseline: false)', () => {
    const members = cost({
      months: [
        { label: 'RX1', charge: '100.00', baseline: '150.00' },
        { label: 'RX2', charge: '90.00', baseline: '80.00' },
        { label: 'RX3', charge: '5.00', baseline: null },
      ],
      joinBaseline: false,
    });
    const svg = barVsLineChart(members);
    expect(svgSafetyProblems(svg)).toEqual([]);
    expect(svg).not.toContain('class="baseline"');
    expect(svg).not.toContain('<line x1="0" y1="6" x2="24"'); // the legend shows the marker alone
    expect(elementsWithClass(svg, 'baseline-marker')).toHaveLength(2);
    expect(elementsWithClass(svg, 'bar')).toHaveLength(3);
    expect(elementsWithClass(barVsLineChart({ ...members, joinBaseline: undefined }), 'baseline')).toHaveLength(1);
  });

  it('rejects numbers passed where amount strings are expected', () => {
    expect(() => barVsLineChart(cost({ months: [{ label: 'a', charge: 'twelve', baseline: '1' }] }))).toThrow(TypeError);
    expect(() => barVsLineChart(cost({ months: [{ label: 'a', charge: 12 as unknown as string, baseline: '1' }] }))).toThrow(TypeError);
  });
});
