import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

// A call chained on a later line (`new Hono()\n  .use(mw)`) is cited at its own line, not at the chain's head.
describe('chained calls are cited at the line of the called name', () => {
  it('Hono `.use(mw)` chained after `new Hono<…>()` on a later line', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'server', private: true, dependencies: { hono: '^4.0.0' } }),
      'src/index.ts': [
        "import { Hono } from 'hono';",
        'async function access(c: any, next: () => Promise<void>) { return next(); }',
        'const env = new Hono<{',
        '  Variables: { id: string };',
        '}>()',
        '  .use(access)',
        "  .get('/', (c) => c.text('ok'));",
        'const app = new Hono();',
        "app.route('/env', env);",
        'export default app;',
      ].join('\n'),
    });
    const routes = (await detect(httpFrameworksDetector, root)).filter((f) => f.kind === 'http.route').map((f) => f.data as HttpRouteData);
    const use = routes.flatMap((r) => r.middlewareUses ?? []).find((u) => u.name === 'access');
    expect(use?.kind).toBe('use');
    expect(use?.at).toEqual({ file: 'src/index.ts', line: 6 });
  });

  it('Express `.use(…)` chained on a later line', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'server', private: true, dependencies: { express: '^4.0.0' } }),
      'src/index.ts': [
        "import express from 'express';",
        'function auth(req: any, res: any, next: any) { next(); }',
        'const app = express();',
        'app',
        '  .use(auth)',
        "  .get('/x', (req, res) => res.send('x'));",
        'export default app;',
      ].join('\n'),
    });
    const routes = (await detect(httpFrameworksDetector, root)).filter((f) => f.kind === 'http.route').map((f) => f.data as HttpRouteData);
    const use = routes.flatMap((r) => r.middlewareUses ?? []).find((u) => u.name === 'auth');
    expect(use?.at).toEqual({ file: 'src/index.ts', line: 5 });
  });
});

describe('error handlers installed by a chained call', () => {
  it('cite `.onError(…)` at its own line', async () => {
    const { errorMappings } = await import('../src/detectors/backend-code/errors.js');
    const { ts } = await import('../src/scan/ts.js');
    const text = [
      "import { Hono } from 'hono';",
      'function onFail(err: Error, c: any) { return c.json({ error: err.message }, 500); }',
      'export const app = new Hono()',
      "  .get('/', (c) => c.text('ok'))",
      '  .onError(onFail);',
    ].join('\n');
    const sf = ts.createSourceFile('src/app.ts', text, ts.ScriptTarget.Latest, true);
    expect(errorMappings('src/app.ts', sf).map((m) => m.line)).toEqual([5]);
  });
});
