import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const routesOf = async (files: Record<string, string>) => {
  const root = tempRepo({ 'package.json': JSON.stringify({ name: 'server', private: true, dependencies: { hono: '^4.0.0' } }), ...files });
  return (await detect(httpFrameworksDetector, root)).filter((f) => f.kind === 'http.route').map((f) => f.data as HttpRouteData);
};
const names = (r: HttpRouteData | undefined) => (r?.middlewareUses ?? []).map((u) => u.name);

// An app-wide middleware given the paths it skips (`publicPaths`) does not run for a route on one of them.
describe('middleware with a list of paths it skips', () => {
  const factory = [
    'export const createAuth = ({ publicPaths = [] as string[] } = {}) => ({',
    '  authMiddleware: async (c: any, next: any) => { if (publicPaths.includes(c.req.path)) return next(); return next(); },',
    '});',
  ].join('\n');
  const app = (authFile: string) => ({
    'src/auth-factory.ts': factory,
    'src/auth.ts': authFile,
    'src/index.ts': [
      "import { Hono } from 'hono';",
      "import { authMiddleware } from './auth';",
      'const app = new Hono();',
      'app.use(authMiddleware);',
      "app.post('/api/webhooks/stripe', (c) => c.text('ok'));",
      "app.get('/api/orders', (c) => c.text('ok'));",
      'export default app;',
    ].join('\n'),
  });

  it('a literal list at the factory call that made it: the listed route does not pass through it', async () => {
    const routes = await routesOf(app([
      "import { createAuth } from './auth-factory';",
      "const auth = createAuth({ publicPaths: ['/api/webhooks/stripe'] });",
      'export const authMiddleware = auth.authMiddleware;',
    ].join('\n')));
    expect(names(routes.find((r) => r.path === '/api/webhooks/stripe'))).toEqual([]);
    const orders = routes.find((r) => r.path === '/api/orders');
    expect(names(orders)).toEqual(['authMiddleware']);
    expect(orders?.middlewareUses?.[0]?.skips).toEqual({ option: 'publicPaths', at: { file: 'src/auth.ts', line: 2 }, paths: ['/api/webhooks/stripe'] });
  });

  it('a list that is not literal: no route is dropped, and the use says it may skip some', async () => {
    const routes = await routesOf(app([
      "import { createAuth } from './auth-factory';",
      "import { PUBLIC } from './public';",
      'const auth = createAuth({ publicPaths: PUBLIC });',
      'export const authMiddleware = auth.authMiddleware;',
    ].join('\n')));
    const hook = routes.find((r) => r.path === '/api/webhooks/stripe');
    expect(names(hook)).toEqual(['authMiddleware']);
    expect(hook?.middlewareUses?.[0]?.skips).toEqual({ option: 'publicPaths', at: { file: 'src/auth.ts', line: 3 } });
  });

  it('the option given at the `use` call itself', async () => {
    const routes = await routesOf({
      'src/index.ts': [
        "import { Hono } from 'hono';",
        "import { jwt } from './jwt';",
        'const app = new Hono();',
        "app.use(jwt({ exclude: ['/health', '/public/*'] }));",
        "app.get('/health', (c) => c.text('ok'));",
        "app.get('/public/logo', (c) => c.text('ok'));",
        "app.get('/me', (c) => c.text('ok'));",
        'export default app;',
      ].join('\n'),
      'src/jwt.ts': 'export const jwt = (o: any) => async (c: any, next: any) => next();',
    });
    expect(names(routes.find((r) => r.path === '/health'))).toEqual([]);
    expect(names(routes.find((r) => r.path === '/public/logo'))).toEqual([]);
    expect(names(routes.find((r) => r.path === '/me'))).toHaveLength(1);
  });
});
