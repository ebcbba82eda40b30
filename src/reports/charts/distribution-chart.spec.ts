import { distributionChart, distributionStats, type DistributionInput } from './distribution-chart';
import { elementsWithClass, svgSafetyProblems, svgTexts } from './testing/xml-check';

const VALUES = ['91.2', '88.4', '97.2', '93.0', '95.5', '99.1', '85.0', '92.7', '94.4', '96.0', '90.3', '98.6'];

function bench(over: Partial<DistributionInput> = {}): DistributionInput {
  return {
    title: 'Invoices paid within 30 days',
    peers: VALUES.map((value, i) => ({ name: `Trust ${String.fromCharCode(65 + i)}`, value, self: i === 2 })),
    unit: '%',
    ...over,
  };
}

const barValue = (bar: string): number => Number(/height="([^"]+)"/.exec(bar)![1]);

describe('distributionStats', () => {
  it('computes average and quartiles exactly (linear interpolation, as QUARTILE.INC)', () => {
    expect(distributionStats(['1', '2', '3', '4', '5', '6', '7', '8'])).toEqual({ average: '4.5', q1: '2.75', median: '4.5', q3: '6.25' });
    expect(distributionStats(['0.1', '0.2']).average).toBe('0.15'); // no binary floating point
    expect(distributionStats(['5'])).toEqual({ average: '5', q1: '5', median: '5', q3: '5' });
  });
});

describe('distributionChart', () => {
  it('is well-formed, self-contained SVG with one bar per peer, sorted by the KPI', () => {
    const svg = distributionChart(bench());
    expect(svgSafetyProblems(svg)).toEqual([]);
    const bars = elementsWithClass(svg, 'bar');
    expect(bars).toHaveLength(12);
    const heights = bars.map(barValue);
    expect([...heights].sort((a, b) => a - b)).toEqual(heights);
  });

  it("marks and labels the organisation's own bar with its value and rank", () => {
    const svg = distributionChart(bench());
    const self = elementsWithClass(svg, 'self');
    expect(self).toHaveLength(1);
    expect(self[0]).toMatch(/fill="url\(#[^)]+\)"/); // a pattern, not a colour
    expect(svgTexts(svg)).toContain('Your organisation: 97.2% (3rd of 12)');
    const lower = distributionChart(bench({ higherIsBetter: false, selfLabel: 'Leeds & York' }));
    expect(svgTexts(lower)).toContain('Leeds & York: 97.2% (10th of 12)');
  });

  it('draws the average and quartiles as labelled lines', () => {
    const svg = distributionChart(bench());
    expect(elementsWithClass(svg, 'stat')).toHaveLength(4);
    const texts = svgTexts(svg);
    expect(distributionStats(VALUES).average).toBe('93.45');
    expect(texts).toContain('Average 93.4%'); // half-even from the exact 93.45 (floating point would say 93.5)
    expect(texts.filter((t) => /^(Q1|Median|Q3) \d+\.\d%$/.test(t))).toHaveLength(3);
    for (let i = 0; i < 12; i++) expect(texts).toContain(`Trust ${String.fromCharCode(65 + i)}`);
  });

  it('uses caller-provided statistics when given', () => {
    const texts = svgTexts(distributionChart(bench({ stats: { average: '90.05', q1: '80', median: '90', q3: '95.25' } })));
    expect(texts).toContain('Average 90.0%'); // half-even
    expect(texts).toContain('Q3 95.2%');
  });

  it('escapes peer names and titles', () => {
    const svg = distributionChart(
      bench({
        title: '<script>alert(1)</script>',
        peers: [
          { name: '<img src=x onerror=alert(1)>', value: '1' },
          { name: 'A&B', value: '2', self: true },
        ],
      }),
    );
    expect(svgSafetyProblems(svg)).toEqual([]);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    expect(svgTexts(svg)).toContain('<script>alert(1)</script>');
    expect(svgTexts(svg)).toContain('A&B');
  });

  it('handles many peers (names hidden), equal values, and no peers', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ name: `Org ${i}`, value: String(50 + (i % 7)), self: i === 40 }));
    const svg = distributionChart(bench({ peers: many }));
    expect(svgSafetyProblems(svg)).toEqual([]);
    expect(elementsWithClass(svg, 'bar')).toHaveLength(80);
    expect(svgTexts(svg)).not.toContain('Org 1');
    const flat = distributionChart(
      bench({
        peers: [
          { name: 'a', value: '3' },
          { name: 'b', value: '3', self: true },
        ],
      }),
    );
    expect(svgSafetyProblems(flat)).toEqual([]);
    expect(svgTexts(flat)).toContain('Your organisation: 3.0% (1st of 2)');
    const none = distributionChart(bench({ peers: [] }));
    expect(svgTexts(none)).toContain('No data');
  });

  describe('the rank in the callout', () => {
    const desc = (svg: string) => /<desc>([^<]*)<\/desc>/.exec(svg)![1];

    it('counts only the strictly better values: tied values share the better rank, in either direction', () => {
      const peers = [
        { name: 'a', value: '1.2' },
        { name: 'b', value: '1.5' },
        { name: 'c', value: '1.5', self: true },
        { name: 'd', value: '1.5' },
        { name: 'e', value: '2.0' },
      ];
      expect(svgTexts(distributionChart(bench({ peers, higherIsBetter: false })))).toContain('Your organisation: 1.5% (2nd of 5)');
      expect(svgTexts(distributionChart(bench({ peers, higherIsBetter: true })))).toContain('Your organisation: 1.5% (2nd of 5)');
      const cheapest = peers.map((p) => ({ ...p, self: p.name === 'a' }));
      expect(svgTexts(distributionChart(bench({ peers: cheapest, higherIsBetter: false })))).toContain('Your organisation: 1.2% (1st of 5)');
      expect(svgTexts(distributionChart(bench({ peers: cheapest, higherIsBetter: true })))).toContain('Your organisation: 1.2% (5th of 5)');
    });

    it('is 1st of 1 for a single peer, described as one organisation', () => {
      const svg = distributionChart(bench({ peers: [{ name: 'a', value: '1.25', self: true }], higherIsBetter: false }));
      expect(svgSafetyProblems(svg)).toEqual([]);
      expect(svgTexts(svg)).toContain('Your organisation: 1.2% (1st of 1)');
      expect(desc(svg)).toMatch(/^1 organisation, lowest to highest\./);
    });

    it("takes the caller's rank over the whole peer group when only some peers are plotted", () => {
      // a caller who may not see the other peers' values: its own bar only, ranked 4th of 6 by the service
      const svg = distributionChart(bench({ peers: [{ name: 'Mine', value: '1.1', self: true }], higherIsBetter: false, position: { rank: 4, of: 6 } }));
      expect(svgTexts(svg)).toContain('Your organisation: 1.1% (4th of 6)');
      expect(desc(svg)).toMatch(/^1 organisation of 6, lowest to highest\..*Your organisation: 1\.1% \(4th of 6\)\.$/);
    });
  });
});
