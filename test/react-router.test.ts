import { describe, expect, it } from 'vitest';
import { reactRouterDetector } from '../src/detectors/react-router/index.js';
import { flatRoutePath } from '../src/detectors/react-router/framework.js';
import type { FrontendRouteData } from '../src/detectors/shared/frontend-route.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { EXAMPLE, detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const routes = async (fixture: string) => (await detect(reactRouterDetector, fixture)).filter((f) => f.kind === 'react-router.route').map((f) => f.data as FrontendRouteData);
const row = (r: FrontendRouteData) => `${r.path}${r.index ? ' (index)' : ''} → ${r.component ?? '-'} @ ${r.file ?? r.module ?? '-'}:${r.line ?? ''}`;

describe('React Router detector', () => {
  it('reads route objects: nested children, index, Component, lazy, spread route arrays from another file, descendant <Routes>', async () => {
    const found = await routes('fe-react-router');
    expect(found.map(row).sort()).toEqual(
      [
        '/ → RootLayout @ src/layouts/RootLayout.tsx:4',
        '/ (index) → HomePage @ src/pages/HomePage.tsx:2',
        '/login → LoginPage @ src/pages/LoginPage.tsx:3',
        '/ → ProtectedRoute @ src/components/ProtectedRoute.tsx:4',
        '/dashboard → DashboardLayout @ src/layouts/DashboardLayout.tsx:5',
        '/dashboard (index) → Overview @ src/pages/Overview.tsx:4',
        '/dashboard/keys → ApiKeysPage @ src/pages/ApiKeysPage.tsx:5',
        '/dashboard/keys/:keyId → KeyDetail @ src/pages/KeyDetail.tsx:4',
        '/dashboard/settings/* → Settings @ src/pages/Settings.tsx:12',
        '/dashboard/settings (index) → Profile @ src/pages/Settings.tsx:4',
        '/dashboard/settings/billing → Billing @ src/pages/Settings.tsx:8',
        '/admin → AdminPage @ src/pages/AdminPage.tsx:3',
        '/* → NotFound @ src/router.tsx:14',
      ].sort(),
    );
  });

  it('carries a pathless guard layout down to its children and marks lazy routes', async () => {
    const found = await routes('fe-react-router');
    const by = (c: string) => found.find((r) => r.component === c)!;
    expect(by('ProtectedRoute').layout).toBe(true);
    expect(by('ProtectedRoute').guards).toEqual([]);
    expect(by('DashboardLayout').guards).toEqual(['ProtectedRoute']);
    expect(by('AdminPage').guards).toEqual(['ProtectedRoute']);
    expect(by('Billing').guards).toEqual(['ProtectedRoute']);
    expect(by('LoginPage').guards).toEqual([]);
    expect(by('KeyDetail').lazy).toBe(true);
    expect(by('Settings').lazy).toBe(true);
    expect(by('AdminPage').declaredAt).toEqual({ file: 'src/routes/admin.tsx', line: 4 });
    expect(by('RootLayout').extras).toEqual({ errorElement: 'ErrorPage' });
  });

  it('reads <Routes>/<Route> JSX: wrappers as guards, namespace imports through a barrel, conditional routes, createRoutesFromElements', async () => {
    const found = await routes('fe-react-router-jsx');
    expect(found.map(row).sort()).toEqual(
      [
        '/ → Layout @ src/components/Layout.jsx:2',
        '/ (index) → Pages.Home @ src/pages/Home.jsx:1',
        '/projects → - @ -:',
        '/projects (index) → Pages.Projects @ src/pages/Projects.jsx:4',
        '/projects/:projectId → Pages.ProjectDetail @ src/pages/ProjectDetail.jsx:5',
        '/about → Pages.About @ src/pages/About.jsx:1',
        '/* → Pages.NotFound @ src/pages/NotFound.jsx:1',
        '/embed/:projectId → Widget @ src/embed/Widget.jsx:1',
      ].sort(),
    );
    const detail = found.find((r) => r.component === 'Pages.ProjectDetail')!;
    expect(detail.guards).toEqual(['RequireAuth']);
    expect(detail.guardAt).toEqual({ RequireAuth: { file: 'src/components/RequireAuth.jsx', line: 4 } });
    expect(found.find((r) => r.path === '/about')!.guards).toEqual(["when process.env.REACT_APP_SHOW_ABOUT === 'true'"]);
  });

  it('reads framework-mode routes.ts (index, route, layout, prefix) and flat file routes', async () => {
    const found = await routes('fe-rr7-framework');
    expect(found.map(row)).toEqual([
      '/ (index) → Home @ app/routes/home.tsx:1',
      '/about → About @ app/routes/about.tsx:1',
      '/ → AuthLayout @ app/routes/auth-layout.tsx:3',
      '/login → Login @ app/routes/login.tsx:1',
      '/register → Register @ app/routes/register.tsx:1',
      '/projects (index) → ProjectsHome @ app/routes/projects/home.tsx:1',
      '/projects/:pid → Project @ app/routes/projects/project.tsx:7',
      '/:lang?/pricing → Lang @ app/flat/($lang).pricing.tsx:1',
      '/concerts → Concerts @ app/flat/concerts.tsx:2',
      '/concerts/:city → Concert @ app/flat/concerts.$city.tsx:1',
      '/concerts (index) → Trending @ app/flat/concerts._index.tsx:1',
      '/docs/* → Docs @ app/flat/docs.$.tsx:1',
    ]);
    expect(found.find((r) => r.component === 'Concerts')!.layout).toBe(true);
  });

  it('finds routes.ts in the appDirectory react-router.config.ts names (src/, not app/)', async () => {
    const found = await routes('fe-rr7-app-dir');
    expect(found.map(row)).toEqual([
      '/ (index) → Landing @ src/routes/landing.tsx:1',
      '/ → AppLayout @ src/routes/app-layout.tsx:3',
      '/home → Home @ src/routes/home.tsx:1',
    ]);
  });

  it("counts what a routes.ts layout() nests, not every route of the app (it shares / with them)", async () => {
    const md = (await section(frontendStep, 'fe-rr7-framework')).markdown;
    expect(md).toContain('- `AuthLayout` — `/app/routes/auth-layout.tsx:3` — wraps 2 routes under / (a layout without a path: adds no URL segment)');
    expect(md).toContain('- `Concerts` — `/app/flat/concerts.tsx:2` — wraps 2 routes under /concerts');
  });

  it('converts flat route names like Remix does', () => {
    expect(flatRoutePath('_index')).toEqual({ path: '/', index: true });
    expect(flatRoutePath('_auth.login')).toEqual({ path: '/login', index: false });
    expect(flatRoutePath('concerts_.mine')).toEqual({ path: '/concerts/mine', index: false });
    expect(flatRoutePath('sitemap[.]xml')).toEqual({ path: '/sitemap.xml', index: false });
  });

  it('finds every dashboard route of the example, guarded by RequireAuth', async () => {
    const found = await routes(EXAMPLE);
    expect(found).toHaveLength(11);
    expect(found.every((r) => r.file && r.file.startsWith('packages/dashboard/src/'))).toBe(true);
    expect(found.filter((r) => r.guards.includes('RequireAuth')).map((r) => r.path).sort()).toEqual(
      ['/', '/', '/billing', '/keys', '/namespaces', '/namespaces/:namespaceId', '/settings', '/usage'].sort(),
    );
  });

  it('reads a route array rendered through JSX: `routes.map(({ element: Element, ...rest }) => <Route {...rest} …/>)` and `route.x` attributes', async () => {
    const found = await routes('fe-react-router-mapped');
    expect(found.map(row).sort()).toEqual(
      [
        '/ (index) → Welcome @ src/pages/Welcome.jsx:1',
        '/dashboard → Dashboard @ src/pages/Dashboard.jsx:1',
        '/dashboard/:id → Dashboard @ src/pages/Dashboard.jsx:1',
        '/* → NotFound @ src/pages/NotFound.jsx:1',
        '/admin → AdminHome @ src/admin/AdminHome.jsx:1',
        '/admin/users → AdminUsers @ src/admin/AdminUsers.jsx:1',
      ].sort(),
    );
    const admin = found.find((r) => r.path === '/admin/users')!;
    expect(admin.guards).toEqual(['RequireAuth']);
    expect(admin.declaredAt).toEqual({ file: 'src/admin/routes.jsx', line: 6 });
    expect(found.find((r) => r.path === '/dashboard')!.declaredAt.file).toBe('src/routes/config.js');
  });
});

