import type { Citation, Fact } from '../../facts.js';

export type HttpFramework = 'express' | 'fastify' | 'hono' | 'koa' | 'nest' | 'next';

/**
 * Something that runs before a route's handler, as the code applies it. `kind` says how it is applied:
 * `route` — named on the route itself; `wrapper` — wraps the handler (`asyncHandler(fn)`, `withAuth(handler)`);
 * `mount` — given where the route's router is mounted (`app.use('/x', requireAuth, router)`); `use` — a `use` call
 * before the route on a router it passes through; `hook` — a Fastify hook (route option or `addHook`);
 * `guard` — a NestJS guard (`@UseGuards`); `global` — an app-wide NestJS guard (`APP_GUARD`, `useGlobalGuards`);
 * `module` — NestJS middleware from `consumer.apply(…).forRoutes(…)`; `decorator` — a NestJS metadata decorator such
 * as `@Roles('admin')` or `@Public()` that guards read; `middleware-file` — Next.js `middleware.ts` whose matcher
 * covers the route.
 */
export interface MiddlewareUse {
  /** As written: `requireAuth`, `requireRole('admin')`, `fastify.authenticate`, `JwtAuthGuard`, `@Public()`. */
  readonly name: string;
  readonly kind: 'route' | 'wrapper' | 'mount' | 'use' | 'hook' | 'guard' | 'global' | 'module' | 'decorator' | 'middleware-file';
  /** Fastify hook name: `onRequest`, `preHandler`, … */
  readonly hook?: string;
  /** Where it is applied. */
  readonly at: Citation;
  /** Where its code is, when it can be followed (an import, a same-file function, a Fastify decorator). */
  readonly code?: Citation;
  /** The npm package it comes from, when it is not the repository's own code (`express`, `@fastify/jwt`). */
  readonly from?: string;
}

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
  /** NestJS API version, when versioning puts it somewhere other than the path (header, media type). */
  readonly version?: string;
  /** Where the route is declared. */
  readonly file: string;
  readonly line: number;
}

export type HttpRouteFact = Fact<'http.route', HttpRouteData>;
