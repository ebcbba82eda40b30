import { All, Controller, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/principal';
import { NotFoundError } from '../common/errors/domain-error';
import { WebErrorFilter } from './web-error.filter';

/** Any other page under /consortium/…: the 404 page (registered after every page controller). */
@ApiExcludeController()
@Public()
@UseFilters(WebErrorFilter)
@Controller()
export class NotFoundController {
  @All('consortium/{*rest}')
  notFound(): never {
    throw new NotFoundError('Page');
  }
}
