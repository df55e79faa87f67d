import { describe, expect, it } from 'vitest';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const json = (x: unknown) => JSON.stringify(x, null, 2);
const schema = (port: number) => `import { z } from 'zod';\nexport const schema = z.object({\n  PORT: z.coerce.number().default(${port}),\n  DATABASE_URL: z.string(),\n});\nexport function loadEnv(env = process.env) {\n  return schema.parse(env);\n}\n`;

// A backend's dev script that runs its server entry is a dev server; its port is what the entry's `.listen(…)` is given.
describe('backend dev servers in step 9', () => {
  it('lists two Nest apps with the schema default each loads (through a package export subpath), and a bun server', async () => {
    const root = tempRepo({
      'package.json': json({ name: 'mono', private: true, workspaces: ['apps/*', 'libs/*'], scripts: { dev: 'turbo run dev' } }),
      'package-lock.json': '{}',
      'libs/env/package.json': json({ name: '@shared/env', private: true, exports: { './gateway': './src/gateway.env.ts', './api': './src/api.env.ts' }, dependencies: { zod: '^3.0.0' } }),
      'libs/env/src/gateway.env.ts': schema(3001),
      'libs/env/src/api.env.ts': schema(3002),
      'apps/gateway/package.json': json({ name: '@app/gateway', private: true, scripts: { dev: 'nest start --watch' }, dependencies: { '@nestjs/core': '^11.0.0', '@shared/env': '*' } }),
      'apps/gateway/nest-cli.json': json({ sourceRoot: 'src' }),
      'apps/gateway/src/config.ts': "import { loadEnv } from '@shared/env/gateway';\nexport const config = () => loadEnv();\n",
      'apps/gateway/src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { config } from './config';\nasync function main() {\n  const settings = config();\n  const app = await NestFactory.create({});\n  await app.listen(settings.PORT);\n}\nvoid main();\n",
      'apps/api/package.json': json({ name: '@app/api', private: true, scripts: { dev: 'nest start --watch' }, dependencies: { '@nestjs/core': '^11.0.0', '@shared/env': '*' } }),
      'apps/api/src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { loadEnv } from '@shared/env/api';\nasync function main() {\n  const env = loadEnv();\n  const app = await NestFactory.create({});\n  await app.listen(env.PORT);\n}\nvoid main();\n",
      'apps/server/package.json': json({ name: '@app/server', private: true, scripts: { dev: 'bun run --watch src/index.ts' }, dependencies: { elysia: '^1.0.0' } }),
      'apps/server/src/index.ts': "import { Elysia } from 'elysia';\nconst port = Number(process.env.PORT);\nnew Elysia().get('/', () => 'ok').listen(port);\n",
      'apps/worker/package.json': json({ name: '@app/worker', private: true, scripts: { dev: 'bun run --watch src/index.ts' } }),
      'apps/worker/src/index.ts': "import http from 'node:http';\nhttp.createServer(() => {}).listen(process.env.PORT ?? 4000);\n",
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('| @app/gateway | `npm run dev -w @app/gateway` | `nest start --watch` | 3001 unless `PORT` is set (default in the schema `/libs/env/src/gateway.env.ts:3`; listen at `/apps/gateway/src/main.ts:6`) |');
    expect(md).toContain('| @app/api | `npm run dev -w @app/api` | `nest start --watch` | 3002 unless `PORT` is set (default in the schema `/libs/env/src/api.env.ts:3`; listen at `/apps/api/src/main.ts:6`) |');
    // A port the code does not prove is "not known", never guessed.
    expect(md).toContain('| `bun run --watch src/index.ts` | not known: `.listen(port)` at `/apps/server/src/index.ts:3` |');
    expect(md).toContain('| `bun run --watch src/index.ts` | 4000 unless `PORT` is set (`/apps/worker/src/index.ts:2`) |');
  });
});

describe('a port the entry computes in a const (react-nestjs-prisma-monorepo)', () => {
  it('reads the fallback literal and the one variable behind the other side; several variables stay not known', async () => {
    const root = tempRepo({
      'package.json': json({ name: 'api', private: true, scripts: { dev: 'nest start --watch' }, dependencies: { '@nestjs/core': '^11.0.0' } }),
      'src/main.ts': [
        "import { NestFactory } from '@nestjs/core';",
        'async function main() {',
        '  const app = await NestFactory.create({});',
        "  const rawPort = (process.env.PORT ?? '').trim();",
        '  const parsedPort = rawPort.length > 0 ? Number(rawPort) : Number.NaN;',
        '  const port =',
        '    Number.isFinite(parsedPort) && parsedPort >= 0 && parsedPort <= 65535',
        '      ? parsedPort',
        '      : 3009;',
        '  await app.listen(port);',
        '}',
        'void main();',
        '',
      ].join('\n'),
    });
    expect((await section(workflowsStep, root)).markdown).toContain('| `nest start --watch` | 3009 unless `PORT` is set (`/src/main.ts:6`; listen at `/src/main.ts:10`) |');
    const two = tempRepo({
      'package.json': json({ name: 'api', private: true, scripts: { dev: 'node src/server.js' } }),
      'src/server.js': "const http = require('node:http');\nconst port = Number(process.env.PORT || process.env.APP_PORT) || 3000;\nhttp.createServer(() => {}).listen(port);\n",
    });
    expect((await section(workflowsStep, two)).markdown).toContain('not known: `.listen(port)` at `/src/server.js:3`');
  });
});
