import { CHROMIUM_INSTALL_HINT } from './chromium';
import { PdfUnavailableError } from './errors';
import { DEFAULT_MARGIN, renderTimeoutFor, resolvePoolOptions } from './options';

describe('resolvePoolOptions', () => {
  it('fills in the defaults', () => {
    expect(resolvePoolOptions({ executablePath: '/usr/bin/chromium' })).toEqual({
      executablePath: '/usr/bin/chromium',
      pages: 2,
      maxQueue: 20,
      queueTimeoutMs: 10_000,
      renderTimeoutMs: 15_000,
      recycleAfter: 100,
      browserRecycleAfter: 1000,
      launchTimeoutMs: 30_000,
      launchArgs: [],
      sandbox: process.getuid?.() !== 0,
      margin: DEFAULT_MARGIN,
      onEvent: undefined,
    });
  });

  it('keeps what is given and merges the margin with the default', () => {
    const onEvent = (): void => undefined;
    const o = resolvePoolOptions({ executablePath: '/x', pages: 4, maxQueue: 0, launchArgs: ['--lang=en-GB'], margin: { top: '20mm' }, onEvent });
    expect(o).toMatchObject({ pages: 4, maxQueue: 0, launchArgs: ['--lang=en-GB'], onEvent });
    expect(o.margin).toEqual({ top: '20mm', right: '14mm', bottom: '16mm', left: '14mm' });
  });

  it('refuses a missing browser path with the install hint', () => {
    expect(() => resolvePoolOptions({ executablePath: '' })).toThrow(PdfUnavailableError);
    expect(() => resolvePoolOptions({ executablePath: '' })).toThrow(CHROMIUM_INSTALL_HINT);
  });

  it.each([
    ['pages', { pages: 0 }, '>= 1'],
    ['pages', { pages: 1.5 }, '>= 1'],
    ['maxQueue', { maxQueue: -1 }, '>= 0'],
    ['queueTimeoutMs', { queueTimeoutMs: 0 }, '>= 1'],
    ['renderTimeoutMs', { renderTimeoutMs: Number.NaN }, '>= 1'],
    ['recycleAfter', { recycleAfter: 0 }, '>= 1'],
    ['browserRecycleAfter', { browserRecycleAfter: -5 }, '>= 1'],
    ['launchTimeoutMs', { launchTimeoutMs: Infinity }, '>= 1'],
  ])('refuses a bad %s with RangeError', (name, bad, min) => {
    expect(() => resolvePoolOptions({ executablePath: '/x', ...bad })).toThrow(new RangeError(`PdfBrowserPool: ${name} must be an integer ${min}`));
  });
});

describe('renderTimeoutFor', () => {
  it('takes a shorter positive limit, never a longer one', () => {
    expect(renderTimeoutFor(300, 15_000)).toBe(300);
    expect(renderTimeoutFor(60_000, 15_000)).toBe(15_000);
  });

  it('ignores a missing, zero, negative or non-finite limit', () => {
    for (const asked of [undefined, 0, -1, Number.NaN, Infinity]) expect(renderTimeoutFor(asked, 15_000)).toBe(15_000);
  });
});
