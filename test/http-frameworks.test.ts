import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { FactSet } from '../src/facts.js';
import { selects } from '../src/detectors/http-frameworks/nest-app.js';
import { stableIds } from '../src/detectors/shared/stable-ids.js';
import { httpRoutesPart } from '../src/steps/parts/http-routes.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf } from './helpers/fixture.js';

async function routes(fixture: string): Promise<HttpRouteData[]> {
  return (await detect(httpFrameworksDetector, fixture)).map((f) => f.data as HttpRouteData);
}

/** `METHOD path file:line` per route, the way a reader checks them. */
const lines = (list: readonly HttpRouteData[]) => list.map((r) => `${r.method} ${r.path} ${r.file}:${r.line}`);

async function part(fixture: string): Promise<string> {
  const index = await indexOf(fixture);
  const md = httpRoutesPart(new FactSet(await detect(httpFrameworksDetector, fixture)));
  expect(missingCitations(md, index)).toEqual([]);
  return md;
}

/** `name:kind` per middleware use of a route, outermost first. */
const chain = (r: HttpRouteData | undefined) => (r?.middlewareUses ?? []).map((m) => `${m.name}:${m.kind}`);
const find = (list: readonly HttpRouteData[], method: string, path: string) => list.find((r) => r.method === method && r.path === path);

describe('Express', () => {
  it('composes mounted routers, router factories, route chains, functions given the app, and class-held apps', async () => {
    const list = await routes('be-express');
    expect(list.every((r) => r.framework === 'express' && r.app === 'be-express' && r.resolved)).toBe(true);
    expect(lines(list)).toEqual([
      'GET / src/app.ts:13',
      'GET /admin/open src/routes/admin-panel.ts:10',
      'DELETE /admin/reports src/routes/admin-panel.ts:15',
      'GET /admin/reports src/routes/admin-panel.ts:12',
      'POST /admin/reports/:kind src/routes/admin-panel.ts:13',
      'GET /admin/status src/admin-server.ts:8',
      'GET /api/orders src/routes/orders.ts:5',
      'DELETE /api/orders/:orderId src/routes/orders.ts:6',
      'GET /api/users src/routes/users.ts:7',
      'POST /api/users src/routes/users.ts:9',
      'GET /api/users/:id src/routes/users.ts:8',
      'GET /api/users/:id/avatar src/routes/users.ts:10',
      'PUT /api/users/:id/avatar src/routes/users.ts:10',
      'GET /health src/routes/health.ts:4',
      'GET /public/ping src/routes/public.ts:3',
      'GET /v2/admin/stats src/routes/admin.route.js:4',
      'GET /v2/items src/routes/items.route.js:8',
      'POST /v2/items src/routes/items.route.js:9',
    ]);
    expect(find(list, 'POST', '/api/users')).toMatchObject({
      handler: 'createUser',
      handlerFile: 'src/controllers/users.ts',
      handlerAt: { file: 'src/controllers/users.ts', line: 9 },
      middleware: ['express.json()', 'requireAuth', "validate('createUser')"],
    });
    // Where each one's code is, and how it is applied.
    expect(find(list, 'POST', '/api/users')?.middlewareUses).toEqual([
      { name: 'express.json()', kind: 'use', at: { file: 'src/app.ts', line: 11 }, from: 'express' },
      { name: 'requireAuth', kind: 'mount', at: { file: 'src/app.ts', line: 14 }, code: { file: 'src/middleware/auth.ts', line: 3 } },
      { name: "validate('createUser')", kind: 'route', at: { file: 'src/routes/users.ts', line: 9 }, code: { file: 'src/middleware/validate.ts', line: 1 } },
    ]);
  });

  it('applies router-level use() to the routes declared after it, follows namespace imports, keeps routes inside if blocks', async () => {
    const list = await routes('be-express');
    expect(chain(find(list, 'GET', '/admin/open'))).toEqual(['express.json():use']);
    expect(chain(find(list, 'GET', '/admin/reports'))).toEqual(['express.json():use', 'requireAdmin:use']);
    expect(find(list, 'GET', '/admin/reports')).toMatchObject({ handler: 'reports.list', handlerAt: { file: 'src/controllers/reports.ts', line: 7 } });
    expect(find(list, 'GET', '/admin/reports')?.middlewareUses?.[1].code).toEqual({ file: 'src/middleware/auth.ts', line: 8 });
    expect(find(list, 'DELETE', '/admin/reports')).toMatchObject({ handler: 'reports.purge', line: 15 });
    // A class-held app is a second app: nothing of the first one's middleware applies to it.
    expect(find(list, 'GET', '/admin/status')?.middleware).toBeUndefined();
  });

  it('says when a handler cannot be resolved statically, with the expression as written, and never names a file for it', async () => {
    const r = find(await routes('be-express'), 'POST', '/admin/reports/:kind');
    expect(r).toMatchObject({ handler: "handlers[process.env.REPORT_KIND ?? 'export']", handlerResolved: false });
    expect(r?.handlerAt).toBeUndefined();
    expect(r?.handlerFile).toBeUndefined();
  });

  it('reads route tables kept as data (forEach and for-of over arrays of { path, route }) and chained Router()', async () => {
    const list = await routes('be-express');
    // Both loops mount `/items`; the route is listed once.
    expect(list.filter((r) => r.path === '/v2/items' && r.method === 'GET')).toHaveLength(1);
    expect(find(list, 'GET', '/v2/items')).toMatchObject({ handler: 'listItems', handlerAt: { file: 'src/routes/items.route.js', line: 11 } });
    // A wrapper around the handler is listed in front of it, with its code.
    expect(find(list, 'GET', '/v2/items')?.middlewareUses?.at(-1)).toMatchObject({ name: 'catchAsync', kind: 'wrapper', code: { file: 'src/middleware/catch-async.js', line: 1 } });
    expect(find(list, 'GET', '/public/ping')).toMatchObject({ handler: 'ping', resolved: true });
  });

  it('writes one table per app with handler code, middleware, and where each middleware is', async () => {
    const md = await part('be-express');
    expect(md.startsWith('#### Express: be-express\n')).toBe(true);
    expect(md).toContain(
      "| `POST /api/users` | `createUser` `/src/controllers/users.ts:9` | `express.json()`, `requireAuth`, `validate('createUser')` | `/src/routes/users.ts:9` |",
    );
    expect(md).toContain('| `GET /health` | inline | `express.json()` | `/src/routes/health.ts:4` |');
    expect(md).toContain("| `POST /admin/reports/:kind` | `handlers[process.env.REPORT_KIND ?? 'export']` (not resolved statically) |");
    expect(md).toContain('- `requireAuth` — code in `/src/middleware/auth.ts:3`; where the router is mounted, at `/src/app.ts:14`');
    expect(md).toContain('- `express.json()` — from the `express` package; `use` before the route, at `/src/app.ts:11`');
  });
});

