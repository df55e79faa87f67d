/**
 * Hand-check round 21 (inctagram): `@Catch() class RpcException extends BaseRpcExceptionFilter` is an exception filter,
 * not an error class; and a filter is where errors become responses only when something registers it (the module's
 * `APP_FILTER` there used the framework's `RpcException` from '@nestjs/microservices', not the filter).
 */
import { describe, expect, it } from 'vitest';
import { backendCodeDetector } from '../src/detectors/backend-code/index.js';
import type { ErrorClassData, ErrorMappingData } from '../src/detectors/backend-code/types.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const repo = () => tempRepo({
  'package.json': JSON.stringify({ name: 'api', dependencies: { '@nestjs/common': '^10.0.0', '@nestjs/core': '^10.0.0', '@nestjs/microservices': '^10.0.0' } }),
  'src/filters/rpc-exceptions.filter.ts': [
    "import { Catch } from '@nestjs/common';",
    "import { BaseRpcExceptionFilter } from '@nestjs/microservices';",
    '@Catch()',
    'export class RpcException<T> extends BaseRpcExceptionFilter {',
    '  catch(exception: T, host: any) { return super.catch(exception, host); }',
    '}',
  ].join('\n'),
  'src/filters/all-exceptions.filter.ts': [
    "import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';",
    '@Catch()',
    'export class AllExceptionsFilter implements ExceptionFilter {',
    '  catch(exception: unknown, host: ArgumentsHost) {',
    '    const status = exception instanceof HttpException ? exception.getStatus() : 500;',
    '    host.switchToHttp().getResponse().status(status).json({ status });',
    '  }',
    '}',
  ].join('\n'),
  'src/filters/http.filter.ts': [
    "import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';",
    '@Catch(HttpException)',
    'export class HttpFilter implements ExceptionFilter {',
    '  catch(exception: HttpException, host: ArgumentsHost) {',
    '    host.switchToHttp().getResponse().status(exception.getStatus()).json({});',
    '  }',
    '}',
  ].join('\n'),
  'src/filters/json.filter.ts': [
    "import { Catch, ExceptionFilter } from '@nestjs/common';",
    '@Catch()',
    'export class JsonFilter implements ExceptionFilter {',
    '  catch() {}',
    '}',
  ].join('\n'),
  // Handed on by a helper whose registration the scan cannot see: not called unregistered.
  'src/filters/all.ts': "import { JsonFilter } from './json.filter';\nexport const filters = () => [new JsonFilter()];\n",
  'src/errors.ts': 'export class NotFoundError extends Error {}\n',
  'src/app.module.ts': [
    "import { Module } from '@nestjs/common';",
    "import { APP_FILTER } from '@nestjs/core';",
    "import { RpcException } from '@nestjs/microservices';",
    '@Module({ providers: [{ provide: APP_FILTER, useClass: RpcException }] })',
    'export class AppModule {}',
  ].join('\n'),
  'src/main.ts': [
    "import { NestFactory } from '@nestjs/core';",
    "import { AppModule } from './app.module';",
    "import { HttpFilter } from './filters/http.filter';",
    'async function bootstrap() {',
    '  const app = await NestFactory.create(AppModule);',
    '  app.useGlobalFilters(new HttpFilter());',
    '  await app.listen(3000);',
    '}',
    'bootstrap();',
  ].join('\n'),
});

describe('NestJS exception filters', () => {
  it('never lists a @Catch filter as an error class, whatever its name', async () => {
    const facts = await detect(backendCodeDetector, repo());
    const classes = facts.filter((f) => f.kind === 'backend.error-class').map((f) => (f.data as ErrorClassData).name);
    expect(classes).toEqual(['NotFoundError']);
  });

  it('records which filters are registered, and folds checks in catch() into the filter', async () => {
    const facts = await detect(backendCodeDetector, repo());
    const maps = facts.filter((f) => f.kind === 'backend.error-mapping').map((f) => f.data as ErrorMappingData);
    expect(maps.map((m) => [m.name, m.handles, m.registeredIn])).toEqual([
      ['AllExceptionsFilter', ['*', 'HttpException'], []],
      ['HttpFilter', ['HttpException'], ['src/main.ts']],
      ['JsonFilter', ['*'], []],
      ['RpcException', ['*'], []],
    ]);
  });

  it('lists only registered filters as where errors become responses', async () => {
    const md = (await section(backendApiStep, repo())).markdown;
    expect(md).not.toContain('| `RpcException`');
    expect(md).toContain('- `HttpFilter` in `/src/filters/http.filter.ts:2`: checks `HttpException`; registered in `/src/main.ts`');
    expect(md).toMatch(/registered by no .*: `AllExceptionsFilter` \(`\/src\/filters\/all-exceptions\.filter\.ts:2`\), `RpcException` \(`\/src\/filters\/rpc-exceptions\.filter\.ts:3`\)\./);
    expect(md).not.toMatch(/^- `(AllExceptionsFilter|RpcException)/m);
    expect(md).toContain('- `JsonFilter` in `/src/filters/json.filter.ts:2`: checks `*`; called from `/src/filters/all.ts`');
  });
});