describe('React Router route arrays built in code', () => {
  it('reads entries behind ternaries and spreads of conditional arrays through .flatMap, each marked with its condition', async () => {
    const found = await routes('fe-react-router-built');
    const when = (r: FrontendRouteData) => r.guards.filter((g) => g.startsWith('when ')).join(' & ');
    expect(found.map((r) => `${row(r)} ${when(r)}`.trim()).sort()).toEqual(
      [
        '/ → Shell @ src/pages/Shell.tsx:1',
        '/ → Home @ src/pages/Home.tsx:1',
        '/chat → Chat @ src/pages/Chat.tsx:1',
        '/image → Image @ src/pages/Image.tsx:1 when imageEnabled',
        '/agent/:agentName → AgentByName @ src/pages/AgentByName.tsx:1 when inlineAgents',
        '/agent → Agent @ src/pages/Agent.tsx:1 when !inlineAgents',
        '/* → NotFound @ src/pages/NotFound.tsx:1',
        '/builder → Builder @ src/pages/Builder.tsx:1 when builderEnabled',
      ].sort(),
    );
  });

  it('says which route array it could not read, and step 5 calls the count a lower bound', async () => {
    const facts = await detect(reactRouterDetector, 'fe-react-router-built');
    const unread = facts.filter((f) => f.kind === 'react-router.unread').map((f) => f.data);
    expect(unread).toEqual([{ app: '', file: 'src/main.tsx', line: 42, text: 'pluginRoutes()' }]);
    const md = (await section(frontendStep, 'fe-react-router-built')).markdown;
    expect(md).toContain('| `built-routes` | React + Vite | repository root | — | 5173 | at least 8 |');
    expect(md).toContain('At least 8 routes; the list is incomplete: routes are also built by code this map cannot follow statically (`pluginRoutes()` at `/src/main.tsx:42`). Look there for the rest:');
    // `saml ? <RequireSaml><Shell/></RequireSaml> : <RequireUserPool><Shell/></RequireUserPool>`: one guard or the other.
    expect(md).toContain('- `Shell` — `/src/pages/Shell.tsx:1` — wraps 6 routes under /, guarded by `RequireSaml or RequireUserPool`');
  });
});