describe('Fastify', () => {
  it('follows register prefixes, nested plugins, inline plugins, route() with several methods and autoload folders', async () => {
    const list = await routes('be-fastify');
    expect(lines(list)).toEqual([
      'GET / src/server.ts:22',
      'HEAD / src/server.ts:22',
      'GET /api src/routes/root.ts:2',
      'GET /api/items src/routes/items/index.js:2',
      'GET /api/items/:itemId src/routes/items/index.js:3',
      'GET /internal/ping src/server.ts:18',
      'GET /v1/admin/stats src/v1/admin.ts:5',
      'GET /v1/books src/v1/books.ts:7',
      'POST /v1/books src/v1/books.ts:8',
      'DELETE /v1/books/:id src/v1/books.ts:9',
      'GET /v1/books/top src/v1/books.ts:10',
      'POST /v1/users src/plugins/users.ts:6',
      'GET /v1/users/:id src/plugins/users.ts:5',
    ]);
    expect(find(list, 'GET', '/v1/users/:id')).toMatchObject({ handler: 'getUser', handlerFile: 'src/handlers/users.ts' });
    expect(find(list, 'GET', '/')).toMatchObject({ handler: 'rootHandler', framework: 'fastify' });
    await part('be-fastify');
  });

  it('reads routes on a withTypeProvider() alias, and authenticate hooks from route options, route() and addHook', async () => {
    const list = await routes('be-fastify');
    // `Fastify().withTypeProvider<…>()` is the app; `fastify.withTypeProvider<…>().get(…)` a route on the plugin.
    expect(find(list, 'GET', '/v1/books/top')).toMatchObject({ handler: 'listBooks', file: 'src/v1/books.ts' });
    expect(find(list, 'GET', '/v1/books')).toMatchObject({ handler: 'listBooks', handlerAt: { file: 'src/handlers/books.ts', line: 1 } });
    expect(find(list, 'GET', '/v1/books')?.middleware).toBeUndefined();
    const auth = { file: 'src/plugins/auth.ts', line: 6 };
    expect(find(list, 'POST', '/v1/books')?.middlewareUses).toEqual([
      { name: 'fastify.authenticate', kind: 'hook', hook: 'onRequest', at: { file: 'src/v1/books.ts', line: 8 }, code: auth },
    ]);
    expect(find(list, 'DELETE', '/v1/books/:id')).toMatchObject({ handler: 'removeBook', handlerAt: { file: 'src/v1/books.ts', line: 13 } });
    expect(find(list, 'DELETE', '/v1/books/:id')?.middlewareUses).toEqual([
      { name: 'app.authenticate', kind: 'hook', hook: 'preHandler', at: { file: 'src/v1/books.ts', line: 9 }, code: auth },
    ]);
    // A plugin's addHook guards every route of that plugin, and nothing outside it.
    expect(find(list, 'GET', '/v1/admin/stats')?.middlewareUses).toEqual([
      { name: 'fastify.authenticate', kind: 'hook', hook: 'onRequest', at: { file: 'src/v1/admin.ts', line: 4 }, code: auth },
    ]);
    expect(find(list, 'GET', '/v1/users/:id')?.middleware).toBeUndefined();
    expect(await part('be-fastify')).toContain('| `POST /v1/books` | `createBook` `/src/handlers/books.ts:5` | `fastify.authenticate` (onRequest) | `/src/v1/books.ts:8` |');
  });

  it("gives an autoload folder's autohooks file to the plugins of that folder and below, not to the others", async () => {
    const list = await routes('be-fastify');
    const hook = { name: 'verifyApiKey', kind: 'hook', hook: 'onRequest', at: { file: 'src/routes/items/autohooks.ts', line: 6 }, code: { file: 'src/plugins/api-key.ts', line: 3 } };
    expect(find(list, 'GET', '/api/items/:itemId')?.middlewareUses).toEqual([hook]);
    expect(find(list, 'GET', '/api')?.middleware).toBeUndefined();
    // The hooks file itself is no route plugin.
    expect(list.some((r) => r.file.endsWith('autohooks.ts'))).toBe(false);
  });
});

describe('Hono', () => {
  it('applies basePath, app.route sub-apps, chained methods and app.on', async () => {
    expect(lines(await routes('be-hono'))).toEqual([
      'GET /api src/index.ts:10',
      'GET /api/admin/users src/admin.ts:5',
      'GET /api/books src/books.ts:5',
      'POST /api/books src/books.ts:5',
      'GET /api/books/:id src/books.ts:6',
      'GET /api/books/reviews src/books.ts:14',
      'POST /api/books/reviews src/books.ts:14',
      'DELETE /api/things/:id src/index.ts:13',
      'PUT /api/things/:id src/index.ts:13',
    ]);
    // `new Hono().get('/reviews', a).post(b)`: the method without a path serves the previous one's.
    expect(find(await routes('be-hono'), 'POST', '/api/books/reviews')).toMatchObject({ handler: 'addReview', handlerAt: { file: 'src/books.ts', line: 17 } });
    expect(await part('be-hono')).toContain('#### Hono: be-hono');
  });

  it("applies app.use('*') to every route and app.use('/admin/*') to the routes under it, across mounted sub-apps", async () => {
    const list = await routes('be-hono');
    expect(chain(find(list, 'GET', '/api/books'))).toEqual(['authMiddleware:use']);
    expect(chain(find(list, 'GET', '/api/admin/users'))).toEqual(['authMiddleware:use', 'bearerAuth(…):use']);
    expect(find(list, 'GET', '/api/admin/users')?.middlewareUses?.[1]).toMatchObject({ from: 'hono', at: { file: 'src/index.ts', line: 14 } });
    const md = await part('be-hono');
    expect(md).toContain('Every route here passes through `authMiddleware`.');
    expect(md).toContain('| `GET /api/admin/users` | inline | `bearerAuth(…)` | `/src/admin.ts:5` |');
  });
});

