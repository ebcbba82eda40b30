import { ArgumentsHost, Catch, ExceptionFilter, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProblemDetailsFilter } from '../common/errors/problem-details.filter';
import { WebPages } from './web-pages';

/**
 * A path no route serves: outside the API a person typed or followed it, so they get the 404 page;
 * under /api/ it stays a problem document. (Nest raises NotFoundException for unrouted paths.)
 */
@Catch(NotFoundException)
export class WebNotFoundFilter implements ExceptionFilter {
  private readonly problems = new ProblemDetailsFilter();

  constructor(private readonly pages: WebPages) {}

  catch(err: NotFoundException, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    if (req.path.startsWith('/api/') || (req.method !== 'GET' && req.method !== 'HEAD')) return this.problems.catch(err, host);
    this.pages.send(req, host.switchToHttp().getResponse<Response>(), 404, 'not-found', { title: 'Page not found' });
  }
}
