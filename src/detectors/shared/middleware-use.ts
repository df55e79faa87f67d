/** What runs in front of a handler, shared by the HTTP, tRPC, Server Action and GraphQL detectors. */
import type { Citation } from '../../facts.js';

/**
 * Something that runs before a route's handler, as the code applies it. `kind` says how it is applied:
 * `route` — named on the route itself; `wrapper` — wraps the handler (`asyncHandler(fn)`, `withAuth(handler)`);
 * `mount` — given where the route's router is mounted (`app.use('/x', requireAuth, router)`); `use` — a `use` call
 * before the route on a router it passes through; `hook` — a Fastify hook (route option or `addHook`);
 * `guard` — a NestJS guard (`@UseGuards`); `global` — an app-wide NestJS guard (`APP_GUARD`, `useGlobalGuards`);
 * `module` — NestJS middleware from `consumer.apply(…).forRoutes(…)`; `decorator` — a NestJS metadata decorator such
 * as `@Roles('admin')` or `@Public()` that guards read; `middleware-file` — Next.js `middleware.ts` whose matcher
 * covers the route; `procedure` — middleware of a tRPC procedure builder (`t.procedure.use(isAuthed)`) or of the
 * procedure's own chain; `action-client` — middleware of a next-safe-action client (`actionClient.use(…)`); `rule` — a graphql-shield rule
 * for the operation; `session-check` — a session read and tested in the handler's own body; `auth-helper` — a function
 * of the repository the handler calls that checks who is asking and answers 401 itself (`parseRequest(request)`); `server-hook` — SvelteKit's `handle` in
 * `src/hooks.server`, which runs before every request of the app.
 */
export interface MiddlewareUse {
  /** As written: `requireAuth`, `requireRole('admin')`, `fastify.authenticate`, `JwtAuthGuard`, `@Public()`. */
  readonly name: string;
  readonly kind:
    | 'route'
    | 'wrapper'
    | 'mount'
    | 'use'
    | 'hook'
    | 'guard'
    | 'global'
    | 'module'
    | 'decorator'
    | 'middleware-file'
    | 'procedure'
    | 'action-client'
    | 'rule'
    | 'session-check'
    | 'auth-helper'
    | 'server-hook';
  /** The path a `use` given its own path applies under (`app.use('/admin', requireAdmin)`: `/admin`), as composed. */
  readonly under?: string;
  /** Fastify hook name: `onRequest`, `preHandler`, … */
  readonly hook?: string;
  /** Where it is applied. */
  readonly at: Citation;
  /** Where its code is, when it can be followed (an import, a same-file function, a Fastify decorator). */
  readonly code?: Citation;
  /** The npm package it comes from, when it is not the repository's own code (`express`, `@fastify/jwt`). */
  readonly from?: string;
  /** An option listing paths it skips (`publicPaths`, `unless`), when it is given one (middleware-skips.ts). */
  readonly skips?: MiddlewareSkips;
}

/** `auth({ publicPaths: ['/webhooks'] })`: the option and, when every entry is a literal path, the paths. */
export interface MiddlewareSkips {
  readonly option: string;
  readonly at: Citation;
  /** Absent when the list is not literal: the middleware may skip some paths, which ones is not known. */
  readonly paths?: readonly string[];
}

