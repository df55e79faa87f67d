import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { Owners } from '../src/steps/budget/owners.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { tempRepo } from './helpers/temp-repo.js';

const PKG = JSON.stringify({ name: 'server', private: true, dependencies: { hono: '^4.0.0' } });

async function routes(files: Record<string, string>): Promise<string[]> {
  const list = (await detect(httpFrameworksDetector, tempRepo({ 'package.json': PKG, ...files }))).map((f) => f.data as HttpRouteData);
  return list.map((r) => `${r.method} ${r.path}${r.resolved ? '' : ' (unresolved)'} ${r.file}:${r.line}`);
}

const USER = "import { Hono } from 'hono';\nconst userApp = new Hono().get('/me', (c) => c.text('me'));\nexport default userApp;\n";

describe("Hono apps made by hono/factory's createFactory(…).createApp()", () => {
  it('an app from a factory object another file exports by default is the app its .route() mounts hang on', async () => {
    expect(
      await routes({
        'src/lib/factory.ts': [
          "import { createFactory } from 'hono/factory';",
          'export default createFactory<{ Variables: { id: string } }>({',
          '  initApp: (app) => { app.use(async (c, next) => next()); },',
          '});',
        ].join('\n'),
        'src/routes/user.ts': USER,
        'src/index.ts': [
          "import { serve } from '@hono/node-server';",
          "import honoFactory from './lib/factory';",
          "import userApp from './routes/user';",
          'const app = honoFactory.createApp();',
          'const routes = app',
          "  .get('/', (c) => c.json({ ok: true }))",
          "  .route('/user', userApp);",
          'export { routes };',
          'serve({ fetch: app.fetch });',
        ].join('\n'),
      }),
    ).toEqual(['GET / src/index.ts:6', 'GET /user/me src/routes/user.ts:2']);
  });

  it('createFactory().createApp() inline and through a local constant make Hono apps', async () => {
    expect(
      await routes({
        'src/a.ts': "import { createFactory } from 'hono/factory';\nconst app = createFactory().createApp();\napp.get('/a', (c) => c.text('a'));\nexport default app;\n",
        'src/b.ts': "import { createFactory } from 'hono/factory';\nconst factory = createFactory();\nexport const b = factory.createApp().post('/b', (c) => c.text('b'));\n",
      }),
    ).toEqual(['GET /a src/a.ts:3', 'POST /b src/b.ts:3']);
  });
});

const TEST_FOLDERS = {
  'src/handlers/test/index.ts': "import { Hono } from 'hono';\nconst examples = new Hono().get('/', (c) => c.text('x')).post('/upload', (c) => c.text('u'));\nexport default examples;\n",
  // Registered through a list the route readers do not follow: the file is still the application's.
  'src/index.ts': "import examples from './handlers/test';\nexport const routers = [examples];\n",
  'test/server.ts': "import { Hono } from 'hono';\nexport const testApp = new Hono().get('/only-in-tests', (c) => c.text('t'));\n",
  'test/api.test.ts': "import { testApp } from './server';\nit('works', () => testApp);\n",
  'src/test/fake.ts': "import { Hono } from 'hono';\nexport const fake = new Hono().get('/fake', (c) => c.text('f'));\n",
  'src/test/fake.spec.ts': "import { fake } from './fake';\nit('works', () => fake);\n",
};

describe('routers in a folder named test that application code imports', () => {
  it('are product code for the map (its budget and recipes), unlike test helpers only tests import', async () => {
    const index = await indexOf(tempRepo({ 'package.json': PKG, ...TEST_FOLDERS }));
    const owners = Owners.of(index);
    expect(['src/handlers/test/index.ts', 'test/server.ts', 'src/test/fake.ts'].map((f) => owners.of(f).tier)).toEqual([0, 2, 2]);
  });

  it('are read when non-test code imports them; a test folder only tests import stays out', async () => {
    expect(await routes(TEST_FOLDERS)).toEqual(['GET / src/handlers/test/index.ts:2', 'POST /upload src/handlers/test/index.ts:2']);
  });
});

