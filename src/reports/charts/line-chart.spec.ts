import { lineChart, type LineChartInput } from './line-chart';
import { elementsWithClass, svgSafetyProblems, svgTexts, xmlProblems } from './testing/xml-check';

const MONTHS = ['Apr 24', 'May 24', 'Jun 24', 'Jul 24', 'Aug 24', 'Sep 24', 'Oct 24', 'Nov 24', 'Dec 24', 'Jan 25', 'Feb 25', 'Mar 25'];
const VALUES = ['97.5', '96.25', '95.0', '89.9', '92.04', '93.15', '98', '99.95', '88.0', '94.5', '95.55', '96.45'];

function sla(over: Partial<LineChartInput> = {}): LineChartInput {
  return {
    title: 'Payroll accuracy (SLA)',
    points: MONTHS.map((label, i) => ({ label, value: VALUES[i] })),
    target: { value: '95' },
    threshold: { value: '90' },
    unit: '%',
    ...over,
  };
}

describe('lineChart', () => {
  it('is well-formed, self-contained SVG sized for A4', () => {
    const svg = lineChart(sla());
    expect(svgSafetyProblems(svg)).toEqual([]);
    expect(svg).toMatch(/^<svg [^>]*width="680"/);
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('labels every point, the target and the threshold with formatted values', () => {
    const texts = svgTexts(lineChart(sla()));
    for (const l of MONTHS) expect(texts).toContain(l);
    // one decimal, half-even, from the strings
    for (const v of ['97.5%', '96.2%', '95.0%', '89.9%', '92.0%', '93.2%', '98.0%', '100.0%', '88.0%', '94.5%', '95.6%', '96.4%']) {
      expect(texts).toContain(v);
    }
    expect(texts).toContain('Target 95.0%');
    expect(texts).toContain('Threshold 90.0%');
    expect(texts).toContain('Payroll accuracy (SLA)');
  });

  it('marks threshold breaches with a different marker shape (not colour) and says so in the legend', () => {
    const svg = lineChart(sla());
    expect(elementsWithClass(svg, 'breach')).toHaveLength(2); // 89.9 and 88.0
    expect(svgTexts(svg)).toContain('Below threshold');
    const lower = lineChart(sla({ higherIsBetter: false, threshold: { value: '98' }, target: undefined }));
    expect(elementsWithClass(lower, 'breach')).toHaveLength(1); // 99.95
    expect(svgTexts(lower)).toContain('Above threshold');
  });

  it('draws target and threshold as differently dashed lines', () => {
    const refs = elementsWithClass(lineChart(sla()), 'ref');
    expect(refs).toHaveLength(2);
    expect(new Set(refs.map((r) => /stroke-dasharray="([^"]+)"/.exec(r)?.[1])).size).toBe(2);
  });

  it('escapes every text it puts in', () => {
    const svg = lineChart(
      sla({
        title: '<script>alert("x")</script> & co',
        points: [
          { label: '<img src=x onerror=alert(1)>', value: '90' },
          { label: 'O\'B & "S"', value: '91' },
        ],
        target: { value: '95', label: '</text><script>' },
        unit: '<b>',
      }),
    );
    expect(svgSafetyProblems(svg)).toEqual([]);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    const texts = svgTexts(svg);
    expect(texts).toContain('<script>alert("x")</script> & co');
    expect(texts).toContain('O\'B & "S"');
    expect(texts.some((t) => t.startsWith('</text><script>'))).toBe(true);
  });

  it('breaks the line at months without data', () => {
    const points = MONTHS.map((label, i) => ({ label, value: i === 4 ? null : VALUES[i] }));
    const svg = lineChart(sla({ points }));
    expect(xmlProblems(svg)).toEqual([]);
    const d = /class="series" d="([^"]+)"/.exec(svg)![1];
    expect(d.match(/M/g)).toHaveLength(2);
    expect(svg).toContain('Aug 24: no data');
  });

  it('shows "No data" for an empty series', () => {
    const svg = lineChart({ title: 'Empty', points: [] });
    expect(svgSafetyProblems(svg)).toEqual([]);
    expect(svgTexts(svg)).toContain('No data');
  });

  it('rejects values that are not decimal strings', () => {
    expect(() => lineChart(sla({ points: [{ label: 'x', value: 'abc' }] }))).toThrow(TypeError);
    expect(() => lineChart(sla({ points: [{ label: 'x', value: '1e3' }] }))).toThrow(TypeError);
    expect(() => lineChart(sla({ target: { value: 'NaN' } }))).toThrow(TypeError);
  });

  it('is deterministic and gives two different charts different ids', () => {
    expect(lineChart(sla())).toBe(lineChart(sla()));
    const idOf = (s: string) => /aria-labelledby="([^"]+)"/.exec(s)![1];
    expect(idOf(lineChart(sla()))).not.toBe(idOf(lineChart(sla({ title: 'Other' }))));
    expect(idOf(lineChart(sla({ id: 'my chart!' })))).toBe('my_chart_-title');
  });

  it('rotates long month labels and keeps them inside the canvas', () => {
    const points = Array.from({ length: 24 }, (_, i) => ({ label: `Month number ${i + 1}`, value: String(90 + (i % 10)) }));
    const svg = lineChart(sla({ points }));
    expect(svgSafetyProblems(svg)).toEqual([]);
    expect(svg).toContain('rotate(-45');
  });
});
