import type { ArgumentsHost } from '@nestjs/common';
import { PdfBusyError, PdfRenderError, PdfTimeoutError, PdfUnavailableError } from '../../reports/pdf/errors';
import { PdfErrorFilter, pdfErrorProblem } from './pdf-error.filter';

function fakeHttp(url = '/api/v1/consortia/c1/reports/performance.pdf?month=2025-06', headersSent = false) {
  const sent: { status?: number; type?: string; body?: string; headers: Record<string, string> } = { headers: {} };
  const res = {
    headersSent,
    setHeader: (k: string, v: string) => {
      sent.headers[k] = v;
    },
    status(s: number) {
      sent.status = s;
      return this;
    },
    type(t: string) {
      sent.type = t;
      return this;
    },
    send(b: string) {
      sent.body = b;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ url, originalUrl: url }) }) } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('pdfErrorProblem', () => {
  it('maps each PDF error to its status, code, detail and Retry-After', () => {
    expect(pdfErrorProblem(new PdfBusyError('queue_full'))).toEqual({
      retryAfter: 5,
      doc: {
        type: '/problems/pdf-busy',
        title: 'Too Many Requests',
        status: 429,
        code: 'pdf_busy',
        detail: 'PDF renderer is busy: too many reports are waiting; try again shortly',
      },
    });
    expect(pdfErrorProblem(new PdfTimeoutError(1500))).toEqual({
      retryAfter: 10,
      doc: {
        type: '/problems/pdf-timeout',
        title: 'Gateway Timeout',
        status: 504,
        code: 'pdf_timeout',
        detail: 'PDF rendering did not finish within 1500 ms; try again shortly',
      },
    });
    expect(pdfErrorProblem(new PdfUnavailableError('No browser for PDF rendering'))).toEqual({
      retryAfter: 30,
      doc: { type: '/problems/pdf-unavailable', title: 'Service Unavailable', status: 503, code: 'pdf_unavailable', detail: 'No browser for PDF rendering' },
    });
    expect(pdfErrorProblem(new PdfRenderError('the page crashed: boom'))).toEqual({
      retryAfter: 5,
      doc: { type: '/problems/pdf-render-failed', title: 'Service Unavailable', status: 503, code: 'pdf_render_failed', detail: 'the page crashed: boom; try again shortly' },
    });
  });
});

describe('PdfErrorFilter', () => {
  it('answers a problem document with Retry-After and the request as instance', () => {
    const { host, sent } = fakeHttp();
    new PdfErrorFilter().catch(new PdfBusyError('queue_timeout'), host);
    expect(sent.status).toBe(429);
    expect(sent.type).toBe('application/problem+json');
    expect(sent.headers['Retry-After']).toBe('5');
    expect(JSON.parse(sent.body!)).toEqual({
      type: '/problems/pdf-busy',
      title: 'Too Many Requests',
      status: 429,
      code: 'pdf_busy',
      detail: 'PDF renderer is busy: timed out waiting for a free page; try again shortly',
      instance: '/api/v1/consortia/c1/reports/performance.pdf?month=2025-06',
    });
  });

  it('writes nothing once the response has started', () => {
    const { host, sent } = fakeHttp('/x', true);
    new PdfErrorFilter().catch(new PdfTimeoutError(10), host);
    expect(sent).toEqual({ headers: {} });
  });
});
