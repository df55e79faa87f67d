import { describe, expect, it } from 'vitest';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('endpoint recipe: middleware applied outside the route declaration', () => {
  it('says NestJS middleware from consumer.apply(…).forRoutes(…) is applied there, and a new controller must be added to it', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { '@nestjs/common': '^10.0.0', '@nestjs/core': '^10.0.0' } }),
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();\n",
      'src/app.module.ts': [
        "import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';",
        "import { TaskController } from './task.controller';",
        "import { TokenMiddleware } from './token.middleware';",
        '',
        '@Module({ controllers: [TaskController] })',
        'export class AppModule implements NestModule {',
        '  configure(consumer: MiddlewareConsumer) {',
        '    consumer',
        '      .apply(TokenMiddleware)',
        '      .forRoutes(TaskController);',
        '  }',
        '}',
      ].join('\n'),
      'src/token.middleware.ts': "import { Injectable, NestMiddleware } from '@nestjs/common';\n@Injectable()\nexport class TokenMiddleware implements NestMiddleware {\n  use(req: any, res: any, next: () => void) { next(); }\n}\n",
      'src/task.controller.ts': [
        "import { Controller, Get, Post, Delete } from '@nestjs/common';",
        "@Controller('tasks')",
        'export class TaskController {',
        '  @Get() list() { return []; }',
        "  @Post() create() { return {}; }",
        "  @Delete(':id') remove() { return {}; }",
        '}',
      ].join('\n'),
    });
    const md = (await section(workflowsStep, root)).markdown;
    const line = md.split('\n').find((l) => l.includes('**Auth and middleware:**')) ?? '';
    expect(line).not.toContain('listed in the route declaration');
    expect(line).toContain('applied where the app or router is set up');
    expect(line).toContain('`TokenMiddleware`, applied by `consumer.apply(…).forRoutes(…)` at `/src/app.module.ts:9`');
    expect(line).toContain('a new controller or route gets `TokenMiddleware` only when added to the `forRoutes(…)` at `/src/app.module.ts:9`');
  });
});
