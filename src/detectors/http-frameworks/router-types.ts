/** The shapes one file's routing is described in (see `router-declarations.ts`). */
import type { HttpFramework } from './types.js';

/**
 * A middleware, hook or wrapper as written where it is applied: `requireAuth`, `passport.authenticate`,
 * `fastify.authenticate`, an inline function. `module` is the import its root identifier comes from, so the graph can
 * find its code; `local` marks a function defined in the same file.
 */
export interface MiddlewareRef {
  readonly name: string;
  readonly module?: string;
  /** The name imported from `module` (`default`, `*`, or the exported name). */
  readonly imported?: string;
  /** A member of what is imported, dotted: `comments.get` for `ctrl.comments.get`. */
  readonly member?: string;
  /** Line of a same-file definition (`function requireAuth`, `const auth = …`). */
  readonly localLine?: number;
  /** Where it is applied. */
  readonly line: number;
  /** The file it is written in, when not the route's (a `createRoute({ middleware })` exported by another module). */
  readonly file?: string;
  /** `onRequest`/`preHandler` for Fastify hooks, `wrapper` for `asyncHandler(fn)`-style wrappers. */
  readonly hook?: string;
}

export interface RouteDecl {
  readonly method: string;
  readonly path: string;
  readonly resolved: boolean;
  /** Handler as written: a name (`createUser`, `users.create`), or an expression that cannot be followed. */
  readonly handler?: string;
  /** False when the handler is an expression that cannot be followed statically (`handlers[name]`, `pick()`). */
  readonly handlerResolved: boolean;
  /** Import specifier the handler's name comes from, when imported, and the name imported. */
  readonly handlerModule?: string;
  readonly handlerImported?: string;
  readonly handlerMember?: string;
  /** Line of the handler: a same-file function, or the inline function itself. */
  readonly handlerLine?: number;
  readonly middleware: readonly MiddlewareRef[];
  readonly line: number;
  /** Source position, for the order of routes and `use` calls on one router. */
  readonly order: number;
}

/** `file`: the file the name or specifier belongs to, when not the mounting one (a list of routers kept in another module). */
export type MountTarget =
  | { readonly kind: 'unit'; readonly name: string; readonly file?: string }
  | { readonly kind: 'import'; readonly module: string; readonly imported: string; readonly file?: string }
  | {
      readonly kind: 'autoload';
      readonly dir: string;
      /** `autoHooks: true`: each folder's `autohooks` file adds hooks to that folder's plugins (and below, with `cascadeHooks`). */
      readonly autoHooks?: 'folder' | 'cascade';
    };

export interface Mount {
  readonly prefix: string;
  /** Middleware given before the mounted router (`app.use('/x', requireAuth, router)`). */
  readonly middleware: readonly MiddlewareRef[];
  readonly resolved: boolean;
  /** Absent when the argument is not a router at all (`app.use(cors())`): then it is `asMiddleware`. */
  readonly target?: MountTarget;
  /** What the argument is when it turns out not to be a router (an imported `requireAuth`). */
  readonly asMiddleware?: MiddlewareRef;
  /** True for `use`-style mounts: a path there scopes middleware (`app.use('/admin', requireAdmin)`). */
  readonly viaUse: boolean;
  /**
   * `registerSecurity(app)`: a function handed this router. Its `use` middleware applies to this router's later
   * routes, as if written here (it is the same app), unlike a mounted sub-router's.
   */
  readonly registrar?: boolean;
  readonly line: number;
  readonly order: number;
  /** `register(fp(plugin), { prefix })`: a `fastify-plugin` (skip-override) plugin, which Fastify registers without the prefix. */
  readonly skipOverride?: boolean;
  /**
   * `if (isProtected) r.use(auth)` in a factory taking `{ isProtected = true }`: the option it depends on, whether
   * negated, and its default; a router the factory makes applies the use only as its caller's option says.
   */
  readonly when?: { readonly option: string; readonly negated: boolean; readonly fallback?: boolean };
}

/** A plugin-level hook: `fastify.addHook('onRequest', fastify.authenticate)`; applies to every route of the plugin. */
export interface Hook {
  readonly ref: MiddlewareRef;
  readonly order: number;
}

export interface Unit {
  readonly name: string;
  framework?: HttpFramework;
  prefix: string;
  readonly routes: RouteDecl[];
  readonly mounts: Mount[];
  readonly hooks: Hook[];
  /** Made by a factory in another file (`const app = createApp()`): that factory's router, whose `use` calls apply. */
  base?: MountTarget;
  /** The boolean options the factory was called with (`createRouter({ isProtected: false })`). */
  baseOptions?: Record<string, boolean>;
  /** The framework was guessed from an ambiguous parameter type (`Router`, `Application`): a mounting app's wins. */
  guessed?: boolean;
  /** Made to be mounted (`express.Router()`): never seen mounted, its routes' full paths are not known. */
  mountable?: boolean;
  /** A plugin function wrapped in `fastify-plugin` (`fp(async (fastify) => …)`): registered, it ignores any prefix. */
  skipOverride?: boolean;
  /** Lines of Hono `route(…)` mounts whose router or prefix could not be followed (`app.route(r.path, r.router)`). */
  openMounts?: number[];
}

export interface FileRouting {
  readonly units: Map<string, Unit>;
  /** Exported name (`default` included) → unit name. */
  readonly exports: Map<string, string>;
  /** Factory function name → the unit it returns. */
  readonly aliases: Map<string, string>;
  /** `fastify.decorate('authenticate', fn)`: decorator name → line, so `fastify.authenticate` finds its code. */
  readonly decorators: Map<string, number>;
  /** `export { a as b } from './x'`: exported name → where it comes from, for mounts imported through barrels. */
  readonly reExports: Map<string, { readonly module: string; readonly imported: string }>;
  /** `export * from './x'`. */
  readonly starExports: string[];
  /** Exported names whose value is wrapped in `fastify-plugin` (`export default fp(plugin)`): registered, they ignore any prefix. */
  readonly skipOverrideExports: Set<string>;
}
