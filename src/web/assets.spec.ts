import { localiseNhsukCss, pickEncoding } from './assets';

describe('web assets', () => {
  it('drops the web fonts loaded from assets.nhs.uk and points images at the versioned path', () => {
    const css = '@font-face{font-family:"Frutiger W01";src:url(https://assets.nhs.uk/fonts/F.woff2) format("woff2")}.a{background:url(/assets/images/x.svg)}';
    expect(localiseNhsukCss(css, '/assets/nhsuk-frontend/10.6.1/images')).toBe('.a{background:url(/assets/nhsuk-frontend/10.6.1/images/x.svg)}');
  });

  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip;q=0.8', 'gzip'],
    ['identity', null],
    [undefined, null],
  ])('Accept-Encoding %s → %s', (header, expected) => {
    expect(pickEncoding(header)).toBe(expected);
  });
});
