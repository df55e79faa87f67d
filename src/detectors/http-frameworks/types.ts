import type { Citation, Fact } from '../../facts.js';
import type { MiddlewareUse } from '../shared/middleware-use.js';

export type { MiddlewareUse } from '../shared/middleware-use.js';

/** The HTTP methods a file-based router exports or a handler branches on (Next.js, SvelteKit). */
export const HTTP_METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export type HttpFramework = 'express' | 'fastify' | 'hono' | 'koa' | 'elysia' | 'nest' | 'next' | 'remix' | 'routing-controllers' | 'sveltekit' | 'tsed' | 'decorators';

/** One HTTP route served by a Node framework (not API Gateway: that is the CDK detector's). */
export interface HttpRouteData {
  readonly framework: HttpFramework;
  /**
   * The package (workspace name, or folder) whose code declares the route; routes are grouped by it. A route a
   * factory in a shared package adds to every app it makes (`createServiceApp()` adding `/docs`) is the calling app's.
   */
  readonly app: string;
  /** Declared by such a factory in another package, not by the app's own code (`file` is the factory's). */
  readonly byFactory?: boolean;
  /** Upper-case HTTP method, or `ALL` for `app.all` / `app.use(path, handler)` style catch-alls. */
  readonly method: string;
  /** URL path with every mount prefix composed; dynamic segments as the framework writes them (`:id`, `[id]`). */
  readonly path: string;
  /** False when part of the path came from an expression we could not read (left as `${expr}`). */
  readonly resolved: boolean;
  /** Handler function or controller method name as written; absent for an inline function. */
  readonly handler?: string;
  /** False when the handler is an expression that cannot be followed statically; `handler` is then that expression. */
  readonly handlerResolved?: boolean;
  /** The file the handler is imported from, when it is imported from the repository (kept for `--json` readers). */
  readonly handlerFile?: string;
  /** Where the handler's code is: its definition (file and line), or the inline function. */
  readonly handlerAt?: Citation;
  /** Names of what runs before the handler, outermost first (see `middlewareUses` for where each comes from). */
  readonly middleware?: readonly string[];
  /** The same, with how each is applied, where, and where its code is. */
  readonly middlewareUses?: readonly MiddlewareUse[];
  /** A route prefix set at run time (routing-controllers' `routePrefix: env.x`): `path` is then under it, without it. */
  readonly runtimePrefix?: { readonly expression: string; readonly at: Citation };
  /** Decorator-routed controllers of a framework not known by name: the packages the verb decorators come from. */
  readonly decoratorsFrom?: readonly string[];
  /** NestJS API version, when versioning puts it somewhere other than the path (header, media type). */
  readonly version?: string;
  /** The handler serves an API docs UI (`app.get('/swagger', swaggerUI({ url }))`): a route, labelled as the docs. */
  readonly docsUi?: 'Swagger UI';
  /** Where the route is declared. */
  readonly file: string;
  readonly line: number;
}

export type HttpRouteFact = Fact<'http.route', HttpRouteData>;

/**
 * A router made to be mounted that no code mounts (its mounts only in comments, its module imported only for other
 * exports or not at all): its routes are not served, so they are listed apart from the routes, never counted in them.
 */
export interface UnmountedRouterData {
  readonly framework: HttpFramework;
  readonly app: string;
  readonly router: string;
  /** Where the router is declared. */
  readonly file: string;
  readonly line: number;
  /** Imports of its module that take only its other exports, or bind it and never use it. */
  readonly importedAt: readonly Citation[];
  /** Its routes (and those of routers it mounts), as declared: the paths lack whatever prefix a mount would add. */
  readonly routes: readonly { readonly method: string; readonly path: string; readonly file: string; readonly line: number }[];
}

export type UnmountedRouterFact = Fact<'http.unmounted-router', UnmountedRouterData>;