/** A shared package making every service's app and routers: `createServiceApp(…)` adds `/docs`, `createHealthRoutes()` the health routes. */
const SHARED_FACTORY = {
  'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*', 'packages/*'] }),
  'packages/hono-utils/package.json': JSON.stringify({ name: '@repo/hono-utils', private: true, main: './src/index.ts', dependencies: { hono: '^4.0.0', '@hono/zod-openapi': '^1.0.0' } }),
  'packages/hono-utils/src/index.ts': [
    "import { OpenAPIHono } from '@hono/zod-openapi';",
    "import { logger } from 'hono/logger';",
    'export const createServiceRouter = <E extends object = object>() =>',
    '  new OpenAPIHono<E>({ defaultHook: () => undefined });',
    'export const createHealthRoutes = () =>',
    "  createServiceRouter().get('/health', (c) => c.text('ok'));",
    'export const createServiceApp = <E extends object = object>(opts: { title: string }) => {',
    '  const app = createServiceRouter<E>();',
    "  app.use('*', logger());",
    "  app.get('/docs', (c) => c.text(opts.title));",
    "  app.get('/openapi.json', (c) => c.json({}));",
    '  return app;',
    '};',
  ].join('\n'),
  'apps/orders/package.json': JSON.stringify({ name: 'orders', private: true, dependencies: { '@repo/hono-utils': 'workspace:*' } }),
  'apps/orders/src/routes/orderRoutes.ts': [
    "import { createServiceRouter } from '@repo/hono-utils';",
    'export const orderRoutes = createServiceRouter<{',
    '  Variables: { userId: string };',
    '}>()',
    "  .get('/api/orders', (c) => c.json([]))",
    "  .post('/api/orders', (c) => c.json({}));",
  ].join('\n'),
  'apps/orders/src/routes/healthRoutes.ts': "import { createHealthRoutes } from '@repo/hono-utils';\nexport const healthRoutes = createHealthRoutes();\n",
  'apps/orders/src/app.ts': [
    "import { createServiceApp } from '@repo/hono-utils';",
    "import { orderRoutes } from './routes/orderRoutes';",
    "import { healthRoutes } from './routes/healthRoutes';",
    "const app = createServiceApp<{ Variables: { userId: string } }>({ title: 'Orders' });",
    "app.get('/', (c) => c.text('orders')).route('/', healthRoutes).route('/', orderRoutes);",
    'export { app };',
  ].join('\n'),
};

describe('apps and routers a shared workspace package makes (createServiceApp(…), createServiceRouter<{…}>())', () => {
  it('calls written with a type argument over several lines are read as the routers the package function returns', async () => {
    const list = (await detect(httpFrameworksDetector, tempRepo(SHARED_FACTORY))).map((f) => f.data as HttpRouteData);
    const orders = list.filter((r) => r.app === 'orders').map((r) => `${r.method} ${r.path} ${r.file}:${r.line} [${(r.middleware ?? []).join(', ')}]`);
    expect(orders).toEqual(expect.arrayContaining([
      'GET / apps/orders/src/app.ts:5 [logger()]',
      'GET /api/orders apps/orders/src/routes/orderRoutes.ts:5 [logger()]',
      'POST /api/orders apps/orders/src/routes/orderRoutes.ts:6 [logger()]',
    ]));
  });

  it("the routes the factory adds to each router it makes belong to the caller's app, not to the package that defines them", async () => {
    const list = (await detect(httpFrameworksDetector, tempRepo(SHARED_FACTORY))).map((f) => f.data as HttpRouteData);
    expect(list.map((r) => `${r.app}: ${r.method} ${r.path} ${r.file}:${r.line} [${(r.middleware ?? []).join(', ')}]`).sort()).toEqual([
      'orders: GET / apps/orders/src/app.ts:5 [logger()]',
      'orders: GET /api/orders apps/orders/src/routes/orderRoutes.ts:5 [logger()]',
      'orders: GET /docs packages/hono-utils/src/index.ts:10 [logger()]',
      'orders: GET /health packages/hono-utils/src/index.ts:6 [logger()]',
      'orders: GET /openapi.json packages/hono-utils/src/index.ts:11 [logger()]',
      'orders: POST /api/orders apps/orders/src/routes/orderRoutes.ts:6 [logger()]',
    ]);
  });

  it("the endpoint recipe points at the app's own route file, not the factory that adds the same routes to every app", async () => {
    const text = (await section(workflowsStep, tempRepo(SHARED_FACTORY))).markdown;
    expect(text).toContain('orders declares its routes in `/apps/orders/src/routes/orderRoutes.ts`');
    expect(text).not.toContain('declares its routes in `/packages/hono-utils');
  });
});
