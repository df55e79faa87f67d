import { describe, expect, it } from 'vitest';
import { nextPagesDetector } from '../src/detectors/nextjs-pages/index.js';
import { reactRouterDetector } from '../src/detectors/react-router/index.js';
import type { FrontendRouteData } from '../src/detectors/shared/frontend-route.js';
import { conditionAudience } from '../src/detectors/shared/redirect-audience.js';
import { tanstackRouterDetector } from '../src/detectors/tanstack-router/index.js';
import { ts } from '../src/scan/ts.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const json = (o: unknown) => JSON.stringify(o);
const routesOf = async (detector: Parameters<typeof detect>[0], dir: string) => (await detect(detector, dir)).map((f) => f.data as FrontendRouteData);

function audience(condition: string) {
  const sf = ts.createSourceFile('x.ts', `if (${condition}) {}`, ts.ScriptTarget.Latest, true);
  return conditionAudience((sf.statements[0] as ts.IfStatement).expression, sf);
}

describe('who a redirect turns away', () => {
  it('reads a condition as holding for signed-in or signed-out visitors, and nothing else as either', () => {
    expect(audience('context.auth.isAuthenticated')).toBe('signed-in');
    expect(audience('session?.user && session?.session')).toBe('signed-in');
    expect(audience('!session?.user || !session?.session')).toBe('signed-out');
    expect(audience('session == null')).toBe('signed-out');
    expect(audience("status === 'unauthenticated'")).toBe('signed-out');
    expect(audience("status !== 'authenticated'")).toBe('signed-out');
    expect(audience('!(await isLoggedIn())')).toBe('signed-out');
    expect(audience('user.isGuest')).toBe('signed-out');
    // Role checks and helpers of unknown meaning are neither: their redirects stay guards.
    expect(audience('user && user.isAdmin')).toBeUndefined();
    expect(audience("user.role !== 'admin'")).toBeUndefined();
    expect(audience('search.redirect')).toBe('neutral');
  });

  it('TanStack: an early-exit login page is guest-only; an unconditional beforeLoad redirect is a redirect, not a guard', async () => {
    const dir = tempRepo({
      'package.json': json({ name: 'web', type: 'module', dependencies: { '@tanstack/react-router': '^1.120.0', react: '^19.0.0', 'react-dom': '^19.0.0' }, devDependencies: { vite: '^6.0.0' } }),
      'index.html': '<div id="app"></div><script type="module" src="/src/main.tsx"></script>',
      'src/main.tsx': 'export {};\n',
      'vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({});\n",
      'src/routes/__root.tsx': "import { createRootRoute } from '@tanstack/react-router';\nexport const Route = createRootRoute({});\n",
      'src/routes/login.tsx': [
        "import { createFileRoute, redirect } from '@tanstack/react-router';",
        "export const Route = createFileRoute('/login')({",
        '  beforeLoad: ({ context }) => {',
        '    if (!context.auth.user) return;',
        "    throw redirect({ to: '/' });",
        '  },',
        '  component: Login,',
        '});',
        'function Login() { return null; }',
      ].join('\n'),
      'src/routes/old.tsx': [
        "import { createFileRoute, redirect } from '@tanstack/react-router';",
        "export const Route = createFileRoute('/old')({",
        "  beforeLoad: () => { throw redirect({ to: '/new' }); },",
        '});',
      ].join('\n'),
      'src/routes/account.tsx': [
        "import { createFileRoute, redirect } from '@tanstack/react-router';",
        "export const Route = createFileRoute('/account')({",
        "  beforeLoad: ({ context }) => { if (!context.auth.user) throw redirect({ to: '/login' }); },",
        '  component: Account,',
        '});',
        'function Account() { return null; }',
      ].join('\n'),
    });
    const found = await routesOf(tanstackRouterDetector, dir);
    const by = (id: string) => found.find((r) => r.extras?.id === id)!;
    expect(by('/login').guards).toEqual([]);
    expect(by('/login').extras?.guestOnly).toBe('beforeLoad in /login');
    expect(by('/old').guards).toEqual([]);
    expect(by('/old').extras?.redirectsTo).toBe('/new');
    expect(by('/account').guards).toEqual(['beforeLoad in /account']);
    const md = (await section(frontendStep, dir)).markdown;
    expect(md).toContain('beforeLoad redirects to /new');
    expect(md).toContain('guest-only: beforeLoad in /login sends signed-in users elsewhere');
  });

  it('Next.js: a layout that redirects signed-in users on (an (auth) group) guards nothing it wraps', async () => {
    const dir = tempRepo({
      'package.json': json({ name: 'web', dependencies: { next: '15.0.0', react: '^19.0.0' } }),
      'app/layout.tsx': 'export default function Root({ children }) { return <html><body>{children}</body></html>; }\n',
      'app/(auth)/layout.tsx': [
        "import { redirect } from 'next/navigation';",
        "import { auth } from '@/lib/auth';",
        'export default async function AuthLayout({ children }) {',
        '  const session = await auth();',
        "  if (session?.user) redirect('/dashboard');",
        '  return <>{children}</>;',
        '}',
      ].join('\n'),
      'app/(auth)/login/page.tsx': 'export default function Login() { return null; }\n',
      'app/(app)/layout.tsx': [
        "import { redirect } from 'next/navigation';",
        "import { auth } from '@/lib/auth';",
        'export default async function AppLayout({ children }) {',
        '  const session = await auth();',
        "  if (!session) redirect('/login');",
        '  return <>{children}</>;',
        '}',
      ].join('\n'),
      'app/(app)/dashboard/page.tsx': 'export default function Dashboard() { return null; }\n',
    });
    const found = await routesOf(nextPagesDetector, dir);
    expect(found.find((r) => r.path === '/login' && !r.layout)!.guards).toEqual([]);
    expect(found.find((r) => r.path === '/dashboard' && !r.layout)!.guards).toEqual(["redirect('/login')"]);
  });

  it('React Router: a route component that sends signed-in users away is not a guard by its shape', async () => {
    const dir = tempRepo({
      'package.json': json({ name: 'shop', dependencies: { react: '18', 'react-dom': '18', 'react-router-dom': '6' }, devDependencies: { vite: '5' } }),
      'src/components/PublicOnly.jsx': [
        "import { Navigate, Outlet } from 'react-router-dom';",
        'export default function PublicOnly() {',
        '  const { user } = useSession();',
        "  return user ? <Navigate to='/' /> : <Outlet />;",
        '}',
      ].join('\n'),
      'src/pages.jsx': 'export const Login = () => <p/>;\n',
      'src/index.jsx': [
        "import { createBrowserRouter, createRoutesFromElements, Route } from 'react-router-dom';",
        "import PublicOnly from './components/PublicOnly';",
        "import { Login } from './pages';",
        'export const router = createBrowserRouter(createRoutesFromElements(',
        "  <Route element={<PublicOnly />}>",
        "    <Route path='/login' element={<Login />} />",
        '  </Route>,',
        '));',
      ].join('\n'),
    });
    const found = (await detect(reactRouterDetector, dir)).filter((f) => f.kind === 'react-router.route').map((f) => f.data as FrontendRouteData);
    expect(found.find((r) => r.component === 'Login')!.guards).toEqual([]);
  });
});
