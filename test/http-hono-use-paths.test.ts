import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const PKG = JSON.stringify({ name: 'server', private: true, dependencies: { hono: '^4.0.0' } });

async function routes(files: Record<string, string>): Promise<string[]> {
  const list = (await detect(httpFrameworksDetector, tempRepo({ 'package.json': PKG, ...files }))).map((f) => f.data as HttpRouteData);
  return list.map((r) => `${r.method} ${r.path} ${r.file}:${r.line} [${(r.middleware ?? []).join(', ')}]`);
}

const HEAD = ["import { Hono } from 'hono';", "import { limit, loginCfg, tokenCfg } from './limit';", 'const app = new Hono();'];
const LIMIT = 'export const limit = (c: unknown) => async (_c: unknown, next: () => Promise<void>) => next();\nexport const loginCfg = {};\nexport const tokenCfg = {};\n';

describe('Hono use() and on() that only add middleware', () => {
  it('a loop variable over path literals is where use() applies, not a middleware', async () => {
    const out = await routes({
      'src/limit.ts': LIMIT,
      'src/app.ts': [
        ...HEAD,
        "for (const path of ['/login', '/google']) {",
        '  app.use(path, limit(loginCfg));',
        '}',
        "app.use('/token', limit(tokenCfg));",
        "app.post('/login', (c) => c.text('l'));",
        "app.post('/google', (c) => c.text('g'));",
        "app.post('/token', (c) => c.text('t'));",
        "app.get('/me', (c) => c.text('m'));",
        'export default app;',
      ].join('\n'),
    });
    expect(out).toEqual([
      'POST /google src/app.ts:9 [limit(loginCfg)]',
      'POST /login src/app.ts:8 [limit(loginCfg)]',
      'GET /me src/app.ts:11 []',
      'POST /token src/app.ts:10 [limit(tokenCfg)]',
    ]);
  });

  it('a loop variable over a list not known statically is still a path (the use applies to no known route)', async () => {
    const out = await routes({
      'src/limit.ts': LIMIT + 'export const PATHS: string[] = [];\n',
      'src/app.ts': [
        "import { Hono } from 'hono';",
        "import { limit, loginCfg, PATHS } from './limit';",
        'const app = new Hono();',
        'for (const path of PATHS) app.use(path, limit(loginCfg));',
        "app.get('/me', (c) => c.text('m'));",
        'export default app;',
      ].join('\n'),
    });
    expect(out).toEqual(['GET /me src/app.ts:5 []']);
  });

  it('app.on(method, path, mw) followed by a route for the same method and path is middleware for that route', async () => {
    const out = await routes({
      'src/limit.ts': LIMIT,
      'src/app.ts': [
        ...HEAD,
        "app.on('POST', '/', limit(loginCfg));",
        'export default app',
        "  .post('/', (c) => c.text('created'))",
        "  .get('/', (c) => c.text('list'));",
      ].join('\n'),
    });
    expect(out).toEqual(['GET / src/app.ts:7 []', 'POST / src/app.ts:6 [limit(loginCfg)]']);
  });

  it('app.on(method, path, handler) alone is still a route', async () => {
    const out = await routes({ 'src/app.ts': [...HEAD, "app.on('PUT', '/x', (c) => c.text('x'));", 'export default app;'].join('\n'), 'src/limit.ts': LIMIT });
    expect(out).toEqual(['PUT /x src/app.ts:4 []']);
  });
});
