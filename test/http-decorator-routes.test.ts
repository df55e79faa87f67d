/**
 * Controllers of a decorator framework not known by name (a company's framework over Koa, inversify-express-utils):
 * a real Koa API built this way was mapped as "no backend API" because only Nest / routing-controllers / Ts.ED were read.
 */
import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const rows = (list: readonly HttpRouteData[]) => list.map((r) => `${r.framework} ${r.method} ${r.path} ${r.handler} ${r.file}:${r.line}`);

function repo(): string {
  return tempRepo({
    // No server package in the manifest: Koa comes in through the framework.
    'package.json': JSON.stringify({ name: 'api', dependencies: { '@acme/koa-framework': '1.0.0', inversify: '7.0.0' } }),
    'src/account.controller.ts': [
      "import { Controller } from '@acme/koa-framework/stereotype';",
      "import { Get, Post, Delete, SwaggerDoc } from '@acme/koa-framework/decorator';",
      "export const AccountSymbol = Symbol.for('Account');",
      '@Controller(AccountSymbol, {',
      "  basePath: '/api/realm/:tenantId/account',",
      '  multiTenant: true,',
      '})',
      'export class AccountController {',
      "  @SwaggerDoc({ summary: 'x' })",
      "  @Post('/')",
      '  create() {}',
      "  @Get('/:id')",
      '  findById() {}',
      "  @Delete('/:id')",
      '  remove() {}',
      '  helper() {}',
      '}',
    ].join('\n'),
    'src/pets.controller.ts': [
      "import { controller, httpGet, httpPost } from 'inversify-express-utils';",
      "@controller('/pets')",
      'export class PetsController {',
      "  @httpGet('/:id') one() {}",
      '  @httpPost()',
      '  add() {}',
      '}',
    ].join('\n'),
    // A local `Get` helper is no evidence of routing.
    'src/local.ts': [
      "import { Injectable } from '@acme/koa-framework/stereotype';",
      'const Get = (p: string) => (t: unknown, k: string) => undefined;',
      "@Injectable({ path: '/x' })",
      'export class NotAController {',
      "  @Get('/y') y() {}",
      '}',
    ].join('\n'),
  });
}

describe('decorator-routed controllers of a framework not known by name', () => {
  it('reads a path option of the class decorator and verb decorators imported from any package', async () => {
    const list = (await detect(httpFrameworksDetector, repo())).filter((f) => f.kind === 'http.route').map((f) => f.data as HttpRouteData);
    expect(rows(list)).toEqual([
      'decorators POST /api/realm/:tenantId/account AccountController.create src/account.controller.ts:10',
      'decorators DELETE /api/realm/:tenantId/account/:id AccountController.remove src/account.controller.ts:14',
      'decorators GET /api/realm/:tenantId/account/:id AccountController.findById src/account.controller.ts:12',
      'decorators POST /pets PetsController.add src/pets.controller.ts:5',
      'decorators GET /pets/:id PetsController.one src/pets.controller.ts:4',
    ]);
    expect(list[0].decoratorsFrom).toEqual(['@acme/koa-framework/decorator']);
  });

  it('step 3 lists the routes and says where they were read from, instead of "no backend API"', async () => {
    const root = repo();
    const md = (await section(backendApiStep, root)).markdown;
    expect(md).not.toMatch(/no backend API|were found in this repository/);
    expect(md).toContain('#### Decorator-routed controllers');
    expect(md).toContain('HTTP-verb decorators of `@acme/koa-framework/decorator`');
    expect(md).toContain('| `GET /api/realm/:tenantId/account/:id` | `AccountController.findById` | `/src/account.controller.ts:12` |');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });

  it('leaves NestJS controllers to the NestJS reader (no route twice)', async () => {
    const list = (await detect(httpFrameworksDetector, 'be-nest')).filter((f) => f.kind === 'http.route').map((f) => f.data as HttpRouteData);
    expect(list.length).toBeGreaterThan(0);
    expect(list.some((r) => r.framework === 'decorators')).toBe(false);
  });

  it('never says "no backend API" over verb-decorated methods no reader understood', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', dependencies: { lodash: '4.0.0' } }),
      'src/http.ts': 'export const Get = (p: string) => (t: unknown, k: string) => undefined;\n',
      'src/users.ts': ["import { Get } from './http';", 'export class Users {', "  @Get('/users') list() {}", '}'].join('\n'),
    });
    const md = (await section(backendApiStep, root)).markdown;
    expect(md).not.toMatch(/no backend API/);
    expect(md).toContain('`/src/users.ts:3`');
  });
});
