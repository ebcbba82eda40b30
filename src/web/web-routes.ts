import { RequestMethod } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';

/** The web pages' routes, excluded from the API's /api/v1 prefix. */
export const WEB_ROUTES: RouteInfo[] = [
  { path: '/', method: RequestMethod.ALL },
  { path: 'sign-in', method: RequestMethod.ALL },
  { path: 'sign-out', method: RequestMethod.ALL },
  { path: 'accessibility', method: RequestMethod.ALL },
  { path: 'consortium/{*rest}', method: RequestMethod.ALL },
  // an organisation's own users (issue 15). Never a path an API controller uses ('users' is the API's:
  // excluding it would move the API's route out of /api/v1)
  { path: 'organisation/{*rest}', method: RequestMethod.ALL },
  // the signed-in user's own settings (issue 17: email notifications)
  { path: 'account/{*rest}', method: RequestMethod.ALL },
];
