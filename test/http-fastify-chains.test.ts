import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const PKG = JSON.stringify({ name: 'api', private: true, dependencies: { fastify: '^5.0.0', 'fastify-plugin': '^5.0.0' } });

async function routes(files: Record<string, string>): Promise<string[]> {
  const list = (await detect(httpFrameworksDetector, tempRepo({ 'package.json': PKG, ...files }))).map((f) => f.data as HttpRouteData);
  return list.map((r) => `${r.method} ${r.path}${r.resolved ? '' : ' (unresolved)'} ${r.file}:${r.line} [${(r.middleware ?? []).join(', ')}]`);
}

describe('Fastify plugins written as expressions and routes chained after register()', () => {
  it('a default-exported plugin wrapped in `(…) satisfies FastifyPluginAsync` is read and mounted under its prefix', async () => {
    expect(
      await routes({
        'src/server.ts': [
          "import Fastify from 'fastify';",
          "import health from './health';",
          'const app = Fastify();',
          "app.register(health, { prefix: '/api' });",
        ].join('\n'),
        'src/health.ts': [
          "import type { FastifyPluginAsync } from 'fastify';",
          'export default (async (fastify) => {',
          "  fastify.get('/healthcheck', { handler: async () => ({ ok: true }) });",
          '}) satisfies FastifyPluginAsync;',
        ].join('\n'),
      }),
    ).toEqual(['GET /api/healthcheck src/health.ts:3 []']);
  });

  it('an app held in a private field (`this.#fastify`, a unit name with `#`) mounts its plugins under their prefix', async () => {
    expect(
      await routes({
        'src/server.ts': [
          "import Fastify from 'fastify';",
          "import health from './health';",
          'export class Server {',
          '  constructor() {',
          '    this.#fastify = Fastify();',
          "    this.#fastify.register(health, { prefix: '/api' });",
          '  }',
          '}',
        ].join('\n'),
        'src/health.ts': [
          "import type { FastifyInstance } from 'fastify';",
          'export default async function health(fastify: FastifyInstance) {',
          "  fastify.get('/healthcheck', async () => ({ ok: true }));",
          '}',
        ].join('\n'),
      }),
    ).toEqual(['GET /api/healthcheck src/health.ts:3 []']);
  });

  it('an app set on `this.#fastify` in the constructor is the app its other methods register plugins on', async () => {
    expect(
      await routes({
        'src/server.ts': [
          "import Fastify from 'fastify';",
          "import health from './health';",
          'export class Server {',
          '  #fastify: ReturnType<typeof Fastify>;',
          '  constructor() {',
          '    this.#fastify = Fastify().withTypeProvider();',
          '  }',
          '  setup() {',
          "    this.#fastify.register(health, { prefix: '/api' });",
          '  }',
          '}',
        ].join('\n'),
        'src/health.ts': [
          "import type { FastifyInstance } from 'fastify';",
          'export default async function health(fastify: FastifyInstance) {',
          "  fastify.get('/healthcheck', async () => ({ ok: true }));",
          '}',
        ].join('\n'),
      }),
    ).toEqual(['GET /api/healthcheck src/health.ts:3 []']);
  });

  it('routes chained after `.register(auth)` (which returns the instance) are read, with the registered plugin in front', async () => {
    expect(
      await routes({
        'src/server.ts': [
          "import Fastify from 'fastify';",
          "import { getProfile } from './routes/get-profile';",
          "import { connect } from './routes/connect';",
          'const app = Fastify();',
          'app.register(getProfile);',
          'app.register(connect);',
        ].join('\n'),
        'src/auth.ts': [
          "import fastifyPlugin from 'fastify-plugin';",
          'export const auth = fastifyPlugin(async (app) => {',
          "  app.addHook('preHandler', async () => {});",
          '});',
        ].join('\n'),
        'src/routes/get-profile.ts': [
          "import type { FastifyInstance } from 'fastify';",
          "import { auth } from '../auth';",
          'export async function getProfile(app: FastifyInstance) {',
          '  app',
          '    .withTypeProvider()',
          '    .register(auth)',
          '    .get(',
          "      '/profile',",
          '      { schema: {} },',
          '      async () => ({}),',
          '    );',
          '}',
        ].join('\n'),
        'src/routes/connect.ts': [
          "import type { FastifyInstance } from 'fastify';",
          "import { auth } from '../auth';",
          'export async function connect(app: FastifyInstance) {',
          "  app.withTypeProvider().register(auth).post('/users/accounts/github', async () => ({}));",
          '}',
        ].join('\n'),
      }),
    ).toEqual(['GET /profile src/routes/get-profile.ts:7 [auth]', 'POST /users/accounts/github src/routes/connect.ts:4 [auth]']);
  });

  it('an autoload folder named through a const and `getDirName(import.meta.url)` gets its `options.prefix` and folder prefixes', async () => {
    const pkg = JSON.stringify({ name: 'api', private: true, dependencies: { fastify: '^5.0.0', '@fastify/autoload': '^6.0.0' } });
    const list = await detect(
      httpFrameworksDetector,
      tempRepo({
        'package.json': pkg,
        'src/libs/files.ts': "import { dirname } from 'node:path';\nimport { fileURLToPath } from 'node:url';\nexport const getDirName = (u: string) => dirname(fileURLToPath(u));\n",
        'src/infra/http/server.ts': [
          "import path from 'node:path';",
          "import fastifyAutoLoad from '@fastify/autoload';",
          "import Fastify from 'fastify';",
          "import { getDirName } from '../../libs/files';",
          'export class Server {',
          '  #fastify;',
          '  #options = {};',
          '  constructor() {',
          '    this.#fastify = Fastify();',
          '  }',
          '  load() {',
          "    const routesPath = path.join(getDirName(import.meta.url), '../../modules');",
          "    this.#fastify.register(fastifyAutoLoad, { dir: routesPath, options: { ...this.#options, prefix: '/v1' } });",
          '  }',
          '}',
        ].join('\n'),
        'src/modules/auth/auth.router.v1.ts': [
          "import type { FastifyPluginAsync } from 'fastify';",
          'const authRouter: FastifyPluginAsync = async (app) => {',
          "  app.post('/sign-in', { handler: async () => ({}) });",
          '};',
          'export default authRouter;',
        ].join('\n'),
      }),
    );
    expect(list.map((f) => { const r = f.data as HttpRouteData; return `${r.method} ${r.path} ${r.file}:${r.line}`; })).toEqual([
      'POST /v1/auth/sign-in src/modules/auth/auth.router.v1.ts:3',
    ]);
  });
});
