/** Ts.ED controllers: `@Controller` from `@tsed/di`, or a project decorator that applies it, under the `mount` key. */
import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const routes = async (name: string) => (await detect(httpFrameworksDetector, name)).filter((f) => f.kind === 'http.route').map((f) => f.data as HttpRouteData);
const rows = (list: readonly HttpRouteData[]) => list.map((r) => `${r.method} ${r.path} ${r.handler} ${r.file}:${r.line}${r.resolved ? '' : ' (unresolved)'}`);

describe('Ts.ED controllers', () => {
  it('reads @Controller classes and a project decorator that applies Controller(path), under the literal mount key', async () => {
    const list = await routes('be-tsed');
    expect(list.every((r) => r.framework === 'tsed')).toBe(true);
    expect(rows(list)).toEqual([
      'GET /api/healthz HealthController.check src/controllers/health.controller.ts:6',
      'GET /api/users UsersController.list src/controllers/users.controller.ts:9',
      'POST /api/users UsersController.create src/controllers/users.controller.ts:20',
      'GET /api/users/:id UsersController.one src/controllers/users.controller.ts:15',
    ]);
    const create = list.find((r) => r.method === 'POST');
    expect(create?.middlewareUses).toEqual([
      { name: 'AuthMiddleware', kind: 'route', at: { file: 'src/controllers/users.controller.ts', line: 21 }, code: { file: 'src/middlewares/auth.middleware.ts', line: 4 } },
    ]);
  });

  it('step 3 maps the routes instead of saying none were mapped', async () => {
    const md = (await section(backendApiStep, 'be-tsed')).markdown;
    expect(md).not.toContain('No API routes were mapped');
    expect(md).toContain('#### Ts.ED controllers: be-tsed');
    expect(md).toContain('| `GET /api/users/:id` | `UsersController.one` | — | `/src/controllers/users.controller.ts:15` |');
    expect(missingCitations(md, await indexOf('be-tsed'))).toEqual([]);
  });

  it('names a mount key set at run time instead of guessing it; a child controller is marked unresolved', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', dependencies: { '@tsed/common': '7.0.0', '@tsed/schema': '7.0.0' } }),
      'src/server.ts': [
        "import { Configuration } from '@tsed/common';",
        "import { AppConfig } from './config';",
        '@Configuration({ mount: { [AppConfig.BASE_PATH]: [] } })',
        'export class Server {}',
      ].join('\n'),
      'src/config.ts': "export const AppConfig = { BASE_PATH: process.env.BASE_PATH ?? '/api' };\n",
      'src/pets.controller.ts': [
        "import { Controller, Get } from '@tsed/common';",
        "import { TagsController } from './tags.controller';",
        "@Controller({ path: '/pets', children: [TagsController] })",
        'export class PetsController {',
        "  @Get('/:id') one() {}",
        '}',
      ].join('\n'),
      'src/tags.controller.ts': [
        "import { Controller, Get } from '@tsed/common';",
        "@Controller('/tags')",
        'export class TagsController {',
        '  @Get() all() {}',
        '}',
      ].join('\n'),
    });
    const list = (await detect(httpFrameworksDetector, root)).map((f) => f.data as HttpRouteData);
    expect(rows(list)).toEqual([
      'GET /pets/:id PetsController.one src/pets.controller.ts:5',
      'GET /tags TagsController.all src/tags.controller.ts:4 (unresolved)',
    ]);
    expect(list[0].runtimePrefix).toEqual({ expression: 'AppConfig.BASE_PATH', at: { file: 'src/server.ts', line: 3 } });
  });
});
