import { EventEmitter } from 'node:events';
import { PdfRenderError, PdfTimeoutError } from './errors';
import { DEFAULT_MARGIN } from './options';
import { DEFAULT_FOOTER_TEMPLATE, DEFAULT_HEADER_TEMPLATE, pdfOptions, renderOnPage, type RenderPage, type RenderRun, withRenderTimeout } from './render';

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A page double: setContent/pdf resolve after the given delays; emitting 'error' is a crash. */
function fakePage(opts: { contentMs?: number; pdfMs?: number } = {}) {
  const page = new EventEmitter() as EventEmitter & { calls: string[] };
  page.calls = [];
  Object.assign(page, {
    setContent: async (html: string, o: unknown) => {
      page.calls.push(`setContent ${html} ${JSON.stringify(o)}`);
      await delay(opts.contentMs ?? 0);
    },
    pdf: async () => {
      page.calls.push('pdf');
      await delay(opts.pdfMs ?? 0);
      return new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]);
    },
  });
  return page as unknown as RenderPage & EventEmitter & { calls: string[] };
}

describe('withRenderTimeout', () => {
  it('returns the work when it finishes in time', async () => {
    const run: RenderRun = { timedOut: false };
    const onTimeout = jest.fn();
    await expect(withRenderTimeout(Promise.resolve('pdf'), run, 1000, onTimeout)).resolves.toBe('pdf');
    expect(run.timedOut).toBe(false);
    expect(onTimeout).not.toHaveBeenCalled();
  });

  it('passes the work’s own failure through', async () => {
    const run: RenderRun = { timedOut: false };
    await expect(withRenderTimeout(Promise.reject(new Error('boom')), run, 1000, jest.fn())).rejects.toThrow('boom');
    expect(run.timedOut).toBe(false);
  });

  it('rejects with PdfTimeoutError at the limit, marks the run and calls onTimeout once', async () => {
    const run: RenderRun = { timedOut: false };
    const onTimeout = jest.fn();
    const t0 = Date.now();
    const err = await withRenderTimeout(delay(2000), run, 50, onTimeout).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PdfTimeoutError);
    expect(err).toMatchObject({ code: 'PDF_TIMEOUT', timeoutMs: 50 });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(run.timedOut).toBe(true);
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });
});

describe('pdfOptions', () => {
  it('prints A4 with backgrounds, the default header and footer, tagged with an outline', () => {
    expect(pdfOptions({}, { margin: DEFAULT_MARGIN, timeoutMs: 15_000 })).toEqual({
      format: 'A4',
      printBackground: true,
      landscape: false,
      displayHeaderFooter: true,
      headerTemplate: DEFAULT_HEADER_TEMPLATE,
      footerTemplate: DEFAULT_FOOTER_TEMPLATE,
      margin: DEFAULT_MARGIN,
      timeout: 15_000,
      tagged: true,
      outline: true,
    });
  });

  it('takes the caller’s header, footer, orientation and margins over the defaults', () => {
    const o = pdfOptions({ headerTemplate: '<b>H</b>', footerTemplate: '<i>F</i>', landscape: true, margin: { top: '20mm' } }, { margin: DEFAULT_MARGIN, timeoutMs: 5 });
    expect(o).toMatchObject({ headerTemplate: '<b>H</b>', footerTemplate: '<i>F</i>', landscape: true, margin: { ...DEFAULT_MARGIN, top: '20mm' } });
  });
});

describe('renderOnPage', () => {
  it('replaces the document, waits for load, prints and returns a Buffer', async () => {
    const page = fakePage();
    const pdf = await renderOnPage(page, '<p>x</p>', { format: 'A4' }, { timedOut: false }, 1234);
    expect(Buffer.isBuffer(pdf)).toBe(true);
    expect(pdf.toString('latin1')).toBe('%PDF-');
    expect(page.calls).toEqual(['setContent <p>x</p> {"waitUntil":"load","timeout":1234}', 'pdf']);
    expect(page.listenerCount('error')).toBe(0);
  });

  it('fails with PdfRenderError as soon as the page crashes', async () => {
    const page = fakePage({ contentMs: 2000 });
    const out = renderOnPage(page, '<p>x</p>', {}, { timedOut: false }, 1000);
    page.emit('error', new Error('Page crashed!'));
    await expect(out).rejects.toBeInstanceOf(PdfRenderError);
    await expect(out).rejects.toThrow('the page crashed: Page crashed!');
    expect(page.listenerCount('error')).toBe(0);
  });

  it('stops before printing once the run has timed out', async () => {
    const page = fakePage({ contentMs: 30 });
    const run: RenderRun = { timedOut: false };
    const out = renderOnPage(page, '<p>x</p>', {}, run, 1000);
    run.timedOut = true;
    await expect(out).rejects.toThrow('render abandoned after timeout');
    expect(page.calls).not.toContain('pdf');
  });
});
