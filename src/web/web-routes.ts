import { RequestMethod } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';

/** The web pages' routes, excluded from the API's /api/v1 prefix. */
export const WEB_ROUTES: RouteInfo[] = [
  { path: '/', method: RequestMethod.ALL },
  { path: 'sign-in', method: RequestMethod.ALL },
  { path: 'sign-out', method: RequestMethod.ALL },
  { path: 'accessibility', method: RequestMethod.ALL },
  { path: 'consortium/{*rest}', method: RequestMethod.ALL },
];
