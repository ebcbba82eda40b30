import { HttpException, RequestTimeoutException, type ArgumentsHost } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error';
import { PdfBusyError } from '../reports/pdf/errors';
import { WebErrorFilter } from './web-error.filter';
import type { WebPages } from './web-pages';

function run(err: unknown) {
  const sent: { status: number; page: string; view: { title: string; detail?: string } }[] = [];
  const headers: Record<string, string> = {};
  const pages = {
    send: (_req: unknown, _res: unknown, status: number, page: string, view: { title: string; detail?: string }) => sent.push({ status, page, view }),
  } as unknown as WebPages;
  const res = { headersSent: false, setHeader: (k: string, v: string) => (headers[k] = v) };
  const host = { switchToHttp: () => ({ getRequest: () => ({ method: 'GET', originalUrl: '/x' }), getResponse: () => res }) } as unknown as ArgumentsHost;
  new WebErrorFilter(pages).catch(err, host);
  return { sent, headers };
}

describe('WebErrorFilter', () => {
  it("a busy PDF renderer is the API's 429 with Retry-After, as a page saying so (not the problem page)", () => {
    const { sent, headers } = run(new PdfBusyError('queue_full'));
    expect(sent).toEqual([
      { status: 429, page: 'cannot-complete', view: { title: 'The PDF could not be made', detail: 'PDF renderer is busy: too many reports are waiting; try again shortly' } },
    ]);
    expect(headers['Retry-After']).toBe('5');
  });

  it('any other refusal (408, 429) keeps its status on a page saying so; only a fault is the 500 page', () => {
    expect(run(new RequestTimeoutException('The request took too long')).sent).toEqual([
      { status: 408, page: 'cannot-complete', view: { title: 'This could not be done', detail: 'The request took too long' } },
    ]);
    expect(run(new HttpException('Too many requests', 429)).sent[0]).toMatchObject({ status: 429, page: 'cannot-complete' });
    expect(run(new Error('boom')).sent[0]).toMatchObject({ status: 500, page: 'problem' });
  });

  it('another tenant’s or an unknown id is the 404 page', () => {
    expect(run(new NotFoundError('Statement')).sent).toEqual([{ status: 404, page: 'not-found', view: { title: 'Page not found' } }]);
  });
});
