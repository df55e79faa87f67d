import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const PKG = JSON.stringify({ name: 'server', private: true, dependencies: { hono: '^4.0.0' } });

async function routes(files: Record<string, string>): Promise<string[]> {
  const list = (await detect(httpFrameworksDetector, tempRepo({ 'package.json': PKG, ...files }))).map((f) => f.data as HttpRouteData);
  return list.map((r) => `${r.method} ${r.path}${r.resolved ? '' : ' (unresolved)'} ${r.file}:${r.line} [${(r.middleware ?? []).join(', ')}]`);
}

describe('Hono apps composed with basePath, route() mounts, barrels and project factories', () => {
  it('routes chained after app.basePath(…) take its prefix, also from an imported constant object', async () => {
    expect(
      await routes({
        'src/config.ts': "export const SERVER = { API_BASE_PATH: '/api' } as const;\n",
        'src/index.ts': [
          "import { Hono } from 'hono';",
          "import { SERVER } from './config';",
          'const app = new Hono();',
          'const api = app',
          '  .basePath(SERVER.API_BASE_PATH)',
          "  .get('/test', (c) => c.text('t'))",
          "  .get('/', (c) => c.text('root'));",
          "app.get('/health', (c) => c.text('ok'));",
          'export default app;',
        ].join('\n'),
      }),
    ).toEqual([
      'GET /api src/index.ts:7 []',
      'GET /api/test src/index.ts:6 []',
      'GET /health src/index.ts:8 []',
    ]);
  });

  it('sub-routers mounted with .route() after basePath, through barrels, carry the prefix and the app-wide use(*) middleware', async () => {
    expect(
      await routes({
        'src/index.ts': [
          "import { Hono } from 'hono';",
          "import { logger } from 'hono/logger';",
          "import { statusEndpoints, authEndpoints } from './endpoints';",
          'const app = new Hono();',
          "app.use('*', logger());",
          "const api = app.basePath('/api').route('/status', statusEndpoints).route('/auth', authEndpoints);",
          'export default app;',
        ].join('\n'),
        'src/endpoints/index.ts': "export { endpoints as statusEndpoints } from './status';\nexport * from './auth';\n",
        'src/endpoints/status.ts': "import { Hono } from 'hono';\nexport const endpoints = new Hono().get('/', (c) => c.text('ok'));\n",
        'src/endpoints/auth.ts': "import { Hono } from 'hono';\nexport const authEndpoints = new Hono().on(['POST', 'GET'], '*', (c) => c.text('a'));\n",
      }),
    ).toEqual([
      'GET /api/auth/* src/endpoints/auth.ts:2 [logger()]',
      'POST /api/auth/* src/endpoints/auth.ts:2 [logger()]',
      'GET /api/status src/endpoints/status.ts:2 [logger()]',
    ]);
  });

  it('routers made by a project factory returning Object.assign(new Hono(), …) are read, with the middleware the factory adds', async () => {
    expect(
      await routes({
        'src/index.ts': [
          "import { Hono } from 'hono';",
          "import { endpoints as postEndpoints } from './posts';",
          'const app = new Hono();',
          "app.route('/posts', postEndpoints);",
          'export default app;',
        ].join('\n'),
        'src/lib/router/factory.ts': [
          "import { Hono } from 'hono';",
          "import { authMiddleware } from '../auth';",
          'export const createHonoRouter = ({ isProtected = true } = {}) => {',
          '  const endpoint = new Hono();',
          '  if (isProtected) endpoint.use(authMiddleware);',
          '  const createEndpoint = () => 1;',
          '  return Object.assign(endpoint, { createEndpoint });',
          '};',
        ].join('\n'),
        'src/lib/router/index.ts': "export { createHonoRouter } from './factory';\n",
        'src/lib/auth.ts': 'export const authMiddleware = async (_c: unknown, next: () => Promise<void>) => next();\n',
        'src/posts.ts': [
          "import { createHonoRouter } from './lib/router';",
          'const router = createHonoRouter({ isProtected: true });',
          'export const endpoints = router',
          "  .get('/', (c) => c.json([]))",
          "  .delete('/:id', (c) => c.json({}));",
        ].join('\n'),
      }),
    ).toEqual([
      'GET /posts src/posts.ts:4 [authMiddleware]',
      'DELETE /posts/:id src/posts.ts:5 [authMiddleware]',
    ]);
  });

  it('a function that returns new Hono().post(…) is a router where it is mounted', async () => {
    expect(
      await routes({
        'src/index.ts': [
          "import { Hono } from 'hono';",
          "import { createUploadEndpoints } from './upload';",
          'const app = new Hono();',
          "const users = new Hono().route('/avatar', createUploadEndpoints({ bucket: 'b' }));",
          "app.route('/users', users);",
          'export default app;',
        ].join('\n'),
        'src/upload.ts': [
          "import { Hono } from 'hono';",
          'export const createUploadEndpoints = (config: { bucket: string }) => {',
          "  return new Hono().post('/signed-url', (c) => c.json(config));",
          '};',
        ].join('\n'),
      }),
    ).toEqual(['POST /users/avatar/signed-url src/upload.ts:3 []']);
  });

  it('a sub-router whose mount cannot be followed (app.route(r.path, r.router) over a list) is marked unresolved, not shown at the root', async () => {
    expect(
      await routes({
        'src/index.ts': [
          "import { Hono } from 'hono';",
          "import { routes } from './routes';",
          'const app = new Hono();',
          "app.get('/', (c) => c.text('home'));",
          'for (const r of routes) app.route(r.path, r.router);',
          'export default app;',
        ].join('\n'),
        'src/routes.ts': "import { books } from './books';\nexport const routes = [{ path: '/books', router: books }];\n",
        'src/books.ts': "import { Hono } from 'hono';\nexport const books = new Hono().get('/:id', (c) => c.text('b'));\n",
      }),
    ).toEqual(['GET / src/index.ts:4 []', 'GET /:id (unresolved) src/books.ts:2 []']);
  });

  it('a sub-router mounted under a prefix read at run time keeps the prefix as written and is marked unresolved', async () => {
    expect(
      await routes({
        'src/index.ts': [
          "import { Hono } from 'hono';",
          "import { books } from './books';",
          'const app = new Hono();',
          'app.route(process.env.BOOKS_PREFIX!, books);',
          'export default app;',
        ].join('\n'),
        'src/books.ts': "import { Hono } from 'hono';\nexport const books = new Hono().get('/:id', (c) => c.text('b'));\n",
      }),
    ).toEqual(['GET /${process.env.BOOKS_PREFIX!}/:id (unresolved) src/books.ts:2 []']);
  });

  it('a variable holding app.basePath(…) routes under the prefix, behind the app middleware used before it', async () => {
    expect(
      await routes({
        'src/index.ts': [
          "import { Hono } from 'hono';",
          "import { logger } from 'hono/logger';",
          'const app = new Hono();',
          "app.use('*', logger());",
          "const api = app.basePath('/api');",
          "api.get('/books', (c) => c.json([]));",
          "app.get('/', (c) => c.text('home'));",
          'export default app;',
        ].join('\n'),
      }),
    ).toEqual(['GET / src/index.ts:7 [logger()]', 'GET /api/books src/index.ts:6 [logger()]']);
  });

  it('a handler made by a chain written one call per line is named by the chain, its arguments elided', async () => {
    expect(
      await routes({
        'src/index.ts': [
          "import { Hono } from 'hono';",
          "import { endpoint } from './endpoint';",
          'const app = new Hono();',
          'app.get(',
          "  '/posts',",
          '  endpoint',
          "    .create({ query: 'a long schema that is not part of the name' })",
          '    .handleQuery(async () => []),',
          ');',
          'export default app;',
        ].join('\n'),
        'src/endpoint.ts': 'export const endpoint = { create: () => ({ handleQuery: (f: unknown) => f }) };\n',
      }),
    ).toEqual(['GET /posts src/index.ts:4 [endpoint.create(…).handleQuery]']);
  });

  it("middleware a factory adds only under one of its options (if (isProtected) r.use(auth)) follows the option each caller passes", async () => {
    expect(
      await routes({
        'src/index.ts': [
          "import { Hono } from 'hono';",
          "import { createRouter } from './factory';",
          'const app = new Hono();',
          "const open = createRouter({ isProtected: false }).get('/', (c) => c.text('o'));",
          "const closed = createRouter({ isProtected: true }).get('/', (c) => c.text('c'));",
          "const other = createRouter().get('/', (c) => c.text('d'));",
          "app.route('/open', open).route('/closed', closed).route('/default', other);",
          'export default app;',
        ].join('\n'),
        'src/factory.ts': [
          "import { Hono } from 'hono';",
          "import { auth } from './auth';",
          'export function createRouter({ isProtected = true }: { isProtected?: boolean } = {}) {',
          '  const r = new Hono();',
          '  if (isProtected) {',
          '    r.use(auth);',
          '  }',
          '  return r;',
          '}',
        ].join('\n'),
        'src/auth.ts': 'export const auth = async (_c: unknown, next: () => Promise<void>) => next();\n',
      }),
    ).toEqual(['GET /closed src/index.ts:5 [auth]', 'GET /default src/index.ts:6 [auth]', 'GET /open src/index.ts:4 []']);
  });
});