describe('react-admin / ra-core routes', () => {
  it('maps <CustomRoutes> children and the views each <Resource> is given, props or spread from its module', async () => {
    const found = await routes('fe-react-admin');
    expect(found.map((r) => `${row(r)}${r.extras?.view ? ` [${r.extras.view}]` : ''}`).sort()).toEqual(
      [
        '/sign-up → SignupPage @ src/pages/SignupPage.tsx:1',
        '/settings → Settings @ src/pages/Settings.tsx:1',
        '/posts → PostList @ src/pages/PostList.tsx:1 [list]',
        '/posts/create → PostCreate @ src/pages/PostCreate.tsx:1 [create]',
        '/posts/:id → PostEdit @ src/pages/PostEdit.tsx:1 [edit]',
        '/users → UserList @ src/pages/UserList.tsx:1 [list]',
        '/users/:id/show → UserShow @ src/pages/UserShow.tsx:1 [show]',
        '/users/:id/notes/:noteId → NoteShow @ src/pages/NoteShow.tsx:1',
      ].sort(),
    );
    const md = (await section(frontendStep, 'fe-react-admin')).markdown;
    expect(md).toContain('| /posts/create | `PostCreate` | `/src/pages/PostCreate.tsx:1` | react-admin `posts` create view |');
    expect(md).not.toContain('No router found');
  });
});

describe('React Router guards by shape', () => {
  it('takes a layout that redirects unless a condition holds and otherwise renders <Outlet /> for a guard, whatever its name', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const dir = tempRepo({
      'package.json': JSON.stringify({ name: 'shop', dependencies: { react: '18', 'react-dom': '18', 'react-router-dom': '6' }, devDependencies: { vite: '5' } }),
      'src/components/AdminRoute.jsx': [
        "import { Navigate, Outlet } from 'react-router-dom';",
        'const AdminRoute = () => {',
        '  const user = useUser();',
        "  return user && user.isAdmin ? <Outlet /> : <Navigate to='/login' replace />;",
        '};',
        'export default AdminRoute;',
      ].join('\n'),
      'src/components/Shell.jsx': [
        "import { Outlet, useNavigate } from 'react-router-dom';",
        'export default function Shell() {',
        '  const navigate = useNavigate();',
        "  return <div><button onClick={() => ok && navigate('/')}>Home</button><Outlet /></div>;",
        '}',
      ].join('\n'),
      'src/pages.jsx': 'export const Orders = () => <p/>;\nexport const Home = () => <p/>;\n',
      'src/index.jsx': [
        "import { createBrowserRouter, createRoutesFromElements, Route } from 'react-router-dom';",
        "import AdminRoute from './components/AdminRoute';",
        "import Shell from './components/Shell';",
        "import { Orders, Home } from './pages';",
        'export const router = createBrowserRouter(createRoutesFromElements(',
        "  <Route path='/' element={<Shell />}>",
        "    <Route index element={<Home />} />",
        "    <Route path='' element={<AdminRoute />}>",
        "      <Route path='/admin/orders' element={<Orders />} />",
        '    </Route>',
        '  </Route>,',
        '));',
      ].join('\n'),
    });
    const found = await routes(dir);
    const by = (c: string) => found.find((r) => r.component === c)!;
    expect(by('Orders').guards).toEqual(['AdminRoute']);
    expect(by('Orders').guardAt).toEqual({ AdminRoute: { file: 'src/components/AdminRoute.jsx', line: 2 } });
    expect(by('Home').guards).toEqual([]);
  });

  it('counts a flat-route layout by file name: `account_.login` (trailing `_`) is outside the `account` layout', async () => {
    const page = (n: string) => `export default function ${n}() { return <p/>; }\n`;
    const dir = tempRepo({
      'package.json': JSON.stringify({ name: 'shop', dependencies: { '@remix-run/react': '2', '@remix-run/node': '2', react: '18' }, devDependencies: { '@remix-run/dev': '2' } }),
      'app/root.tsx': page('App'),
      'app/routes/($locale).account.tsx': "import { Outlet } from '@remix-run/react';\nexport default function Authenticated() { return <Outlet/>; }\n",
      'app/routes/($locale).account.edit.tsx': page('Edit'),
      'app/routes/($locale).account.orders.$id.tsx': page('Order'),
      'app/routes/($locale).account_.login.tsx': page('Login'),
      'app/routes/($locale).account_.logout.tsx': page('Logout'),
    });
    const md = (await section(frontendStep, dir)).markdown;
    expect(md).toContain('wraps 2 routes under /:locale?/account');
  });
});
