import type { Citation, Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { dependsOn } from '../../scan/package-json.js';
import { mentions } from '../shared/ast.js';
import { isAppSource } from '../shared/source-scope.js';
import { importedFromTestFolders } from '../shared/imported-test-folders.js';
import { stableIds } from '../shared/stable-ids.js';
import { nestRoutes } from './nest.js';
import { nextApiRoutes } from './next.js';
import { remixRoutes } from './remix.js';
import { routingControllersRoutes } from './routing-controllers.js';
import { sveltekitRoutes } from './sveltekit.js';
import { tsedRoutes } from './tsed.js';
import { decoratorRoutes } from './decorator-routes.js';
import { composeRoutes } from './router-graph.js';
import { crossFileLinks, factoryUsers } from './router-links.js';
import type { HttpRouteData, HttpRouteFact, MiddlewareUse, UnmountedRouterData, UnmountedRouterFact } from './types.js';
import { apiDocsIn, docsRouteLines, type ApiDocsData, type ApiDocsFact } from './api-docs.js';

export type { HttpFramework, HttpRouteData, HttpRouteFact, MiddlewareUse, UnmountedRouterData, UnmountedRouterFact } from './types.js';
export type { ApiDocsData, ApiDocsFact } from './api-docs.js';

const SERVER_DEPS = /^(express|fastify|hono|koa|elysia|@koa\/router|koa-router|@nestjs\/core|@nestjs\/common|routing-controllers|@tsed\/common|@tsed\/di|@tsed\/schema|@tsed\/platform-express|@tsed\/platform-koa)$/;
/** Frameworks whose route files serve requests themselves: Next.js route handlers, Remix/React Router loaders and actions, SvelteKit server files. */
/**
 * Packages that may bring a decorator framework over a server the manifest does not name (`@acme/koa-framework`,
 * `inversify-express-utils`): the decorator reader then looks at the code (text first).
 */
const WRAPPED_SERVER_DEPS = /koa|express|fastify|hono|restify|hapi|controller|inversify|decorator|framework|router|server|http/i;
const REQUEST_FRAMEWORKS = /^(next|@remix-run\/react|@remix-run\/node|@react-router\/dev|@sveltejs\/kit)$/;
const HANDED_APP_ROUTE = /\b(app|router|server|fastify|api)\.(get|post|put|patch|delete|all|route|on|openapi)\s*\(\s*['"`\[]/;
const IMPORT_NEEDLES = ["'express'", '"express"', 'fastify', "'hono", '"hono', '@hono/', "'koa", '"koa', '@koa/router', 'koa-router', "'elysia'", '"elysia"'];

/**
 * Express, Fastify, Hono, Koa-router, NestJS, routing-controllers and Ts.ED controllers, Next.js API routes, and Remix / React Router loaders and
 * actions: one `http.route` fact per route, and one `http.docs` fact per API docs UI (Swagger UI), which is not a route.
 */
export const httpFrameworksDetector: Detector = {
  id: 'http-frameworks',
  isEnabled(index: RepoIndex): boolean {
    if (index.packages.length === 0) return true;
    return index.packages.some((p) => dependsOn(p.manifest, SERVER_DEPS) || dependsOn(p.manifest, REQUEST_FRAMEWORKS) || dependsOn(p.manifest, WRAPPED_SERVER_DEPS));
  },
  detect(index: RepoIndex): Fact[] {
    let sources = index.files.filter((f) => isAppSource(index, f));
    // Enabled only by a dependency that may wrap a server (`react-router-dom` matches too): the decorator reader alone,
    // which looks at the code text first; the other readers have nothing to find without a server or request framework.
    const named = index.packages.length === 0 || index.packages.some((p) => dependsOn(p.manifest, SERVER_DEPS) || dependsOn(p.manifest, REQUEST_FRAMEWORKS));
    const appOf = (file: string) => {
      const pkg = index.packageOf(file);
      return pkg ? pkg.name : '(root)';
    };
    const decorated = (): HttpRouteData[] =>
      decoratorRoutes(index, sources).map(({ middleware, ...rest }) => ({ framework: 'decorators', app: appOf(rest.file), ...rest, ...middlewareFields(middleware) }));
    if (!named) return routeFacts(decorated(), []);
    const servers = new Map<string, boolean>();
    const serverPackage = (file: string) => {
      const pkg = index.packageOf(file);
      if (!pkg) return false;
      let server = servers.get(pkg.dir);
      if (server === undefined) servers.set(pkg.dir, (server = dependsOn(pkg.manifest, SERVER_DEPS)));
      return server;
    };
    const routes: HttpRouteData[] = [];
    // Also files that route on an app they are handed (`app.get('/api/x', …)` in a registrar), or on one a project's
    // hono/factory object makes (`honoFactory.createApp()`), in a server package.
    const routing = (f: string) => {
      const text = index.read(f);
      return mentions(text, IMPORT_NEEDLES) || (!!text && serverPackage(f) && (HANDED_APP_ROUTE.test(text) || text.includes('.createApp(')));
    };
    // A `test` folder the application imports from (`rest-routers/test/index.ts`, mounted at `/examples`) is its code.
    sources = [...sources, ...[...importedFromTestFolders(index)].filter(routing)];
    const direct = sources.filter(routing);
    const candidates = factoryUsers(index, sources, direct, crossFileLinks(index));
    const unmounted = new Map<string, UnmountedRouterData>();
    for (const r of composeRoutes(index, candidates)) {
      if (r.unmountedRouter) {
        const u = r.unmountedRouter;
        const k = `${u.at.file}\0${u.name}`;
        const prior = unmounted.get(k);
        const route = { method: r.method, path: r.path, file: r.file, line: r.line };
        if (prior) unmounted.set(k, { ...prior, routes: [...prior.routes, route] });
        else unmounted.set(k, { framework: r.framework, app: appOf(u.at.file), router: u.name, file: u.at.file, line: u.at.line ?? 0, importedAt: u.importedAt, routes: [route] });
        continue;
      }
      routes.push({
        framework: r.framework,
        app: appOf(r.madeIn ?? r.file),
        ...(r.madeIn && appOf(r.madeIn) !== appOf(r.file) ? { byFactory: true } : {}),
        method: r.method,
        path: r.path,
        resolved: r.resolved,
        ...handlerFields(r),
        ...middlewareFields(r.middleware),
        file: r.file,
        line: r.line,
      });
    }
    for (const r of nestRoutes(index, sources)) {
      const { middleware, handlerAt, ...rest } = r;
      routes.push({ framework: 'nest', app: appOf(r.file), ...rest, handlerAt, ...middlewareFields(middleware) });
    }
    for (const r of routingControllersRoutes(index, sources)) {
      const { middleware, ...rest } = r;
      routes.push({ framework: 'routing-controllers', app: appOf(r.file), ...rest, ...middlewareFields(middleware) });
    }
    for (const r of tsedRoutes(index, sources)) {
      const { middleware, ...rest } = r;
      routes.push({ framework: 'tsed', app: appOf(r.file), ...rest, ...middlewareFields(middleware) });
    }
    routes.push(...decorated());
    const nextPackages = index.packages.filter((p) => dependsOn(p.manifest, 'next'));
    for (const pkg of nextPackages) {
      for (const r of nextApiRoutes(index, pkg.dir)) {
        if (index.packageOf(r.file)?.dir !== pkg.dir) continue;
        const { middleware, ...rest } = r;
        routes.push({ framework: 'next', app: pkg.name, resolved: true, ...rest, ...middlewareFields(middleware) });
      }
    }
    routes.push(...remixRoutes(index));
    routes.push(...sveltekitRoutes(index));
    // A Swagger UI mount is where the API is documented, not an endpoint of it.
    const docs = sources.flatMap((f) => apiDocsIn(index, f));
    return [...routeFacts(routes, docs), ...unmountedFacts([...unmounted.values()])];
  },
};

/**
 * The route facts with stable ids, then the docs facts. A Swagger UI mounted as middleware (`app.use('/docs', …)`,
 * method ALL) is left out: it is documentation, not an endpoint. One registered with a verb (`app.get('/swagger',
 * swaggerUI(…))`) is a route like any other, and says it serves the docs.
 */
function routeFacts(routes: HttpRouteData[], docs: readonly ApiDocsData[]): Fact[] {
  const uiLines = docsRouteLines(docs);
  const kept =
    uiLines.size === 0
      ? routes
      : routes.flatMap((r): HttpRouteData[] => (!uiLines.has(`${r.file}:${r.line}`) ? [r] : r.method === 'ALL' ? [] : [{ ...r, docsUi: 'Swagger UI' }]));
  const sorted = kept.sort(
    (a, b) => cmp(a.app, b.app) || cmp(a.framework, b.framework) || cmp(a.path, b.path) || cmp(a.method, b.method) || cmp(a.file, b.file) || a.line - b.line,
  );
  // `GET /v1/books`, qualified by app, then file, then line only where two routes would share an id.
  const ids = stableIds(sorted, [
    (d) => `${d.method} ${d.path}`,
    (d) => `${d.app} ${d.method} ${d.path}`,
    (d) => `${d.app} ${d.method} ${d.path} ${d.file}`,
    (d) => `${d.app} ${d.method} ${d.path} ${d.file}:${d.line}`,
  ]);
  const facts = sorted.map((data, i): HttpRouteFact => ({ kind: 'http.route', id: ids[i], data, at: [{ file: data.file, line: data.line }] }));
  return [...facts, ...docsFacts(docs)];
}

function unmountedFacts(list: readonly UnmountedRouterData[]): UnmountedRouterFact[] {
  return [...list]
    .sort((a, b) => cmp(a.file, b.file) || a.line - b.line)
    .map((data) => ({ kind: 'http.unmounted-router', id: `${data.file}#${data.router}`, data: { ...data, routes: [...data.routes].sort((a, b) => cmp(a.file, b.file) || a.line - b.line) }, at: [{ file: data.file, line: data.line }] }));
}

function handlerFields(r: { handler?: string; handlerResolved: boolean; handlerAt?: Citation }): Partial<HttpRouteData> {
  return {
    ...(r.handler !== undefined ? { handler: r.handler } : {}),
    ...(r.handlerResolved ? {} : { handlerResolved: false }),
    ...(r.handlerAt ? { handlerAt: r.handlerAt } : {}),
    // The file alone, for readers of the earlier fact shape: only when the code is in another file.
    ...(r.handlerAt && r.handler !== undefined ? { handlerFile: r.handlerAt.file } : {}),
  };
}

function middlewareFields(uses: readonly MiddlewareUse[]): Partial<HttpRouteData> {
  return uses.length === 0 ? {} : { middleware: uses.map((u) => u.name), middlewareUses: uses };
}

/** One fact per UI: `use('/api-docs', serve)` and `get('/api-docs', setup(spec))` in one file are one. */
function docsFacts(docs: readonly ApiDocsData[]): ApiDocsFact[] {
  const byKey = new Map<string, ApiDocsData>();
  for (const d of docs) {
    const key = `${d.file} ${d.on ?? ''} ${d.path}`;
    if (!byKey.has(key)) byKey.set(key, d);
  }
  return [...byKey.entries()].map(([key, data]) => ({ kind: 'http.docs', id: `docs ${key}`, data, at: [{ file: data.file, line: data.line }] }));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
