import type { Fact } from '../../facts.js';

export type HttpFramework = 'express' | 'fastify' | 'hono' | 'koa' | 'nest' | 'next';

/** One HTTP route served by a Node framework (not API Gateway: that is the CDK detector's). */
export interface HttpRouteData {
  readonly framework: HttpFramework;
  /** The package (workspace name, or folder) whose code declares the route; routes are grouped by it. */
  readonly app: string;
  /** Upper-case HTTP method, or `ALL` for `app.all` / `app.use(path, handler)` style catch-alls. */
  readonly method: string;
  /** URL path with every mount prefix composed; dynamic segments as the framework writes them (`:id`, `[id]`). */
  readonly path: string;
  /** False when part of the path came from an expression we could not read (left as `${expr}`). */
  readonly resolved: boolean;
  /** Handler function or controller method name, when it has one. */
  readonly handler?: string;
  /** The file the handler is imported from, when it is imported from the repository. */
  readonly handlerFile?: string;
  /** Names of route-level middleware / guards before the handler (`requireAuth`, `AuthGuard`). */
  readonly middleware?: readonly string[];
  /** Where the route is declared. */
  readonly file: string;
  readonly line: number;
}

export type HttpRouteFact = Fact<'http.route', HttpRouteData>;
