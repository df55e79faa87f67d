import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const PKG = JSON.stringify({ name: 'api', private: true, dependencies: { fastify: '^5.0.0', 'fastify-plugin': '^5.0.0', '@fastify/autoload': '^6.0.0' } });

async function routes(files: Record<string, string>): Promise<string[]> {
  const list = (await detect(httpFrameworksDetector, tempRepo({ 'package.json': PKG, ...files }))).map((f) => f.data as HttpRouteData);
  return list.map((r) => `${r.method} ${r.path} ${r.file}:${r.line}`).sort();
}

const APP = (dirs: string[]) =>
  [
    "import path from 'node:path';",
    "import autoload from '@fastify/autoload';",
    "import Fastify from 'fastify';",
    'const app = Fastify();',
    ...dirs.map((d) => `app.register(autoload, { dir: path.join(__dirname, '${d}') });`),
    'app.listen({ port: 3000 });',
  ].join('\n');

describe('Fastify route prefixes through autoload and fastify-plugin', () => {
  it('an autoload registered inside a plugin registered with a prefix, its options from a helper, loads under that prefix', async () => {
    expect(
      await routes({
        'src/app.ts': APP(['plugins/routes']),
        'src/plugins/routes/public-routes.ts': [
          "import path from 'node:path';",
          "import autoload from '@fastify/autoload';",
          "import type { FastifyInstance } from 'fastify';",
          'function getComponentDir(component: string) {',
          "  return { dir: path.join(__dirname, '../..', 'components', component) };",
          '}',
          'async function registerPublicRoutes(fastify: FastifyInstance) {',
          "  await fastify.register(autoload, getComponentDir('user'));",
          "  fastify.get('/health', async () => ({ ok: true }));",
          '}',
          'export default async function publicRoutesPlugin(fastify: FastifyInstance) {',
          "  await fastify.register(registerPublicRoutes, { prefix: 'api' });",
          '}',
        ].join('\n'),
        'src/components/user/user.routes.ts': [
          "import type { FastifyInstance } from 'fastify';",
          "import fp from 'fastify-plugin';",
          'async function registerUserRouter(fastify: FastifyInstance) {',
          "  fastify.get('/', async () => []);",
          '}',
          'export default fp(async (fastify) => {',
          "  await fastify.register(registerUserRouter, { prefix: 'v1/users' });",
          '});',
        ].join('\n'),
      }),
    ).toEqual([
      'GET /api/health src/plugins/routes/public-routes.ts:9',
      'GET /api/v1/users src/components/user/user.routes.ts:4',
    ]);
  });

  it('a fastify-plugin plugin in an autoloaded folder gets no folder prefix; a plain plugin beside it does', async () => {
    expect(
      await routes({
        'src/app.ts': APP(['plugins/integrations']),
        'src/plugins/integrations/auth/plugin.ts': [
          "import fp from 'fastify-plugin';",
          "import type { FastifyInstance } from 'fastify';",
          'export default fp(',
          '  async (fastify: FastifyInstance) => {',
          "    fastify.get('/api/auth/google/callback', async () => ({}));",
          '  },',
          "  { name: 'auth-integration' },",
          ');',
        ].join('\n'),
        'src/plugins/integrations/billing/plugin.ts': [
          "import type { FastifyInstance } from 'fastify';",
          'export default async function billing(fastify: FastifyInstance) {',
          "  fastify.get('/invoices', async () => []);",
          '}',
        ].join('\n'),
      }),
    ).toEqual([
      'GET /api/auth/google/callback src/plugins/integrations/auth/plugin.ts:5',
      'GET /billing/invoices src/plugins/integrations/billing/plugin.ts:3',
    ]);
  });

  it('register(…, { prefix }) of a plugin wrapped in fastify-plugin, inline or as its export, ignores the prefix', async () => {
    expect(
      await routes({
        'src/server.ts': [
          "import Fastify from 'fastify';",
          "import fp from 'fastify-plugin';",
          "import metrics from './metrics';",
          "import users from './users';",
          'const app = Fastify();',
          "app.register(fp(async (fastify) => { fastify.get('/ping', async () => 'ok'); }), { prefix: '/ignored' });",
          "app.register(metrics, { prefix: '/also-ignored' });",
          "app.register(users, { prefix: '/users' });",
          'app.listen({ port: 3000 });',
        ].join('\n'),
        'src/metrics.ts': [
          "import fp from 'fastify-plugin';",
          "import type { FastifyInstance } from 'fastify';",
          'async function metrics(fastify: FastifyInstance) {',
          "  fastify.get('/metrics', async () => '');",
          '}',
          'export default fp(metrics);',
        ].join('\n'),
        'src/users.ts': [
          "import type { FastifyInstance } from 'fastify';",
          'export default async function users(fastify: FastifyInstance) {',
          "  fastify.get('/:id', async () => ({}));",
          '}',
        ].join('\n'),
      }),
    ).toEqual(['GET /metrics src/metrics.ts:4', 'GET /ping src/server.ts:6', 'GET /users/:id src/users.ts:3']);
  });

  it('with autohooks, autoload registers a folder inside a plugin of its own under the folder prefix: a fastify-plugin plugin there has it', async () => {
    expect(
      await routes({
        'src/app.ts': [
          "import path from 'node:path';",
          "import autoload from '@fastify/autoload';",
          "import Fastify from 'fastify';",
          'const app = Fastify();',
          "app.register(autoload, { dir: path.join(__dirname, 'routes'), autoHooks: true });",
        ].join('\n'),
        'src/routes/admin/autohooks.ts': [
          "import type { FastifyInstance } from 'fastify';",
          'export default async function hooks(fastify: FastifyInstance) {',
          "  fastify.addHook('onRequest', async () => {});",
          '}',
        ].join('\n'),
        'src/routes/admin/stats.ts': [
          "import fp from 'fastify-plugin';",
          "import type { FastifyInstance } from 'fastify';",
          'export default fp(async (fastify: FastifyInstance) => {',
          "  fastify.get('/stats', async () => ({}));",
          '});',
        ].join('\n'),
      }),
    ).toEqual(['GET /admin/stats src/routes/admin/stats.ts:4']);
  });
});
