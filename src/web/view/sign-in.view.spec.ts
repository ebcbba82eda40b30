import { safeNext } from './sign-in.view';

describe('safeNext', () => {
  it('keeps a path on this site', () => {
    expect(safeNext('/consortium/abc/performance?month=2025-09')).toBe('/consortium/abc/performance?month=2025-09');
    expect(safeNext('/')).toBe('/');
  });

  it('sends anything else home: another site, protocol-relative, backslashes, control characters, the sign-in pages', () => {
    for (const next of [
      undefined,
      '',
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '/a\\b',
      '/a\u0000b',
      '/a\u007fb',
      'evil.example',
      '/sign-in?next=/x',
      '/sign-out',
    ]) {
      expect(safeNext(next)).toBe('/');
    }
  });
});
