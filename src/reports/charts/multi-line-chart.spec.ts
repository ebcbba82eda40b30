import { multiLineChart } from './multi-line-chart';
import { elementsWithClass, svgSafetyProblems, svgTexts } from './testing/xml-check';

const LABELS = ['Year 0', 'Year 1', 'Year 2'];

describe('multiLineChart', () => {
  it('draws one path per series, names each in the legend, and is safe SVG', () => {
    const svg = multiLineChart({
      title: 'Cumulative cost by option',
      labels: LABELS,
      series: [
        { name: 'Status quo', values: ['1000.00', '2000.00', '3000.00'] },
        { name: 'A <company> & co', values: ['2100.00', '2600.00', '3100.00'] },
        { name: 'B', values: ['900.00', '1800.00', '2700.00'] },
        { name: 'C', values: ['0.00', '0.00', '0.00'] },
      ],
    });
    expect(svgSafetyProblems(svg)).toEqual([]);
    expect(elementsWithClass(svg, 'series')).toHaveLength(4);
    const texts = svgTexts(svg);
    for (const t of [...LABELS, 'Status quo', 'A <company> & co', 'B', 'C', 'Cumulative cost by option']) expect(texts).toContain(t);
    // the description carries the figures for screen readers
    expect(svg).toContain('Year 2 £3,100');
    // four series: the legend wraps to a second row, so the chart grows
    expect(svg).toMatch(/height="316"/);
  });

  it('says "No data" without series', () => {
    expect(svgTexts(multiLineChart({ title: 'Nothing', labels: LABELS, series: [] }))).toContain('No data');
  });
});