describe('Koa', () => {
  it('reads router prefixes, named routes, nested router.use and router-level middleware', async () => {
    const list = await routes('be-koa');
    expect(lines(list)).toEqual([
      'GET /api/health src/app.ts:9',
      'GET /api/legacy/orders src/legacy.js:6',
      'GET /api/legacy/orders/:id/lines src/legacy.js:7',
      'GET /api/users src/users.ts:6',
      'POST /api/users/:id src/users.ts:8',
    ]);
    expect(chain(find(list, 'GET', '/api/users'))).toEqual([]);
    expect(find(list, 'POST', '/api/users/:id')?.middlewareUses).toEqual([
      { name: 'requireUser', kind: 'use', at: { file: 'src/users.ts', line: 7 }, code: { file: 'src/auth.ts', line: 3 } },
    ]);
    await part('be-koa');
  });
});

describe('NestJS', () => {
  it('joins the global prefix (and its exclusions), the URI version, the controller path and the method path', async () => {
    const list = await routes('be-nest');
    expect(list.map((r) => `${r.method} ${r.path} ${r.handler}`)).toEqual([
      'GET /api/v1/orders OrdersController.list',
      'POST /api/v1/orders OrdersController.place',
      'GET /api/v1/users UsersController.findAll',
      'POST /api/v1/users UsersController.create',
      'DELETE /api/v1/users/:id UsersController.remove',
      'GET /api/v2/orders OrdersController.list',
      'POST /api/v2/orders OrdersController.place',
      'GET /api/v2/users/:id UsersController.findOne',
      'GET /v1/health HealthController.check',
    ]);
    expect(find(list, 'DELETE', '/api/v1/users/:id')).toMatchObject({
      file: 'src/users/users.controller.ts',
      line: 24,
      handlerAt: { file: 'src/users/users.controller.ts', line: 24 },
    });
  });

  it('puts app middleware, consumer middleware, APP_GUARD, @UseGuards and policy decorators in front of each route, in Nest order', async () => {
    const list = await routes('be-nest');
    expect(chain(find(list, 'DELETE', '/api/v1/users/:id'))).toEqual([
      'helmet():use',
      'AuditMiddleware:module',
      'JwtAuthGuard:global',
      "AuthGuard('jwt'):guard",
      "@Roles('admin'):decorator",
      'RolesGuard:guard',
    ]);
    // `.exclude({ path: 'users', method: GET })` and `.forRoutes(…, { path: 'orders', method: POST })`.
    expect(chain(find(list, 'GET', '/api/v1/users'))).not.toContain('AuditMiddleware:module');
    expect(chain(find(list, 'GET', '/api/v1/orders'))).not.toContain('AuditMiddleware:module');
    expect(chain(find(list, 'POST', '/api/v1/orders'))).toContain('AuditMiddleware:module');
    const uses = find(list, 'GET', '/v1/health')?.middlewareUses ?? [];
    expect(uses.map((u) => [u.name, u.kind, u.code])).toEqual([
      ['helmet()', 'use', undefined],
      ['JwtAuthGuard', 'global', { file: 'src/auth/jwt-auth.guard.ts', line: 8 }],
      ['@Public()', 'decorator', { file: 'src/auth/public.decorator.ts', line: 4 }],
    ]);
    expect(uses[1].at).toEqual({ file: 'src/app.module.ts', line: 11 });
    expect(uses[0].from).toBe('helmet');
    const md = await part('be-nest');
    expect(md).toContain('Every route here passes through `helmet()`, `JwtAuthGuard`.');
    expect(md).toContain(
      "| `DELETE /api/v1/users/:id` | `UsersController.remove` | `AuditMiddleware`, `AuthGuard('jwt')`, `@Roles('admin')`, `RolesGuard` | `/src/users/users.controller.ts:24` |",
    );
    expect(md).toContain('- `JwtAuthGuard` — code in `/src/auth/jwt-auth.guard.ts:8`; global guard, at `/src/app.module.ts:11`');
  });
});

describe('handlers reached through CommonJS controller modules', () => {
  it("follows require('./controllers').orders, shorthand exports ({ lines }) and nested members to the method", async () => {
    const list = await routes('be-koa');
    expect(find(list, 'GET', '/api/legacy/orders')).toMatchObject({ handler: 'ctrl.list', handlerAt: { file: 'src/controllers/orders.js', line: 4 } });
    expect(find(list, 'GET', '/api/legacy/orders/:id/lines')).toMatchObject({ handler: 'ctrl.lines.get', handlerAt: { file: 'src/controllers/lines.js', line: 2 } });
  });
});

describe('NestJS route selectors', () => {
  it("reads exclude: ['/'] as the root route only, and '*' or '(.*)' as every route", () => {
    const route = (path: string) => ({ controller: 'UsersController', path, method: 'GET' });
    expect(selects({ path: '/' }, route(''))).toBe(true);
    expect(selects({ path: '/' }, route('users'))).toBe(false);
    expect(selects({ path: '*' }, route('users/:id'))).toBe(true);
    expect(selects({ path: '(.*)' }, route('users'))).toBe(true);
    expect(selects({ path: 'users/*' }, route('users/:id'))).toBe(true);
    expect(selects({ path: 'users', method: 'POST' }, route('users'))).toBe(false);
    expect(selects({ controller: 'UsersController' }, route('anything'))).toBe(true);
  });
});

