import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const controller = (name: string, path: string) =>
  `import { Controller, Get } from '@nestjs/common';\n@Controller('${path}')\nexport class ${name} {\n  @Get()\n  list() { return []; }\n}\n`;

async function chains(files: Record<string, string>): Promise<string[]> {
  const routes = (await detect(httpFrameworksDetector, tempRepo(files))).map((f) => f.data as HttpRouteData);
  return routes.map((r) => `${r.method} ${r.path}: ${(r.middleware ?? []).join(', ')}`).sort();
}

describe('NestJS consumer.apply(…).forRoutes(...controllers) and app.use([paths], fn)', () => {
  it('middleware applied to a spread list of controllers reaches their routes; an array of paths mounts app.use under each path', async () => {
    const found = await chains({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { '@nestjs/core': '^10.0.0', '@nestjs/common': '^10.0.0' } }),
      'src/main.ts': [
        "import { NestFactory } from '@nestjs/core';",
        "import { json } from 'express';",
        "import { AppModule } from './app.module';",
        'async function bootstrap() {',
        '  const app = await NestFactory.create(AppModule);',
        "  app.use(['/posts/{*splat}', '/media'], (req: any, res: any, next: any) => json({ limit: '50mb' })(req, res, next));",
        '  await app.listen(3000);',
        '}',
        'bootstrap();',
      ].join('\n'),
      'src/app.module.ts': [
        "import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';",
        "import { AuthMiddleware } from './auth.middleware';",
        "import { PostsController } from './posts.controller';",
        "import { MediaController } from './media.controller';",
        "import { PublicController } from './public.controller';",
        'const authenticated = [PostsController, MediaController];',
        '@Module({ controllers: [PublicController, ...authenticated] })',
        'export class AppModule implements NestModule {',
        '  configure(consumer: MiddlewareConsumer) {',
        '    consumer.apply(AuthMiddleware).forRoutes(...authenticated);',
        '  }',
        '}',
      ].join('\n'),
      'src/auth.middleware.ts': "export class AuthMiddleware {\n  use(req: any, res: any, next: () => void) { next(); }\n}\n",
      'src/posts.controller.ts': controller('PostsController', 'posts'),
      'src/media.controller.ts': controller('MediaController', 'media'),
      'src/public.controller.ts': controller('PublicController', 'public'),
    });
    expect(found).toEqual(['GET /media: (req: any, res: any, next: any) => json({ lim…, AuthMiddleware', 'GET /posts: (req: any, res: any, next: any) => json({ lim…, AuthMiddleware', 'GET /public: ']);
  });
});

describe('Express app.use with an array of paths', () => {
  it("`app.use(['/a', '/b'], json())` is middleware under /a and /b only; the paths are no middleware", async () => {
    const found = await chains({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { express: '^4.0.0' } }),
      'src/server.ts': [
        "import express from 'express';",
        'const app = express();',
        "app.use(['/upload', '/posts'], express.json({ limit: '50mb' }));",
        "app.post('/posts', (req, res) => res.json({}));",
        "app.get('/health', (req, res) => res.send('ok'));",
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(found).toEqual(['GET /health: ', 'POST /posts: express.json(…)']);
  });
});
