import { describe, expect, it } from 'vitest';
import type { FrontendRouteData } from '../src/detectors/shared/frontend-route.js';
import { idFromFile, tanstackRouterDetector, urlOfId } from '../src/detectors/tanstack-router/index.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const routes = async (fixture: string) => (await detect(tanstackRouterDetector, fixture)).map((f) => f.data as FrontendRouteData);

describe('TanStack Router detector', () => {
  it('turns route ids into URLs: pathless _layouts and (groups) out, trailing slash is the index', () => {
    expect(urlOfId('/_auth/dashboard')).toEqual({ path: '/dashboard', index: false });
    expect(urlOfId('/(marketing)/pricing')).toEqual({ path: '/pricing', index: false });
    expect(urlOfId('/posts/')).toEqual({ path: '/posts', index: true });
    expect(idFromFile('src/routes/posts.$postId.tsx')).toBe('/posts/$postId');
    expect(idFromFile('src/routes/_auth/settings/route.tsx')).toBe('/_auth/settings');
    expect(idFromFile('src/routes/index.lazy.tsx')).toBe('/');
  });

  it('reads file routes with their components, layouts, lazy routes and beforeLoad guards', async () => {
    const found = await routes('fe-tanstack-router');
    expect(found.map((r) => `${r.extras?.id} ${r.path} → ${r.component} @ ${r.file}:${r.line}`)).toEqual([
      '/ / → (inline) @ src/routes/index.tsx:4',
      '/(marketing)/pricing /pricing → Pricing @ src/routes/(marketing)/pricing.lazy.tsx:7',
      '/_auth / → (inline) @ src/routes/_auth.tsx:7',
      '/_auth/dashboard /dashboard → Dashboard @ src/components/Dashboard.tsx:3',
      '/login /login → Login @ src/routes/login.tsx:3',
      '/posts /posts → PostsLayout @ src/routes/posts.tsx:9',
      '/posts/ /posts → PostsIndex @ src/routes/posts.index.tsx:7',
      '/posts/$postId /posts/$postId → PostView @ src/components/PostView.tsx:2',
      '__root__ / → RootComponent @ src/routes/__root.tsx:9',
    ]);
    const by = (id: string) => found.find((r) => r.extras?.id === id)!;
    expect(by('/_auth/dashboard').guards).toEqual(['beforeLoad in /_auth']);
    expect(by('/login').guards).toEqual([]);
    expect(by('/posts').layout).toBe(true);
    expect(by('/posts/').layout).toBe(false);
    expect(by('/(marketing)/pricing').lazy).toBe(true);
  });

  it('nests file routes by id: a (group) layout wraps and guards only its folder, its index route included', async () => {
    const found = await routes('fe-tanstack-groups');
    const by = (id: string) => found.find((r) => r.extras?.id === id)!;
    expect(by('/(app)/').guards).toEqual(['beforeLoad in /(app)']);
    expect(by('/(app)/about').guards).toEqual(['beforeLoad in /(app)']);
    expect(by('/(auth)/login').guards).toEqual([]);
    expect(by('/(app)').extras?.pathless).toBe('yes');
    const md = (await section(frontendStep, 'fe-tanstack-groups')).markdown;
    expect(md).toContain('| / (index) | `Dashboard` | `/src/routes/(app)/index.tsx:7` | guarded by beforeLoad in /(app) |');
    expect(md).toContain('- `AppLayout` — `/src/routes/(app)/route.tsx:11` — wraps 3 routes under / (a layout without a path: adds no URL segment), guarded by `beforeLoad in /(app)`');
    expect(md).toContain('- `Root` — `/src/routes/__root.tsx:5` — wraps 5 routes under /');
    // Step 9 counts the index with the other guarded routes of the group (and the layout itself).
    const s9 = (await section(workflowsStep, 'fe-tanstack-groups')).markdown;
    expect(s9).toContain('**Access:** pages here sit behind `beforeLoad in /(app)`, as 4 of 7 routes do.');
  });

  it('a beforeLoad that sends signed-in users away (login, signup) is guest-only, not a guard', async () => {
    const found = await routes('fe-tanstack-groups');
    const by = (id: string) => found.find((r) => r.extras?.id === id)!;
    // `if (session?.user && session?.session) throw redirect(…)` inside try/catch, and `if (context.auth.isAuthenticated)`.
    for (const id of ['/(auth)/login', '/(auth)/signup']) {
      expect(by(id).guards).toEqual([]);
      expect(by(id).extras?.guestOnly).toBe(`beforeLoad in ${id}`);
    }
    const md = (await section(frontendStep, 'fe-tanstack-groups')).markdown;
    expect(md).toContain('| /login | `LoginPage` | `/src/routes/(auth)/login.tsx:18` | guest-only: beforeLoad in /(auth)/login sends signed-in users elsewhere |');
    expect(md).not.toMatch(/guarded by[^|\n]*\(auth\)/);
  });

  it('a pathless _layout wraps its own routes only, not every route under /', async () => {
    const md = (await section(frontendStep, 'fe-tanstack-router')).markdown;
    expect(md).toContain('- `(inline)` — `/src/routes/_auth.tsx:7` — wraps 1 route under / (a layout without a path: adds no URL segment), guarded by `beforeLoad in /_auth`');
    expect(md).toContain('- `PostsLayout` — `/src/routes/posts.tsx:9` — wraps 2 routes under /posts');
  });

  it('composes code routes through getParentRoute, with pathless id routes as guarded layouts', async () => {
    const found = await routes('fe-tanstack-code');
    expect(found.map((r) => `${r.path} → ${r.component ?? '-'} @ ${r.file ?? '-'} ${r.guards.join(',')}`)).toEqual([
      '/ → Home @ src/router.tsx ',
      '/ → - @ - beforeLoad in /_auth',
      '/projects → Projects @ src/router.tsx beforeLoad in /_auth',
      '/projects/$projectId → Project @ src/router.tsx beforeLoad in /_auth',
      '/settings → Settings @ src/Settings.tsx beforeLoad in /_auth',
      '/ → (inline) @ src/router.tsx ',
    ]);
  });

  it('a test helper that builds a throwaway router (src/test/) adds no routes; a routes/ folder named like a test folder still does', async () => {
    const harness = [
      "import { createRootRoute, createRoute } from '@tanstack/react-router';",
      'export function renderWithRouter(ui: unknown, path = "/") {',
      '  const rootRoute = createRootRoute();',
      '  const routeUnderTest = createRoute({ getParentRoute: () => rootRoute, path, component: () => ui });',
      '  return rootRoute.addChildren([routeUnderTest]);',
      '}',
    ].join('\n');
    const fileRoute = (id: string) => `import { createFileRoute } from '@tanstack/react-router';\nexport const Route = createFileRoute('${id}')({ component: () => null });\n`;
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { '@tanstack/react-router': '^1.58.0', react: '^18.3.1', 'react-dom': '^18.3.1' }, devDependencies: { vite: '^5.4.0' } }),
      'src/routes/__root.tsx': "import { createRootRoute } from '@tanstack/react-router';\nexport const Route = createRootRoute({ component: () => null });\n",
      'src/routes/index.tsx': fileRoute('/'),
      'src/routes/specs/$id.tsx': fileRoute('/specs/$id'),
      'src/routes/index.test.tsx': `${fileRoute('/')}test('renders', () => {});\n`,
      'src/test/router-harness.tsx': harness,
      'src/__tests__/helpers.tsx': harness,
    });
    const found = await routes(root);
    expect(found.map((r) => `${r.extras?.id} @ ${r.declaredAt.file}`)).toEqual(['/ @ src/routes/index.tsx', '/specs/$id @ src/routes/specs/$id.tsx', '__root__ @ src/routes/__root.tsx']);
  });

  it('step 9 counts the route files of the folder: a layout with no component and a server-only route are route files too', async () => {
    const fileRoute = (id: string, options = 'component: () => null') => `import { createFileRoute } from '@tanstack/react-router';\nexport const Route = createFileRoute('${id}')({ ${options} });\n`;
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { '@tanstack/react-router': '^1.58.0', react: '^18.3.1', 'react-dom': '^18.3.1' }, devDependencies: { vite: '^5.4.0' } }),
      'src/routes/__root.tsx': "import { createRootRoute } from '@tanstack/react-router';\nexport const Route = createRootRoute({ component: () => null });\n",
      'src/routes/index.tsx': fileRoute('/'),
      'src/routes/about.tsx': fileRoute('/about'),
      'src/routes/pricing.tsx': fileRoute('/pricing'),
      'src/routes/workspaces.tsx': fileRoute('/workspaces', 'beforeLoad: () => undefined'),
      'src/routes/workspaces.index.tsx': fileRoute('/workspaces/'),
      'src/routes/api.auth.$.ts': fileRoute('/api/auth/$', 'server: { handlers: { GET: () => new Response() } }'),
      'src/routes/about.test.tsx': "import { it } from 'vitest';\nit('renders', () => {});\n",
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('add one under `/src/routes/` (7 route files there); copy `/src/routes/about.tsx`');
  });
});