describe('Next.js API routes', () => {
  it('maps pages/api and app route.ts files, dropping route groups and private folders', async () => {
    const list = await routes('be-next');
    expect(list.map((r) => `${r.method} ${r.path} ${r.file}`)).toEqual([
      'ALL /api/auth/[...nextauth] pages/api/auth/[...nextauth].ts',
      'GET /api/files/[[...path]] app/api/files/[[...path]]/route.ts',
      'POST /api/files/[[...path]] app/api/files/[[...path]]/route.ts',
      'ALL /api/hello pages/api/hello.ts',
      'POST /api/orders app/api/orders/route.ts',
      'GET /api/users/[id] pages/api/users/[id].ts',
      'PUT /api/users/[id] pages/api/users/[id].ts',
      'DELETE /products/[id] app/(shop)/products/[id]/route.ts',
      'GET /products/[id] app/(shop)/products/[id]/route.ts',
    ]);
    const md = await part('be-next');
    expect(md).toContain('| `GET /products/[id]` | `next-auth/middleware` | `/app/(shop)/products/[id]/route.ts:1` |');
  });

  it('puts middleware.ts in front of the routes its matcher covers, and wrappers around exported handlers', async () => {
    const list = await routes('be-next');
    const mw = { name: 'next-auth/middleware', kind: 'middleware-file', at: { file: 'middleware.ts', line: 1 }, code: { file: 'middleware.ts', line: 1 } };
    // `/api/users/:path*` covers the users API; the negative lookahead leaves the other API routes out.
    expect(find(list, 'GET', '/api/users/[id]')?.middlewareUses).toEqual([mw]);
    expect(find(list, 'GET', '/products/[id]')?.middlewareUses).toEqual([mw]);
    expect(find(list, 'ALL', '/api/hello')?.middleware).toBeUndefined();
    expect(find(list, 'POST', '/api/orders')?.middlewareUses).toEqual([
      { name: 'withApiKey', kind: 'wrapper', at: { file: 'app/api/orders/route.ts', line: 3 }, code: { file: 'lib/with-api-key.ts', line: 6 } },
    ]);
    // `NextAuth({…})` builds the handler; it does not wrap one.
    expect(find(list, 'ALL', '/api/auth/[...nextauth]')?.middleware).toBeUndefined();
  });
});

describe('route fact ids', () => {
  it('are the method and path, qualified by app, file and line only where two routes would share one', async () => {
    const ids = (await detect(httpFrameworksDetector, 'be-express')).map((f) => f.id);
    expect(ids).toContain('POST /api/users');
    expect(ids).toContain('GET /admin/status');
    const items = [
      { app: 'a', method: 'GET', path: '/x', file: 'one.ts', line: 1 },
      { app: 'b', method: 'GET', path: '/x', file: 'two.ts', line: 1 },
      { app: 'b', method: 'GET', path: '/y', file: 'two.ts', line: 2 },
      { app: 'b', method: 'GET', path: '/y', file: 'three.ts', line: 4 },
    ];
    expect(
      stableIds(items, [(d) => `${d.method} ${d.path}`, (d) => `${d.app} ${d.method} ${d.path}`, (d) => `${d.app} ${d.method} ${d.path} ${d.file}`]),
    ).toEqual(['a GET /x', 'b GET /x', 'b GET /y two.ts', 'b GET /y three.ts']);
  });
});

describe('http-frameworks', () => {
  it('is off for repositories without a server framework and gives an empty part', async () => {
    expect(await routes('be-lambda-code')).toEqual([]);
    expect(httpRoutesPart(new FactSet([]))).toBe('');
  });

  it('Express: follows the app into helpers in other files (`getRoutes(app)`, `(app) => app.use(...)`) with their prefixes and middleware', async () => {
    const found = await routes('be-express-helpers');
    expect(lines(found).sort()).toEqual(
      [
        'GET /admin/stats src/routes/admin.ts:5',
        'GET /api/posts/:id src/routes/api.ts:5',
        'GET /v1/users src/routes/v1/users.route.ts:4',
        'GET /v1/users/:userId src/routes/v1/users.route.ts:5',
      ].sort(),
    );
    expect(chain(find(found, 'GET', '/admin/stats'))).toEqual(['express.json():use', 'requireAdmin:mount']);
    expect(chain(find(found, 'GET', '/v1/users'))).toEqual(['express.json():use']);
    expect(found.some((r) => (r.middleware ?? []).includes('base'))).toBe(false);
    // `handlers.getPost` with `handlers = { getPost }` as the parameter's default is the imported getPost.
    expect(find(found, 'GET', '/api/posts/:id')).toMatchObject({ handler: 'handlers.getPost', handlerAt: { file: 'src/handlers/posts.ts', line: 1 } });
    expect(find(found, 'GET', '/api/posts/:id')!.handlerResolved).not.toBe(false);
  });

  it('Hono + @hono/zod-openapi: routers made by project factories, createRoute definitions in other modules with their middleware, app.doc', async () => {
    const found = await routes('be-hono-openapi');
    expect(lines(found).sort()).toEqual(
      [
        'GET /api/users/{id} src/features/users/index.ts:6',
        'POST /api/users src/features/users/index.ts:7',
        'GET /openapi.json src/app.ts:6',
        'GET /posts src/features/posts/index.ts:9',
        'DELETE /posts/{id} src/features/posts/index.ts:11',
      ].sort(),
    );
    // `{ ...listPostsRoute, middleware: [auth] }`: method and path from the spread definition, the guard from the literal.
    expect(chain(find(found, 'GET', '/posts'))).toEqual(['cors():use', 'auth:route']);
    expect(chain(find(found, 'DELETE', '/posts/{id}'))).toEqual(['cors():use']);
    const getUser = find(found, 'GET', '/api/users/{id}');
    expect(getUser).toMatchObject({ framework: 'hono', handler: 'handlers.getUser', handlerAt: { file: 'src/features/users/handlers.ts', line: 3 } });
    // `cors()` comes from the app the factory `createApp()` builds; `requireAuth()` from the route definition.
    expect(chain(getUser)).toEqual(['cors():use', 'requireAuth():route']);
    expect(getUser!.middlewareUses!.find((m) => m.name === 'requireAuth()')).toMatchObject({
      at: { file: 'src/features/users/routes.ts', line: 10 },
      code: { file: 'src/auth/require-auth.ts', line: 3 },
    });
    // A guard list imported from another module is read there, and cited where it is written.
    const createUser = find(found, 'POST', '/api/users');
    expect(chain(createUser)).toEqual(['cors():use', 'requireAuth():route']);
    expect(createUser!.middlewareUses!.find((m) => m.name === 'requireAuth()')).toMatchObject({
      at: { file: 'src/features/users/guards.ts', line: 3 },
      code: { file: 'src/auth/require-auth.ts', line: 3 },
    });
    expect(await part('be-hono-openapi')).toContain('`GET /api/users/{id}`');
  });
});

