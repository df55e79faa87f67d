import { lint } from 'markdownlint/promise';
import { describe, expect, it } from 'vitest';
import { MARKDOWNLINT_CONFIG } from './helpers/markdownlint.js';
import { httpFrameworksDetector, type ApiDocsData, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const EXPRESS = tempRepo({
  'package.json': JSON.stringify({ name: 'docs-api', dependencies: { express: '^4', 'swagger-ui-express': '^5' } }),
  'src/app.ts': [
    "import express from 'express';",
    "import swaggerUi from 'swagger-ui-express';",
    "import spec from './openapi.json';",
    'const app = express();',
    "app.use('/docs', swaggerUi.serve, swaggerUi.setup(spec));",
    "app.use('/api-docs', swaggerUi.serve);",
    "app.get('/api-docs', swaggerUi.setup(spec));",
    "app.get('/users', (req, res) => res.json([]));",
    'app.listen(3000);',
    '',
  ].join('\n'),
  'src/openapi.json': '{}\n',
});

// The shape of template-hono-prisma-kysely: Swagger UI and Scalar both registered with app.get.
const HONO = tempRepo({
  'package.json': JSON.stringify({ name: 'docs-hono', dependencies: { hono: '^4', '@hono/swagger-ui': '^0.4', '@scalar/hono-api-reference': '^0.5' } }),
  'src/app.ts': [
    "import { Hono } from 'hono';",
    "import { swaggerUI } from '@hono/swagger-ui';",
    "import { apiReference } from '@scalar/hono-api-reference';",
    'const app = new Hono();',
    "app.get('/openapi.json', (c) => c.json({}));",
    "app.get('/swagger', swaggerUI({ url: '/openapi.json' }));",
    "app.get('/reference', apiReference({ spec: { url: '/openapi.json' } }));",
    'export default app;',
    '',
  ].join('\n'),
});

const NEST = tempRepo({
  'package.json': JSON.stringify({ name: 'docs-nest', dependencies: { '@nestjs/core': '^10', '@nestjs/common': '^10', '@nestjs/swagger': '^7' } }),
  'src/main.ts': [
    "import { NestFactory } from '@nestjs/core';",
    "import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';",
    "import { AppModule } from './app.module';",
    'async function bootstrap() {',
    '  const app = await NestFactory.create(AppModule);',
    '  const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());',
    "  SwaggerModule.setup('api', app, document);",
    '  await app.listen(3000);',
    '}',
    'bootstrap();',
    '',
  ].join('\n'),
  'src/app.module.ts': "import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n",
});

const FASTIFY = tempRepo({
  'package.json': JSON.stringify({ name: 'docs-fastify', dependencies: { fastify: '^4', '@fastify/swagger-ui': '^2' } }),
  'src/server.ts': [
    "import Fastify from 'fastify';",
    "import swaggerUi from '@fastify/swagger-ui';",
    'const app = Fastify();',
    'app.register(swaggerUi);',
    "app.get('/items', async () => []);",
    '',
  ].join('\n'),
});

async function facts(dir: string) {
  const all = await detect(httpFrameworksDetector, dir);
  return {
    routes: all.filter((f) => f.kind === 'http.route').map((f) => `${(f.data as HttpRouteData).method} ${(f.data as HttpRouteData).path}`),
    docs: all.filter((f) => f.kind === 'http.docs').map((f) => `${(f.data as ApiDocsData).path} ${(f.data as ApiDocsData).file}:${(f.data as ApiDocsData).line}`),
  };
}

describe('Swagger UI mounts are the API docs location, not endpoints', () => {
  it('Express: swagger-ui-express on use() or get() is one docs line per path; only the get() is a route', async () => {
    expect(await facts(EXPRESS)).toEqual({ routes: ['GET /api-docs', 'GET /users'], docs: ['/docs src/app.ts:5', '/api-docs src/app.ts:6'] });
    const s = await section(backendApiStep, EXPRESS);
    expect(s.markdown).toContain('**API docs:** Swagger UI at /docs (`/src/app.ts:5`); Swagger UI at /api-docs (`/src/app.ts:6`)');
    expect(s.markdown).not.toContain('`ALL /docs`');
    expect(missingCitations(s.markdown, await indexOf(EXPRESS))).toEqual([]);
    expect((await lint({ strings: { doc: `# Map\n\n${s.markdown}` }, config: MARKDOWNLINT_CONFIG })).doc).toEqual([]);
  });

  it('Hono: a Swagger UI registered with app.get is counted and listed as a route, labelled as the docs', async () => {
    expect(await facts(HONO)).toEqual({ routes: ['GET /openapi.json', 'GET /reference', 'GET /swagger'], docs: ['/swagger src/app.ts:6'] });
    const md = (await section(backendApiStep, HONO)).markdown;
    expect(md).toContain('3 routes in 1 file(s).');
    expect(md).toMatch(/\| `GET \/swagger` \| `swaggerUI\(…\)`: Swagger UI \(API docs\) \|.*`\/src\/app.ts:6` \|/);
    expect(md).toContain('**API docs:** Swagger UI at /swagger (`/src/app.ts:6`)');
  });

  it('NestJS SwaggerModule.setup and @fastify/swagger-ui (its default prefix) are found', async () => {
    expect((await facts(NEST)).docs).toEqual(['/api src/main.ts:7']);
    expect(await facts(FASTIFY)).toEqual({ routes: ['GET /items'], docs: ['/documentation src/server.ts:4'] });
  });
});
