import type { INestApplication } from '@nestjs/common';

/** Every route the running app serves, as 'METHOD /path' (express 5 router, after Nest registered them). */
export function registeredRoutes(app: INestApplication): string[] {
  const instance = app.getHttpAdapter().getInstance();
  const router = instance.router ?? instance._router;
  const out = new Set<string>();
  for (const layer of router.stack) {
    const route = layer.route;
    if (!route) continue;
    for (const method of Object.keys(route.methods)) {
      if (method === '_all') continue;
      out.add(`${method.toUpperCase()} ${route.path}`);
    }
  }
  // Nest's catch-all for unknown paths ({*path}) is not a route of ours.
  return [...out].filter((r) => r.includes('/api/v1/') && !r.includes('{*path}')).sort();
}