describe('Remix / React Router framework mode', () => {
  it('lists route modules\' loaders (GET) and actions (POST) as request handlers, resource routes marked, in step 3', async () => {
    const { httpFrameworksDetector } = await import('../src/detectors/http-frameworks/index.js');
    const { detect, section } = await import('./helpers/fixture.js');
    const { backendApiStep } = await import('../src/steps/03-backend-api.js');
    const routes = (await detect(httpFrameworksDetector, 'be-remix')).map((f) => f.data as import('../src/detectors/http-frameworks/index.js').HttpRouteData);
    expect(routes.map((r) => [r.framework, r.method, r.path, r.handler, r.file, r.line, r.middleware ?? []])).toEqual([
      ['remix', 'GET', '/healthcheck', 'loader (resource route)', 'app/routes/healthcheck.tsx', 3, []],
      ['remix', 'GET', '/notes/:noteId', 'loader', 'app/routes/notes.$noteId.tsx', 4, ['session check requireUserId()']],
      ['remix', 'POST', '/notes/:noteId', 'action', 'app/routes/notes.$noteId.tsx', 9, ['session check requireUserId()']],
    ]);
    const md = (await section(backendApiStep, 'be-remix')).markdown;
    expect(md).not.toContain('there is no backend API to map');
    expect(md).toContain('#### Remix / React Router loaders and actions');
    expect(md).toContain('| `POST /notes/:noteId` | `action` | `session check requireUserId()` | `/app/routes/notes.$noteId.tsx:9` |');
  });

  it('a Remix app without vite.config is built by the Remix compiler and served on 3000, not "Vite, port 5173"', async () => {
    const { frontendBuildDetector } = await import('../src/detectors/frontend-build/index.js');
    const { detect } = await import('./helpers/fixture.js');
    const app = (await detect(frontendBuildDetector, 'be-remix')).find((f) => f.kind === 'frontend.app')!.data as { buildTool?: string; devPort?: number };
    expect([app.buildTool, app.devPort]).toEqual(['remix-compiler', 3000]);
  });
});

describe('Next.js route handlers guarded in their own body', () => {
  it('a handler that reads the session and returns 401 without it shows the session check; one that does not, shows none', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { httpFrameworksDetector } = await import('../src/detectors/http-frameworks/index.js');
    const { detect } = await import('./helpers/fixture.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { next: '14.2.0', react: '18.2.0', 'react-dom': '18.2.0', 'next-auth': '5.0.0' } }),
      'next.config.js': 'module.exports = {};',
      'auth.ts': "export async function auth() { return null as null | { user: { id: string } }; }\n",
      'app/api/user/route.ts': [
        "import { auth } from '@/auth';",
        'export async function GET() {',
        '  const session = await auth();',
        "  if (!session?.user) return new Response('Unauthorized', { status: 401 });",
        '  return Response.json(session.user);',
        '}',
        'export const POST = async () => Response.json({ ok: true });',
      ].join('\n'),
    });
    const routes = (await detect(httpFrameworksDetector, root)).map((f) => f.data as import('../src/detectors/http-frameworks/index.js').HttpRouteData);
    expect(routes.map((r) => [r.method, r.path, r.middleware ?? []])).toEqual([
      ['GET', '/api/user', ['session check auth()']],
      ['POST', '/api/user', []],
    ]);
  });
});

describe('NestJS app.use with a path', () => {
  it("`app.use('/graphql', upload())` is mounted on /graphql: a controller route elsewhere does not pass through it, and the path is no middleware", async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { httpFrameworksDetector } = await import('../src/detectors/http-frameworks/index.js');
    const { detect } = await import('./helpers/fixture.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { '@nestjs/core': '^10.0.0', '@nestjs/common': '^10.0.0' } }),
      'src/main.ts': [
        "import { NestFactory } from '@nestjs/core';",
        "import helmet from 'helmet';",
        "import { graphqlUploadExpress } from 'graphql-upload';",
        "import { AppModule } from './app.module';",
        'async function bootstrap() {',
        '  const app = await NestFactory.create(AppModule);',
        '  app.use(helmet());',
        "  app.use('/graphql', graphqlUploadExpress({ maxFiles: 1 }));",
        '  await app.listen(3000);',
        '}',
        'bootstrap();',
      ].join('\n'),
      'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { HealthController } from './health.controller';\n@Module({ controllers: [HealthController] })\nexport class AppModule {}\n",
      'src/health.controller.ts': "import { Controller, Get } from '@nestjs/common';\n@Controller('health')\nexport class HealthController {\n  @Get()\n  check() { return 'ok'; }\n}\n",
    });
    const routes = (await detect(httpFrameworksDetector, root)).map((f) => f.data as import('../src/detectors/http-frameworks/index.js').HttpRouteData);
    expect(routes.map((r) => [r.method, r.path, r.middleware ?? []])).toEqual([['GET', '/health', ['helmet()']]]);
  });
});

