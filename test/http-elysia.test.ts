import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { packageKind } from '../src/detectors/stack/kind.js';
import { backendScope } from '../src/detectors/backend-code/scope.js';
import { apiClientsOf } from '../src/detectors/react-app/api-client.js';
import { apiAndAuthSection } from '../src/steps/parts/frontend-common.js';
import type { FrontendApp } from '../src/detectors/frontend-build/apps.js';
import { detect, indexOf } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const PKG = JSON.stringify({ name: 'server', private: true, main: './src/index.ts', scripts: { dev: 'bun run --watch src/index.ts' }, dependencies: { elysia: '^1.4.0' } });

async function routes(files: Record<string, string>): Promise<string[]> {
  const list = (await detect(httpFrameworksDetector, tempRepo({ 'package.json': PKG, ...files }))).filter((f) => f.kind === 'http.route').map((f) => f.data as HttpRouteData);
  return list.map((r) => `${r.framework} ${r.method} ${r.path}${r.resolved ? '' : ' (unresolved)'} ${r.file}:${r.line} ${r.handler ?? 'inline'}`);
}

describe('Elysia apps: chained routes, the prefix option, group, use and mount', () => {
  it('composes prefixes through use(router), group and mount, with the handler second and options third', async () => {
    expect(
      await routes({
        'src/index.ts': ["import { app } from './api';", 'app.listen(3000);', 'export type App = typeof app;'].join('\n'),
        'src/api.ts': [
          "import { Elysia } from 'elysia';",
          "import { cors } from '@elysiajs/cors';",
          "import { auth } from './auth';",
          "import { usersRouter } from './users';",
          "import { health } from './health';",
          "export const app = new Elysia({ prefix: '/api' })",
          '  .use(cors())',
          '  .use(health)',
          '  .mount(auth.handler)',
          "  .mount('/legacy', legacyFetch)",
          '  .use(usersRouter)',
          "  .group('/admin', (g) => g.get('/stats', getStats).route('PUT', '/flags', setFlags));",
          'function legacyFetch(req: Request) { return new Response(String(req.url)); }',
          'function getStats() { return 1; }',
          'function setFlags() { return 2; }',
        ].join('\n'),
        'src/auth.ts': 'export const auth = { handler: (req: Request) => new Response(req.url) };\n',
        'src/health.ts': ["import { Elysia } from 'elysia';", "export const health = new Elysia({ name: 'health' }).get('/', 'API').get('/health', () => 'ok');"].join('\n'),
        'src/users.ts': [
          "import { Elysia } from 'elysia';",
          "export const usersRouter = new Elysia({ prefix: '/users' })",
          "  .model('id', {})",
          "  .decorate('svc', {})",
          "  .get('/', () => [], { auth: true })",
          "  .post('/:id', ({ params }) => params.id, { params: 'id' })",
          "  .delete('/:id', () => null);",
        ].join('\n'),
      }),
    ).toEqual([
      'elysia GET /api src/health.ts:2 inline',
      'elysia ALL /api/* src/api.ts:9 auth.handler',
      'elysia PUT /api/admin/flags src/api.ts:12 setFlags',
      'elysia GET /api/admin/stats src/api.ts:12 getStats',
      'elysia GET /api/health src/health.ts:2 inline',
      'elysia ALL /api/legacy/* src/api.ts:10 legacyFetch',
      'elysia GET /api/users src/users.ts:5 inline',
      'elysia DELETE /api/users/:id src/users.ts:7 inline',
      'elysia POST /api/users/:id src/users.ts:6 inline',
    ]);
  });

  it('reads an app chained straight into listen, and a default export', async () => {
    expect(
      await routes({
        'src/index.ts': ["import { Elysia } from 'elysia';", "new Elysia().get('/ping', () => 'pong').listen(3000);", "export default new Elysia({ prefix: '/v1' }).all('/echo', ({ body }) => body);"].join('\n'),
      }),
    ).toEqual(['elysia GET /ping src/index.ts:2 inline', 'elysia ALL /v1/echo src/index.ts:3 inline']);
  });
});

describe('Elysia function plugins', () => {
  it('a function taking the app (`(app: Elysia) => app.get(…)`) used by the app adds its routes under the prefix', async () => {
    expect(
      await routes({
        'src/index.ts': [
          "import { Elysia } from 'elysia';",
          "import { health } from './health';",
          "new Elysia({ prefix: '/api' }).use(health).listen(3000);",
        ].join('\n'),
        'src/health.ts': ["import type { Elysia } from 'elysia';", "export const health = (app: Elysia) => app.get('/health', () => 'ok');"].join('\n'),
      }),
    ).toEqual(['elysia GET /api/health src/health.ts:2 inline']);
  });
});

