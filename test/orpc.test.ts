import { describe, expect, it } from 'vitest';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

async function step3(files: Record<string, string>): Promise<string> {
  return (await section(backendApiStep, tempRepo(files))).markdown;
}

const nestApi = JSON.stringify({ name: 'api', private: true, dependencies: { '@nestjs/common': '^11.0.0', '@nestjs/core': '^11.0.0', '@orpc/nest': '^1.0.0', '@orpc/contract': '^1.0.0' } });

describe('oRPC in step 3', () => {
  it('lists NestJS controller methods bound by @Implement(…), in a feature folder named test too, and not a contract router', async () => {
    const md = await step3({
      'package.json': nestApi,
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nNestFactory.create(AppModule).then((app) => app.listen(3000));\n",
      'src/app.module.ts': "import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n",
      'src/user/user.controller.ts': [
        "import { Controller } from '@nestjs/common';",
        "import { Implement, implement } from '@orpc/nest';",
        "import { userContract } from './contract';",
        '',
        '@Controller()',
        'export class UserController {',
        '  @Implement(userContract.list)',
        '  list() {',
        '    return implement(userContract.list).handler(() => []);',
        '  }',
        '  @Implement(userContract.other)',
        '  other() {',
        '    return implement(userContract.other).handler(() => []);',
        '  }',
        '}',
      ].join('\n'),
      'src/user/contract.ts': "import { oc } from '@orpc/contract';\nexport { userContract } from './routes';\n",
      'src/user/routes.ts': [
        "import { oc } from '@orpc/contract';",
        "import { listContract } from './list';",
        'const base = process.env.BASE!;',
        "export const userContract = oc.tag('User').prefix('/users').router({",
        '  list: listContract,',
        "  other: oc.prefix(base).router({ x: oc.route({ method: 'GET', path: '/x' }) }).x,",
        '});',
      ].join('\n'),
      'src/user/list.ts': "import { oc } from '@orpc/contract';\nexport const listContract = oc.route({ method: 'GET', path: '/all' }).input(undefined as never);\n",
      'src/modules/test/test.controller.ts': [
        "import { Controller } from '@nestjs/common';",
        "import { Implement, implement } from '@orpc/nest';",
        "import { oc } from '@orpc/contract';",
        "const testContracts = oc.prefix('/test').router({ ping: oc.route({ method: 'GET', path: '/ping' }) });",
        '@Controller()',
        'export class TestController {',
        '  @Implement(testContracts.ping)',
        '  ping() {',
        "    return implement(testContracts.ping).handler(() => 'pong');",
        '  }',
        '}',
      ].join('\n'),
      'src/modules/test/test.controller.spec.ts': "import { Implement } from '@orpc/nest';\nclass X {\n  @Implement(c.y)\n  y() {}\n}\n",
    });
    expect(md).toContain('3 procedures implemented by NestJS controller methods');
    expect(md).toContain('| `userContract.list` | `GET /users/all` | `UserController.list` | `/src/user/user.controller.ts:8` |');
    expect(md).toContain('| `testContracts.ping` | `GET /test/ping` | `TestController.ping` | `/src/modules/test/test.controller.ts:8` |');
    // A prefix that is not a literal leaves the route unsaid.
    expect(md).toContain('| `userContract.other` | — | `UserController.other` |');
    // "—" is what was not read, never a claim that the contract has no route (round 24: contracts from another package).
    expect(md).toContain('(— where it was not read: a contract this reader did not follow');
    expect(md).not.toContain('gives none');
    expect(md).not.toContain('not mapped');
    expect(md).not.toContain('spec.ts');
  });

  it('says the procedures of a router served by RPCHandler are not mapped, never that what is listed is the whole API', async () => {
    const md = await step3({
      'package.json': JSON.stringify({ name: 'server', private: true, dependencies: { hono: '^4.0.0', '@orpc/server': '^1.0.0' } }),
      'src/index.ts': [
        "import { Hono } from 'hono';",
        "import { RPCHandler } from '@orpc/server/fetch';",
        "import { appRouter } from './router';",
        'const app = new Hono();',
        'const rpcHandler = new RPCHandler(appRouter);',
        "app.get('/health', (c) => c.text('ok'));",
        "app.use('/rpc/*', async (c, next) => {",
        "  const { matched, response } = await rpcHandler.handle(c.req.raw, { prefix: '/rpc' });",
        '  if (matched) return c.newResponse(response.body, response);',
        '  await next();',
        '});',
        'export default app;',
      ].join('\n'),
      'src/router.ts': [
        "import { os } from '@orpc/server';",
        'export const appRouter = os.router({',
        "  ping: os.handler(() => 'pong'),",
        '  echo: os.handler(({ input }) => input),',
        '});',
      ].join('\n'),
    });
    expect(md).toContain('No AWS CDK app in this repository: part of the API is served by the HTTP framework routes below.');
    expect(md).toContain('oRPC procedures are served too but are **not mapped**');
    expect(md).toContain('Served by `RPCHandler` of `appRouter` at /rpc (`/src/index.ts:5`).');
    expect(md).toContain('| `appRouter` | 2 | `/src/router.ts:2` |');
  });

  it('follows a contract from a workspace package through its barrels, and a route(…) builder only when it wraps oc.route', async () => {
    const md = await step3({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'apps/api/package.json': JSON.stringify({ name: 'api', private: true, dependencies: { '@nestjs/common': '^11.0.0', '@nestjs/core': '^11.0.0', '@orpc/nest': '^1.0.0', '@repo/contracts': '*' } }),
      'apps/api/src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nNestFactory.create(AppModule).then((app) => app.listen(3000));\n",
      'apps/api/src/app.module.ts': "import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n",
      'apps/api/src/push/push.controller.ts': [
        "import { Controller } from '@nestjs/common';",
        "import { Implement, implement } from '@orpc/nest';",
        "import { pushContract } from '@repo/contracts';",
        '@Controller()',
        'export class PushController {',
        '  @Implement(pushContract.getKey)',
        '  getKey() {',
        "    return implement(pushContract.getKey).handler(() => 'k');",
        '  }',
        '  @Implement(pushContract.other)',
        '  other() {',
        "    return implement(pushContract.other).handler(() => 'o');",
        '  }',
        '  @Implement(pushContract.drop)',
        '  drop() {',
        "    return implement(pushContract.drop).handler(() => 'd');",
        '  }',
        '  @Implement(pushContract.moved)',
        '  moved() {',
        "    return implement(pushContract.moved).handler(() => 'm');",
        '  }',
        '}',
      ].join('\n'),
      'packages/contracts/package.json': JSON.stringify({ name: '@repo/contracts', private: true, exports: { '.': { import: './index.ts', types: './index.ts' } }, dependencies: { '@orpc/contract': '^1.0.0', '@repo/builder': '*' } }),
      'packages/contracts/index.ts': "export * from './modules/index';\n",
      'packages/contracts/modules/index.ts': "export * from './push';\n",
      'packages/contracts/modules/push/index.ts': [
        "import { oc } from '@orpc/contract';",
        "import { getKeyContract } from './getKey';",
        "import { otherContract } from './other';",
        "import { movedContract } from './moved';",
        "export const pushContract = oc.tag('Push').prefix('/push').router({ getKey: getKeyContract, other: otherContract, moved: movedContract, drop: oc.route({ method: 'DELETE', path: '/all' }) });",
        "export * from './getKey';",
      ].join('\n'),
      'packages/contracts/modules/push/getKey.ts': "import { route } from '@repo/builder/builder';\nexport const getKeyContract = route({ method: 'GET', path: '/public-key' }).output(undefined as never).build();\n",
      // A `route` that is not oRPC's: its literals prove nothing.
      'packages/contracts/modules/push/other.ts': "import { route } from './not-orpc';\nexport const otherContract = route({ method: 'GET', path: '/other' }).build();\n",
      'packages/contracts/modules/push/not-orpc.ts': 'export function route(m: object) { return { build: () => m }; }\n',
      // A later `.path(…)` could change the route: left unsaid.
      'packages/contracts/modules/push/moved.ts': "import { route } from '@repo/builder/builder';\nexport const movedContract = route({ method: 'GET', path: '/a' }).path('/b').build();\n",
      'packages/builder/package.json': JSON.stringify({ name: '@repo/builder', private: true, exports: { '.': './src/index.ts', './builder': './src/builder/index.ts' }, dependencies: { '@orpc/contract': '^1.0.0' } }),
      'packages/builder/src/builder/index.ts': "export { RouteBuilder, route } from './core/route-builder';\n",
      'packages/builder/src/builder/core/route-builder.ts': [
        "import { oc } from '@orpc/contract';",
        'export class RouteBuilder {',
        '  constructor(private readonly meta: object) {}',
        '  output(o: unknown) { return this; }',
        '  path(p: string) { return this; }',
        '  build() {',
        '    const withOutput = oc.input(undefined as never).output(undefined as never);',
        '    return withOutput.route({ ...this.meta });',
        '  }',
        '}',
        'export function route(meta: object) {',
        '  return new RouteBuilder(meta);',
        '}',
      ].join('\n'),
    });
    expect(md).toContain('| `pushContract.getKey` | `GET /push/public-key` | `PushController.getKey` |');
    expect(md).toContain('| `pushContract.drop` | `DELETE /push/all` | `PushController.drop` |');
    expect(md).toContain('| `pushContract.other` | — | `PushController.other` |');
    expect(md).toContain('| `pushContract.moved` | — | `PushController.moved` |');
  });
});