describe('routers mounted where the code cannot be followed', () => {
  it("an express.Router() no read code mounts (`router.use(`/${name}`, require(file))`) has its routes marked unresolved, not shown at the root", async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { httpFrameworksDetector } = await import('../src/detectors/http-frameworks/index.js');
    const { detect } = await import('./helpers/fixture.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { express: '^4.0.0' } }),
      'server.js': "const express = require('express');\nconst app = express();\napp.use(require('./routes'));\napp.listen(3000);\n",
      'routes/index.js': [
        "const express = require('express');",
        "const fs = require('fs');",
        'const router = express.Router();',
        "fs.readdirSync(__dirname).filter((f) => f !== 'index.js').forEach((file) => {",
        "  const name = file.replace('.js', '');",
        '  router.use(`/${name}`, require(`./${name}`));',
        '});',
        'module.exports = router;',
      ].join('\n'),
      'routes/cities.js': "const express = require('express');\nconst router = express.Router();\nrouter.get('/', (req, res) => res.json([]));\nrouter.get('/:id', (req, res) => res.json({}));\nmodule.exports = router;\n",
    });
    const routes = (await detect(httpFrameworksDetector, root)).map((f) => f.data as import('../src/detectors/http-frameworks/index.js').HttpRouteData);
    expect(routes.filter((r) => r.file === 'routes/cities.js').map((r) => [r.method, r.path, r.resolved])).toEqual([
      ['GET', '/', false],
      ['GET', '/:id', false],
    ]);
  });
});

describe('route registrars given a context object', () => {
  it("`function registerListUsersRoute({ app, db })` routes on the app it destructures (papra's Hono registrars)", async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { httpFrameworksDetector } = await import('../src/detectors/http-frameworks/index.js');
    const { detect } = await import('./helpers/fixture.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'server', private: true, dependencies: { hono: '^4.0.0' } }),
      'src/server.ts': "import { Hono } from 'hono';\nimport { registerUsersRoutes } from './users.routes';\nconst app = new Hono();\nregisterUsersRoutes({ app, db: {} });\nexport default app;\n",
      'src/users.routes.ts': [
        // As in papra: the registrar imports no framework, only the context type.
        "import type { RouteContext } from './server.types';",
        "import { requireAuthentication } from './auth.middleware';",
        'export function registerUsersRoutes(context: RouteContext) {',
        '  registerListUsersRoute(context);',
        '}',
        'function registerListUsersRoute({ app, db }: RouteContext) {',
        "  app.get('/api/admin/users', requireAuthentication(), async (c) => c.json([]));",
        '}',
      ].join('\n'),
      'src/auth.middleware.ts': 'export function requireAuthentication() { return async (c: unknown, next: () => Promise<void>) => next(); }\n',
      'src/server.types.ts': "import type { Hono } from 'hono';\nexport type RouteContext = { app: Hono; db: unknown };\n",
    });
    const routes = (await detect(httpFrameworksDetector, root)).map((f) => f.data as import('../src/detectors/http-frameworks/index.js').HttpRouteData);
    expect(routes.map((r) => [r.framework, r.method, r.path, r.middleware ?? []])).toEqual([['hono', 'GET', '/api/admin/users', ['requireAuthentication()']]]);
  });
});

describe('middleware spread into a route', () => {
  it('`app.get("/metrics", ...guardChain, handler)` keeps the guards: a local array is expanded, anything else kept as written', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { httpFrameworksDetector } = await import('../src/detectors/http-frameworks/index.js');
    const { detect } = await import('./helpers/fixture.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { express: '^4.0.0' } }),
      'src/app.ts': [
        "import express from 'express';",
        "import { createMetricsGuard, requireAdmin, limiter } from './guards';",
        'const app = express();',
        'const guardChain = [createMetricsGuard(), requireAdmin];',
        'const dynamicChain = process.env.OPEN ? [] : [limiter];',
        "app.get('/metrics', ...guardChain, (req, res) => res.end());",
        "app.get('/stats', ...dynamicChain, (req, res) => res.end());",
        'export default app;',
      ].join('\n'),
      'src/guards.ts': 'export const createMetricsGuard = () => (req: any, res: any, next: any) => next();\nexport const requireAdmin = (req: any, res: any, next: any) => next();\nexport const limiter = (req: any, res: any, next: any) => next();\n',
    });
    const routes = (await detect(httpFrameworksDetector, root)).map((f) => f.data as import('../src/detectors/http-frameworks/index.js').HttpRouteData);
    expect(routes.map((r) => [r.path, r.middleware ?? []])).toEqual([
      ['/metrics', ['createMetricsGuard()', 'requireAdmin']],
      ['/stats', ['...dynamicChain']],
    ]);
  });
});

describe('middleware registered by a function handed the app', () => {
  it('`registerSecurity(app)` in another file: its `app.use(helmet())` runs in front of the later routes, and its mounts are followed', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { express: '^4.0.0', helmet: '^7.0.0' } }),
      'src/app.ts': [
        "import express from 'express';",
        "import { registerSecurity } from './security';",
        "import { requireAuth } from './auth';",
        'const app = express();',
        "app.get('/health', (req, res) => res.end());",
        'registerSecurity(app);',
        "app.get('/me', requireAuth, (req, res) => res.end());",
        'export default app;',
      ].join('\n'),
      'src/security.ts': [
        "import helmet from 'helmet';",
        "import type { Express } from 'express';",
        "import { requireAuth, meLimiter } from './auth';",
        "import { adminRouter } from './admin';",
        'export function registerSecurity(app: Express) {',
        '  app.use(helmet());',
        "  app.use('/admin', requireAuth, adminRouter);",
        '  applyLimits(app);',
        '}',
        'function applyLimits(app: Express) {',
        "  app.use('/me', meLimiter);",
        '}',
      ].join('\n'),
      'src/admin.ts': "import { Router } from 'express';\nexport const adminRouter = Router();\nadminRouter.get('/stats', (req, res) => res.end());\n",
      'src/auth.ts': 'export const requireAuth = (req: any, res: any, next: any) => next();\nexport const meLimiter = (req: any, res: any, next: any) => next();\n',
    });
    const list = await routes(root);
    expect(list.map((r) => [r.method, r.path, r.middleware ?? []])).toEqual([
      ['GET', '/admin/stats', ['helmet()', 'requireAuth']],
      ['GET', '/health', []],
      ['GET', '/me', ['helmet()', 'meLimiter', 'requireAuth']],
    ]);
  });
});

