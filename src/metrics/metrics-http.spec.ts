import type { Request } from 'express';
import { bearerMatches, routeLabel } from './metrics-http';

describe('metrics over HTTP', () => {
  it('bearerMatches accepts exactly "Bearer <token>"', () => {
    const token = 'metrics-token-0123456789';
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(undefined, token)).toBe(false);
    expect(bearerMatches(token, token)).toBe(false);
    expect(bearerMatches(`Bearer ${token}x`, token)).toBe(false);
    expect(bearerMatches(`Bearer ${token.slice(1)}`, token)).toBe(false);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(false);
    expect(bearerMatches('Bearer ', token)).toBe(false);
  });

  it('routeLabel is the matched pattern under its mount point, or "unmatched"', () => {
    expect(routeLabel({ baseUrl: '', route: { path: '/api/v1/consortia/:id' } } as unknown as Request)).toBe('/api/v1/consortia/:id');
    expect(routeLabel({ baseUrl: '/consortium', route: { path: '/:id/board' } } as unknown as Request)).toBe('/consortium/:id/board');
    expect(routeLabel({ baseUrl: '', originalUrl: '/api/v1/consortia/0b6c3f1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' } as unknown as Request)).toBe('unmatched');
  });
});
