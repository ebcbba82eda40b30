import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assertNoRawOutput, findTemplatesDir, ReportTemplates } from './templates';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.hbs') ? [join(dir, n)] : []));
}

describe('report templates', () => {
  const t = new ReportTemplates();
  const frame = { kicker: 'K', title: 'T', subtitle: 'S', consortiumName: 'C', facts: [], summary: [], generatedAt: 'now', classification: 'OFFICIAL', draft: false };

  it('no template prints raw output (triple-stash or {{& }})', () => {
    for (const f of files(findTemplatesDir())) expect(() => assertNoRawOutput(f, readFileSync(f, 'utf8'))).not.toThrow();
    expect(() => assertNoRawOutput('x', '<p>{{{name}}}</p>')).toThrow(/raw output/);
    expect(() => assertNoRawOutput('x', '<p>{{~{name}~}}</p>')).toThrow(/raw output/);
    expect(() => assertNoRawOutput('x', '<p>{{& name}}</p>')).toThrow(/raw output/);
  });

  it('escapes every field, in the body and in the running header and footer', () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'`=&';
    const header = t.page('header', { consortiumName: evil, title: evil, generatedAt: evil, classification: evil, draft: true });
    const footer = t.page('footer', { consortiumName: evil, title: evil, generatedAt: evil, classification: evil, draft: false });
    for (const html of [header, footer]) {
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<img');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;&quot;&#x27;&#x60;&#x3D;&amp;');
    }
    expect(header).toContain('DRAFT');
    expect(footer).toContain('<span class="pageNumber"></span> of <span class="totalPages"></span>');
  });

  it('is strict: a field missing from the view model is an error, not an empty string', () => {
    expect(() => t.report('statement', { frame, tiles: [], lines: [], comparison: [] })).toThrow(/not defined/);
  });

  it('passes trusted chart markup through only as a SafeString', () => {
    const html = t.report('benchmark', {
      frame: { ...frame, summary: ['<b>summary</b>'] },
      tiles: [],
      hasPeers: true,
      chart: ReportTemplates.trusted('<svg id="chart"></svg>'),
      stats: [],
      hackett: [],
      hasHackett: false,
      peers: [{ rank: '1', name: '<svg id="not-trusted"></svg>', kpi: '1%', savings: '£0.00', toLowerQuartile: '£0.00', css: '', note: '' }],
    });
    expect(html).toContain('<svg id="chart"></svg>');
    expect(html).toContain('&lt;svg id&#x3D;&quot;not-trusted&quot;&gt;');
    expect(html).toContain('&lt;b&gt;summary&lt;/b&gt;');
  });
});