describe('Elysia instances nothing uses', () => {
  it('an exported plugin no code takes is not served; an app that listens in its own file is, though nothing imports it', async () => {
    const list = (
      await detect(
        httpFrameworksDetector,
        tempRepo({
          'package.json': PKG,
          'src/index.ts': ["import { Elysia } from 'elysia';", "import { settings } from './settings';", "const app = new Elysia().use(settings).get('/', () => 'hi');", 'app.listen(3000);'].join('\n'),
          'src/settings.ts': [
            "import { Elysia } from 'elysia';",
            "export const settingsList = new Elysia().get('/', () => []);",
            "export const settings = new Elysia({ prefix: '/settings' }).get('/meta', () => ({}));",
          ].join('\n'),
        }),
      )
    ).map((f) => (f.kind === 'http.route' ? `${(f.data as HttpRouteData).method} ${(f.data as HttpRouteData).path}` : `${f.kind} ${f.id}`));
    expect(list).toEqual(['GET /', 'GET /settings/meta', 'http.unmounted-router src/settings.ts#settingsList']);
  });
});

describe('an Elysia server package in a workspace', () => {
  it('is an HTTP server despite its `main` field; a web app with elysia only as a dev dependency (Eden types) is no backend', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*'] }),
      'apps/server/package.json': PKG.replace('"name":"server"', '"name":"@repo/server"'),
      'apps/server/src/index.ts': "import { Elysia } from 'elysia';\nexport const app = new Elysia().get('/', () => 'ok').listen(3000);\n",
      'apps/web/package.json': JSON.stringify({ name: '@repo/web', private: true, dependencies: { '@elysiajs/eden': '^1.4.0' }, devDependencies: { elysia: '^1.4.0' } }),
      'apps/web/src/api.ts': "import { treaty } from '@elysiajs/eden';\nexport const api = treaty('http://localhost:3000');\n",
    });
    const index = await indexOf(root);
    expect(packageKind(index.packages.find((p) => p.dir === 'apps/server')!, index)).toMatchObject({ id: 'http-server', label: 'HTTP server (Elysia)' });
    expect(backendScope(index).files).toEqual(['apps/server/src/index.ts']);
  });
});

describe('a web app calling an Elysia API through Eden Treaty', () => {
  it('names Eden Treaty as its API client, with the server URL it is given first', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { '@elysiajs/eden': '^1.4.0', react: '^19.0.0' } }),
      'src/lib/eden.ts': ["import { treaty } from '@elysiajs/eden';", "import type { App } from '@repo/server';", '', 'export const api = treaty<App>(import.meta.env.VITE_SERVER_URL, { fetch: { credentials: "include" } }).api;'].join('\n'),
      'src/lib/listings.ts': "import { api } from './eden';\nexport const list = () => api.listings.get();\n",
    });
    const index = await indexOf(root);
    const clients = apiClientsOf(index, { dir: '' } as FrontendApp, index.files, new Set());
    expect(clients.map((c) => [c.file, c.line, c.transport, c.baseUrl, c.usedBy])).toEqual([['src/lib/eden.ts', 4, 'Eden Treaty (@elysiajs/eden)', 'import.meta.env.VITE_SERVER_URL', 1]]);
  });

  it('lists each base URL when the module builds the client twice (server and browser branches)', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { '@elysiajs/eden': '^1.4.0', '@tanstack/react-start': '^1.0.0' } }),
      'src/lib/eden.ts': [
        "import { treaty } from '@elysiajs/eden';",
        "import type { App } from '@repo/server';",
        "import { createIsomorphicFn } from '@tanstack/react-start';",
        "import { env } from './env';",
        '',
        'export const eden = createIsomorphicFn()',
        '  .server(() => treaty<App>(env.SERVER_URL, { headers: {} }).api)',
        "  .client(() => treaty<App>(env.VITE_SERVER_URL, { fetch: { credentials: 'include' } }).api);",
      ].join('\n'),
      'src/lib/listings.ts': "import { eden } from './eden';\nexport const list = () => eden().listings.get();\n",
    });
    const index = await indexOf(root);
    const clients = apiClientsOf(index, { dir: '' } as FrontendApp, index.files, new Set());
    expect(clients.map((c) => [c.line, c.baseUrl, c.moreBaseUrls])).toEqual([[7, 'env.SERVER_URL', [{ url: 'env.VITE_SERVER_URL', line: 8 }]]]);
    expect(apiAndAuthSection(clients, [], [], 4)).toContain(
      'base URLs `env.SERVER_URL` (`/src/lib/eden.ts:7`), `env.VITE_SERVER_URL` (`/src/lib/eden.ts:8`), imported by 1 file',
    );
  });
});
