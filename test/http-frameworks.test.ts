import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { FactSet } from '../src/facts.js';
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

describe('Express', () => {
  it('composes mounted routers, router factories, route chains, functions given the app, and class-held apps', async () => {
    const list = await routes('be-express');
    expect(list.every((r) => r.framework === 'express' && r.app === 'be-express' && r.resolved)).toBe(true);
    expect(lines(list)).toEqual([
      'GET / src/app.ts:12',
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
    expect(list.find((r) => r.method === 'POST' && r.path === '/api/users')).toMatchObject({
      handler: 'createUser',
      handlerFile: 'src/controllers/users.ts',
      middleware: ['requireAuth', 'validate'],
    });
  });

  it('reads route tables kept as data (forEach and for-of over arrays of { path, route }) and chained Router()', async () => {
    const list = await routes('be-express');
    // Both loops mount `/items`; the route is listed once.
    expect(list.filter((r) => r.path === '/v2/items' && r.method === 'GET')).toHaveLength(1);
    expect(list.find((r) => r.path === '/v2/items' && r.method === 'GET')).toMatchObject({ handler: 'listItems' });
    expect(list.find((r) => r.path === '/public/ping')).toMatchObject({ handler: 'ping', resolved: true });
  });

  it('writes one table per app with handler files and middleware', async () => {
    const md = await part('be-express');
    expect(md.startsWith('#### Express: be-express\n')).toBe(true);
    expect(md).toContain('| `POST /api/users` | `createUser` in `/src/controllers/users.ts` | `requireAuth`, `validate` | `/src/routes/users.ts:9` |');
    expect(md).toContain('| `GET /health` | inline | — | `/src/routes/health.ts:4` |');
  });
});

describe('Fastify', () => {
  it('follows register prefixes, inline plugins, route() with several methods and autoload folders', async () => {
    const list = await routes('be-fastify');
    expect(lines(list)).toEqual([
      'GET / src/server.ts:17',
      'HEAD / src/server.ts:17',
      'GET /api src/routes/root.ts:2',
      'GET /api/items src/routes/items/index.js:2',
      'GET /api/items/:itemId src/routes/items/index.js:3',
      'GET /internal/ping src/server.ts:13',
      'POST /v1/users src/plugins/users.ts:6',
      'GET /v1/users/:id src/plugins/users.ts:5',
    ]);
    expect(list.find((r) => r.path === '/v1/users/:id')).toMatchObject({ handler: 'getUser', handlerFile: 'src/handlers/users.ts' });
    expect(list.find((r) => r.path === '/')).toMatchObject({ handler: 'rootHandler', framework: 'fastify' });
    await part('be-fastify');
  });
});

describe('Hono', () => {
  it('applies basePath, app.route sub-apps, chained methods and app.on', async () => {
    expect(lines(await routes('be-hono'))).toEqual([
      'GET /api src/index.ts:8',
      'GET /api/books src/books.ts:5',
      'POST /api/books src/books.ts:5',
      'GET /api/books/:id src/books.ts:6',
      'DELETE /api/things/:id src/index.ts:10',
      'PUT /api/things/:id src/index.ts:10',
    ]);
    expect(await part('be-hono')).toContain('#### Hono: be-hono');
  });
});

describe('Koa', () => {
  it('reads router prefixes, named routes and nested router.use', async () => {
    expect(lines(await routes('be-koa'))).toEqual([
      'GET /api/health src/app.ts:8',
      'GET /api/users src/users.ts:5',
      'POST /api/users/:id src/users.ts:6',
    ]);
    await part('be-koa');
  });
});

describe('NestJS', () => {
  it('joins the global prefix, controller path and method path, with guards', async () => {
    const list = await routes('be-nest');
    expect(list.map((r) => `${r.method} ${r.path} ${r.handler}`)).toEqual([
      'GET /api/health HealthController.check',
      'GET /api/users UsersController.findAll',
      'POST /api/users UsersController.create',
      'DELETE /api/users/:id UsersController.remove',
      'GET /api/users/:id UsersController.findOne',
    ]);
    expect(list.find((r) => r.handler === 'UsersController.remove')).toMatchObject({
      file: 'src/users/users.controller.ts', line: 22, middleware: ['AuthGuard'],
    });
    expect(await part('be-nest')).toContain('| `DELETE /api/users/:id` | `UsersController.remove` | `AuthGuard` | `/src/users/users.controller.ts:22` |');
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
      'GET /api/users/[id] pages/api/users/[id].ts',
      'PUT /api/users/[id] pages/api/users/[id].ts',
      'DELETE /products/[id] app/(shop)/products/[id]/route.ts',
      'GET /products/[id] app/(shop)/products/[id]/route.ts',
    ]);
    const md = await part('be-next');
    expect(md).toContain('| `GET /products/[id]` | `/app/(shop)/products/[id]/route.ts:1` |');
  });
});

describe('http-frameworks', () => {
  it('is off for repositories without a server framework and gives an empty part', async () => {
    expect(await routes('be-lambda-code')).toEqual([]);
    expect(httpRoutesPart(new FactSet([]))).toBe('');
  });
});