describe('middleware registered by an untyped CommonJS registrar', () => {
  it('`setupMiddleware(app)` from require: its `app.use(helmet())` and `app.use(requireAuth)` guard the later routes', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { express: '^4.0.0', helmet: '^7.0.0' } }),
      'src/app.js': [
        "const express = require('express');",
        "const { setupMiddleware } = require('./middleware');",
        "const users = require('./users');",
        'const app = express();',
        'setupMiddleware(app);',
        "app.use('/users', users);",
        'module.exports = app;',
      ].join('\n'),
      'src/middleware.js': [
        "const helmet = require('helmet');",
        "const { requireAuth } = require('./auth');",
        'function setupMiddleware(app) {',
        '  app.use(helmet());',
        '  app.use(requireAuth);',
        '}',
        'module.exports = { setupMiddleware };',
      ].join('\n'),
      'src/users.js': "const express = require('express');\nconst router = express.Router();\nrouter.get('/', (req, res) => res.json([]));\nmodule.exports = router;\n",
      'src/auth.js': 'exports.requireAuth = (req, res, next) => next();\n',
    });
    const list = await routes(root);
    expect(list.map((r) => [r.method, r.path, r.middleware ?? []])).toEqual([['GET', '/users', ['helmet()', 'requireAuth']]]);
  });
});

describe('handlers from a DI container', () => {
  it('are the typed class\'s methods, and an untyped lookup names no file', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { express: '^4.0.0', inversify: '^6.0.0' } }),
      'src/di.ts': "import { Container } from 'inversify';\n\nexport const container = new Container();\nexport const TOKENS = { Auth: Symbol('Auth'), Users: Symbol('Users') };\n",
      'src/auth.controller.ts': 'export default class AuthController {\n  login = async (req: any, res: any) => res.json({});\n\n  logout = async (req: any, res: any) => res.json({});\n}\n',
      'src/routes.ts': [
        "import { Router } from 'express';",
        "import { container, TOKENS } from './di';",
        "import AuthController from './auth.controller';",
        '',
        'const router = Router();',
        'const auth = container.get<AuthController>(TOKENS.Auth);',
        'const users = container.get(TOKENS.Users) as any;',
        "router.post('/login', auth.login);",
        "router.get('/users', users.list);",
        'export default router;',
      ].join('\n'),
      'src/app.ts': "import express from 'express';\nimport routes from './routes';\n\nconst app = express();\napp.use('/api', routes);\napp.listen(3000);\n",
    });
    const list = (await detect(httpFrameworksDetector, root)).map((f) => f.data as HttpRouteData);
    expect(find(list, 'POST', '/api/login')).toMatchObject({ handler: 'auth.login', handlerAt: { file: 'src/auth.controller.ts', line: 2 } });
    const users = find(list, 'GET', '/api/users');
    expect(users?.handler).toBe('users.list');
    expect(users?.handlerAt).toBeUndefined();
  });
});

describe('routing-controllers', () => {
  it('reads @JsonController / @Controller classes with @Get-style methods, @Authorized and @UseBefore', async () => {
    const list = await routes('be-routing-controllers');
    expect(list.every((r) => r.framework === 'routing-controllers' && r.resolved)).toBe(true);
    expect(list.map((r) => `${r.method} ${r.path} ${r.handler} ${r.file}:${r.line}`)).toEqual([
      'GET /health HealthController.check src/controllers/HealthController.ts:5',
      'GET /pets PetController.find src/controllers/PetController.ts:7',
      'POST /pets PetController.create src/controllers/PetController.ts:18',
      'DELETE /pets/:id PetController.remove src/controllers/PetController.ts:29',
      'GET /pets/:id PetController.one src/controllers/PetController.ts:12',
      'PUT /pets/:id PetController.update src/controllers/PetController.ts:24',
    ]);
    expect(chain(find(list, 'GET', '/pets'))).toEqual(['@Authorized():decorator']);
    expect(chain(find(list, 'DELETE', '/pets/:id'))).toEqual(['@Authorized():decorator', "@Authorized('admin'):decorator"]);
    expect(find(list, 'POST', '/pets')?.middlewareUses?.[1]).toEqual({
      name: 'AuditMiddleware',
      kind: 'route',
      at: { file: 'src/controllers/PetController.ts', line: 19 },
      code: { file: 'src/middlewares/AuditMiddleware.ts', line: 3 },
    });
    expect(chain(find(list, 'GET', '/health'))).toEqual([]);
  });

  it('never guesses a routePrefix set at run time: paths without it, and where it is set', async () => {
    const list = await routes('be-routing-controllers');
    expect(find(list, 'GET', '/pets')?.runtimePrefix).toEqual({
      expression: 'env.app.routePrefix',
      at: { file: 'src/loaders/expressLoader.ts', line: 7 },
    });
    const md = await part('be-routing-controllers');
    expect(md).toContain('#### routing-controllers (Express)');
    expect(md).toContain(
      'Paths are shown as the controllers declare them; the route prefix in front of them comes at run time from `env.app.routePrefix` at `/src/loaders/expressLoader.ts:7`.',
    );
    expect(md).toContain('| `GET /pets/:id` | `PetController.one` |');
  });

  it('step 3 says the API is served by the routes too, not by the GraphQL operations alone', async () => {
    const { backendApiStep } = await import('../src/steps/03-backend-api.js');
    const { section } = await import('./helpers/fixture.js');
    const md = (await section(backendApiStep, 'be-routing-controllers')).markdown;
    expect(md).toContain('the API is served by the HTTP framework routes and GraphQL operations below.');
    expect(md).toContain('#### routing-controllers (Express): be-routing-controllers');
    expect(md).toContain('| `DELETE /pets/:id` | `PetController.remove` | `@Authorized()`, `@Authorized(\'admin\')` | `/src/controllers/PetController.ts:29` |');
  });

  it('the add-an-endpoint recipe says its example path is under the prefix set at run time', async () => {
    const { workflowsStep } = await import('../src/steps/09-workflows.js');
    const { section } = await import('./helpers/fixture.js');
    const md = (await section(workflowsStep, 'be-routing-controllers')).markdown;
    expect(md).toContain('#### Add an API endpoint (routing-controllers on Express, `be-routing-controllers`)');
    expect(md).toContain('(under the route prefix `env.app.routePrefix`, set at run time at `/src/loaders/expressLoader.ts:7`).');
  });

  it('joins a literal routePrefix of useExpressServer; a @Controller of another package is not one', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { express: '^4.0.0', 'routing-controllers': '^0.10.0' } }),
      'src/server.ts': [
        "import express from 'express';",
        "import { useExpressServer } from 'routing-controllers';",
        "import { UserController } from './UserController';",
        'const app = express();',
        "useExpressServer(app, { routePrefix: '/v1', controllers: [UserController] });",
        '',
      ].join('\n'),
      'src/UserController.ts': [
        "import { JsonController, Get, Patch } from 'routing-controllers';",
        "@JsonController('/users')",
        'export class UserController {',
        "  @Get('/:id') one() { return {}; }",
        "  @Patch('/:id') edit() { return {}; }",
        '}',
        '',
      ].join('\n'),
      // Mentions the package, but its @Controller is its own.
      'src/other.ts': "// not routing-controllers' decorator\nimport { Controller, Get } from './decorators';\n@Controller('/x')\nexport class X {\n  @Get() x() {}\n}\n",
    });
    const list = await routes(root);
    expect(list.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/users/:id', 'PATCH /v1/users/:id']);
    expect(list.every((r) => r.runtimePrefix === undefined)).toBe(true);
  });

  it("reads createKoaServer's routePrefix too, and gives it to controllers of a package that sets up no server", async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
      'packages/server/package.json': JSON.stringify({ name: 'server', dependencies: { koa: '^2.0.0', 'routing-controllers': '^0.10.0' } }),
      'packages/server/src/main.ts': "import { createKoaServer } from 'routing-controllers';\ncreateKoaServer({ routePrefix: '/k', controllers: [] }).listen(3000);\n",
      'packages/shared/package.json': JSON.stringify({ name: 'shared', dependencies: { 'routing-controllers': '^0.10.0' } }),
      'packages/shared/src/ItemController.ts': "import { JsonController, Get } from 'routing-controllers';\n@JsonController('/items')\nexport class ItemController {\n  @Get() all() { return []; }\n}\n",
    });
    const list = await routes(root);
    expect(list.map((r) => `${r.method} ${r.path} ${r.app}`)).toEqual(['GET /k/items shared']);
  });
});

describe('handlers on an instance exported below its class', () => {
  it('are cited at the method, not at the instance', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { express: '^4.0.0' } }),
      'src/userController.ts': [
        'class UserController {',
        '  public getUsers = async (req: any, res: any) => {',
        '    res.json([]);',
        '  };',
        '',
        '  public getUser = async (req: any, res: any) => {',
        '    res.json({});',
        '  };',
        '}',
        '',
        'export const userController = new UserController();',
      ].join('\n'),
      'src/userRouter.ts': "import express from 'express';\nimport { userController } from './userController';\n\nexport const userRouter = express.Router();\nuserRouter.get('/', userController.getUsers);\nuserRouter.get('/:id', userController.getUser);\n",
      'src/server.ts': "import express from 'express';\nimport { userRouter } from './userRouter';\n\nconst app = express();\napp.use('/users', userRouter);\napp.listen(3000);\n",
    });
    const list = (await detect(httpFrameworksDetector, root)).map((f) => f.data as HttpRouteData);
    expect(find(list, 'GET', '/users')?.handlerAt).toEqual({ file: 'src/userController.ts', line: 2 });
    expect(find(list, 'GET', '/users/:id')?.handlerAt).toEqual({ file: 'src/userController.ts', line: 6 });
  });
});

describe('NestJS paths from a route-constants module', () => {
  it('reads `@Controller(routesV1.version)` and `@Delete(routesV1.user.delete)` from const objects across an alias import; a `let` stays unresolved', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    // The shape of Sairyss/domain-driven-hexagon: src/configs/app.routes.ts, imported as '@config/app.routes'.
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { '@nestjs/core': '^10.0.0', '@nestjs/common': '^10.0.0' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@config/*': ['src/configs/*'] } } }),
      'src/configs/app.routes.ts': [
        "const usersRoot = 'users';",
        "const v1 = 'v1';",
        "export let legacy = 'old';",
        'export const routesV1 = {',
        '  version: v1,',
        '  user: {',
        '    root: usersRoot,',
        '    delete: `/${usersRoot}/:id`,',
        '  },',
        '};',
        '',
      ].join('\n'),
      'src/users.controller.ts': [
        "import { Controller, Delete, Get, Post } from '@nestjs/common';",
        "import { legacy, routesV1 } from '@config/app.routes';",
        '@Controller(routesV1.version)',
        'export class UsersController {',
        '  @Post(routesV1.user.root)',
        '  create() {}',
        '  @Delete(routesV1.user.delete)',
        '  remove() {}',
        '  @Get(legacy)',
        '  old() {}',
        '}',
        '',
      ].join('\n'),
    });
    const found = (await detect(httpFrameworksDetector, root)).map((f) => f.data as HttpRouteData);
    expect(found.map((r) => [r.method, r.path, r.resolved]).sort()).toEqual([
      ['DELETE', '/v1/users/:id', true],
      ['GET', '/v1/${legacy}', false],
      ['POST', '/v1/users', true],
    ]);
  });
});
